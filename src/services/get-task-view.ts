import { sql } from 'kysely';
import { canSeeTaskDetails, type Actor } from '../domain/access';
import type { OfferStatus } from '../domain/dispatch';
import { listConversationOfTask } from '../db/request-draft.repo';
import { findTask, type Task } from '../db/task.repo';
import type { Queryable } from '../db/database';
import type { ReplyReadingJson } from '../db/schema';
import { listVolunteers } from '../db/volunteer.repo';
import { findHeldUntil } from '../db/message.repo';
import { findHeldCallsUntil, listCallsOfTask } from '../db/call.repo';
import { callTimeline, type CallTimelineEvent } from './call-timeline';

export interface OfferView {
  id: string;
  wave: number;
  status: string;
  closeReason: string | null;
  volunteer: { id: string; name: string; phone: string };
  createdAt: Date;
  sentAt: Date | null;
  expiresAt: Date | null;
  answeredAt: Date | null;
  closedAt: Date | null;
}

export interface TaskView extends Task {
  unitName: string | null;
  assignedVolunteer: { id: string; name: string; phone: string } | null;
  offers: OfferView[];
  /** Where the task came from when not from a coordinator: «SMS fra Solbakken sykehjem, K7» (issue 11). */
  source: string | null;
  /** When the first of its SMS held for quiet hours may go; null when none waits. */
  heldUntil: Date | null;
}

/** `now` (the service clock; tests' default is the wall clock) decides which SMS still wait for quiet hours. */
export async function getTaskView(db: Queryable, taskId: string, now: Date = new Date()): Promise<TaskView | undefined> {
  const task = await findTask(db, taskId);
  if (!task) return undefined;
  const rows = await db.selectFrom('offer as o').innerJoin('volunteer as v', 'v.id', 'o.volunteer_id')
    .select(['o.id', 'o.wave', 'o.status', 'o.close_reason', 'o.created_at', 'o.sent_at', 'o.expires_at', 'o.answered_at', 'o.closed_at',
      'v.id as volunteer_id', 'v.name as volunteer_name', 'v.phone as volunteer_phone'])
    .where('o.task_id', '=', taskId).orderBy('o.id').execute();
  const offers: OfferView[] = rows.map((r) => ({
    id: r.id,
    wave: r.wave,
    status: r.status,
    closeReason: r.close_reason,
    volunteer: { id: r.volunteer_id, name: r.volunteer_name, phone: r.volunteer_phone ?? '' }, // '' once erased
    createdAt: r.created_at,
    sentAt: r.sent_at,
    expiresAt: r.expires_at,
    answeredAt: r.answered_at,
    closedAt: r.closed_at,
  }));
  let assignedVolunteer: TaskView['assignedVolunteer'] = null;
  if (task.assignedVolunteerId) {
    const v = await db.selectFrom('volunteer').select(['id', 'name', 'phone']).where('id', '=', task.assignedVolunteerId).executeTakeFirst();
    assignedVolunteer = v ? { ...v, phone: v.phone ?? '' } : null; // '' once erased
  }
  const unit = task.unitId ? await db.selectFrom('unit').select('name').where('id', '=', task.unitId).executeTakeFirst() : undefined;
  return { ...task, unitName: unit?.name ?? null, assignedVolunteer, offers, source: await sourceOf(db, taskId), heldUntil: await heldUntilOf(db, taskId, now) };
}

async function sourceOf(db: Queryable, taskId: string): Promise<string | null> {
  const row = await db.selectFrom('task as t').innerJoin('requester as r', 'r.id', 't.requester_id')
    .select(['r.name', 't.request_ref']).where('t.id', '=', taskId).executeTakeFirst();
  return row ? `SMS fra ${row.name}${row.request_ref ? `, ${row.request_ref}` : ''}` : null;
}

/** What the task page's live parts show: the task with its offers, and the timeline. */
export interface TaskLiveView { task: TaskView; timeline: TimelineEntry[] }

/**
 * `viewer`: who is looking. The SMS conversation with the requester that ordered the task (its
 * texts carry names and needs) is on the timeline only for a viewer who may see the task's
 * details; without a viewer it is left out.
 */
export async function getTaskLiveView(db: Queryable, taskId: string, now: Date = new Date(), viewer?: Actor): Promise<TaskLiveView | undefined> {
  const task = await getTaskView(db, taskId, now);
  const conversation = viewer !== undefined && task !== undefined && canSeeTaskDetails(viewer, task);
  return task && { task, timeline: await loadTimeline(db, task, { conversation }) };
}

