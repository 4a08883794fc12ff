import type { Actor } from '../domain/access';
import { insertAuditEvent } from '../db/audit.repo';
import { markMessageHandled } from '../db/inbox.repo';
import { inTransaction } from '../db/transaction';
import type { ServiceContext } from './context';

/**
 * "Behandlet": the message leaves the inbox. Compare-and-set, so two coordinators clicking at once
 * record one handling; false when it was handled already or is not an inbox message.
 */
export async function markInboxMessageHandled(ctx: Pick<ServiceContext, 'db' | 'now'>, actor: Extract<Actor, { kind: 'coordinator' }>, messageId: string): Promise<boolean> {
  const now = ctx.now();
  return inTransaction(ctx.db, async (trx) => {
    const marked = await markMessageHandled(trx, messageId, actor.id, now);
    if (marked) await insertAuditEvent(trx, actor, { action: 'inbox_handled', subjectType: 'message', subjectId: messageId }, now);
    return marked;
  });
}
