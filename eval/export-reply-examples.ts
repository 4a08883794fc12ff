import { writeFileSync } from 'node:fs';
import { loadConfig } from '../src/config';
import { openDatabase } from '../src/db/database';
import { listReplyExamples, type ReplyExample } from '../src/db/reply-example.repo';

/**
 * `npm run export:reply-examples [-- --out test/fixtures/replies/from-coordinators.txt]`: the replies
 * coordinators read in Innboks («Tolk som …»), as fixture lines (test/fixtures/replies/README.md) to
 * review and add to the evaluation set. Without --out the lines go to standard output.
 */
const EXPECTED: Record<ReplyExample['label'], string> = { yes: 'accept', no: 'decline', cancel: 'withdraw', stop: 'opt_out', none: 'unclear' };

export function toFixtureLine(e: ReplyExample): string {
  const text = e.body.replace(/[\r\n|]+/g, ' ').replace(/\s+/g, ' ').trim();
  return `${e.language} | ${e.context} | ${EXPECTED[e.label]} | ${text}`;
}

async function main(): Promise<void> {
  const config = loadConfig();
  const database = openDatabase(config.database, 1);
  try {
    const examples = await listReplyExamples(database.db);
    const lines = [`# ${examples.length} replies read by coordinators in Innboks, exported ${new Date().toISOString()}`, ...examples.map(toFixtureLine)];
    const out = process.argv.indexOf('--out');
    const file = out >= 0 ? process.argv[out + 1] : undefined;
    if (file) writeFileSync(file, `${lines.join('\n')}\n`);
    else console.log(lines.join('\n'));
    if (file) console.error(`${examples.length} examples written to ${file}`);
  } finally {
    await database.close();
  }
}

if (require.main === module) {
  main().catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
