import path from 'node:path';
import { formatScore, loadExamples, scoreExamples, type Scored } from './evaluate-replies';

/**
 * `npm run eval:replies`: reads every fixture reply with the reply reader and prints, for the tuned
 * and the held-out set, a confusion matrix, accuracy and wrong accepts. `--verbose` lists each miss.
 * Exit code 1 below 98 % or on any wrong accept (either set).
 */
const TARGET = 0.98;
const dir = path.resolve(__dirname, '..', 'test', 'fixtures', 'replies');
const verbose = process.argv.includes('--verbose');

const parts = [
  ['tuned set (test/fixtures/replies/*.txt)', scoreExamples(loadExamples(dir))],
  ['held-out set (test/fixtures/replies/heldout/*.txt)', scoreExamples(loadExamples(path.join(dir, 'heldout')))],
] as const;

let ok = true;
for (const [title, score] of parts) {
  console.log(formatScore(title, score));
  const misses = verbose ? score.wrong : score.wrongAccepts;
  for (const miss of misses) console.log(`  ${describeMiss(miss)}`);
  console.log('');
  ok &&= score.accuracy >= TARGET && score.wrongAccepts.length === 0;
}
const all = parts.flatMap(([, s]) => s.examples);
console.log(`all: ${all.filter((s) => s.right).length}/${all.length} right, ${all.filter((s) => s.wrongAccept).length} wrong accepts (target ≥ ${TARGET * 100}% and 0)`);
process.exitCode = ok ? 0 : 1;

function describeMiss(s: Scored): string {
  return `${s.file}:${s.line} [${s.language}/${s.context}] expected ${s.expected}${s.expectedDay ? `:${s.expectedDay}` : ''}, read ${s.got.intent} — «${s.text}» (${s.got.evidence.join(' ')})`;
}
