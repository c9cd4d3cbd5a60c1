'use strict';
// Opens n EventSources to the ping stream and shows, for each, its state and how many events it
// received. window.streamStates() gives the same to a test.

(function streams() {
  const requested = Number(new URLSearchParams(location.search).get('n'));
  const n = Number.isInteger(requested) && requested > 0 && requested <= 100 ? requested : 12;
  const names = ['connecting', 'open', 'closed'];
  const table = document.getElementById('streams');
  const rows = [];
  document.getElementById('wanted').textContent = String(n);
  const navigation = performance.getEntriesByType('navigation')[0];
  document.getElementById('protocol').textContent =
    navigation && navigation.nextHopProtocol ? navigation.nextHopProtocol : 'unknown';

  function show() {
    let open = 0;
    let connecting = 0;
    for (const row of rows) {
      const state = names[row.source.readyState];
      row.state.textContent = state;
      row.state.className = state;
      row.count.textContent = String(row.events);
      open += row.source.readyState === EventSource.OPEN ? 1 : 0;
      connecting += row.source.readyState === EventSource.CONNECTING ? 1 : 0;
    }
    document.getElementById('open-count').textContent = String(open);
    document.getElementById('connecting-count').textContent = String(connecting);
  }

  for (let i = 0; i < n; i++) {
    const tr = document.createElement('tr');
    const number = document.createElement('td');
    number.textContent = String(i + 1);
    const state = document.createElement('td');
    const count = document.createElement('td');
    tr.append(number, state, count);
    table.appendChild(tr);
    const row = { source: new EventSource('events'), state, count, events: 0 };
    const counted = () => { row.events++; show(); };
    row.source.addEventListener('ping', counted);
    row.source.onmessage = counted;
    row.source.onopen = show;
    row.source.onerror = show;
    rows.push(row);
  }
  show();

  window.streamStates = () => ({
    protocol: navigation ? navigation.nextHopProtocol : null,
    streams: rows.map((row) => ({ state: names[row.source.readyState], events: row.events })),
  });
})();
