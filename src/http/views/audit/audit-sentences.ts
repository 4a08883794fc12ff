import type { AuditEvent } from '../../../db/audit.repo';
import type { CoordinatorRole } from '../../../db/schema';
import { DateTime } from 'luxon';
import { countOf, formatWhen, TASK_TYPE_LABELS } from '../format';
import { html, type SafeHtml } from '../html';
import { EDITED_FIELD_LABELS } from '../tasks/edited-fields';
import { ROLE_LABELS } from '../settings/role-labels';
import { actionLabel } from './audit-labels';
import type { AuditRefs } from './audit-refs';

type Sentence = (who: string, e: AuditEvent, r: AuditRefs) => SafeHtml;

const num = (v: unknown) => (typeof v === 'number' ? v : Number(v ?? 0));
const role = (v: unknown) => (ROLE_LABELS[v as CoordinatorRole] ?? String(v ?? 'ukjent rolle')).toLowerCase();

/** Field names of a volunteer edit, as the form labels them (values are personal data and not logged). */
const VOLUNTEER_FIELDS: Record<string, string> = {
  name: 'navn', phone: 'mobilnummer', language: 'språk', taskTypes: 'oppdragstyper', areas: 'områder', notes: 'notater',
  agreementSignedOn: 'avtale', confidentialitySignedOn: 'taushetserklæring', policeCertificateOn: 'politiattest', trainingOn: 'opplæring',
  pausedUntil: 'pause', availability: 'tilgjengelighet', maxTasksPerWeek: 'oppdrag per uke',
};

function changedFields(v: unknown): string {
  const fields = Array.isArray(v) ? v.map((f) => VOLUNTEER_FIELDS[String(f)] ?? String(f)) : [];
  return fields.length > 0 ? ` (${new Intl.ListFormat('nb', { type: 'conjunction' }).format(fields)})` : '';
}

const list = (parts: readonly string[]) => new Intl.ListFormat('nb', { type: 'conjunction' }).format(parts);

/** «tid (tor. 3. des. kl. 10:00 → fre. 4. des. kl. 12:00), sted (Sentrum → Nord) og kort beskrivelse» — never the text of the details. */
function editedFields(d: Record<string, unknown>): string {
  const fromTo = (v: unknown, show: (x: unknown) => string) => {
    const ft = v as { from?: unknown; to?: unknown } | undefined;
    return ft && typeof ft === 'object' && ft.from !== undefined ? ` (${show(ft.from)} → ${show(ft.to)})` : '';
  };
  const when = (v: unknown) => (typeof v === 'string' ? formatWhen(new Date(v)) : 'ukjent tid');
  const shows: Record<string, (x: unknown) => string> = {
    startsAt: when, area: (v) => String(v ?? 'uten sted'), durationMinutes: (m) => `${String(m)} min`,
    type: (t) => (TASK_TYPE_LABELS[String(t)] ?? String(t)).toLowerCase(),
  };
  const fields = Array.isArray(d.changed) ? d.changed.map(String) : [];
  return list(fields.map((f) => `${EDITED_FIELD_LABELS[f] ?? f}${shows[f] ? fromTo(d[f], shows[f]) : ''}`));
}

/** What followed an edit: who got an SMS, offers withdrawn, and what was decided about an assigned volunteer who no longer fits. */
function editConsequences(d: Record<string, unknown>, r: AuditRefs): SafeHtml {
  const told = num(d.told) > 0 ? `; ${countOf(num(d.told), 'frivillig', 'frivillige')} fikk SMS om endringen` : '';
  const withdrawn = num(d.withdrawn) > 0 ? `; ${countOf(num(d.withdrawn), 'tilbud', 'tilbud')} ble trukket tilbake` : '';
  const unfit = d.assignedUnfit as { volunteerId?: unknown; reasons?: unknown; decision?: unknown } | undefined;
  if (!unfit || typeof unfit !== 'object') return html`${told}${withdrawn}`;
  const reasons = Array.isArray(unfit.reasons) && unfit.reasons.length > 0 ? ` (${list(unfit.reasons.map(String))})` : '';
  const decided = { keep: 'fikk beholde det', unassign: 'ble tatt av', unassign_resend: 'ble tatt av, og oppdraget ble sendt ut på nytt' }[String(unfit.decision)] ?? 'ble tatt av';
  return html`${told}${withdrawn}; ${r.volunteer(unfit.volunteerId)} passet ikke lenger${reasons} og ${decided}`;
}

/** ' selv om hen ikke passet (mangler politiattest)' after an assignment the coordinator confirmed despite the rules. */
function despiteUnfit(v: unknown): string {
  return Array.isArray(v) && v.length > 0 ? `, selv om den frivillige ikke passet (${list(v.map(String))})` : '';
}

/** '14. desember 2026' for a stored ISO day. */
function day(v: unknown): string {
  const d = typeof v === 'string' ? DateTime.fromISO(v, { locale: 'nb' }) : undefined;
  return d?.isValid ? d.toFormat('d. MMMM yyyy') : 'en dato';
}

