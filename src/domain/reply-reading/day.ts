import { LANGUAGES } from '../languages/index';
import { keyOf } from './lexicon';
import type { NamedDay, OfferDay } from './types';

interface DayWord {
  tokens: string[];
  day: NamedDay;
}

const DAY_WORDS: readonly DayWord[] = LANGUAGES.flatMap(({ readingWords: w }) => [
  ...w.weekdays.flatMap((forms, i) => forms.map((f) => ({ tokens: keyOf(f), day: { kind: 'weekday', weekday: i + 1 } as NamedDay }))),
  ...w.today.map((f) => ({ tokens: keyOf(f), day: { kind: 'today' } as NamedDay })),
  ...w.tomorrow.map((f) => ({ tokens: keyOf(f), day: { kind: 'tomorrow' } as NamedDay })),
]).sort((a, b) => b.tokens.length - a.tokens.length);

// «10.2», «10/2», «10. feb» is left to a person: only day.month in digits.
const DAY_MONTH = /(?:^|\s)(\d{1,2})[./](\d{1,2})(?=\.?(?:\s|$|[,!?]))/;

/**
 * The day a reply names («på torsdag», «i morgen», «10.2»), if exactly one is named. Two different
 * days («torsdag eller fredag») name none: a person or a question settles it.
 */
export function findNamedDay(text: string, words: readonly string[]): NamedDay | undefined {
  const found: NamedDay[] = [];
  for (let i = 0; i < words.length; i++) {
    const match = DAY_WORDS.find((d) => d.tokens.every((t, k) => words[i + k] === t));
    if (match) {
      found.push(match.day);
      i += match.tokens.length - 1;
    }
  }
  const date = DAY_MONTH.exec(text);
  if (date) {
    const day = Number(date[1]);
    const month = Number(date[2]);
    if (day >= 1 && day <= 31 && month >= 1 && month <= 12) found.push({ kind: 'date', day, month });
  }
  const distinct = [...new Map(found.map((d) => [JSON.stringify(d), d])).values()];
  return distinct.length === 1 ? distinct[0] : undefined;
}

/** Whether a day named in a reply is the offer's day. */
export function isOfferDay(named: NamedDay, offer: OfferDay | undefined): boolean {
  if (!offer) return false;
  switch (named.kind) {
    case 'weekday': return named.weekday === offer.weekday;
    case 'today': return offer.isToday;
    case 'tomorrow': return offer.isTomorrow;
    case 'date': return named.day === offer.day && named.month === offer.month;
  }
}
