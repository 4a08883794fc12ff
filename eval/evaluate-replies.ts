import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { readReply, type ReadingContextKind, type ReplyReading } from '../src/domain/reply-reading/index';

/** The reply evaluation: fixture lines (test/fixtures/replies/README.md) read by readReply and scored. */

export interface Example {
  file: string;
  line: number;
  language: string;
  context: ReadingContextKind;
  expected: string;
  /** For withdraw: the day expected, as written after the colon (4, tomorrow). */
  expectedDay?: string;
  text: string;
}

export interface Scored extends Example {
  got: ReplyReading;
  right: boolean;
  wrongAccept: boolean;
}

export interface Score {
  examples: Scored[];
  accuracy: number;
  wrongAccepts: Scored[];
  wrong: Scored[];
}

const CONTEXTS: readonly ReadingContextKind[] = ['offer', 'accepted', 'none'];
const ACCEPTS = new Set(['accept', 'accept_with_question']);

export function loadExamples(dir: string): Example[] {
  const files = readdirSync(dir).filter((f) => f.endsWith('.txt')).sort();
  return files.flatMap((file) => parseFixture(readFileSync(path.join(dir, file), 'utf8'), file));
}

export function parseFixture(content: string, file: string): Example[] {
  return content.split('\n').flatMap((raw, i) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return [];
    const [language, context, expectedRaw, ...text] = line.split('|').map((p) => p.trim());
    if (!language || !context || !expectedRaw || text.length !== 1 || !CONTEXTS.includes(context as ReadingContextKind)) {
      throw new Error(`${file}:${i + 1}: expected «language | context | expected | text», got «${line}»`);
    }
    const [expected, expectedDay] = expectedRaw.split(':') as [string, string | undefined];
    return [{ file, line: i + 1, language, context: context as ReadingContextKind, expected, text: text[0]!, ...(expectedDay ? { expectedDay } : {}) }];
  });
}

export function scoreExamples(examples: readonly Example[]): Score {
  const scored = examples.map((example): Scored => {
    const got = readReply(example.text, { kind: example.context, language: example.language });
    const dayRight = example.expectedDay === undefined || dayLabel(got) === example.expectedDay;
    const right = got.intent === example.expected && dayRight;
    return { ...example, got, right, wrongAccept: ACCEPTS.has(got.intent) && !ACCEPTS.has(example.expected) };
  });
  const correct = scored.filter((s) => s.right).length;
  return {
    examples: scored,
    accuracy: scored.length === 0 ? 0 : correct / scored.length,
    wrongAccepts: scored.filter((s) => s.wrongAccept),
    wrong: scored.filter((s) => !s.right),
  };
}

function dayLabel(reading: ReplyReading): string | undefined {
  const day = reading.day;
  if (!day) return undefined;
  return day.kind === 'weekday' ? String(day.weekday) : day.kind === 'date' ? `${day.day}.${day.month}` : day.kind;
}

/** Expected in rows, read in columns. */
export function formatConfusion(score: Score): string {
  const labels = [...new Set(score.examples.flatMap((s) => [s.expected, s.got.intent]))].sort();
  const short = (l: string) => l.replace('accept_with_question', 'acc+q').replace('help_question', 'help');
  const width = Math.max(8, ...labels.map((l) => short(l).length)) + 1;
  const head = 'expected \\ read'.padEnd(22) + labels.map((l) => short(l).padStart(width)).join('');
  const rows = labels.map((row) => row.padEnd(22) + labels.map((col) => {
    const n = score.examples.filter((s) => s.expected === row && s.got.intent === col).length;
    return (n === 0 ? '.' : String(n)).padStart(width);
  }).join(''));
  return [head, ...rows].join('\n');
}

export function formatScore(title: string, score: Score): string {
  const languages = [...new Set(score.examples.map((s) => s.language))].sort();
  const perLanguage = languages.map((l) => {
    const mine = score.examples.filter((s) => s.language === l);
    return `${l} ${mine.filter((s) => s.right).length}/${mine.length}`;
  }).join(', ');
  return [
    `== ${title}: ${score.examples.length} replies ==`,
    formatConfusion(score),
    `accuracy: ${(score.accuracy * 100).toFixed(1)}% (${score.examples.length - score.wrong.length}/${score.examples.length}); per language: ${perLanguage}`,
    `wrong accepts: ${score.wrongAccepts.length}`,
  ].join('\n');
}
