import path from 'node:path';
import { loadExamples, parseFixture, scoreExamples } from '../../eval/evaluate-replies';

const dir = path.join(__dirname, '..', 'fixtures', 'replies');
const LANGUAGES = ['nb', 'en', 'uk', 'ar', 'pl', 'so'];

describe('reply evaluation set (npm run eval:replies)', () => {
  const tuned = loadExamples(dir);
  const heldOut = loadExamples(path.join(dir, 'heldout'));

  it('has at least 400 replies covering every language and context', () => {
    const all = [...tuned, ...heldOut];
    expect(all.length).toBeGreaterThanOrEqual(400);
    for (const language of LANGUAGES) expect(all.filter((e) => e.language === language).length).toBeGreaterThanOrEqual(20);
    for (const context of ['offer', 'accepted', 'none']) expect(all.some((e) => e.context === context)).toBe(true);
  });

  it.each([['tuned', tuned], ['held-out', heldOut]] as const)('reads the %s set at ≥ 98%% with no wrong accept', (_name, examples) => {
    const score = scoreExamples(examples);
    const misses = score.wrong.map((m) => `${m.file}:${m.line} expected ${m.expected}, read ${m.got.intent}: ${m.text}`);
    expect(score.wrongAccepts.map((m) => m.text)).toEqual([]);
    expect({ accuracy: score.accuracy >= 0.98, misses }).toMatchObject({ accuracy: true });
  });

  it('scores a wrong accept as one (the check can fail)', () => {
    const score = scoreExamples(parseFixture('nb | offer | unclear | ja takk\nnb | offer | accept | ja takk', 'inline'));
    expect(score.wrongAccepts).toHaveLength(1);
    expect(score.accuracy).toBe(0.5);
  });

  it('rejects a malformed fixture line', () => {
    expect(() => parseFixture('nb | later | accept | ja', 'inline')).toThrow(/inline:1/);
  });
});
