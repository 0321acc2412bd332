// Access tab: the cross of a grant asks for a reason, withdraws it and swaps in the returned row.
(function () {
  'use strict';
  var dialog = document.getElementById('withdraw-dialog');
  if (!dialog) { return; }
  var reason = document.getElementById('withdraw-reason');
  var problem = document.getElementById('withdraw-problem');
  var pending = null;

  document.addEventListener('submit', function (event) {
    var form = event.target;
    if (!form.classList || !form.classList.contains('withdraw')) { return; }
    event.preventDefault();
    pending = form;
    reason.value = '';
    problem.hidden = true;
    dialog.showModal();
    reason.focus();
  });

  document.getElementById('withdraw-cancel').addEventListener('click', function () {
    pending = null;
    dialog.close();
  });

  document.getElementById('withdraw-confirm').addEventListener('submit', function (event) {
    event.preventDefault();
    if (!pending || !reason.value.trim()) { reason.focus(); return; }
    var form = pending;
    var data = new FormData(form);
    data.append('reason', reason.value.trim());
    fetch(form.action, { method: 'POST', body: new URLSearchParams(data), credentials: 'same-origin',
        headers: { 'X-Requested-With': 'fetch' } })
      .then(function (response) {
        if (!response.ok) { throw new Error(String(response.status)); }
        return response.text();
      })
      .then(function (html) {
        var row = form.closest('tr');
        var body = document.createElement('tbody');
        body.innerHTML = html.trim();
        var fresh = body.querySelector('tr');
        if (row && fresh) { row.replaceWith(fresh); }
        pending = null;
        dialog.close();
      })
      .catch(function () { problem.hidden = false; });
  });
}());
