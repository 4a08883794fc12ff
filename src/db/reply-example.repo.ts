import type { Queryable } from './database';
import type { ReplyLabel } from './schema';

/** A reply a coordinator read in Innboks, for the evaluation set. */
export interface ReplyExample {
  messageId: string;
  body: string;
  language: string;
  /** The context the reply was read in; 'none' for messages read before readings were stored. */
  context: 'offer' | 'accepted' | 'none';
  label: ReplyLabel;
  labelledAt: Date;
}

/** Oldest first; messages whose body retention erased are left out (nothing left to learn from). */
export async function listReplyExamples(db: Queryable): Promise<ReplyExample[]> {
  const rows = await db.selectFrom('message as m').innerJoin('volunteer as v', 'v.id', 'm.volunteer_id')
    .select(['m.id', 'm.body', 'm.reading', 'm.reading_label', 'm.reading_labelled_at', 'v.language'])
    .where('m.direction', '=', 'inbound').where('m.reading_label', 'is not', null).where('m.body_erased_at', 'is', null)
    .orderBy('m.reading_labelled_at').orderBy('m.id').execute();
  return rows.map((r) => ({
    messageId: r.id, body: r.body, language: r.language, context: r.reading?.context ?? 'none',
    label: r.reading_label as ReplyLabel, labelledAt: r.reading_labelled_at as Date,
  }));
}
