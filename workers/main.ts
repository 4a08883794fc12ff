import { loadConfig } from '../src/config';
import { createDeps } from '../src/deps';
import { ProcessLifecycle } from '../src/lifecycle';
import { startWorkers } from './start-workers';

/** The `worker` process role: job workers only, no HTTP. */
async function main(lifecycle: ProcessLifecycle): Promise<void> {
  const deps = createDeps(loadConfig());
  lifecycle.useLogger(deps.log);
  lifecycle.onStop(() => deps.close());
  const workers = await startWorkers(deps);
  lifecycle.onStop(() => workers.close());
}

// Before the workers start, so a SIGTERM at any moment lets running jobs finish.
const lifecycle = new ProcessLifecycle();
main(lifecycle).catch(async (err: unknown) => {
  if (lifecycle.stopping) return; // the shutdown closed what the start was using; it exits the process
  console.error(err instanceof Error ? err.message : err);
  await lifecycle.abandonStart();
  process.exit(1);
});
