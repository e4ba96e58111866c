// gMSA Portal browser script: served by the portal itself (no CDN), loaded with defer, no inline code.
(function () {
  'use strict';

  // Times are stored and sent in UTC; show them in the viewer's zone, keeping UTC in the tooltip.
  function localiseTimes() {
    var format = new Intl.DateTimeFormat(undefined, {
      year: 'numeric', month: '2-digit', day: '2-digit',
      hour: '2-digit', minute: '2-digit', second: '2-digit', timeZoneName: 'short'
    });
    document.querySelectorAll('time[datetime]').forEach(function (el) {
      var when = new Date(el.getAttribute('datetime'));
      if (!isNaN(when.getTime())) {
        el.title = el.getAttribute('datetime');
        el.textContent = format.format(when);
      }
    });
  }

  // Filters typed as local times are read in this zone by the server.
  function fillTimeZone() {
    var zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    document.querySelectorAll('input[data-timezone-field]').forEach(function (input) {
      if (!input.value && zone) {
        input.value = zone;
      }
    });
  }

  document.addEventListener('DOMContentLoaded', function () {
    localiseTimes();
    fillTimeZone();
  });
}());
