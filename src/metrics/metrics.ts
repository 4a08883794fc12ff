import type { RequestHandler } from 'express';
import { sql } from 'kysely';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { Db } from '../db/database';
import { countInboundFailureStates } from '../db/message.repo';
import { readSweeperCounts, SWEEPER_RUNS } from '../db/sweeper.repo';
import type { Queues } from '../queue/queues';

/**
 * Prometheus metrics. Counts of SMS, offers and fill times are read from Postgres at scrape time,
 * so every web process reports the same truth however many processes did the work; webhook latency
 * is measured in the process that answered.
 */
export interface Metrics {
  registry: Registry;
  /** Times Twilio webhook handling, labelled by route and status. */
  webhookTimer: (route: 'sms' | 'status') => RequestHandler;
}

export function createMetrics(deps: { db: Db; queues: Queues }): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'svarja_process_' });

  new Gauge({
    name: 'svarja_sms_messages',
    help: 'SMS messages by direction and outcome (status), all time',
    labelNames: ['direction', 'status'],
    registers: [registry],
    async collect() {
      this.reset();
      const rows = await deps.db.selectFrom('message').select(['direction', 'status', (eb) => eb.fn.countAll<string>().as('n')])
        .groupBy(['direction', 'status']).execute();
      for (const r of rows) this.set({ direction: r.direction, status: r.status }, Number(r.n));
    },
  });

  new Gauge({
    name: 'svarja_offers',
    help: 'Offers by outcome (status), all time',
    labelNames: ['status'],
    registers: [registry],
    async collect() {
      this.reset();
      const rows = await deps.db.selectFrom('offer').select(['status', (eb) => eb.fn.countAll<string>().as('n')]).groupBy('status').execute();
      for (const r of rows) this.set({ status: r.status }, Number(r.n));
    },
  });

  new Gauge({
    name: 'svarja_time_to_fill_seconds',
    help: 'Time from dispatch to assignment of tasks assigned in the last 30 days (quantiles)',
    labelNames: ['quantile'],
    registers: [registry],
    async collect() {
      this.reset();
      const r = await sql<{ p50: number | null; p90: number | null }>`
        SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM assigned_at - dispatched_at)) AS p50,
               percentile_cont(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM assigned_at - dispatched_at)) AS p90
        FROM task WHERE assigned_at IS NOT NULL AND dispatched_at IS NOT NULL AND assigned_at > now() - interval '30 days'`.execute(deps.db);
      const row = r.rows[0];
      if (row?.p50 != null) this.set({ quantile: '0.5' }, Number(row.p50));
      if (row?.p90 != null) this.set({ quantile: '0.9' }, Number(row.p90));
    },
  });

  new Gauge({
    name: 'svarja_queue_jobs',
    help: 'BullMQ jobs by queue and state',
    labelNames: ['queue', 'state'],
    registers: [registry],
    async collect() {
      this.reset();
      for (const [name, queue] of Object.entries(deps.queues.byName)) {
        const counts = await queue.getJobCounts('waiting', 'delayed', 'active', 'failed');
        for (const [state, n] of Object.entries(counts)) this.set({ queue: name, state }, n);
      }
    },
  });

  registerRecoveryMetrics(registry, deps.db);

  const webhookSeconds = new Histogram({
    name: 'svarja_webhook_duration_seconds',
    help: 'Time to verify, store and acknowledge a Twilio webhook',
    labelNames: ['route', 'status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });

  return {
    registry,
    webhookTimer: (route) => (_req, res, next) => {
      const end = webhookSeconds.startTimer({ route });
      res.on('finish', () => end({ status: String(res.statusCode) }));
      next();
    },
  };
}

/**
 * What an operator alerts on before volunteers notice lost work: the sweeper stopped running
 * (its last run grows old), it keeps re-deriving jobs (Redis is losing them), or SMS wait too long.
 */
function registerRecoveryMetrics(registry: Registry, db: Db): void {
  const sweeperCounts = () => readSweeperCounts(db); // a handful of rows

  new Counter({
    name: 'svarja_sweeper_runs_total',
    help: 'Sweeper runs, by any worker process, all time',
    registers: [registry],
    async collect() {
      const runs = (await sweeperCounts()).find((c) => c.counter === SWEEPER_RUNS);
      this.reset();
      this.inc(runs?.n ?? 0);
    },
  });

  new Counter({
    name: 'svarja_sweeper_rederived_jobs_total',
    help: 'Jobs the sweeper re-derived from Postgres and enqueued, by job (deduplicated in Redis: a job still queued is not added twice)',
    labelNames: ['job'],
    registers: [registry],
    async collect() {
      const all = await sweeperCounts();
      this.reset();
      for (const c of all) if (c.counter !== SWEEPER_RUNS) this.inc({ job: c.counter }, c.n);
    },
  });

  new Gauge({
    name: 'svarja_sweeper_last_run_timestamp_seconds',
    help: 'When the sweeper last ran (Unix time); 0 before its first run',
    registers: [registry],
    async collect() {
      const runs = (await sweeperCounts()).find((c) => c.counter === SWEEPER_RUNS);
      this.set(runs ? runs.updatedAt.getTime() / 1000 : 0);
    },
  });

  new Gauge({
    name: 'svarja_inbound_handling_failed_messages',
    help: 'Inbound SMS whose handling failed at least once, by state: retrying (not handled yet, its sender\'s later SMS wait), set_aside (given to a coordinator after repeated failures), recovered (handled on a retry)',
    labelNames: ['state'],
    registers: [registry],
    async collect() {
      for (const [state, n] of Object.entries(await countInboundFailureStates(db))) this.set({ state }, n);
    },
  });

  new Gauge({
    name: 'svarja_sms_oldest_queued_age_seconds',
    help: 'Age of the oldest outbound SMS due to leave but not yet at the provider (queued or sending); 0 when none',
    registers: [registry],
    async collect() {
      const r = await sql<{ age: number | null }>`
        SELECT extract(epoch FROM now() - min(coalesce(send_after, created_at))) AS age FROM message
        WHERE direction = 'outbound' AND status IN ('queued', 'sending') AND (send_after IS NULL OR send_after <= now())`.execute(db);
      this.set(Math.max(0, Number(r.rows[0]?.age ?? 0)));
    },
  });
}
