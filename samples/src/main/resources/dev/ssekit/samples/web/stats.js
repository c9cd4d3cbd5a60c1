'use strict';
// The node's live panel: its own stream (metrics/events), opened only while the panel is open, so
// that a closed panel holds no connection (HTTP/1.1 allows six per host). The server sends a
// `stats` event only when a figure changes; the full set is on metrics, for Prometheus.
(function stats() {
  const panel = document.getElementById('stats');
  const state = document.getElementById('stats-state');
  const fields = ['clients', 'sentPerSecond', 'dropped'];
  let source = null;

  function stateOf(s) {
    return ['connecting', 'open', 'closed'][s.readyState];
  }

  panel.addEventListener('toggle', () => {
    if (panel.open && source === null) {
      source = new EventSource('metrics/events');
      source.onopen = () => { state.textContent = stateOf(source); };
      source.onerror = () => { state.textContent = stateOf(source); };
      source.addEventListener('stats', (e) => {
        const figures = JSON.parse(e.data);
        for (const f of fields) {
          document.getElementById('stats-' + f).textContent = String(figures[f]);
        }
      });
    } else if (!panel.open && source !== null) {
      source.close();
      source = null;
      state.textContent = 'closed';
    }
  });
})();
