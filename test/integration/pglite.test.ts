import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createWeb } from '../../src/app';
import { loadConfig } from '../../src/config';
import { migrate, SQL_DIR } from '../../src/db/migrate';
import { createDeps, type Deps } from '../../src/deps';
import { startWorkers, type RunningWorkers } from '../../workers/start-workers';
import { createTask, createVolunteers, dispatch, getTask, outboundMessages, waitForOpenOffers } from '../support/flows';
import { API_TOKEN, eventually, type Harness } from '../support/harness';

/**
 * The quick-start path: no DATABASE_URL, so the service runs on embedded PostgreSQL (PGlite) in a
 * directory, with the same migrations and the same code, one connection for web, workers and sessions.
 */
describe('the embedded database (PGlite)', () => {
  let tmp: string;
  let deps: Deps;
  let server: Server;
  let web: Awaited<ReturnType<typeof createWeb>>;
  let workers: RunningWorkers | undefined;

  beforeAll(() => {
    tmp = mkdtempSync(path.join(tmpdir(), 'svarja-pglite-'));
  });

  afterAll(async () => {
    await workers?.close();
    if (server) {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
    await web?.close();
    if (deps) {
      await Promise.all(Object.values(deps.queues.byName).map((q) => q.obliterate({ force: true }).catch(() => undefined)));
      await deps.close();
    }
    rmSync(tmp, { recursive: true, force: true });
  });

  it('applies every migration and runs a whole dispatch: offers, JA, assignment', async () => {
    const env: Record<string, string | undefined> = { ...process.env };
    delete env.DATABASE_URL;
    const dir = path.join(tmp, 'data', 'pglite');
    const config = loadConfig({
      ...env,
      PGLITE_DIR: dir,
      REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
      QUEUE_PREFIX: `pgl${randomBytes(4).toString('hex')}`,
      SMS_TRANSPORT: 'simulator',
      API_TOKEN,
      NODE_ENV: 'test',
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
      QUIET_HOURS: 'off', // the test runs at any hour
    });
    expect(config.database).toEqual({ kind: 'embedded', dir });

    deps = createDeps(config);
    const applied = await migrate(deps.db);
    expect(existsSync(dir)).toBe(true);
    const files = readdirSync(SQL_DIR).filter((f) => /^\d{4}_.+\.sql$/.test(f)).sort();
    expect(applied).toEqual(files);
    expect(await migrate(deps.db)).toEqual([]); // a second start finds it up to date

    web = await createWeb(deps);
    server = createServer(web.app);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    workers = await startWorkers(deps);

    const h = {
      baseUrl, config, deps,
      async api(method: string, p: string, body?: unknown) {
        const res = await fetch(baseUrl + p, {
          method,
          headers: { authorization: `Bearer ${API_TOKEN}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
          body: body === undefined ? undefined : JSON.stringify(body),
        });
        const text = await res.text();
        return { status: res.status, body: text ? JSON.parse(text) : undefined };
      },
    } as unknown as Harness;

    // The session store (connect-pg-simple) shares the single connection.
    expect((await fetch(`${baseUrl}/login`)).status).toBe(200);

    const [, ben] = await createVolunteers(h, 2);
    const task = await createTask(h, { waveSize: 2 });
    await dispatch(h, task.id);
    await waitForOpenOffers(h, task.id, 2);
    const res = await h.api('POST', '/api/simulator/inbound', { from: ben!.phone, body: 'JA' });
    expect(res.status).toBe(202);

    const view = await eventually(async () => {
      const t = await getTask(h, task.id);
      return t.status === 'assigned' ? t : undefined;
    }, 20_000, 'the task assigned');
    expect(view.assignedVolunteer!.id).toBe(ben!.id);
    const assigned = await eventually(async () => {
      const rows = await outboundMessages(h, { kind: 'assigned' });
      return rows.length > 0 ? rows : undefined;
    }, 20_000, "an 'assigned' message");
    expect(assigned.map((m) => m.to_phone)).toEqual([ben!.phone]);
  }, 60_000);
});
