import { renderText, toTaskFacts } from '../domain/messages';
import type { Tx } from '../db/database';
import { insertAssignment } from '../db/assignment.repo';
import { moveOffer } from '../db/offer.repo';
import { moveTask, type Task } from '../db/task.repo';
import { markAssigned, type Volunteer } from '../db/volunteer.repo';
import { scheduleAssignmentTimers } from './assignment-timers';
import type { ServiceContext } from './context';
import type { Effects } from './effects';
import { withdrawOffersWithNotice } from './withdraw-offers';
import { tellRequester } from './tell-requester';

export class OfferNotAcceptableError extends Error {
  constructor(readonly offerId: string, readonly taskId: string) {
    super(`offer ${offerId} of task ${taskId} could not be accepted although the task was`);
    this.name = 'OfferNotAcceptableError';
  }
}

export interface Assignment {
  task: Task;
  volunteer: Volunteer;
  /** The offer the volunteer answered; absent for a manual assignment. */
  offerId?: string;
  late: boolean;
  source: 'sms' | 'manual' | 'call';
}

/**
 * Gives the task to one volunteer. The single conditional UPDATE on the task decides the winner,
 * however many JA arrive at once; the rest of the work only runs for that winner: the offer is
 * accepted, the other live offers are withdrawn with a "taken" notice, and the winner gets the details.
 */
export async function assignVolunteerInTx(trx: Tx, ctx: ServiceContext, effects: Effects, a: Assignment, now: Date): Promise<'assigned' | 'lost'> {
  const won = await moveTask(trx, a.task.id, a.source === 'manual' ? 'manual_assign' : 'accept', { assigned_volunteer_id: a.volunteer.id, assigned_at: now, closed_at: null }, now);
  if (!won) return 'lost';
  if (a.offerId) {
    const accepted = await moveOffer(trx, a.offerId, a.late ? 'late_accept' : 'accept', now, { answered_at: now });
    if (!accepted) throw new OfferNotAcceptableError(a.offerId, a.task.id);
  }
  const assignmentId = await insertAssignment(trx, { taskId: a.task.id, volunteerId: a.volunteer.id, offerId: a.offerId ?? null, source: a.source }, now);
  scheduleAssignmentTimers(ctx, effects, { assignmentId, startsAt: won.startsAt, durationMinutes: won.durationMinutes, assignedAt: now });
  await markAssigned(trx, a.volunteer.id, now);

  const facts = toTaskFacts(won);
  const withdrawn = await withdrawOffersWithNotice(trx, effects, { taskId: a.task.id, reason: 'taken', notice: 'offer_taken', task: facts, exceptOfferId: a.offerId }, now);
  await effects.sms(trx, {
    to: a.volunteer.phone,
    body: renderText(a.volunteer.language, 'assigned', { task: facts, details: won.details, coordinatorPhone: ctx.settings.coordinatorPhone }),
    kind: 'assigned',
    volunteerId: a.volunteer.id,
    taskId: a.task.id,
    offerId: a.offerId,
  });
  await tellRequester(trx, effects, a.task.id, { kind: 'assigned', volunteerName: a.volunteer.name });
  ctx.log.info({ taskId: a.task.id, volunteerId: a.volunteer.id, source: a.source, withdrawn: withdrawn.offers.length }, 'task assigned');
  return 'assigned';
}
