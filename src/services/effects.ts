import { isHeldInQuietHours, nextSendableAt } from '../domain/quiet-hours';
import { isE164 } from '../domain/phone';
import { isLandline } from '../domain/contact-preference';
import { smsPurpose } from '../domain/sms-purpose';
import { insertOutboundMany, type OutboundDraft } from '../db/message.repo';
import type { Queryable, Tx } from '../db/database';
import { inTransaction } from '../db/transaction';
import type { JobRequest } from '../queue/jobs';
import type { ServiceContext } from './context';

/**
 * Collects the jobs a transaction causes. Rows are written inside the transaction; jobs are
 * enqueued only after it commits (a crash in between is healed by the sweeper, which re-derives
 * every job from Postgres).
 */
export class Effects {
  readonly jobs: JobRequest[] = [];
  /** Tasks whose pages should refresh once the transaction has committed. */
  readonly changedTasks = new Set<string>();

  constructor(private readonly ctx: Pick<ServiceContext, 'settings'>, private now: Date) {}

  /**
   * What is written from here on is dated `at` when that is later than the use case's start: the
   * handling of an inbound SMS claimed after the clock was read (handlingTime), whose replies must
   * not be dated before it.
   */
  notBefore(at: Date): void {
    if (at > this.now) this.now = at;
  }

  /**
   * Writes an outbound SMS row and schedules its send. In quiet hours an offer, reminder or
   * check-in waits for the morning: the row says when it may go, and its job is delayed till then.
   * Nothing is written for a number that is not E.164 at all (an inbound `From` of 'abc' or '+'),
   * nor for a landline (a volunteer reached by calls): undefined then, and no SMS.
   */
  async sms(db: Queryable, draft: OutboundDraft): Promise<string | undefined> {
    const [messageId] = await this.smsMany(db, [draft]);
    return messageId;
  }

  /** sms() for many in one multi-row INSERT (a fill's wave); returns the ids of those written. */
  async smsMany(db: Queryable, drafts: readonly OutboundDraft[]): Promise<string[]> {
    const { quietHours } = this.ctx.settings;
    const held = (d: OutboundDraft) => (isHeldInQuietHours(smsPurpose(d.kind)) && !d.despiteQuietHours ? nextSendableAt(quietHours, this.now) : this.now);
    const writable = drafts.filter((d) => isE164(d.to) && !isLandline(d.to)).map((d) => ({ ...d, sendAfter: held(d) > this.now ? held(d) : null }));
    const ids = await insertOutboundMany(db, this.ctx.settings.serviceNumber, writable, this.now);
    writable.forEach((draft, i) => {
      this.jobs.push({ name: 'send-sms', data: { messageId: ids[i]! }, runAt: draft.sendAfter ?? undefined });
      if (draft.taskId) this.changedTasks.add(draft.taskId);
    });
    return ids;
  }

  add(job: JobRequest): void {
    this.jobs.push(job);
  }

  taskChanged(taskId: string): void {
    this.changedTasks.add(taskId);
  }
}

/** Enqueues after commit. A failure here is logged, not thrown: the rows are safe and the sweeper will enqueue them. */
export async function flushEffects(ctx: Pick<ServiceContext, 'jobs' | 'log' | 'taskEvents'>, effects: Effects): Promise<void> {
  if (effects.changedTasks.size > 0) await ctx.taskEvents.taskChanged(effects.changedTasks);
  if (effects.jobs.length === 0) return;
  try {
    await ctx.jobs.enqueue(effects.jobs);
  } catch (err) {
    ctx.log.warn({ err, jobs: effects.jobs.length }, 'enqueue after commit failed; the sweeper will pick the work up');
  }
}

/**
 * A use case whose writes are one statement (one atomic commit of its own): as runUseCase, without
 * the BEGIN and COMMIT round trips. `work` gets the pool, so a second write would not be atomic
 * with the first: only for work that writes once.
 */
export async function runOneStatementUseCase<T>(ctx: ServiceContext, work: (db: Queryable, effects: Effects, now: Date) => Promise<T>): Promise<T> {
  const now = ctx.now();
  const effects = new Effects(ctx, now);
  const result = await work(ctx.db, effects, now);
  await flushEffects(ctx, effects);
  return result;
}

/**
 * Runs one use case in one transaction and enqueues its jobs after the commit. A deadlock retry
 * starts from a fresh Effects, so a rolled-back attempt leaves no jobs behind.
 */
export async function runUseCase<T>(ctx: ServiceContext, work: (trx: Tx, effects: Effects, now: Date) => Promise<T>): Promise<T> {
  const { result, flushed } = await runUseCaseFlushingLater(ctx, work);
  await flushed;
  return result;
}

/**
 * runUseCase that returns once the transaction has committed, with the enqueue still under way
 * (`flushed`; it never rejects): a loop of transactions (the fill batches) starts the next while
 * the last one's jobs go to Redis. Await `flushed` before reporting the work done.
 */
export async function runUseCaseFlushingLater<T>(ctx: ServiceContext, work: (trx: Tx, effects: Effects, now: Date) => Promise<T>): Promise<{ result: T; flushed: Promise<void> }> {
  const now = ctx.now();
  let effects = new Effects(ctx, now);
  const result = await inTransaction(ctx.db, (trx) => {
    effects = new Effects(ctx, now);
    return work(trx, effects, now);
  });
  // flushEffects logs its own failures; this catch only keeps the promise from ever rejecting unheard.
  const flushed = flushEffects(ctx, effects).catch((err: unknown) => ctx.log.warn({ err }, 'effects after commit failed'));
  return { result, flushed };
}
