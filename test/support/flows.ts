import { DateTime } from 'luxon';
import type { Volunteer } from '../../src/db/volunteer.repo';
import type { TaskView } from '../../src/services/get-task-view';
import { waveTimerAt } from '../../src/services/expire-offers';
import { eventually, type Harness } from './harness';

/** What a value looks like after JSON.stringify: dates become strings. */
export type Jsonified<T> = T extends Date ? string
  : T extends (infer U)[] ? Jsonified<U>[]
    : T extends object ? { [K in keyof T]: Jsonified<T[K]> } : T;
export type TaskJson = Jsonified<TaskView>;
export type OfferJson = TaskJson['offers'][number];
import { uniqueMobile } from './factories';

/** Registers volunteers through the API, as a coordinator would. */
export async function createVolunteers(h: Harness, count: number, language = 'nb'): Promise<{ id: string; phone: string; name: string }[]> {
  const out = [];
  for (let i = 0; i < count; i++) {
    const res = await h.api('POST', '/api/volunteers', { name: `Frivillig ${i + 1}`, phone: uniqueMobile(), language });
    if (res.status !== 201) throw new Error(`volunteer not created: ${res.status} ${JSON.stringify(res.body)}`);
    out.push(res.body);
  }
  return out;
}

/**
 * Where tasks start unless a test says otherwise: a Thursday at 10:00 Oslo time, one to two weeks
 * ahead of the run, so tests neither depend on the date they run nor drift into the past.
 */
export const DEFAULT_START: DateTime = (() => {
  let day = DateTime.now().setZone('Europe/Oslo').plus({ days: 7 }).set({ hour: 10, minute: 0, second: 0, millisecond: 0 });
  while (day.weekday !== 4) day = day.plus({ days: 1 });
  return day;
})();

/** DEFAULT_START moved by whole days and minutes, as the API takes it. */
export function startPlus(change: { days?: number; minutes?: number }): string {
  return DEFAULT_START.plus(change).toISO()!;
}

export async function createTask(h: Harness, overrides: Record<string, unknown> = {}): Promise<{ id: string }> {
  const res = await h.api('POST', '/api/tasks', {
    type: 'escort',
    startsAt: DEFAULT_START.toISO(),
    durationMinutes: 90,
    area: 'Lørenskog sentrum',
    summary: 'Følge en eldre mann til legen.',
    details: 'Per Olsen, Kirkeveien 12. Legetime kl. 10:30 hos dr. Berg.',
    ...overrides,
  });
  if (res.status !== 201) throw new Error(`task not created: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

export async function dispatch(h: Harness, taskId: string): Promise<void> {
  const res = await h.api('POST', `/api/tasks/${taskId}/dispatch`);
  if (res.status !== 202) throw new Error(`dispatch failed: ${res.status} ${JSON.stringify(res.body)}`);
}

export async function getTask(h: Harness, taskId: string): Promise<TaskJson> {
  return (await h.api('GET', `/api/tasks/${taskId}`)).body;
}

/** Waits until `count` offers of the task are open (their SMS sent, timers running). */
export async function waitForOpenOffers(h: Harness, taskId: string, count: number, timeoutMs = 20_000): Promise<OfferJson[]> {
  return eventually(async () => {
    const task = await getTask(h, taskId);
    const open = task.offers.filter((o) => o.status === 'open');
    return open.length >= count ? open : undefined;
  }, timeoutMs, `${count} open offers on task ${taskId}`);
}

export async function outboundMessages(h: Harness, where: { kind?: string; to?: string } = {}) {
  let q = h.deps.db.selectFrom('message').selectAll().where('direction', '=', 'outbound').orderBy('id');
  if (where.kind) q = q.where('kind', '=', where.kind);
  if (where.to) q = q.where('to_phone', '=', where.to);
  return q.execute();
}

/** Waits until every inbound message is processed and no outbound message is waiting to be sent. */
export async function waitForQuiet(h: Harness, timeoutMs = 20_000): Promise<void> {
  await eventually(async () => {
    const pending = await h.deps.db.selectFrom('message').select('id')
      .where((eb) => eb.or([
        eb.and([eb('direction', '=', 'inbound'), eb('processed_at', 'is', null)]),
        eb.and([eb('direction', '=', 'outbound'), eb('status', 'in', ['queued', 'sending'])]),
      ])).execute();
    return pending.length === 0;
  }, timeoutMs, 'all messages processed and sent');
}

/**
 * Time passes: the test clock moves on and every timer that is due by then fires (BullMQ's delayed
 * jobs run on real time, so they are promoted; each re-checks the deadline against the clock).
 */
export async function letTimePass(h: Harness, ms: number): Promise<void> {
  // Every open offer's timer (one per task and deadline step, shared by a wave) is enqueued just
  // after the commit that opened it: wait for them all.
  const open = await h.deps.db.selectFrom('offer').select(['task_id', 'expires_at']).where('status', '=', 'open').execute();
  const timers = new Set(open.map((o) => `${o.task_id}-${waveTimerAt(o.expires_at!).getTime()}`));
  await eventually(async () => (await h.deps.queues.byName.dispatch.getDelayedCount()) >= timers.size, 20_000, 'offer timers to be scheduled');
  h.clock.advance(ms);
  const due = h.clock.now().getTime();
  for (const job of await h.deps.queues.byName.dispatch.getDelayed()) {
    if (job.timestamp + (job.opts.delay ?? 0) <= due) await job.promote();
  }
}

/** One volunteer as GET /api/volunteers lists them. */
export async function findVolunteerJson(h: Harness, id: string): Promise<Jsonified<Volunteer>> {
  const list = (await h.api('GET', '/api/volunteers')).body.volunteers as Jsonified<Volunteer>[];
  const found = list.find((v) => v.id === id);
  if (!found) throw new Error(`volunteer ${id} is not listed`);
  return found;
}
