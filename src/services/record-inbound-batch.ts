import { insertInboundMediaMany } from '../db/inbound-media.repo';
import type { Queryable } from '../db/database';
import { findIdsByTwilioSid, insertInboundMany } from '../db/message.repo';
import { inTransaction } from '../db/transaction';
import type { ServiceContext } from './context';
import { inboundDraftOf, storeInboundSms, type InboundSms, type RecordedInbound } from './record-inbound-sms';

/** One delivery's outcome in a batch: stored (new or a repeat), or the error that kept it out. */
export type InboundOutcome = { ok: true; value: RecordedInbound } | { ok: false; error: unknown };

/** Per MessageSid: its row's id, and whether this batch wrote it. */
type Stored = Map<string, { ok: true; id: string | undefined; isNew: boolean } | { ok: false; error: unknown }>;

/**
 * The SMS webhook's use case for many deliveries at once (see http/inbound-batcher.ts): one
 * multi-row INSERT … ON CONFLICT (twilio_sid) DO NOTHING, then a signal that wakes the inbound
 * drains (no job per message: the unhandled rows are the queue). Outcomes come back in `batch`
 * order; a delivery is only `ok` once its row is committed. A repeated MessageSid (stored before, or twice in the batch) is a duplicate that
 * still finds its row. When the statement fails for something a row may have caused, each message
 * is stored on its own so that one bad row fails only its own request. Throws when nothing can
 * be stored (the database is away): every waiting request then gets an error, and Twilio retries.
 */
export async function recordInboundBatch(ctx: Pick<ServiceContext, 'db' | 'inbound' | 'log' | 'now'>, batch: readonly InboundSms[]): Promise<InboundOutcome[]> {
  const now = ctx.now();
  // The first delivery of a repeated MessageSid is the one stored, as it would be one at a time.
  const distinct = [...batch.reduce((m, sms) => (m.has(sms.messageSid) ? m : m.set(sms.messageSid, sms)), new Map<string, InboundSms>()).values()];
  let stored: Stored;
  try {
    stored = await storeMany(ctx, distinct, now);
  } catch (err) {
    if (distinct.length === 1 || !mayBeOneRowsFault(err)) throw err;
    ctx.log.warn({ err, size: distinct.length }, 'batched inbound insert failed; storing the messages one by one');
    stored = await storeOneByOne(ctx, distinct, now);
  }

  // The committed rows are the work: the inbound drain (workers/inbound-drain.ts) takes them.
  if ([...stored.values()].some((s) => s.ok && s.isNew)) ctx.inbound.arrived();

  const answered = new Set<string>();
  return batch.map((sms): InboundOutcome => {
    const s = stored.get(sms.messageSid)!;
    if (!s.ok) return s;
    const first = !answered.has(sms.messageSid);
    answered.add(sms.messageSid);
    return { ok: true, value: { ...(s.id ? { messageId: s.id } : {}), duplicate: !(s.isNew && first) } };
  });
}

async function storeMany(ctx: Pick<ServiceContext, 'db'>, list: readonly InboundSms[], now: Date): Promise<Stored> {
  const write = async (q: Queryable): Promise<Stored> => {
    const created = await insertInboundMany(q, list.map(inboundDraftOf), now);
    await insertInboundMediaMany(q, list.flatMap((sms) => {
      const id = created.get(sms.messageSid);
      return id && sms.media?.length ? [{ messageId: id, media: sms.media }] : [];
    }));
    const repeats = await findIdsByTwilioSid(q, list.map((sms) => sms.messageSid).filter((sid) => !created.has(sid)));
    return new Map(list.map((sms) => {
      const id = created.get(sms.messageSid);
      return [sms.messageSid, { ok: true as const, id: id ?? repeats.get(sms.messageSid), isNew: id !== undefined }];
    }));
  };
  if (list.some((sms) => sms.media?.length)) return inTransaction(ctx.db, write);
  // Without media the INSERT is one statement, atomic on its own: no BEGIN/COMMIT round trips.
  // Two batches holding the same two SIDs in opposite order (Twilio retrying while the first
  // delivery waits) can deadlock; Postgres then aborts one, which simply runs again.
  for (let attempt = 1; ; attempt++) {
    try {
      return await write(ctx.db);
    } catch (err) {
      if (attempt >= 3 || (err as { code?: unknown }).code !== '40P01') throw err;
    }
  }
}

/** The fallback: each message in its own transaction, in arrival order (ids keep a sender's order). */
async function storeOneByOne(ctx: Pick<ServiceContext, 'db' | 'log'>, list: readonly InboundSms[], now: Date): Promise<Stored> {
  const stored: Stored = new Map();
  for (const sms of list) {
    try {
      const id = await storeInboundSms(ctx.db, sms, now);
      stored.set(sms.messageSid, { ok: true, id: id ?? (await findIdsByTwilioSid(ctx.db, [sms.messageSid])).get(sms.messageSid), isNew: id !== undefined });
    } catch (error) {
      ctx.log.error({ err: error, messageSid: sms.messageSid }, 'inbound sms could not be stored');
      stored.set(sms.messageSid, { ok: false, error });
    }
  }
  return stored;
}

/**
 * SQLSTATE classes a single row can cause: data exception, integrity constraint, program limit
 * (a row too large), an exception raised by a trigger or function.
 */
const ROW_FAULT_CLASSES: ReadonlySet<string> = new Set(['22', '23', '54', 'P0']);

/**
 * Whether a failed batch is worth retrying row by row: Postgres refused the statement for its
 * content, not because it is unreachable, shutting down or out of resources, where one by one
 * would only fail a hundred times more.
 */
function mayBeOneRowsFault(err: unknown): boolean {
  const code = (err as { code?: unknown }).code;
  return typeof code === 'string' && code.length === 5 && ROW_FAULT_CLASSES.has(code.slice(0, 2));
}
