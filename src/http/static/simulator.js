/* global document, window */
/*
 * The phone simulator: asks the server for new messages every second and adds them to the phone
 * they belong to (a new box for a number not on the page), and sends what is typed without a page
 * reload. Messages are built with textContent, never as HTML. Without this script the forms still
 * post and the page shows the conversation after the redirect.
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
    return card;
  };

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
  // Like a real phone, each conversation opens at its newest message.
  document.querySelectorAll('#phones .sms-list').forEach((list) => { list.scrollTop = list.scrollHeight; });
  window.setInterval(poll, 1000);
  poll();
})();
