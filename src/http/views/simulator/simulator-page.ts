import type { PhoneMessage, SimulatedPhone } from '../../../db/simulator.repo';
import { csrfInput } from '../form';
import { formatTime } from '../format';
import { html, type SafeHtml } from '../html';
import { formatPhone } from '../inbox/format-phone';
import { page, type PageFrame } from '../layout';

export interface SimulatorView {
  phones: SimulatedPhone[];
  messages: PhoneMessage[];
  cursor: string;
  serviceNumber: string;
  /** Who a call offer is from («Frivilligsentralen ringer …»). */
  centreName: string;
  /** Outbound SMS held for quiet hours, and when they go. */
  held: { count: number; until: Date | null };
}

/**
 * The quiet-hours banner. simulator.js refreshes it from every poll, so it goes once the SMS leave
 * (or the window ends) without a reload.
 */
export function heldText(held: SimulatorView['held']): string {
  if (held.count === 0) return '';
  return `${held.count} SMS venter på at stilletiden er over${held.until ? ` (kl. ${formatTime(held.until)})` : ''}. ` +
    'Trykk «Send nå likevel» på oppdraget, eller start med QUIET_HOURS=off for å prøve om natten.';
}

/** 'phone-4740000001': an id and anchor per phone, from its digits. */
export function phoneAnchor(phone: string): string {
  return `phone-${phone.replace(/\D/g, '')}`;
}

export function messageItem(m: PhoneMessage): SafeHtml {
  const failed = m.status === 'failed' || m.status === 'undelivered';
  return html`<li class="sms ${m.way}" data-id="${m.id}">
  <span class="sms-body">${m.body}</span>
  <span class="sms-meta"><time datetime="${m.at.toISOString()}">${formatTime(m.at)}</time>${failed ? ' · ikke levert' : ''}</span>
</li>`;
}

function phoneCard(frame: PageFrame, phone: SimulatedPhone, messages: PhoneMessage[]): SafeHtml {
  const anchor = phoneAnchor(phone.phone);
  return html`<section class="phone" id="${anchor}" data-phone="${phone.phone}" aria-labelledby="${anchor}-h">
  <h2 id="${anchor}-h">${phone.name} <small>${formatPhone(phone.phone)}${phone.language ? ` · ${phone.language}` : ''}${phone.optedOut ? ' · reservert (STOPP)' : ''}</small></h2>
  <ol class="sms-list" aria-live="polite" tabindex="0" aria-label="Meldinger på ${phone.name}s telefon">${messages.map(messageItem)}</ol>
  <form class="sms-form" method="post" action="/admin/simulator/send">
    ${csrfInput(frame.csrfToken)}
    <input type="hidden" name="from" value="${phone.phone}">
    <label for="${anchor}-body">Skriv SMS fra ${phone.name}</label>
    <span class="sms-compose"><input id="${anchor}-body" name="body" required maxlength="1600" autocomplete="off" placeholder="JA eller NEI"><button type="submit">Send</button></span>
  </form>
</section>`;
}

/**
 * /admin/simulator: a virtual phone per volunteer (and the demo nursing home, the coordinator, anyone
 * who texted). Texts typed here enter the same inbound pipeline as a Twilio webhook; new messages
 * appear by polling (simulator.js), and without JavaScript after each send.
 */
export function simulatorPage(frame: PageFrame, view: SimulatorView): SafeHtml {
  const byPhone = new Map<string, PhoneMessage[]>();
  for (const m of view.messages) byPhone.set(m.phone, [...(byPhone.get(m.phone) ?? []), m]);
  return page(frame, {
    title: 'Telefonsimulator',
    section: 'simulator',
    scripts: ['/static/simulator.js'],
    body: html`<h1>Telefonsimulator</h1>
<p>Ingen SMS forlater denne maskinen. Hver boks er en telefon: det tjenesten sender, dukker opp her, og det du skriver,
behandles akkurat som en SMS fra det nummeret til tjenesten${view.serviceNumber.startsWith('+') ? ` (${formatPhone(view.serviceNumber)})` : ''}.
En frivillig som vil ha tilbud på telefon, blir ringt her: trykk «Svar» og bruk tastene. «Ring tjenesten» ringer tjenestens nummer fra den telefonen.</p>
<form method="get" action="/admin/simulator" class="inline">
  <label for="other-phone">Vis en annen telefon (nummer)</label>
  <input id="other-phone" name="phone" inputmode="tel" maxlength="40"> <button type="submit">Vis</button>
</form>
<p class="flash error" id="held-note"${view.held.count > 0 ? '' : html` hidden`}>${heldText(view.held)}</p>
<p id="sim-state" class="muted" role="status"></p>
<div id="phones" class="phones" data-cursor="${view.cursor}" data-messages-url="/admin/simulator/messages" data-service-name="${view.centreName}">
${view.phones.map((p) => phoneCard(frame, p, byPhone.get(p.phone) ?? []))}
</div>
<template id="phone-template">${phoneCard(frame, { phone: '', name: 'Ukjent nummer' }, [])}</template>`,
  });
}
