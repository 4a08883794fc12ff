import type { RequestHandler } from 'express';
import { sql } from 'kysely';
import { Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { Db } from '../db/database';
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
