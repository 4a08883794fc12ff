import type { DateTime } from 'luxon';
import { formatDuration, listTasks, type Language, type TaskFacts, type TaskType } from '../language';

/**
 * Polish. Written with diacritics; foldToGsm sends them without (ę → e), as Polish bulk SMS are,
 * so a text stays GSM-7. Reply words match with or without diacritics.
 */

const typeLabel: Record<TaskType, string> = {
  shopping: 'Zakupy',
  escort: 'Towarzyszenie',
  visit: 'Wizyta',
  walk: 'Spacer',
  practical: 'Pomoc praktyczna',
  other: 'Zadanie',
};

const duration = (minutes: number) => formatDuration(minutes, { hours: 'godz.', minutes: 'min' });
const when = (t: TaskFacts) => t.startsAt.setLocale('pl').toFormat("ccc d MMM, 'godz.' HH:mm");
const date = (d: DateTime) => d.setLocale('pl').toFormat('d MMMM');
const TASK_FORMS: Record<string, string> = { one: 'zadanie', few: 'zadania', many: 'zadań' };
const tasksWord = (n: number) => TASK_FORMS[new Intl.PluralRules('pl').select(n)] ?? 'zadania';

/** "Zakupy czw. 3 gru, godz. 10:00 (1 godz.), Kolbotn" */
const describe = (t: TaskFacts) => `${typeLabel[t.type]} ${when(t)} (${duration(t.durationMinutes)}), ${t.area}`;
/** describe() without its own parentheses, for texts that put the task in parentheses. */
const describeInline = (t: TaskFacts) => `${typeLabel[t.type]} ${when(t)}, ${duration(t.durationMinutes)}, ${t.area}`;
const short = (t: TaskFacts) => `${typeLabel[t.type].toLowerCase()} ${when(t)}`;
const callUs = (phone?: string) => (phone ? ` Pytania? Zadzwoń: ${phone}.` : '');

/** What the caller is asked to do, as a phrase after «Czy możesz». */
const spokenTask: Record<TaskType, string> = {
  shopping: 'pomóc komuś w zakupach', escort: 'towarzyszyć komuś w wizycie u lekarza', visit: 'odwiedzić kogoś',
  walk: 'pójść z kimś na spacer', practical: 'pomóc komuś w sprawach praktycznych', other: 'pomóc komuś',
};
/** «w piątek 4 grudnia o 14:30»: the weekday after «w» takes the accusative (w środę, w sobotę). */
const SPOKEN_WEEKDAY = ['', 'w poniedziałek', 'we wtorek', 'w środę', 'w czwartek', 'w piątek', 'w sobotę', 'w niedzielę'];
const spokenWhen = (t: TaskFacts) => `${SPOKEN_WEEKDAY[t.startsAt.weekday]} ${t.startsAt.setLocale('pl').toFormat("d MMMM 'o' HH:mm")}`;

