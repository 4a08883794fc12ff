import { DateTime } from 'luxon';
import { TASK_TYPES } from '../../../domain/volunteer';
import { OSLO, type TaskType } from '../../../domain/messages';
import type { NewTask } from '../../../db/task.repo';
import type { FieldErrors } from '../form';
import { START_HORIZON_MS } from '../../../domain/task-window';

/** The new-task form as typed, kept to show it again with the messages. */
export interface TaskFormValues {
  type: string; date: string; time: string; durationMinutes: string; area: string;
  summary: string; details: string; waveSize: string; offerTimeoutMinutes: string; unitId: string;
  personRef: string;
  /** Optional 'YYYY-MM-DDTHH:MM' (a datetime-local input), Oslo time. */
  fillBy: string;
  /** Checkboxes: 'on' when ticked. */
  reqConfidentiality: string; reqPoliceCertificate: string; reqTraining: string;
}

export const TASK_FORM_FIELDS: (keyof TaskFormValues)[] = [
  'type', 'date', 'time', 'durationMinutes', 'area', 'summary', 'details', 'personRef', 'reqConfidentiality', 'reqPoliceCertificate', 'reqTraining',
  'waveSize', 'offerTimeoutMinutes', 'fillBy', 'unitId',
];

const REQUIREMENT_FIELDS = [
  ['reqConfidentiality', 'confidentiality'], ['reqPoliceCertificate', 'police_certificate'], ['reqTraining', 'training'],
] as const;

export type TaskFormResult = { ok: true; task: NewTask } | { ok: false; errors: FieldErrors };

const TYPES: readonly TaskType[] = TASK_TYPES;

export function readTaskForm(body: Record<string, unknown>): TaskFormValues {
  const values = {} as TaskFormValues;
  for (const f of TASK_FORM_FIELDS) values[f] = typeof body[f] === 'string' ? (body[f] as string).trim() : '';
  return values;
}

/** 'YYYY-MM-DD' (what a date input sends) or the Norwegian 'd.m.yyyy'. */
function parseDay(s: string): { year: number; month: number; day: number } | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s) ?? /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(s);
  if (!m) return undefined;
  const [a, b, c] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return s.includes('-') ? { year: a, month: b, day: c } : { year: c, month: b, day: a };
}

/** 'HH:MM' (what a time input sends) or 'HH.MM'. */
function parseTime(s: string): { hour: number; minute: number } | undefined {
  const m = /^(\d{1,2})[:.](\d{2})$/.exec(s);
  const [hour, minute] = m ? [Number(m[1]), Number(m[2])] : [NaN, NaN];
  return hour <= 23 && minute <= 59 ? { hour, minute } : undefined;
}

function intIn(s: string, min: number, max: number): number | undefined {
  if (!/^\d{1,6}$/.test(s)) return undefined;
  const n = Number(s);
  return n >= min && n <= max ? n : undefined;
}

function text(s: string, max: number, missing: string, errors: FieldErrors, field: string): string {
  if (!s) errors[field] = missing;
  else if (s.length > max) errors[field] = `Høyst ${max} tegn (nå ${s.length}).`;
  return s;
}

function parseStart(v: TaskFormValues, now: Date, errors: FieldErrors, keepStart?: Date): Date | undefined {
  const day = parseDay(v.date);
  const time = parseTime(v.time);
  if (!day) errors.date = v.date ? 'Skriv datoen som dd.mm.åååå.' : 'Velg dato.';
  if (!time) errors.time = v.time ? 'Skriv klokkeslettet som tt:mm, for eksempel 10:30.' : 'Skriv klokkeslett.';
  if (!day || !time) return undefined;
  const start = DateTime.fromObject({ ...day, ...time }, { zone: OSLO });
  if (!start.isValid) {
    errors.date = 'Datoen finnes ikke.';
    return undefined;
  }
  // Editing a task that has begun must not force a new time on it: only a changed time must lie ahead.
  const unchanged = keepStart !== undefined && start.toMillis() === keepStart.getTime();
  if (start.toMillis() < now.getTime() && !unchanged) errors.time = 'Tidspunktet har allerede vært.';
  if (start.toMillis() > now.getTime() + START_HORIZON_MS) errors.date = 'Oppdraget må starte innen to år.';
  return start.toJSDate();
}

