import { classifyReply } from '../../src/domain/replies';
import { hasUnreadableCharacters, markUnreadableCharacters } from '../../src/domain/unreadable-text';
import { parseVolunteerCommand } from '../../src/domain/volunteer-commands';
import { isE164 } from '../../src/domain/phone';

describe('unreadable characters', () => {
  it.each([
    ['JA\u0000', true], ['JA\u0007', true], ['\u001bJA', true], ['JA\u007f', true], ['JA\u0085', true], ['\uFFFDJA', true],
    ['JA \ud800', true], ['\udc00JA', true], ['JA\nhei', false], ['ja\r\n', false], ['ja\ttakk', false], ['👍', false], ['Ærlig talt', false],
  ])('%j unreadable: %s', (text, expected) => {
    expect(hasUnreadableCharacters(text)).toBe(expected);
  });

  it('marks control characters and lone surrogates, keeps newlines and pairs', () => {
    expect(markUnreadableCharacters('JA\u0000\n\ud83d\udc4d\ud800')).toBe('JA\uFFFD\n\ud83d\udc4d\uFFFD');
  });
});

describe('a reply with unreadable characters is never a clean answer', () => {
  it.each(['JA\u0000', 'JA\u0007\u0007', '\uFFFDJA', 'JA\uFFFD', 'NEI\u001b', 'ja takk\u0008'])('%j is unclear', (body) => {
    expect(classifyReply(body, 'nb').intent).toBe('unclear');
  });
  it.each([['JA\n', 'yes'], ['ja\r\ntakk', 'yes'], ['NEI ', 'no']])('%j is still %s', (body, intent) => {
    expect(classifyReply(body, 'nb').intent).toBe(intent);
  });
  it('nor a keyword', () => {
    expect(parseVolunteerCommand('PAUSE 14\u0000', 'nb')).toBeUndefined();
    expect(classifyReply('STOPP\u0000', 'nb').intent).toBe('unclear');
    expect(parseVolunteerCommand('PAUSE 14', 'nb')).toEqual({ kind: 'pause', days: 14 });
  });
});

describe('isE164', () => {
  it.each([['+4741234567', true], ['+12025550123', true], ['', false], ['abc', false], ['+', false], ['x'.repeat(64), false], ['41234567', false], ['+0123456789', false], ['+1234567890123456', false]])('%j: %s', (phone, ok) => {
    expect(isE164(phone)).toBe(ok);
  });
});
