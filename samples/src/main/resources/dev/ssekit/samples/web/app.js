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
  const joinButton = document.getElementById('chat-join-button');
  const form = document.getElementById('chat-form');
  const sendButton = document.getElementById('chat-send');
  const username = document.getElementById('chat-username');
  const text = document.getElementById('chat-text');
  const seen = new Set();
  let opens = 0;
  // The page's one chat stream, null until joined: a second one would deliver every event twice.
  let source = null;

  // Exactly one of the two forms is shown: Join until the page has a stream, then Send.
  function showJoined(joined) {
    joinForm.hidden = joined;
    joinButton.disabled = joined;
    username.readOnly = joined;
    form.hidden = !joined;
    sendButton.disabled = !joined;
  }

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
    const stream = new EventSource('chat/events?username=' + encodeURIComponent(name));
    source = stream;
    stream.onopen = () => {
      opens++;
      state.textContent = stateOf(stream);
      document.body.dataset.chatOpens = String(opens);
    };
    stream.onerror = () => {
      state.textContent = stateOf(stream);
      // A refused stream (for example 400 for a bad name) is not retried by the browser.
      if (stream.readyState === EventSource.CLOSED) {
        error.textContent = 'the chat stream was refused; check the name and join again';
        if (source === stream) {
          source = null;
          showJoined(false);
        }
      }
    };
    stream.addEventListener('userconnect', (e) => once(e, (d) =>
      line(list, clock(d.time) + ' ' + d.username + ' joined', 'system userconnect', e.lastEventId)));
    stream.addEventListener('userdisconnect', (e) => once(e, (d) =>
      line(list, clock(d.time) + ' ' + d.username + ' left', 'system userdisconnect', e.lastEventId)));
    stream.addEventListener('usermessage', (e) => once(e, (d) => {
      const li = line(list, clock(d.time) + ' ' + d.username + ': ' + d.text, 'usermessage',
          e.lastEventId);
      li.dataset.username = d.username;
      li.dataset.text = d.text;
    }));
    // Anything unnamed on this stream is unexpected; show it rather than hide it.
    stream.onmessage = (e) => { line(list, e.data, 'system message', e.lastEventId); };
    // Sent instead of a replay when the server no longer has the events after our Last-Event-ID
    // (it restarted, or we were away longer than its replay window).
    stream.addEventListener('ssekit-reset', () => {
      line(list, '(some messages were missed while disconnected)', 'system reset');
    });
  }

  showJoined(false);

  joinForm.addEventListener('submit', (ev) => {
    ev.preventDefault();
    if (source) {
      return; // already joined (a double click, a repeated Enter)
    }
    error.textContent = '';
    showJoined(true);
    state.textContent = 'connecting';
    join(username.value);
    text.focus();
  });

  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    if (!source) {
      error.textContent = 'join the chat before sending';
      return;
    }
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
