import { parseIntake } from '../domain/intake';
import { renderText } from '../domain/messages';
import { requesterText } from '../domain/requester-templates';
import type { MessageRow } from '../db/schema';

/**
 * What an unknown number is answered. A text that reads as a request gets a polite word, in its
 * language, that a coordinator has it (it waits in Innboks; an unknown number never makes a task);
 * anything else gets the usual «unknown sender» text.
 */
export function unknownSenderReply(message: MessageRow, coordinatorPhone: string | undefined): { classification: string; body: string; kind: string } {
  const intake = parseIntake(message.body, message.created_at);
  if (intake.isRequest) return { classification: 'unknown_request', body: requesterText(intake.language, 'forwarded'), kind: 'request_forwarded' };
  return { classification: 'unknown_sender', body: renderText('nb', 'unknown_sender', { coordinatorPhone }), kind: 'unknown_sender' };
}
