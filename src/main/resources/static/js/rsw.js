// Access tab, RSW status: "Send" asks for its confirmation in a dialog on the tab; without
// JavaScript the link leads to the confirmation page instead.
(function () {
  'use strict';
  var dialog = document.getElementById('rsw-dialog');
  var send = document.getElementById('rsw-send');
  if (!dialog || !send || typeof dialog.showModal !== 'function') { return; }
  send.addEventListener('click', function (event) {
    event.preventDefault();
    dialog.showModal();
    document.getElementById('rsw-dialog-confirm').focus();
  });
  document.getElementById('rsw-dialog-cancel').addEventListener('click', function () {
    dialog.close();
    send.focus();
  });
}());
