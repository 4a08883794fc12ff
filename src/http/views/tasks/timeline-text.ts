import { readingEvidence, readingSummary } from '../reply-reading-text';
import { formatTime, formatWhen, TASK_TYPE_LABELS } from '../format';
import { EDITED_FIELD_LABELS } from './edited-fields';
import type { TimelineEntry } from '../../../services/get-task-view';
import type { CallTimelineEvent } from '../../../services/call-timeline';

/** How each kind of timeline entry reads to a coordinator (bokmål), and whether it is bad news. */
export interface TimelineLine { text: string; tone: 'ok' | 'bad' | 'neutral' }

const ACTIONS: Record<string, (actor: string, detail: Record<string, unknown>) => string> = {
  task_created: (a) => `${a} opprettet oppdraget`,
  task_dispatched: (a) => `${a} sendte ut oppdraget`,
  task_dispatch_stopped: (a, d) => `${a} stoppet utsendingen${typeof d.withdrawnOffers === 'number' && d.withdrawnOffers > 0 ? ` (${d.withdrawnOffers} tilbud trukket tilbake)` : ''}`,
  task_cancelled: (a) => `${a} avlyste oppdraget`,
  task_assigned_manually: (a, d) => `${a} tildelte oppdraget manuelt (avtalt på telefon)${unfitText(d.unfit)}`,
  task_sent_despite_quiet_hours: (a, d) => `${a} valgte «Send nå likevel» i stilletiden${typeof d.released === 'number' ? `: ${d.released} SMS sendt straks${typeof d.releasedCalls === 'number' && d.releasedCalls > 0 ? `, ${d.releasedCalls} anrop ringt straks` : ''}` : ''}`,
  assignment_cancelled_by_volunteer: () => 'Den frivillige meldte avbud (AVBRYT); oppdraget sendes ut igjen',
  task_edited: (a, d) => `${a} endret oppdraget: ${editedText(d)}`,
  task_unassigned: (a, d) => `${a} tok den frivillige av oppdraget${d.resent === true ? ' og sendte det ut på nytt' : '; oppdraget venter'}`,
  task_reassigned: (a, d) => `${a} byttet frivillig${unfitText(d.unfit)}`,
  task_assigned_from_inbox: (a) => `${a} tildelte oppdraget fra innboksen (svaret var uklart)`,
};

function fromTo(d: unknown, show: (v: unknown) => string): string {
  const ft = d as { from?: unknown; to?: unknown } | undefined;
  return ft && ft.from !== undefined ? ` (${show(ft.from)} → ${show(ft.to)})` : '';
}

/** «tid (tor. 3. des. kl. 10:00 → fre. 4. des. kl. 12:00), sted (A → B); 2 fikk SMS» — never the details' text. */
function editedText(d: Record<string, unknown>): string {
  const fields = Array.isArray(d.changed) ? d.changed.map(String) : [];
  const when = (v: unknown) => (typeof v === 'string' ? formatWhen(new Date(v)) : '');
  const extra: Record<string, (v: unknown) => string> = {
    startsAt: (v) => fromTo(v, when), area: (v) => fromTo(v, String), durationMinutes: (v) => fromTo(v, (m) => `${String(m)} min`),
    type: (v) => fromTo(v, (t) => TASK_TYPE_LABELS[String(t)] ?? String(t)),
  };
  const parts = fields.map((f) => `${EDITED_FIELD_LABELS[f] ?? f}${extra[f]?.(d[f]) ?? ''}`);
  const told = typeof d.told === 'number' && d.told > 0 ? `; ${d.told} frivillige fikk SMS om endringen` : '';
  const withdrawn = typeof d.withdrawn === 'number' && d.withdrawn > 0 ? `; ${d.withdrawn} tilbud trukket tilbake` : '';
  const unfit = d.assignedUnfit as { reasons?: unknown; decision?: unknown } | undefined;
  const decision = unfit ? `; den som hadde oppdraget passet ikke lenger (${Array.isArray(unfit.reasons) ? unfit.reasons.join(', ') : ''}) og ble ${unfit.decision === 'keep' ? 'beholdt' : 'tatt av'}` : '';
  return `${parts.join(', ')}${told}${withdrawn}${decision}`;
}

function unfitText(unfit: unknown): string {
  return Array.isArray(unfit) && unfit.length > 0 ? ` selv om den nye ikke passet (${unfit.join(', ')})` : '';
}

const WITHDRAW_REASONS: Record<string, string> = {
  taken: 'oppdraget ble tatt',
  cancelled: 'oppdraget ble avlyst',
  stopped: 'utsendingen ble stoppet',
  opted_out: 'den frivillige meldte seg av',
  deactivated: 'den frivillige ble deaktivert',
  erased: 'den frivillige ble slettet',
  too_late: 'oppdraget hadde startet før SMS-en kunne gå',
  task_changed: 'oppdraget ble endret, og den frivillige passer ikke lenger',
};