export interface VolunteerChoice { id: string; name: string; phone: string; offeredThisTask: boolean }

/**
 * Who a coordinator can assign by hand: everyone not opted out, those already offered this task
 * first (they are the ones most likely to have phoned about it).
 */
export async function listVolunteerChoices(db: Queryable, task: TaskView): Promise<VolunteerChoice[]> {
  const offered = new Set(task.offers.map((o) => o.volunteer.id));
  const choices = (await listVolunteers(db)).filter((v) => !v.optedOut && !v.deactivatedAt) // deactivated: never given a task
    .map((v) => ({ id: v.id, name: v.name, phone: v.phone, offeredThisTask: offered.has(v.id) }));
  return [...choices.filter((c) => c.offeredThisTask), ...choices.filter((c) => !c.offeredThisTask)];
}

/**
 * One line of a task's timeline. Outbound SMS are listed by kind and status, never by body: the
 * body of the "assigned" SMS carries the task's details, which not every coordinator may see.
 */
export type TimelineEntry =
  | { at: Date; kind: 'created' }
  | { at: Date; kind: 'action'; action: string; actorName: string; detail: Record<string, unknown> }
  | { at: Date; kind: 'offer_closed'; status: OfferStatus; reason: string | null; volunteerName: string }
  /** `at`: when it left; before that, when it is planned to leave (`planned`), or when it was written. */
  | { at: Date; kind: 'sms_out'; template: string; status: string; errorCode: string | null; recipient: string | null; planned: boolean }
  | { at: Date; kind: 'sms_in'; body: string; volunteerName: string; classification: string | null; reading: ReplyReadingJson | null }
  /** One SMS of the conversation with the requester that ordered the task (only for viewers who may see its details). */
  | { at: Date; kind: 'request_sms'; direction: 'in' | 'out'; body: string | null; requesterName: string }
  /** Something on a call about this task (issue 15); `planned`: a call waiting for quiet hours, stamped with when it may go. */
  | { at: Date; kind: 'call'; volunteerName: string; event: CallTimelineEvent; planned: boolean };

/** Within one instant, a reply (or a key on a call) comes before what it caused, and a call ends after it. */
const ORDER: Record<TimelineEntry['kind'], number> = { created: 0, sms_in: 1, request_sms: 1, call: 1, action: 2, offer_closed: 3, sms_out: 4 };
function orderOf(e: TimelineEntry): number {
  if (e.kind !== 'call') return ORDER[e.kind];
  if (e.event.type === 'ended' || e.event.type === 'unanswered') return 5;
  return e.event.type === 'retry_planned' ? 6 : ORDER.call; // the retry is planned because nobody answered
}

/** The task's history, oldest first (newest last); `conversation`: with the requester's SMS conversation, word for word. */
export async function loadTimeline(db: Queryable, task: TaskView, opts: { conversation: boolean } = { conversation: false }): Promise<TimelineEntry[]> {
  const [actions, outbound, inbound, conversation, calls] = await Promise.all([
    loadActions(db, task.id), loadOutbound(db, task.id, opts.conversation), loadReplies(db, task.id), opts.conversation ? loadConversation(db, task.id) : [],
    loadCalls(db, task.id),
  ]);
  const created: TimelineEntry[] = actions.some((a) => a.action === 'task_created') ? [] : [{ at: task.createdAt, kind: 'created' }];
  const entries: TimelineEntry[] = [...created, ...conversation, ...actions, ...offerClosings(task.offers), ...outbound, ...inbound, ...calls];
  return entries
    .map((e, i) => ({ e, i }))
    .sort((a, b) => a.e.at.getTime() - b.e.at.getTime() || orderOf(a.e) - orderOf(b.e) || a.i - b.i)
    .map(({ e }) => e);
}

function offerClosings(offers: OfferView[]): TimelineEntry[] {
  return offers.flatMap((o): TimelineEntry[] => {
    const at = o.status === 'accepted' || o.status === 'declined' ? o.answeredAt ?? o.closedAt : o.closedAt;
    if (!at) return [];
    return [{ at, kind: 'offer_closed', status: o.status as OfferStatus, reason: o.closeReason, volunteerName: o.volunteer.name }];
  });
}

