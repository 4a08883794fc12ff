import { createServer } from 'node:http';
import { startWorkers, type RunningWorkers } from '../workers/start-workers';
import { createWeb } from './app';
import { ConfigError, loadConfig } from './config';
import { ensureDatabaseExists } from './db/database';
import { migrate } from './db/migrate';
import { createDeps } from './deps';
import { runUntilSignal } from './lifecycle';
import { ensureRedis, RedisUnavailableError } from './redis-bootstrap';
import { seedDemoData, type DemoSeedResult } from './services/seed-demo-data';
import { startupBanner } from './startup-banner';

type Role = 'all' | 'web';

/**
 * `node dist/src/main.js` runs web and workers in one process (the quick start);
 * `node dist/src/main.js web` runs only HTTP (Procfile `web`; workers run as `worker`).
 */
async function main(role: Role): Promise<void> {
  const config = loadConfig();
  const localRedis = await ensureRedis(config.redisUrl, { mayStart: config.env !== 'production' });
  if (localRedis) console.log(`Redis did not answer at ${config.redisUrl}; started a local redis-server for this run.`);
  const deps = createDeps(config);
  if (config.env !== 'production') {
    // The quick start prepares its own database; production runs migrations in the release phase.
    if (config.database.kind === 'postgres') await ensureDatabaseExists(config.database.url);
    await migrate(deps.db);
  }
  const demo: DemoSeedResult = config.demoData ? await seedDemoData(deps.db, new Date()) : { seeded: false };
  const workers: RunningWorkers | undefined = role === 'all' ? await startWorkers(deps) : undefined;
  const web = await createWeb(deps);
  const server = createServer(web.app);
  await new Promise<void>((resolve) => server.listen(config.port, resolve));

  deps.log.info({ port: config.port, role, sms: config.smsTransport, demoSeeded: demo.seeded }, 'svarja is running');
  // The console only, never the JSON log: the demo password and a generated API token are secrets.
  if (config.env !== 'production') console.log(startupBanner(config, demo));

  runUntilSignal(deps.log, async () => {
    // Stop taking requests first, then let running jobs finish, then close connections.
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await web.close();
    await workers?.close();
    await deps.close();
    localRedis?.stop();
  });
}

const role = (process.argv[2] ?? 'all') as Role;
if (role !== 'all' && role !== 'web') {
  console.error(`unknown role "${role}": use "web" or nothing (web and workers)`);
  process.exit(2);
}
main(role).catch((err: unknown) => {
  if (err instanceof ConfigError || err instanceof RedisUnavailableError) console.error(err.message);
  else console.error('svarja could not start:', err instanceof Error ? err.message : err);
  process.exit(1);
});
