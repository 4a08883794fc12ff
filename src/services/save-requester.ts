import { can, type Actor } from '../domain/access';
import { checkRequester, type RequesterDraftInput, type RequesterFormErrors } from '../domain/requester-form';
import { insertAuditEvent } from '../db/audit.repo';
import { listUnits } from '../db/coordinator.repo';
import { findPhoneOwners, findRequester, insertRequester, lockRequester, saveRequester, type PhoneOwner, type Requester } from '../db/requester.repo';
import { inTransaction } from '../db/transaction';
import type { ServiceContext } from './context';
import { isUniqueViolation } from './manage-accounts-rules';

export type SaveRequesterResult =
  | { ok: true; requester: Requester }
  | { ok: false; error: 'invalid'; errors: RequesterFormErrors & { unitId?: string } }
  /** `owners`: who has each number (a volunteer or another requester), for a message that names them; empty after a race. */
  | { ok: false; error: 'duplicate_phone'; phones: string[]; owners: PhoneOwner[] }
  | { ok: false; error: 'forbidden' | 'not_found' };

type Ctx = Pick<ServiceContext, 'db' | 'now'>;

async function unitExists(ctx: Ctx, unitId: string | null): Promise<boolean> {
  return unitId === null || (await listUnits(ctx.db)).some((u) => u.id === unitId);
}

/**
 * Adds a requester. A coordinator adds them to their own unit only (the access model); every number
 * is one requester's and no volunteer's, so an SMS from it has one meaning (409 otherwise).
 */
export async function createRequester(ctx: Ctx, actor: Actor, input: RequesterDraftInput): Promise<SaveRequesterResult> {
  if (!can(actor, 'create', { kind: 'requester', unitId: input.unitId })) return { ok: false, error: 'forbidden' };
  const checked = checkRequester(input);
  if (!checked.ok) return { ok: false, error: 'invalid', errors: checked.errors };
  if (!(await unitExists(ctx, input.unitId))) return { ok: false, error: 'invalid', errors: { unitId: 'Ukjent enhet.' } };
  return withDuplicateCheck(checked.requester.phones, () => inTransaction(ctx.db, async (trx) => {
    const owners = await findPhoneOwners(trx, checked.requester.phones);
    if (owners.length > 0) return { ok: false, error: 'duplicate_phone', phones: [...new Set(owners.map((o) => o.phone))], owners } as const;
    const id = await insertRequester(trx, checked.requester, ctx.now());
    await insertAuditEvent(trx, actor, { action: 'requester_created', subjectType: 'requester', subjectId: id, detail: { name: checked.requester.name, unitId: input.unitId } }, ctx.now());
    return { ok: true, requester: (await findRequester(trx, id))! } as const;
  }));
}

/** Replaces a requester's fields; fields not given keep their value. Both the old and the new unit must be the actor's. */
export async function updateRequester(ctx: Ctx, actor: Actor, id: string, patch: Partial<RequesterDraftInput>): Promise<SaveRequesterResult> {
  const current = await findRequester(ctx.db, id);
  if (!current) return { ok: false, error: 'not_found' };
  const input: RequesterDraftInput = {
    name: patch.name ?? current.name,
    unitId: patch.unitId === undefined ? current.unitId : patch.unitId,
    phones: patch.phones ?? current.phones,
    contactName: patch.contactName === undefined ? current.contactName : patch.contactName,
    defaultPlace: patch.defaultPlace === undefined ? current.defaultPlace : patch.defaultPlace,
  };
  if (!can(actor, 'edit', { kind: 'requester', unitId: current.unitId }) || !can(actor, 'edit', { kind: 'requester', unitId: input.unitId })) {
    return { ok: false, error: 'forbidden' };
  }
  const checked = checkRequester(input);
  if (!checked.ok) return { ok: false, error: 'invalid', errors: checked.errors };
  if (!(await unitExists(ctx, input.unitId))) return { ok: false, error: 'invalid', errors: { unitId: 'Ukjent enhet.' } };
  return withDuplicateCheck(checked.requester.phones, () => inTransaction(ctx.db, async (trx) => {
    if (!(await lockRequester(trx, id))) return { ok: false, error: 'not_found' } as const;
    const owners = await findPhoneOwners(trx, checked.requester.phones, id);
    if (owners.length > 0) return { ok: false, error: 'duplicate_phone', phones: [...new Set(owners.map((o) => o.phone))], owners } as const;
    await saveRequester(trx, id, checked.requester, ctx.now());
    await insertAuditEvent(trx, actor, { action: 'requester_updated', subjectType: 'requester', subjectId: id, detail: { name: checked.requester.name, unitId: input.unitId } }, ctx.now());
    return { ok: true, requester: (await findRequester(trx, id))! } as const;
  }));
}

/** Two saves racing for one number: the loser's insert hits the primary key and gets a 409 like any duplicate. */
async function withDuplicateCheck(phones: string[], work: () => Promise<SaveRequesterResult>): Promise<SaveRequesterResult> {
  try {
    return await work();
  } catch (err) {
    if (isUniqueViolation(err)) return { ok: false, error: 'duplicate_phone', phones, owners: [] };
    throw err;
  }
}
