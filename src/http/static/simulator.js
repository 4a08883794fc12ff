/* global document, window */
/*
 * The phone simulator: asks the server for new messages every second and adds them to the phone
 * they belong to (a new box for a number not on the page), and sends what is typed without a page
 * reload. Messages are built with textContent, never as HTML. Without this script the forms still
 * post and the page shows the conversation after the redirect.
 *
 * Calls (issue 15): an offer call rings on its phone (from the same poll); «Svar» picks up, and the
 * phone shows what is said and a keypad whose keys go through the same voice webhooks Twilio calls
 * (the server plays their TwiML). «Ring tjenesten» calls the service number from that phone.
 */
(() => {
  'use strict';
  const phones = document.getElementById('phones');
  const template = document.getElementById('phone-template');
  const state = document.getElementById('sim-state');
  const heldNote = document.getElementById('held-note');
  if (!phones || !template || !window.fetch) return;
  const url = phones.getAttribute('data-messages-url');
  let cursor = phones.getAttribute('data-cursor') || '0';
  const shown = new Set([...document.querySelectorAll('.sms[data-id]')].map((li) => li.getAttribute('data-id')));

  const anchorOf = (phone) => `phone-${phone.replace(/\D/g, '')}`;

  const cardFor = (phone) => {
    const existing = document.getElementById(anchorOf(phone));
    if (existing) return existing;
    const card = template.content.firstElementChild.cloneNode(true);
    const anchor = anchorOf(phone);
    card.id = anchor;
    card.setAttribute('data-phone', phone);
    card.setAttribute('aria-labelledby', `${anchor}-h`);
    card.querySelector('h2').id = `${anchor}-h`;
    card.querySelector('h2 small').textContent = phone;
    card.querySelector('input[name="from"]').value = phone;
    card.querySelector('input[name="body"]').id = `${anchor}-body`;
    card.querySelector('label').setAttribute('for', `${anchor}-body`);
    wire(card.querySelector('form'));
    phones.appendChild(card);
    callPanel(card);
    return card;
  };

  // ---- Calls -------------------------------------------------------------------------------
  /** Per phone: 'idle' | 'ringing' | 'on_call' | 'busy' (a request is under way), and the call. */
  const calls = new Map();

  const button = (text, label, className) => {
    const b = document.createElement('button');
    b.type = 'button';
    b.textContent = text;
    if (label) b.setAttribute('aria-label', label);
    if (className) b.className = className;
    return b;
  };

  function callPanel(card) {
    let panel = card.querySelector('.call');
    if (panel) return panel;
    panel = document.createElement('div');
    panel.className = 'call';
    const status = document.createElement('p');
    status.className = 'call-state';
    status.setAttribute('role', 'status');
    const said = document.createElement('ol');
    said.className = 'call-said';
    said.setAttribute('aria-live', 'polite');
    said.setAttribute('aria-label', 'Det som blir sagt i telefonen');
    const keys = document.createElement('div');
    keys.className = 'call-keys';
    keys.setAttribute('role', 'group');
    keys.setAttribute('aria-label', 'Tastatur');
    ['1', '2', '3', '4', '5', '6', '7', '8', '9', '0'].forEach((d) => {
      const b = button(d, `Tast ${d}`);
      b.addEventListener('click', () => press(card, d));
      keys.appendChild(b);
    });
    const actions = document.createElement('div');
    actions.className = 'call-actions';
    const answer = button('Svar', null, 'call-answer');
    const reject = button('Avvis', null, 'call-reject');
    const silence = button('Ingen tast', null, 'call-silence');
    const hangup = button('Legg på', null, 'call-hangup');
    const ring = button('Ring tjenesten', null, 'call-ring');
    answer.addEventListener('click', () => answerCall(card));
    reject.addEventListener('click', () => rejectCall(card));
    silence.addEventListener('click', () => press(card, ''));
    hangup.addEventListener('click', () => hangUp(card));
    ring.addEventListener('click', () => ringService(card));
    actions.append(answer, reject, silence, hangup, ring);
    panel.append(status, said, keys, actions);
    card.appendChild(panel);
    show(card, 'idle');
    return panel;
  }

  function show(card, mode, text) {
    const panel = callPanel(card);
    const call = calls.get(card.getAttribute('data-phone')) || {};
    call.mode = mode;
    calls.set(card.getAttribute('data-phone'), call);
    panel.classList.toggle('ringing', mode === 'ringing');
    panel.querySelector('.call-keys').hidden = mode !== 'on_call';
    panel.querySelector('.call-answer').hidden = mode !== 'ringing';
    panel.querySelector('.call-reject').hidden = mode !== 'ringing';
    panel.querySelector('.call-silence').hidden = mode !== 'on_call';
    panel.querySelector('.call-hangup').hidden = mode !== 'on_call';
    panel.querySelector('.call-ring').hidden = mode !== 'idle';
    if (text !== undefined) panel.querySelector('.call-state').textContent = text;
  }

  const say = (card, lines, fresh) => {
    const list = callPanel(card).querySelector('.call-said');
    if (fresh) list.replaceChildren();
    lines.forEach((line) => {
      const li = document.createElement('li');
      li.textContent = line;
      list.appendChild(li);
    });
    list.scrollTop = list.scrollHeight; // the newest line in view, as the SMS lists
  };

  const postCall = async (card, path, fields) => {
    const csrf = card.querySelector('input[name="_csrf"]');
    const res = await fetch(`/admin/simulator/call/${path}`, {
      method: 'POST',
      headers: { Accept: 'application/json' },
      body: new URLSearchParams({ _csrf: csrf ? csrf.value : '', ...fields }),
      credentials: 'same-origin',
    });
    if (!res.ok) throw new Error(String(res.status));
    return res.json();
  };

  const callFields = (call) => ({ sid: call.call.sid, callId: call.call.callId || '', phone: call.call.phone, direction: call.call.direction });

  function onScreen(card, screen) {
    const call = calls.get(card.getAttribute('data-phone'));
    say(card, screen.said, false);
    if (screen.ended) {
      call.call = undefined;
      show(card, 'idle', 'Samtalen er slutt.');
    } else {
      call.action = screen.action;
      show(card, 'on_call', 'I samtale. Trykk en tast.');
    }
  }

  async function step(card, mode, text, work) {
    show(card, 'busy', text);
    try {
      await work();
    } catch {
      show(card, mode, 'Fikk ikke kontakt med tjenesten; prøv igjen.');
    }
  }

  function answerCall(card) {
    const call = calls.get(card.getAttribute('data-phone'));
    return step(card, 'idle', 'Svarer …', async () => {
      const data = await postCall(card, 'answer', { callId: call.ringingId });
      call.call = data.call;
      say(card, [], true);
      onScreen(card, data.screen);
    });
  }

  function rejectCall(card) {
    const call = calls.get(card.getAttribute('data-phone'));
    return step(card, 'ringing', 'Avviser …', async () => {
      await postCall(card, 'reject', { callId: call.ringingId });
      call.dismissed = call.ringingId;
      show(card, 'idle', 'Du avviste samtalen.');
    });
  }

  function ringService(card) {
    const call = calls.get(card.getAttribute('data-phone')) || {};
    calls.set(card.getAttribute('data-phone'), call);
    return step(card, 'idle', 'Ringer tjenesten …', async () => {
      const data = await postCall(card, 'ring', { from: card.getAttribute('data-phone') });
      call.call = data.call;
      say(card, [], true);
      onScreen(card, data.screen);
    });
  }

  function press(card, digit) {
    const call = calls.get(card.getAttribute('data-phone'));
    if (!call || !call.call || call.mode !== 'on_call') return undefined;
    say(card, [digit === '' ? '(ingen tast)' : `(du trykket ${digit})`], false);
    return step(card, 'on_call', 'Venter på svar …', async () => {
      const data = await postCall(card, 'key', { ...callFields(call), action: call.action, digits: digit });
      onScreen(card, data.screen);
    });
  }

  function hangUp(card) {
    const call = calls.get(card.getAttribute('data-phone'));
    if (!call || !call.call) return undefined;
    return step(card, 'on_call', 'Legger på …', async () => {
      await postCall(card, 'hangup', callFields(call));
      call.call = undefined;
      show(card, 'idle', 'Du la på.');
    });
  }

  /** The poll's ringing calls: ring an idle phone, stop ringing one whose call was picked up elsewhere or gave up. */
  const ringing = (list) => {
    const byPhone = new Map(list.map((c) => [c.phone, c.id]));
    byPhone.forEach((id, phone) => {
      const card = cardFor(phone);
      const call = calls.get(phone) || {};
      calls.set(phone, call);
      if ((call.mode === 'idle' || call.mode === undefined) && call.dismissed !== id) {
        call.ringingId = id;
        show(card, 'ringing', `${serviceName} ringer …`);
      }
    });
    calls.forEach((call, phone) => {
      if (call.mode === 'ringing' && byPhone.get(phone) !== call.ringingId) {
        const card = document.getElementById(anchorOf(phone));
        if (card) show(card, 'idle', 'Anropet er over.');
      }
    });
  };
  const serviceName = phones.getAttribute('data-service-name') || 'Tjenesten';

  const addMessage = (m) => {
    if (shown.has(m.id)) return;
    shown.add(m.id);
    const li = document.createElement('li');
    li.className = `sms ${m.way}`;
    li.setAttribute('data-id', m.id);
    const body = document.createElement('span');
    body.className = 'sms-body';
    body.textContent = m.body;
    const meta = document.createElement('span');
    meta.className = 'sms-meta';
    meta.textContent = m.time + (m.status === 'failed' || m.status === 'undelivered' ? ' · ikke levert' : '');
    li.append(body, meta);
    const list = cardFor(m.phone).querySelector('.sms-list');
    list.appendChild(li);
    list.scrollTop = list.scrollHeight;
  };

  let busy = false;
  const poll = async () => {
    if (busy) return;
    busy = true;
    try {
      const res = await fetch(`${url}?after=${encodeURIComponent(cursor)}`, { headers: { Accept: 'application/json' }, credentials: 'same-origin' });
      if (!res.ok) throw new Error(String(res.status));
      const data = await res.json();
      data.messages.forEach(addMessage);
      cursor = data.cursor;
      if (data.calls) ringing(data.calls);
      // The quiet-hours banner follows the clock: gone once nothing waits any more.
      if (heldNote && data.held) {
        heldNote.textContent = data.held.text;
        heldNote.hidden = data.held.count === 0;
      }
      state.textContent = 'Meldinger vises automatisk.';
    } catch {
      state.textContent = 'Får ikke kontakt med tjenesten; prøver igjen.';
    } finally {
      busy = false;
    }
  };

  function wire(form) {
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const input = form.querySelector('input[name="body"]');
      if (!input.value.trim()) return;
      const res = await fetch(form.action, {
        method: 'POST',
        headers: { Accept: 'application/json' },
        body: new URLSearchParams(new FormData(form)),
        credentials: 'same-origin',
      }).catch(() => undefined);
      if (res && res.ok) {
        input.value = '';
        poll();
      } else {
        state.textContent = 'Meldingen ble ikke sendt; prøv igjen.';
      }
    });
  }

  document.querySelectorAll('#phones .sms-form').forEach(wire);
  document.querySelectorAll('#phones section.phone').forEach(callPanel);
  // Like a real phone, each conversation opens at its newest message.
  document.querySelectorAll('#phones .sms-list').forEach((list) => { list.scrollTop = list.scrollHeight; });
  window.setInterval(poll, 1000);
  poll();
})();
