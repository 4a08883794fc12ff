import type { DateTime } from 'luxon';
import { formatDuration, listTasks, type Language, type TaskFacts, type TaskType } from '../language';

/**
 * Ukrainian. Cyrillic makes every SMS UCS-2 (67 characters a part), so texts are short and dates
 * numeric. Reply words include the Russian and Latin-keyboard forms many Ukrainians text in.
 */

const typeLabel: Record<TaskType, string> = {
  shopping: 'Покупки',
  escort: 'Супровід',
  visit: 'Візит',
  walk: 'Прогулянка',
  practical: 'Практична допомога',
  other: 'Завдання',
};

const duration = (minutes: number) => formatDuration(minutes, { hours: 'год', minutes: 'хв' });
const when = (t: TaskFacts) => t.startsAt.setLocale('uk').toFormat("ccc d.MM 'о' HH:mm");
const date = (d: DateTime) => d.setLocale('uk').toFormat('d MMMM');

/** "Покупки чт 3.12 о 10:00 (1 год), Kolbotn" */
const describe = (t: TaskFacts) => `${typeLabel[t.type]} ${when(t)} (${duration(t.durationMinutes)}), ${t.area}`;
/** describe() without its own parentheses, for texts that put the task in parentheses. */
const describeInline = (t: TaskFacts) => `${typeLabel[t.type]} ${when(t)}, ${duration(t.durationMinutes)}, ${t.area}`;
const short = (t: TaskFacts) => `${typeLabel[t.type].toLowerCase()} ${when(t)}`;
const callUs = (phone?: string) => (phone ? ` Тел.: ${phone}` : '');

/** What the caller is asked to do, as a phrase after «Чи можете ви». */
const spokenTask: Record<TaskType, string> = {
  shopping: 'допомогти людині з покупками', escort: 'супроводити людину до лікаря', visit: 'відвідати людину',
  walk: 'погуляти з людиною', practical: 'допомогти людині з практичними справами', other: 'допомогти людині',
};
/** «у пʼятницю 4 грудня о 14:30»: the weekday after «у» takes the accusative (у середу, у суботу). */
const SPOKEN_WEEKDAY = ['', 'у понеділок', 'у вівторок', 'у середу', 'у четвер', 'у пʼятницю', 'у суботу', 'у неділю'];
const spokenWhen = (t: TaskFacts) => `${SPOKEN_WEEKDAY[t.startsAt.weekday]} ${t.startsAt.setLocale('uk').toFormat("d MMMM 'о' HH:mm")}`;

