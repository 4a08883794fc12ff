import { eventually, startHarness, type Harness } from '../support/harness';
import { createTask, createVolunteers, dispatch, getTask, waitForOpenOffers, waitForQuiet } from '../support/flows';
import { sql } from 'kysely';
import express from 'express';
import Redis from 'ioredis';
import { createDb } from '../../src/db/database';
import { healthRoutes } from '../../src/http/routes/health';
import { sweep } from '../../src/services/sweep';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.close();
});

async function scrape(): Promise<string> {
  const res = await fetch(`${h.baseUrl}/metrics`);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
  return res.text();
}

describe('/metrics', () => {
  it('reports SMS and offers by outcome, time to fill, queue depths and webhook latency', async () => {
    const [ana, ben] = await createVolunteers(h, 2);
    const task = await createTask(h, { waveSize: 2 });
    await dispatch(h, task.id);
    await waitForOpenOffers(h, task.id, 2);
    await h.sms(ana!.phone, 'JA');
    await h.sms(ben!.phone, 'hva?');
    await eventually(async () => ((await getTask(h, task.id)).status === 'assigned' ? true : undefined));
    await waitForQuiet(h);

    const text = await scrape();
    expect(text).toContain('svarja_offers{status="accepted"} 1');
    expect(text).toContain('svarja_offers{status="withdrawn"} 1');
    expect(text).toMatch(/svarja_sms_messages\{direction="inbound",status="processed"\} 2/);
    expect(text).toMatch(/svarja_sms_messages\{direction="outbound",status="sent"\} [4-9]/);
    expect(text).toMatch(/svarja_time_to_fill_seconds\{quantile="0.5"\} \d/);
    expect(text).toMatch(/svarja_queue_jobs\{queue="sms",state="waiting"\} 0/);
    expect(text).toContain('svarja_webhook_duration_seconds_count{route="sms",status="200"} 2');
    // No personal data in metrics.
    expect(text).not.toContain(ana!.phone);
  });
});

describe('what an operator alerts on before volunteers notice', () => {
  it('counts sweeper runs and the jobs it re-derived, when it last ran, and the age of the oldest SMS waiting to leave', async () => {
    const before = await scrape();
    const runsBefore = Number(/^svarja_sweeper_runs_total (\d+)$/m.exec(before)?.[1]);
    expect(runsBefore).toBeGreaterThanOrEqual(1); // the workers swept at start

    // An SMS that nobody sends (its job was lost): it ages, and the sweeper re-derives its job.
    const [cato] = await createVolunteers(h, 1);
    await h.stopWorkers();
    await sql`INSERT INTO message (direction, from_phone, to_phone, body, kind, volunteer_id, status, created_at, updated_at)
      VALUES ('outbound', '+4759440000', ${cato!.phone}, 'Hei', 'notice', ${cato!.id}, 'queued', now() - interval '5 minutes', now() - interval '5 minutes')`.execute(h.deps.db);
    const waiting = await scrape();
    expect(Number(/^svarja_sms_oldest_queued_age_seconds (\S+)$/m.exec(waiting)?.[1])).toBeGreaterThanOrEqual(299);

    await sweep(h.deps.ctx);
    const after = await scrape();
    expect(Number(/^svarja_sweeper_runs_total (\d+)$/m.exec(after)?.[1])).toBe(runsBefore + 1);
    expect(after).toMatch(/^svarja_sweeper_rederived_jobs_total\{job="send-sms"\} [1-9]/m);
    const lastRun = Number(/^svarja_sweeper_last_run_timestamp_seconds (\S+)$/m.exec(after)?.[1]);
    expect(Math.abs(lastRun - h.clock.now().getTime() / 1000)).toBeLessThan(5);

    await h.startWorkers();
    await waitForQuiet(h);
    expect(await scrape()).toMatch(/^svarja_sms_oldest_queued_age_seconds 0$/m);
  });

  it('/readyz answers 503 naming Postgres or Redis while either cannot be reached', async () => {
    const app = express();
    const deadDb = createDb('postgres://postgres@127.0.0.1:1/none', { maxConnections: 1 });
    const deadRedis = new Redis('redis://127.0.0.1:1', { maxRetriesPerRequest: null, lazyConnect: true });
    deadRedis.on('error', () => undefined);
    app.use(healthRoutes({ db: deadDb, redis: h.deps.redis }));
    const other = express().use(healthRoutes({ db: h.deps.db, redis: deadRedis }));
    const servers = [app.listen(0, '127.0.0.1'), other.listen(0, '127.0.0.1')];
    try {
      await Promise.all(servers.map((s) => new Promise((r) => s.once('listening', r))));
      const [dbDown, redisDown] = await Promise.all(servers.map(async (s) => {
        const res = await fetch(`http://127.0.0.1:${(s.address() as { port: number }).port}/readyz`);
        return { status: res.status, body: (await res.json()) as { checks: Record<string, string> } };
      }));
      expect(dbDown!.status).toBe(503);
      expect(dbDown!.body.checks).toMatchObject({ redis: 'ok', database: expect.stringMatching(/ECONNREFUSED|connect/) });
      expect(redisDown!.status).toBe(503);
      expect(redisDown!.body.checks).toMatchObject({ database: 'ok', redis: expect.stringContaining('did not answer') });
    } finally {
      for (const s of servers) s.close();
      await deadDb.destroy();
      deadRedis.disconnect();
    }
  });
});
