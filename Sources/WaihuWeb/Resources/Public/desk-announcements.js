// The desk's unread announcements: fetched on load and every minute, each with a button that marks it read
// (the read receipt the site scorecard's 一.13 counts).
(function () {
  var root = document.getElementById('desk');
  var box = document.getElementById('announcements-box');
  var list = document.getElementById('announcements');
  if (!root || !box || !list) { return; }

  function request(method, path) {
    var headers = { 'Accept': 'application/json' };
    headers[root.dataset.csrfHeader] = root.dataset.csrf;
    return fetch(path, { method: method, headers: headers, credentials: 'same-origin' }).then(function (response) {
      return response.json().then(function (data) {
        if (!response.ok) { throw new Error(data.error ? data.error.message : response.status); }
        return data;
      });
    });
  }

  function show(items) {
    list.textContent = '';
    items.forEach(function (item) {
      var li = document.createElement('li');
      li.dataset.announcement = item.id;
      var title = document.createElement('b');
      title.textContent = item.title;
      li.appendChild(title);
      if (item.body) {
        var body = document.createElement('p');
        body.textContent = item.body;
        li.appendChild(body);
      }
      var button = document.createElement('button');
      button.type = 'button';
      button.className = 'secondary';
      button.dataset.read = item.id;
      button.textContent = box.dataset.readLabel;
      li.appendChild(button);
      list.appendChild(li);
    });
    box.hidden = items.length === 0;
  }

  function load() { request('GET', '/desk/announcements').then(show).catch(function () {}); }

  list.addEventListener('click', function (event) {
    var id = event.target.dataset && event.target.dataset.read;
    if (!id) { return; }
    event.target.disabled = true;
    request('POST', '/desk/announcements/' + id + '/read').then(show).catch(function () { event.target.disabled = false; });
  });

  load();
  setInterval(load, 60000);
})();
