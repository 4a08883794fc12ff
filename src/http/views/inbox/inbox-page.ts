import type { InboxMessage, SentReply } from '../../../db/inbox.repo';
import { MAX_REPLY_LENGTH } from '../../../services/inbox-reply';
import { csrfInput } from '../form';
import { formatTime, formatWhen } from '../format';
import { html, type SafeHtml } from '../html';
import { page, type PageFrame } from '../layout';
import { formatPhone } from './format-phone';
import { classificationLabel, senderLabel } from './labels';
import { readingEvidence, readingSummary } from '../reply-reading-text';

export interface InboxView { messages: InboxMessage[]; replies: SentReply[] }

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

function messageCard(m: InboxMessage, v: InboxView, csrfToken: string): SafeHtml {
  return html`<li class="card" id="m-${m.id}" aria-labelledby="m-${m.id}-h">
<h2 id="m-${m.id}-h" style="font-size:1.1rem;margin:0 0 4px">${sender(m)}</h2>
<p style="margin:0"><span class="badge">${classificationLabel(m.classification)}</span> <time class="muted" datetime="${m.receivedAt.toISOString()}">${formatWhen(m.receivedAt)}</time>${m.taskId ? html` · <a href="/admin/tasks/${m.taskId}">Gjelder oppdrag ${m.taskId}</a>` : ''}</p>
<blockquote style="margin:10px 0;padding:8px 12px;border-left:4px solid #767676;background:#f4f5f7;white-space:pre-wrap">${m.body}</blockquote>${m.reading ? html`
<p class="reading" style="margin:0 0 8px">${readingSummary(m.reading)}. <span class="muted">Avgjort av: ${readingEvidence(m.reading)}</span></p>` : ''}
${repliesTo(m, v.replies)}
${interpretForm(m, csrfToken)}
${replyForm(m, csrfToken)}
<form class="inline" method="post" action="/admin/inbox/${m.id}/handled">${csrfInput(csrfToken)}<button type="submit" class="secondary" aria-describedby="m-${m.id}-h">Behandlet</button></form>
</li>`;
}

/** Innboks: SMS no flow could handle, newest first, each with a reply box and "Behandlet". */
export function inboxPage(frame: PageFrame, v: InboxView): SafeHtml {
  return page(frame, {
    title: 'Innboks',
    section: 'inbox',
    body: html`<h1>Innboks</h1>
<p class="hint">SMS som Svarja ikke kunne tolke selv: fra numre vi ikke kjenner, og uklare svar. Svar personen her, eller ring, og trykk «Behandlet» når saken er ordnet.</p>
${v.messages.length === 0
    ? html`<p>Innboksen er tom. Alle meldinger er behandlet.</p>`
    : html`<ol style="list-style:none;padding:0;display:grid;gap:12px">${v.messages.map((m) => messageCard(m, v, frame.csrfToken))}</ol>`}`,
  });
}
