import type { DateTime } from 'luxon';
import { formatDuration, listTasks, type Language, type TaskFacts, type TaskType } from '../language';
import { daysOfFacts, lastDayOf, requestText, shortDateText as shortDate, taskCountOf, whenText, type RequestFacts } from '../request-facts';
import type { RequesterTemplates } from '../requester-templates';

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
/** describe() without its own parentheses, for texts that put the task in parentheses. */
const describeInline = (t: TaskFacts) => `${typeLabel[t.type]} ${when(t)}, ${duration(t.durationMinutes)}, ${t.area}`;
const short = (t: TaskFacts) => `${typeLabel[t.type].toLowerCase()} ${when(t)}`;
/** What the caller is asked to do, as a phrase after «Kan du». */
const spokenTask: Record<TaskType, string> = {
  shopping: 'hjelpe en person med handling', escort: 'følge en person til legen', visit: 'besøke en person',
  walk: 'gå en tur med en person', practical: 'gi en person praktisk hjelp', other: 'hjelpe en person',
};
/** «fredag 4. desember klokken 14.30», as the voice should read it. */
const spokenWhen = (t: TaskFacts) => t.startsAt.setLocale('nb').toFormat("cccc d. MMMM 'klokken' HH.mm");
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
    offer_taken: ({ task }) => `Oppdraget (${short(task)}) er allerede tatt av en annen frivillig. Takk likevel!`,
    already_assigned: ({ task }) => `Oppdraget (${short(task)}) er allerede ditt. Takk!`,
    offer_withdrawn: ({ task }) => `Oppdraget (${short(task)}) trengs ikke lenger. Takk likevel!`,
    offer_closed_for_you: ({ task }) => `Tilbudet (${short(task)}) gjelder ikke lenger for deg. Du trenger ikke svare. Takk!`,
    task_cancelled: ({ task }) => `Oppdraget ditt (${short(task)}) er avlyst. Takk for at du stilte opp!`,
    declined_thanks: () => 'Takk for svar! Vi spør noen andre.',
    hint_offer: () => 'Vi forstod ikke svaret. Svar JA for å ta oppdraget eller NEI om du ikke kan. En koordinator ser også på meldingen.',
    hint_general: () => 'Takk for meldingen! En koordinator ser på den. Svar STOPP om du ikke vil ha flere tilbud.',
    media_not_read: () => 'Svarja leser bare tekst, ikke bilder eller vedlegg. Skriv svaret som en vanlig SMS, for eksempel JA eller NEI. En koordinator ser også på meldingen.',
    no_offer: () => 'Du har ingen åpne tilbud nå. Vi sender en SMS når noen trenger hjelp.',
    opted_out: () => 'Du er meldt av og får ingen flere tilbud fra Svarja. Send START for å melde deg på igjen.',
    opted_in: () => 'Velkommen tilbake! Du får tilbud fra Svarja igjen. Send STOPP for å melde deg av.',
    already_opted_in: () => 'Du er allerede påmeldt og får tilbud fra Svarja. Send STOPP for å melde deg av.',
    opted_out_reminder: () => 'Du er meldt av Svarja. Send START for å få tilbud igjen.',
    unknown_sender: ({ coordinatorPhone }) =>
      `Hei! Dette nummeret er ikke registrert hos Svarja. Meldingen er sendt videre til en koordinator.${callUs(coordinatorPhone)}`,
    coordinator_unfilled: ({ task, offersSent }) =>
      `Svarja: Oppdrag #${task.taskId} (${describeInline(task)}) fikk ingen frivillig etter ${offersSent} tilbud. Se admin-siden.`,
    paused_confirmed: ({ until }) => `Takk! Du får ingen tilbud fra Svarja før ${date(until)}.`,
    holiday_confirmed: ({ until }) => `God ferie! Du får ingen tilbud fra Svarja før ${date(until)}.`,
    max_per_week_confirmed: ({ count }) => `Greit! Du får høyst ${count} oppdrag i uka. Send MAKS 0 for å fjerne grensen.`,
    max_per_week_removed: () => 'Greit! Du har ikke lenger noen grense for oppdrag i uka.',
    help: ({ coordinatorPhone }) =>
      'Svarja: Svar JA eller NEI på tilbud. AVBRYT: si fra deg oppdraget. PAUSE 14: pause i 14 dager. ' +
      'FERIE 3.1: ferie til 3. januar. MAKS 2: høyst 2 oppdrag i uka. OPPDRAG: dine oppdrag. STOPP: meld deg av.' +
      callUs(coordinatorPhone),
    help_who: ({ centreName, centrePhone }) =>
      `Hei! Meldingen er fra ${centreName} (tlf. ${centrePhone}). Vi spør frivillige om hjelp til eldre. ` +
      'Svar JA for å ta oppdraget, NEI om du ikke kan, STOPP om du ikke vil ha flere meldinger.',
    withdraw_which: ({ tasks }) =>
      `Hvilket oppdrag kan du ikke ta? ${listTasks(tasks, short, (n) => `og ${n} til`, { max: 3, separator: '; ' })}. ` +
      'Skriv dagen, for eksempel «kan ikke torsdag». En koordinator ser også på meldingen.',
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
    task_changed: ({ before, task, assigned }) =>
      `Endring i ${assigned ? 'oppdraget ditt' : 'tilbudet'} (${short(before)}): nå ${when(task)} (${duration(task.durationMinutes)}), ${task.area}. ` +
      (assigned ? 'Send AVBRYT om du ikke kan likevel.' : 'Svar JA eller NEI som før.'),
    unassigned: ({ task }) => `Koordinatoren har tatt deg av oppdraget (${short(task)}). Du trenger ikke møte opp. Takk for at du stilte opp!`,
    volunteer_cancelled_coordinator: ({ task, volunteerName }) =>
      `Svarja: ${volunteerName} har avbrutt oppdrag #${task.taskId} (${describeInline(task)}). Se admin-siden.`,
    cancelled_by_coordinator: ({ task }) =>
      `Koordinatoren har avlyst oppdraget ditt (${short(task)}). Du trenger ikke møte opp. Takk likevel!`,
    coordinator_deadline_alert: ({ task, offersSent }) =>
      `Svarja: Oppdrag #${task.taskId} (${describeInline(task)}) starter snart og har ingen frivillig etter ${offersSent} tilbud. Se admin-siden.`,
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
    // `tak` is a typo of `takk` (thanks, no answer) from a Norwegian, but Polish for yes; `da` (then) is
    // Ukrainian/Russian for yes: «Da blir det vanskelig» must not accept.
    falseFriends: ['tak', 'da'],
  },
  // Free-text reading (src/domain/reply-reading), with nynorsk and dialect forms.
  readingWords: {
    affirm: [
      'neida', 'nei da', 'neidå', 'nei då', 'nei visst', 'jada', 'jadda', 'jadå', 'ja då', 'jo da', 'joda', 'jodå', 'jo då', 'jajamen', 'jaså da',
      'det kan jeg godt', 'det kan jeg', 'det kan eg', 'det kan eg godt', 'kan godt', 'eg kan godt', 'jeg kan godt',
      'jeg kan ta', 'jeg kan ta den', 'jeg kan ta det', 'jeg kan hjelpe', 'jeg kan komme', 'eg kan ta', 'eg kan hjelpe', 'eg kan kome',
      'gjerne for meg', 'gjerne det', 'så gjerne', 'vil gjerne', 'jeg vil gjerne', 'eg vil gjerne', 'hjelper gjerne', 'stiller gjerne',
      'kommer gjerne', 'kjem gjerne', 'tar gjerne', 'tek gjerne', 'jeg tar gjerne', 'sjølsagt', 'sjølvsagt', 'selvfølgelig', 'sjølvfølgjeleg',
      'klart det', 'klart det', 'det er klart', 'klart jeg kan', 'det ordner jeg', 'det fikser jeg', 'ordner det', 'fikser det', 'det ordnar eg',
      'jeg stiller', 'eg stiller', 'jeg kommer', 'eg kjem', 'eg kjem gjerne', 'det passer fint', 'passer fint', 'passer bra', 'passer godt', 'passar fint',
      'det går fint', 'går fint', 'går bra', 'det går bra', 'det går greit', 'går greit', 'det går fint det', 'helt greit', 'greit det', 'det er greit',
      'det er i orden', 'i orden', 'supert', 'topp', 'flott', 'fint', 'kjempefint', 'høres bra ut', 'høres fint ut', 'høyres fint ut',
      'skriv meg opp', 'sett meg opp', 'regn med meg', 'du kan regne med meg', 'tar den', 'tar det', 'eg tek det', 'tek det',
      'med glede', 'bare hyggelig', 'berre hyggeleg', 'avtale', 'avtalt', 'hvorfor ikke', 'kvifor ikkje', 'ikkje noko problem',
      'ikke noe problem', 'ikkje noko imot', 'har ikke noe imot det', 'jeg har ikke noe imot det', 'ikke noe imot det', 'har ingenting imot det', 'null problem', 'ok da', 'okei da', 'ja visst',
      'det skal gå fint', 'det skal jeg', 'det skal eg', 'eg tek den', 'jepp det', 'jaha da', 'jeg kan', 'eg kan', 'kommer', 'kjem',
      'det gjør jeg', 'det gjer eg', 'det gjør jeg gjerne', 'gjør gjerne', 'jeg er med', 'eg er med', 'er med',
      'kan ta den', 'kan ta det', 'kan komme', 'kan hjelpe', 'kan stille',
    ],
    negators: ['ikke', 'ikkje', 'ikkj', 'itj', 'ikk', 'ikkje', 'ingen', 'aldri', 'umulig', 'næ', 'næh', 'nææ', 'neh', 'nope', 'nei'],
    regret: [
      'dessverre', 'desverre', 'dessvere', 'dessverra', 'diverre', 'dverre', 'beklager', 'beklagar', 'synd', 'leit', 'lei for det', 'lei meg',
      'må si nei', 'må takke nei', 'takke nei', 'takker nei', 'melde pass', 'må melde pass', 'står over', 'må stå over', 'stå over',
      'denne gangen', 'denne gongen', 'passer dårlig', 'passar dårleg', 'går dårlig', 'vanskelig', 'vanskeleg', 'ikke anledning', 'har ikke anledning',
    ],
    reasons: [
      'er bortreist', 'bortreist', 'borte', 'på hytta', 'på hytten', 'på ferie', 'på reise', 'reiser bort', 'reiser', 'reise', 'på tur',
      'er syk', 'syk', 'sjuk', 'forkjølet', 'forkjøla', 'influensa', 'covid', 'korona', 'omgangssyke', 'opptatt', 'oppteken', 'opptatt hele dagen',
      'legetime', 'tannlege', 'time hos legen', 'på jobb', 'jobber', 'jobbar', 'skal jobbe', 'arbeid', 'barnebarn', 'barnebarna', 'passer barnebarn',
      'i utlandet', 'utenlands', 'i syden', 'i spania', 'på sykehus', 'på sykehuset', 'innlagt', 'operasjon', 'operert', 'har besøk', 'har gjester',
      'begravelse', 'gravferd', 'bryllup', 'annen avtale', 'anna avtale', 'har en avtale', 'har avtale', 'dobbeltbooka', 'dobbeltbooket',
      'fullt program', 'full kalender', 'ikke hjemme', 'ikkje heime', 'ikke i byen', 'på fjellet', 'på landet', 'rygg', 'vondt', 'dårlig form',
      'ryggen', 'kneet', 'hofta', 'ligger syk', 'bortreist til', 'borte til', 'på ferie til', 'fraværende til', 'bilen er på verksted', 'har ikke bil', 'uten bil',
    ],
    withdraw: [
      'likevel', 'allikevel', 'alikevel', 'likevell', 'forfall', 'melde forfall', 'meld forfall', 'avbud', 'melde avbud', 'må avlyse', 'avlyse',
      'avlyser', 'trekke meg', 'trekker meg', 'må trekke meg', 'kan ikke komme', 'kan ikkje kome', 'kan ikkje komme', 'kommer ikke', 'kjem ikkje',
      'rekker det ikke', 'rekker ikke', 'rekk ikkje', 'rekker ikkje', 'får ikke til', 'får ikkje til', 'gi fra meg', 'si fra meg', 'sier fra meg',
      'kom i veien', 'kom noe i veien', 'kommet noe i veien', 'noko kom i vegen', 'blir ikke noe av', 'blir ikkje noko av', 'klarer ikke', 'klarar ikkje',
      'må dessverre avbryte', 'avbryte', 'ombestemt',
    ],
    conditions: [
      'hvis', 'viss', 'dersom', 'om jeg', 'om eg', 'om det', 'om dere', 'om de', 'om noen', 'om ingen', 'om du', 'forutsatt', 'så lenge',
      'så fremt', 'såfremt', 'kommer an på', 'kjem an på', 'avhenger', 'avhengig', 'gitt at', 'skyss', 'kanskje', 'kan hende', 'kanskje det',
      'muligens', 'mulig', 'kan være', 'trur', 'tror', 'vet ikke', 'veit ikkje', 'usikker', 'ikke sikker', 'ikkje sikker', 'må sjekke',
      'skal sjekke', 'sjekke', 'sjekker', 'må se', 'skal se', 'får se', 'må tenke', 'tenke på det', 'tenker på det', 'tenkje', 'kommer tilbake',
      'kjem tilbake', 'gi beskjed', 'gir beskjed', 'si ifra', 'sier ifra', 'si fra', 'høre med', 'høyre med', 'spørre', 'snakke med', 'prate med',
      'avklare', 'bekrefte', 'bekreftar', 'seinare', 'i stedet', 'istedenfor', 'isteden', 'heller', 'annen dag', 'annen tid', 'ein annan dag',
      'en annen dag', 'et annet tidspunkt', 'bare', 'berre', 'tidligst', 'senest', 'eller', 'forresten', 'foresten', 'angrer', 'nja', 'tja',
      'hmm', 'hm', 'vent', 'vent litt', 'prøve', 'prøver', 'forsøke', 'håper', 'helst', 'ringe deg', 'ringe tilbake', 'ring meg', 'ringer deg', 'ringer tilbake', 'neste uke', 'neste veke', 'denne uka', 'denne uken',
      'denne veka', 'en stund', 'ei stund', 'en periode', 'foreløpig', 'midlertidig', 'nok', 'sikkert', 'i utgangspunktet', 'i prinsippet',
      'seint', 'sent', 'forsinket', 'i så fall', 'isåfall', 'hente meg', 'henter meg', 'kjøre meg', 'kjører meg', 'må ha',
      'må noen', 'noen må', 'vel', 'ringe meg', 'ringer meg', 'først', 'formiddag', 'formiddagen', 'ettermiddag', 'ettermiddagen', 'på kvelden', 'om kvelden', 'om morgenen',
    ],
    clauseBreaks: ['men', 'bortsett fra', 'unntatt'],
    optOut: [
      'vil ikke ha flere', 'vil ikkje ha fleire', 'vil ikke ha mer', 'ikke send meg flere', 'ikke send flere', 'ikkje send meg fleire', 'ikke send meg mer',
      'ikke send meg sms', 'ikke send meg meldinger', 'slutt å sende',
      'slutte å sende', 'stopp å sende', 'slutt med å sende', 'fjern meg', 'fjern nummeret', 'fjern nummeret mitt', 'slett nummeret', 'slett nummeret mitt',
      'slett meg', 'ta meg av lista', 'ta meg av listen', 'ta meg ut', 'stryk meg', 'meld meg av', 'melde meg av', 'ønsker ikke flere', 'ønsker ikke å motta',
      'ønsker ikke meldinger', 'ikke kontakt meg', 'vil ikke være med lenger', 'vil ikkje vere med', 'vil ikke være frivillig', 'ikke interessert lenger',
      'ikke lenger interessert', 'ikke motta', 'sluttet som frivillig', 'slutta som frivillig', 'melde meg ut', 'meld meg ut', 'avmeld meg',
      'ikke ha flere meldinger', 'ikke flere meldinger', 'ikkje fleire meldingar', 'ikke flere sms', 'ikke mer sms', 'ikke flere tilbud', 'vil slutte',
    ],
    helpQuestions: [
      'hvem er dette', 'hvem er du', 'hvem er dere', 'hvem er det', 'hvem skriver', 'hvem sender', 'hva er dette', 'hva er dette for noe',
      'hva er svarja', 'hva betyr dette', 'hva betyr det', 'hva skal jeg svare', 'hva svarer jeg', 'hvordan svarer jeg', 'hvordan svare',
      'hva mener du', 'hva menes', 'kva er dette', 'kven er dette', 'kven er du', 'kven er de', 'kva skal eg svare', 'kva betyr', 'kva er det',
      'hvem er avsender', 'hvem er avsenderen', 'hvem sendte', 'fra hvem', 'hvem er dette fra', 'hvem er det fra', 'hvor har dere nummeret', 'hvordan fikk dere nummeret', 'hvor fikk dere nummeret', 'er dette svindel', 'svindel', 'spam', 'hæ', 'hææ',
      'forstår ikke', 'skjønner ikke', 'skjønar ikkje', 'forstår ikkje', 'forsto ikke', 'forstod ikke', 'hva gjelder det', 'hva gjelder dette',
      'hva går dette ut på', 'kva gjeld det', 'hva er det', 'hvordan virker dette', 'hvordan fungerer dette', 'hva gjør jeg nå',
    ],
    questionWords: [
      'hva', 'hvem', 'hvor', 'hvordan', 'hvorfor', 'når', 'hvilken', 'hvilke', 'hvilket', 'kva', 'kven', 'kvar', 'korleis', 'kor', 'kvifor',
      'skal jeg', 'skal eg', 'må jeg', 'må eg', 'trenger jeg', 'treng eg', 'er det', 'blir det', 'kan jeg', 'kan eg', 'går det an', 'får jeg',
      'har hun', 'har han', 'har de', 'bør jeg', 'vil du', 'kan du', 'tar det', 'trengs det',
    ],
    autoReply: [
      'automatisk svar', 'autosvar', 'auto svar', 'fraværende', 'fravær', 'ikke tilgjengelig', 'ikkje tilgjengeleg', 'tilbake på jobb',
      'svarer ikke på sms', 'kjører bil', 'bortreist til', 'borte til', 'på ferie til', 'tilbake den', 'tilbake igjen', 'er tilbake', 'fraværende til', 'jeg kjører', 'ikke forstyrr', 'ser meldingen din når', 'ringer deg senere', 'ringer deg tilbake',
    ],
    courtesy: [
      'takk', 'tusen takk', 'takk for spørsmålet', 'takk for at du spør', 'takk for meldingen', 'takk for sms', 'hei', 'hallo', 'heisann', 'hei hei',
      'god morgen', 'god dag', 'god kveld', 'hilsen', 'mvh', 'vennlig hilsen', 'med vennlig hilsen', 'helsing', 'beste hilsen', 'klem', 'ha en fin dag',
      'ha en god dag', 'god helg', 'takk skal du ha', 'takk for det', 'gleder meg', 'ser fram til det', 'ser frem til det',
      'som avtalt', 'for meg', 'det', 'videre', 'vi ses', 'ses', 'sees', 'unnskyld', 'så hyggelig', 'hyggelig å høre',
      'så koselig', 'koselig',
    ],
    weekdays: [
      ['mandag', 'måndag', 'mandagen'], ['tirsdag', 'tysdag', 'tirs', 'tirsdagen'], ['onsdag', 'onsdagen'], ['torsdag', 'tors', 'torsdagen'],
      ['fredag', 'fredagen'], ['lørdag', 'laurdag', 'lørdagen'], ['søndag', 'sundag', 'søndagen'],
    ],
    today: ['i dag', 'idag', 'i kveld', 'ikveld', 'i ettermiddag'],
    tomorrow: ['i morgen', 'imorgen', 'i morra', 'imorra', 'i morgon', 'imorgon'],
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
  voice: {
    sayLanguage: 'nb-NO',
    voice: 'Polly.Ida-Neural', // VOICE_NB overrides it; Polly.Liv is the standard (non-neural) fallback
    offer: ({ firstName, centreName, task }) =>
      `Hei ${firstName}, dette er ${centreName}. Kan du ${spokenTask[task.type]} ${spokenWhen(task)}, i ${task.area}? ${task.summary}`,
    keys: () => 'Trykk 1 for ja, 2 for nei, 0 for å høre igjen.',
    accepted: ({ task, details, bySms }) =>
      `Tusen takk! Oppdraget er ditt: ${spokenWhen(task)}, i ${task.area}. ${details}${bySms ? ' Du får dette på SMS også.' : ''} Ha det bra!`,
    declined: () => 'Takk for svar! Vi spør noen andre. Ha det bra!',
    taken: () => 'Takk for at du svarte! Noen andre har allerede tatt oppdraget. Ha det bra!',
    unknownKey: () => 'Det forsto jeg ikke.',
    noAnswerGoodbye: ({ centrePhone }) => `Vi hørte ikke noe svar. Du kan ringe oss tilbake på ${centrePhone}. Ha det bra!`,
    machineMessage: ({ centreName, centrePhone, bySms }) =>
      `Hei, dette er ${centreName}. Vi lurer på om du kan hjelpe med et oppdrag.${bySms ? ' Du får en SMS om det nå.' : ''} Ring oss gjerne tilbake på ${centrePhone}. Ha det bra!`,
    taskAhead: ({ firstName, centreName, task }) =>
      `Hei ${firstName}, dette er ${centreName}. Ditt neste oppdrag er ${spokenWhen(task)}, i ${task.area}. Trykk 9 for å avbryte det. Ellers kan du legge på.`,
    confirmCancel: () => 'Vil du avbryte oppdraget? Trykk 1 for å bekrefte.',
    cancelled: () => 'Oppdraget er avbrutt. Vi spør noen andre. Ha det bra!',
    keptTask: () => 'Oppdraget er fortsatt ditt. Ha det bra!',
  },
};

