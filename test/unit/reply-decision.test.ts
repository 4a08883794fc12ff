import { crossedWithNotice, decideReply, type ReplyAction, type ReplyContext } from '../../src/domain/reply-decision';
import type { ReplyIntent } from '../../src/domain/replies';
import type { OfferStatus, TaskStatus } from '../../src/domain/dispatch';

const live = { offerId: '7', taskId: '3' };
const recent = (offerStatus: OfferStatus, taskStatus: TaskStatus, crossed = false): ReplyContext => ({
  optedOut: false,
  recentOffer: { offerId: '7', taskId: '3', offerStatus, taskStatus, crossedWithNotice: crossed },
});
const withLive: ReplyContext = { optedOut: false, liveOffer: live };
const nothing: ReplyContext = { optedOut: false };
const optedOut: ReplyContext = { optedOut: true };

describe('decideReply', () => {
  it.each<[string, ReplyIntent, ReplyContext, ReplyAction]>([
    ['JA with a live offer accepts it', 'yes', withLive, { type: 'accept', ...live }],
    ['NEI with a live offer declines it', 'no', withLive, { type: 'decline', ...live }],
    ['unclear with a live offer gets the offer hint', 'unclear', withLive, { type: 'unclear', template: 'hint_offer' }],
    ['unclear without an offer gets the general hint', 'unclear', nothing, { type: 'unclear', template: 'hint_general' }],
    ['STOPP with a live offer opts out and hands the offer on', 'stop', withLive, { type: 'opt_out', liveOffer: live }],
    ['STOPP without an offer opts out', 'stop', nothing, { type: 'opt_out', liveOffer: undefined }],
    ['START when opted out opts in', 'start', optedOut, { type: 'opt_in' }],
    ['START when already in says so', 'start', nothing, { type: 'reply', template: 'already_opted_in' }],
    ['JA when opted out reminds how to come back', 'yes', optedOut, { type: 'reply', template: 'opted_out_reminder' }],
    ['unclear when opted out goes to a coordinator', 'unclear', optedOut, { type: 'unclear', template: 'hint_general' }],
    ['JA with no offer at all', 'yes', nothing, { type: 'reply', template: 'no_offer' }],
    ['NEI with no offer at all is thanked', 'no', nothing, { type: 'reply', template: 'declined_thanks' }],
    ['late JA, offer expired, task still searching: take it', 'yes', recent('expired', 'searching'), { type: 'late_accept', offerId: '7', taskId: '3' }],
    ['late JA, offer expired, task unfilled: take it', 'yes', recent('expired', 'unfilled'), { type: 'late_accept', offerId: '7', taskId: '3' }],
    ['JA after NEI, task still searching: take it', 'yes', recent('declined', 'searching'), { type: 'late_accept', offerId: '7', taskId: '3' }],
    ['late JA, someone else took it', 'yes', recent('withdrawn', 'assigned'), { type: 'reply', template: 'taken', taskId: '3' }],
    ['late JA, expired and taken since', 'yes', recent('expired', 'assigned'), { type: 'reply', template: 'taken', taskId: '3' }],
    ['late JA, dispatch was stopped (task back to new)', 'yes', recent('withdrawn', 'new'), { type: 'reply', template: 'offer_withdrawn', taskId: '3' }],
    ['late JA, task cancelled', 'yes', recent('withdrawn', 'cancelled'), { type: 'reply', template: 'offer_withdrawn', taskId: '3' }],
    ['JA again from the winner', 'yes', recent('accepted', 'assigned'), { type: 'reply', template: 'already_assigned', taskId: '3' }],
    ['JA that crossed the "taken" notice needs no second answer', 'yes', recent('withdrawn', 'assigned', true), { type: 'none' }],
    ['NEI that crossed the "taken" notice needs no answer', 'no', recent('withdrawn', 'assigned', true), { type: 'none' }],
    ['an expired offer is not "crossed"', 'yes', recent('expired', 'searching', true), { type: 'late_accept', offerId: '7', taskId: '3' }],
  ])('%s', (_name, intent, ctx, expected) => {
    expect(decideReply(intent, ctx)).toEqual(expected);
  });
});

describe('crossedWithNotice', () => {
  const received = new Date('2026-12-01T10:00:00Z');
  it.each<[string, Date | null, boolean]>([
    ['closed after the reply arrived', new Date('2026-12-01T10:00:01Z'), true],
    ['closed a minute before', new Date('2026-12-01T09:59:00Z'), true],
    ['closed ten minutes before', new Date('2026-12-01T09:50:00Z'), false],
    ['never closed', null, false],
  ])('%s: %s', (_name, closedAt, expected) => {
    expect(crossedWithNotice(closedAt, received)).toBe(expected);
  });
});