const SMS_KINDS: Record<string, (to: string) => string> = {
  offer: (to) => `Tilbud på SMS til ${to}`,
  offer_after_call: (to) => `Tilbud på SMS til ${to} (en telefonsvarer tok samtalen)`,
  assigned: (to) => `Bekreftelse med detaljene til ${to}`,
  taken: (to) => `Svar til ${to}: oppdraget var allerede tatt`,
  offer_taken: (to) => `Beskjed til ${to} om at oppdraget er tatt av en annen`,
  offer_withdrawn: (to) => `Beskjed til ${to} om at tilbudet er trukket tilbake`,
  offer_closed_for_you: (to) => `Beskjed til ${to} om at tilbudet ikke gjelder lenger (deaktivert)`,
  task_cancelled: (to) => `Beskjed til ${to} om at oppdraget er avlyst`,
  already_assigned: (to) => `Beskjed til ${to}: oppdraget er allerede ditt`,
  declined_thanks: (to) => `Takk for svaret, til ${to}`,
  hint_offer: (to) => `Hjelpetekst om JA/NEI til ${to}`,
  coordinator_unfilled: (to) => `Varsel til ${to} om at ingen frivillig er funnet`,
  coordinator_deadline_alert: (to) => `Varsel til ${to} om at fristen nærmer seg uten frivillig`,
  volunteer_cancelled_coordinator: (to) => `Varsel til ${to} om at den frivillige meldte avbud`,
  cancel_confirmed: (to) => `Bekreftelse på avbud til ${to}`,
  reminder_day_before: (to) => `Påminnelse kvelden før til ${to}`,
  reminder_two_hours: (to) => `Påminnelse to timer før til ${to}`,
  check_in_question: (to) => `«Gikk det bra?» til ${to}`,
  check_in_thanks_ok: (to) => `Takk etter oppdraget til ${to}`,
  check_in_thanks_follow_up: (to) => `Takk, og beskjed om oppfølging, til ${to}`,
  requester_sent: (to) => `Bekreftelse til ${to} om at oppdraget er sendt ut`,
  requester_assigned: (to) => `Beskjed til ${to} om hvem som kommer`,
  requester_replaced: (to) => `Beskjed til ${to} om at en annen frivillig kommer`,
  requester_unfilled: (to) => `Beskjed til ${to} om at ingen frivillig er funnet`,
  requester_unfilled_after_cancel: (to) => `Beskjed til ${to} om at den frivillige meldte avbud og ingen ny er funnet`,
  requester_cancelled: (to) => `Bekreftelse til ${to} om at oppdraget er avlyst`,
  task_changed: (to) => `Beskjed til ${to} om ny tid eller nytt sted`,
  offer_changed: (to) => `Beskjed til ${to} om ny tid eller nytt sted i tilbudet`,
  unassigned: (to) => `Beskjed til ${to} om at de er tatt av oppdraget`,
};

const SMS_STATUS: Record<string, string> = {
  queued: 'sendes', sending: 'sendes', sent: 'sendt', delivered: 'levert', undelivered: 'ikke levert', failed: 'feilet', cancelled: 'ikke sendt, trukket tilbake før den gikk',
};

function offerClosed(e: Extract<TimelineEntry, { kind: 'offer_closed' }>): TimelineLine {
  const v = e.volunteerName;
  switch (e.status) {
    case 'accepted': return { text: `${v} takket ja`, tone: 'ok' };
    case 'declined': return { text: `${v} takket nei`, tone: 'neutral' };
    case 'expired': return { text: `Tilbudet til ${v} gikk ut uten svar`, tone: 'neutral' };
    case 'failed': return { text: `Tilbudet til ${v} kom ikke fram`, tone: 'bad' };
    case 'withdrawn': {
      const why = e.reason ? WITHDRAW_REASONS[e.reason] : undefined;
      return { text: `Tilbudet til ${v} ble trukket tilbake${why ? ` (${why})` : ''}`, tone: 'neutral' };
    }
    default: return { text: `Tilbudet til ${v}: ${e.status}`, tone: 'neutral' };
  }
}

function smsOut(e: Extract<TimelineEntry, { kind: 'sms_out' }>): TimelineLine {
  const to = e.recipient ?? (e.template.startsWith('coordinator_') || e.template === 'volunteer_cancelled_coordinator' ? 'koordinator'
    : e.template.startsWith('requester_') ? 'bestilleren' : 'ukjent mottaker');
  const what = (SMS_KINDS[e.template] ?? ((t: string) => `SMS til ${t}`))(to);
  const bad = e.status === 'failed' || e.status === 'undelivered';
  const status = e.planned ? 'venter på at stilletiden er over' : `${SMS_STATUS[e.status] ?? e.status}${bad && e.errorCode ? `, feilkode ${e.errorCode}` : ''}`;
  return { text: `${what} (${status})`, tone: bad ? 'bad' : 'neutral' };
}

/** '45 s', '2 min 5 s'. */
function callLength(seconds: number): string {
  const m = Math.floor(seconds / 60);
  const s = seconds % 60;
  return m === 0 ? `${s} s` : s === 0 ? `${m} min` : `${m} min ${s} s`;
}

const OFFER_KEYS: Record<string, string> = { '1': 'ja', '2': 'nei', '0': 'hør tilbudet igjen' };

