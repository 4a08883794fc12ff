import { normalizePhone } from './phone';

/** A requester as a form or the API gives it; phones in any form the volunteer API accepts. */
export interface RequesterDraftInput {
  name: string;
  unitId: string | null;
  phones: string[];
  contactName?: string | null;
  defaultPlace?: string | null;
}

export type RequesterFormErrors = Partial<Record<'name' | 'phones', string>>;

export type CheckedRequester =
  | { ok: true; requester: { name: string; unitId: string | null; phones: string[]; contactName: string | null; defaultPlace: string | null } }
  | { ok: false; errors: RequesterFormErrors };

const blankToNull = (s: string | null | undefined): string | null => (s && s.trim() ? s.trim() : null);

/**
 * Checks a requester: a name, and at least one number, each a valid mobile (answers go back by SMS),
 * stored E.164 and without repeats. Pure: whether a number is someone else's is the service's to ask.
 */
export function checkRequester(input: RequesterDraftInput): CheckedRequester {
  const errors: RequesterFormErrors = {};
  const name = input.name.trim();
  if (!name) errors.name = 'Navn må fylles ut.';
  const phones: string[] = [];
  for (const raw of input.phones.map((p) => p.trim()).filter((p) => p !== '')) {
    const n = normalizePhone(raw, { requireMobile: true });
    if (!n.ok) {
      errors.phones = n.reason === 'not_mobile' ? `${raw} er ikke et mobilnummer (svar går på SMS).` : `${raw} er ikke et gyldig telefonnummer.`;
      break;
    }
    if (!phones.includes(n.e164)) phones.push(n.e164);
  }
  if (!errors.phones && phones.length === 0) errors.phones = 'Minst ett telefonnummer.';
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, requester: { name, unitId: input.unitId, phones: phones.sort(), contactName: blankToNull(input.contactName), defaultPlace: blankToNull(input.defaultPlace) } };
}
