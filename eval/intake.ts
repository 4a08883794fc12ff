import { join } from 'node:path';
import { parseIntake } from '../src/domain/intake';
import { formatScore, loadFixtures, score } from './score';

/**
 * `npm run eval:intake [-- --misses]`: the intake parser against the tuned and the held-out
 * fixtures, per field right / asked back / wrong. Targets on the whole set: right ≥ 97 %, wrong ≤ 0.5 %.
 */

const root = join(__dirname, '..', 'test', 'fixtures', 'intake');
const showMisses = process.argv.includes('--misses');
const parts = [['tuned', loadFixtures(join(root, 'tuned'))], ['held-out', loadFixtures(join(root, 'held-out'))]] as const;

for (const [name, fixtures] of parts) {
  const s = score(fixtures, parseIntake);
  console.log(`${formatScore(name, s)}\n`);
  if (showMisses) for (const m of s.misses) console.log(`  ${m.id} ${m.field}: expected ${JSON.stringify(m.expected)}, got ${JSON.stringify(m.got)} — ${m.text}`);
}
const all = score(parts.flatMap(([, f]) => f), parseIntake);
console.log(formatScore('all', all));
