import type { DateTime } from 'luxon';
import { formatDuration, listTasks, type Language, type TaskFacts, type TaskType } from '../language';

/** Somali. Latin letters without diacritics, so texts are GSM-7. */

const typeLabel: Record<TaskType, string> = {
  shopping: 'Wax iibsi',
  escort: 'Raacid',
  visit: 'Booqasho',
  walk: 'Socod',
  practical: 'Caawimaad guri',
  other: 'Hawl',
};

const duration = (minutes: number) => formatDuration(minutes, { hours: 'saac', minutes: 'daqiiqo' });
const when = (t: TaskFacts) => t.startsAt.setLocale('so').toFormat("cccc d MMM, 'saacadda' HH:mm");
const date = (d: DateTime) => d.setLocale('so').toFormat('cccc d MMMM');

/** "Wax iibsi Khamiis 3 Dis, saacadda 10:00 (1 saac), Kolbotn" */
const describe = (t: TaskFacts) => `${typeLabel[t.type]} ${when(t)} (${duration(t.durationMinutes)}), ${t.area}`;
/** describe() without its own parentheses, for texts that put the task in parentheses. */
const describeInline = (t: TaskFacts) => `${typeLabel[t.type]} ${when(t)}, ${duration(t.durationMinutes)}, ${t.area}`;
const short = (t: TaskFacts) => `${typeLabel[t.type].toLowerCase()} ${when(t)}`;
const callUs = (phone?: string) => (phone ? ` Su'aalo? Wac ${phone}.` : '');

