'use strict';
// Plain browser JavaScript, no build step. Text from events is always set with textContent,
// never as HTML.

function line(list, text, cls, id) {
  const li = document.createElement('li');
  li.textContent = text;
  if (cls) li.className = cls;
  if (id) li.dataset.id = id;
  list.appendChild(li);
  list.scrollTop = list.scrollHeight;
  return li;
}

function stateOf(source) {
  return ['connecting', 'open', 'closed'][source.readyState];
}

// The seed's ping demo: a typed `ping` event every second, unnamed messages now and then.
(function ping() {
  const source = new EventSource('events');
  const state = document.getElementById('ping-state');
  const time = document.getElementById('ping-time');
  const count = document.getElementById('ping-count');
  const list = document.getElementById('ping-messages');
  source.onopen = () => { state.textContent = stateOf(source); };
  source.onerror = () => { state.textContent = stateOf(source); };
  source.addEventListener('ping', (e) => {
    const ping = JSON.parse(e.data);
    time.textContent = ping.time;
    time.dateTime = ping.time;
    count.textContent = String(Number(count.textContent) + 1);
  });
  source.onmessage = (e) => { line(list, e.data, 'message', e.lastEventId); };
})();

// The chat: userconnect / usermessage / userdisconnect, resumed without loss after a reconnect
// (the browser sends Last-Event-ID; the hub replays what was missed).
(function chat() {
  const list = document.getElementById('chat-messages');
  const state = document.getElementById('chat-state');
  const error = document.getElementById('chat-error');
  const form = document.getElementById('chat-form');
  const username = document.getElementById('chat-username');
  const text = document.getElementById('chat-text');
  const seen = new Set();
  let opens = 0;

  const source = new EventSource('chat/events');
  source.onopen = () => {
    opens++;
    state.textContent = stateOf(source);
    document.body.dataset.chatOpens = String(opens);
  };
  source.onerror = () => { state.textContent = stateOf(source); };

  function once(e, render) {
    // A replay never repeats an id, but be defensive: a duplicate would be a bug worth showing.
    if (e.lastEventId && seen.has(e.lastEventId)) {
      line(list, 'duplicate event ' + e.lastEventId, 'system duplicate');
      return;
    }
    seen.add(e.lastEventId);
    render(JSON.parse(e.data));
  }

  source.addEventListener('userconnect', (e) => once(e, (d) =>
    line(list, d.username + ' joined', 'system userconnect', e.lastEventId)));
  source.addEventListener('userdisconnect', (e) => once(e, (d) =>
    line(list, d.username + ' left', 'system userdisconnect', e.lastEventId)));
  source.addEventListener('usermessage', (e) => once(e, (d) => {
    const li = line(list, d.username + ': ' + d.text, 'usermessage', e.lastEventId);
    li.dataset.username = d.username;
    li.dataset.text = d.text;
  }));
  // Anything else on this stream (for example a reset after a long disconnect) is shown as is.
  source.onmessage = (e) => { line(list, e.data, 'system message', e.lastEventId); };
  source.addEventListener('reset', () => { line(list, '(history was lost: reloaded)', 'system'); });

  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    error.textContent = '';
    const response = await fetch('chat/messages', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: username.value, text: text.value }),
    });
    if (response.ok) {
      text.value = '';
    } else {
      error.textContent = 'not sent: ' + response.status + ' ' + (await response.text());
    }
  });
})();
