import type { OfferStatus } from '../domain/dispatch';
import type { Queryable, Tx } from '../db/database';
import { findOffer, moveOffer } from '../db/offer.repo';
import { lockTask } from '../db/task.repo';
import type { ServiceContext } from './context';
import { runUseCase } from './effects';
import { fillTaskInTx } from './fill-task';

/** What decides whether an offer still stands, as one read returns it (null: no such offer). */
export interface OfferStanding { offerStatus: OfferStatus | null; taskStatus: string | null; startsAt: Date | null }

/** An offer still stands: in one of `live`, its task still looking, and the task not begun. */
function stands(s: OfferStanding, live: readonly OfferStatus[], now: Date): boolean {
  return s.offerStatus !== null && live.includes(s.offerStatus) && s.taskStatus === 'searching' && s.startsAt !== null && s.startsAt.getTime() > now.getTime();
}

async function offerStands(db: Queryable, offerId: string, live: readonly OfferStatus[], now: Date): Promise<boolean> {
  const row = await db.selectFrom('offer as o').innerJoin('task as t', 't.id', 'o.task_id')
    .select(['o.status as offer_status', 't.status as task_status', 't.starts_at'])
    .where('o.id', '=', offerId).executeTakeFirst();
  return !!row && stands({ offerStatus: row.offer_status, taskStatus: row.task_status, startsAt: row.starts_at }, live, now);
}

/**
 * An offer SMS or call that waited (quiet hours, a backlog) must still stand when it leaves.
 * Otherwise `cancel` drops the claimed send unsent, the offer (if still live) is withdrawn, and the
 * task moves on (or, once started, goes unfilled). True when the send was dropped.
 */
export async function dropSendOfStaleOffer(
  ctx: ServiceContext, offerId: string, live: readonly OfferStatus[], cancel: (trx: Tx, now: Date) => Promise<void>, read?: OfferStanding,
): Promise<boolean> {
  // Nearly every offer still stands: one plain read (or what the caller's claim read), and the
  // task lock only for one that does not.
  if (read ? stands(read, live, ctx.now()) : await offerStands(ctx.db, offerId, live, ctx.now())) return false;
  return runUseCase(ctx, async (trx, effects, now) => {
    const offer = await findOffer(trx, offerId);
    const task = offer && await lockTask(trx, offer.taskId);
    if (await offerStands(trx, offerId, live, now)) return false; // changed while we waited for the lock
    await cancel(trx, now);
    const withdrawn = task && await moveOffer(trx, offerId, 'withdraw', now, { close_reason: 'too_late' });
    if (task && withdrawn) {
      effects.taskChanged(task.id);
      await fillTaskInTx(trx, ctx, effects, task.id, now);
    }
    return true;
  });
}