function callKey(v: string, e: Extract<CallTimelineEvent, { type: 'key' }>): string {
  if (e.menu === 'task') {
    if (e.digits === null) return e.last ? `Ingen tast fra ${v}; oppdraget er fortsatt deres` : `Ingen tast fra ${v}; tiden og stedet ble lest opp igjen`;
    if (e.step === 1 && e.digits === '9') return `${v} trykket 9 (avbryte oppdraget) og ble bedt om å bekrefte`;
    if (e.step > 1 && e.digits === '1') return `${v} trykket 1 og bekreftet avbudet`;
    return `${v} trykket ${e.digits}; oppdraget er fortsatt deres`;
  }
  if (e.digits === null) return e.last ? `Ingen tast fra ${v}; samtalen ble avsluttet, og tilbudet venter på svar` : `Ingen tast fra ${v}; tilbudet ble lest opp igjen`;
  const meaning = OFFER_KEYS[e.digits];
  return meaning ? `${v} trykket ${e.digits} (${meaning})` : `${v} trykket ${e.digits}, som ikke er et valg; tilbudet ble lest opp igjen`;
}

const UNANSWERED_CALL: Record<string, (v: string) => string> = {
  'no-answer': (v) => `${v} tok ikke telefonen`,
  busy: (v) => `Det var opptatt hos ${v}`,
  failed: (v) => `Oppringningen til ${v} kom ikke fram`,
  canceled: (v) => `Oppringningen til ${v} ble avbrutt før noen svarte`,
};

function callLine(e: Extract<TimelineEntry, { kind: 'call' }>): TimelineLine {
  const v = e.volunteerName;
  const ev = e.event;
  switch (ev.type) {
    case 'waiting': return { text: `Oppringning til ${v} med tilbudet venter på at stilletiden er over`, tone: 'neutral' };
    case 'retry_planned': return { text: `Nytt forsøk: ${v} blir ringt opp igjen kl. ${formatTime(ev.callAt)}`, tone: 'neutral' };
    case 'placed': return { text: ev.attempt > 1 ? `Ringte ${v} med tilbudet igjen (forsøk ${ev.attempt})` : `Ringte ${v} med tilbudet`, tone: 'neutral' };
    case 'rang_in': return { text: ev.menu === 'offer' ? `${v} ringte tjenesten og hørte tilbudet` : `${v} ringte tjenesten og hørte når og hvor oppdraget er`, tone: 'neutral' };
    case 'answered': return { text: `${v} tok telefonen`, tone: 'neutral' };
    case 'answered_by':
      if (ev.who === 'person') return { text: `${v} tok telefonen selv`, tone: 'neutral' };
      if (ev.who === 'machine') return { text: `En telefonsvarer tok samtalen til ${v} og fikk en kort beskjed uten detaljer`, tone: 'neutral' };
      return { text: `${v} tok telefonen (ukjent om det var en person eller en telefonsvarer)`, tone: 'neutral' };
    case 'key': return { text: callKey(v, ev), tone: 'neutral' };
    case 'unanswered': return { text: (UNANSWERED_CALL[ev.status] ?? ((x: string) => `Oppringningen til ${x}: ${ev.status}`))(v), tone: ev.status === 'failed' ? 'bad' : 'neutral' };
    case 'ended': return { text: `Samtalen med ${v} er avsluttet${ev.seconds !== null ? ` (${callLength(ev.seconds)})` : ''}`, tone: 'neutral' };
    case 'not_placed':
      return ev.status === 'failed'
        ? { text: `Kunne ikke ringe ${v}${ev.errorCode ? ` (feilkode ${ev.errorCode})` : ''}`, tone: 'bad' }
        : { text: `Oppringningen til ${v} ble ikke gjort: tilbudet gjaldt ikke lenger`, tone: 'neutral' };
  }
}

export function timelineLine(e: TimelineEntry): TimelineLine {
  switch (e.kind) {
    case 'created': return { text: 'Oppdraget ble opprettet', tone: 'neutral' };
    case 'action': return { text: (ACTIONS[e.action] ?? ((a: string) => `${a}: ${e.action}`))(e.actorName, e.detail), tone: 'neutral' };
    case 'offer_closed': return offerClosed(e);
    case 'sms_out': return smsOut(e);
    case 'request_sms': {
      const said = e.body === null ? '(teksten er slettet etter lagringstiden)' : `«${e.body}»`;
      return { text: e.direction === 'in' ? `SMS fra ${e.requesterName}: ${said}` : `Svar til ${e.requesterName}: ${said}`, tone: 'neutral' };
    }
    case 'call': return callLine(e);
    case 'sms_in': {
      const unclear = e.classification === 'unclear' ? ' – uklart svar, vises i innboksen' : '';
      const reading = e.reading ? ` – ${readingSummary(e.reading).toLowerCase()} [${readingEvidence(e.reading)}]` : '';
      return { text: `Svar fra ${e.volunteerName}: «${e.body}»${reading}${unclear}`, tone: unclear ? 'bad' : 'neutral' };
    }
  }
}
