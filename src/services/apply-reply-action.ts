import { renderText, toTaskFacts } from '../domain/messages';
import type { ReplyAction } from '../domain/reply-decision';
import type { Tx } from '../db/database';
import { moveOffer } from '../db/offer.repo';
import type { Task } from '../db/task.repo';
import { markOptedIn, markOptedOut, type Volunteer } from '../db/volunteer.repo';
import { assignVolunteerInTx } from './assign-volunteer';
import type { ServiceContext } from './context';
import type { Effects } from './effects';
import { fillTaskInTx } from './fill-task';

export interface ReplyToApply {
  action: ReplyAction;
  volunteer: Volunteer;
  /** The task of the live or recent offer, locked by the caller. */
  task?: Task;
  now: Date;
  /** Whether another automatic hint may go to this number now. */
  throttle: () => Promise<boolean>;
}

/** Carries out a reply decision inside the caller's transaction. */
export async function applyReplyAction(trx: Tx, ctx: ServiceContext, effects: Effects, r: ReplyToApply): Promise<void> {
  const { action, volunteer, task, now } = r;
  const reply = (kind: string, body: string) =>
    effects.sms(trx, { to: volunteer.phone, body, kind, volunteerId: volunteer.id, taskId: task?.id });

  switch (action.type) {
    case 'accept':
    case 'late_accept': {
      const outcome = task
        ? await assignVolunteerInTx(trx, ctx, effects, { task, volunteer, offerId: action.offerId, late: action.type === 'late_accept', source: 'sms' }, now)
        : 'lost';
      if (outcome === 'lost' && task) await reply('taken', renderText(volunteer.language, 'taken', { task: toTaskFacts(task) }));
      return;
    }
    case 'decline':
      await moveOffer(trx, action.offerId, 'decline', now, { answered_at: now });
      await reply('declined_thanks', renderText(volunteer.language, 'declined_thanks', {}));
      await fillTaskInTx(trx, ctx, effects, action.taskId, now);
      return;
    case 'opt_out':
      await markOptedOut(trx, volunteer.id, now);
      if (action.liveOffer) {
        await moveOffer(trx, action.liveOffer.offerId, 'withdraw', now, { close_reason: 'opted_out', answered_at: now });
        await fillTaskInTx(trx, ctx, effects, action.liveOffer.taskId, now);
      }
      await reply('opted_out', renderText(volunteer.language, 'opted_out', {}));
      return;
    case 'opt_in':
      await markOptedIn(trx, volunteer.id, now);
      await reply('opted_in', renderText(volunteer.language, 'opted_in', {}));
      return;
    case 'reply':
      await reply(action.template, renderTemplateReply(volunteer.language, action.template, task));
      return;
    case 'unclear':
      if (await r.throttle()) await reply(action.template, renderText(volunteer.language, action.template, {}));
      return;
    case 'none':
      return;
  }
}

function renderTemplateReply(language: string, template: Extract<ReplyAction, { type: 'reply' }>['template'], task: Task | undefined): string {
  switch (template) {
    case 'taken':
    case 'offer_withdrawn':
    case 'already_assigned':
      return task ? renderText(language, template, { task: toTaskFacts(task) }) : renderText(language, 'no_offer', {});
    default:
      return renderText(language, template, {});
  }
}