/** Empty means the default (2 hours before the start); otherwise before the start, Oslo time. */
function parseFillBy(text: string, startsAt: Date | undefined, errors: FieldErrors): Date | null {
  if (!text) return null;
  const at = DateTime.fromISO(text, { zone: OSLO });
  if (!at.isValid || !/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}$/.test(text)) {
    errors.fillBy = 'Skriv dato og klokkeslett, for eksempel 2026-12-02 18:00.';
    return null;
  }
  if (startsAt && at.toMillis() > startsAt.getTime()) errors.fillBy = 'Fristen må være før oppdraget starter.';
  return at.toJSDate();
}

/** Checks every field and reports each problem next to its field, in bokmål. Times are Oslo time. */
export function parseTaskForm(v: TaskFormValues, now: Date, unitIds: string[], opts: { keepStart?: Date } = {}): TaskFormResult {
  const errors: FieldErrors = {};
  const type = TYPES.find((t) => t === v.type);
  if (!type) errors.type = 'Velg type oppdrag.';
  const startsAt = parseStart(v, now, errors, opts.keepStart);
  const durationMinutes = intIn(v.durationMinutes, 1, 1440);
  if (durationMinutes === undefined) errors.durationMinutes = 'Varigheten må være et helt antall minutter, fra 1 til 1440.';
  const area = text(v.area, 100, 'Skriv hvor oppdraget er (sted eller bydel).', errors, 'area');
  const summary = text(v.summary, 300, 'Skriv en kort beskrivelse til SMS-en.', errors, 'summary');
  const details = text(v.details, 2000, 'Skriv detaljene den frivillige trenger (hvem, adresse).', errors, 'details');
  const waveSize = intIn(v.waveSize, 1, 50);
  if (waveSize === undefined) errors.waveSize = 'Skriv et tall fra 1 til 50.';
  const offerTimeoutMinutes = intIn(v.offerTimeoutMinutes, 1, 10080);
  if (offerTimeoutMinutes === undefined) errors.offerTimeoutMinutes = 'Skriv et antall minutter fra 1 til 10080 (en uke).';
  if (!unitIds.includes(v.unitId)) errors.unitId = 'Velg enhet.';
  if (v.personRef.length > 100) errors.personRef = `Høyst 100 tegn (nå ${v.personRef.length}).`;
  const fillBy = parseFillBy(v.fillBy, startsAt, errors);
  const requirements = REQUIREMENT_FIELDS.filter(([field]) => v[field] === 'on').map(([, requirement]) => requirement);
  if (Object.keys(errors).length > 0 || !type || !startsAt || durationMinutes === undefined || waveSize === undefined || offerTimeoutMinutes === undefined) {
    return { ok: false, errors };
  }
  return {
    ok: true,
    task: { type, startsAt, durationMinutes, area, summary, details, waveSize, offerTimeoutMinutes, unitId: v.unitId, requirements, personRef: v.personRef || null, fillBy },
  };
}

/** The task as the form shows it for editing (Oslo time). */
export function taskToFormValues(t: Omit<NewTask, 'unitId'> & { unitId: string | null }): TaskFormValues {
  const start = DateTime.fromJSDate(t.startsAt, { zone: OSLO });
  const has = (r: string) => (t.requirements ?? []).some((x) => x === r) ? 'on' : '';
  return {
    type: t.type, date: start.toFormat('yyyy-MM-dd'), time: start.toFormat('HH:mm'), durationMinutes: String(t.durationMinutes), area: t.area,
    summary: t.summary, details: t.details, waveSize: String(t.waveSize ?? 3), offerTimeoutMinutes: String(t.offerTimeoutMinutes ?? 30),
    unitId: t.unitId ?? '', personRef: t.personRef ?? '',
    fillBy: t.fillBy ? DateTime.fromJSDate(t.fillBy, { zone: OSLO }).toFormat("yyyy-MM-dd'T'HH:mm") : '',
    reqConfidentiality: has('confidentiality'), reqPoliceCertificate: has('police_certificate'), reqTraining: has('training'),
  };
}
