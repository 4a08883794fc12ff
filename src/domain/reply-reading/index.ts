export { readReply } from './read-reply';
export type { NamedDay, OfferDay, ReadingContext, ReadingContextKind, ReplyReading, ReplyReadingIntent } from './types';
export { pickWithdrawal, toOfferDay } from './withdrawal';
