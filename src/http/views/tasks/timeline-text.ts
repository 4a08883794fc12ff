import { readingEvidence, readingSummary } from '../reply-reading-text';
import type { TimelineEntry } from '../../../services/get-task-view';

/** How each kind of timeline entry reads to a coordinator (bokmål), and whether it is bad news. */
export interface TimelineLine { text: string; tone: 'ok' | 'bad' | 'neutral' }

const ACTIONS: Record<string, (actor: string, detail: Record<string, unknown>) => string> = {
  task_created: (a) => `${a} opprettet oppdraget`,
  task_dispatched: (a) => `${a} sendte ut oppdraget`,
  task_dispatch_stopped: (a, d) => `${a} stoppet utsendingen${typeof d.withdrawnOffers === 'number' && d.withdrawnOffers > 0 ? ` (${d.withdrawnOffers} tilbud trukket tilbake)` : ''}`,
  task_cancelled: (a) => `${a} avlyste oppdraget`,
  task_assigned_manually: (a) => `${a} tildelte oppdraget manuelt (avtalt på telefon)`,
  assignment_cancelled_by_volunteer: () => 'Den frivillige meldte avbud (AVBRYT); oppdraget sendes ut igjen',
};

const WITHDRAW_REASONS: Record<string, string> = {
  taken: 'oppdraget ble tatt',
  cancelled: 'oppdraget ble avlyst',
  stopped: 'utsendingen ble stoppet',
  opted_out: 'den frivillige meldte seg av',
  deactivated: 'den frivillige ble deaktivert',
  erased: 'den frivillige ble slettet',
  too_late: 'oppdraget hadde startet før SMS-en kunne gå',
};

const SMS_KINDS: Record<string, (to: string) => string> = {
  offer: (to) => `Tilbud på SMS til ${to}`,
  assigned: (to) => `Bekreftelse med detaljene til ${to}`,
  taken: (to) => `Beskjed til ${to} om at oppdraget er tatt`,
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
};

const SMS_STATUS: Record<string, string> = {
  queued: 'sendes', sending: 'sendes', sent: 'sendt', delivered: 'levert', undelivered: 'ikke levert', failed: 'feilet', cancelled: 'ikke sendt (trukket tilbake)',
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
  const to = e.recipient ?? (e.template.startsWith('coordinator_') || e.template === 'volunteer_cancelled_coordinator' ? 'koordinator' : 'ukjent mottaker');
  const what = (SMS_KINDS[e.template] ?? ((t: string) => `SMS til ${t}`))(to);
  const bad = e.status === 'failed' || e.status === 'undelivered';
  const status = `${SMS_STATUS[e.status] ?? e.status}${bad && e.errorCode ? `, feilkode ${e.errorCode}` : ''}`;
  return { text: `${what} (${status})`, tone: bad ? 'bad' : 'neutral' };
}

export function timelineLine(e: TimelineEntry): TimelineLine {
  switch (e.kind) {
    case 'created': return { text: 'Oppdraget ble opprettet', tone: 'neutral' };
    case 'action': return { text: (ACTIONS[e.action] ?? ((a: string) => `${a}: ${e.action}`))(e.actorName, e.detail), tone: 'neutral' };
    case 'offer_closed': return offerClosed(e);
    case 'sms_out': return smsOut(e);
    case 'sms_in': {
      const unclear = e.classification === 'unclear' ? ' – uklart svar, vises i innboksen' : '';
      const reading = e.reading ? ` – ${readingSummary(e.reading).toLowerCase()} [${readingEvidence(e.reading)}]` : '';
      return { text: `Svar fra ${e.volunteerName}: «${e.body}»${reading}${unclear}`, tone: unclear ? 'bad' : 'neutral' };
    }
  }
}
