import { DEFAULT_LANGUAGE, isSupportedLanguage, listLanguages, type TaskType } from './messages';
import { checkReachability, isContactPreference, DEFAULT_CONTACT_PREFERENCE, type ContactPreference } from './contact-preference';
import { normalizePhone } from './phone';

/**
 * The rules every volunteer record follows, whoever creates it (JSON API, admin form, CSV import),
 * pure so the import can apply them row by row without I/O.
 */

export const TASK_TYPES: readonly TaskType[] = ['shopping', 'escort', 'visit', 'walk', 'practical', 'other'];

/** What a coordinator keeps about a volunteer besides who they are. Dates are 'YYYY-MM-DD'. */
export interface VolunteerProfile {
  taskTypes: string[];
  areas: string[];
  notes: string;
  agreementSignedOn: string | null;
  confidentialitySignedOn: string | null;
  policeCertificateOn: string | null;
  trainingOn: string | null;
  pausedUntil: string | null;
}

export type IdentityProblem =
  | { field: 'name'; code: 'missing_name' }
  | { field: 'language'; code: 'unsupported_language' }
  | { field: 'phone'; code: 'invalid_phone' | 'not_mobile' | 'landline_needs_call' }
  | { field: 'contactPreference'; code: 'invalid_contact_preference' };

export type IdentityCheck =
  | { ok: true; name: string; phone: string; language: string; contactPreference: ContactPreference }
  | { ok: false; problems: IdentityProblem[] };

/**
 * Name, phone, language and contact preference of a volunteer. The phone number is their identity
 * and must reach them the way they want offers: a mobile for SMS, a mobile or a landline for calls;
 * it comes back in E.164. Problems are listed in the order name, language, phone, contact
 * preference (the JSON API reports the first).
 */
export function checkVolunteerIdentity(input: { name: string; phone: string; language?: string; contactPreference?: string }): IdentityCheck {
  const problems: IdentityProblem[] = [];
  const name = input.name.trim();
  if (!name) problems.push({ field: 'name', code: 'missing_name' });
  const language = input.language ?? DEFAULT_LANGUAGE;
  if (!isSupportedLanguage(language)) problems.push({ field: 'language', code: 'unsupported_language' });
  const preference = input.contactPreference || DEFAULT_CONTACT_PREFERENCE;
  const phone = normalizePhone(input.phone);
  if (!phone.ok) problems.push({ field: 'phone', code: 'invalid_phone' });
  const unreachable = phone.ok && isContactPreference(preference) ? checkReachability(phone.type, preference) : undefined;
  if (unreachable) problems.push({ field: 'phone', code: unreachable });
  if (!isContactPreference(preference)) problems.push({ field: 'contactPreference', code: 'invalid_contact_preference' });
  if (problems.length > 0 || !phone.ok || !isContactPreference(preference)) return { ok: false, problems };
  return { ok: true, name, phone: phone.e164, language, contactPreference: preference };
}

/** 'Lørenskog sentrum, Fjellhamar' → ['Lørenskog sentrum', 'Fjellhamar'] (also `;`), without repeats. */
export function splitAreas(text: string): string[] {
  const areas = text.split(/[,;\n]/).map((a) => a.replace(/\s+/g, ' ').trim()).filter(Boolean);
  return [...new Set(areas)];
}

// Words a coordinator may write in the "oppgaver" column, in Norwegian or English.
const TASK_TYPE_WORDS: Record<string, TaskType> = {
  handlehjelp: 'shopping', handling: 'shopping', innkjøp: 'shopping', shopping: 'shopping',
  følge: 'escort', 'følge til lege': 'escort', følgetjeneste: 'escort', escort: 'escort',
  besøk: 'visit', besøksvenn: 'visit', visit: 'visit', visiting: 'visit',
  tur: 'walk', turvenn: 'walk', gåtur: 'walk', walk: 'walk', walking: 'walk',
  praktisk: 'practical', 'praktisk hjelp': 'practical', practical: 'practical', 'practical help': 'practical',
  annet: 'other', other: 'other',
};

/** The Norwegian names of the task types: on the admin pages, and as the CSV export writes them (the import reads them back). */
export const TASK_TYPE_NAMES: Record<TaskType, string> = { shopping: 'Handlehjelp', escort: 'Følge', visit: 'Besøk', walk: 'Tur', practical: 'Praktisk hjelp', other: 'Annet' };

/** 'Handlehjelp, følge' → ['shopping', 'escort']; undefined when a word is not a task type. */
export function parseTaskTypes(text: string): TaskType[] | undefined {
  const words = text.split(/[,;/\n]/).map((w) => w.replace(/\s+/g, ' ').trim().toLowerCase()).filter(Boolean);
  const types = words.map((w) => TASK_TYPE_WORDS[w]);
  if (types.some((t) => t === undefined)) return undefined;
  return [...new Set(types as TaskType[])];
}

/** A language cell: empty means the default; a code ('en') or a name ('English', 'norsk') is accepted. */
export function parseLanguage(text: string): string | undefined {
  const value = text.trim().toLowerCase();
  if (!value) return DEFAULT_LANGUAGE;
  const match = listLanguages().find((l) => l.code === value || l.name.toLowerCase() === value
    || l.name.toLowerCase().startsWith(`${value} `) || l.aliases.includes(value));
  return match?.code;
}
