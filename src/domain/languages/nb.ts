import type { DateTime } from 'luxon';
import { formatDuration, listTasks, type Language, type TaskFacts, type TaskType } from '../language';

/** Norwegian bokmål: the default language, and what coordinators read. */

const typeLabel: Record<TaskType, string> = {
  shopping: 'Handlehjelp',
  escort: 'Følge',
  visit: 'Besøk',
  walk: 'Tur',
  practical: 'Praktisk hjelp',
  other: 'Oppdrag',
};

const duration = (minutes: number) => formatDuration(minutes, { hours: 't', minutes: 'min' });
const when = (t: TaskFacts) => t.startsAt.setLocale('nb').toFormat("ccc d. MMM 'kl.' HH:mm");
const date = (d: DateTime) => d.setLocale('nb').toFormat('cccc d. MMMM');

/** "Handlehjelp tor. 3. des. kl. 10:00 (1 t), Kolbotn" */
const describe = (t: TaskFacts) => `${typeLabel[t.type]} ${when(t)} (${duration(t.durationMinutes)}), ${t.area}`;
const short = (t: TaskFacts) => `${typeLabel[t.type].toLowerCase()} ${when(t)}`;
const callUs = (phone?: string) => (phone ? ` Ring ${phone} ved spørsmål.` : '');

