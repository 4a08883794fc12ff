import { sql } from 'kysely';
import type { ContactPreference } from '../domain/contact-preference';
import type { VolunteerProfile } from '../domain/volunteer';
import type { Queryable } from './database';
import type { AbsenceJson, AvailabilityWindowJson, VolunteerRow } from './schema';

export type { VolunteerProfile };

/** When a volunteer can help and how often (matching); set over the API and by SMS keywords. */
export interface VolunteerSchedule {
  availability: AvailabilityWindowJson[];
  absences: AbsenceJson[];
  maxTasksPerWeek: number | null;
}

export interface Volunteer extends VolunteerProfile, VolunteerSchedule {
  id: string;
  name: string;
  phone: string;
  language: string;
  /** How offers reach them: SMS, a call, or SMS then a call (issue 15). */
  contactPreference: ContactPreference;
  optedOut: boolean;
  optedOutAt: Date | null;
  lastAssignedAt: Date | null;
  /** Set: never offered anything, kept for reports and history. */
  deactivatedAt: Date | null;
  /** Set: name, number and notes were erased on request; `phone` is then ''. */
  erasedAt: Date | null;
  createdAt: Date;
}

export interface NewVolunteer extends Partial<VolunteerProfile>, Partial<VolunteerSchedule> {
  name: string;
  phone: string;
  language: string;
  /** Left out: the column default, `sms`. */
  contactPreference?: ContactPreference;
  /** Only from an imported file that says the volunteer already opted out: they must stay out. */
  optedOutAt?: Date | null;
}

export function volunteerRowToVolunteer(r: VolunteerRow): Volunteer {
  return {
    id: r.id,
    name: r.name,
    phone: r.phone ?? '', // NULL only once erased: never E.164, so no SMS can be written to it
    language: r.language,
    contactPreference: r.contact_preference,
    optedOut: r.opted_out_at !== null,
    optedOutAt: r.opted_out_at,
    lastAssignedAt: r.last_assigned_at,
    deactivatedAt: r.deactivated_at,
    erasedAt: r.erased_at,
    createdAt: r.created_at,
    taskTypes: r.task_types,
    areas: r.areas,
    notes: r.notes,
    agreementSignedOn: r.agreement_signed_on,
    confidentialitySignedOn: r.confidentiality_signed_on,
    policeCertificateOn: r.police_certificate_on,
    trainingOn: r.training_on,
    pausedUntil: r.paused_until,
    availability: r.availability,
    absences: r.absences,
    maxTasksPerWeek: r.max_tasks_per_week,
  };
}

/** Profile fields as columns; fields left undefined are left out, so the column default applies. */
function profileToColumns(p: Partial<VolunteerProfile> & Partial<VolunteerSchedule>) {
  return {
    availability: p.availability && JSON.stringify(p.availability),
    absences: p.absences && JSON.stringify(p.absences),
    max_tasks_per_week: p.maxTasksPerWeek,
    task_types: p.taskTypes,
    areas: p.areas,
    notes: p.notes,
    agreement_signed_on: p.agreementSignedOn,
    confidentiality_signed_on: p.confidentialitySignedOn,
    police_certificate_on: p.policeCertificateOn,
    training_on: p.trainingOn,
    paused_until: p.pausedUntil,
  };
}

function newVolunteerToColumns(v: NewVolunteer) {
  return { name: v.name, phone: v.phone, language: v.language, contact_preference: v.contactPreference, opted_out_at: v.optedOutAt, ...profileToColumns(v) };
}

/** Undefined when the phone number is already registered. */
export async function insertVolunteer(db: Queryable, v: NewVolunteer): Promise<Volunteer | undefined> {
  const row = await db.insertInto('volunteer').values(newVolunteerToColumns(v))
    .onConflict((oc) => oc.column('phone').doNothing())
    .returningAll().executeTakeFirst();
  return row && volunteerRowToVolunteer(row);
}

// Postgres takes at most 65,535 parameters a statement; a volunteer row uses up to 17.
const INSERT_BATCH = 1000;

