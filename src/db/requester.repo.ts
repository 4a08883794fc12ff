import { sql } from 'kysely';
import type { Queryable } from './database';

/** An organisation that may order tasks by SMS (a nursing home, a home-care team). */
export interface Requester {
  id: string;
  name: string;
  /** Whose coordinators own its tasks; null only for an admin's unsorted requester. */
  unitId: string | null;
  contactName: string | null;
  defaultPlace: string | null;
  /** E.164, sorted. */
  phones: string[];
  createdAt: Date;
  updatedAt: Date;
}

export interface RequesterInput {
  name: string;
  unitId: string | null;
  contactName: string | null;
  defaultPlace: string | null;
  phones: string[];
}

async function phonesOf(db: Queryable, ids: string[]): Promise<Map<string, string[]>> {
  const byId = new Map<string, string[]>(ids.map((id) => [id, []]));
  if (ids.length === 0) return byId;
  const rows = await db.selectFrom('requester_phone').select(['requester_id', 'phone']).where('requester_id', 'in', ids).orderBy('phone').execute();
  for (const r of rows) byId.get(r.requester_id)?.push(r.phone);
  return byId;
}

const COLUMNS = ['id', 'name', 'unit_id', 'contact_name', 'default_place', 'created_at', 'updated_at'] as const;

/** Every requester, or one unit's (`unitId` given; null: those of no unit), by name. */
export async function listRequesters(db: Queryable, scope: { unitId?: string | null } = {}): Promise<Requester[]> {
  let q = db.selectFrom('requester').select(COLUMNS).orderBy('name').orderBy('id');
  if (scope.unitId !== undefined) q = scope.unitId === null ? q.where('unit_id', 'is', null) : q.where('unit_id', '=', scope.unitId);
  const rows = await q.execute();
  const phones = await phonesOf(db, rows.map((r) => r.id));
  return rows.map((r) => ({
    id: r.id, name: r.name, unitId: r.unit_id, contactName: r.contact_name, defaultPlace: r.default_place,
    phones: phones.get(r.id) ?? [], createdAt: r.created_at, updatedAt: r.updated_at,
  }));
}

export async function findRequester(db: Queryable, id: string): Promise<Requester | undefined> {
  return (await findRequesters(db, [id])).get(id);
}

/** These requesters, by id, in two statements however many. */
async function findRequesters(db: Queryable, ids: readonly string[]): Promise<Map<string, Requester>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('requester').select(COLUMNS).where('id', 'in', [...ids]).execute();
  const phones = await phonesOf(db, rows.map((r) => r.id));
  return new Map(rows.map((row) => [row.id, {
    id: row.id, name: row.name, unitId: row.unit_id, contactName: row.contact_name, defaultPlace: row.default_place,
    phones: phones.get(row.id) ?? [], createdAt: row.created_at, updatedAt: row.updated_at,
  }]));
}

/** Every requester number with its requester's name (requesters are few: a handful of homes and teams). */
export async function listRequesterPhones(db: Queryable): Promise<Map<string, string>> {
  const rows = await db.selectFrom('requester_phone as p').innerJoin('requester as r', 'r.id', 'p.requester_id').select(['p.phone', 'r.name']).execute();
  return new Map(rows.map((r) => [r.phone, r.name]));
}

/** The requester a number belongs to, if any (one requester per number). */
export async function findRequesterByPhone(db: Queryable, phone: string): Promise<Requester | undefined> {
  const row = await db.selectFrom('requester_phone').select('requester_id').where('phone', '=', phone).executeTakeFirst();
  return row && findRequester(db, row.requester_id);
}

/** The requesters these numbers belong to, by number (most numbers that write in are not a requester's). */
export async function findRequestersByPhones(db: Queryable, phones: readonly string[]): Promise<Map<string, Requester>> {
  if (phones.length === 0) return new Map();
  const rows = await db.selectFrom('requester_phone').select(['phone', 'requester_id']).where(sql<boolean>`phone = ANY(${[...phones]}::text[])`).execute();
  const requesters = await findRequesters(db, [...new Set(rows.map((r) => r.requester_id))]);
  const found = new Map<string, Requester>();
  for (const row of rows) {
    const requester = requesters.get(row.requester_id);
    if (requester) found.set(row.phone, requester);
  }
  return found;
}

/** Who already has each of these numbers: a requester (by name) or a volunteer (by name), for a message that says so. */
export interface PhoneOwner { phone: string; kind: 'requester' | 'volunteer'; name: string }

export async function findPhoneOwners(db: Queryable, phones: string[], exceptRequesterId?: string): Promise<PhoneOwner[]> {
  if (phones.length === 0) return [];
  let q = db.selectFrom('requester_phone as p').innerJoin('requester as r', 'r.id', 'p.requester_id').select(['p.phone', 'r.name']).where('p.phone', 'in', phones);
  if (exceptRequesterId) q = q.where('p.requester_id', '!=', exceptRequesterId);
  const requesters = (await q.execute()).map((r) => ({ phone: r.phone, kind: 'requester' as const, name: r.name }));
  const volunteerRows = await db.selectFrom('volunteer').select(['phone', 'name']).where('phone', 'in', phones).execute();
  const volunteers = volunteerRows.flatMap((v) => (v.phone === null ? [] : [{ phone: v.phone, name: v.name, kind: 'volunteer' as const }]));
  return [...requesters, ...volunteers].sort((a, b) => a.phone.localeCompare(b.phone));
}

/** Inserts a requester and its numbers. Throws a unique violation (23505) for a number taken meanwhile. */
export async function insertRequester(db: Queryable, input: RequesterInput, at: Date): Promise<string> {
  const row = await db.insertInto('requester').values({
    name: input.name, unit_id: input.unitId, contact_name: input.contactName, default_place: input.defaultPlace, created_at: at, updated_at: at,
  }).returning('id').executeTakeFirstOrThrow();
  await replacePhones(db, row.id, input.phones);
  return row.id;
}

/** Replaces every field and the numbers. Throws a unique violation (23505) for a number taken meanwhile. */
export async function saveRequester(db: Queryable, id: string, input: RequesterInput, at: Date): Promise<void> {
  await db.updateTable('requester').set({
    name: input.name, unit_id: input.unitId, contact_name: input.contactName, default_place: input.defaultPlace, updated_at: at,
  }).where('id', '=', id).execute();
  await replacePhones(db, id, input.phones);
}

async function replacePhones(db: Queryable, id: string, phones: string[]): Promise<void> {
  await db.deleteFrom('requester_phone').where('requester_id', '=', id).execute();
  if (phones.length > 0) await db.insertInto('requester_phone').values(phones.map((phone) => ({ phone, requester_id: id }))).execute();
}

/** Locks the requester row: edits of one requester (and its numbers) happen one at a time. */
export async function lockRequester(db: Queryable, id: string): Promise<boolean> {
  return Boolean(await db.selectFrom('requester').select('id').where('id', '=', id).forUpdate().executeTakeFirst());
}
