import { maskPhone, normalizePhone, type NormalizedPhone } from '../../src/domain/phone';

const NBSP = '\u00A0';

describe('normalizePhone', () => {
  it.each<[string, string]>([
    ['8 digits', '41234567'],
    ['grouped 3-2-3', '412 34 567'],
    ['+47 grouped', '+47 412 34 567'],
    ['0047 prefix', '0047 41234567'],
    ['0047 without space', '004741234567'],
    ['+47 with dashes', '+47-412-34-567'],
    ['(+47) in brackets', '(+47) 41234567'],
    ['dots', '412.34.567'],
    ['tab and no-break space', `412\t34${NBSP}567`],
    ['narrow no-break space', '412\u202F34\u202F567'],
    ['surrounding whitespace and newline', '  +4741234567\n'],
    ['en dash separators', '412–34–567'],
    ['full-width digits', '４１２３４５６７'],
    ['E.164 already', '+4741234567'],
    ['country code without plus', '4741234567'],
  ])('accepts a Norwegian mobile written as %s', (_name, input) => {
    expect(normalizePhone(input, { requireMobile: true })).toEqual({ ok: true, e164: '+4741234567', type: 'mobile' });
  });

  it('accepts the 9xx mobile range', () => {
    expect(normalizePhone('912 34 567')).toEqual({ ok: true, e164: '+4791234567', type: 'mobile' });
  });

  it.each<[string, string, Parameters<typeof normalizePhone>[1], NormalizedPhone]>([
    ['Oslo landline', '22 12 34 56', {}, { ok: true, e164: '+4722123456', type: 'fixed_line' }],
    ['Oslo landline, mobile required', '22 12 34 56', { requireMobile: true }, { ok: false, reason: 'not_mobile' }],
    ['toll-free', '800 12 345', {}, { ok: true, e164: '+4780012345', type: 'other' }],
    ['toll-free, mobile required', '800 12 345', { requireMobile: true }, { ok: false, reason: 'not_mobile' }],
    ['VoIP 85x, mobile required', '85012345', { requireMobile: true }, { ok: false, reason: 'not_mobile' }],
    ['Swedish mobile', '+46 70 123 45 67', { requireMobile: true }, { ok: true, e164: '+46701234567', type: 'mobile' }],
    ['Swedish mobile, 0046', '0046 70 123 45 67', { requireMobile: true }, { ok: true, e164: '+46701234567', type: 'mobile' }],
    ['Swedish landline, mobile required', '+46 8 123 456 78', { requireMobile: true }, { ok: false, reason: 'not_mobile' }],
    ['Polish mobile', '+48 512 345 678', { requireMobile: true }, { ok: true, e164: '+48512345678', type: 'mobile' }],
    ['Ukrainian mobile', '+380 50 123 4567', { requireMobile: true }, { ok: true, e164: '+380501234567', type: 'mobile' }],
    ['German mobile with (0)', '+49 (0)151 12345678', { requireMobile: true }, { ok: true, e164: '+4915112345678', type: 'mobile' }],
    ['US number (fixed line or mobile)', '+1 202 555 0143', { requireMobile: true }, { ok: true, e164: '+12025550143', type: 'mobile' }],
    ['Swedish national form with SE default', '070-123 45 67', { defaultCountry: 'SE' }, { ok: true, e164: '+46701234567', type: 'mobile' }],
    ['too short', '1234', {}, { ok: false, reason: 'invalid' }],
    ['too long', '4123456789012', {}, { ok: false, reason: 'invalid' }],
    ['unused 42 range', '42123456', {}, { ok: false, reason: 'invalid' }],
    ['letters', 'abc', {}, { ok: false, reason: 'invalid' }],
    ['trailing letter', '41234567a', {}, { ok: false, reason: 'invalid' }],
    ['extension', '+47 41234567 ext 3', {}, { ok: false, reason: 'invalid' }],
    ['number in free text', 'ring meg på 41234567', {}, { ok: false, reason: 'invalid' }],
    ['plus in the middle', '+47+41234567', {}, { ok: false, reason: 'invalid' }],
    ['only punctuation', '--', {}, { ok: false, reason: 'invalid' }],
    ['unknown country code', '+999 123456', {}, { ok: false, reason: 'invalid' }],
    ['empty', '', {}, { ok: false, reason: 'empty' }],
    ['whitespace only', ` \t${NBSP}`, {}, { ok: false, reason: 'empty' }],
  ])('%s', (_name, input, opts, expected) => {
    expect(normalizePhone(input, opts)).toEqual(expected);
  });
});

describe('maskPhone', () => {
  it.each<[string, string, string]>([
    ['Norwegian E.164', '+4741234567', '+47******67'],
    ['formatted Norwegian', '+47 412 34 567', '+47******67'],
    ['Swedish E.164', '+46701234567', '+46*******67'],
    ['Ukrainian E.164', '+380501234567', '+380*******67'],
    ['raw local number', '41234567', '******67'],
    ['raw grouped number keeps its separators', '412 34 567', '*** ** *67'],
    ['digits in free text', 'ring 41234567 nå', 'ring ******67 nå'],
    ['short numbers are masked completely', '1234', '****'],
    ['full-width digits', '４１２３４５６７', '******６７'],
    ['no digits at all', 'unknown', 'unknown'],
    ['empty', '', ''],
  ])('%s', (_name, input, expected) => {
    expect(maskPhone(input)).toBe(expected);
  });

  it('never throws, even for values outside its type', () => {
    for (const value of [undefined, null, 47, {}, '+'.repeat(10_000)]) {
      expect(() => maskPhone(value as unknown as string)).not.toThrow();
    }
  });

  it('never shows more than the last two digits of a parsed number', () => {
    expect(maskPhone('+4741234567').replace(/^\+47/, '')).not.toMatch(/\d{3}/);
  });
});
