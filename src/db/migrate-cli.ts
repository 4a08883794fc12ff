import { loadConfig } from '../config';
import { createDb, ensureDatabaseExists } from './database';
import { migrate } from './migrate';

async function main(): Promise<void> {
  const config = loadConfig();
  await ensureDatabaseExists(config.databaseUrl);
  const db = createDb(config.databaseUrl, { maxConnections: 1 });
  try {
    const applied = await migrate(db);
    console.log(applied.length ? `applied: ${applied.join(', ')}` : 'database is up to date');
  } finally {
    await db.destroy();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
