// The chat with RivetKit's official browser client (rivetkit/client, bundled in rivetkit/rivetkit-client.js) instead
// of hand-written fetch and WebSocket code: the same chatRoom actors, reached through the RivetKit gateway (/rivet).
// ?room=<name> picks the room, ?encoding=json|bare|cbor the encoding (the client's default is bare). The signed-in
// session's cookie goes with the WebSocket upgrade, so the room posts as the signed-in user.
import { createClient } from './rivetkit/rivetkit-client.js';

const $ = (id) => document.getElementById(id);
const query = new URLSearchParams(location.search);
const roomName = query.get('room') || 'general';
const encoding = query.get('encoding') || 'bare';
$('room-title').textContent = '# ' + roomName;
$('encoding').textContent = encoding;

const client = createClient({ endpoint: location.origin + '/rivet', encoding });
const room = client.chatRoom.getOrCreate([roomName]);
// rivetkit 2.3.19 streams HTTP action bodies, which browsers send only over HTTP/2: actions go over the socket
const conn = room.connect();
const shown = new Set();

function show(message) {
  if (shown.has(message.id)) { return; }
  shown.add(message.id);
  const item = document.createElement('li');
  item.dataset.id = message.id;
  const sender = document.createElement('span');
  sender.className = 'sender';
  sender.textContent = message.sender;
  const text = document.createElement('span');
  text.className = 'text';
  text.textContent = message.text;
  item.append(sender, text);
  $('messages').append(item);
}

conn.onStatusChange((status) => {
  $('status').textContent = status;
  $('status').className = 'status ' + (status === 'connected' ? 'online' : 'offline');
});
conn.onError((error) => { $('send-error').textContent = error.group + '/' + error.code + ': ' + error.message; });
conn.on('newMessage', show);
conn.on('presence', (users) => { $('presence').textContent = users.join(', '); });

(async () => {
  (await conn.getHistory(null, 50)).forEach(show);
  $('presence').textContent = (await conn.whoIsOnline()).join(', ');
})().catch((error) => { $('send-error').textContent = error.code + ': ' + error.message; });

$('send').addEventListener('submit', async (event) => {
  event.preventDefault();
  const text = $('text').value;
  if (!text.trim()) { return; }
  try {
    $('send-error').textContent = '';
    show(await conn.sendMessage(text));
    $('text').value = '';
  }
  catch (error) {
    $('send-error').textContent = error.code + ': ' + error.message;
  }
});
