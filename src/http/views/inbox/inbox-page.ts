import type { InboxMessage, SentReply } from '../../../db/inbox.repo';
import { MAX_REPLY_LENGTH } from '../../../services/inbox-reply';
import { csrfInput } from '../form';
import { formatTime, formatWhen } from '../format';
import { html, type SafeHtml } from '../html';
import { page, type PageFrame } from '../layout';
import { formatPhone } from './format-phone';
import { classificationLabel, senderLabel } from './labels';
import { readingEvidence, readingSummary } from '../reply-reading-text';

export interface InboxView {
  messages: InboxMessage[];
  replies: SentReply[];
  /** «Ubehandlet» (waiting) or «Behandlet» (handled, with who and when, and «Angre»). */
  tab?: 'open' | 'handled';
  /** How many wait, for the tab's label. */
  openCount?: number;
}

function sender(m: InboxMessage): SafeHtml {
  const who = m.volunteerId ? html`<a href="/admin/volunteers/${m.volunteerId}">${m.volunteerName}</a>`
    : m.requesterName ? html`${m.requesterName} (bestiller)` : html`Ukjent nummer`;
  return html`${who} <span class="muted">${formatPhone(m.fromPhone)}</span>`;
}

function repliesTo(m: InboxMessage, replies: readonly SentReply[]): SafeHtml {
  const mine = replies.filter((r) => r.toPhone === m.fromPhone && r.sentAt >= m.receivedAt);
  if (mine.length === 0) return html``;
  return html`<ul class="muted">${mine.map((r) => html`<li>Svar sendt kl. ${formatTime(r.sentAt)}: «${r.body}»</li>`)}</ul>`;
}

function replyForm(m: InboxMessage, csrfToken: string): SafeHtml {
  if (m.volunteerOptedOut) return html`<p class="hint">${senderLabel(m)} har sendt STOPP og får ikke SMS fra Svarja. Ring om det haster.</p>`;
  return html`<form class="stack" method="post" action="/admin/inbox/${m.id}/reply">
${csrfInput(csrfToken)}
<div class="field"><label for="reply-${m.id}">Svar til ${senderLabel(m)}</label>
<span class="hint" id="reply-${m.id}-hint">Sendes som SMS, høyst ${MAX_REPLY_LENGTH} tegn.</span>
<textarea id="reply-${m.id}" name="body" maxlength="${MAX_REPLY_LENGTH}" required aria-describedby="reply-${m.id}-hint"></textarea></div>
<div><button type="submit">Send svar</button></div>
</form>`;
}

const INTERPRET_BUTTONS: ReadonlyArray<readonly [string, string]> = [['yes', 'JA'], ['no', 'NEI'], ['cancel', 'AVBRYT'], ['stop', 'STOPP'], ['none', 'Ikke svar']];

/** «Tolk som …»: the coordinator reads the reply; it is applied as that keyword and kept as an example. */
function interpretForm(m: InboxMessage, csrfToken: string): SafeHtml {
  if (m.volunteerId === null) return html``;
  return html`<form class="inline interpret" method="post" action="/admin/inbox/${m.id}/interpret" aria-label="Tolk svaret fra ${senderLabel(m)}">${csrfInput(csrfToken)}<span class="hint">Tolk som:</span>
${INTERPRET_BUTTONS.map(([value, text]) => html` <button type="submit" name="as" value="${value}" class="secondary">${value === 'none' ? text : html`Tolk som ${text}`}</button>`)}</form>`;
}

/**
 * «Tildel oppdraget»: a volunteer's unclear answer about a task, settled by giving them the task
 * (the same exactly-one rule as a JA; if it is taken by now, nothing changes and the page says so).
 */
function assignForm(m: InboxMessage, csrfToken: string): SafeHtml {
  if (m.volunteerId === null || m.taskId === null || m.volunteerOptedOut) return html``;
  return html`<form class="inline" method="post" action="/admin/inbox/${m.id}/assign">${csrfInput(csrfToken)}<button type="submit" aria-describedby="m-${m.id}-h">Tildel oppdraget til ${senderLabel(m)}</button></form>`;
}

/** A voicemail's player: the audio comes through Svarja (GET /admin/inbox/:id/recording), never straight from Twilio. */
function player(m: InboxMessage): SafeHtml | string {
  if (m.recordingSeconds === null) return '';
  return html`
<p style="margin:0 0 8px"><audio controls preload="none" src="/admin/inbox/${m.id}/recording" aria-label="Talemelding, ${String(m.recordingSeconds)} sekunder"></audio> <a href="/admin/inbox/${m.id}/recording">Last ned opptaket</a></p>`;
}