export const pl: Language = {
  code: 'pl',
  name: 'polski',
  aliases: ['polsk', 'polish', 'pol'],
  foldToGsm: true,
  templates: {
    offer: ({ task, timeoutMinutes }) =>
      `Svarja: Czy możesz pomóc? ${describe(task)}. ${task.summary} Odpowiedz TAK lub NIE w ciągu ${duration(timeoutMinutes)}.`,
    assigned: ({ task, details, coordinatorPhone }) =>
      `Dziękujemy! Zadanie jest Twoje: ${describe(task)}. ${details}${callUs(coordinatorPhone)}`,
    taken: ({ task }) => `Dziękujemy za odpowiedź! Zadanie (${short(task)}) przyjął już inny wolontariusz.`,
    offer_taken: ({ task }) => `Zadanie (${short(task)}) przyjął już inny wolontariusz. Mimo to dziękujemy!`,
    already_assigned: ({ task }) => `Zadanie (${short(task)}) jest już Twoje. Dziękujemy!`,
    offer_withdrawn: ({ task }) => `Zadanie (${short(task)}) jest już nieaktualne. Mimo to dziękujemy!`,
    offer_closed_for_you: ({ task }) => `Oferta (${short(task)}) nie jest już dla Ciebie aktualna. Nie musisz odpowiadać. Dziękujemy!`,
    task_cancelled: ({ task }) => `Twoje zadanie (${short(task)}) zostało odwołane. Dziękujemy za gotowość!`,
    declined_thanks: () => 'Dziękujemy za odpowiedź! Zapytamy kogoś innego.',
    hint_offer: () => 'Nie zrozumieliśmy odpowiedzi. Odpowiedz TAK, aby przyjąć zadanie, lub NIE, jeśli nie możesz. Koordynator też zobaczy wiadomość.',
    hint_general: () => 'Dziękujemy za wiadomość! Koordynator ją przeczyta. Wyślij STOP, jeśli nie chcesz więcej ofert.',
    media_not_read: () => 'Svarja czyta tylko tekst, nie zdjęcia ani załączniki. Napisz odpowiedź zwykłym SMS-em, na przykład TAK lub NIE. Koordynator też zobaczy wiadomość.',
    no_offer: () => 'Nie masz teraz otwartych ofert. Napiszemy, gdy ktoś będzie potrzebował pomocy.',
    opted_out: () => 'Wypisaliśmy Cię. Nie dostaniesz więcej ofert od Svarja. Wyślij START, aby zapisać się ponownie.',
    opted_in: () => 'Witamy z powrotem! Znów będziesz dostawać oferty od Svarja. Wyślij STOP, aby się wypisać.',
    already_opted_in: () => 'Już dostajesz oferty od Svarja. Wyślij STOP, aby się wypisać.',
    opted_out_reminder: () => 'Nie dostajesz ofert od Svarja. Wyślij START, aby znów je otrzymywać.',
    unknown_sender: ({ coordinatorPhone }) =>
      `Dzień dobry! Ten numer nie jest zarejestrowany w Svarja. Wiadomość przekazaliśmy koordynatorowi.${callUs(coordinatorPhone)}`,
    coordinator_unfilled: ({ task, offersSent }) =>
      `Svarja: Zadanie #${task.taskId} (${describeInline(task)}) nie ma wolontariusza. Wysłane oferty: ${offersSent}. Zobacz panel administracyjny.`,
    paused_confirmed: ({ until }) => `Dziękujemy! Do ${date(until)} nie dostaniesz ofert od Svarja.`,
    holiday_confirmed: ({ until }) => `Udanego urlopu! Do ${date(until)} nie dostaniesz ofert od Svarja.`,
    max_per_week_confirmed: ({ count }) =>
      `W porządku! Dostaniesz najwyżej ${count} ${tasksWord(count)} tygodniowo. Wyślij MAKS 0, aby usunąć limit.`,
    max_per_week_removed: () => 'W porządku! Nie masz już tygodniowego limitu zadań.',
    help: ({ coordinatorPhone }) =>
      'Svarja: Na oferty odpowiadaj TAK lub NIE. ANULUJ: rezygnacja z zadania. PRZERWA 14: przerwa na 14 dni. ' +
      'URLOP 3.1: urlop do 3 stycznia. MAKS 2: najwyżej 2 zadania tygodniowo. ZADANIA: Twoje zadania. STOP: wypisanie.' +
      callUs(coordinatorPhone),
    help_who: ({ centreName, centrePhone }) =>
      `Dzień dobry! Ta wiadomość jest od ${centreName} (tel. ${centrePhone}). Prosimy wolontariuszy o pomoc osobom starszym. ` +
      'Odpowiedz TAK, aby przyjąć zadanie, NIE, jeśli nie możesz, STOP, aby nie dostawać wiadomości.',
    withdraw_which: ({ tasks }) =>
      `Którego zadania nie możesz wykonać? ${listTasks(tasks, short, (n) => `i jeszcze ${n}`, { max: 3, separator: '; ' })}. ` +
      'Napisz dzień, na przykład «nie mogę w czwartek». Koordynator też przeczyta wiadomość.',
    my_tasks: ({ tasks }) =>
      tasks.length === 0
        ? 'Nie masz teraz żadnych zadań. Dziękujemy, że jesteś z nami!'
        : `Twoje zadania: ${listTasks(tasks, (t) => `${typeLabel[t.type]} ${when(t)}, ${t.area}`, (n) => `i ${n} więcej`, { max: 3, separator: '; ' })}.`,
    usage_pause: () => 'Wyślij PRZERWA i liczbę dni (1-365), na przykład PRZERWA 14.',
    usage_holiday: () => 'Wyślij URLOP i datę końca urlopu, na przykład URLOP 3.1 (do 3 stycznia).',
    usage_max_per_week: () => 'Wyślij MAKS i liczbę zadań na tydzień (1-14), na przykład MAKS 2. MAKS 0 usuwa limit.',
    cancel_confirmed: ({ task }) => `Dziękujemy za informację! Nie masz już zadania (${short(task)}). Znajdziemy kogoś innego.`,
    cancel_nothing_to_cancel: () => 'Nie masz teraz zadania, które można anulować.',
    reminder_day_before: ({ task, details }) =>
      `Przypomnienie: jutro ${describe(task)}. ${details} Jeśli jednak nie możesz, wyślij ANULUJ.`,
    reminder_two_hours: ({ task, details }) => `Przypomnienie: za dwie godziny ${describe(task)}. ${details}`,
    check_in_question: ({ task }) =>
      `Dziękujemy za pomoc (${short(task)})! Czy wszystko poszło dobrze? Odpowiedz 1, jeśli tak, lub 2, jeśli coś wymaga uwagi.`,
    check_in_thanks_ok: () => 'Świetnie! Dziękujemy za pomoc.',
    check_in_thanks_follow_up: () => 'Dziękujemy za informację. Koordynator się z Tobą skontaktuje.',
    task_changed: ({ before, task, assigned }) =>
      `Zmiana ${assigned ? 'w Twoim zadaniu' : 'w ofercie'} (${short(before)}): teraz ${when(task)} (${duration(task.durationMinutes)}), ${task.area}. ` +
      (assigned ? 'Jeśli nie możesz, wyślij ANULUJ.' : 'Odpowiedz TAK lub NIE jak wcześniej.'),
    unassigned: ({ task }) => `Koordynator zwolnił Cię z zadania (${short(task)}). Nie musisz przychodzić. Dziękujemy za chęć pomocy!`,
    volunteer_cancelled_coordinator: ({ task, volunteerName }) =>
      `Svarja: ${volunteerName} rezygnuje z zadania #${task.taskId} (${describeInline(task)}). Zobacz panel administracyjny.`,
    cancelled_by_coordinator: ({ task }) =>
      `Koordynator odwołał Twoje zadanie (${short(task)}). Nie musisz przychodzić. Mimo to dziękujemy!`,
    coordinator_deadline_alert: ({ task, offersSent }) =>
      `Svarja: Zadanie #${task.taskId} (${describeInline(task)}) zaczyna się wkrótce i nie ma wolontariusza. Wysłane oferty: ${offersSent}.`,
  },
  replyWords: {
    // Colloquial `no` (= yeah) is left out on purpose: it would make the English `no` a doubt.
    yes: [
      'tak', 'tak jest', 'tak mogę', 'tak chętnie', 'mogę', 'ja mogę', 'oczywiście', 'jasne', 'dobrze', 'zgoda',
      'chętnie', 'jak najbardziej', 'ok', 'okej', 'nie ma problemu', 'bez problemu', '1',
    ],
    no: [
      'nie', 'nie dziękuję', 'nie mogę', 'ja nie mogę', 'niestety', 'niestety nie', 'niestety nie mogę', 'nie dam rady',
      'nie tym razem', '2',
    ],
    stop: ['stop', 'wypisz', 'wypisz mnie'],
    start: ['start', 'zapisz', 'zapisz mnie'],
    hedges: [
      'ale', 'jeśli', 'jeżeli', 'jak', 'może', 'być może', 'chyba', 'tylko', 'po', 'przed', 'później', 'nie wiem',
      'nie jestem pewien', 'nie jestem pewna', 'zależy', 'o ile',
    ],
  },
  readingWords: {
    affirm: [
      'tak tak', 'jasne że tak', 'pewnie', 'pewno', 'z przyjemnością', 'mogę pomóc', 'pomogę', 'przyjdę', 'będę', 'spoko', 'nie ma sprawy',
      'super', 'świetnie', 'wchodzę w to', 'biorę', 'biorę to', 'zrobię to', 'no jasne', 'pewnie że tak', 'da się', 'jasne jasne', 'tak oczywiście',
      'oczywiście że tak', 'chętnie pomogę', 'mogę przyjść', 'mogę to zrobić',
    ],
    negators: ['nie', 'nigdy', 'żaden', 'żadnego'],
    regret: ['niestety', 'przykro mi', 'przepraszam', 'sorki', 'sorry', 'szkoda', 'muszę odmówić', 'odmawiam', 'tym razem'],
    reasons: [
      'jestem chory', 'jestem chora', 'choruję', 'chora', 'chory', 'w pracy', 'pracuję', 'wyjeżdżam', 'wyjechałem', 'wyjechałam', 'poza miastem',
      'za granicą', 'na urlopie', 'w szpitalu', 'u lekarza', 'wizyta', 'zajęty', 'zajęta', 'mam wizytę', 'mam plany', 'inne plany', 'wyjazd', 'dzieci',
    ],
    withdraw: [
      'jednak', 'jednak nie', 'muszę zrezygnować', 'rezygnuję', 'rezygnuje', 'muszę odwołać', 'odwołuję', 'nie przyjdę', 'nie zdążę',
      'coś mi wypadło', 'wypadło mi coś', 'wycofuję się', 'nie mogę jednak',
    ],
    conditions: [
      'jeśli', 'jeżeli', 'o ile', 'może', 'chyba', 'raczej', 'spróbuję', 'zobaczę', 'dam znać', 'później', 'albo', 'lub', 'tylko jeśli',
      'pod warunkiem', 'zależy', 'nie wiem', 'sprawdzę', 'inny dzień', 'innego dnia', 'w przyszłym tygodniu',
    ],
    clauseBreaks: ['ale', 'lecz', 'tylko że'],
    optOut: [
      'nie piszcie', 'nie piszcie do mnie', 'proszę nie pisać', 'nie wysyłajcie', 'usuńcie mnie', 'usuń mnie', 'usuńcie mój numer', 'usuń mój numer',
      'nie chcę więcej', 'nie chcę wiadomości', 'nie chcę już', 'nie chcę otrzymywać', 'rezygnuję z wolontariatu',
    ],
    helpQuestions: ['kto to', 'kto pisze', 'kim jesteście', 'kim pan jest', 'co to jest', 'o co chodzi', 'co mam odpowiedzieć', 'jak odpowiedzieć', 'co odpisać', 'nie rozumiem'],
    questionWords: ['co', 'kto', 'gdzie', 'kiedy', 'dlaczego', 'czy', 'który', 'która', 'ile', 'czy mam', 'czy trzeba', 'o której'],
    autoReply: ['automatyczna odpowiedź', 'autoodpowiedź'],
    courtesy: ['dziękuję', 'dzięki', 'dziekuje', 'dzień dobry', 'cześć', 'witam', 'pozdrawiam', 'serdecznie pozdrawiam', 'dobry wieczór'],
    weekdays: [['poniedziałek'], ['wtorek'], ['środa', 'środę'], ['czwartek'], ['piątek'], ['sobota', 'sobotę'], ['niedziela', 'niedzielę']],
    today: ['dzisiaj', 'dziś'],
    tomorrow: ['jutro'],
  },
  commandWords: {
    cancel: ['anuluj', 'anuluj zadanie'],
    pause: ['przerwa', 'pauza'],
    holiday: ['urlop', 'urlop do'],
    maxPerWeek: ['maks'],
    help: ['pomoc'],
    myTasks: ['zadania', 'moje zadania'],
    days: ['dni', 'dzień', 'd'],
  },
  // Issue 15: calls in Polish, Amazon Polly's neural Polish voice (Polly.Ewa and Polly.Maja are the
  // standard ones). The task's summary and details are the coordinator's Norwegian: the offer leaves
  // the summary out (the spoken phrase says what it is), and after a yes the details are read as
  // written, as the Norwegian call reads them — names and addresses are Norwegian anyway.
  voice: {
    sayLanguage: 'pl-PL',
    voice: 'Polly.Ola-Neural',
    offer: ({ firstName, centreName, task }) =>
      `Dzień dobry, ${firstName}, tu ${centreName}. Czy możesz ${spokenTask[task.type]} ${spokenWhen(task)}, w rejonie ${task.area}?`,
    keys: () => 'Naciśnij 1, jeśli tak, 2, jeśli nie, albo 0, aby usłyszeć to jeszcze raz.',
    accepted: ({ task, details, bySms }) =>
      `Bardzo dziękujemy! Zadanie jest Twoje: ${spokenWhen(task)}, w rejonie ${task.area}. Szczegóły: ${details}${bySms ? ' Dostaniesz to też SMS-em.' : ''} Do widzenia!`,
    declined: () => 'Dziękujemy za odpowiedź! Zapytamy kogoś innego. Do widzenia!',
    taken: () => 'Dziękujemy za odpowiedź! Ktoś inny już przyjął to zadanie. Do widzenia!',
    unknownKey: () => 'Nie rozumiem.',
    noAnswerGoodbye: ({ centrePhone }) => `Nie usłyszeliśmy odpowiedzi. Możesz do nas oddzwonić pod numer ${centrePhone}. Do widzenia!`,
    machineMessage: ({ centreName, centrePhone, bySms }) =>
      `Dzień dobry, tu ${centreName}. Chcemy zapytać, czy możesz pomóc przy jednym zadaniu.${bySms ? ' Zaraz wyślemy Ci SMS-a w tej sprawie.' : ''} Prosimy o telefon pod numer ${centrePhone}. Do widzenia!`,
    taskAhead: ({ firstName, centreName, task }) =>
      `Dzień dobry, ${firstName}, tu ${centreName}. Twoje następne zadanie: ${spokenWhen(task)}, w rejonie ${task.area}. Naciśnij 9, aby je odwołać. Jeśli nie, możesz się rozłączyć.`,
    confirmCancel: () => 'Czy chcesz odwołać zadanie? Naciśnij 1, aby potwierdzić.',
    cancelled: () => 'Zadanie zostało odwołane. Zapytamy kogoś innego. Do widzenia!',
    keptTask: () => 'Zadanie nadal jest Twoje. Do widzenia!',
  },
};
