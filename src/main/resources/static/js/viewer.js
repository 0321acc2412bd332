// Study page: a click on a series thumbnail shows its images one by one (rendered by the DICOMweb
// gateway); Previous/Next and the arrow keys move through the series. A window preset link of a
// series shows the series with that window without leaving the page (without JavaScript the link
// opens the series' first image with it).
(function () {
  'use strict';
  var viewer = document.getElementById('frame-viewer');
  if (!viewer) { return; }
  var frame = document.getElementById('frame');
  var position = document.getElementById('frame-position');
  var previous = document.getElementById('frame-previous');
  var next = document.getElementById('frame-next');
  var base = null;
  var instances = [];
  var index = 0;
  var windowValue = '';

  function show(i) {
    if (!instances.length) { return; }
    index = Math.max(0, Math.min(instances.length - 1, i));
    frame.src = base + '/instances/' + encodeURIComponent(instances[index]) + '/rendered'
      + (windowValue ? '?window=' + encodeURIComponent(windowValue) : '');
    position.textContent = (index + 1) + ' / ' + instances.length;
    previous.disabled = index === 0;
    next.disabled = index === instances.length - 1;
  }

  function open(button, keepIndex) {
    document.querySelectorAll('.series-thumb.active').forEach(function (b) { b.classList.remove('active'); });
    button.classList.add('active');
    base = button.getAttribute('data-base');
    instances = (button.getAttribute('data-instances') || '').split(' ').filter(function (s) { return s; });
    viewer.hidden = false;
    show(keepIndex ? index : 0);
  }

  document.querySelectorAll('.series-thumb').forEach(function (button) {
    button.addEventListener('click', function () {
      windowValue = '';
      markPreset(button.parentNode.querySelector('.window-preset'));
      open(button, false);
    });
  });

  function markPreset(link) {
    document.querySelectorAll('.window-preset[aria-current]').forEach(function (a) { a.removeAttribute('aria-current'); });
    if (link) { link.setAttribute('aria-current', 'true'); }
  }

  document.querySelectorAll('.window-preset').forEach(function (link) {
    link.addEventListener('click', function (event) {
      var button = link.closest('li').querySelector('.series-thumb');
      if (!button) { return; }
      event.preventDefault();
      windowValue = link.getAttribute('data-window') || '';
      markPreset(link);
      open(button, button.classList.contains('active'));
    });
  });
  previous.addEventListener('click', function () { show(index - 1); });
  next.addEventListener('click', function () { show(index + 1); });
  viewer.addEventListener('keydown', function (event) {
    if (event.key === 'ArrowLeft') { show(index - 1); }
    if (event.key === 'ArrowRight') { show(index + 1); }
  });
  viewer.tabIndex = 0;
}());