export const uk: Language = {
  code: 'uk',
  name: 'українська',
  aliases: ['ukrainsk', 'ukrainian', 'ukr'],
  templates: {
    offer: ({ task, timeoutMinutes }) =>
      `Svarja: Допоможете? ${describe(task)}. ${task.summary} Відповідь ТАК чи НІ за ${duration(timeoutMinutes)}.`,
    assigned: ({ task, details, coordinatorPhone }) =>
      `Дякуємо! Завдання ваше: ${describe(task)}. ${details}${callUs(coordinatorPhone)}`,
    taken: ({ task }) => `Дякуємо за відповідь! Завдання (${short(task)}) вже взяв інший волонтер.`,
    offer_taken: ({ task }) => `Завдання (${short(task)}) вже взяв інший волонтер. Все одно дякуємо!`,
    already_assigned: ({ task }) => `Завдання (${short(task)}) вже ваше. Дякуємо!`,
    offer_withdrawn: ({ task }) => `Завдання (${short(task)}) більше не потрібне. Все одно дякуємо!`,
    offer_closed_for_you: ({ task }) => `Пропозиція (${short(task)}) для вас більше не діє. Відповідати не потрібно. Дякуємо!`,
    task_cancelled: ({ task }) => `Ваше завдання (${short(task)}) скасовано. Дякуємо за готовність допомогти!`,
    declined_thanks: () => 'Дякуємо за відповідь! Запитаємо когось іншого.',
    hint_offer: () => 'Ми не зрозуміли відповідь. Напишіть ТАК, щоб взяти завдання, або НІ, якщо не можете. Координатор теж її побачить.',
    hint_general: () => 'Дякуємо за повідомлення! Координатор його перегляне. Напишіть СТОП, якщо не хочете більше пропозицій.',
    media_not_read: () => 'Svarja читає лише текст, не фото чи вкладення. Напишіть відповідь звичайним SMS, наприклад ТАК або НІ. Координатор теж її побачить.',
    no_offer: () => 'Зараз у вас немає відкритих пропозицій. Ми напишемо, коли комусь буде потрібна допомога.',
    opted_out: () => 'Вас відписано: пропозицій від Svarja більше не буде. Напишіть СТАРТ, щоб підписатися знову.',
    opted_in: () => 'Раді вашому поверненню! Ви знову отримуватимете пропозиції Svarja. СТОП - відписатися.',
    already_opted_in: () => 'Ви вже отримуєте пропозиції Svarja. Напишіть СТОП, щоб відписатися.',
    opted_out_reminder: () => 'Ви відписані від Svarja. Напишіть СТАРТ, щоб знову отримувати пропозиції.',
    unknown_sender: ({ coordinatorPhone }) =>
      `Вітаємо! Цей номер не зареєстровано у Svarja. Повідомлення передано координатору.${callUs(coordinatorPhone)}`,
    coordinator_unfilled: ({ task, offersSent }) =>
      `Svarja: завдання #${task.taskId} (${describeInline(task)}) без волонтера. Пропозицій: ${offersSent}.`,
    paused_confirmed: ({ until }) => `Дякуємо! Пропозицій не буде до ${date(until)}.`,
    holiday_confirmed: ({ until }) => `Гарної відпустки! Пропозицій не буде до ${date(until)}.`,
    max_per_week_confirmed: ({ count }) => `Гаразд! Ліміт завдань: ${count} на тиждень. МАКС 0 знімає ліміт.`,
    max_per_week_removed: () => 'Гаразд! Ліміту завдань на тиждень більше немає.',
    help: ({ coordinatorPhone }) =>
      'Команди: СКАСУВАТИ, ПАУЗА 14 (днів), ВІДПУСТКА 3.1 (до 3 січня), МАКС 2 (на тиждень), ЗАВДАННЯ, СТОП.' +
      callUs(coordinatorPhone),
    help_who: ({ centreName, centrePhone }) =>
      `Це ${centreName} (тел. ${centrePhone}): волонтери для літніх людей. Відповідь ТАК, НІ або СТОП (без повідомлень).`,
    withdraw_which: ({ tasks }) =>
      `Яке завдання скасувати? ${listTasks(tasks, short, (n) => `і ще ${n}`, { max: 2, separator: '; ' })}. Напишіть день.`,
    my_tasks: ({ tasks }) =>
      tasks.length === 0
        ? 'Зараз у вас немає завдань. Дякуємо, що ви з нами!'
        : `Ваші завдання: ${listTasks(tasks, (t) => `${short(t)}, ${t.area}`, (n) => `ще ${n}`, { max: 2, separator: '; ' })}.`,
    usage_pause: () => 'Напишіть ПАУЗА і кількість днів (1-365), наприклад ПАУЗА 14.',
    usage_holiday: () => 'Напишіть ВІДПУСТКА і дату її кінця, наприклад ВІДПУСТКА 3.1 (до 3 січня).',
    usage_max_per_week: () => 'Напишіть МАКС і скільки завдань на тиждень (1-14), наприклад МАКС 2. МАКС 0 знімає ліміт.',
    cancel_confirmed: ({ task }) => `Дякуємо, що повідомили! Завдання (${short(task)}) знято з вас. Ми знайдемо когось іншого.`,
    cancel_nothing_to_cancel: () => 'Зараз у вас немає завдання, яке можна скасувати.',
    reminder_day_before: ({ task, details }) =>
      `Нагадування: завтра ${describe(task)}. ${details} Не зможете? Напишіть СКАСУВАТИ.`,
    reminder_two_hours: ({ task, details }) => `Нагадування: через дві години ${describe(task)}. ${details}`,
    check_in_question: ({ task }) =>
      `Як пройшло завдання (${short(task)})? Напишіть 1, якщо все добре, 2, якщо щось потребує уваги.`,
    check_in_thanks_ok: () => 'Чудово! Дякуємо за допомогу.',
    check_in_thanks_follow_up: () => "Дякуємо, що повідомили. Координатор зв'яжеться з вами.",
    task_changed: ({ before, task, assigned }) =>
      `Зміна (${short(before)}): тепер ${when(task)}, ${task.area}. ${assigned ? 'Не зможете? Напишіть СКАСУВАТИ.' : 'Відповідь ТАК чи НІ.'}`,
    unassigned: ({ task }) => `Координатор зняв вас із завдання (${short(task)}). Приходити не потрібно. Дякуємо за готовність допомогти!`,
    volunteer_cancelled_coordinator: ({ task, volunteerName }) =>
      `Svarja: ${volunteerName} скасовує завдання #${task.taskId} (${describeInline(task)}).`,
    cancelled_by_coordinator: ({ task }) =>
      `Координатор скасував ваше завдання (${short(task)}). Приходити не потрібно. Дякуємо!`,
    coordinator_deadline_alert: ({ task, offersSent }) =>
      `Svarja: завдання #${task.taskId} (${describeInline(task)}) скоро, волонтера немає. Пропозицій: ${offersSent}.`,
  },
  replyWords: {
    yes: [
      'так', 'так звісно', 'так звичайно', 'так можу', 'звісно', 'звичайно', 'можу', 'я можу', 'добре', 'гаразд',
      'ок', 'окей', 'ok', 'з радістю', 'залюбки', 'без проблем', 'да', 'tak', '1',
    ],
    no: [
      'ні', 'ні дякую', 'ні на жаль', 'на жаль', 'на жаль ні', 'нажаль', 'не можу', 'я не можу', 'на жаль не можу',
      'не', 'нет', 'ni', '2',
    ],
    stop: ['стоп', 'відписатися', 'відписка', 'зупинити'],
    start: ['старт', 'почати', 'підписатися'],
    hedges: [
      'але', 'якщо', 'коли', 'можливо', 'може', 'мабуть', 'тільки', 'лише', 'після', 'до', 'пізніше', 'не знаю',
      'не впевнений', 'не впевнена', 'залежить',
    ],
  },
  // Many Ukrainian speakers also write Russian: the common Russian forms are listed too.
  readingWords: {
    affirm: [
      'так так', 'звісно так', 'звичайно так', 'авжеж', 'із задоволенням', 'з задоволенням', 'можу допомогти', 'я допоможу', 'допоможу',
      'я прийду', 'прийду', 'я буду', 'згодна', 'згоден', 'погоджуюсь', 'чудово', 'домовились', 'домовилися', 'без питань', 'не проблема',
      'нема проблем', 'немає проблем', 'конечно', 'могу', 'я могу', 'хорошо', 'ладно', 'супер', 'с удовольствием', 'да конечно', 'так звісно можу',
      'так я можу', 'я можу допомогти',
    ],
    negators: ['не', 'ні', 'ни', 'нет', 'ніколи', 'никогда'],
    regret: ['на жаль', 'нажаль', 'шкода', 'вибачте', 'вибач', 'перепрошую', 'к сожалению', 'извините', 'сорі', 'sorry', 'цього разу'],
    reasons: [
      'хворію', 'хвора', 'хворий', 'захворіла', 'захворів', 'на роботі', 'працюю', 'у від\'їзді', 'поїхала', 'поїхав', 'в лікарні', 'у лікарні',
      'зайнята', 'зайнятий', 'маю справи', 'в іншому місті', 'за кордоном', 'у відпустці', 'до лікаря', 'занята', 'занят', 'болею', 'на работе',
      'уехала', 'уехал', 'в отъезде', 'курси', 'на курсах', 'на навчанні', 'діти', 'з дітьми',
    ],
    withdraw: [
      'все ж таки', 'все таки', 'всетаки', 'передумала', 'передумав', 'скасую', 'відмовляюсь', 'відмовитися', 'не зможу', 'не прийду',
      'не вийде', 'не получится', 'не смогу', 'не приду',
    ],
    conditions: [
      'якщо', 'коли', 'можливо', 'може', 'мабуть', 'тільки', 'лише', 'після', 'пізніше', 'не знаю', 'залежить', 'або', 'напевно', 'спробую',
      'подивлюсь', 'подумаю', 'уточню', 'если', 'может быть', 'наверное', 'только', 'попробую', 'потім', 'інший день', 'іншого дня', 'чи можна',
    ],
    clauseBreaks: ['але', 'однак', 'проте', 'но'],
    optOut: [
      'не пишіть', 'не пишіть мені', 'більше не пишіть', 'не надсилайте', 'видаліть мене', 'видаліть мій номер', 'видаліть номер', 'відпишіть',
      'відпишіть мене', 'не хочу отримувати', 'більше не хочу', 'не хочу більше', 'вилучіть мене', 'не пишите', 'удалите мой номер', 'отпишите',
    ],
    helpQuestions: [
      'хто це', 'хто ви', 'хто пише', 'що це', 'що це таке', 'що це означає', 'що відповідати', 'що мені відповісти', 'як відповісти',
      'як відповідати', 'кто это', 'что это', 'что отвечать', 'не розумію', 'не зрозуміла', 'не зрозумів', 'не понимаю',
    ],
    questionWords: ['що', 'хто', 'де', 'як', 'чому', 'який', 'яка', 'чи', 'куди', 'скільки', 'что', 'где', 'как', 'кто', 'треба', 'потрібно', 'о котрій'],
    autoReply: ['автовідповідь', 'автоматична відповідь', 'автоответ'],
    courtesy: ['дякую', 'дуже дякую', 'спасибі', 'спасибо', 'привіт', 'добрий день', 'доброго дня', 'здравствуйте', 'вітаю', 'з повагою'],
    weekdays: [
      ['понеділок', 'понеділка'], ['вівторок', 'вівторка'], ['середа', 'середу'], ['четвер', 'четверга'], ['п\'ятниця', 'п\'ятницю', 'пятниця', 'пятницю'],
      ['субота', 'суботу'], ['неділя', 'неділю'],
    ],
    today: ['сьогодні', 'сегодня'],
    tomorrow: ['завтра'],
  },
  commandWords: {
    cancel: ['скасувати', 'скасувати завдання'],
    pause: ['пауза'],
    holiday: ['відпустка'],
    maxPerWeek: ['макс', 'максимум'],
    help: ['допомога'],
    myTasks: ['завдання', 'мої завдання'],
    days: ['днів', 'дні', 'день', 'дн'],
  },
  // Issue 15: calls in Ukrainian. Amazon Polly has no Ukrainian voice; Twilio's <Say> has Google's
  // (Google.uk-UA-Standard-A and Google.uk-UA-Wavenet-A with language uk-UA, in twilio-node 6.2's
  // SayVoice). The task's summary and details are the coordinator's Norwegian: the offer leaves the
  // summary out, and after a yes the details are read as written, as the Norwegian call reads them.
  voice: {
    sayLanguage: 'uk-UA',
    voice: 'Google.uk-UA-Wavenet-A',
    offer: ({ firstName, centreName, task }) =>
      `Добрий день, ${firstName}! Це ${centreName}. Чи можете ви ${spokenTask[task.type]} ${spokenWhen(task)}, у районі ${task.area}?`,
    keys: () => 'Натисніть 1, якщо так, 2, якщо ні, або 0, щоб прослухати ще раз.',
    accepted: ({ task, details, bySms }) =>
      `Щиро дякуємо! Завдання ваше: ${spokenWhen(task)}, у районі ${task.area}. Подробиці: ${details}${bySms ? ' Ми також надішлемо це в SMS.' : ''} До побачення!`,
    declined: () => 'Дякуємо за відповідь! Ми запитаємо когось іншого. До побачення!',
    taken: () => 'Дякуємо за відповідь! Хтось інший уже взяв це завдання. До побачення!',
    unknownKey: () => 'Вибачте, я не зрозуміла.',
    noAnswerGoodbye: ({ centrePhone }) => `Ми не почули відповіді. Ви можете передзвонити нам за номером ${centrePhone}. До побачення!`,
    machineMessage: ({ centreName, centrePhone, bySms }) =>
      `Добрий день, це ${centreName}. Хочемо запитати, чи можете ви допомогти з одним завданням.${bySms ? ' Зараз ми надішлемо вам про це SMS.' : ''} Будь ласка, передзвоніть нам за номером ${centrePhone}. До побачення!`,
    taskAhead: ({ firstName, centreName, task }) =>
      `Добрий день, ${firstName}! Це ${centreName}. Ваше наступне завдання: ${spokenWhen(task)}, у районі ${task.area}. Натисніть 9, щоб його скасувати. Якщо ні, можете покласти слухавку.`,
    confirmCancel: () => 'Ви хочете скасувати завдання? Натисніть 1, щоб підтвердити.',
    cancelled: () => 'Завдання скасовано. Ми запитаємо когось іншого. До побачення!',
    keptTask: () => 'Завдання залишається за вами. До побачення!',
  },
};
