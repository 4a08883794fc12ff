import type { Queryable } from './database';

/** One SMS as a phone shows it: who the other end is, which way it went. */
export interface PhoneMessage {
  id: string;
  /** The simulated phone's number (the volunteer's, the nursing home's, the coordinator's). */
  phone: string;
  /** 'received': the service sent it to the phone; 'sent': the phone sent it to the service. */
  way: 'received' | 'sent';
  body: string;
  status: string;
  at: Date;
}

export interface SimulatedPhone { phone: string; name: string; language?: string; optedOut?: boolean }

// An outbound SMS reaches the phone only once the transport took it; queued ones are not shown yet,
// and cancelled ones (withdrawn before they left) never.
const REACHED_PHONE = ['sent', 'delivered', 'undelivered', 'failed'];
const NOT_YET_SENT = ['queued', 'sending'];

export interface MessagesSince { messages: PhoneMessage[]; cursor: string }

/**
 * Messages after `afterId` that a phone would show, oldest first, and the cursor to ask from next
 * time: just before the first one still in the send queue, so it is picked up once it leaves.
 */
export async function listPhoneMessagesSince(db: Queryable, afterId: string, limit: number): Promise<MessagesSince> {
  const rows = await db.selectFrom('message')
    .select(['id', 'direction', 'from_phone', 'to_phone', 'body', 'status', 'created_at', 'sent_at'])
    .where('id', '>', afterId).orderBy('id', 'asc').limit(limit).execute();
  const firstPending = rows.find((r) => r.direction === 'outbound' && NOT_YET_SENT.includes(r.status));
  const shown = rows.filter((r) => r.direction === 'inbound' || REACHED_PHONE.includes(r.status));
  const cursor = firstPending ? (BigInt(firstPending.id) - 1n).toString() : rows.at(-1)?.id ?? afterId;
  return {
    cursor,
    messages: shown.map((r) => ({
      id: r.id,
      phone: r.direction === 'outbound' ? r.to_phone : r.from_phone,
      way: r.direction === 'outbound' ? 'received' : 'sent',
      body: r.body,
      status: r.status,
      // When the phone got it: an SMS held for quiet hours arrives when it left, not when it was written.
      at: r.direction === 'outbound' ? r.sent_at ?? r.created_at : r.created_at,
    })),
  };
}

/** The last `count` messages (for the first page load), with the cursor to poll from. */
export async function listLatestPhoneMessages(db: Queryable, count: number): Promise<MessagesSince> {
  const latest = await db.selectFrom('message').select((eb) => eb.fn.max('id').as('max')).executeTakeFirst();
  const from = BigInt(latest?.max ?? '0') - BigInt(count);
  return listPhoneMessagesSince(db, (from > 0n ? from : 0n).toString(), count);
}

/** Outbound SMS held for quiet hours, and when the first of them may go. */
export async function countHeldSms(db: Queryable, now: Date): Promise<{ count: number; until: Date | null }> {
  const row = await db.selectFrom('message')
    .select((eb) => [eb.fn.countAll<string>().as('count'), eb.fn.min('send_after').as('until')])
    .where('status', '=', 'queued').where('send_after', '>', now).executeTakeFirst();
  return { count: Number(row?.count ?? 0), until: row?.until ?? null };
}

/** The volunteers to show as phones, by name; the page shows the first `limit`. */
export async function listSimulatedVolunteerPhones(db: Queryable, limit: number): Promise<SimulatedPhone[]> {
  const rows = await db.selectFrom('volunteer').select(['name', 'phone', 'language', 'opted_out_at'])
    .where('phone', 'is not', null).$narrowType<{ phone: string }>()
    .orderBy('name').orderBy('id').limit(limit).execute();
  return rows.map((r) => ({ phone: r.phone, name: r.name, language: r.language, optedOut: r.opted_out_at !== null }));
}

/** Numbers that texted the service and are not volunteers (nursing homes, strangers), latest first. */
export async function listOtherSenders(db: Queryable, limit: number): Promise<string[]> {
  const rows = await db.selectFrom('message').select('from_phone')
    .where('direction', '=', 'inbound')
    .where((eb) => eb.not(eb.exists(eb.selectFrom('volunteer').select('volunteer.id').whereRef('volunteer.phone', '=', 'message.from_phone'))))
    .groupBy('from_phone').orderBy((eb) => eb.fn.max('message.id'), 'desc').limit(limit).execute();
  return rows.map((r) => r.from_phone);
}

/** An outbound call ringing on a simulated phone: placed (the simulator gave it a SID), not answered yet. */
export interface RingingCall { id: string; phone: string }

/** Calls ringing now; one placed more than `ringMinutes` ago has stopped ringing (Twilio would give up too). */
export async function listRingingCalls(db: Queryable, now: Date, ringMinutes: number): Promise<RingingCall[]> {
  const rows = await db.selectFrom('call').select(['id', 'to_phone'])
    .where('direction', '=', 'outbound').where('twilio_sid', 'is not', null)
    .where('status', 'in', ['queued', 'initiated', 'ringing'])
    .where('placed_at', '>', new Date(now.getTime() - ringMinutes * 60_000))
    .orderBy('id').limit(50).execute();
  return rows.map((r) => ({ id: r.id, phone: r.to_phone }));
}
