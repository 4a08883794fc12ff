import type { Queryable } from './database';
import type { VolunteerRow } from './schema';

export interface Volunteer {
  id: string;
  name: string;
  phone: string;
  language: string;
  optedOut: boolean;
  optedOutAt: Date | null;
  lastAssignedAt: Date | null;
  createdAt: Date;
}

export function volunteerRowToVolunteer(r: VolunteerRow): Volunteer {
  return {
    id: r.id,
    name: r.name,
    phone: r.phone,
    language: r.language,
    optedOut: r.opted_out_at !== null,
    optedOutAt: r.opted_out_at,
    lastAssignedAt: r.last_assigned_at,
    createdAt: r.created_at,
  };
}

export async function insertVolunteer(db: Queryable, v: { name: string; phone: string; language: string }): Promise<Volunteer | undefined> {
  const row = await db.insertInto('volunteer').values(v)
    .onConflict((oc) => oc.column('phone').doNothing())
    .returningAll().executeTakeFirst();
  return row && volunteerRowToVolunteer(row);
}

export async function listVolunteers(db: Queryable): Promise<Volunteer[]> {
  const rows = await db.selectFrom('volunteer').selectAll().orderBy('name').orderBy('id').execute();
  return rows.map(volunteerRowToVolunteer);
}

export async function findVolunteerByPhone(db: Queryable, phone: string): Promise<Volunteer | undefined> {
  const row = await db.selectFrom('volunteer').selectAll().where('phone', '=', phone).executeTakeFirst();
  return row && volunteerRowToVolunteer(row);
}

export async function findVolunteer(db: Queryable, id: string): Promise<Volunteer | undefined> {
  const row = await db.selectFrom('volunteer').selectAll().where('id', '=', id).executeTakeFirst();
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
