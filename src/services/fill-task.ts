import { isExhausted, offersToSend, waveForNewOffers } from '../domain/dispatch';
import { renderOffer, renderText, toTaskFacts } from '../domain/messages';
import { osloDate } from '../domain/oslo-time';
import type { Tx } from '../db/database';
import { countLiveOffers, countOffers, insertOffers, lockCandidates, type Candidate, type Offer } from '../db/offer.repo';
import { lockTask, moveTask, updateTask, type Task } from '../db/task.repo';
import type { ServiceContext } from './context';
import { runUseCase, type Effects } from './effects';

/**
 * Keeps a searching task's live offers topped up to its wave size; marks it unfilled and tells the
 * coordinator when nobody is left to ask. Runs inside the caller's transaction, after (or while)
 * taking the task lock.
 */
export async function fillTaskInTx(trx: Tx, ctx: ServiceContext, effects: Effects, taskId: string, now: Date): Promise<void> {
  const task = await lockTask(trx, taskId);
  if (!task || task.status !== 'searching') return;
  const live = await countLiveOffers(trx, taskId);
  const wave = waveForNewOffers(task.wavesSent, live);
  const created = await createOffers(trx, task, wave, offersToSend(task.waveSize, live), osloDate(now));
  for (const { offer, candidate } of created) {
    await effects.sms(trx, {
      to: candidate.phone,
      body: renderOffer(candidate.language, toTaskFacts(task), task.offerTimeoutMinutes),
      kind: 'offer',
      volunteerId: candidate.id,
      taskId,
      offerId: offer.id,
    });
  }
  if (created.length > 0 && wave !== task.wavesSent) await updateTask(trx, taskId, { waves_sent: wave }, now);
  if (isExhausted(live, created.length)) await markUnfilled(trx, ctx, effects, task, now);
}

async function createOffers(trx: Tx, task: Task, wave: number, wanted: number, today: string): Promise<{ offer: Offer; candidate: Candidate }[]> {
  const created: { offer: Offer; candidate: Candidate }[] = [];
  // A candidate can get a live offer from another task between our SELECT and INSERT; the unique
  // index skips them, and we look again for the shortfall.
  for (let round = 0; round < 3 && created.length < wanted; round++) {
    const candidates = await lockCandidates(trx, task, today, wanted - created.length);
    if (candidates.length === 0) break;
    const offers = await insertOffers(trx, task.id, wave, candidates.map((c) => c.id));
    const byVolunteer = new Map(candidates.map((c) => [c.id, c]));
    for (const offer of offers) created.push({ offer, candidate: byVolunteer.get(offer.volunteerId)! });
    if (offers.length === candidates.length) break;
  }
  return created;
}

async function markUnfilled(trx: Tx, ctx: ServiceContext, effects: Effects, task: Task, now: Date): Promise<void> {
  const moved = await moveTask(trx, task.id, 'exhaust', { closed_at: now }, now);
  if (!moved) return;
  effects.taskChanged(task.id);
  ctx.log.info({ taskId: task.id }, 'task unfilled: no candidates left');
  const coordinator = ctx.settings.coordinatorPhone;
  if (!coordinator) {
    ctx.log.warn({ taskId: task.id }, 'COORDINATOR_PHONE is not set: nobody was told by SMS that the task is unfilled');
    return;
  }
  const offersSent = await countOffers(trx, task.id);
  await effects.sms(trx, {
    to: coordinator,
    body: renderText('nb', 'coordinator_unfilled', { task: toTaskFacts(task), offersSent }),
    kind: 'coordinator_unfilled',
    taskId: task.id,
  });
}

/** The fill-task job: used when dispatch starts and by the sweeper. */
export async function fillTask(ctx: ServiceContext, taskId: string): Promise<void> {
  await runUseCase(ctx, (trx, effects, now) => fillTaskInTx(trx, ctx, effects, taskId, now));
}