/** Inserts many (in batches); numbers already registered are skipped. Returns the ones inserted. */
export async function insertVolunteers(db: Queryable, volunteers: NewVolunteer[]): Promise<Volunteer[]> {
  const inserted: Volunteer[] = [];
  for (let i = 0; i < volunteers.length; i += INSERT_BATCH) {
    const rows = await db.insertInto('volunteer').values(volunteers.slice(i, i + INSERT_BATCH).map(newVolunteerToColumns))
      .onConflict((oc) => oc.column('phone').doNothing())
      .returningAll().execute();
    inserted.push(...rows.map(volunteerRowToVolunteer));
  }
  return inserted;
}

/** Replaces name, phone, language and profile. Throws a unique violation (23505) for a taken phone. */
export async function saveVolunteerDetails(db: Queryable, id: string, v: NewVolunteer & VolunteerProfile, at: Date): Promise<Volunteer | undefined> {
  const row = await db.updateTable('volunteer').set({ ...newVolunteerToColumns(v), updated_at: at })
    .where('id', '=', id).returningAll().executeTakeFirst();
  return row && volunteerRowToVolunteer(row);
}

export function isDuplicatePhoneError(err: unknown): boolean {
  const e = err as { code?: string; constraint?: string };
  return e.code === '23505' && e.constraint === 'volunteer_phone_key';
}

export async function listVolunteers(db: Queryable): Promise<Volunteer[]> {
  const rows = await db.selectFrom('volunteer').selectAll().orderBy('name').orderBy('id').execute();
  return rows.map(volunteerRowToVolunteer);
}

/** The digits of a partial number ('412 34' → '41234'), or undefined when the query is not one. */
export function extractPhoneDigits(text: string): string | undefined {
  if (!/^[+\d\s\-.()/]+$/.test(text)) return undefined;
  const digits = text.replace(/\D/g, '').replace(/^00/, '');
  return digits.length >= 3 ? digits : undefined;
}

export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export async function findVolunteerByPhone(db: Queryable, phone: string): Promise<Volunteer | undefined> {
  const row = await db.selectFrom('volunteer').selectAll().where('phone', '=', phone).executeTakeFirst();
  return row && volunteerRowToVolunteer(row);
}

/** The volunteers with these numbers, by number. */
export async function findVolunteersByPhones(db: Queryable, phones: readonly string[]): Promise<Map<string, Volunteer>> {
  if (phones.length === 0) return new Map();
  // One array parameter: one prepared statement whatever the number of phones.
  const rows = await db.selectFrom('volunteer').selectAll().where(sql<boolean>`phone = ANY(${[...phones]}::text[])`).execute();
  return new Map(rows.flatMap((r) => (r.phone ? [[r.phone, volunteerRowToVolunteer(r)] as const] : [])));
}

export async function findVolunteer(db: Queryable, id: string): Promise<Volunteer | undefined> {
  const row = await db.selectFrom('volunteer').selectAll().where('id', '=', id).executeTakeFirst();
  return row && volunteerRowToVolunteer(row);
}

export async function lockVolunteer(db: Queryable, id: string): Promise<Volunteer | undefined> {
  const row = await db.selectFrom('volunteer').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
  return row && volunteerRowToVolunteer(row);
}

export async function markOptedOut(db: Queryable, id: string, at: Date): Promise<boolean> {
  const r = await db.updateTable('volunteer').set({ opted_out_at: at, updated_at: at })
    .where('id', '=', id).where('opted_out_at', 'is', null).executeTakeFirst();
  return r.numUpdatedRows === 1n;
}

export async function markOptedIn(db: Queryable, id: string, at: Date): Promise<boolean> {
  const r = await db.updateTable('volunteer').set({ opted_out_at: null, updated_at: at })
    .where('id', '=', id).where('opted_out_at', 'is not', null).executeTakeFirst();
  return r.numUpdatedRows === 1n;
}

export async function findVolunteersByIds(db: Queryable, ids: string[]): Promise<Volunteer[]> {
  if (ids.length === 0) return [];
  const rows = await db.selectFrom('volunteer').selectAll().where('id', 'in', ids).execute();
  return rows.map(volunteerRowToVolunteer);
}

export async function markAssigned(db: Queryable, id: string, at: Date): Promise<void> {
  await db.updateTable('volunteer').set({ last_assigned_at: at, updated_at: at }).where('id', '=', id).execute();
}

/** Refreshes the planner's statistics of the volunteer table (after a bulk import). */
export async function analyzeVolunteers(db: Queryable): Promise<void> {
  await sql`ANALYZE volunteer`.execute(db);
}
