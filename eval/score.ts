import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { IntakeField, IntakeResult } from '../src/domain/intake';

/**
 * Scores the intake parser against the hand-written messages in test/fixtures/intake/. Each
 * expected field is a value, or "ask" where a careful person would ask back. Per field:
 * right (the expected value, or asked where asking is expected), asked (asked where a value was
 * expected: costs a question, not a wrong day), wrong (any other value: the dangerous case).
 */

export interface Fixture {
  id: string;
  text: string;
  receivedAt: string;
  /** `dates`: every day of a list («man og tirs kl 12» is two tasks); without it one day at most is right. */
  expect: { isRequest: boolean; type?: string; date?: string; dates?: string[]; time?: string; place?: string | null; urgent?: boolean; language?: string };
  note?: string;
}

export type Outcome = 'right' | 'asked' | 'wrong';
export const FIELDS = ['isRequest', 'type', 'date', 'time', 'place', 'urgent', 'language'] as const;
export type Field = (typeof FIELDS)[number];

export interface Tally { right: number; asked: number; wrong: number }
export interface Miss { id: string; field: Field; expected: unknown; got: unknown; text: string }
export interface Score { messages: number; byField: Record<Field, Tally>; total: Tally; misses: Miss[] }

export function loadFixtures(dir: string): Fixture[] {
  return readdirSync(dir).filter((f) => f.endsWith('.jsonl')).sort().flatMap((f) =>
    readFileSync(join(dir, f), 'utf8').split('\n').filter((l) => l.trim().length > 0).map((l) => JSON.parse(l) as Fixture));
}

/** Place names compare without case, punctuation or a leading preposition; one may extend the other («Ahus» / «Ahus Nordbyhagen»). */
function samePlace(a: string, b: string): boolean {
  const norm = (s: string) => s.toLowerCase().replace(/[^\p{L}\d ]/gu, ' ').replace(/^\s*(til|på|hos|the|to|at)\s+/, '').replace(/\s+/g, ' ').trim();
  const [x, y] = [norm(a), norm(b)];
  return x.length > 0 && y.length > 0 && (x === y || x.includes(y) || y.includes(x));
}

/** A list of days is right only as a whole: one day too many is a task nobody asked for. */
function judgeDate(fx: Fixture, result: IntakeResult): Outcome {
  const outcome = judge('date', fx.expect.date, result);
  if (outcome !== 'right' || result.date === null) return outcome;
  const expectedDays = fx.expect.dates ?? [fx.expect.date];
  return JSON.stringify(result.dates) === JSON.stringify(expectedDays) ? 'right' : 'wrong';
}

function judge(field: Field, expected: unknown, result: IntakeResult): Outcome {
  if (field === 'isRequest' || field === 'type' || field === 'urgent' || field === 'language') {
    const got = field === 'isRequest' ? result.isRequest : field === 'type' ? result.type : field === 'urgent' ? result.urgent : result.language;
    return got === expected ? 'right' : 'wrong';
  }
  const asked = result.missing.includes(field as IntakeField);
  const got = result[field];
  if (expected === 'ask') return asked ? 'right' : 'wrong';
  if (expected === null) return got === null ? (asked ? 'asked' : 'right') : 'wrong';
  if (got === null) return asked ? 'asked' : 'wrong';
  if (field === 'place') return samePlace(String(got), String(expected)) ? 'right' : 'wrong';
  return got === expected ? 'right' : 'wrong';
}

export function score(fixtures: Fixture[], parse: (text: string, receivedAt: string) => IntakeResult): Score {
  const byField = Object.fromEntries(FIELDS.map((f) => [f, { right: 0, asked: 0, wrong: 0 }])) as Record<Field, Tally>;
  const total: Tally = { right: 0, asked: 0, wrong: 0 };
  const misses: Miss[] = [];
  for (const fx of fixtures) {
    const result = parse(fx.text, fx.receivedAt);
    const fields = fx.expect.isRequest ? FIELDS.filter((f) => f in fx.expect) : (['isRequest'] as const);
    for (const field of fields) {
      const expected = fx.expect[field];
      const outcome = field === 'date' ? judgeDate(fx, result) : judge(field, expected, result);
      byField[field][outcome]++;
      total[outcome]++;
      const got = outcome === 'asked' ? 'ask' : field === 'date' && result.dates.length > 1 ? result.dates : (result as unknown as Record<string, unknown>)[field];
      if (outcome !== 'right') misses.push({ id: fx.id, field, expected: field === 'date' ? fx.expect.dates ?? expected : expected, got, text: fx.text });
    }
  }
  return { messages: fixtures.length, byField, total, misses };
}

const pct = (n: number, of: number) => (of === 0 ? '-' : `${((100 * n) / of).toFixed(1)}%`);

export function formatScore(title: string, s: Score): string {
  const row = (name: string, t: Tally) => {
    const n = t.right + t.asked + t.wrong;
    return `${name.padEnd(10)} ${String(n).padStart(5)} ${String(t.right).padStart(6)} ${String(t.asked).padStart(6)} ${String(t.wrong).padStart(6)} ${pct(t.right, n).padStart(7)} ${pct(t.asked, n).padStart(7)} ${pct(t.wrong, n).padStart(7)}`;
  };
  return [
    `${title}: ${s.messages} messages`,
    `${'field'.padEnd(10)} ${'n'.padStart(5)} ${'right'.padStart(6)} ${'asked'.padStart(6)} ${'wrong'.padStart(6)} ${'right%'.padStart(7)} ${'asked%'.padStart(7)} ${'wrong%'.padStart(7)}`,
    ...FIELDS.map((f) => row(f, s.byField[f])),
    row('total', s.total),
  ].join('\n');
}

export function rates(s: Score): { right: number; wrong: number } {
  const n = s.total.right + s.total.asked + s.total.wrong;
  return { right: s.total.right / n, wrong: s.total.wrong / n };
}
