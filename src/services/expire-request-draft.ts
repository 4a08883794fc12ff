import { DRAFT_TIMEOUT_MS, refOf } from '../domain/request-conversation';
import { requesterText } from '../domain/requester-templates';
import { whenText } from '../domain/request-facts';
import { closeDraft, flagDraftMessages, listStaleOpenDrafts, lockDraft, tagDraftMessage, type RequestDraft } from '../db/request-draft.repo';
import type { Queryable } from '../db/database';
import type { JobRequest } from '../queue/jobs';
import type { ServiceContext } from './context';
import { runUseCase } from './effects';
import { isDue } from './timer-due';

/** «Lest så langt: følge, fre. 4. des., tid ?, sted Ahus» — what a coordinator sees in Innboks. */
function readSoFar(d: RequestDraft): string {
  const f = d.fields;
  return `${refOf(d.id)} ikke fullført. Lest så langt: ${f.type}, dag ${f.date ? whenText({ date: f.date, time: null }, 'nb') : '?'}, tid ${f.time ?? '?'}, sted ${f.place ?? '?'}${f.notes ? `, notater: ${f.notes}` : ''}`;
}

/**
 * The expiry of a draft nobody answered for two hours: its texts go to Innboks with what was read
 * so far, and the requester is told a coordinator will call. Idempotent: a draft answered since,
 * confirmed or already expired is left alone (a later text scheduled a later expiry).
 */
export async function expireRequestDraft(ctx: ServiceContext, draftId: string): Promise<'expired' | 'skipped'> {
  return runUseCase(ctx, async (trx, effects, now) => {
    const draft = await lockDraft(trx, draftId);
    if (!draft || (draft.status !== 'asking' && draft.status !== 'confirming')) return 'skipped';
    if (!isDue(new Date(draft.lastInboundAt.getTime() + DRAFT_TIMEOUT_MS), now)) return 'skipped';
    await closeDraft(trx, draft.id, 'expired', now);
    await flagDraftMessages(trx, draft, readSoFar(draft).slice(0, 500));
    await tagDraftMessage(trx, await effects.sms(trx, { to: draft.phone, body: requesterText(draft.language, 'expired', { ref: refOf(draft.id) }), kind: 'requester_expired' }), draft.id);
    ctx.log.info({ draftId, requesterId: draft.requesterId }, 'request draft unanswered: sent to Innboks');
    return 'expired';
  });
}

/** For the sweeper: drafts past their two hours whose expiry job Redis may have lost. */
export async function dueDraftExpiries(db: Queryable, dueBy: Date): Promise<JobRequest[]> {
  const ids = await listStaleOpenDrafts(db, new Date(dueBy.getTime() - DRAFT_TIMEOUT_MS), 500);
  return ids.map((draftId) => ({ name: 'expire-request-draft' as const, data: { draftId } }));
}
