// The script page's editors. The questionnaire: one card per question (text, kind, options, required, skip
// rules), moved, added and removed by buttons, with a preview drawn by the desk's own code, and the JSON the form
// sends kept in step. The texts: a variable the customer data does not have is named under its field. Without
// JavaScript the JSON field stays and is sent as typed.
(function () {
  'use strict';
  var editor = document.getElementById('question-editor');
  var field = document.querySelector('textarea[name=questions]');
  if (!editor || !field) { return; }
  var labels = JSON.parse(editor.dataset.labels);
  var kinds = JSON.parse(editor.dataset.kinds);
  var variables = JSON.parse(editor.dataset.variables);
  var readOnly = editor.dataset.readonly === 'true';
  var el = WaihuQuestionnaire.element;

  checkVariables();

  var questions;
  try {
    questions = JSON.parse(field.value.trim() || '[]');
    if (!Array.isArray(questions)) { throw new Error('not a list'); }
  } catch (e) {
    // JSON typed by hand that does not read: leave it to the person, with the server's check on saving.
    editor.hidden = false;
    editor.appendChild(el('p', labels.qe_bad_json, 'error'));
    return;
  }
  questions.forEach(function (q) { q.options = q.options || []; q.skips = q.skips || []; });
  document.getElementById('questions-json').hidden = true;
  editor.hidden = false;
  var list = el('div', undefined, 'question-cards');
  var add = el('button', labels.qe_add);
  add.type = 'button';
  add.hidden = readOnly;
  add.addEventListener('click', function () {
    questions.push({ id: freeId(), text: '', kind: 'single', required: false, options: [], skips: [] });
    render();
    list.lastChild.querySelector('input').focus();
  });
  var preview = el('div', undefined, 'question-preview');
  var panes = el('div', undefined, 'columns');
  var left = el('div');
  var right = el('div', undefined, 'card');
  left.appendChild(list);
  left.appendChild(add);
  right.appendChild(el('h3', labels.qe_preview));
  right.appendChild(preview);
  panes.appendChild(left);
  panes.appendChild(right);
  editor.appendChild(panes);
  render();

  function freeId() {
    for (var n = questions.length + 1; ; n++) {
      var id = 'q' + n;
      if (!questions.some(function (q) { return q.id === id; })) { return id; }
    }
  }

  function numbered(n) { return labels.qe_question.replace('{n}', n); }

  function isChoice(q) { return q.kind === 'single' || q.kind === 'multiple'; }

  // The question as the server reads it: only the fields its kind uses.
  function stored(q) {
    var out = { id: q.id, text: q.text, kind: q.kind, required: !!q.required };
    if (isChoice(q)) { out.options = q.options; }
    if (q.kind === 'number' && q.min !== undefined && q.min !== null && q.min !== '') { out.min = Number(q.min); }
    if ((q.kind === 'number' || q.kind === 'rating') && q.max !== undefined && q.max !== null && q.max !== '') { out.max = Number(q.max); }
    var skips = q.skips.filter(function (s) { return s.answer && s.to; });
    if (skips.length) { out.skips = skips; }
    return out;
  }

  function sync() {
    field.value = JSON.stringify(questions.map(stored), null, 1);
    preview.textContent = '';
    if (questions.length === 0) { preview.appendChild(el('p', labels.qe_empty, 'help')); return; }
    WaihuQuestionnaire.render(preview, questions.map(stored));
    preview.onchange = function () { WaihuQuestionnaire.followSkips(preview, questions.map(stored)); };
  }

  function render() {
    list.textContent = '';
    questions.forEach(function (q, index) { list.appendChild(card(q, index)); });
    sync();
  }

  function input(labelText, value, onInput, type) {
    var label = el('label', labelText);
    var box = document.createElement(type === 'textarea' ? 'textarea' : 'input');
    if (type && type !== 'textarea') { box.type = type; }
    if (type === 'textarea') { box.rows = 3; }
    box.value = value === undefined || value === null ? '' : value;
    box.disabled = readOnly;
    box.addEventListener('input', function () { onInput(box.value); sync(); });
    label.appendChild(box);
    return label;
  }

  function button(text, onClick, disabled) {
    var b = el('button', text, 'link');
    b.type = 'button';
    b.disabled = disabled || readOnly;
    b.addEventListener('click', onClick);
    return b;
  }

  function select(options, value, onChange) {
    var s = document.createElement('select');
    options.forEach(function (o) {
      var option = el('option', o.label);
      option.value = o.value;
      option.selected = o.value === value;
      s.appendChild(option);
    });
    s.disabled = readOnly;
    s.addEventListener('change', function () { onChange(s.value); render(); });
    return s;
  }

  function card(q, index) {
    var box = el('fieldset', undefined, 'card question-card');
    box.appendChild(el('legend', numbered(index + 1)));
    box.appendChild(input(labels.qe_text, q.text, function (v) { q.text = v; }));
    var row = el('div', undefined, 'inline-form');
    var kindLabel = el('label', labels.qe_kind);
    kindLabel.appendChild(select(Object.keys(kinds).map(function (k) { return { value: k, label: kinds[k] }; }), q.kind,
      function (v) { q.kind = v; if (!isChoice(q)) { q.skips = []; } }));
    row.appendChild(kindLabel);
    var required = el('label', undefined, 'check');
    var tick = document.createElement('input');
    tick.type = 'checkbox';
    tick.checked = !!q.required;
    tick.disabled = readOnly;
    tick.addEventListener('change', function () { q.required = tick.checked; sync(); });
    required.appendChild(tick);
    required.appendChild(document.createTextNode(' ' + labels.qe_required));
    row.appendChild(required);
    var id = input(labels.qe_id, q.id, function (v) {
      var before = q.id;
      q.id = v.trim();
      questions.forEach(function (other) { other.skips.forEach(function (s) { if (s.to === before) { s.to = q.id; } }); });
    });
    id.title = labels.qe_id_help;
    row.appendChild(id);
    box.appendChild(row);
    if (isChoice(q)) {
      var options = input(labels.qe_options, q.options.join('\n'), function (v) {
        q.options = v.split('\n').map(function (o) { return o.trim(); }).filter(function (o) { return o; });
      }, 'textarea');
      options.querySelector('textarea').addEventListener('change', render);
      box.appendChild(options);
      box.appendChild(skipRules(q, index));
    }
    if (q.kind === 'number') {
      var bounds = el('div', undefined, 'inline-form');
      bounds.appendChild(input(labels.qe_min, q.min, function (v) { q.min = v; }, 'number'));
      bounds.appendChild(input(labels.qe_max, q.max, function (v) { q.max = v; }, 'number'));
      box.appendChild(bounds);
    }
    if (q.kind === 'rating') {
      box.appendChild(input(labels.qe_top, q.max === undefined ? 5 : q.max, function (v) { q.max = v; }, 'number'));
    }
    var moves = el('p', undefined, 'moves');
    moves.appendChild(button(labels.qe_up, function () { swap(index, index - 1); }, index === 0));
    moves.appendChild(button(labels.qe_down, function () { swap(index, index + 1); }, index === questions.length - 1));
    moves.appendChild(button(labels.qe_remove, function () {
      if (!window.confirm(labels.qe_remove_confirm)) { return; }
      questions.splice(index, 1);
      questions.forEach(function (other) { other.skips = other.skips.filter(function (s) { return s.to !== q.id; }); });
      render();
    }));
    box.appendChild(moves);
    return box;
  }

  // "If the answer is … go to …": the later questions or the end, as the server allows.
  function skipRules(q, index) {
    var box = el('div', undefined, 'skips');
    var targets = questions.slice(index + 1).map(function (other, i) {
      return { value: other.id, label: numbered(index + i + 2) + ' ' + (other.text || other.id) };
    }).concat([{ value: 'end', label: labels.qe_end }]);
    q.skips.forEach(function (skip, i) {
      var row = el('div', undefined, 'inline-form compact');
      row.appendChild(el('span', labels.qe_when));
      row.appendChild(select(q.options.map(function (o) { return { value: o, label: o }; }), skip.answer, function (v) { skip.answer = v; }));
      row.appendChild(el('span', labels.qe_go_to));
      row.appendChild(select(targets, skip.to, function (v) { skip.to = v; }));
      row.appendChild(button(labels.qe_remove, function () { q.skips.splice(i, 1); render(); }));
      box.appendChild(row);
    });
    box.appendChild(button(labels.qe_add_skip, function () {
      q.skips.push({ answer: q.options[0] || '', to: 'end' });
      render();
    }, q.options.length === 0));
    return box;
  }

  function swap(a, b) {
    var moved = questions[a];
    questions[a] = questions[b];
    questions[b] = moved;
    render();
  }

  // Under every text field of the script, the variables it uses that no customer column fills.
  function checkVariables() {
    document.querySelectorAll('.script-form textarea:not([name=questions])').forEach(function (area) {
      var note = el('p', '', 'error');
      note.hidden = true;
      area.parentNode.insertAdjacentElement('afterend', note);
      function check() {
        var unknown = [];
        (area.value.match(/\{[^{}]*\}/g) || []).forEach(function (m) {
          var key = m.slice(1, -1).trim();
          if (key && variables.indexOf(key) < 0 && unknown.indexOf(key) < 0) { unknown.push(key); }
        });
        note.hidden = unknown.length === 0;
        note.textContent = labels.qe_unknown_variables + unknown.map(function (k) { return '{' + k + '}'; }).join('、');
      }
      area.addEventListener('input', check);
      check();
    });
  }
})();