async function loadActions(db: Queryable, taskId: string): Promise<Extract<TimelineEntry, { kind: 'action' }>[]> {
  const rows = await db.selectFrom('audit_event as a').leftJoin('coordinator as c', 'c.id', 'a.coordinator_id')
    .select(['a.at', 'a.action', 'a.actor', 'a.detail', 'c.name'])
    .where('a.subject_type', '=', 'task').where('a.subject_id', '=', taskId).orderBy('a.id').execute();
  return rows.map((r) => ({ at: r.at, kind: 'action' as const, action: r.action, actorName: r.name ?? r.actor, detail: r.detail }));
}

/** The task's calls, named by the volunteer as its SMS are (never a number, never what was said). */
async function loadCalls(db: Queryable, taskId: string): Promise<TimelineEntry[]> {
  return callTimeline(await listCallsOfTask(db, taskId)).map((c) => ({ ...c, kind: 'call' as const }));
}

/** `withoutConversation`: leave out the SMS to the requester, shown word for word as the conversation. */
async function loadOutbound(db: Queryable, taskId: string, withoutConversation: boolean): Promise<TimelineEntry[]> {
  let query = db.selectFrom('message as m').leftJoin('volunteer as v', 'v.id', 'm.volunteer_id')
    .select(['m.created_at', 'm.sent_at', 'm.send_after', 'm.kind', 'm.status', 'm.error_code', 'v.name'])
    .where('m.task_id', '=', taskId).where('m.direction', '=', 'outbound');
  if (withoutConversation) query = query.where('m.request_draft_id', 'is', null);
  const rows = await query.orderBy('m.id').execute();
  return rows.map((r) => {
    // A held SMS is stamped with when it left, not when it was written (07:20 for one that left at 08:00).
    const planned = !r.sent_at && r.send_after !== null && (r.status === 'queued' || r.status === 'sending');
    const at = r.sent_at ?? (planned ? r.send_after! : r.created_at);
    return { at, kind: 'sms_out', template: r.kind, status: r.status, errorCode: r.error_code, recipient: r.name, planned };
  });
}

/**
 * Inbound SMS are stored without a task (a bare JA names none), so a reply is counted as this
 * task's when this task's offer was the volunteer's latest offer before the reply, and the reply
 * came while it was live or within the three days a late reply is still matched to it.
 */
async function loadReplies(db: Queryable, taskId: string): Promise<TimelineEntry[]> {
  const rows = await db.selectFrom('message as m').innerJoin('volunteer as v', 'v.id', 'm.volunteer_id')
    .select(['m.id', 'm.created_at', 'm.body', 'm.classification', 'm.reading', 'v.name'])
    .where('m.direction', '=', 'inbound')
    .where((eb) => eb.or([
      eb('m.task_id', '=', taskId),
      eb.exists(eb.selectFrom('offer as o').select(sql.lit(1).as('one'))
        .where('o.task_id', '=', taskId)
        .whereRef('o.volunteer_id', '=', 'm.volunteer_id')
        .where(sql<boolean>`m.created_at >= o.created_at AND m.created_at <= coalesce(o.closed_at, 'infinity') + interval '3 days'`)
        .where(sql<boolean>`NOT EXISTS (SELECT 1 FROM offer o2 WHERE o2.volunteer_id = o.volunteer_id AND o2.created_at > o.created_at AND o2.created_at <= m.created_at)`)),
    ]))
    .orderBy('m.id').execute();
  return rows.map((r) => ({ at: r.created_at, kind: 'sms_in', body: r.body, volunteerName: r.name, classification: r.classification, reading: r.reading }));
}

/** The requester's texts and our answers, word for word (a body erased by retention stays a line without text). */
async function loadConversation(db: Queryable, taskId: string): Promise<TimelineEntry[]> {
  const requester = await db.selectFrom('task as t').innerJoin('requester as r', 'r.id', 't.requester_id').select('r.name').where('t.id', '=', taskId).executeTakeFirst();
  if (!requester) return [];
  return (await listConversationOfTask(db, taskId)).map((m) => ({
    at: m.at, kind: 'request_sms', direction: m.direction === 'inbound' ? 'in' : 'out', body: m.bodyErased ? null : m.body, requesterName: requester.name,
  }));
}

/** The earliest moment the task's offers held for quiet hours (SMS or calls) go, or null. */
async function heldUntilOf(db: Queryable, taskId: string, now: Date): Promise<Date | null> {
  const held = [await findHeldUntil(db, taskId, now), await findHeldCallsUntil(db, taskId, now)].filter((d): d is Date => d !== null);
  return held.length === 0 ? null : new Date(Math.min(...held.map((d) => d.getTime())));
}
