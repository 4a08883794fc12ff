import { join } from 'node:path';
import { parseIntake } from '../../src/domain/intake';
import { formatScore, loadFixtures, rates, score } from '../../eval/score';

const root = join(__dirname, '..', 'fixtures', 'intake');

/** The same figures as `npm run eval:intake`, held to the targets: right ≥ 97 %, wrong ≤ 0.5 %. */
describe('intake eval set', () => {
  const tuned = loadFixtures(join(root, 'tuned'));
  const heldOut = loadFixtures(join(root, 'held-out'));

  it('has at least 300 messages, each with a fixed arrival time with an offset', () => {
    const all = [...tuned, ...heldOut];
    expect(all.length).toBeGreaterThanOrEqual(300);
    for (const f of all) expect(f.receivedAt).toMatch(/[+-]\d{2}:\d{2}$/);
    expect(new Set(all.map((f) => f.id)).size).toBe(all.length);
  });

  it('is read right at least 97 % of the time and wrong at most 0.5 %', () => {
    const s = score([...tuned, ...heldOut], parseIntake);
    const { right, wrong } = rates(s);
    if (right < 0.97 || wrong > 0.005) console.log(formatScore('all', s), s.misses);
    expect(right).toBeGreaterThanOrEqual(0.97);
    expect(wrong).toBeLessThanOrEqual(0.005);
  });
});
