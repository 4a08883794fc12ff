import { DateTime } from 'luxon';
import type { DateAsk } from './dates';
import type { IntakeLanguage } from './language';
import type { TimeAsk } from './times';

/**
 * The question sent back for each missing field, one at a time, with an example answer
 * («Hvilken dag? Svar f.eks. fredag 4.12»). The reason comes first, so the requester sees why
 * we ask instead of guessing. In the requester's language: bokmål, nynorsk or English.
 */

export type IntakeField = 'date' | 'time' | 'place';
export type AskReason = DateAsk | TimeAsk | 'no_place';

export interface IntakeQuestion { field: IntakeField; reason: AskReason; text: string }

type Texts = Record<AskReason, (c: Context) => string>;
interface Context { candidates: string[]; example: DateTime; appointment: string | null; language: IntakeLanguage }

const LOCALE: Record<IntakeLanguage, string> = { nb: 'nb', nn: 'nn', en: 'en-GB' };
const day = (iso: string, lang: IntakeLanguage) => DateTime.fromISO(iso).setLocale(LOCALE[lang]).toFormat(lang === 'en' ? 'ccc d LLL' : 'cccc d.M');
const choices = (c: Context, or: string) => c.candidates.map((d) => day(d, c.language)).join(` ${or} `);

const NB: Texts = {
  no_date: () => 'Hvilken dag gjelder det?',
  weekday_date_conflict: (c) => `Ukedagen og datoen stemmer ikke (${c.candidates.map((d) => day(d, 'nb')).join(', ')}). Hvilken dag gjelder det?`,
  tomorrow_weekday_conflict: (c) => `«I morgen» er ${day(c.candidates[0]!, 'nb')}, men ukedagen er en annen. Hvilken dag gjelder det?`,
  tomorrow_after_midnight: (c) => `Mener du ${choices(c, 'eller')}?`,
  ambiguous_next_weekday: (c) => `Mener du ${choices(c, 'eller')}?`,
  same_weekday_today: (c) => `Gjelder det i dag (${day(c.candidates[0]!, 'nb')}) eller om en uke?`,
  period: () => 'Hvilken dag passer best?',
  recurring: () => 'Vi setter opp ett oppdrag om gangen. Hvilken dag skal det første være?',
  alternatives: (c) => `Hvilken av dagene skal vi gå for${c.candidates.length > 0 ? ` (${choices(c, 'eller')})` : ''}?`,
  several_days: () => 'Meldingen nevner flere dager, men ikke helt klart hvilke. Hvilke dager gjelder det? Hver dag blir et eget oppdrag.',
  conflicting_dates: () => 'Meldingen nevner flere dager. Hvilken dag gjelder det?',
  past_date: () => 'Den datoen har vært. Hvilken dag gjelder det?',
  invalid_date: () => 'Den datoen finnes ikke. Hvilken dag gjelder det?',
  ambiguous_number: () => 'Er tallet en dato eller et klokkeslett?',
  no_time: () => 'Når skal den frivillige komme?',
  part_of_day: () => 'Hvilket klokkeslett skal den frivillige komme?',
  appointment_only: (c) => `Timen er kl. ${c.appointment}. Når skal den frivillige hente?`,
  deadline_only: () => 'Når skal den frivillige komme for å rekke det?',
  window: () => 'Hvilket klokkeslett skal den frivillige komme?',
  alternative_times: () => 'Hvilket av klokkeslettene?',
  conflicting_times: () => 'Meldingen har flere klokkeslett. Når skal den frivillige komme?',
  time_passed: () => 'Det klokkeslettet har vært i dag. Når skal den frivillige komme?',
  nonexistent_time: () => 'Det klokkeslettet finnes ikke den natten (sommertid). Når skal den frivillige komme?',
  no_place: () => 'Hvor skal dere?',
};

