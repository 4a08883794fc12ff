import { foldLatinDiacritics, normalizeSmsText, resolveMeaning, tokenizeSmsText, type Meaning, type Resolution } from '../../src/domain/sms-words';

describe('normalizeSmsText', () => {
  it.each<[string, string, string]>([
    ['case, spaces and edge punctuation', '  JA,   Takk!! ', 'ja, takk'],
    ['Arabic-Indic digits', 'استراحة ١٤', 'استراحه 14'],
    ['Persian digits', '۱۲', '12'],
    ['hamza forms of alef', 'أقصى إلغاء آخر', 'اقصي الغاء اخر'],
    ['short vowels and tatweel', 'نَعَم شكراً مــرحبا', 'نعم شكرا مرحبا'],
    ['ta marbuta', 'مساعدة', 'مساعده'],
    ['Cyrillic', 'ТАК, Звісно', 'так, звісно'],
    ['Norwegian letters stay', 'ÆØÅ', 'æøå'],
  ])('%s', (_name, body, expected) => {
    expect(normalizeSmsText(body)).toBe(expected);
  });

  it('splits into words, keeping the thumbs', () => {
    expect(tokenizeSmsText(normalizeSmsText("Ja 👍 I can't"))).toEqual(['ja', '👍', 'i', "can't"]);
  });
});

describe('foldLatinDiacritics', () => {
  it.each<[string, string]>([
    ['mogę', 'moge'],
    ['Dziękuję, żółć', 'Dziekuje, zolc'],
    ['Łódź', 'Lodz'],
    ['går før', 'gar før'], // ø is a letter of its own, not o with a mark
    ['так й ні', 'так й ні'], // other scripts are left alone
  ])('%j → %j', (text, expected) => {
    expect(foldLatinDiacritics(text)).toBe(expected);
  });
});

describe('resolveMeaning (the conflict rule)', () => {
  const tak: Meaning<'yes' | 'false_friend'>[] = [
    { kind: 'false_friend', language: 'nb' },
    { kind: 'yes', language: 'uk' },
    { kind: 'yes', language: 'pl' },
  ];
  const ok: Meaning<'yes'>[] = [{ kind: 'yes', language: 'nb' }, { kind: 'yes', language: 'en' }];

  it.each<[string, readonly Meaning<string>[], string | undefined, Resolution<string>]>([
    ['one meaning, no language given', ok, undefined, { kind: 'yes', language: 'nb' }],
    ['one meaning, reported in the volunteer language', ok, 'en', { kind: 'yes', language: 'en' }],
    ['one meaning, volunteer language without it', ok, 'pl', { kind: 'yes', language: 'nb' }],
    ['two meanings, the volunteer language has it', tak, 'pl', { kind: 'yes', language: 'pl' }],
    ['two meanings, the volunteer language says it is no answer', tak, 'nb', { kind: 'false_friend', language: 'nb' }],
    ['two meanings, the volunteer language lacks it', tak, 'en', { kind: 'conflict' }],
    ['two meanings, no language given', tak, undefined, { kind: 'conflict' }],
    ['a symbol of no language', [{ kind: 'yes', language: undefined }], 'nb', { kind: 'yes', language: undefined }],
    ['nothing', [], 'nb', { kind: 'conflict' }],
  ])('%s', (_name, meanings, volunteerLanguage, expected) => {
    expect(resolveMeaning(meanings, volunteerLanguage)).toEqual(expected);
  });
});
