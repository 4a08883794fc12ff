import { isSupportedLanguage, DEFAULT_LANGUAGE } from '../domain/messages';
import { normalizePhone } from '../domain/phone';
import { insertVolunteer, type Volunteer } from '../db/volunteer.repo';
import type { ServiceContext } from './context';

export interface VolunteerInput { name: string; phone: string; language?: string }

export type RegisterResult =
  | { ok: true; volunteer: Volunteer }
  | { ok: false; error: 'invalid_phone' | 'not_mobile' | 'duplicate' | 'unsupported_language' | 'missing_name'; field: string; message: string };

/** Adds a volunteer: the phone number is their identity, so it must be a valid mobile number and unique. */
export async function registerVolunteer(ctx: Pick<ServiceContext, 'db'>, input: VolunteerInput): Promise<RegisterResult> {
  const name = input.name.trim();
  if (!name) return { ok: false, error: 'missing_name', field: 'name', message: 'name is required' };
  const language = input.language ?? DEFAULT_LANGUAGE;
  if (!isSupportedLanguage(language)) {
    return { ok: false, error: 'unsupported_language', field: 'language', message: `language "${language}" is not supported` };
  }
  const phone = normalizePhone(input.phone, { requireMobile: true });
  if (!phone.ok) {
    return phone.reason === 'not_mobile'
      ? { ok: false, error: 'not_mobile', field: 'phone', message: 'phone is not a mobile number: offers go by SMS' }
      : { ok: false, error: 'invalid_phone', field: 'phone', message: 'phone is not a valid phone number' };
  }
  const volunteer = await insertVolunteer(ctx.db, { name, phone: phone.e164, language });
  if (!volunteer) return { ok: false, error: 'duplicate', field: 'phone', message: `a volunteer with phone ${phone.e164} already exists` };
  return { ok: true, volunteer };
}
