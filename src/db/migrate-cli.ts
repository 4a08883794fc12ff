import { loadConfig } from '../config';
import { ensureDatabaseExists, openDatabase } from './database';
import { migrate } from './migrate';

async function main(): Promise<void> {
  const config = loadConfig();
  if (config.database.kind === 'postgres') await ensureDatabaseExists(config.database.url);
  const database = openDatabase(config.database, 1);
  try {
    const applied = await migrate(database.db);
    console.log(applied.length ? `applied: ${applied.join(', ')}` : 'database is up to date');
  } finally {
    await database.close();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