export const so: Language = {
  code: 'so',
  name: 'Soomaali',
  aliases: ['somali', 'somalisk', 'som'],
  templates: {
    offer: ({ task, timeoutMinutes }) =>
      `Svarja: Ma na caawin kartaa? ${describe(task)}. ${task.summary} Ku jawaab HAA ama MAYA ${duration(timeoutMinutes)} gudahood.`,
    assigned: ({ task, details, coordinatorPhone }) =>
      `Mahadsanid! Hawshu waa taada: ${describe(task)}. ${details}${callUs(coordinatorPhone)}`,
    taken: ({ task }) => `Mahadsanid jawaabta! Hawsha (${short(task)}) mutadawac kale ayaa horay u qaatay.`,
    offer_taken: ({ task }) => `Hawsha (${short(task)}) mutadawac kale ayaa horay u qaatay. Si kastaba mahadsanid!`,
    already_assigned: ({ task }) => `Hawsha (${short(task)}) horeba waa taada. Mahadsanid!`,
    offer_withdrawn: ({ task }) => `Hawsha (${short(task)}) hadda looma baahna. Si kastaba mahadsanid!`,
    offer_closed_for_you: ({ task }) => `Dalabka (${short(task)}) hadda adiga kuma khuseeyo. Uma baahnid inaad jawaabto. Mahadsanid!`,
    task_cancelled: ({ task }) => `Hawshaada (${short(task)}) waa la joojiyay. Mahadsanid diyaar u ahaanshahaaga!`,
    declined_thanks: () => 'Mahadsanid jawaabta! Qof kale ayaan weydiin doonnaa.',
    hint_offer: () => 'Ma aanu fahmin jawaabtaada. Ku jawaab HAA si aad hawsha u qaadato ama MAYA haddii aadan awoodin. Isku-duwe ayaa sidoo kale arki doona fariinta.',
    hint_general: () => 'Mahadsanid fariinta! Isku-duwe ayaa eegi doona. Dir JOOJI haddii aadan dalabyo kale rabin.',
    media_not_read: () => 'Svarja waxay akhridaa qoraal keliya, ma aha sawirro ama lifaaqyo. Jawaabtaada u qor SMS caadi ah, tusaale HAA ama MAYA. Isku-duwe ayaa sidoo kale arki doona fariinta.',
    no_offer: () => 'Hadda ma haysatid dalab furan. Waxaan kuu soo diri doonnaa SMS marka qof caawimaad u baahdo.',
    opted_out: () => 'Waa lagaa saaray, dalabyo kale kama heli doontid Svarja. Dir BILOW si aad dib isugu qorto.',
    opted_in: () => 'Ku soo dhawoow! Mar kale ayaad dalabyo ka heli doontaa Svarja. Dir JOOJI si aad uga baxdo.',
    already_opted_in: () => 'Horay ayaad isu qortay, dalabyo ayaad ka helaysaa Svarja. Dir JOOJI si aad uga baxdo.',
    opted_out_reminder: () => 'Waad ka baxday Svarja. Dir BILOW si aad mar kale dalabyo u hesho.',
    unknown_sender: ({ coordinatorPhone }) =>
      `Salaan! Lambarkan kuma diiwaan gashana Svarja. Fariintaada waxaa loo gudbiyay isku-duwe.${callUs(coordinatorPhone)}`,
    coordinator_unfilled: ({ task, offersSent }) =>
      `Svarja: Hawsha #${task.taskId} (${describeInline(task)}) mutadawac ma helin. Dalabyada la diray: ${offersSent}. Eeg bogga maamulka.`,
    paused_confirmed: ({ until }) => `Mahadsanid! Dalab kama heli doontid Svarja ilaa ${date(until)}.`,
    holiday_confirmed: ({ until }) => `Fasax wanaagsan! Dalab kama heli doontid Svarja ilaa ${date(until)}.`,
    max_per_week_confirmed: ({ count }) => `Waa hagaag! Xadka hawlaha toddobaadkii: ${count}. Dir UGU BADNAAN 0 si aad xadka uga saarto.`,
    max_per_week_removed: () => 'Waa hagaag! Xad toddobaadle ah hadda kuma lihid hawlaha.',
    help: ({ coordinatorPhone }) =>
      'Svarja: Dalabyada uga jawaab HAA ama MAYA. BAAJI: ka noqo hawshaada. HAKAD 14: nasasho 14 maalmood. ' +
      'FASAX 3.1: fasax ilaa 3 Janaayo. UGU BADNAAN 2: ugu badnaan 2 hawlood toddobaadkii. HAWLAHA: hawlahaaga. JOOJI: ka bax.' +
      callUs(coordinatorPhone),
    help_who: ({ centreName, centrePhone }) =>
      `Salaan! Fariintan waxay ka timid ${centreName} (tel. ${centrePhone}). Waxaan tabarucayaasha ka codsanaa inay caawiyaan dadka waayeelka ah. ` +
      'Ku jawaab HAA si aad hawsha u qaadato, MAYA haddii aadan awoodin, JOOJI si fariimaha loo joojiyo.',
    withdraw_which: ({ tasks }) =>
      `Hawshee ayaadan qaban karin? ${listTasks(tasks, short, (n) => `iyo ${n} kale`, { max: 3, separator: '; ' })}. ` +
      'Qor maalinta, tusaale «ma awoodo khamiista». Isku-duwe ayaa sidoo kale akhrinaya fariintaada.',
    my_tasks: ({ tasks }) =>
      tasks.length === 0
        ? 'Hadda ma lihid hawlo soo socda. Mahadsanid inaad nala joogto!'
        : `Hawlahaaga: ${listTasks(tasks, (t) => `${typeLabel[t.type]} ${when(t)}, ${t.area}`, (n) => `iyo ${n} kale`, { max: 3, separator: '; ' })}.`,
    usage_pause: () => 'Dir HAKAD iyo tirada maalmaha (1-365), tusaale HAKAD 14.',
    usage_holiday: () => 'Dir FASAX iyo taariikhda fasaxu dhammaanayo, tusaale FASAX 3.1 (ilaa 3 Janaayo).',
    usage_max_per_week: () => 'Dir UGU BADNAAN iyo inta hawlood ee aad toddobaadkii rabto (1-14), tusaale UGU BADNAAN 2. UGU BADNAAN 0 xadka wuu ka saaraa.',
    cancel_confirmed: ({ task }) => `Mahadsanid ogeysiiska! Hawsha (${short(task)}) waa lagaa qaaday. Qof kale ayaan raadin doonnaa.`,
    cancel_nothing_to_cancel: () => 'Hadda ma lihid hawl la baajin karo.',
    reminder_day_before: ({ task, details }) =>
      `Xusuusin: Berri waxaad leedahay ${describe(task)}. ${details} Haddii aadan awoodin, dir BAAJI.`,
    reminder_two_hours: ({ task, details }) => `Xusuusin: Laba saacadood kadib waxaad leedahay ${describe(task)}. ${details}`,
    check_in_question: ({ task }) =>
      `Mahadsanid caawimaadda (${short(task)})! Si wanaagsan ma u dhacday? Ku jawaab 1 haddii wax walba fiican yihiin, 2 haddii wax u baahan yihiin dabagal.`,
    check_in_thanks_ok: () => 'Aad u fiican! Mahadsanid caawimaadda.',
    check_in_thanks_follow_up: () => 'Mahadsanid ogeysiiska. Isku-duwe ayaa kula soo xiriiri doona.',
    task_changed: ({ before, task, assigned }) =>
      `Isbeddel ${assigned ? 'hawshaada' : 'dalabka'} (${short(before)}): hadda ${when(task)} (${duration(task.durationMinutes)}), ${task.area}. ` +
      (assigned ? 'Haddii aadan awoodin, dir BAAJI.' : 'Ku jawaab HAA ama MAYA sidii hore.'),
    unassigned: ({ task }) => `Isuduwaha ayaa hawsha (${short(task)}) kaa qaaday. Uma baahnid inaad timaado. Mahadsanid diyaar ahaanshahaaga!`,
    volunteer_cancelled_coordinator: ({ task, volunteerName }) =>
      `Svarja: Hawsha #${task.taskId} (${describeInline(task)}) waxaa baajiyay ${volunteerName}. Eeg bogga maamulka.`,
    cancelled_by_coordinator: ({ task }) =>
      `Isku-duwaha ayaa baajiyay hawshaada (${short(task)}). Uma baahnid inaad timaado. Si kastaba mahadsanid!`,
    coordinator_deadline_alert: ({ task, offersSent }) =>
      `Svarja: Hawsha #${task.taskId} (${describeInline(task)}) dhowaan ayay bilaabmaysaa, mutadawacna ma leh. Dalabyada la diray: ${offersSent}.`,
  },
  replyWords: {
    yes: ['haa', 'haa waan awoodaa', 'haa mahadsanid', 'waan awoodaa', 'haye', 'hagaag', 'waa hagaag', 'dabcan', 'ok', '1'],
    no: ['maya', 'maya mahadsanid', 'ma awoodo', 'ma awoodi karo', 'waan ka xumahay', '2'],
    stop: ['jooji', 'stop'],
    start: ['bilow', 'start'],
    hedges: [
      'laakiin', 'haddii', 'malaha', 'laga yaabee', 'waxaa laga yaabaa', 'kaliya', 'keliya', 'kadib', 'ka dib', 'kahor',
      'ka hor', 'ma hubo', 'ma garanayo', 'ma aqaan',
    ],
  },
  readingWords: {
    affirm: [
      'waan imaan', 'waan imaan doonaa', 'waan kaalayaa', 'waan caawin karaa', 'waan ku caawin', 'waa yahay', 'waayahay', 'waa la yeelayaa',
      'okay', 'si fiican', 'haa walaal', 'haa waa yahay', 'haa waan imaan', 'haa dabcan', 'waan diyaar ahay', 'diyaar baan ahay', 'waan joogaa',
    ],
    negators: ['ma', 'maya', 'maayo'],
    regret: ['ka xumahay', 'raali ahow', 'raali noqo', 'i raali gali', 'cudur daar', 'nasiib daro', 'nasiib darro', 'markan'],
    reasons: [
      'waan xanuunsanahay', 'xanuunsan', 'jiran', 'waan jiranahay', 'shaqo', 'shaqada', 'waan shaqeynayaa', 'safar', 'waan safrayaa',
      'isbitaalka', 'cisbitaalka', 'mashquul', 'waan mashquulsanahay', 'ballan', 'balan', 'kama joogo', 'carruurta', 'caruurta', 'dugsiga',
    ],
    withdraw: ['waan ka noqday', 'waan baajiyay', 'ma imaan doono', 'ma iman doono', 'ma iman karo', 'ma imaan karo', 'ka baxay'],
    conditions: ['inshallah', 'insha allah', 'in shaa allah', 'inshaallah', 'isku dayi', 'waan isku dayi', 'ama', 'mise', 'dabadeed', 'maalin kale', 'goor dambe'],
    clauseBreaks: ['laakiin', 'balse', 'hase ahaatee'],
    optOut: [
      'ha ii soo dirin', 'ha isoo dirin', 'iga saar', 'iga tir', 'nambarkayga tir', 'lambarkayga tir', 'ka saar nambarkayga', 'ma rabo fariimo',
      'ma doonayo fariimo', 'fariimo dambe',
    ],
    helpQuestions: ['yaad tahay', 'yaa tahay', 'kumaad tahay', 'yaa qoraya', 'waa maxay', 'waa maxay tan', 'maxay tahay', 'maxaan ku jawaabaa', 'sidee ugu jawaabaa', 'maxaan sameeyaa', 'ma fahmin', 'ma fahmi', 'ma garan'],
    questionWords: ['maxay', 'maxaa', 'xageed', 'xagee', 'goorma', 'sidee', 'yaa', 'immisa', 'miyaan', 'miyaa'],
    autoReply: ['jawaab otomaatig ah'],
    courtesy: ['mahadsanid', 'mahadsanid walaal', 'salaan', 'asc', 'assalamu alaykum', 'nabad', 'see tahay', 'walaal'],
    weekdays: [['isniin'], ['talaado'], ['arbaco', 'arbaca'], ['khamiis'], ['jimce', 'jimco'], ['sabti'], ['axad']],
    today: ['maanta'],
    tomorrow: ['berri', 'berrito'],
  },
  commandWords: {
    cancel: ['baaji', 'ka noqo'],
    pause: ['hakad', 'nasasho'],
    holiday: ['fasax'],
    maxPerWeek: ['ugu badnaan', 'ugu badan'],
    help: ['caawin', 'caawimaad'],
    myTasks: ['hawlaha', 'hawlahayga'],
    days: ['maalmood', 'maalin', 'cisho'],
  },
  // Issue 15: no voice block. Neither Amazon Polly nor Google has a Somali voice in Twilio's <Say>
  // (twilio-node 6.2's SayVoice and SayLanguage list none, and Polly's language list has no so-*), so
  // a Somali volunteer is called in Norwegian (voiceFor falls back to nb). Add the block here once
  // Twilio offers a Somali voice.
};
