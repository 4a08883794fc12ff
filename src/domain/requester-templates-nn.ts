import type { TaskType } from './language';
import { daysOfFacts, lastDayOf, requestText, shortDateText as shortDate, taskCountOf, whenText, type RequestFacts } from './request-facts';
import type { RequesterTemplates } from './requester-templates';

/**
 * What a requester who writes nynorsk is told (the intake reads the language from their first
 * text). Kept beside the templates, not in src/domain/languages/: that folder holds the volunteer
 * languages, each a full set of offers and reply words. GSM-7 like the bokmål texts.
 */

const requestLabel: Record<TaskType, string> = {
  shopping: 'handlehjelp', escort: 'følgje', visit: 'besøk', walk: 'tur', practical: 'praktisk hjelp', other: 'hjelp',
};
const request = (f: RequestFacts) => requestText(f, requestLabel[f.type], 'nn');
const dayOf = (date: string) => whenText({ date, time: null }, 'nn');
const many = (f: RequestFacts) => (taskCountOf(f) > 1 ? `${taskCountOf(f)} oppdrag: ` : '');
const oneDayHint = (f: RequestFacts) => (taskCountOf(f) > 1 ? `, eller AVBRYT ${f.ref} ${lastDayOf(f)} for éin dag` : '');

export const nynorskRequesterTemplates: RequesterTemplates = {
  summary: ({ facts }) => `Motteke ${facts.ref}: ${many(facts)}${request(facts)}. Svar OK for å sende ut, eller skriv det som skal rettast.`,
  not_understood: ({ ref }) => `Det forstod eg ikkje. Svar OK for å sende ut ${ref}, eller skriv det som skal rettast, t.d. "kl 15" eller "fredag". AVBRYT ${ref} stoppar bestillinga.`,
  sent: ({ facts }) => `${facts.ref} er sendt ut til frivillige${taskCountOf(facts) > 1 ? ` (${taskCountOf(facts)} oppdrag)` : ''}. De får SMS når nokon har sagt ja. Svar AVBRYT ${facts.ref} for å avlyse${oneDayHint(facts)}.`,
  assigned: ({ facts, firstName, doorstepWord }) =>
    `${facts.ref}: ${firstName} kjem (${request(facts)}).${doorstepWord ? ` Dørord: ${doorstepWord}. ${firstName} seier det ved døra.` : ''} Svar AVBRYT ${facts.ref} for å avlyse.`,
  replaced: ({ facts, firstName, doorstepWord }) =>
    `${facts.ref}: Den frivillige kunne ikkje likevel. No kjem ${firstName} i staden (${request(facts)}).${doorstepWord ? ` Dørordet er det same: ${doorstepWord}.` : ''}`,
  unfilled: ({ facts }) => `${facts.ref}: Vi fann dessverre ingen frivillig til ${request(facts)}. Ein koordinator er varsla.`,
  unfilled_after_cancel: ({ facts }) => `${facts.ref}: Den frivillige kunne ikkje likevel, og vi fann ingen ny til ${request(facts)}. Ein koordinator er varsla og tek kontakt.`,
  cancelled: ({ ref, hadVolunteer, day }) => `${ref}${day ? ` ${dayOf(day)}` : ''} er avlyst.${hadVolunteer ? ' Den frivillige er varsla.' : ''}`,
  cancel_day_unknown: ({ facts }) => `${facts.ref} gjeld ${daysOfFacts(facts).map((d) => dayOf(d.date)).join(' og ')}. Skriv AVBRYT ${facts.ref} for alle, eller AVBRYT ${facts.ref} ${shortDate(daysOfFacts(facts)[0]!.date)} for éin dag.`,
  cancel_unknown: ({ ref }) => (ref ? `Fann inga aktiv bestilling K${ref} frå dette nummeret.` : 'Det er inga bestilling å avbryte. Skriv AVBRYT og referansen, t.d. AVBRYT K7.'),
  abandoned: () => 'Bestillinga er stoppa. Send ei ny melding når de treng hjelp.',
  expired: ({ ref }) => `${ref} vart ikkje fullført. Ein koordinator ser på ho og tek kontakt.`,
  forwarded: () => 'Takk for meldinga. Ho er send vidare til ein koordinator, som tek kontakt.',
  // The coordinator reads bokmål whatever the home wrote; requester-templates.ts always asks for 'nb'.
  coordinator_urgent: ({ requesterName, ref }) => `Haster: ${requesterName} ber om hjelp nå eller innen to timer (${ref}). Se Innboks og oppdragene.`,
};
