import { parsePhoneNumberFromString, type CountryCode, type NumberType, type PhoneNumber } from 'libphonenumber-js/max';
// `/max` on purpose: the default (min) metadata cannot tell MOBILE from FIXED_LINE.

export type PhoneType = 'mobile' | 'fixed_line' | 'other';

export type NormalizedPhone =
  | { ok: true; e164: string; type: PhoneType }
  | { ok: false; reason: 'empty' | 'invalid' | 'not_mobile' };

export interface NormalizePhoneOptions {
  /** Reject anything that cannot receive SMS (landlines, toll-free, VoIP …). */
  requireMobile?: boolean;
  /** Country assumed for numbers written without a country code. Defaults to 'NO'. */
  defaultCountry?: CountryCode;
}

// Separators people type between digit groups. Anything else (letters, "ext") makes the input invalid,
// because libphonenumber's lenient extraction would otherwise pull a number out of free text.
const ALLOWED_CHARS = /^[0-9+\-.()/ ]+$/;
const SEPARATORS = /[-.()/ ]/g;
const UNICODE_DASHES = /[\u2010-\u2015\u2212]/g;

/**
 * Parses a phone number as a volunteer or coordinator would type it and returns E.164.
 * Pure and total: every input maps to a result, nothing throws.
 */
export function normalizePhone(input: string, opts: NormalizePhoneOptions = {}): NormalizedPhone {
  const compact = compactPhoneInput(input);
  if (compact === '') return { ok: false, reason: 'empty' };
  if (compact === undefined) return { ok: false, reason: 'invalid' };

  const parsed = tryParsePhone(compact, opts.defaultCountry ?? 'NO');
  if (!parsed || !parsed.isValid()) return { ok: false, reason: 'invalid' };

  const type = classifyNumberType(parsed.getType());
  if (opts.requireMobile && type !== 'mobile') return { ok: false, reason: 'not_mobile' };
  return { ok: true, e164: parsed.number, type };
}

// E.164: '+', a country code that does not start with 0, at most 15 digits in all.
const E164 = /^\+[1-9]\d{6,14}$/;

/** Whether a stored number is E.164 at all (what an SMS can be sent to); '', 'abc', '+' are not. */
export function isE164(phone: string): boolean {
  return E164.test(phone);
}

/**
 * Masks a phone number for logs: keeps the country code and the last two digits
 * ('+4741234567' → '+47******67'). Never throws; for anything that does not parse it masks
 * every digit but the last two, and all of them when there are too few to hide anything.
 */
export function maskPhone(e164OrRaw: string): string {
  const raw = typeof e164OrRaw === 'string' ? e164OrRaw : String(e164OrRaw ?? '');
  const compact = compactPhoneInput(raw);
  const parsed = compact?.startsWith('+') ? tryParsePhone(compact, undefined) : undefined;
  if (parsed && parsed.nationalNumber.length > 4) {
    const national = parsed.nationalNumber;
    return `+${parsed.countryCallingCode}${'*'.repeat(national.length - 2)}${national.slice(-2)}`;
  }
  return maskDigits(raw);
}

/** '' for blank input, undefined for characters no phone number has, else `+?digits`. */
function compactPhoneInput(input: string): string | undefined {
  // NFKC turns full-width digits and no-break spaces into their plain forms.
  const text = input.normalize('NFKC').replace(UNICODE_DASHES, '-').replace(/\s+/g, ' ').trim();
  if (text === '') return '';
  if (!ALLOWED_CHARS.test(text)) return undefined;
  // "+49 (0)151…" means "drop the 0 when dialling from abroad"; keeping it makes the number invalid.
  const compact = text.replace(/\(0\)/g, '').replace(SEPARATORS, '');
  return /^\+?\d+$/.test(compact) ? compact : undefined;
}

function tryParsePhone(compact: string, defaultCountry: CountryCode | undefined): PhoneNumber | undefined {
  try {
    return parsePhoneNumberFromString(compact, { defaultCountry, extract: false });
  } catch {
    return undefined; // documented not to throw; guarded anyway because maskPhone runs in log paths
  }
}

function classifyNumberType(type: NumberType): PhoneType {
  // Some countries (e.g. +1) cannot tell the two apart; those numbers usually take SMS.
  if (type === 'MOBILE' || type === 'FIXED_LINE_OR_MOBILE') return 'mobile';
  if (type === 'FIXED_LINE') return 'fixed_line';
  return 'other';
}

function maskDigits(raw: string): string {
  // \p{Nd} rather than \d so full-width and other script digits are hidden too.
  const digitCount = raw.replace(/\P{Nd}/gu, '').length;
  const keep = digitCount > 4 ? 2 : 0;
  let seen = 0;
  return raw.replace(/\p{Nd}/gu, (digit) => {
    seen += 1;
    return seen > digitCount - keep ? digit : '*';
  });
}
