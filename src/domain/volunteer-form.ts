import { DateTime } from 'luxon';
import { parseAvailability } from './availability-text';
import { parseContactPreference, type ContactPreference } from './contact-preference';
import type { AvailabilityWindow } from './matching';
import { checkVolunteerIdentity, splitAreas, TASK_TYPES, type VolunteerProfile } from './volunteer';

/**
 * A volunteer's details as a coordinator types them: in the admin form, or as the cells of one row
 * of an imported CSV file. The same rules check both.
 */
export interface VolunteerForm {
  name: string;
  phone: string;
  language: string;
  /** sms, call or sms_then_call (or a word for one, from a CSV cell); blank or absent means sms. */
  contactPreference?: string;
  taskTypes: string[];
  areas: string;
  notes: string;
  agreementSignedOn: string;
  confidentialitySignedOn: string;
  policeCertificateOn: string;
  trainingOn: string;
  pausedUntil: string;
  /** "man–fre 09–15, lør 10–13"; empty means any time. */
  availability: string;
  /** Blank means no limit. */
  maxTasksPerWeek: string;
}

export type VolunteerFormField = keyof VolunteerForm;
export type VolunteerFormProblem =
  | 'missing_name' | 'invalid_phone' | 'not_mobile' | 'landline_needs_call' | 'invalid_contact_preference' | 'duplicate' | 'requester_phone' | 'unsupported_language'
  | 'unknown_task_type' | 'invalid_date' | 'too_long' | 'invalid_availability' | 'invalid_weekly_limit';
export type VolunteerFormErrors = Partial<Record<VolunteerFormField, VolunteerFormProblem>>;

/** A volunteer as the form describes them, checked and normalized: ready to store. */
export interface CheckedVolunteer extends VolunteerProfile {
  name: string;
  phone: string; // E.164
  language: string;
  contactPreference: ContactPreference;
  availability: AvailabilityWindow[];
  maxTasksPerWeek: number | null;
}

export type VolunteerFormCheck = { ok: true; volunteer: CheckedVolunteer } | { ok: false; errors: VolunteerFormErrors };

export const DATE_FIELDS = ['agreementSignedOn', 'confidentialitySignedOn', 'policeCertificateOn', 'trainingOn', 'pausedUntil'] as const;
const MAX_NAME = 200;
const MAX_NOTES = 5000;
const MAX_AREAS = 500;

/** Checks the whole form at once, so every problem is shown next to its field in one round. */
export function checkVolunteerForm(form: VolunteerForm): VolunteerFormCheck {
  const errors: VolunteerFormErrors = {};
  // A word from a CSV cell ('Ring') becomes its code; one that names nothing is reported as such.
  const contactPreference = parseContactPreference(form.contactPreference ?? '') ?? form.contactPreference;
  const identity = checkVolunteerIdentity({ ...form, contactPreference });
  if (!identity.ok) for (const p of identity.problems) errors[p.field] = p.code;
  if (form.name.length > MAX_NAME) errors.name = 'too_long';
  if (form.notes.length > MAX_NOTES) errors.notes = 'too_long';
  if (form.areas.length > MAX_AREAS) errors.areas = 'too_long';
  const taskTypes = form.taskTypes.filter((t, i, all) => all.indexOf(t) === i);
  if (taskTypes.some((t) => !(TASK_TYPES as readonly string[]).includes(t))) errors.taskTypes = 'unknown_task_type';
  const dates: Partial<Record<(typeof DATE_FIELDS)[number], string | null>> = {};
  for (const field of DATE_FIELDS) {
    const day = parseDay(form[field]);
    if (day === undefined) errors[field] = 'invalid_date';
    else dates[field] = day;
  }
  const availability = parseAvailability(form.availability);
  if (!availability.ok) errors.availability = 'invalid_availability';
  const limit = form.maxTasksPerWeek.trim();
  const maxTasksPerWeek = limit === '' ? null : /^\d{1,2}$/.test(limit) && Number(limit) >= 1 && Number(limit) <= 14 ? Number(limit) : undefined;
  if (maxTasksPerWeek === undefined) errors.maxTasksPerWeek = 'invalid_weekly_limit';
  if (!identity.ok || !availability.ok || maxTasksPerWeek === undefined || Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    volunteer: {
      name: identity.name, phone: identity.phone, language: identity.language, contactPreference: identity.contactPreference,
      taskTypes, areas: splitAreas(form.areas), notes: form.notes.trim(),
      agreementSignedOn: dates.agreementSignedOn ?? null,
      confidentialitySignedOn: dates.confidentialitySignedOn ?? null,
      policeCertificateOn: dates.policeCertificateOn ?? null,
      trainingOn: dates.trainingOn ?? null,
      pausedUntil: dates.pausedUntil ?? null,
      availability: availability.windows,
      maxTasksPerWeek,
    },
  };
}

/**
 * A calendar day as 'YYYY-MM-DD': null when blank, undefined when it is not a real date. Takes what
 * a date picker sends (2026-12-03) and what people type without one (3.12.2026).
 */
export function parseDay(text: string): string | null | undefined {
  const value = text.trim();
  if (!value) return null;
  for (const format of ['yyyy-MM-dd', 'd.M.yyyy']) {
    const day = DateTime.fromFormat(value, format, { zone: 'utc' });
    if (day.isValid && day.year >= 1900 && day.year <= 2100) return day.toISODate() ?? undefined;
  }
  return undefined;
}
