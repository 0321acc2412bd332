// A print button: prints the page, whose print style keeps only the letters.
(function () {
  'use strict';
  document.querySelectorAll('button.print').forEach(function (button) {
    button.addEventListener('click', function () { window.print(); });
  });
}());