/** Issue 11: what a requester (a nursing home ordering by SMS) is told; see domain/requester-templates.ts. */
const requestLabel: Record<TaskType, string> = {
  shopping: 'handlehjelp', escort: 'følge', visit: 'besøk', walk: 'tur', practical: 'praktisk hjelp', other: 'hjelp',
};
const request = (f: RequestFacts) => requestText(f, requestLabel[f.type], 'nb');
const dayOf = (date: string) => whenText({ date, time: null }, 'nb');
const many = (f: RequestFacts) => (taskCountOf(f) > 1 ? `${taskCountOf(f)} oppdrag: ` : '');
const oneDayHint = (f: RequestFacts) => (taskCountOf(f) > 1 ? `, eller AVBRYT ${f.ref} ${lastDayOf(f)} for én dag` : '');

export const requesterTemplates: RequesterTemplates = {
  summary: ({ facts }) => `Mottatt ${facts.ref}: ${many(facts)}${request(facts)}. Svar OK for å sende ut, eller skriv det som skal rettes.`,
  not_understood: ({ ref }) => `Det forsto jeg ikke. Svar OK for å sende ut ${ref}, eller skriv det som skal rettes, f.eks. "kl 15" eller "fredag". AVBRYT ${ref} stopper bestillingen.`,
  sent: ({ facts }) => `${facts.ref} er sendt ut til frivillige${taskCountOf(facts) > 1 ? ` (${taskCountOf(facts)} oppdrag)` : ''}. Dere får SMS når noen har sagt ja. Svar AVBRYT ${facts.ref} for å avlyse${oneDayHint(facts)}.`,
  assigned: ({ facts, firstName, doorstepWord }) =>
    `${facts.ref}: ${firstName} kommer (${request(facts)}).${doorstepWord ? ` Dørord: ${doorstepWord}. ${firstName} sier det ved døren.` : ''} Svar AVBRYT ${facts.ref} for å avlyse.`,
  replaced: ({ facts, firstName, doorstepWord }) =>
    `${facts.ref}: Den frivillige kunne ikke likevel. Nå kommer ${firstName} i stedet (${request(facts)}).${doorstepWord ? ` Dørordet er det samme: ${doorstepWord}.` : ''}`,
  unfilled: ({ facts }) => `${facts.ref}: Vi fant dessverre ingen frivillig til ${request(facts)}. En koordinator er varslet.`,
  unfilled_after_cancel: ({ facts }) => `${facts.ref}: Den frivillige kunne ikke likevel, og vi fant ingen ny til ${request(facts)}. En koordinator er varslet og tar kontakt.`,
  cancelled: ({ ref, hadVolunteer, day }) => `${ref}${day ? ` ${dayOf(day)}` : ''} er avlyst.${hadVolunteer ? ' Den frivillige er varslet.' : ''}`,
  cancel_day_unknown: ({ facts }) => `${facts.ref} gjelder ${daysOfFacts(facts).map((d) => dayOf(d.date)).join(' og ')}. Skriv AVBRYT ${facts.ref} for alle, eller AVBRYT ${facts.ref} ${shortDate(daysOfFacts(facts)[0]!.date)} for én dag.`,
  cancel_unknown: ({ ref }) => (ref ? `Fant ingen aktiv bestilling K${ref} fra dette nummeret.` : 'Det er ingen bestilling å avbryte. Skriv AVBRYT og referansen, f.eks. AVBRYT K7.'),
  abandoned: () => 'Bestillingen er stoppet. Send en ny melding når dere trenger hjelp.',
  expired: ({ ref }) => `${ref} ble ikke fullført. En koordinator ser på den og tar kontakt.`,
  forwarded: () => 'Takk for meldingen. Den er sendt videre til en koordinator, som tar kontakt.',
  coordinator_urgent: ({ requesterName, ref }) => `Haster: ${requesterName} ber om hjelp nå eller innen to timer (${ref}). Se Innboks og oppdragene.`,
};
