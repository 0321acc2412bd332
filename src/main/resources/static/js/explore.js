// Explore page: looks for new studies every few minutes (the same page, fetched) and offers
// "N new studies, show them" instead of reloading; showing them keeps the ticked studies ticked.
(function () {
  'use strict';
  var table = document.getElementById('studies');
  var banner = document.getElementById('new-studies');
  if (!banner || window.location.search.indexOf('after=') >= 0) { return; }
  var seconds = parseInt(banner.getAttribute('data-poll-seconds'), 10) || 300;
  var count = document.getElementById('new-studies-count');
  var fresh = null;

  function ids(root) {
    return Array.prototype.map.call(root.querySelectorAll('input.select-study'), function (box) { return box.value; });
  }

  function look() {
    fetch(window.location.href, { credentials: 'same-origin', headers: { 'X-Requested-With': 'fetch' } })
      .then(function (response) { if (!response.ok) { throw new Error(String(response.status)); } return response.text(); })
      .then(function (html) {
        var page = new DOMParser().parseFromString(html, 'text/html');
        var body = page.querySelector('#studies tbody');
        if (!body) { return; }
        var known = table ? ids(table) : [];
        var added = ids(body).filter(function (id) { return known.indexOf(id) < 0; }).length;
        if (added > 0) {
          fresh = body;
          count.textContent = (added === 1 ? count.getAttribute('data-one') : count.getAttribute('data-many'))
            .replace('{0}', String(added));
          banner.hidden = false;
        }
      })
      .catch(function () { /* the next look tries again */ });
  }

  document.getElementById('show-new-studies').addEventListener('click', function () {
    if (!fresh) { return; }
    if (!table) { window.location.reload(); return; }
    var ticked = Array.prototype.filter.call(table.querySelectorAll('input.select-study'), function (box) {
      return box.checked;
    });
    var tickedIds = ticked.map(function (box) { return box.value; });
    var body = document.importNode(fresh, true);
    Array.prototype.forEach.call(body.querySelectorAll('input.select-study'), function (box) {
      box.checked = tickedIds.indexOf(box.value) >= 0;
    });
    var shown = ids(body);
    ticked.forEach(function (box) {
      if (shown.indexOf(box.value) < 0) {
        var row = box.closest('tr').cloneNode(true);
        row.querySelector('input.select-study').checked = true;
        body.appendChild(row);
      }
    });
    table.replaceChild(body, table.querySelector('tbody'));
    banner.hidden = true;
    fresh = null;
  });

  window.setInterval(look, seconds * 1000);
}());
