import { DateTime } from 'luxon';
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import type { Volunteer } from '../../../db/volunteer.repo';
import { languageLabel, OSLO } from '../../../domain/messages';
import { type CsvFileError, type RowProblem } from '../../../domain/volunteer-csv';
import { TASK_TYPES } from '../../../domain/volunteer';
import type { VolunteerFormProblem } from '../../../domain/volunteer-form';
import { TASK_TYPE_LABELS } from '../format';

/** What a coordinator reads next to a form field. */
export const FORM_PROBLEM_TEXT: Record<VolunteerFormProblem, string> = {
  missing_name: 'Skriv navnet til den frivillige.',
  invalid_phone: 'Ugyldig nummer. Skriv et mobilnummer, for eksempel 412 34 567 eller +47 412 34 567.',
  not_mobile: 'Dette er verken et mobilnummer eller en fasttelefon. Skriv et nummer tilbudene kan nå.',
  landline_needs_call: 'Dette er en fasttelefon, som ikke kan få SMS. Velg «Ring» under «Tilbud på».',
  invalid_contact_preference: 'Velg SMS, Ring eller SMS, så ring.',
  duplicate: 'Det finnes allerede en frivillig med dette nummeret.',
  requester_phone: 'Nummeret tilhører en bestiller (et sykehjem eller en hjemmetjeneste som bestiller hjelp på SMS) og kan ikke også være en frivilligs nummer.',
  unsupported_language: 'Velg et språk fra listen.',
  unknown_task_type: 'Velg oppgaver fra listen.',
  invalid_date: 'Ugyldig dato. Skriv den som dd.mm.åååå, for eksempel 3.12.2026.',
  too_long: 'Teksten er for lang.',
  invalid_availability: 'Skriv dag og klokkeslett, for eksempel «man–fre 09–15, lør 10–13».',
  invalid_weekly_limit: 'Skriv et tall fra 1 til 14, eller la feltet stå tomt.',
};

/** Why an import row is skipped, in the words the preview uses. */
export const ROW_PROBLEM_TEXT: Record<RowProblem, string> = {
  missing_name: 'mangler navn',
  invalid_phone: 'ugyldig nummer',
  not_mobile: 'ikke et mobilnummer',
  landline_needs_call: 'fasttelefon: skriv «Ring» i kolonnen Kontakt',
  invalid_contact_preference: 'ukjent kontaktmåte (skriv SMS, Ring eller «SMS, så ring»)',
  duplicate_in_file: 'duplikat i filen',
  number_of_other_person: 'nummeret tilhører en annen frivillig',
  requester_phone: 'nummeret tilhører en bestiller', // with the requester named when known (import.ts)
  unsupported_language: 'ukjent språk',
  unknown_task_type: 'ukjent oppgavetype',
  invalid_date: 'ugyldig dato (skriv dd.mm.åååå)', // with the columns named when known (import.ts)
  invalid_availability: 'ugyldig tilgjengelighet (skriv for eksempel «man–fre 09–15»)',
  invalid_weekly_limit: 'maks per uke må være et tall fra 1 til 14',
  too_long: 'for lang tekst',
};

export function describeFileError(error: CsvFileError): string {
  switch (error.code) {
    case 'spreadsheet':
      return 'Dette er en Excel-fil, ikke en CSV-fil. Åpne den i Excel, velg Lagre som og filtypen «CSV UTF-8», og last opp den nye filen.';
    case 'empty':
      return 'Filen er tom.';
    case 'upload_gone':
      return 'Filen er ikke lagret lenger: den er importert allerede, eller det er over to timer siden den ble lastet opp. Velg filen på nytt.';
    case 'unreadable':
      return `Filen kunne ikke leses som CSV${error.line ? ` (se linje ${error.line})` : ''}. Lagre regnearket som «CSV UTF-8» i Excel og prøv igjen.`;
    case 'missing_columns': {
      const names = error.missing.map((c) => (c === 'name' ? 'navn' : 'telefon')).join(' og ');
      return `Fant ingen kolonne for ${names}. Første linje i filen må være overskrifter, for eksempel «Navn;Telefon».`;
    }
  }
}

/**
 * '+4741234567' → '+47 412 34 567', the way Norwegian mobile numbers are written (libphonenumber
 * groups them 41 23 45 67, like landlines); other numbers in libphonenumber's international format.
 */
export function formatPhone(e164: string): string {
  const norwegianMobile = /^\+47([49]\d{2})(\d{2})(\d{3})$/.exec(e164);
  if (norwegianMobile) return `+47 ${norwegianMobile.slice(1).join(' ')}`;
  return parsePhoneNumberFromString(e164)?.formatInternational() ?? e164;
}

/** Norwegian short month names, as ICU writes them for 'nb' (luxon's 'MMM'). */
const MONTHS_NB = ['jan.', 'feb.', 'mars', 'apr.', 'mai', 'juni', 'juli', 'aug.', 'sep.', 'okt.', 'nov.', 'des.'];

/**
 * A calendar day ('2026-12-03') as '3. des. 2026'. Read from the string rather than through luxon
 * and Intl: a preview page formats hundreds of them, at about 0.1 ms each that way.
 */
export function formatDay(day: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  const month = match && MONTHS_NB[Number(match[2]) - 1];
  if (!match || !month) return DateTime.fromISO(day, { zone: OSLO }).setLocale('nb').toFormat('d. MMM yyyy');
  return `${Number(match[3])}. ${month} ${match[1]}`;
}

/** Today's date in Oslo, 'YYYY-MM-DD', to compare with `pausedUntil`. */
export function todayInOslo(now: Date): string {
  return DateTime.fromJSDate(now, { zone: OSLO }).toISODate() ?? '';
}

export function formatLanguage(code: string): string {
  return languageLabel(code);
}

/** 'Handlehjelp, Følge', or 'Alle' when the volunteer takes every kind of task. */
export function formatTaskTypes(types: string[]): string {
  if (TASK_TYPES.every((t) => types.includes(t))) return 'Alle';
  return types.map((t) => TASK_TYPE_LABELS[t] ?? t).join(', ');
}

/** Meldt av (by SMS STOPP), Pause til … (until and including that day), or Aktiv. */
export function describeStatus(v: Pick<Volunteer, 'optedOut' | 'pausedUntil'>, today: string): { kind: 'opted_out' | 'paused' | 'active'; text: string } {
  if (v.optedOut) return { kind: 'opted_out', text: 'Meldt av' };
  if (v.pausedUntil && v.pausedUntil >= today) return { kind: 'paused', text: `Pause til ${formatDay(v.pausedUntil)}` };
  return { kind: 'active', text: 'Aktiv' };
}

/** The papers and training a volunteer may need, in the order the centre checks them. */
export const PAPERS: { field: 'agreementSignedOn' | 'confidentialitySignedOn' | 'policeCertificateOn' | 'trainingOn'; label: string; short: string }[] = [
  { field: 'agreementSignedOn', label: 'Avtale signert', short: 'Avtale' },
  { field: 'confidentialitySignedOn', label: 'Taushetserklæring signert', short: 'Taushetserklæring' },
  { field: 'policeCertificateOn', label: 'Politiattest', short: 'Politiattest' },
  { field: 'trainingOn', label: 'Opplæring gjennomført', short: 'Opplæring' },
];

export function formatCount(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}
