// The analytics dashboard: plain JavaScript, no CDN. Loads the 24-hour report (a map-reduce job over the hour
// shards), draws it on a canvas, and follows the current hour's shard live over its WebSocket.
(function () {
  'use strict';

  const $ = (id) => document.getElementById(id);
  let report = { viewsByHour: {}, topPages: {}, allowed: 0, rejected: 0 };
  let socket = null;
  let socketHour = null;

  async function refresh() {
    try {
      const response = await fetch('/api/dashboard');
      report = await response.json();
      render();
      follow(Object.keys(report.viewsByHour).pop());
    } catch (error) {
      $('status').textContent = 'offline';
    }
  }

  function render() {
    const hours = Object.keys(report.viewsByHour);
    const values = hours.map((hour) => report.viewsByHour[hour]);
    $('current').textContent = values.length ? values[values.length - 1] : 0;
    $('allowed').textContent = report.allowed;
    $('rejected').textContent = report.rejected;
    $('pages').replaceChildren(...Object.entries(report.topPages).map(([url, views]) => {
      const row = document.createElement('tr');
      const name = document.createElement('td');
      name.textContent = url;
      const count = document.createElement('td');
      count.className = 'n';
      count.textContent = views;
      row.append(name, count);
      return row;
    }));
    const canvas = $('chart');
    const context = canvas.getContext('2d');
    context.clearRect(0, 0, canvas.width, canvas.height);
    const max = Math.max(1, ...values);
    const width = canvas.width / Math.max(1, values.length);
    values.forEach((value, i) => {
      const height = (canvas.height - 30) * value / max;
      context.fillStyle = (i === values.length - 1) ? '#2e7d32' : '#5b7db1';
      context.fillRect(i * width + 2, canvas.height - 20 - height, width - 4, height);
      context.fillStyle = '#555';
      context.font = '10px sans-serif';
      context.fillText(hours[i].slice(11) + 'h', i * width + 4, canvas.height - 6);
    });
  }

  function follow(hour) {
    if (!hour || (hour === socketHour && socket && socket.readyState <= 1)) { return; }
    if (socket) { socket.onclose = null; socket.close(); }
    socketHour = hour;
    const scheme = location.protocol === 'https:' ? 'wss://' : 'ws://';
    socket = new WebSocket(scheme + location.host + '/actors/hourlyAnalytics/' + hour + '/connect');
    socket.onmessage = (frame) => {
      const body = JSON.parse(frame.data).body;
      if (body.tag === 'Init') {
        $('status').textContent = 'live';
        $('status').className = 'status online';
        socket.send(JSON.stringify({ body: { tag: 'SubscriptionRequest', val: { eventName: 'tracked', subscribe: true } } }));
      } else if (body.tag === 'Event' && body.val.name === 'tracked') {
        const [url, total] = body.val.args;
        report.viewsByHour[hour] = total;
        report.topPages[url] = (report.topPages[url] || 0) + 1;
        render();
      }
    };
    socket.onclose = () => {
      $('status').textContent = 'offline';
      $('status').className = 'status';
      socketHour = null;
      setTimeout(refresh, 1000);
    };
  }

  refresh();
  setInterval(refresh, 15000);
})();
