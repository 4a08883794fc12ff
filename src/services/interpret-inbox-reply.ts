import type { Actor } from '../domain/access';
import { decideReply } from '../domain/reply-decision';
import type { ReplyIntent } from '../domain/replies';
import { insertAuditEvent } from '../db/audit.repo';
import type { Tx } from '../db/database';
import { findAttentionMessage, markMessageHandled } from '../db/inbox.repo';
import { lockSender } from '../db/message.repo';
import type { ReplyLabel } from '../db/schema';
import { findVolunteerByPhone } from '../db/volunteer.repo';
import { applyReplyAction } from './apply-reply-action';
import type { ServiceContext } from './context';
import { runUseCase } from './effects';
import { loadReplyContext } from './handle-inbound-sms';
import { cancelByVolunteerInTx } from './volunteer-cancel';

export const REPLY_LABELS: readonly ReplyLabel[] = ['yes', 'no', 'cancel', 'stop', 'none'];

export type InterpretResult = 'applied' | 'not_found' | 'already_handled';

const INTENT_OF: Record<Exclude<ReplyLabel, 'cancel' | 'none'>, ReplyIntent> = { yes: 'yes', no: 'no', stop: 'stop' };

/**
 * «Tolk som JA / NEI / AVBRYT / STOPP / Ikke svar» in Innboks: the coordinator's reading is applied
 * exactly as if the volunteer had sent that keyword now — the same decision and the same race rules
 * (a task someone else took stays taken; the volunteer is told so) — and the message leaves Innboks
 * with the label kept as an example. Marking it handled is the compare-and-set, so two clicks apply once.
 */
export async function interpretInboxReply(ctx: ServiceContext, actor: Extract<Actor, { kind: 'coordinator' }>, messageId: string, label: ReplyLabel): Promise<InterpretResult> {
  return runUseCase(ctx, async (trx, effects, now) => {
    const message = await findAttentionMessage(trx, messageId);
    if (!message || message.volunteerId === null) return 'not_found';
    await lockSender(trx, message.fromPhone); // after the sender's own queued replies, never beside them
    if (!(await markMessageHandled(trx, messageId, actor.id, now))) return 'already_handled';
    await saveLabel(trx, messageId, label, actor.id, now);
    await insertAuditEvent(trx, actor, { action: 'inbox_interpreted', subjectType: 'message', subjectId: messageId, detail: { as: label } }, now);
    const volunteer = await findVolunteerByPhone(trx, message.fromPhone);
    if (!volunteer || label === 'none') return 'applied';
    if (label === 'cancel') {
      await cancelByVolunteerInTx(trx, ctx, effects, volunteer, now);
      return 'applied';
    }
    const { context, task } = await loadReplyContext(trx, volunteer, now, now);
    const action = decideReply(INTENT_OF[label], context);
    if (task) effects.taskChanged(task.id);
    await applyReplyAction(trx, ctx, effects, { action, volunteer, task, now, throttle: async () => true });
    return 'applied';
  });
}

async function saveLabel(trx: Tx, messageId: string, label: ReplyLabel, coordinatorId: string, now: Date): Promise<void> {
  await trx.updateTable('message').set({ reading_label: label, reading_labelled_by: coordinatorId, reading_labelled_at: now, updated_at: now })
    .where('id', '=', messageId).execute();
}
