// Shows the first rows of a chosen customer file before it is imported: the encoding found,
// what each column feeds and which rows would be refused and why. The server reads them as the import
// will. A file up to 32 MB (and any workbook) is sent whole and counted row by row as the import would
// count it, with a warning when it was imported before; only the head of a larger CSV is sent. Every
// label comes from the form's data- attributes.
(function () {
  'use strict';
  var form = document.getElementById('import-form');
  if (!form) { return; }
  var input = form.querySelector('input[type=file]');
  var target = document.getElementById('import-preview');
  var HEAD = 256 * 1024, WHOLE = 32 * 1024 * 1024;

  function cell(tag, text, className) {
    var element = document.createElement(tag);
    element.textContent = text;
    if (className) { element.className = className; }
    return element;
  }

  function say(text, className) {
    target.textContent = '';
    target.appendChild(cell('p', text, className));
  }

  function render(data) {
    target.textContent = '';
    target.appendChild(cell('h3', form.dataset.title));
    target.appendChild(cell('p', form.dataset.encoding + '：' + data.encoding, 'help'));
    var table = document.createElement('table');
    var head = document.createElement('tr');
    head.appendChild(cell('th', form.dataset.line));
    data.columns.forEach(function (column) {
      var th = cell('th', column.header);
      th.appendChild(document.createElement('br'));
      th.appendChild(cell('small', '→ ' + column.label, column.field === 'phone' ? 'good' : 'help'));
      head.appendChild(th);
    });
    head.appendChild(cell('th', form.dataset.check));
    table.appendChild(head);
    data.rows.forEach(function (row) {
      var tr = document.createElement('tr');
      tr.appendChild(cell('td', String(row.line)));
      row.fields.forEach(function (value) { tr.appendChild(cell('td', value)); });
      tr.appendChild(cell('td', row.problem || form.dataset.ok, row.problem ? 'bad' : 'good'));
      table.appendChild(tr);
    });
    target.appendChild(table);
    if (data.imported_before) { target.appendChild(cell('p', data.imported_before, 'error')); }
    if (data.report) {
      var counts = form.dataset.counted + ' ' + form.dataset.rows + ' ' + data.report.rows + ' · ' + form.dataset.accepted + ' ' +
        data.report.accepted + ' · ' + form.dataset.rejected + ' ' + data.report.rejected;
      target.appendChild(cell('p', counts, 'notice'));
      var list = document.createElement('ul');
      (data.reasons || []).forEach(function (r) { list.appendChild(cell('li', r.label + '：' + r.count)); });
      target.appendChild(list);
    } else {
      target.appendChild(cell('p', form.dataset.headOnly, 'help'));
    }
  }

  input.addEventListener('change', function () {
    var file = input.files[0];
    if (!file) { target.textContent = ''; return; }
    var whole = /\.xlsx$/i.test(file.name) || file.size <= WHOLE;
    var body = new FormData();
    body.append('_csrf', form.querySelector('input[name=_csrf]').value);
    body.append('file', whole ? file : file.slice(0, HEAD), file.name);
    if (whole) { body.append('whole', 'true'); }
    say(form.dataset.loading, 'help');
    fetch(form.dataset.previewUrl, { method: 'POST', body: body, credentials: 'same-origin' })
      .then(function (response) {
        var json = (response.headers.get('Content-Type') || '').indexOf('json') >= 0;
        return (json ? response.json() : response.text()).then(function (payload) {
          if (response.ok && json) { render(payload); return; }
          var page = json ? null : new DOMParser().parseFromString(payload, 'text/html').querySelector('.error');
          say(page ? page.textContent : form.dataset.failed, 'error');
        });
      })
      .catch(function () { say(form.dataset.failed, 'error'); });
  });
}());
