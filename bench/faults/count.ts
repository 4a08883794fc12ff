import { sql } from 'kysely';
import type { Db } from '../../src/db/database';
import type { FakeMessage } from '../../test/support/fake-twilio';

export interface OfferCount {
  expected: number;
  /** Offers whose SMS reached the volunteer's phone (the fake Twilio) at least once. */
  reached: number;
  /** Offers still waiting to open (their SMS not known to have left): the answer window never ends. */
  notOpen: number;
  /** SMS at the fake beyond the one each stored outbound message stands for: sent twice. */
  duplicates: number;
}

/**
 * What reached the phones, judged from both sides: Postgres says which SMS should exist, the fake
 * Twilio which did. A (phone, text) pair that the fake has more often than Postgres has rows that
 * left is a duplicate.
 */
export async function countOffers(db: Db, fake: { messages: readonly FakeMessage[] }, expected: number): Promise<OfferCount> {
  const atFake = new Map<string, number>();
  for (const m of fake.messages) atFake.set(`${m.to}\n${m.body}`, (atFake.get(`${m.to}\n${m.body}`) ?? 0) + 1);

  const offers = await sql<{ status: string; to_phone: string | null; body: string | null }>`
    SELECT o.status, m.to_phone, m.body FROM offer o
    LEFT JOIN message m ON m.offer_id = o.id AND m.kind = 'offer' AND m.direction = 'outbound'`.execute(db);
  const reached = offers.rows.filter((o) => o.to_phone && (atFake.get(`${o.to_phone}\n${o.body}`) ?? 0) > 0).length;
  const notOpen = offers.rows.filter((o) => o.status === 'pending').length;

  const left = await sql<{ to_phone: string; body: string; n: string }>`
    SELECT to_phone, body, count(*) AS n FROM message
    WHERE direction = 'outbound' AND status NOT IN ('queued', 'cancelled') GROUP BY to_phone, body`.execute(db);
  const stored = new Map(left.rows.map((r) => [`${r.to_phone}\n${r.body}`, Number(r.n)]));
  let duplicates = 0;
  for (const [key, n] of atFake) duplicates += Math.max(0, n - (stored.get(key) ?? 0));
  return { expected, reached, notOpen, duplicates };
}
