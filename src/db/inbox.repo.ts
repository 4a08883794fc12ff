import type { ListScope } from '../domain/access';
import type { Queryable } from './database';
import type { ReplyReadingJson } from './schema';

/**
 * The inbox: inbound SMS that no flow could handle (unknown senders, unclear replies) and that no
 * coordinator has dealt with yet.
 */
export interface InboxMessage {
  id: string;
  fromPhone: string;
  body: string;
  receivedAt: Date;
  classification: string | null;
  volunteerId: string | null;
  volunteerName: string | null;
  volunteerOptedOut: boolean;
  /** The nursing home or team the number belongs to (issue 11), when it is a requester's. */
  requesterName: string | null;
  taskId: string | null;
  /** How the reply was read (issue 12); null for unknown senders and older messages. */
  reading: ReplyReadingJson | null;
  /** When a coordinator marked it handled, and who; null while it waits. */
  handledAt: Date | null;
  handledByName: string | null;
  /** A voicemail (issue 15): its length; the audio is served by GET /admin/inbox/:id/recording. */
  recordingSeconds: number | null;
}

/**
 * Inbound messages flagged for a coordinator, handled or not, within `scope`: a message about a task
 * is its unit's; one about no task (unknown senders, unclear texts between tasks) is everyone's.
 */
function attentionQuery(db: Queryable, scope: ListScope) {
  return db.selectFrom('message as m')
    .leftJoin('volunteer as v', 'v.id', 'm.volunteer_id')
    .leftJoin('task as t', 't.id', 'm.task_id')
    .leftJoin('requester as r', 'r.id', 'm.requester_id')
    .leftJoin('coordinator as hb', 'hb.id', 'm.handled_by')
    .select(['m.id', 'm.from_phone', 'm.body', 'm.created_at', 'm.classification', 'm.volunteer_id', 'm.task_id', 'm.handled_at', 'm.reading', 'm.recording_seconds', 'v.name as volunteer_name', 'v.opted_out_at', 'r.name as requester_name', 'hb.name as handled_by_name'])
    .where('m.direction', '=', 'inbound').where('m.needs_attention', '=', true)
    .where((eb) => (scope.all ? eb.val(true) : eb.or([
      eb('m.task_id', 'is', null),
      ...(scope.unitId ? [eb('t.unit_id', '=', scope.unitId)] : []),
    ])));
}

type InboxRow = Awaited<ReturnType<ReturnType<typeof attentionQuery>['executeTakeFirstOrThrow']>>;

function toInboxMessage(r: InboxRow): InboxMessage {
  return {
    id: r.id, fromPhone: r.from_phone, body: r.body, receivedAt: r.created_at, classification: r.classification,
    volunteerId: r.volunteer_id, volunteerName: r.volunteer_name, volunteerOptedOut: r.opted_out_at !== null, requesterName: r.requester_name, taskId: r.task_id, reading: r.reading,
    handledAt: r.handled_at, handledByName: r.handled_by_name, recordingSeconds: r.recording_seconds,
  };
}

/** Newest first. */
export async function listInboxMessages(db: Queryable, scope: ListScope, limit = 100): Promise<InboxMessage[]> {
  const rows = await attentionQuery(db, scope).where('m.handled_at', 'is', null).orderBy('m.created_at', 'desc').orderBy('m.id', 'desc').limit(limit).execute();
  return rows.map(toInboxMessage);
}

/** «Behandlet»: handled messages stay findable, most recently handled first. */
export async function listHandledMessages(db: Queryable, scope: ListScope, limit = 100): Promise<InboxMessage[]> {
  const rows = await attentionQuery(db, scope).where('m.handled_at', 'is not', null).orderBy('m.handled_at', 'desc').orderBy('m.id', 'desc').limit(limit).execute();
  return rows.map(toInboxMessage);
}

/** «Angre»: back to the inbox. Compare-and-set: false when it was not handled (or is no inbox message). */
export async function markMessageUnhandled(db: Queryable, id: string, now: Date): Promise<boolean> {
  const r = await db.updateTable('message')
    .set({ handled_at: null, handled_by: null, updated_at: now })
    .where('id', '=', id).where('direction', '=', 'inbound').where('needs_attention', '=', true).where('handled_at', 'is not', null)
    .executeTakeFirst();
  return r.numUpdatedRows === 1n;
}

export async function countInboxMessages(db: Queryable, scope: ListScope): Promise<number> {
  const r = await attentionQuery(db, scope).clearSelect().select((eb) => eb.fn.countAll<string>().as('n'))
    .where('m.handled_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** An inbound message that needs a coordinator, handled or not (a reply may follow "handled"). */
export async function findAttentionMessage(db: Queryable, id: string): Promise<(InboxMessage & { handled: boolean }) | undefined> {
  const r = await attentionQuery(db, { all: true }).where('m.id', '=', id).executeTakeFirst();
  return r && { ...toInboxMessage(r), handled: r.handled_at !== null };
}

/** Compare-and-set: false when the message was handled already (or is not an inbox message). */
export async function markMessageHandled(db: Queryable, id: string, coordinatorId: string, now: Date): Promise<boolean> {
  const r = await db.updateTable('message')
    .set({ handled_at: now, handled_by: coordinatorId, updated_at: now })
    .where('id', '=', id).where('direction', '=', 'inbound').where('needs_attention', '=', true).where('handled_at', 'is', null)
    .executeTakeFirst();
  return r.numUpdatedRows === 1n;
}

export interface SentReply { toPhone: string; body: string; sentAt: Date; status: string }

/** Coordinator replies to these numbers since `since`, oldest first: shown under the message they answer. */
export async function listCoordinatorReplies(db: Queryable, phones: string[], since: Date): Promise<SentReply[]> {
  if (phones.length === 0) return [];
  const rows = await db.selectFrom('message').select(['to_phone', 'body', 'created_at', 'status'])
    .where('direction', '=', 'outbound').where('kind', '=', 'coordinator_reply')
    .where('to_phone', 'in', phones).where('created_at', '>=', since)
    .orderBy('created_at').orderBy('id').execute();
  return rows.map((r) => ({ toPhone: r.to_phone, body: r.body, sentAt: r.created_at, status: r.status }));
}