const INBOX = html`<a href="/admin/inbox">Innboks</a>`;

const SENTENCES: Record<string, Sentence> = {
  login: (who) => html`${who} logget inn`,
  login_failed: (_who, e) => html`Mislykket innlogging som «${e.actor}»`,
  logout: (who) => html`${who} logget ut`,
  api_token_created: (who) => html`${who} laget en personlig API-nøkkel`,
  api_token_revoked: (who) => html`${who} trakk tilbake en personlig API-nøkkel`,
  task_created: (who, e, r) => e.detail.requesterId
    ? html`${who} opprettet ${r.task(e.subjectId)} etter SMS fra ${r.requester(e.detail.requesterId)}${e.detail.ref ? `, ${String(e.detail.ref)}` : ''}`
    : html`${who} opprettet ${r.task(e.subjectId)}${r.inUnit(e.detail.unitId)}`,
  task_updated: (who, e, r) => html`${who} endret ${r.task(e.subjectId)}`,
  task_dispatched: (who, e, r) => html`${who} sendte ut ${r.task(e.subjectId)}`,
  task_dispatch_stopped: (who, e, r) => {
    const told = e.detail.told ?? e.detail.withdrawnOffers;
    return html`${who} stoppet utsendingen av ${r.task(e.subjectId)}${told === undefined ? '' : `, og ${countOf(num(told), 'frivillig', 'frivillige')} fikk beskjed`}`;
  },
  task_cancelled: (who, e, r) => html`${who} avlyste ${r.task(e.subjectId)}`,
  task_assigned_manually: (who, e, r) => html`${who} tildelte ${r.task(e.subjectId)} til ${r.volunteer(e.detail.volunteerId)}, avtalt på telefon${despiteUnfit(e.detail.unfit)}`,
  task_edited: (who, e, r) => html`${who} endret ${r.task(e.subjectId)}: ${editedFields(e.detail)}${editConsequences(e.detail, r)}`,
  task_unassigned: (who, e, r) => html`${who} tok ${e.detail.volunteerId ? r.volunteer(e.detail.volunteerId) : 'den frivillige'} av ${r.task(e.subjectId)}${e.detail.resent === true ? ', og oppdraget ble sendt ut på nytt' : '; oppdraget venter på ny tildeling'}`,
  task_reassigned: (who, e, r) => html`${who} ga ${r.task(e.subjectId)} til ${r.volunteer(e.detail.volunteerId)}${e.detail.replacedVolunteerId ? html` i stedet for ${r.volunteer(e.detail.replacedVolunteerId)}` : ''}${despiteUnfit(e.detail.unfit)}`,
  task_assigned_from_inbox: (who, e, r) => html`${who} tildelte ${r.task(e.subjectId)} til ${r.volunteer(e.detail.volunteerId)} fra et uklart svar i ${INBOX}`,
  task_sent_despite_quiet_hours: (who, e, r) => html`${who} sendte ${r.task(e.subjectId)} i stilletiden med «Send nå likevel»: ${countOf(num(e.detail.released), 'SMS', 'SMS-er')}${num(e.detail.releasedCalls) > 0 ? ` og ${countOf(num(e.detail.releasedCalls), 'anrop', 'anrop')}` : ''} gikk straks`,
  assignment_cancelled_by_volunteer: (_who, e, r) => html`${r.volunteer(e.detail.volunteerId)} meldte avbud på ${r.task(e.subjectId)} (AVBRYT), og oppdraget ble sendt ut igjen`,
  volunteer_created: (who, e, r) => html`${who} la til ${r.volunteer(e.subjectId)} som frivillig`,
  volunteer_updated: (who, e, r) => html`${who} endret ${r.volunteer(e.subjectId)}${changedFields(e.detail.changed)}${e.detail.via === 'import' ? ' ved CSV-import' : ''}`,
  volunteer_deactivated: (who, e, r) => html`${who} deaktiverte ${r.volunteer(e.subjectId)}, som ikke får flere tilbud men blir stående i rapporter og historikk${e.detail.withdrewOffer === true ? '; et åpent tilbud ble trukket tilbake' : ''}`,
  volunteer_reactivated: (who, e, r) => html`${who} aktiverte ${r.volunteer(e.subjectId)} igjen`,
  volunteer_erased: (who, e) => html`${who} slettet personopplysningene til en frivillig etter ønske: ${countOf(num(e.detail.messages), 'meldingstekst', 'meldingstekster')}, ${countOf(num(e.detail.media), 'bilde', 'bilder')} og ${countOf(num(e.detail.auditEvents), 'logglinje', 'logglinjer')} ble tømt${e.detail.withdrewOffer === true ? ', og et åpent tilbud ble trukket tilbake' : ''}; statistikken er beholdt`,
  volunteer_paused_by_sms: (_who, e, r) => html`${r.volunteer(e.subjectId)} tok pause på SMS og får ingen tilbud til og med ${day(e.detail.until)}`,
  volunteer_weekly_limit_by_sms: (_who, e, r) => e.detail.maxTasksPerWeek === null || e.detail.maxTasksPerWeek === undefined
    ? html`${r.volunteer(e.subjectId)} fjernet grensen for oppdrag per uke på SMS (MAKS 0)`
    : html`${r.volunteer(e.subjectId)} ba på SMS om høyst ${countOf(num(e.detail.maxTasksPerWeek), 'oppdrag', 'oppdrag')} per uke`,
  volunteers_imported: (who, e) => html`${who} importerte ${countOf(num(e.detail.imported), 'ny frivillig', 'nye frivillige')} fra CSV${num(e.detail.updated) > 0 ? ` og oppdaterte ${countOf(num(e.detail.updated), 'som fantes fra før', 'som fantes fra før')}` : ''}${num(e.detail.skipped) > 0 ? `; ${countOf(num(e.detail.skipped), 'rad', 'rader')} med feil ble hoppet over` : ''}`,
  volunteers_exported: (who, e) => html`${who} lastet ned ${countOf(num(e.detail.count), 'frivillig', 'frivillige')} som CSV`,
  inbox_replied: (who) => html`${who} svarte på en SMS fra <a href="/admin/inbox">Innboks</a>`,
  inbox_handled: (who) => html`${who} merket en melding i <a href="/admin/inbox">Innboks</a> som behandlet`,
  inbox_unhandled: (who) => html`${who} angret «behandlet» på en melding i ${INBOX}, så den står blant de ubehandlede igjen`,
  inbox_assigned: (who, e, r) => html`${who} behandlet et uklart svar fra ${r.volunteer(e.detail.volunteerId)} i ${INBOX} ved å tildele ${r.task(e.detail.taskId)}`,
  inbox_interpreted: (who, e) => html`${who} tolket en melding i <a href="/admin/inbox">Innboks</a> som ${String(e.detail.as ?? 'et svar')}`,
  follow_up_handled: (who) => html`${who} markerte oppfølgingen etter et oppdrag som fulgt opp`,
  report_exported: (who, e, r) => html`${who} lastet ned rapporten for ${String(e.detail.year ?? e.subjectId ?? '')} som CSV, ${e.detail.unitId ? r.unit(e.detail.unitId) : 'alle enheter'}`,
  unit_created: (who, e) => html`${who} opprettet enheten ${String(e.detail.name ?? '')}`,
  unit_renamed: (who, e) => html`${who} ga en enhet det nye navnet ${String(e.detail.name ?? '')}`,
  coordinator_created: (who, e, r) => html`${who} opprettet kontoen til ${r.coordinator(e.subjectId)} som ${role(e.detail.role)}`,
  coordinator_updated: (who, e, r) => html`${who} endret tilgangen til ${r.coordinator(e.subjectId)}: fra ${role(e.detail.previousRole)}${r.inUnit(e.detail.previousUnitId)} til ${role(e.detail.role)}${r.inUnit(e.detail.unitId)}`,
  coordinator_deactivated: (who, e, r) => html`${who} deaktiverte kontoen til ${r.coordinator(e.subjectId)}`,
  coordinator_reactivated: (who, e, r) => html`${who} aktiverte kontoen til ${r.coordinator(e.subjectId)} igjen`,
  password_changed: (who, e) => html`${who} byttet passordet sitt${num(e.detail.otherSessionsEnded) > 0 ? `; ${countOf(num(e.detail.otherSessionsEnded), 'annen innlogging', 'andre innlogginger')} ble avsluttet` : ''}`,
  password_reset: (who, e, r) => html`${who} ga ${r.coordinator(e.subjectId)} et nytt passord${num(e.detail.sessionsEnded) > 0 ? `; ${countOf(num(e.detail.sessionsEnded), 'innlogging', 'innlogginger')} ble avsluttet` : ''}`,
  requester_created: (who, e, r) => html`${who} registrerte bestilleren ${r.requester(e.subjectId)}${r.inUnit(e.detail.unitId)}`,
  requester_updated: (who, e, r) => html`${who} endret bestilleren ${r.requester(e.subjectId)}`,
  'demo.seeded': (_who, e) => html`Svarja fylte den tomme databasen med demodata: en enhet, ${countOf(num(e.detail.volunteers), 'frivillig', 'frivillige')}, et oppdrag og et sykehjem som bestiller på SMS`,
};

/**
 * An event as a Norwegian sentence with names and links. A kind without its own sentence (a newer
 * one) still reads: who, what in words, and about which task or volunteer.
 */
export function eventSentence(e: AuditEvent, refs: AuditRefs): SafeHtml {
  const who = refs.actor(e);
  const sentence = SENTENCES[e.action];
  if (sentence) return sentence(who, e, refs);
  const what = actionLabel(e.action) === e.action ? e.action.replace(/[._]+/g, ' ') : actionLabel(e.action);
  const about = e.subjectType === 'task' ? html` – ${refs.task(e.subjectId)}` : e.subjectType === 'volunteer' ? html` – ${refs.volunteer(e.subjectId)}` : '';
  return html`${who}: ${what.charAt(0).toLowerCase()}${what.slice(1)}${about}`;
}

export const KNOWN_SENTENCES = Object.keys(SENTENCES);
