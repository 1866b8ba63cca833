// The dashboard's system status: GET /api/health every 15 seconds. Values are written with
// textContent only.
(function () {
  'use strict';

  var REFRESH_MS = 15000;
  var status = document.getElementById('status');
  var version = document.getElementById('version');
  var storage = document.getElementById('storage');
  var checked = document.getElementById('checked');

  function show(state, text) {
    status.dataset.state = state;
    status.textContent = text;
  }

  function refresh() {
    fetch('/api/health', { headers: { Accept: 'application/json' }, cache: 'no-store' })
      .then(function (response) { return response.json(); })
      .then(function (health) {
        show(health.status === 'healthy' ? 'healthy' : 'unhealthy',
          health.status === 'healthy' ? 'Tutto funziona' : 'Servizio degradato');
        version.textContent = health.version;
        var check = health.checks && health.checks.storage;
        storage.textContent = check ? (check.healthy ? 'raggiungibile' : 'non raggiungibile') + ' (' + check.durationMs + ' ms)' : '–';
        checked.textContent = new Date(health.timestamp).toLocaleString('it-IT', { timeZone: 'Europe/Rome' });
      })
      .catch(function () {
        show('unhealthy', 'Lucine non risponde');
      });
  }

  refresh();
  setInterval(refresh, REFRESH_MS);
})();