function handledCard(m: InboxMessage, csrfToken: string): SafeHtml {
  return html`<li class="card" id="m-${m.id}" aria-labelledby="m-${m.id}-h">
<h2 id="m-${m.id}-h" style="font-size:1.1rem;margin:0 0 4px">${sender(m)}</h2>
<p style="margin:0"><span class="badge">${classificationLabel(m.classification)}</span> <time class="muted" datetime="${m.receivedAt.toISOString()}">${formatWhen(m.receivedAt)}</time>${m.taskId ? html` · <a href="/admin/tasks/${m.taskId}">Gjelder oppdrag ${m.taskId}</a>` : ''}</p>
<blockquote style="margin:10px 0;padding:8px 12px;border-left:4px solid #767676;background:#f4f5f7;white-space:pre-wrap">${m.body}</blockquote>${player(m)}
<p class="handled-by">Behandlet av ${m.handledByName ?? 'en koordinator'}${m.handledAt ? html`, <time datetime="${m.handledAt.toISOString()}">${formatWhen(m.handledAt)}</time>` : ''}.</p>
<form class="inline" method="post" action="/admin/inbox/${m.id}/undo">${csrfInput(csrfToken)}<button type="submit" class="secondary" aria-describedby="m-${m.id}-h">Angre (tilbake til innboksen)</button></form>
</li>`;
}

function tabs(v: InboxView): SafeHtml {
  const handled = v.tab === 'handled';
  const current = (on: boolean) => (on ? html` aria-current="page"` : '');
  return html`<nav aria-label="Innboks" class="actions" id="inbox-tabs"><a href="/admin/inbox"${current(!handled)}>Ubehandlet${v.openCount === undefined ? '' : ` (${v.openCount})`}</a> <a href="/admin/inbox?vis=behandlet"${current(handled)}>Behandlet</a></nav>`;
}

function messageCard(m: InboxMessage, v: InboxView, csrfToken: string): SafeHtml {
  return html`<li class="card" id="m-${m.id}" aria-labelledby="m-${m.id}-h">
<h2 id="m-${m.id}-h" style="font-size:1.1rem;margin:0 0 4px">${sender(m)}</h2>
<p style="margin:0"><span class="badge">${classificationLabel(m.classification)}</span> <time class="muted" datetime="${m.receivedAt.toISOString()}">${formatWhen(m.receivedAt)}</time>${m.taskId ? html` · <a href="/admin/tasks/${m.taskId}">Gjelder oppdrag ${m.taskId}</a>` : ''}</p>
<blockquote style="margin:10px 0;padding:8px 12px;border-left:4px solid #767676;background:#f4f5f7;white-space:pre-wrap">${m.body}</blockquote>${player(m)}${m.reading ? html`
<p class="reading" style="margin:0 0 8px">${readingSummary(m.reading)}. <span class="muted">Avgjort av: ${readingEvidence(m.reading)}</span></p>` : ''}
${repliesTo(m, v.replies)}
${assignForm(m, csrfToken)}
${interpretForm(m, csrfToken)}
${replyForm(m, csrfToken)}
<form class="inline" method="post" action="/admin/inbox/${m.id}/handled">${csrfInput(csrfToken)}<button type="submit" class="secondary" aria-describedby="m-${m.id}-h">Behandlet</button></form>
</li>`;
}

/** Innboks: SMS no flow could handle, newest first, each with a reply box and "Behandlet"; and the handled ones. */
export function inboxPage(frame: PageFrame, v: InboxView): SafeHtml {
  if (v.tab === 'handled') {
    return page(frame, {
      title: 'Innboks: behandlet',
      section: 'inbox',
      body: html`<h1>Innboks</h1>${tabs(v)}
<p class="hint">Meldinger som er merket behandlet, sist behandlet først, med hvem som gjorde det. «Angre» legger meldingen tilbake i innboksen.</p>
${v.messages.length === 0
    ? html`<p>Ingen meldinger er behandlet ennå.</p>`
    : html`<ol style="list-style:none;padding:0;display:grid;gap:12px">${v.messages.map((m) => handledCard(m, frame.csrfToken))}</ol>`}`,
    });
  }
  return page(frame, {
    title: 'Innboks',
    section: 'inbox',
    body: html`<h1>Innboks</h1>${tabs(v)}
<p class="hint">SMS som Svarja ikke kunne tolke selv: fra numre vi ikke kjenner, og uklare svar. Svar personen her, eller ring, og trykk «Behandlet» når saken er ordnet.</p>
${v.messages.length === 0
    ? html`<p>Innboksen er tom. Alle meldinger er behandlet.</p>`
    : html`<ol style="list-style:none;padding:0;display:grid;gap:12px">${v.messages.map((m) => messageCard(m, v, frame.csrfToken))}</ol>`}`,
  });
}
