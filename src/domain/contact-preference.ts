import { normalizePhone, type PhoneType } from './phone';

/**
 * How a volunteer wants offers: `sms` (the default), `call` (an automated call, for those who do
 * not text or have only a landline), or `sms_then_call` (an SMS, then a call when it is unanswered
 * after half its answer time).
 */
export type ContactPreference = 'sms' | 'call' | 'sms_then_call';

export const CONTACT_PREFERENCES: readonly ContactPreference[] = ['sms', 'call', 'sms_then_call'];
export const DEFAULT_CONTACT_PREFERENCE: ContactPreference = 'sms';

export function isContactPreference(value: string): value is ContactPreference {
  return (CONTACT_PREFERENCES as readonly string[]).includes(value);
}

/** The Norwegian names the admin pages show and the CSV export writes (the import reads them back). */
export const CONTACT_PREFERENCE_NAMES: Record<ContactPreference, string> = {
  sms: 'SMS',
  call: 'Ring',
  sms_then_call: 'SMS, så ring',
};

// What a coordinator may type in a CSV cell, compared lower-cased with runs of spaces and
// punctuation read as one space.
const WORDS: Record<string, ContactPreference> = {
  sms: 'sms', tekst: 'sms', text: 'sms', melding: 'sms',
  ring: 'call', 'ring meg': 'call', telefon: 'call', anrop: 'call', samtale: 'call', call: 'call', phone: 'call', voice: 'call',
  'sms så ring': 'sms_then_call', 'sms og ring': 'sms_then_call', 'sms deretter ring': 'sms_then_call',
  'sms then call': 'sms_then_call', 'sms and call': 'sms_then_call',
};

/** A form value or CSV cell: blank means the default; undefined when it names no preference. */
export function parseContactPreference(text: string): ContactPreference | undefined {
  const value = text.trim().toLowerCase();
  if (!value) return DEFAULT_CONTACT_PREFERENCE;
  if (isContactPreference(value)) return value;
  return WORDS[value.replace(/[\s,.;:/+&-]+/g, ' ').trim()];
}

export type ReachabilityProblem = 'landline_needs_call' | 'not_mobile';

/**
 * Whether offers can reach a number of this type the way the volunteer wants them. A mobile takes
 * everything; a landline cannot take SMS, so only `call`; other numbers (toll-free, VoIP, pagers)
 * are refused as before.
 */
export function checkReachability(type: PhoneType, preference: ContactPreference): ReachabilityProblem | undefined {
  if (type === 'mobile') return undefined;
  if (type === 'fixed_line') return preference === 'call' ? undefined : 'landline_needs_call';
  return 'not_mobile';
}

/**
 * A number that cannot take SMS at all (a Norwegian landline, say): nothing is texted to it, so a
 * volunteer called on a landline gets no SMS that would only fail. Numbers whose type is unclear
 * are texted as before.
 */
export function isLandline(phone: string): boolean {
  const parsed = normalizePhone(phone);
  return parsed.ok && parsed.type === 'fixed_line';
}
