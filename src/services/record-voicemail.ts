import { findRequesterByPhone } from '../db/requester.repo';
import { findVolunteerByPhone } from '../db/volunteer.repo';
import type { ServiceContext } from './context';

export interface Voicemail { recordingSid: string; recordingUrl: string; seconds: number; from: string; to: string }

/** Twilio's recording, as its status callback names it: our account's, under api.twilio.com. */
export const RECORDING_PATH = /^\/2010-04-01\/Accounts\/AC[0-9a-fA-F]{32}\/Recordings\/RE[0-9a-fA-F]{32}$/;

/**
 * A voicemail left on the service number becomes an Innboks item (an inbound message of kind
 * `voicemail`) with the caller, the length and the recording's link, once per RecordingSid: a
 * repeated callback adds nothing. A message without a word (0 seconds) is not kept.
 */
export async function recordVoicemail(ctx: ServiceContext, v: Voicemail): Promise<'created' | 'duplicate' | 'empty'> {
  if (v.seconds <= 0) return 'empty';
  const now = ctx.now();
  const volunteer = await findVolunteerByPhone(ctx.db, v.from);
  const requester = volunteer ? undefined : await findRequesterByPhone(ctx.db, v.from);
  const row = await ctx.db.insertInto('message').values({
    direction: 'inbound', twilio_sid: v.recordingSid, from_phone: v.from || 'ukjent', to_phone: v.to || ctx.settings.serviceNumber,
    body: `Talemelding, ${v.seconds} s.`, kind: 'voicemail', status: 'processed', classification: 'voicemail', needs_attention: true,
    processed_at: now, volunteer_id: volunteer?.id ?? null, requester_id: requester?.id ?? null,
    recording_url: v.recordingUrl, recording_seconds: v.seconds, created_at: now, updated_at: now,
  }).onConflict((oc) => oc.column('twilio_sid').doNothing()).returning('id').executeTakeFirst();
  if (row) ctx.log.info({ messageId: row.id, seconds: v.seconds }, 'voicemail in Innboks');
  return row ? 'created' : 'duplicate';
}
