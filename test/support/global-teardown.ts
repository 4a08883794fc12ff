import { dropTestDatabases, runId } from './db';

/** Drops this run's template and any per-file database a failed test left behind. */
export default async function globalTeardown(): Promise<void> {
  await dropTestDatabases(runId());
}
