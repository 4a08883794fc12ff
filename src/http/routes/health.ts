import { Router } from 'express';
import { sql } from 'kysely';
import type Redis from 'ioredis';
import type { Db } from '../../db/database';
import { withTimeout } from '../../timeout';

const CHECK_TIMEOUT_MS = 2_000;

async function check(work: () => Promise<unknown>, what: string): Promise<'ok' | string> {
  try {
    await withTimeout(work(), CHECK_TIMEOUT_MS, what);
    return 'ok';
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
}

/** /healthz: the process is alive. /readyz: it can do its work (Postgres and Redis answer). */
export function healthRoutes(deps: { db: Db; redis: Redis }): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/readyz', async (_req, res) => {
    const [database, redis] = await Promise.all([
      check(() => sql`SELECT 1`.execute(deps.db), 'database'),
      check(() => deps.redis.ping(), 'redis'),
    ]);
    const ready = database === 'ok' && redis === 'ok';
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'not_ready', checks: { database, redis } });
  });
  return router;
}
