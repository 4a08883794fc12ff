import { isExhausted, offersToSend, waveForNewOffers } from '../domain/dispatch';
import { renderOffer, renderText, toTaskFacts } from '../domain/messages';
import { considerVolunteers, pickNextWave } from '../domain/matching';
import { dispatchPolicy } from '../domain/task-timing';
import type { Tx } from '../db/database';
import { toMatchTask } from '../db/matching.repo';
import { loadBusyCandidates, loadRankedCandidates } from '../db/ranked-head.repo';
import { countLiveOffers, countOffers, insertOffers, lockBestAvailable } from '../db/offer.repo';
import { lockTask, moveTask, readClaimedForFill, setWavesSent, updateTask, type Task } from '../db/task.repo';
import type { OutboundDraft } from '../db/message.repo';
import { tellRequester } from './tell-requester';
import { queueOfferCall, sendsDespiteQuietHours } from './offer-by-call';
import type { ServiceContext } from './context';
import { runUseCase, type Effects } from './effects';
import { offerTogether, type CreatedOffer, type FillPlan, type RoundState } from './offer-together';

/**
 * Keeps a searching task's live offers topped up to its wave size; marks it unfilled and tells the
 * coordinator when nobody is left to ask. Runs inside the caller's transaction, after (or while)
 * taking the task lock.
 */
export async function fillTaskInTx(trx: Tx, ctx: ServiceContext, effects: Effects, taskId: string, now: Date): Promise<void> {
  const locked = await lockTask(trx, taskId);
  if (!locked || locked.status !== 'searching') return;
  await fillLockedTasks(trx, ctx, effects, [{ task: locked, live: await countLiveOffers(trx, taskId) }], now);
}

/**
 * fillTaskInTx for a batch of tasks whose row locks the caller already holds (the claim of
 * fill-searching-tasks). The tasks and their live offers are read in one statement; the first
 * round of offers of the whole batch is ranked, locked and inserted together (offer-together.ts);
 * the offer SMS rows and wave counters of the batch are written in one statement each at the end.
 */
export async function fillClaimedTasksInTx(trx: Tx, ctx: ServiceContext, effects: Effects, taskIds: readonly string[], now: Date): Promise<void> {
  await fillLockedTasks(trx, ctx, effects, await readClaimedForFill(trx, taskIds), now);
}

/** Tasks in the order they are served (soonest start first), each with its live offers counted under its lock. */
async function fillLockedTasks(trx: Tx, ctx: ServiceContext, effects: Effects, tasks: ReadonlyArray<{ task: Task; live: number }>, now: Date): Promise<void> {
  const writes = new FillWrites();
  const plans: FillPlan[] = [];
  for (const { task, live } of tasks) {
    const plan = await planFill(trx, ctx, effects, task, live, now);
    if (plan) plans.push(plan);
  }
  const together = await offerTogether(trx, plans, now);
  for (const plan of plans) {
    const first = together.get(plan.task.id);
    const outcome = first?.exhausted && !first.contended ? { created: first.created, outOfCandidates: true } : await createOffers(trx, plan, now, first);
    await finishFill(trx, ctx, effects, writes, plan, outcome, now);
  }
  await writes.flush(trx, effects, now);
}

/** What fills write only once they are done: a batch's offer SMS in one INSERT, its waves in one UPDATE. */
class FillWrites {
  private readonly sms: OutboundDraft[] = [];
  private readonly waves = new Map<string, number>();

  offerSms(drafts: OutboundDraft[]): void {
    this.sms.push(...drafts);
  }

  waveSent(taskId: string, wave: number): void {
    this.waves.set(taskId, wave);
  }

  async flush(trx: Tx, effects: Effects, now: Date): Promise<void> {
    await effects.smsMany(trx, this.sms);
    await setWavesSent(trx, this.waves, now);
  }
}

/** What a fill is to do for a task (after urgency), or nothing: a task that has begun is only marked unfilled. */
async function planFill(trx: Tx, ctx: ServiceContext, effects: Effects, locked: Task, live: number, now: Date): Promise<FillPlan | undefined> {
  if (locked.startsAt.getTime() <= now.getTime()) {
    // Nobody is asked for a task that has already begun; with nothing live it is unfilled.
    if (live === 0) await markUnfilled(trx, ctx, effects, locked, now);
    return undefined;
  }
  const task = await applyUrgency(trx, ctx, locked, now);
  return { task, live, wave: waveForNewOffers(task.wavesSent, live), wanted: offersToSend(task.waveSize, live) };
}

