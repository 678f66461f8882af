// The desk's questionnaire: draws a call's questions (radio, checkbox, number, date, text, rating), shows the
// questions on the path the skip rules take through the answers given — as the server walks it — and reads the
// answers of the questions shown. Used by desk.js (which also borrows its element helper).
var WaihuQuestionnaire = (function () {
  'use strict';

  function element(tag, text, className) {
    var el = document.createElement(tag);
    if (text !== undefined) { el.textContent = text; }
    if (className) { el.className = className; }
    return el;
  }

  function questionField(q) {
    var box = element('div', undefined, 'question');
    box.dataset.id = q.id;
    box.dataset.kind = q.kind;
    box.appendChild(element('p', q.text + (q.required ? ' *' : ''), 'question-text'));
    function choice(type, value, label) {
      var wrap = element('label', undefined, 'check'), input = document.createElement('input');
      input.type = type; input.name = 'q_' + q.id; input.value = value;
      wrap.appendChild(input); wrap.appendChild(document.createTextNode(' ' + label));
      box.appendChild(wrap);
    }
    if (q.kind === 'single' || q.kind === 'multiple') {
      q.options.forEach(function (o) { choice(q.kind === 'single' ? 'radio' : 'checkbox', o, o); });
    } else if (q.kind === 'rating') {
      for (var i = 1; i <= (q.max || 5); i++) { choice('radio', String(i), String(i)); }
    } else {
      var input = document.createElement(q.kind === 'text' ? 'textarea' : 'input');
      input.name = 'q_' + q.id;
      if (q.kind === 'number') { input.type = 'number'; input.step = 'any'; if (q.min != null) { input.min = q.min; } if (q.max != null) { input.max = q.max; } }
      if (q.kind === 'date') { input.type = 'date'; }
      box.appendChild(input);
    }
    return box;
  }

  // The raw answer of a question box, or undefined when unanswered.
  function answerOf(box) {
    var inputs = box.querySelectorAll('input, textarea');
    var kind = box.dataset.kind;
    if (kind === 'single') { var c = box.querySelector('input:checked'); return c ? c.value : undefined; }
    if (kind === 'rating') { var r = box.querySelector('input:checked'); return r ? parseInt(r.value, 10) : undefined; }
    if (kind === 'multiple') {
      var chosen = Array.prototype.filter.call(inputs, function (i) { return i.checked; }).map(function (i) { return i.value; });
      return chosen.length ? chosen : undefined;
    }
    var value = inputs[0].value.trim();
    if (!value) { return undefined; }
    return kind === 'number' ? parseFloat(value) : value;
  }

  // Shows the questions on the path the skip rules take through the answers given, as the server walks it.
  function followSkips(container, questions) {
    var boxes = {}, onPath = {};
    container.querySelectorAll('.question').forEach(function (box) { boxes[box.dataset.id] = box; });
    var index = 0;
    while (index < questions.length) {
      var q = questions[index];
      onPath[q.id] = true;
      var answer = answerOf(boxes[q.id]);
      var chosen = answer === undefined ? [] : [].concat(answer).map(String);
      var skip = (q.skips || []).filter(function (s) { return chosen.indexOf(s.answer) >= 0; })[0];
      if (!skip) { index += 1; continue; }
      if (skip.to === 'end') { break; }
      index = questions.findIndex(function (other) { return other.id === skip.to; });
      if (index < 0) { break; }
    }
    Object.keys(boxes).forEach(function (id) { boxes[id].hidden = !onPath[id]; });
  }

  return {
    render: function (container, questions) {
      questions.forEach(function (q) { container.appendChild(questionField(q)); });
      followSkips(container, questions);
    },
    followSkips: followSkips,
    element: element,
    answers: function (container) {
      var result = {};
      container.querySelectorAll('.question').forEach(function (box) {
        if (box.hidden) { return; }
        var answer = answerOf(box);
        if (answer !== undefined) { result[box.dataset.id] = answer; }
      });
      return result;
    }
  };
})();
