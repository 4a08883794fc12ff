import { sql } from 'kysely';
import type { DraftFields } from '../domain/request-conversation';
import type { IntakeField } from '../domain/intake';
import type { Queryable } from './database';
import type { RequestDraftStatus } from './schema';

/** A request being put together by SMS (request_draft). */
export interface RequestDraft {
  id: string;
  requesterId: string;
  phone: string;
  language: string;
  status: RequestDraftStatus;
  fields: DraftFields;
  /** The field the last question asked for; null while confirming. */
  asked: IntakeField | null;
  texts: string[];
  taskId: string | null;
  lastInboundAt: Date;
  createdAt: Date;
}

export const OPEN_DRAFT_STATUSES: RequestDraftStatus[] = ['asking', 'confirming'];

type DraftRow = {
  id: string; requester_id: string; phone: string; language: string; status: RequestDraftStatus; fields: unknown;
  asked: string | null; texts: string[]; task_id: string | null; last_inbound_at: Date; created_at: Date;
};

function toDraft(r: DraftRow): RequestDraft {
  return {
    id: r.id, requesterId: r.requester_id, phone: r.phone, language: r.language, status: r.status, fields: r.fields as DraftFields,
    asked: r.asked as IntakeField | null, texts: r.texts, taskId: r.task_id, lastInboundAt: r.last_inbound_at, createdAt: r.created_at,
  };
}

const COLUMNS = ['id', 'requester_id', 'phone', 'language', 'status', 'fields', 'asked', 'texts', 'task_id', 'last_inbound_at', 'created_at'] as const;

/** The open draft of a number, locked: its texts are handled one at a time (the sender lock also ensures it). */
export async function lockOpenDraft(db: Queryable, phone: string): Promise<RequestDraft | undefined> {
  const row = await db.selectFrom('request_draft').select(COLUMNS).where('phone', '=', phone).where('status', 'in', OPEN_DRAFT_STATUSES).forUpdate().executeTakeFirst();
  return row && toDraft(row);
}

export async function lockDraft(db: Queryable, id: string): Promise<RequestDraft | undefined> {
  const row = await db.selectFrom('request_draft').select(COLUMNS).where('id', '=', id).forUpdate().executeTakeFirst();
  return row && toDraft(row);
}

/** A requester's draft by its reference number (K7 → 7): another requester's reference is not found. */
export async function lockDraftOfRequester(db: Queryable, id: string, requesterId: string): Promise<RequestDraft | undefined> {
  const row = await db.selectFrom('request_draft').select(COLUMNS).where('id', '=', id).where('requester_id', '=', requesterId).forUpdate().executeTakeFirst();
  return row && toDraft(row);
}

/** The draft a task was ordered by: its reference «K7» is the draft's id (a request of several days has one task per day). */
export async function findDraftOfTask(db: Queryable, taskId: string): Promise<RequestDraft | undefined> {
  const task = await db.selectFrom('task').select(['requester_id', 'request_ref']).where('id', '=', taskId).executeTakeFirst();
  const id = task?.request_ref?.match(/^K(\d+)$/)?.[1];
  if (!task?.requester_id || !id) return undefined;
  const row = await db.selectFrom('request_draft').select(COLUMNS).where('id', '=', id).where('requester_id', '=', task.requester_id).executeTakeFirst();
  return row && toDraft(row);
}

export interface RequestTask { id: string; status: string; startsAt: Date; assignedVolunteerId: string | null }

/** Every task a request made, in day order. */
export async function listTasksOfDraft(db: Queryable, draft: Pick<RequestDraft, 'id' | 'requesterId'>): Promise<RequestTask[]> {
  const rows = await db.selectFrom('task').select(['id', 'status', 'starts_at', 'assigned_volunteer_id'])
    .where('requester_id', '=', draft.requesterId).where('request_ref', '=', `K${draft.id}`).orderBy('starts_at').orderBy('id').execute();
  return rows.map((r) => ({ id: r.id, status: r.status, startsAt: r.starts_at, assignedVolunteerId: r.assigned_volunteer_id }));
}

export async function insertDraft(
  db: Queryable, d: { requesterId: string; phone: string; language: string; status: RequestDraftStatus; fields: DraftFields; asked: IntakeField | null; text: string; receivedAt: Date }, at: Date,
): Promise<RequestDraft> {
  const row = await db.insertInto('request_draft').values({
    requester_id: d.requesterId, phone: d.phone, language: d.language, status: d.status, fields: JSON.stringify(d.fields), asked: d.asked,
    texts: [d.text], last_inbound_at: at, created_at: d.receivedAt, updated_at: at,
  }).returning(COLUMNS).executeTakeFirstOrThrow();
  return toDraft(row);
}

