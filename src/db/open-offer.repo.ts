import { sql } from 'kysely';
import type { OutboundStatusName } from '../domain/sms-status';
import { offerTransition } from '../domain/dispatch';
import type { Queryable } from './database';

export interface SentOffer {
  messageId: string;
  offerId: string;
  providerSid: string;
  status: OutboundStatusName;
  sentAt: Date;
  expiresAt: Date;
  /** The answer time `expiresAt` was computed from: the offer opens only if the task still has it. */
  timeoutMinutes: number;
  /** Wave-mates whose deadline falls in (timerFrom, timerTo] share this offer's timer. */
  timerFrom: Date;
  timerTo: Date;
}

export interface SentOfferResult {
  /** The offer moved pending -> open in this statement. */
  opened: boolean;
  /** The offer was pending and did not open: the task's answer time changed, or its volunteer wants a follow-up call. */
  stillPending: boolean;
  taskId: string | null;
  /** Another offer of the task, opened before, has its deadline in the same timer step: its timer is this offer's too. */
  timerShared: boolean;
}

/**
 * Records an offer SMS as sent and opens its offer in one statement (atomic without a transaction):
 * the message gets the provider's SID (never moving a status backwards: a fast status callback may
 * have come first), and the offer moves pending -> open with its sent and expiry times, as a
 * compare-and-set. The offer opens only when the task's answer time is still the one `expiresAt`
 * was computed from and its volunteer is not one to be called if silent; otherwise
 * `stillPending` tells the caller to open it the long way (openOffer).
 */
export async function markSentAndOpenOffer(db: Queryable, s: SentOffer): Promise<SentOfferResult> {
  const move = offerTransition('sms_sent');
  const { rows } = await sql<{ opened: boolean; prior_status: string | null; task_id: string | null; timer_shared: boolean }>`
    -- A data-modifying WITH runs to completion whether or not the SELECT reads it; every part sees
    -- the rows as they were before the statement (so prior holds the offer's status before it opened).
    WITH sent AS (
      UPDATE message SET twilio_sid = ${s.providerSid}, sent_at = ${s.sentAt}, updated_at = ${s.sentAt}, needs_reconcile = false,
        status = CASE WHEN status IN ('queued', 'sending') THEN ${s.status} ELSE status END
      WHERE id = ${s.messageId}
      RETURNING id
    ), opened AS (
      UPDATE offer o SET status = ${move.to}, sent_at = ${s.sentAt}, expires_at = ${s.expiresAt}
      FROM task t, volunteer v
      WHERE o.id = ${s.offerId} AND o.status IN (${sql.join(move.from)})
        AND t.id = o.task_id AND t.offer_timeout_minutes = ${s.timeoutMinutes}
        AND v.id = o.volunteer_id AND v.contact_preference <> 'sms_then_call'
      RETURNING o.id
    ), prior AS (
      SELECT status, task_id FROM offer WHERE id = ${s.offerId}
    )
    SELECT EXISTS (SELECT 1 FROM opened) AS opened,
      (SELECT status FROM prior) AS prior_status,
      (SELECT task_id FROM prior) AS task_id,
      EXISTS (
        SELECT 1 FROM offer w, prior
        WHERE w.task_id = prior.task_id AND w.id <> ${s.offerId} AND w.status = 'open'
          AND w.expires_at > ${s.timerFrom} AND w.expires_at <= ${s.timerTo}
      ) AS timer_shared`.execute(db);
  const row = rows[0]!;
  return {
    opened: row.opened,
    stillPending: !row.opened && row.prior_status !== null && (move.from as readonly string[]).includes(row.prior_status),
    taskId: row.task_id,
    timerShared: row.timer_shared,
  };
}
