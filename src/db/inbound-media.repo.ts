import type { Queryable } from './database';

/** One picture or file of an inbound MMS, as Twilio describes it. */
export interface InboundMedia {
  url: string;
  contentType: string;
}

/** Stores the media links of a newly stored inbound message, in the caller's transaction. */
export async function insertInboundMedia(db: Queryable, messageId: string, media: readonly InboundMedia[]): Promise<void> {
  if (media.length === 0) return;
  await db.insertInto('inbound_media')
    .values(media.map((m, position) => ({ message_id: messageId, position, url: m.url, content_type: m.contentType })))
    .execute();
}

/** The media links of many newly stored inbound messages in one statement (the batched webhook). */
export async function insertInboundMediaMany(db: Queryable, items: readonly { messageId: string; media: readonly InboundMedia[] }[]): Promise<void> {
  const values = items.flatMap(({ messageId, media }) => media.map((m, position) => ({ message_id: messageId, position, url: m.url, content_type: m.contentType })));
  if (values.length === 0) return;
  await db.insertInto('inbound_media').values(values).execute();
}

export async function listInboundMedia(db: Queryable, messageId: string): Promise<InboundMedia[]> {
  const rows = await db.selectFrom('inbound_media').select(['url', 'content_type']).where('message_id', '=', messageId).orderBy('position').execute();
  return rows.map((r) => ({ url: r.url, contentType: r.content_type }));
}
