import { isStatusAdvance, mapProviderStatus, statusesBelow, type OutboundStatusName } from '../../src/domain/sms-status';
import { classifyTwilioFailure } from '../../src/sms/twilio-errors';

describe('delivery status', () => {
  it.each([
    ['queued', 'sent'], ['accepted', 'sent'], ['sending', 'sent'], ['sent', 'sent'], ['delivered', 'delivered'],
    ['read', 'delivered'], ['undelivered', 'undelivered'], ['failed', 'failed'], ['canceled', 'failed'], ['receiving', undefined],
  ])('Twilio %s is our %s', (twilioStatus, ours) => {
    expect(mapProviderStatus(twilioStatus)).toBe(ours);
  });

  it.each<[OutboundStatusName, OutboundStatusName, boolean]>([
    ['sending', 'sent', true], ['sent', 'delivered', true], ['delivered', 'sent', false],
    ['sent', 'failed', true], ['failed', 'delivered', false], ['delivered', 'delivered', false],
  ])('%s -> %s applies: %s', (current, incoming, expected) => {
    expect(isStatusAdvance(current, incoming)).toBe(expected);
    expect(statusesBelow(incoming).includes(current)).toBe(expected);
  });
});

describe('Twilio failure classes', () => {
  it.each([
    [undefined, undefined, { retryable: true, ambiguous: true }], // network error or timeout
    [429, 20429, { retryable: true, ambiguous: false }],
    [500, undefined, { retryable: true, ambiguous: true }],
    [503, undefined, { retryable: true, ambiguous: true }],
    [400, 21211, { retryable: false, ambiguous: false }],
    [400, 21610, { retryable: false, ambiguous: false }],
    [400, 21614, { retryable: false, ambiguous: false }],
    [401, 20003, { retryable: false, ambiguous: false }],
  ])("HTTP %s code %s", (status, _code, expected) => {
    expect(classifyTwilioFailure(status)).toEqual(expected);
  });
});
