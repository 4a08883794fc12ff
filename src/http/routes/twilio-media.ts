import type { InboundMedia } from '../../db/inbound-media.repo';

const MAX_MEDIA = 10; // Twilio's own limit per MMS

/**
 * The media of an inbound MMS from Twilio's fields: NumMedia, then MediaUrlN and MediaContentTypeN
 * for each N below it. Lenient, like Twilio's docs ask (fields may be added or missing): a count that
 * is not a number means none, and a link that is not http(s) is left out.
 */
export function readTwilioMedia(body: Record<string, unknown>): InboundMedia[] {
  const count = Math.min(MAX_MEDIA, Number.parseInt(String(body.NumMedia ?? '0'), 10) || 0);
  const media: InboundMedia[] = [];
  for (let i = 0; i < count; i++) {
    const url = body[`MediaUrl${i}`];
    const type = body[`MediaContentType${i}`];
    if (typeof url !== 'string' || url.length > 2000 || !/^https?:\/\//i.test(url)) continue;
    media.push({ url, contentType: typeof type === 'string' && type ? type.slice(0, 200) : 'application/octet-stream' });
  }
  return media;
}
