import type { AuditEvent } from '../../../db/audit.repo';
import type { CoordinatorRole } from '../../../db/schema';
import { countOf } from '../format';
import { html, type SafeHtml } from '../html';
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
  task_assigned_manually: (who, e, r) => html`${who} tildelte ${r.task(e.subjectId)} til ${r.volunteer(e.detail.volunteerId)}, avtalt på telefon`,
  task_sent_despite_quiet_hours: (who, e, r) => html`${who} sendte ${r.task(e.subjectId)} i stilletiden med «Send nå likevel»: ${countOf(num(e.detail.released), 'SMS', 'SMS-er')} gikk straks`,
  assignment_cancelled_by_volunteer: (_who, e, r) => html`${r.volunteer(e.detail.volunteerId)} meldte avbud på ${r.task(e.subjectId)} (AVBRYT), og oppdraget ble sendt ut igjen`,
  volunteer_created: (who, e, r) => html`${who} la til ${r.volunteer(e.subjectId)} som frivillig`,
  volunteer_updated: (who, e, r) => html`${who} endret ${r.volunteer(e.subjectId)}${changedFields(e.detail.changed)}`,
  volunteers_imported: (who, e) => html`${who} importerte ${countOf(num(e.detail.imported), 'frivillig', 'frivillige')} fra CSV${num(e.detail.skipped) > 0 ? `; ${countOf(num(e.detail.skipped), 'rad', 'rader')} med feil ble hoppet over` : ''}`,
  volunteers_exported: (who, e) => html`${who} lastet ned ${countOf(num(e.detail.count), 'frivillig', 'frivillige')} som CSV`,
  inbox_replied: (who) => html`${who} svarte på en SMS fra <a href="/admin/inbox">Innboks</a>`,
  inbox_handled: (who) => html`${who} merket en melding i <a href="/admin/inbox">Innboks</a> som behandlet`,
  inbox_interpreted: (who, e) => html`${who} tolket en melding i <a href="/admin/inbox">Innboks</a> som ${String(e.detail.as ?? 'et svar')}`,
  follow_up_handled: (who) => html`${who} markerte oppfølgingen etter et oppdrag som fulgt opp`,
  report_exported: (who, e, r) => html`${who} lastet ned rapporten for ${String(e.detail.year ?? e.subjectId ?? '')} som CSV, ${e.detail.unitId ? r.unit(e.detail.unitId) : 'alle enheter'}`,
  unit_created: (who, e) => html`${who} opprettet enheten ${String(e.detail.name ?? '')}`,
  unit_renamed: (who, e) => html`${who} ga en enhet det nye navnet ${String(e.detail.name ?? '')}`,
  coordinator_created: (who, e, r) => html`${who} opprettet kontoen til ${r.coordinator(e.subjectId)} som ${role(e.detail.role)}`,
  coordinator_updated: (who, e, r) => html`${who} endret tilgangen til ${r.coordinator(e.subjectId)}: fra ${role(e.detail.previousRole)}${r.inUnit(e.detail.previousUnitId)} til ${role(e.detail.role)}${r.inUnit(e.detail.unitId)}`,
  coordinator_deactivated: (who, e, r) => html`${who} deaktiverte kontoen til ${r.coordinator(e.subjectId)}`,
  coordinator_reactivated: (who, e, r) => html`${who} aktiverte kontoen til ${r.coordinator(e.subjectId)} igjen`,
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
