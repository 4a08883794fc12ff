import type { Actor } from '../domain/access';
import { checkVolunteerIdentity } from '../domain/volunteer';
import { checkVolunteerForm, type VolunteerForm, type VolunteerFormErrors } from '../domain/volunteer-form';
import { insertAuditEvent } from '../db/audit.repo';
import { inTransaction } from '../db/transaction';
import { findRequesterByPhone } from '../db/requester.repo';
import { insertVolunteer, type Volunteer, type VolunteerProfile, type VolunteerSchedule } from '../db/volunteer.repo';
import type { ServiceContext } from './context';

export interface VolunteerInput extends Partial<VolunteerProfile>, Partial<VolunteerSchedule> { name: string; phone: string; language?: string; contactPreference?: string }

export type RegisterResult =
  | { ok: true; volunteer: Volunteer }
  | { ok: false; error: 'invalid_phone' | 'not_mobile' | 'landline_needs_call' | 'invalid_contact_preference' | 'duplicate' | 'requester_phone' | 'unsupported_language' | 'missing_name'; field: string; message: string };

const API_MESSAGES = {
  missing_name: 'name is required',
  unsupported_language: (language: string) => `language "${language}" is not supported`,
  not_mobile: 'phone is not a mobile number or a landline: offers go by SMS or by a call',
  landline_needs_call: 'phone is a landline, which cannot take SMS: set contactPreference to "call"',
  invalid_contact_preference: 'contactPreference must be "sms", "call" or "sms_then_call"',
  invalid_phone: 'phone is not a valid phone number',
} as const;

/** Adds a volunteer: the phone number is their identity, so it must be a valid mobile number and unique. */
export async function registerVolunteer(ctx: Pick<ServiceContext, 'db'>, input: VolunteerInput): Promise<RegisterResult> {
  const identity = checkVolunteerIdentity(input);
  if (!identity.ok) {
    const first = identity.problems[0]!; // name, then language, then phone: the order the API always reported
    const message = first.code === 'unsupported_language' ? API_MESSAGES.unsupported_language(input.language ?? '') : API_MESSAGES[first.code];
    return { ok: false, error: first.code, field: first.field, message };
  }
  const requester = await findRequesterByPhone(ctx.db, identity.phone);
  if (requester) return { ok: false, error: 'requester_phone', field: 'phone', message: requesterPhoneMessage(identity.phone, requester.name) };
  const volunteer = await insertVolunteer(ctx.db, { ...input, name: identity.name, phone: identity.phone, language: identity.language, contactPreference: identity.contactPreference });
  if (!volunteer) return { ok: false, error: 'duplicate', field: 'phone', message: `a volunteer with phone ${identity.phone} already exists` };
  return { ok: true, volunteer };
}

/**
 * A requester's number (a nursing home ordering by SMS) cannot also be a volunteer's: an SMS from it
 * must mean one thing. Norwegian, naming the requester, for the API too: it is read by coordinators.
 */
function requesterPhoneMessage(phone: string, requesterName: string): string {
  return `Nummeret ${phone} tilhører bestilleren «${requesterName}» og kan ikke også være en frivilligs nummer.`;
}

// The coordinators' form (create here, edit in update-volunteer.ts); its rules are in domain/volunteer-form.ts.
/** `requesterName`: whose number it is, when the problem is `requester_phone`. */
export type SaveVolunteerResult = { ok: true; volunteer: Volunteer } | { ok: false; errors: VolunteerFormErrors; requesterName?: string };

/** A coordinator adds a volunteer through the form; the audit log records who. */
export async function registerVolunteerFromForm(ctx: Pick<ServiceContext, 'db' | 'now'>, actor: Actor, form: VolunteerForm): Promise<SaveVolunteerResult> {
  const checked = checkVolunteerForm(form);
  if (!checked.ok) return checked;
  return inTransaction(ctx.db, async (trx) => {
    const requester = await findRequesterByPhone(trx, checked.volunteer.phone);
    if (requester) return { ok: false, errors: { phone: 'requester_phone' }, requesterName: requester.name };
    const volunteer = await insertVolunteer(trx, checked.volunteer);
    if (!volunteer) return { ok: false, errors: { phone: 'duplicate' } };
    await insertAuditEvent(trx, actor, { action: 'volunteer_created', subjectType: 'volunteer', subjectId: volunteer.id, detail: { name: volunteer.name } }, ctx.now());
    return { ok: true, volunteer };
  });
}
