import type { SmsKind } from './quiet-hours';

const BY_TEMPLATE: Readonly<Record<string, SmsKind>> = {
  offer: 'offer',
  reminder_day_before: 'reminder',
  reminder_two_hours: 'reminder',
  check_in_question: 'check_in',
  coordinator_unfilled: 'coordinator_alert',
  coordinator_deadline_alert: 'coordinator_alert',
  volunteer_cancelled_coordinator: 'coordinator_alert',
  coordinator_urgent_request: 'coordinator_alert',
  task_cancelled: 'cancellation',
  cancelled_by_coordinator: 'cancellation',
  // A new time or place: to whoever has the task at once (they may be leaving early in the morning),
  // like a cancellation; to someone only offered it, with the offers (their answer time waits anyway).
  task_changed: 'cancellation',
  offer_changed: 'offer',
  unassigned: 'cancellation',
};

/**
 * What an outbound SMS is for, from its template, which decides whether quiet hours hold it.
 * Anything not listed answers something a person just did (a reply, a confirmation, the details
 * after JA, a "taken" notice after someone else's JA) and goes at once.
 */
export function smsPurpose(template: string): SmsKind {
  return BY_TEMPLATE[template] ?? 'reply';
}