export const nb: Language = {
  code: 'nb',
  name: 'norsk bokmål',
  aliases: ['norsk', 'bokmål', 'norsk bokmål', 'norwegian', 'no', 'nob'],
  templates: {
    offer: ({ task, timeoutMinutes }) =>
      `Svarja: Kan du hjelpe? ${describe(task)}. ${task.summary} Svar JA eller NEI innen ${duration(timeoutMinutes)}.`,
    assigned: ({ task, details, coordinatorPhone }) =>
      `Takk! Oppdraget er ditt: ${describe(task)}. ${details}${callUs(coordinatorPhone)}`,
    taken: ({ task }) => `Takk for at du svarte! Oppdraget (${short(task)}) er allerede tatt av en annen frivillig.`,
    already_assigned: ({ task }) => `Oppdraget (${short(task)}) er allerede ditt. Takk!`,
    offer_withdrawn: ({ task }) => `Oppdraget (${short(task)}) trengs ikke lenger. Takk likevel!`,
    task_cancelled: ({ task }) => `Oppdraget ditt (${short(task)}) er avlyst. Takk for at du stilte opp!`,
    declined_thanks: () => 'Takk for svar! Vi spør noen andre.',
    hint_offer: () => 'Vi forstod ikke svaret. Svar JA for å ta oppdraget eller NEI om du ikke kan. En koordinator ser også på meldingen.',
    hint_general: () => 'Takk for meldingen! En koordinator ser på den. Svar STOPP om du ikke vil ha flere tilbud.',
    no_offer: () => 'Du har ingen åpne tilbud nå. Vi sender en SMS når noen trenger hjelp.',
    opted_out: () => 'Du er meldt av og får ingen flere tilbud fra Svarja. Send START for å melde deg på igjen.',
    opted_in: () => 'Velkommen tilbake! Du får tilbud fra Svarja igjen. Send STOPP for å melde deg av.',
    already_opted_in: () => 'Du er allerede påmeldt og får tilbud fra Svarja. Send STOPP for å melde deg av.',
    opted_out_reminder: () => 'Du er meldt av Svarja. Send START for å få tilbud igjen.',
    unknown_sender: ({ coordinatorPhone }) =>
      `Hei! Dette nummeret er ikke registrert hos Svarja. Meldingen er sendt videre til en koordinator.${callUs(coordinatorPhone)}`,
    coordinator_unfilled: ({ task, offersSent }) =>
      `Svarja: Oppdrag #${task.taskId} (${describe(task)}) fikk ingen frivillig etter ${offersSent} tilbud. Se admin-siden.`,
    paused_confirmed: ({ until }) => `Takk! Du får ingen tilbud fra Svarja før ${date(until)}.`,
    holiday_confirmed: ({ until }) => `God ferie! Du får ingen tilbud fra Svarja før ${date(until)}.`,
    max_per_week_confirmed: ({ count }) => `Greit! Du får høyst ${count} oppdrag i uka. Send MAKS 0 for å fjerne grensen.`,
    max_per_week_removed: () => 'Greit! Du har ikke lenger noen grense for oppdrag i uka.',
    help: ({ coordinatorPhone }) =>
      'Svarja: Svar JA eller NEI på tilbud. AVBRYT: si fra deg oppdraget. PAUSE 14: pause i 14 dager. ' +
      'FERIE 3.1: ferie til 3. januar. MAKS 2: høyst 2 oppdrag i uka. OPPDRAG: dine oppdrag. STOPP: meld deg av.' +
      callUs(coordinatorPhone),
    my_tasks: ({ tasks }) =>
      tasks.length === 0
        ? 'Du har ingen kommende oppdrag nå. Takk for at du er med!'
        : `Dine oppdrag: ${listTasks(tasks, (t) => `${typeLabel[t.type]} ${when(t)}, ${t.area}`, (n) => `og ${n} til`, { max: 3, separator: '; ' })}.`,
    usage_pause: () => 'Skriv PAUSE og antall dager (1-365), for eksempel PAUSE 14.',
    usage_holiday: () => 'Skriv FERIE og datoen ferien varer til, for eksempel FERIE 3.1 for 3. januar.',
    usage_max_per_week: () => 'Skriv MAKS og hvor mange oppdrag du vil ha i uka (1-14), for eksempel MAKS 2. MAKS 0 fjerner grensen.',
    cancel_confirmed: ({ task }) => `Takk for beskjed! Du er tatt av oppdraget (${short(task)}). Vi finner en annen.`,
    cancel_nothing_to_cancel: () => 'Du har ikke noe oppdrag å avbryte nå.',
    reminder_day_before: ({ task, details }) =>
      `Påminnelse: I morgen har du ${describe(task)}. ${details} Send AVBRYT om du ikke kan likevel.`,
    reminder_two_hours: ({ task, details }) => `Påminnelse: Om to timer har du ${describe(task)}. ${details}`,
    check_in_question: ({ task }) =>
      `Takk for innsatsen (${short(task)})! Gikk det bra? Svar 1 hvis alt gikk fint, 2 hvis noe bør følges opp.`,
    check_in_thanks_ok: () => 'Så fint! Takk for hjelpen.',
    check_in_thanks_follow_up: () => 'Takk for beskjed. En koordinator tar kontakt med deg.',
    volunteer_cancelled_coordinator: ({ task, volunteerName }) =>
      `Svarja: ${volunteerName} har avbrutt oppdrag #${task.taskId} (${describe(task)}). Se admin-siden.`,
    cancelled_by_coordinator: ({ task }) =>
      `Koordinatoren har avlyst oppdraget ditt (${short(task)}). Du trenger ikke møte opp. Takk likevel!`,
    coordinator_deadline_alert: ({ task, offersSent }) =>
      `Svarja: Oppdrag #${task.taskId} (${describe(task)}) starter snart og har ingen frivillig etter ${offersSent} tilbud. Se admin-siden.`,
  },
  replyWords: {
    // With common nynorsk and texting forms.
    yes: [
      'ja', 'ja takk', 'ja gjerne', 'ja da', 'jada', 'jaja', 'jepp', 'jepps', 'japp', 'jo', 'javisst', 'ja visst',
      'gjerne', 'kan gjerne', 'ok', 'okei', 'okey', 'greit', 'klart', 'selvfølgelig', 'selvsagt', 'absolutt',
      'det tar jeg', 'det kan jeg', 'jeg tar den', 'jeg tar det', 'ikke noe problem', 'ingen problem',
      '1', 'j',
    ],
    no: [
      'nei', 'nei takk', 'nei dessverre', 'dessverre', 'dessverre ikke', 'ikke', 'aldri',
      'kan ikke', 'jeg kan ikke', 'det kan jeg ikke', 'kan dessverre ikke', 'jeg kan dessverre ikke',
      'har ikke mulighet', 'rekker ikke', 'passer ikke', 'går ikke', 'det går ikke',
      '2',
    ],
    stop: ['stopp', 'stopp alt', 'stopp alle', 'avslutt', 'avmeld', 'meld av'],
    start: ['start', 'start igjen'],
    hedges: [
      'men', 'hvis', 'dersom', 'om jeg', 'forutsatt', 'kanskje', 'muligens', 'kun', 'etter', 'før', 'kl', 'klokka',
      'klokken', 'senere', 'seinere', 'tror', 'usikker', 'ikke sikker', 'vet ikke', 'jeg vet ikke', 'kommer an på',
      'avhenger', 'sannsynligvis', 'trolig',
    ],
    // `tak` is a typo of `takk` (thanks, no answer) from a Norwegian, but Polish for yes.
    falseFriends: ['tak'],
  },
  commandWords: {
    cancel: ['avbryt', 'avbryt oppdrag', 'avbryt oppdraget'],
    pause: ['pause'],
    holiday: ['ferie', 'ferie til'],
    maxPerWeek: ['maks', 'maks per uke'],
    help: ['hjelp'],
    myTasks: ['oppdrag', 'mine oppdrag'],
    days: ['dager', 'dag', 'd'],
  },
};
