import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../config';
import { findOrCreateUnit } from '../db/coordinator.repo';
import { ensureDatabaseExists, openDatabase } from '../db/database';
import { migrate } from '../db/migrate';
import { createCoordinator } from '../services/create-coordinator';
import { readPassword } from './read-password';

const USAGE = 'usage: npm run create-admin -- --email kari@kommune.no --name "Kari Nordmann" [--unit "Frivilligsentralen"]\n' +
  'The password is read from standard input when it is piped, otherwise asked for.';

/** Creates the first admin (and the unit they work in, if missing). */
async function main(): Promise<number> {
  const { values } = parseArgs({ options: { email: { type: 'string' }, name: { type: 'string' }, unit: { type: 'string' }, help: { type: 'boolean' } } });
  if (values.help || !values.email || !values.name) {
    console.error(USAGE);
    return values.help ? 0 : 2;
  }
  const config = loadConfig();
  if (config.env !== 'production' && config.database.kind === 'postgres') await ensureDatabaseExists(config.database.url);
  const database = openDatabase(config.database, 2);
  const { db } = database;
  try {
    await migrate(db);
    const password = await readPassword('Passord: ');
    const unit = await findOrCreateUnit(db, values.unit ?? 'Frivilligsentralen');
    const result = await createCoordinator({ db, now: () => new Date() }, 'cli', { email: values.email, name: values.name, password, role: 'admin', unitId: unit.id });
    if (!result.ok) {
      console.error(`${result.field}: ${result.message}`);
      return 1;
    }
    console.log(`Admin ${result.coordinator.email} created (unit: ${unit.name}).`);
    return 0;
  } finally {
    await database.close();
  }
}

main().then((code) => process.exit(code), (err: unknown) => {
  console.error(err instanceof ConfigError ? err.message : `create-admin failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
