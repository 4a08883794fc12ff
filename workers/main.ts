import { loadConfig } from '../src/config';
import { createDeps } from '../src/deps';
import { runUntilSignal } from '../src/lifecycle';
import { startWorkers } from './start-workers';

/** The `worker` process role: job workers only, no HTTP. */
async function main(): Promise<void> {
  const deps = createDeps(loadConfig());
  const workers = await startWorkers(deps);
  runUntilSignal(deps.log, async () => {
    await workers.close();
    await deps.close();
  });
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
