// The agent desk: gets the desk's state and call pushed over a stream (/desk/stream: at once when the dialer
// changes them, polling only where the browser has no EventSource), changes state, takes and dials
// leads in preview projects, shows the script and the questionnaire (following its skip rules), records
// the disposition with the answers. Keyboard first: R ready, B busy, L log out, N next lead, D dial,
// S put back, F record the result. Every label comes from the page.
(function () {
  'use strict';
  var root = document.getElementById('desk');
  if (!root) { return; }
  var $ = function (id) { return document.getElementById(id); };
  var labels = {};
  root.querySelectorAll('[data-state-label]').forEach(function (el) { labels[el.dataset.stateLabel] = el.textContent; });
  var status = null, loadedDispositions = null, taken = null, shownAttempt = null, script = null;
  var english = document.documentElement.lang === 'en';
  var dispositionNames = {}, fits = {}, restoredProject = false, dialled = null, hangingUp = false;

  // What was typed for a call, kept in the tab's storage until its result is saved, so that a reload of the
  // desk loses nothing.
  function draftKey(attempt) { return 'waihu-desk-draft-' + attempt; }
  function formFields() { return $('finish').querySelectorAll('input, select, textarea'); }
  function saveDraft() {
    if (!shownAttempt) { return; }
    var fields = Array.prototype.map.call(formFields(), function (el) { return { value: el.value, checked: el.checked }; });
    try { sessionStorage.setItem(draftKey(shownAttempt), JSON.stringify(fields)); } catch (e) { /* storage full or off */ }
  }
  function restoreDraft() {
    var text = shownAttempt && sessionStorage.getItem(draftKey(shownAttempt));
    if (!text) { return; }
    var fields = JSON.parse(text), all = formFields();
    fields.forEach(function (field, index) {
      var el = all[index];
      if (!el) { return; }
      if (el.type === 'checkbox' || el.type === 'radio') { el.checked = field.checked; } else { el.value = field.value; }
    });
    if (script) { WaihuQuestionnaire.followSkips($('questions'), script.questions); }
    showOrder();
    total();
  }

  // Only the results that fit the call: answered, ended unanswered, or not yet placed (any).
  function offerFitting(call) {
    var answered = !!call.answered_at, ended = !!call.ended_at;
    $('disposition').querySelectorAll('option').forEach(function (option) {
      var fit = fits[option.value] || 'either';
      option.hidden = option.disabled = (answered && fit === 'unanswered') || (!answered && ended && fit === 'answered');
    });
    var chosen = $('disposition').selectedOptions[0];
    if (chosen && chosen.disabled) {
      var first = $('disposition').querySelector('option:not([disabled])');
      if (first) { $('disposition').value = first.value; showOrder(); }
    }
  }

  function request(method, path, body) {
    var headers = { 'Accept': 'application/json' };
    headers[root.dataset.csrfHeader] = root.dataset.csrf;
    if (body) { headers['Content-Type'] = 'application/json'; }
    return fetch(path, { method: method, headers: headers, credentials: 'same-origin', body: body ? JSON.stringify(body) : undefined })
      .then(function (response) {
        return response.text().then(function (text) {
          var data = text ? JSON.parse(text) : {};
          if (!response.ok) { throw new Error(data.error ? data.error.message : response.status); }
          return data;
        });
      });
  }

  // A message beside what it concerns: the result's next to its button, the others under the state.
  function say(text, bad, where) {
    ['message', 'finish-message'].forEach(function (id) {
      var shown = id === (where || 'message');
      $(id).textContent = shown ? (text || '') : '';
      $(id).className = shown && text ? (bad ? 'error' : 'notice') : '';
    });
  }

  // A date and time as the organisation writes it: 2026-11-25 10:01.
  function localTime(text) {
    var d = new Date(text), two = function (n) { return (n < 10 ? '0' : '') + n; };
    return d.getFullYear() + '-' + two(d.getMonth() + 1) + '-' + two(d.getDate()) + ' ' + two(d.getHours()) + ':' + two(d.getMinutes());
  }

  function clock(seconds) {
    seconds = Math.max(0, Math.floor(seconds));
    var m = Math.floor(seconds / 60), s = seconds % 60;
    return m + ':' + (s < 10 ? '0' : '') + s;
  }

  function loadDispositions(project) {
    if (loadedDispositions === project) { return; }
    loadedDispositions = project;
    request('GET', '/desk/projects/' + encodeURIComponent(project) + '/dispositions').then(function (data) {
      var select = $('disposition');
      select.textContent = '';
      fits = data.fits || {};
      data.dispositions.forEach(function (d) {
        var option = document.createElement('option');
        option.value = d.code;
        option.dataset.category = d.category;
        option.textContent = english ? d.name_en : d.name_zh;
        option.title = d.code;
        dispositionNames[d.code] = option.textContent;
        select.appendChild(option);
      });
      showOrder();
      restoreDraft();
    }).catch(function (error) { say(error.message, true); });
  }

  function renderCallbacks() {
    var list = $('callbacks');
    list.textContent = '';
    (status.callbacks || []).forEach(function (c) {
      var item = document.createElement('li');
      var at = new Date(c.at);
      item.textContent = at.toLocaleTimeString(document.documentElement.lang || [], { hour: '2-digit', minute: '2-digit' }) + ' ' + (c.name || '') + ' ' + (c.customer_id || '');
      if (at.getTime() < serverNow()) { item.className = 'error'; }
      list.appendChild(item);
    });
    $('callbacks-box').hidden = !list.childElementCount;
  }

  function renderToday() {
    var today = status.today || {};
    root.querySelectorAll('[data-figure]').forEach(function (el) {
      var value = today[el.dataset.figure] || 0;
      el.textContent = el.dataset.figure === 'talk_seconds' ? clock(value) : value;
    });
    // The logged-in project's daily target: completed accounts today against it.
    var target = status.daily_target;
    $('target').hidden = !target;
    if (target) {
      $('target-done').textContent = today.completed || 0;
      $('target-of').textContent = target;
      $('target-bar').style.width = Math.min(100, Math.round((today.completed || 0) / target * 100)) + '%';
    }
    // Today's busy time by reason, the current break counted to now by the server at the last poll.
    var breaks = status.breaks || [];
    $('breaks').hidden = !breaks.length;
    $('break-times').textContent = breaks.map(function (b) { return b.name + ' ' + clock(b.seconds); }).join(' · ');
  }

  var element = WaihuQuestionnaire.element;

  // The call's script, FAQ, history and questionnaire: drawn once per call, so that answers typed stay.
  function renderCall(call) {
    if (shownAttempt === call.attempt_id) { return; }
    shownAttempt = call.attempt_id;
    offerProducts(call.products || []);
    script = call.script || null;
    var history = $('history');
    history.textContent = '';
    (call.history || []).forEach(function (h) {
      var result = h.disposition ? (dispositionNames[h.disposition] || h.disposition) : '—';
      history.appendChild(element('li', localTime(h.started_at) + ' · ' + result + ' · ' + clock(h.talk_seconds)));
    });
    $('history-box').hidden = !history.childElementCount;
    $('script').hidden = !script;
    $('no-script').hidden = !!script;
    var sections = $('sections'), faq = $('faq'), questions = $('questions');
    sections.textContent = ''; faq.textContent = ''; questions.textContent = '';
    var reason = $('refusal-reason');
    while (reason.options.length > 1) { reason.remove(1); }
    if (!script) { $('questionnaire').hidden = true; return; }
    $('script-version').textContent = 'v' + script.version;
    script.sections.forEach(function (section) {
      sections.appendChild(element('h4', section.title));
      sections.appendChild(element('p', section.text, 'script-text'));
    });
    script.faq.forEach(function (entry) { faq.appendChild(element('dt', entry.question)); faq.appendChild(element('dd', entry.answer)); });
    $('faq-box').hidden = !script.faq.length;
    script.refusal_reasons.forEach(function (r) { var o = element('option', r.label); o.value = r.value; reason.appendChild(o); });
    WaihuQuestionnaire.render(questions, script.questions);
    $('questionnaire').hidden = !script.questions.length;
    restoreDraft();
  }

  function answers() {
    var result = script ? WaihuQuestionnaire.answers($('questions')) : {};
    if (!$('refusal').hidden) {
      if ($('refusal-reason').value) { result.refusal_reason = $('refusal-reason').value; }
      if ($('refusal-remark').value.trim()) { result.refusal_remark = $('refusal-remark').value.trim(); }
    }
    return result;
  }

  function render() {
    if (!status) { return; }
    // After a reload: the project the agent is logged into, as the server has it.
    if (!restoredProject) {
      restoredProject = true;
      var logged = status.project_id && root.querySelector('#project option[data-id="' + status.project_id + '"]');
      if (logged) { $('project').value = logged.value; }
    }
    renderCallbacks();
    renderToday();
    // The timers run on the server's time, whatever the computer's clock says.
    var now = serverNow();
    // "Hanging up…" stays only while the call is still on.
    if (hangingUp && (!status.call || status.call.ended_at)) { hangingUp = false; say(''); }
    $('state').textContent = labels[status.state] || status.state;
    $('state').dataset.state = status.state;
    $('in-state').textContent = status.since ? clock((now - Date.parse(status.since)) / 1000) : '0:00';
    // On the SIP trunk: the agent's phone line, red when it is down (Waihu is calling it again).
    $('phone').hidden = !status.phone;
    if (status.phone) {
      var phoneLabel = root.querySelector('[data-phone-label="' + status.phone.status + '"]');
      $('phone-line').textContent = phoneLabel ? phoneLabel.textContent : status.phone.status;
      $('phone-line').dataset.state = status.phone.status === 'up' ? 'ready' : status.phone.status === 'idle' ? '' : 'busy';
      $('phone-reason').textContent = status.phone.reason || '';
    }
    $('wrap-up').hidden = !status.wrap_up_ends_at;
    if (status.wrap_up_ends_at) { $('wrap-up-left').textContent = clock((Date.parse(status.wrap_up_ends_at) - now) / 1000); }
    var call = status.call;
    $('call').hidden = !call;
    $('no-call').hidden = !!call;
    // Ready in a progressive or predictive project: the dialer is calling for the agent.
    var logged = status.project_id && root.querySelector('#project option[data-id="' + status.project_id + '"]');
    $('dialling-for-you').hidden = !!call || status.state !== 'ready' || !logged || logged.dataset.mode === 'preview';
    if (!call) {
      // A preview call the network did not connect ends without the agent: say how.
      if (shownAttempt && taken === shownAttempt && status.last_call) {
        var ended = $('disposition').querySelector('option[value="' + status.last_call.disposition + '"]');
        say(root.dataset.notConnected + (ended ? ended.textContent : status.last_call.disposition || ''), true);
        taken = null;
      }
      shownAttempt = null;
      return;
    }
    renderCall(call);
    $('test-call-mark').hidden = !call.test_call;
    $('callback-mark').hidden = !call.callback_at;
    if (call.callback_at) { $('callback-mark').textContent = root.dataset.callbackMark + localTime(call.callback_at); }
    var lead = call.lead || { phones: [], attributes: {} };
    $('customer').textContent = [lead.name || lead.customer_id, lead.region].filter(Boolean).join(' · ');
    $('number').textContent = (lead.phones || []).join(' / ');
    var attributes = $('attributes');
    attributes.textContent = '';
    Object.keys(lead.attributes || {}).forEach(function (key) {
      var dt = document.createElement('dt'), dd = document.createElement('dd');
      dt.textContent = key;
      dd.textContent = lead.attributes[key];
      attributes.appendChild(dt);
      attributes.appendChild(dd);
    });
    var talkEnd = call.ended_at ? Date.parse(call.ended_at) : now;
    $('talk').textContent = call.answered_at ? clock((talkEnd - Date.parse(call.answered_at)) / 1000) : clock(call.talk_seconds);
    $('dial').hidden = !!call.answered_at || status.state === 'dialing' || (taken !== call.attempt_id);
    // A preview lead not dialled yet may be put back (it keeps its place and any booked callback).
    $('skip').hidden = !!call.answered_at || !!call.ended_at || status.state === 'dialing' || call.dial_requested || dialled === call.attempt_id;
    // A call ringing or connected may be hung up; once it is over there is nothing to hang up.
    $('hangup').hidden = !!call.ended_at || !(status.state === 'dialing' || status.state === 'talking' || call.dial_requested);
    loadDispositions(call.project_id || $('project').value);
    offerFitting(call);
  }

  // The status is fetched after every action (and pushed by the stream). A reply that left before an action ended, or that a
  // newer reply overtook, is stale: shown, it would bring back a call just put back, and D would dial it.
  var polls = 0, applied = 0, epoch = 0;
  function refresh() {
    var mine = ++polls, started = epoch;
    return request('GET', '/desk/status').then(function (data) {
      if (mine < applied || started !== epoch) { return; }
      applied = mine;
      apply(data);
    }).catch(function (error) { say(error.message, true); });
  }

  // The server's clock, as the last status gave it: the timers tick on it between two statuses.
  var skew = 0;
  function serverNow() { return Date.now() + skew; }
  function apply(data) {
    status = data;
    skew = data.now ? Date.parse(data.now) - Date.now() : 0;
    render();
  }

  // The stream sends the status when it changes. One that arrives while an action is under way is left: the
  // action's own refresh and the stream's next status (the action rings the desk's bell) follow it.
  var source = null, acting = 0;
  function listen() {
    if (!window.EventSource) { setInterval(refresh, 1000); return; }
    source = new EventSource('/desk/stream');
    source.addEventListener('status', function (event) {
      if (acting) { return; }
      polls += 1;
      applied = polls;
      apply(JSON.parse(event.data));
    });
    // A stream the server closed (signed out, restarted): opened again a little later; lost connections the
    // browser reopens by itself.
    source.onerror = function () {
      if (source.readyState === EventSource.CLOSED) { source = null; setTimeout(listen, 3000); }
    };
  }

  var actions = {
    ready: function () {
      return request('POST', '/desk/state', { state: 'ready', project: $('project').value });
    },
    busy: function () {
      return request('POST', '/desk/state', { state: 'busy', reason: $('reason').value, project: $('project').value });
    },
    logout: function () { return request('POST', '/desk/state', { state: 'logged_out' }); },
    next: function () {
      return request('POST', '/desk/projects/' + encodeURIComponent($('project').value) + '/next').then(function (data) {
        if (data.reserved) { taken = data.attempt_id; } else { say(english ? data.message_en : data.message_zh, true); }
      });
    },
    skip: function () {
      if (!status || !status.call) { return Promise.resolve(); }
      var attempt = status.call.attempt_id;
      return request('POST', '/desk/attempts/' + attempt + '/release').then(function () {
        try { sessionStorage.removeItem(draftKey(attempt)); } catch (e) { /* storage off */ }
        taken = null;
        shownAttempt = null;
        $('finish').reset();
        say(root.dataset.skipped);
      });
    },
    hangup: function () {
      if (!status || !status.call || $('hangup').hidden) { return Promise.resolve(); }
      return request('POST', '/desk/attempts/' + status.call.attempt_id + '/hangup').then(function () {
        hangingUp = true;
        say(root.dataset.hangingUp);
      });
    },
    dial: function () {
      if (!status || !status.call) { return Promise.resolve(); }
      var attempt = status.call.attempt_id;
      return request('POST', '/desk/attempts/' + attempt + '/dial').then(function (check) {
        if (check.allowed) { dialled = attempt; }
        if (!check.allowed) { say(check.reasons.map(function (r) { return r.message_zh + ' / ' + r.message_en; }).join('；'), true); }
      });
    },
    finish: function () {
      if (!status || !status.call) { return Promise.resolve(); }
      var body = { disposition: $('disposition').value };
      if ($('callback').value) { body.callback_at = new Date($('callback').value).toISOString(); }
      if (!$('order').hidden) { body.order = order(); }
      if (script) { body.script_version = script.version; }
      body.answers = answers();
      var attempt = status.call.attempt_id;
      return request('POST', '/desk/attempts/' + attempt + '/finish', body).then(function () {
        try { sessionStorage.removeItem(draftKey(attempt)); } catch (e) { /* storage off */ }
        taken = null;
        shownAttempt = null;
        $('finish').reset();
        orderForm.clear(false);
        showOrder();
        say(root.dataset.saved);
        // Recorded while the customer is still on the line: the call goes on, nothing else changes. Recorded in
        // after-call work: the work is done, the agent is ready again (B keeps them away). A preview lead
        // recorded without a call: ready for the next one.
        return status.state === 'talking' ? null : actions.ready();
      });
    }
  };

  var orderForm = WaihuOrder.create(root, request, say);
  var offerProducts = orderForm.offerProducts, order = orderForm.order, total = orderForm.total;
  $('read-back-button').addEventListener('click', function () {
    if (!status || !status.call) { return; }
    orderForm.readBack(status.call.attempt_id).catch(function (error) { say(error.message, true, 'finish-message'); });
  });
  function showOrder() {
    var chosen = $('disposition').selectedOptions[0];
    $('order').hidden = !(chosen && chosen.dataset.category === 'success');
    $('refusal').hidden = !(chosen && chosen.dataset.category === 'refused');
  }
  $('disposition').addEventListener('change', showOrder);
  $('finish').addEventListener('input', saveDraft);
  $('finish').addEventListener('change', saveDraft);
  $('questions').addEventListener('change', function () { if (script) { WaihuQuestionnaire.followSkips($('questions'), script.questions); } });

  function run(name) {
    say('');
    epoch += 1;
    acting += 1;
    actions[name]().then(function () { epoch += 1; acting -= 1; return refresh(); })
      .catch(function (error) { epoch += 1; acting -= 1; say(error.message, true, name === 'finish' ? 'finish-message' : 'message'); });
  }

  root.querySelectorAll('button[data-action]').forEach(function (button) {
    button.addEventListener('click', function () { run(button.dataset.action); });
  });
  $('finish').addEventListener('submit', function (event) { event.preventDefault(); run('finish'); });
  var keys = { r: 'ready', b: 'busy', l: 'logout', n: 'next', d: 'dial', s: 'skip', h: 'hangup', f: 'finish' };
  // The keys work whatever has focus — a list just chosen from, a choice just clicked — except while typing.
  function typing(target) {
    if (target.tagName === 'TEXTAREA' || target.isContentEditable) { return true; }
    return target.tagName === 'INPUT' && !/^(checkbox|radio|button|submit|reset)$/.test(target.type);
  }
  root.querySelectorAll('select').forEach(function (select) { select.addEventListener('change', function () { select.blur(); }); });
  document.addEventListener('keydown', function (event) {
    var busyTyping = typing(event.target);
    var name = keys[event.key.toLowerCase()];
    if (!busyTyping && name && !event.ctrlKey && !event.metaKey && !event.altKey) { event.preventDefault(); run(name); }
  });
  refresh();
  listen();
  setInterval(render, 1000);
})();
