import type { Actor } from '../domain/access';
import { insertAuditEvent } from '../db/audit.repo';
import { inTransaction } from '../db/transaction';
import { isDuplicatePhoneError, lockVolunteer, saveVolunteerDetails, type Volunteer } from '../db/volunteer.repo';
import type { ServiceContext } from './context';
import { checkVolunteerForm, type VolunteerForm } from '../domain/volunteer-form';
import type { SaveVolunteerResult } from './register-volunteer';

export type UpdateVolunteerResult = SaveVolunteerResult | { ok: false; notFound: true };

// Compared to tell the audit log which fields an edit changed (names only: values are personal data).
const EDITABLE: (keyof Volunteer)[] = [
  'name', 'phone', 'language', 'contactPreference', 'taskTypes', 'areas', 'notes',
  'agreementSignedOn', 'confidentialitySignedOn', 'policeCertificateOn', 'trainingOn', 'pausedUntil', 'availability', 'maxTasksPerWeek',
];

/**
 * A coordinator edits a volunteer with the same rules as when adding one. Opting in or out is not
 * here on purpose: only the volunteer decides that, by SMS.
 */
export async function updateVolunteer(ctx: Pick<ServiceContext, 'db' | 'now'>, actor: Actor, id: string, form: VolunteerForm): Promise<UpdateVolunteerResult> {
  const checked = checkVolunteerForm(form);
  if (!checked.ok) return checked;
  try {
    return await inTransaction(ctx.db, async (trx): Promise<UpdateVolunteerResult> => {
      const before = await lockVolunteer(trx, id);
      if (!before || before.erasedAt) return { ok: false, notFound: true }; // nothing left to edit once erased
      const after = await saveVolunteerDetails(trx, id, checked.volunteer, ctx.now());
      if (!after) return { ok: false, notFound: true };
      const changed = EDITABLE.filter((field) => JSON.stringify(before[field]) !== JSON.stringify(after[field]));
      await insertAuditEvent(trx, actor, { action: 'volunteer_updated', subjectType: 'volunteer', subjectId: id, detail: { changed } }, ctx.now());
      return { ok: true, volunteer: after };
    });
  } catch (err) {
    // Another volunteer has this number: the unique index decides, so two edits cannot both win.
    if (isDuplicatePhoneError(err)) return { ok: false, errors: { phone: 'duplicate' } };
    throw err;
  }
}
