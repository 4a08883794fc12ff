import { eraseCallTwimlBefore } from '../db/call.repo';
import { eraseBodiesBefore } from '../db/message.repo';
import { eraseDraftTextsBefore } from '../db/request-draft.repo';
import type { ServiceContext } from './context';

const BATCH = 1_000;

/**
 * Retention: the text of every SMS older than RETENTION_DAYS is erased, in batches so no single
 * statement holds many rows (and the TwiML calls kept for repeated webhooks, see eraseCallTwimlBefore). The rows stay (direction, kind, status, task, volunteer, times), so
 * reports count what happened; only what was written is gone.
 */
export async function eraseOldMessageBodies(ctx: Pick<ServiceContext, 'db' | 'now' | 'log' | 'settings'>): Promise<number> {
  const now = ctx.now();
  const before = new Date(now.getTime() - ctx.settings.retentionDays * 24 * 3600 * 1000);
  let total = 0;
  for (;;) {
    const erased = await eraseBodiesBefore(ctx.db, before, now, BATCH);
    total += erased;
    if (erased < BATCH) break;
  }
  total += await eraseDraftTextsBefore(ctx.db, before, now);
  if (total > 0) ctx.log.info({ erased: total, retentionDays: ctx.settings.retentionDays }, 'old message bodies erased');
  // What calls said (kept for repeated webhooks) goes at the same age; counted apart from SMS texts.
  const callAnswers = await eraseCallTwimlBefore(ctx.db, before);
  if (callAnswers > 0) ctx.log.info({ erased: callAnswers, retentionDays: ctx.settings.retentionDays }, 'old call answers erased');
  return total;
}
