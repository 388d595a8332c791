// The chat page: plain JavaScript, no build step, no CDN. REST for commands, one WebSocket per room for
// live messages (RivetKit's frames: {"body":{"tag":...,"val":...}}), reconnecting after the server restarts.
// The user signed in with Spring Security's login form: the session cookie authenticates the REST calls and
// the WebSocket handshake, and the room takes the sender of a message from it.
(function () {
  'use strict';

  const $ = (id) => document.getElementById(id);
  let room = null;          // the room shown
  let socket = null;        // its WebSocket
  let nextId = 1;
  const pending = new Map(); // action id -> callback
  let retryDelay = 500;
  let typing = false;       // whether the room was told this user is typing

  async function showUser() {
    const response = await fetch('/api/me', { credentials: 'same-origin' });
    if (response.ok) { $('user').textContent = (await response.json()).user; }
  }

  async function call(actor, key, action, args) {
    const response = await fetch('/actors/' + actor + '/' + encodeURIComponent(key) + '/actions/' + action, {
      method: 'POST', credentials: 'same-origin', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ args: args || [] })
    });
    if (response.status === 401) { location.reload(); }
    const body = await response.json();
    if (!response.ok) { throw new Error(body.message || body.code); }
    return body.output;
  }

  async function loadRooms() {
    try {
      const rooms = await call('chatRoomList', 'main', 'listChatRooms');
      const list = $('rooms');
      list.replaceChildren(...rooms.map((name) => {
        const item = document.createElement('li');
        item.textContent = name;
        item.dataset.room = name;
        item.className = (name === room) ? 'current' : '';
        item.addEventListener('click', () => join(name));
        return item;
      }));
      $('rooms-error').textContent = '';
    } catch (error) {
      $('rooms-error').textContent = 'Could not load rooms: ' + error.message;
    }
  }

  $('create-room').addEventListener('submit', async (event) => {
    event.preventDefault();
    const name = $('room-name').value.trim();
    if (!name) { return; }
    try {
      await call('chatRoomList', 'main', 'createChatRoom', [name]);
      $('room-name').value = '';
    } catch (error) {
      $('rooms-error').textContent = error.message;
    }
    await loadRooms();
    join(name);
  });

  function showMessage(message) {
    const item = document.createElement('li');
    const sender = document.createElement('span');
    sender.className = 'sender';
    sender.textContent = message.sender;
    const text = document.createElement('span');
    text.className = 'text';
    text.textContent = message.text;
    const time = document.createElement('span');
    time.className = 'time';
    time.textContent = new Date(message.timestamp).toLocaleTimeString();
    item.append(sender, text, time);
    $('messages').append(item);
    item.scrollIntoView({ block: 'end' });
  }

  function setOnline(online) {
    $('status').textContent = online ? 'online' : 'offline';
    $('status').className = 'status ' + (online ? 'online' : 'offline');
    $('text').disabled = !online;
    document.querySelector('[data-testid=send]').disabled = !online;
  }

  // who is in the room and who is typing: the room keeps both in its connections' state, not in its file
  function showPresence(users) {
    $('presence').textContent = users.length ? 'Here: ' + users.join(', ') : '';
  }

  function showTyping(users) {
    const others = users.filter((user) => user !== $('user').textContent);
    $('typing').textContent = others.length ? others.join(', ') + (others.length > 1 ? ' are' : ' is') + ' typing…' : '';
  }

  function setTyping(value) {
    if (value === typing || !socket || socket.readyState !== WebSocket.OPEN) { return; }
    typing = value;
    socket.send(JSON.stringify({ body: { tag: 'ActionRequest', val: { id: nextId++, name: 'setTyping', args: [value] } } }));
  }

  async function join(name) {
    room = name;
    $('room-title').textContent = '# ' + name;
    document.querySelectorAll('#rooms li').forEach((li) => li.className = (li.dataset.room === name) ? 'current' : '');
    connect();
  }

  function connect() {
    if (socket) { socket.onclose = null; socket.close(); }
    setOnline(false);
    const scheme = location.protocol === 'https:' ? 'wss://' : 'ws://';
    const current = new WebSocket(scheme + location.host + '/actors/chatRoom/' + encodeURIComponent(room) + '/connect');
    socket = current;
    current.onmessage = async (frame) => {
      const body = JSON.parse(frame.data).body;
      if (body.tag === 'Init') {
        retryDelay = 500;
        typing = false;
        ['newMessage', 'presence', 'typing'].forEach((eventName) =>
          current.send(JSON.stringify({ body: { tag: 'SubscriptionRequest', val: { eventName: eventName, subscribe: true } } })));
        showPresence(await call('chatRoom', room, 'whoIsOnline'));
        showTyping([]);
        const history = await call('chatRoom', room, 'getHistory');
        $('messages').replaceChildren();
        history.forEach(showMessage);
        setOnline(true);
      } else if (body.tag === 'Event' && body.val.name === 'newMessage') {
        showMessage(body.val.args[0]);
      } else if (body.tag === 'Event' && body.val.name === 'presence') {
        showPresence(body.val.args[0]);
      } else if (body.tag === 'Event' && body.val.name === 'typing') {
        showTyping(body.val.args[0]);
      } else if (body.tag === 'ActionResponse' || body.tag === 'Error') {
        const callback = pending.get(body.val.id !== undefined ? body.val.id : body.val.actionId);
        if (callback) { callback(body); }
        if (body.tag === 'Error') { $('send-error').textContent = body.val.message; }
      }
    };
    current.onclose = () => {
      if (socket !== current) { return; }
      setOnline(false);
      setTimeout(() => { if (socket === current) { connect(); loadRooms(); } }, retryDelay);
      retryDelay = Math.min(retryDelay * 2, 5000);
    };
  }

  $('send').addEventListener('submit', (event) => {
    event.preventDefault();
    const text = $('text').value.trim();
    if (!text || !socket || socket.readyState !== WebSocket.OPEN) { return; }
    const id = nextId++;
    pending.set(id, (answer) => {
      pending.delete(id);
      if (answer.tag === 'ActionResponse') { $('send-error').textContent = ''; }
    });
    socket.send(JSON.stringify({ body: { tag: 'ActionRequest', val: { id: id, name: 'sendMessage', args: [text] } } }));
    $('text').value = '';
    typing = false; // sending a message ends typing in the room too
  });

  $('text').addEventListener('input', () => setTyping($('text').value.trim() !== ''));

  showUser();
  loadRooms();
  setInterval(loadRooms, 5000);
})();
