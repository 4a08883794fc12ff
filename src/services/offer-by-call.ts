import { nextSendableAt } from '../domain/quiet-hours';
import type { Tx } from '../db/database';
import { insertOutboundCall } from '../db/call.repo';
import type { ServiceContext } from './context';
import type { Effects } from './effects';

/** «Send nå likevel» was pressed on the task this night: its offers, by SMS or call, do not wait for the morning. */
export function sendsDespiteQuietHours(task: { quietHoursOverrideUntil: Date | null }, now: Date): boolean {
  return task.quietHoursOverrideUntil !== null && task.quietHoursOverrideUntil.getTime() > now.getTime();
}

export interface CallOffer {
  offerId: string;
  taskId: string;
  volunteerId: string;
  phone: string;
}

/**
 * Offers a task by a call instead of an SMS: the call row is written in the caller's transaction
 * (so the offer and its call commit together) and placed by the place-call job after the commit.
 * Quiet hours hold calls as they hold offer SMS (and «Send nå likevel» releases both); the offer
 * opens once Twilio has the call.
 */
export async function queueOfferCall(
  trx: Tx, ctx: Pick<ServiceContext, 'settings'>, effects: Effects, o: CallOffer, now: Date,
  opts: { notBefore?: Date; despiteQuietHours?: boolean } = {},
): Promise<string> {
  const notBefore = opts.notBefore ?? now;
  const callable = opts.despiteQuietHours ? notBefore : nextSendableAt(ctx.settings.quietHours, notBefore);
  const callAfter = callable > now ? callable : null;
  const callId = await insertOutboundCall(trx, {
    to: o.phone, from: ctx.settings.serviceNumber, kind: 'offer', volunteerId: o.volunteerId, taskId: o.taskId, offerId: o.offerId, callAfter,
  }, now);
  effects.add({ name: 'place-call', data: { callId }, runAt: callAfter ?? undefined });
  effects.taskChanged(o.taskId);
  return callId;
}
