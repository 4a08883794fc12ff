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
  const { created, outOfCandidates } = await createOffers(trx, task, wave, offersToSend(task.waveSize, live), osloDate(now));
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
  if (!isExhausted(live, created.length)) return;
  if (outOfCandidates) await markUnfilled(trx, ctx, effects, task, now);
  // There are candidates, but concurrent fills took every one first: not unfilled. The task stays
  // searching with nothing live, and the sweeper fills it again.
  else ctx.log.warn({ taskId }, 'fill-task lost every candidate to concurrent fills; left to the sweeper');
}

/** Pick-and-insert rounds per fill; each round's SELECT sees the offers other fills committed meanwhile. */
const MAX_ROUNDS = 20;

type CreatedOffer = { offer: Offer; candidate: Candidate };

async function createOffers(trx: Tx, task: Task, wave: number, wanted: number, today: string): Promise<{ created: CreatedOffer[]; outOfCandidates: boolean }> {
  const created: CreatedOffer[] = [];
  // A candidate can get a live offer from another task between our SELECT and INSERT: the SELECT's
  // snapshot predates the other fill's commit, and FOR UPDATE does not re-check NOT EXISTS. The
  // unique index skips them, and the next round (a new snapshot) looks again for the shortfall.
  for (let round = 0; round < MAX_ROUNDS && created.length < wanted; round++) {
    const candidates = await lockCandidates(trx, task, today, wanted - created.length);
    if (candidates.length === 0) return { created, outOfCandidates: true };
    const offers = await insertOffers(trx, task.id, wave, candidates.map((c) => c.id));
    const byVolunteer = new Map(candidates.map((c) => [c.id, c]));
    for (const offer of offers) created.push({ offer, candidate: byVolunteer.get(offer.volunteerId)! });
    if (offers.length === candidates.length) break;
  }
  return { created, outOfCandidates: false };
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
