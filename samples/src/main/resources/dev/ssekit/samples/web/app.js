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
  const joinForm = document.getElementById('chat-join');
  const form = document.getElementById('chat-form');
  const username = document.getElementById('chat-username');
  const text = document.getElementById('chat-text');
  const seen = new Set();
  let opens = 0;

  function clock(iso) {
    return new Date(iso).toLocaleTimeString();
  }

  function once(e, render) {
    // A replay never repeats an id, but be defensive: a duplicate would be a bug worth showing.
    if (e.lastEventId && seen.has(e.lastEventId)) {
      line(list, 'duplicate event ' + e.lastEventId, 'system duplicate');
      return;
    }
    seen.add(e.lastEventId);
    render(JSON.parse(e.data));
  }

  function join(name) {
    const source = new EventSource('chat/events?username=' + encodeURIComponent(name));
    source.onopen = () => {
      opens++;
      state.textContent = stateOf(source);
      document.body.dataset.chatOpens = String(opens);
    };
    source.onerror = () => {
      state.textContent = stateOf(source);
      // A refused stream (for example 400 for a bad name) is not retried by the browser.
      if (source.readyState === EventSource.CLOSED) {
        error.textContent = 'the chat stream was refused; reload to try again';
      }
    };
    source.addEventListener('userconnect', (e) => once(e, (d) =>
      line(list, clock(d.time) + ' ' + d.username + ' joined', 'system userconnect', e.lastEventId)));
    source.addEventListener('userdisconnect', (e) => once(e, (d) =>
      line(list, clock(d.time) + ' ' + d.username + ' left', 'system userdisconnect', e.lastEventId)));
    source.addEventListener('usermessage', (e) => once(e, (d) => {
      const li = line(list, clock(d.time) + ' ' + d.username + ': ' + d.text, 'usermessage',
          e.lastEventId);
      li.dataset.username = d.username;
      li.dataset.text = d.text;
    }));
    // Anything unnamed on this stream is unexpected; show it rather than hide it.
    source.onmessage = (e) => { line(list, e.data, 'system message', e.lastEventId); };
    // Sent instead of a replay when the server no longer has the events after our Last-Event-ID
    // (it restarted, or we were away longer than its replay window).
    source.addEventListener('ssekit-reset', () => {
      line(list, '(some messages were missed while disconnected)', 'system reset');
    });
  }

  joinForm.addEventListener('submit', (ev) => {
    ev.preventDefault();
    username.readOnly = true;
    joinForm.hidden = true;
    form.hidden = false;
    state.textContent = 'connecting';
    join(username.value);
    text.focus();
  });

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