async function finishFill(trx: Tx, ctx: ServiceContext, effects: Effects, writes: FillWrites, plan: FillPlan, outcome: { created: CreatedOffer[]; outOfCandidates: boolean }, now: Date): Promise<void> {
  const { task, live, wave } = plan;
  const taskId = task.id;
  const { created, outOfCandidates } = outcome;
  // «Send nå likevel» holds for the rest of that night: later waves do not wait for the morning either.
  const despiteQuietHours = sendsDespiteQuietHours(task, now);
  // Issue 15: a volunteer who wants calls gets the offer by a call (sms_then_call starts with the SMS).
  for (const { offer, candidate } of created.filter(({ candidate }) => candidate.contactPreference === 'call')) {
    await queueOfferCall(trx, ctx, effects, { offerId: offer.id, taskId, volunteerId: candidate.id, phone: candidate.phone }, now, { despiteQuietHours });
  }
  const facts = toTaskFacts(task);
  const bodies = new Map<string, string>(); // by language: a wave is mostly one
  const bodyIn = (language: string) => {
    const body = bodies.get(language) ?? renderOffer(language, facts, task.offerTimeoutMinutes);
    bodies.set(language, body);
    return body;
  };
  writes.offerSms(created.filter(({ candidate }) => candidate.contactPreference !== 'call').map(({ offer, candidate }) => ({
    to: candidate.phone,
    body: bodyIn(candidate.language),
    kind: 'offer',
    volunteerId: candidate.id,
    taskId,
    offerId: offer.id,
    despiteQuietHours,
  })));
  if (created.length > 0 && wave !== task.wavesSent) writes.waveSent(taskId, wave);
  const short = live + created.length < task.waveSize;
  if (outOfCandidates && isExhausted(live, created.length) && !await someoneIsOnlyBusy(trx, task, now)) {
    await markUnfilled(trx, ctx, effects, task, now);
    return;
  }
  // Short with nobody more to ask: settled until something changes that could add a candidate
  // (the sweeper watches for that). Short because concurrent fills took the candidates: owed.
  const settledAt = short && outOfCandidates ? now : null;
  if (settledAt?.getTime() !== task.fillSettledAt?.getTime()) await updateTask(trx, taskId, { fill_settled_at: settledAt }, now);
  if (!isExhausted(live, created.length)) return;
  // Nobody free now, but someone who fits is only waiting to answer another offer: they will be
  // free within one answer time, and the sweeper asks them then. Unfilled would be premature.
  if (outOfCandidates) ctx.log.info({ taskId }, 'no free candidate now; waiting for volunteers busy with other offers');
  // There are candidates, but concurrent fills took every one first: not unfilled. The task stays
  // searching with nothing live, and the sweeper fills it again.
  else ctx.log.warn({ taskId }, 'fill-task lost every candidate to concurrent fills; left to the sweeper');
}

/**
 * A task close to its start goes out in bigger waves with shorter answer times. Recorded on the
 * task (coordinators see it, and the offer timer reads it), once: it only ever gets more urgent.
 */
async function applyUrgency(trx: Tx, ctx: ServiceContext, task: Task, now: Date): Promise<Task> {
  if (ctx.settings.urgency.urgentWithinHours <= 0 || task.urgent) return task;
  const policy = dispatchPolicy({ startsAt: task.startsAt, now, waveSize: task.waveSize, offerTimeoutMinutes: task.offerTimeoutMinutes }, ctx.settings.urgency);
  if (!policy.urgent) return task;
  await updateTask(trx, task.id, { urgent: true, wave_size: policy.waveSize, offer_timeout_minutes: policy.offerTimeoutMinutes }, now);
  ctx.log.info({ taskId: task.id, waveSize: policy.waveSize, offerTimeoutMinutes: policy.offerTimeoutMinutes }, 'task is urgent: bigger waves, shorter answer time');
  return { ...task, urgent: true, waveSize: policy.waveSize, offerTimeoutMinutes: policy.offerTimeoutMinutes };
}

/** Pick-and-insert rounds per fill; each round's reads see the offers other fills committed meanwhile. */
const MAX_ROUNDS = 20;

/**
 * Asks the best-ranked eligible volunteers (src/domain/matching). Two fills running at once may rank
 * the same people first: the row lock (skipping rows another fill holds) and the one-live-offer
 * index decide, and the loser's next round picks further down the list. "Out of candidates" is
 * claimed only when nobody eligible was left and none was lost to a concurrent fill.
 */
async function createOffers(trx: Tx, plan: FillPlan, now: Date, start?: RoundState): Promise<{ created: CreatedOffer[]; outOfCandidates: boolean }> {
  const { task, wave, wanted } = plan;
  const created: CreatedOffer[] = [...start?.created ?? []];
  const tried = new Set<string>(start?.tried);
  /** Ranked above the ones we got, but held by another fill's lock: passed over from then on. */
  const held = new Set<string>(start?.held);
  let contended = start?.contended ?? false;
  for (let round = start ? 1 : 0; round < MAX_ROUNDS && created.length < wanted; round++) {
    const need = wanted - created.length + held.size;
    const candidates = (await loadRankedCandidates(trx, task, now, need)).filter((c) => !tried.has(c.id) && !held.has(c.id));
    const ranked = pickNextWave(considerVolunteers(toMatchTask(task), candidates), candidates.length);
    if (ranked.length === 0) return { created, outOfCandidates: !contended };
    const locked = await lockBestAvailable(trx, ranked, wanted - created.length);
    for (const id of locked) tried.add(id);
    if (locked.length < Math.min(ranked.length, wanted - created.length)) {
      // lockBestAvailable went through the whole list: whoever it did not get is held by another fill.
      contended = true;
      for (const id of ranked) if (!tried.has(id)) held.add(id);
    }
    const offers = await insertOffers(trx, task.id, wave, locked);
    if (offers.length < locked.length) contended = true;
    const byVolunteer = new Map(candidates.map((c) => [c.id, c]));
    for (const offer of offers) created.push({ offer, candidate: byVolunteer.get(offer.volunteerId)! });
  }
  return { created, outOfCandidates: false };
}

/** Someone would be eligible but for an offer of another task they have not answered yet. */
async function someoneIsOnlyBusy(trx: Tx, task: Task, now: Date): Promise<boolean> {
  const busy = await loadBusyCandidates(trx, task, now);
  return considerVolunteers(toMatchTask(task), busy)
    .some((c) => c.exclusions.length > 0 && c.exclusions.every((e) => e.code === 'open_offer'));
}

async function markUnfilled(trx: Tx, ctx: ServiceContext, effects: Effects, task: Task, now: Date): Promise<void> {
  const moved = await moveTask(trx, task.id, 'exhaust', { closed_at: now }, now);
  if (!moved) return;
  effects.taskChanged(task.id);
  ctx.log.info({ taskId: task.id }, 'task unfilled: no candidates left');
  await tellRequester(trx, effects, task.id, { kind: 'unfilled' });
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
