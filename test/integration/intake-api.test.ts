import { sql } from 'kysely';
import { startHarness, type Harness } from '../support/harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.close();
});

async function countRows(): Promise<number> {
  const r = await sql<{ n: string }>`SELECT (SELECT count(*) FROM task) + (SELECT count(*) FROM message) + (SELECT count(*) FROM audit_event) AS n`.execute(h.deps.db);
  return Number(r.rows[0]!.n);
}

describe('POST /api/intake/parse', () => {
  it('reads a request and changes nothing', async () => {
    const before = await countRows();
    const res = await h.api('POST', '/api/intake/parse', {
      text: 'Trenger følge til legen fredag kvart på tre, Rælingen legesenter. Hun bruker rullator.',
      receivedAt: '2026-12-02T10:15:00+01:00',
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      isRequest: true, type: 'escort', date: '2026-12-04', time: '14:45', startsAt: '2026-12-04T14:45+01:00',
      place: 'Rælingen legesenter', notes: 'Hun bruker rullator.', missing: [], language: 'nb', urgent: false, holiday: null,
    });
    expect(await countRows()).toBe(before);
  });

  it('answers what is missing, in asking order, with the reason and a question', async () => {
    const res = await h.api('POST', '/api/intake/parse', { text: 'Trenger følge neste fredag', receivedAt: '2026-12-02T10:15:00+01:00' });
    expect(res.status).toBe(200);
    expect(res.body.missing).toEqual(['date', 'time', 'place']);
    expect(res.body.questions.map((q: { reason: string }) => q.reason)).toEqual(['ambiguous_next_weekday', 'no_time', 'no_place']);
    expect(res.body.dateCandidates).toEqual(['2026-12-04', '2026-12-11']);
  });

  it.each([
    [{ receivedAt: '2026-12-02T10:15:00+01:00' }, 'text'],
    [{ text: '', receivedAt: '2026-12-02T10:15:00+01:00' }, 'text'],
    [{ text: 'følge fredag kl 10' }, 'receivedAt'],
    [{ text: 'følge fredag kl 10', receivedAt: '2026-12-02T10:15:00' }, 'receivedAt'],
    [{ text: 'følge fredag kl 10', receivedAt: 'i går' }, 'receivedAt'],
    [{ text: 42, receivedAt: '2026-12-02T10:15:00Z' }, 'text'],
  ])('400 naming the field for %j', async (body, field) => {
    const res = await h.api('POST', '/api/intake/parse', body);
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body)).toContain(field);
  });

  it('needs the bearer token like the rest of the API', async () => {
    const res = await h.api('POST', '/api/intake/parse', { text: 'følge fredag kl 10', receivedAt: '2026-12-02T10:15:00Z' }, 'wrong-token');
    expect(res.status).toBe(401);
  });
});
