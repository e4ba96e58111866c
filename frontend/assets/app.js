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

  // A running run's page follows its progress without reloading; without script, its refresh link does.
  function followRun() {
    var live = document.querySelector('[data-progress-url]');
    if (!live) {
      return;
    }
    var url = live.getAttribute('data-progress-url');
    var refresh = document.getElementById('refresh');
    function show(progress) {
      document.getElementById('run-state').textContent = progress.state;
      document.getElementById('run-failure').textContent = progress.failure || '\u2013';
      progress.steps.forEach(function (step) {
        var row = document.querySelector('tr[data-step="' + step.index + '"]');
        if (row) {
          row.querySelector('.step-state').textContent = step.state;
          row.querySelector('.step-detail').textContent = step.detail || '';
          row.querySelector('.step-attempts').textContent = String(step.attempts);
        }
      });
    }
    function poll() {
      fetch(url, { headers: { Accept: 'application/json' }, credentials: 'same-origin' })
        .then(function (response) { return response.ok ? response.json() : Promise.reject(response.status); })
        .then(function (progress) {
          show(progress);
          if (!progress.finished) {
            window.setTimeout(poll, 1500);
          } else {
            // Finished: reload once for the artifacts, actions and the password button.
            window.location.reload();
          }
        })
        .catch(function () { window.setTimeout(poll, 5000); });
    }
    if (refresh) {
      refresh.hidden = true;
    }
    window.setTimeout(poll, 1000);
  }

  document.addEventListener('DOMContentLoaded', function () {
    localiseTimes();
    fillTimeZone();
    followRun();
  });
}());
