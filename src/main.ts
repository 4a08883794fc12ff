import { createServer } from 'node:http';
import { startWorkers, type RunningWorkers } from '../workers/start-workers';
import { createWeb } from './app';
import { ConfigError, loadConfig } from './config';
import { ensureDatabaseExists } from './db/database';
import { migrate } from './db/migrate';
import { createDeps } from './deps';
import { listen, PortUnavailableError } from './listen';
import { ProcessLifecycle } from './lifecycle';
import { ensureRedis, RedisUnavailableError } from './redis-bootstrap';
import { seedDemoData, type DemoSeedResult } from './services/seed-demo-data';
import { startupBanner } from './startup-banner';

type Role = 'all' | 'web';

/**
 * `node dist/src/main.js` runs web and workers in one process (the quick start);
 * `node dist/src/main.js web` runs only HTTP (Procfile `web`; workers run as `worker`).
 */
async function main(role: Role, lifecycle: ProcessLifecycle): Promise<void> {
  const config = loadConfig();
  const localRedis = await ensureRedis(config.redisUrl, { mayStart: config.env !== 'production' });
  if (localRedis) {
    lifecycle.onStop(() => localRedis.stop());
    console.log(`Redis did not answer at ${config.redisUrl}; started a local redis-server for this run.`);
  }
  const deps = createDeps(config);
  lifecycle.useLogger(deps.log);
  lifecycle.onStop(() => deps.close());
  if (config.env !== 'production') {
    // The quick start prepares its own database; production runs migrations in the release phase.
    if (config.database.kind === 'postgres') await ensureDatabaseExists(config.database.url);
    await migrate(deps.db);
  }
  if (lifecycle.stopping) return;
  const demo: DemoSeedResult = config.demoData ? await seedDemoData(deps.db, new Date()) : { seeded: false };
  if (role === 'all') {
    const workers: RunningWorkers = await startWorkers(deps);
    lifecycle.onStop(() => workers.close());
  }
  if (lifecycle.stopping) return;
  const web = await createWeb(deps);
  lifecycle.onStop(() => web.close());
  const server = createServer(web.app);
  // Closed first: stop taking requests, then let running jobs finish, then close connections.
  lifecycle.onStop(() => new Promise<void>((resolve) => server.close(() => resolve())));
  await listen(server, config.port);

  deps.log.info({ port: config.port, role, sms: config.smsTransport, demoSeeded: demo.seeded }, 'svarja is running');
  // The console only, never the JSON log: the demo password and a generated API token are secrets.
  if (config.env !== 'production') console.log(startupBanner(config, demo));
}

const role = (process.argv[2] ?? 'all') as Role;
if (role !== 'all' && role !== 'web') {
  console.error(`unknown role "${role}": use "web" or nothing (web and workers)`);
  process.exit(2);
}
// Before anything starts, so a SIGTERM during the start closes what has started instead of killing it.
const lifecycle = new ProcessLifecycle();
main(role, lifecycle).catch(async (err: unknown) => {
  if (lifecycle.stopping) return; // the shutdown closed what this step was using; it exits the process
  if (err instanceof ConfigError || err instanceof RedisUnavailableError || err instanceof PortUnavailableError) console.error(err.message);
  else console.error('svarja could not start:', err instanceof Error ? err.message : err);
  await lifecycle.abandonStart();
  process.exit(1);
});
