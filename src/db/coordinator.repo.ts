import type { Queryable } from './database';
import type { CoordinatorRole } from './schema';

export interface Coordinator {
  id: string;
  email: string;
  name: string;
  role: CoordinatorRole;
  unitId: string | null;
  unitName: string | null;
  active: boolean;
  lastLoginAt: Date | null;
}

function baseQuery(db: Queryable) {
  return db.selectFrom('coordinator as c').leftJoin('unit as u', 'u.id', 'c.unit_id')
    .select(['c.id', 'c.email', 'c.name', 'c.role', 'c.unit_id', 'u.name as unit_name', 'c.active', 'c.last_login_at']);
}

type Row = Awaited<ReturnType<ReturnType<typeof baseQuery>['executeTakeFirstOrThrow']>>;

function toCoordinator(r: Row): Coordinator {
  return { id: r.id, email: r.email, name: r.name, role: r.role, unitId: r.unit_id, unitName: r.unit_name, active: r.active, lastLoginAt: r.last_login_at };
}

export async function findCoordinator(db: Queryable, id: string): Promise<Coordinator | undefined> {
  const r = await baseQuery(db).where('c.id', '=', id).executeTakeFirst();
  return r && toCoordinator(r);
}

/** With the password hash, for login only. */
export async function findCredentials(db: Queryable, email: string): Promise<(Coordinator & { passwordHash: string }) | undefined> {
  const r = await baseQuery(db).select('c.password_hash').where('c.email', '=', email.trim().toLowerCase()).executeTakeFirst();
  return r && { ...toCoordinator(r), passwordHash: r.password_hash };
}

export async function listCoordinators(db: Queryable): Promise<Coordinator[]> {
  return (await baseQuery(db).orderBy('c.name').execute()).map(toCoordinator);
}

export async function insertCoordinator(db: Queryable, c: { email: string; name: string; passwordHash: string; role: CoordinatorRole; unitId: string | null }): Promise<Coordinator | undefined> {
  const row = await db.insertInto('coordinator').values({
    email: c.email.trim().toLowerCase(), name: c.name.trim(), password_hash: c.passwordHash, role: c.role, unit_id: c.unitId,
  }).onConflict((oc) => oc.column('email').doNothing()).returning('id').executeTakeFirst();
  return row && findCoordinator(db, row.id);
}

export async function updateCoordinator(db: Queryable, id: string, set: { name?: string; role?: CoordinatorRole; unitId?: string | null; active?: boolean; passwordHash?: string }): Promise<void> {
  await db.updateTable('coordinator').set({
    ...(set.name !== undefined ? { name: set.name } : {}),
    ...(set.role !== undefined ? { role: set.role } : {}),
    ...(set.unitId !== undefined ? { unit_id: set.unitId } : {}),
    ...(set.active !== undefined ? { active: set.active } : {}),
    ...(set.passwordHash !== undefined ? { password_hash: set.passwordHash } : {}),
  }).where('id', '=', id).execute();
}

export async function markLoggedIn(db: Queryable, id: string, at: Date): Promise<void> {
  await db.updateTable('coordinator').set({ last_login_at: at }).where('id', '=', id).execute();
}

export interface Unit { id: string; name: string }

export async function listUnits(db: Queryable): Promise<Unit[]> {
  return db.selectFrom('unit').select(['id', 'name']).orderBy('name').execute();
}

export async function findOrCreateUnit(db: Queryable, name: string): Promise<Unit> {
  await db.insertInto('unit').values({ name: name.trim() }).onConflict((oc) => oc.column('name').doNothing()).execute();
  return db.selectFrom('unit').select(['id', 'name']).where('name', '=', name.trim()).executeTakeFirstOrThrow();
}

export async function renameUnit(db: Queryable, id: string, name: string): Promise<boolean> {
  const r = await db.updateTable('unit').set({ name: name.trim() }).where('id', '=', id).executeTakeFirst();
  return r.numUpdatedRows === 1n;
}
