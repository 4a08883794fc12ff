export { readReply } from './read-reply';
export type { NamedDay, ReadingContext, ReadingContextKind, ReplyReading, ReplyReadingIntent } from './types';
