import {
  availableTaskActions, isExhausted, nextOfferStatus, nextTaskStatus, offersToSend, waveForNewOffers,
  type OfferEvent, type OfferStatus, type TaskEvent, type TaskStatus,
} from '../../src/domain/dispatch';

describe('task state machine', () => {
  it.each<[TaskStatus, TaskEvent, TaskStatus | undefined]>([
    ['new', 'dispatch', 'searching'],
    ['unfilled', 'dispatch', 'searching'],
    ['searching', 'dispatch', undefined],
    ['assigned', 'dispatch', undefined],
    ['cancelled', 'dispatch', undefined],
    ['searching', 'accept', 'assigned'],
    ['unfilled', 'accept', 'assigned'], // a late JA after the coordinator was told is still welcome
    ['assigned', 'accept', undefined], // the second JA loses
    ['new', 'accept', undefined],
    ['cancelled', 'accept', undefined],
    ['searching', 'exhaust', 'unfilled'],
    ['assigned', 'exhaust', undefined],
    ['new', 'cancel', 'cancelled'],
    ['searching', 'cancel', 'cancelled'],
    ['assigned', 'cancel', 'cancelled'],
    ['unfilled', 'cancel', 'cancelled'],
    ['cancelled', 'cancel', undefined],
    ['searching', 'stop', 'new'], // the coordinator stops the search; it can be sent out again
    ['new', 'stop', undefined],
    ['unfilled', 'stop', undefined],
    ['assigned', 'stop', undefined],
    ['cancelled', 'stop', undefined],
    ['new', 'manual_assign', 'assigned'], // agreed by phone before anything was sent
    ['searching', 'manual_assign', 'assigned'],
    ['unfilled', 'manual_assign', 'assigned'],
    ['assigned', 'manual_assign', undefined], // a second assignment is refused, like a second JA
    ['cancelled', 'manual_assign', undefined],
  ])('%s + %s -> %s', (from, event, to) => {
    expect(nextTaskStatus(from, event)).toBe(to);
  });
});

describe('what a coordinator may do', () => {
  it.each<[TaskStatus, ReturnType<typeof availableTaskActions>]>([
    ['new', { dispatch: true, stop: false, cancel: true, assignManually: true, unassign: false, edit: true }],
    ['searching', { dispatch: false, stop: true, cancel: true, assignManually: true, unassign: false, edit: true }],
    ['unfilled', { dispatch: true, stop: false, cancel: true, assignManually: true, unassign: false, edit: true }],
    ['assigned', { dispatch: false, stop: false, cancel: true, assignManually: false, unassign: true, edit: true }],
    ['cancelled', { dispatch: false, stop: false, cancel: false, assignManually: false, unassign: false, edit: false }],
  ])('%s', (status, expected) => {
    expect(availableTaskActions(status)).toEqual(expected);
  });
});

describe('offer state machine', () => {
  it.each<[OfferStatus, OfferEvent, OfferStatus | undefined]>([
    ['pending', 'sms_sent', 'open'],
    ['open', 'sms_sent', undefined],
    ['pending', 'accept', 'accepted'],
    ['open', 'accept', 'accepted'],
    ['declined', 'accept', undefined],
    ['withdrawn', 'accept', undefined],
    ['expired', 'late_accept', 'accepted'],
    ['declined', 'late_accept', 'accepted'], // changed their mind while the task is still open
    ['withdrawn', 'late_accept', undefined],
    ['failed', 'late_accept', undefined],
    ['open', 'decline', 'declined'],
    ['accepted', 'decline', undefined],
    ['open', 'expire', 'expired'],
    ['pending', 'expire', undefined], // the timer starts only when the SMS has left
    ['accepted', 'expire', undefined], // a stale timer does nothing
    ['declined', 'expire', undefined],
    ['pending', 'withdraw', 'withdrawn'],
    ['open', 'withdraw', 'withdrawn'],
    ['accepted', 'withdraw', undefined],
    ['pending', 'fail', 'failed'],
    ['open', 'fail', 'failed'],
    ['expired', 'fail', undefined],
  ])('%s + %s -> %s', (from, event, to) => {
    expect(nextOfferStatus(from, event)).toBe(to);
  });
});

describe('waves', () => {
  it.each([
    [3, 0, 3], [3, 1, 2], [3, 3, 0], [1, 0, 1], [1, 1, 0], [3, 5, 0],
  ])('wave size %i with %i live offers sends %i more', (waveSize, live, expected) => {
    expect(offersToSend(waveSize, live)).toBe(expected);
  });

  it.each([
    [0, 0, 1], // the first wave
    [1, 0, 2], // the first wave ended with no taker: a new wave
    [1, 2, 1], // a NO in wave 1 is replaced within wave 1
    [4, 1, 4],
  ])('after %i waves with %i live offers, new offers belong to wave %i', (wavesSent, live, expected) => {
    expect(waveForNewOffers(wavesSent, live)).toBe(expected);
  });

  it.each([
    [0, 0, true], [1, 0, false], [0, 1, false], [2, 3, false],
  ])('live %i, new %i: exhausted %s', (live, created, expected) => {
    expect(isExhausted(live, created)).toBe(expected);
  });
});
