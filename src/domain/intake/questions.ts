import { DateTime } from 'luxon';
import type { DateAsk } from './dates';
import type { IntakeLanguage } from './language';
import type { TimeAsk } from './times';

/**
 * The question sent back for each missing field, one at a time, with an example answer
 * («Hvilken dag? Svar f.eks. fredag 4.12»). The reason comes first, so the requester sees why
 * we ask instead of guessing. Bokmål for Norwegian (nynorsk readers read it fine), English for English.
 */

export type IntakeField = 'date' | 'time' | 'place';
export type AskReason = DateAsk | TimeAsk | 'no_place';

export interface IntakeQuestion { field: IntakeField; reason: AskReason; text: string }

type Texts = Record<AskReason, (c: Context) => string>;
interface Context { candidates: string[]; example: DateTime; appointment: string | null; language: IntakeLanguage }

const day = (iso: string, lang: IntakeLanguage) => DateTime.fromISO(iso).setLocale(lang === 'en' ? 'en-GB' : 'nb').toFormat(lang === 'en' ? 'ccc d LLL' : 'cccc d.M');
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

function example(field: IntakeField, c: Context): string {
  const en = c.language === 'en';
  if (field === 'date') return en ? ` For example: ${c.example.setLocale('en-GB').toFormat('cccc d LLL')}` : ` Svar f.eks. ${c.example.setLocale('nb').toFormat('cccc d.M')}`;
  if (field === 'time') return en ? ' For example: 14:30' : ' Svar f.eks. kl 14:30';
  return en ? ' For example: Lørenskog legesenter' : ' Svar f.eks. Lørenskog legesenter';
}

export function questionFor(field: IntakeField, reason: AskReason, c: Context): IntakeQuestion {
  const texts = c.language === 'en' ? EN : NB;
  return { field, reason, text: `${texts[reason](c)}${example(field, c)}` };
}
