import type { VolunteerCommand } from '../volunteer-commands';

/**
 * What the volunteer has open when the reply arrives. It decides what a negative means: with a
 * live offer it declines the offer; with only accepted tasks ahead it gives one back; with neither
 * a person reads it.
 */
export type ReadingContextKind = 'offer' | 'accepted' | 'none';

export interface ReadingContext {
  kind: ReadingContextKind;
  /** The volunteer's language: a word with two meanings is read in it (see resolveMeaning). */
  language?: string;
  /**
   * The live offer's day in Oslo, relative to the reply: a yes that names another day («ja, på
   * fredag») is no plain yes. Without it any day named beside a yes goes to a person.
   */
  offerDay?: OfferDay;
}

export interface OfferDay {
  weekday: number; // 1 = Monday … 7 = Sunday
  day: number;
  month: number;
  isToday: boolean;
  isTomorrow: boolean;
}

export type ReplyReadingIntent =
  | 'accept'
  | 'accept_with_question'
  | 'decline'
  | 'withdraw'
  | 'opt_out'
  | 'opt_in'
  | 'help_question'
  | 'command'
  | 'unclear';

/** A day the volunteer named, to pick which accepted task they give back. */
export type NamedDay =
  | { kind: 'weekday'; weekday: number } // 1 = Monday … 7 = Sunday
  | { kind: 'today' }
  | { kind: 'tomorrow' }
  | { kind: 'date'; day: number; month: number };

export interface ReplyReading {
  intent: ReplyReadingIntent;
  /** Which words decided, as `kind:«words»` (and a few rule names such as `question`), in reading order. */
  evidence: string[];
  /** For 'command': the keyword as parsed. */
  command?: VolunteerCommand;
  /** For 'withdraw': the day named in the text, if any. */
  day?: NamedDay;
  /** For 'accept_with_question': the question, as written. */
  question?: string;
  /** For 'decline': what followed the answer («men på fredag går det»), for a coordinator. */
  note?: string;
}
