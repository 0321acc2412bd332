// Study page: a click on a series thumbnail shows its images one by one (rendered by the DICOMweb
// gateway); Previous/Next and the arrow keys move through the series.
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

  function show(i) {
    if (!instances.length) { return; }
    index = Math.max(0, Math.min(instances.length - 1, i));
    frame.src = base + '/instances/' + encodeURIComponent(instances[index]) + '/rendered';
    position.textContent = (index + 1) + ' / ' + instances.length;
    previous.disabled = index === 0;
    next.disabled = index === instances.length - 1;
  }

  document.querySelectorAll('.series-thumb').forEach(function (button) {
    button.addEventListener('click', function () {
      document.querySelectorAll('.series-thumb.active').forEach(function (b) { b.classList.remove('active'); });
      button.classList.add('active');
      base = button.getAttribute('data-base');
      instances = (button.getAttribute('data-instances') || '').split(' ').filter(function (s) { return s; });
      viewer.hidden = false;
      show(0);
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
