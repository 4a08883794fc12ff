import type { InboxMessage } from '../../../db/inbox.repo';
import { formatPhone } from './format-phone';

/** Why a message is in the inbox, as a coordinator reads it. */
const CLASSIFICATION_LABELS: Record<string, string> = {
  unknown_sender: 'Ukjent avsender',
  media: 'Bilde eller vedlegg (MMS)',
  // Issue 11: requesters (nursing homes). An expired draft's label is what was read so far.
  unknown_request: 'Bestilling fra ukjent nummer (ikke lagt inn)',
  'request:not_a_request': 'Fra bestiller, ikke en bestilling',
  'request:not_understood': 'Bestiller: rettelse ikke forstått',
  'request:cancel_unknown': 'Bestiller: avbestilling uten aktiv bestilling',
  voicemail: 'Talemelding',
  // A message the service failed to handle again and again: nothing was done with it.
  handling_failed: 'Kunne ikke behandles automatisk – ingenting er gjort med den',
  unclear: 'Uklart svar',
  yes: 'Ja', no: 'Nei', stop: 'Stopp', start: 'Start', withdraw: 'Gir fra seg oppdrag', help_question: 'Spørsmål om hvem vi er',
};

export function classificationLabel(classification: string | null): string {
  return classification ? CLASSIFICATION_LABELS[classification] ?? classification : 'Ikke tolket';
}

/** The volunteer's name when the number is known, else the number itself. */
export function senderLabel(m: Pick<InboxMessage, 'volunteerName' | 'fromPhone'> & Partial<Pick<InboxMessage, 'requesterName'>>): string {
  return m.volunteerName ?? m.requesterName ?? formatPhone(m.fromPhone);
}
