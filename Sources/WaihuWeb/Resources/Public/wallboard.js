// The wallboard: listens to /api/v1/wallboard/stream (Server-Sent Events) and redraws agents by
// state and time in state, today's figures per project, and the alerts on agents busy or wrapping up too long.
(function () {
  'use strict';
  var root = document.getElementById('wallboard');
  if (!root) { return; }
  var $ = function (id) { return document.getElementById(id); };
  var labels = {};
  root.querySelectorAll('[data-label]').forEach(function (el) { labels[el.dataset.label] = el.textContent; });
  var source = null;

  function cell(row, text, className) {
    var td = document.createElement('td');
    td.textContent = text;
    if (className) { td.className = className; }
    row.appendChild(td);
  }
  function percent(value) { return value === null || value === undefined ? '—' : (value * 100).toFixed(1) + '%'; }
  function clock(seconds) {
    var h = Math.floor(seconds / 3600), m = Math.floor(seconds % 3600 / 60), s = seconds % 60;
    return (h ? h + ':' + (m < 10 ? '0' : '') : '') + m + ':' + (s < 10 ? '0' : '') + s;
  }

  function draw(snapshot) {
    // In the page's language (24-hour in Chinese), not the browser's.
    $('updated').textContent = new Date(snapshot.generated_at).toLocaleTimeString(document.documentElement.lang || []);
    $('alerts').textContent = snapshot.alerts;
    $('alerts').className = snapshot.alerts ? 'chip error' : 'chip';
    var counts = {};
    snapshot.agents.forEach(function (a) { counts[a.state] = (counts[a.state] || 0) + 1; });
    var tiles = $('by-state');
    tiles.textContent = '';
    var loggedIn = snapshot.agents.filter(function (a) { return a.state !== 'logged_out'; }).length;
    $('nobody').hidden = loggedIn > 0;
    Object.keys(counts).sort().forEach(function (state) {
      var tile = document.createElement('div');
      tile.className = 'tile';
      var b = document.createElement('b');
      b.textContent = counts[state];
      tile.appendChild(b);
      tile.appendChild(document.createTextNode(labels[state] || state));
      tiles.appendChild(tile);
    });
    var figures = $('figure-alerts');
    figures.textContent = '';
    var english = (document.documentElement.lang || '').indexOf('en') === 0;
    (snapshot.figure_alerts || []).forEach(function (alert) {
      var item = document.createElement('li');
      item.className = 'error';
      item.textContent = english ? alert.message.en : alert.message.zh;
      figures.appendChild(item);
    });
    if (!figures.childElementCount) {
      var none = document.createElement('li');
      none.textContent = labels.no_figure_alerts || '';
      figures.appendChild(none);
    }
    var projects = $('projects');
    projects.textContent = '';
    snapshot.projects.forEach(function (p) {
      var row = document.createElement('tr');
      cell(row, p.code + ' ' + p.name);
      cell(row, labels['mode_' + p.dial_mode] || p.dial_mode);
      cell(row, p.calls);
      cell(row, p.connected);
      cell(row, percent(p.connect_rate));
      cell(row, p.completed);
      cell(row, p.successes);
      cell(row, percent(p.abandon_rate) + ' (' + p.abandoned + '/' + p.answered_by_person + ')');
      projects.appendChild(row);
    });
    if (!snapshot.projects.length) {
      var empty = document.createElement('tr');
      cell(empty, labels.no_calls || '', 'help');
      empty.firstChild.colSpan = 8;
      projects.appendChild(empty);
    }
    var agents = $('agents');
    agents.textContent = '';
    // On the SIP trunk each agent's phone line: a line down (Waihu is calling it again) shows red.
    var phones = snapshot.agents.some(function (a) { return a.phone; });
    $('phone-column').hidden = !phones;
    snapshot.agents.forEach(function (a) {
      var row = document.createElement('tr');
      if (a.alert) { row.className = 'error'; }
      cell(row, a.number + ' ' + a.name);
      cell(row, a.team || '');
      cell(row, a.project || '');
      cell(row, (labels[a.state] || a.state) + (a.reason ? ' · ' + (labels['reason_' + a.reason] || a.reason) : ''));
      cell(row, clock(a.seconds_in_state) + (a.alert ? ' ⚠' : ''));
      if (phones) {
        var line = a.phone || { status: 'not_configured' };
        cell(row, (labels['phone_' + line.status] || line.status) + (line.reason ? ' · ' + line.reason : ''),
             line.status === 'up' ? '' : line.status === 'idle' ? 'help' : 'error');
      }
      agents.appendChild(row);
    });
  }

  function listen() {
    if (source) { source.close(); }
    source = new EventSource('/api/v1/wallboard/stream?busy_alert_minutes=' + encodeURIComponent($('busy-alert').value || 15));
    source.addEventListener('wallboard', function (event) { draw(JSON.parse(event.data)); });
  }
  var saved = window.localStorage && localStorage.getItem('waihu.busyAlert');
  if (saved) { $('busy-alert').value = saved; }
  $('busy-alert').addEventListener('change', function () {
    if (window.localStorage) { localStorage.setItem('waihu.busyAlert', $('busy-alert').value); }
    listen();
  });
  listen();

  // Big-screen mode for the floor's TV: the page alone, large, full screen when the browser allows;
  // /wallboard?big=1 opens in it.
  function bigScreen(on) {
    document.body.classList.toggle('big-screen', on);
    if (on && document.documentElement.requestFullscreen) { document.documentElement.requestFullscreen().catch(function () {}); }
    if (!on && document.fullscreenElement && document.exitFullscreen) { document.exitFullscreen().catch(function () {}); }
  }
  $('big-screen').addEventListener('click', function () { bigScreen(!document.body.classList.contains('big-screen')); });
  document.addEventListener('keydown', function (event) {
    if (event.key === 'Escape' && document.body.classList.contains('big-screen')) { bigScreen(false); }
  });
  if (/[?&]big=1/.test(location.search)) { document.body.classList.add('big-screen'); }
})();
