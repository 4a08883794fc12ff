import type { Actor } from '../domain/access';
import { insertAuditEvent } from '../db/audit.repo';
import { markMessageUnhandled } from '../db/inbox.repo';
import { inTransaction } from '../db/transaction';
import type { ServiceContext } from './context';

/**
 * «Angre» in the «Behandlet» list: the message is back in the inbox, waiting. What was done about it
 * (an SMS sent, a reading applied, a task assigned) stands; only the "handled" mark goes.
 * Compare-and-set, so two clicks record one undo; false when it was not handled.
 */
export async function undoInboxMessageHandled(ctx: Pick<ServiceContext, 'db' | 'now'>, actor: Actor, messageId: string): Promise<boolean> {
  const now = ctx.now();
  return inTransaction(ctx.db, async (trx) => {
    const undone = await markMessageUnhandled(trx, messageId, now);
    if (undone) await insertAuditEvent(trx, actor, { action: 'inbox_unhandled', subjectType: 'message', subjectId: messageId }, now);
    return undone;
  });
}