/** The next state of an open draft after one more text from the requester. */
export async function saveDraftStep(db: Queryable, id: string, s: { status: RequestDraftStatus; fields: DraftFields; asked: IntakeField | null; text: string }, at: Date): Promise<void> {
  const draft = await db.selectFrom('request_draft').select('texts').where('id', '=', id).executeTakeFirstOrThrow();
  await db.updateTable('request_draft').set({
    status: s.status, fields: JSON.stringify(s.fields), asked: s.asked, texts: [...draft.texts, s.text], last_inbound_at: at, updated_at: at,
  }).where('id', '=', id).execute();
}

/** Ends an open draft (confirmed into a task, expired, abandoned); false when it was no longer open. */
export async function closeDraft(db: Queryable, id: string, status: 'confirmed' | 'expired' | 'abandoned', at: Date, taskId?: string): Promise<boolean> {
  const r = await db.updateTable('request_draft').set({ status, closed_at: at, updated_at: at, ...(taskId ? { task_id: taskId } : {}) })
    .where('id', '=', id).where('status', 'in', OPEN_DRAFT_STATUSES).executeTakeFirst();
  return r.numUpdatedRows === 1n;
}

/** Open drafts whose last text is older than `before`: their expiry may have lost its job. */
export async function listStaleOpenDrafts(db: Queryable, before: Date, limit: number): Promise<string[]> {
  const rows = await db.selectFrom('request_draft').select('id').where('status', 'in', OPEN_DRAFT_STATUSES)
    .where('last_inbound_at', '<', before).orderBy('last_inbound_at').limit(limit).execute();
  return rows.map((r) => r.id);
}

/** Ties an inbound SMS to the requester who sent it (and the task, once there is one, and the conversation it is part of). */
export async function markRequesterMessage(
  db: Queryable, id: string, o: { requesterId: string; classification: string; needsAttention: boolean; taskId?: string | null; draftId?: string | null },
): Promise<void> {
  await db.updateTable('message').set({
    requester_id: o.requesterId, classification: o.classification, needs_attention: o.needsAttention, volunteer_id: null, task_id: o.taskId ?? null,
    request_draft_id: o.draftId ?? null,
  }).where('id', '=', id).execute();
}

/** Ties an SMS we sent to the request conversation it answers, for the task timeline. */
export async function tagDraftMessage(db: Queryable, messageId: string | undefined, draftId: string): Promise<void> {
  if (messageId === undefined) return;
  await db.updateTable('message').set({ request_draft_id: draftId }).where('id', '=', messageId).execute();
}

export interface ConversationMessage { id: string; at: Date; direction: 'inbound' | 'outbound'; body: string; bodyErased: boolean; taskId: string | null }

/**
 * A task's part of its request conversation, oldest first: everything until the OK (shared by
 * every task of a request of several days), and afterwards what is about this task or no task.
 */
export async function listConversationOfTask(db: Queryable, taskId: string): Promise<ConversationMessage[]> {
  const draft = await findDraftOfTask(db, taskId);
  if (!draft) return [];
  const closed = await db.selectFrom('request_draft').select('closed_at').where('id', '=', draft.id).executeTakeFirstOrThrow();
  const rows = await db.selectFrom('message').select(['id', 'created_at', 'direction', 'body', 'body_erased_at', 'task_id'])
    .where('request_draft_id', '=', draft.id)
    .where((eb) => eb.or([eb('task_id', 'is', null), eb('task_id', '=', taskId), ...(closed.closed_at ? [eb('created_at', '<=', closed.closed_at)] : [])]))
    .orderBy('created_at').orderBy('id').execute();
  return rows.map((r) => ({ id: r.id, at: r.created_at, direction: r.direction, body: r.body, bodyErased: r.body_erased_at !== null, taskId: r.task_id }));
}

/** A draft's texts go to Innboks: every inbound SMS of its conversation needs a coordinator. */
export async function flagDraftMessages(db: Queryable, draft: RequestDraft, classification: string): Promise<void> {
  await db.updateTable('message').set({ needs_attention: true, classification })
    .where('direction', '=', 'inbound').where('from_phone', '=', draft.phone)
    .where('requester_id', '=', draft.requesterId).where('created_at', '>=', draft.createdAt).execute();
}

/**
 * Retention: a closed draft's texts and notes are what the requester wrote (needs, names), so they
 * go with the SMS bodies of the same age. The read date, time, place and type stay for the record.
 */
export async function eraseDraftTextsBefore(db: Queryable, before: Date, now: Date): Promise<number> {
  const r = await db.updateTable('request_draft')
    .set({ texts: sql<string[]>`'{}'::text[]`, fields: sql<string>`jsonb_set(fields, '{notes}', '""'::jsonb)`, updated_at: now })
    .where('status', 'not in', OPEN_DRAFT_STATUSES).where('created_at', '<', before).where(sql<boolean>`cardinality(texts) > 0`).executeTakeFirst();
  return Number(r.numUpdatedRows);
}