const EN: Texts = {
  no_date: () => 'Which day is it for?',
  weekday_date_conflict: () => 'The weekday and the date do not match. Which day is it for?',
  tomorrow_weekday_conflict: () => '«Tomorrow» and the weekday do not match. Which day is it for?',
  tomorrow_after_midnight: (c) => `Do you mean ${choices(c, 'or')}?`,
  ambiguous_next_weekday: (c) => `Do you mean ${choices(c, 'or')}?`,
  same_weekday_today: () => 'Is it today or in a week?',
  period: () => 'Which day suits best?',
  recurring: () => 'We set up one task at a time. Which day is the first?',
  alternatives: () => 'Which of the days shall we go for?',
  several_days: () => 'The message names several days, but not quite clearly which. Which days is it for? Each day becomes its own task.',
  conflicting_dates: () => 'The message names several days. Which day is it for?',
  past_date: () => 'That date has passed. Which day is it for?',
  invalid_date: () => 'That date does not exist. Which day is it for?',
  ambiguous_number: () => 'Is the number a date or a time?',
  no_time: () => 'What time should the volunteer come?',
  part_of_day: () => 'What time should the volunteer come?',
  appointment_only: (c) => `The appointment is at ${c.appointment}. When should the volunteer pick them up?`,
  deadline_only: () => 'When should the volunteer come to be in time?',
  window: () => 'What time should the volunteer come?',
  alternative_times: () => 'Which of the times?',
  conflicting_times: () => 'The message has several times. When should the volunteer come?',
  time_passed: () => 'That time has passed today. When should the volunteer come?',
  nonexistent_time: () => 'That time does not exist that night (summer time). When should the volunteer come?',
  no_place: () => 'Where are you going?',
};

const NN: Texts = {
  no_date: () => 'Kva dag gjeld det?',
  weekday_date_conflict: (c) => `Vekedagen og datoen stemmer ikkje (${c.candidates.map((d) => day(d, 'nn')).join(', ')}). Kva dag gjeld det?`,
  tomorrow_weekday_conflict: (c) => `«I morgon» er ${day(c.candidates[0]!, 'nn')}, men vekedagen er ein annan. Kva dag gjeld det?`,
  tomorrow_after_midnight: (c) => `Meiner du ${choices(c, 'eller')}?`,
  ambiguous_next_weekday: (c) => `Meiner du ${choices(c, 'eller')}?`,
  same_weekday_today: (c) => `Gjeld det i dag (${day(c.candidates[0]!, 'nn')}) eller om ei veke?`,
  period: () => 'Kva dag passar best?',
  recurring: () => 'Vi set opp eitt oppdrag om gongen. Kva dag skal det første vere?',
  alternatives: (c) => `Kva for ein av dagane skal vi gå for${c.candidates.length > 0 ? ` (${choices(c, 'eller')})` : ''}?`,
  several_days: () => 'Meldinga nemner fleire dagar, men ikkje heilt klart kva for nokre. Kva dagar gjeld det? Kvar dag blir eit eige oppdrag.',
  conflicting_dates: () => 'Meldinga nemner fleire dagar. Kva dag gjeld det?',
  past_date: () => 'Den datoen har vore. Kva dag gjeld det?',
  invalid_date: () => 'Den datoen finst ikkje. Kva dag gjeld det?',
  ambiguous_number: () => 'Er talet ein dato eller eit klokkeslett?',
  no_time: () => 'Når skal den frivillige kome?',
  part_of_day: () => 'Kva klokkeslett skal den frivillige kome?',
  appointment_only: (c) => `Timen er kl. ${c.appointment}. Når skal den frivillige hente?`,
  deadline_only: () => 'Når skal den frivillige kome for å rekke det?',
  window: () => 'Kva klokkeslett skal den frivillige kome?',
  alternative_times: () => 'Kva for eit av klokkesletta?',
  conflicting_times: () => 'Meldinga har fleire klokkeslett. Når skal den frivillige kome?',
  time_passed: () => 'Det klokkeslettet har vore i dag. Når skal den frivillige kome?',
  nonexistent_time: () => 'Det klokkeslettet finst ikkje den natta (sommartid). Når skal den frivillige kome?',
  no_place: () => 'Kvar skal de?',
};

const TEXTS: Record<IntakeLanguage, Texts> = { nb: NB, nn: NN, en: EN };
const FOR_EXAMPLE: Record<IntakeLanguage, string> = { nb: 'Svar f.eks.', nn: 'Svar t.d.', en: 'For example:' };

function example(field: IntakeField, c: Context): string {
  const lead = FOR_EXAMPLE[c.language];
  if (field === 'date') return ` ${lead} ${c.example.setLocale(LOCALE[c.language]).toFormat(c.language === 'en' ? 'cccc d LLL' : 'cccc d.M')}`;
  if (field === 'time') return c.language === 'en' ? ` ${lead} 14:30` : ` ${lead} kl 14:30`;
  return ` ${lead} Lørenskog legesenter`;
}

export function questionFor(field: IntakeField, reason: AskReason, c: Context): IntakeQuestion {
  const texts = TEXTS[c.language];
  return { field, reason, text: `${texts[reason](c)}${example(field, c)}` };
}
