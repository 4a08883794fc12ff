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
const short = (t: TaskFacts) => `${typeLabel[t.type].toLowerCase()} ${when(t)}`;
const callUs = (phone?: string) => (phone ? ` Тел.: ${phone}` : '');

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
    already_assigned: ({ task }) => `Завдання (${short(task)}) вже ваше. Дякуємо!`,
    offer_withdrawn: ({ task }) => `Завдання (${short(task)}) більше не потрібне. Все одно дякуємо!`,
    task_cancelled: ({ task }) => `Ваше завдання (${short(task)}) скасовано. Дякуємо за готовність допомогти!`,
    declined_thanks: () => 'Дякуємо за відповідь! Запитаємо когось іншого.',
    hint_offer: () => 'Ми не зрозуміли відповідь. Напишіть ТАК, щоб взяти завдання, або НІ, якщо не можете. Координатор теж її побачить.',
    hint_general: () => 'Дякуємо за повідомлення! Координатор його перегляне. Напишіть СТОП, якщо не хочете більше пропозицій.',
    no_offer: () => 'Зараз у вас немає відкритих пропозицій. Ми напишемо, коли комусь буде потрібна допомога.',
    opted_out: () => 'Вас відписано: пропозицій від Svarja більше не буде. Напишіть СТАРТ, щоб підписатися знову.',
    opted_in: () => 'Раді вашому поверненню! Ви знову отримуватимете пропозиції Svarja. СТОП - відписатися.',
    already_opted_in: () => 'Ви вже отримуєте пропозиції Svarja. Напишіть СТОП, щоб відписатися.',
    opted_out_reminder: () => 'Ви відписані від Svarja. Напишіть СТАРТ, щоб знову отримувати пропозиції.',
    unknown_sender: ({ coordinatorPhone }) =>
      `Вітаємо! Цей номер не зареєстровано у Svarja. Повідомлення передано координатору.${callUs(coordinatorPhone)}`,
    coordinator_unfilled: ({ task, offersSent }) =>
      `Svarja: завдання #${task.taskId} (${describe(task)}) без волонтера. Пропозицій: ${offersSent}.`,
    paused_confirmed: ({ until }) => `Дякуємо! Пропозицій не буде до ${date(until)}.`,
    holiday_confirmed: ({ until }) => `Гарної відпустки! Пропозицій не буде до ${date(until)}.`,
    max_per_week_confirmed: ({ count }) => `Гаразд! Ліміт завдань: ${count} на тиждень. МАКС 0 знімає ліміт.`,
    max_per_week_removed: () => 'Гаразд! Ліміту завдань на тиждень більше немає.',
    help: ({ coordinatorPhone }) =>
      'Команди: СКАСУВАТИ, ПАУЗА 14 (днів), ВІДПУСТКА 3.1 (до 3 січня), МАКС 2 (на тиждень), ЗАВДАННЯ, СТОП.' +
      callUs(coordinatorPhone),
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
    volunteer_cancelled_coordinator: ({ task, volunteerName }) =>
      `Svarja: ${volunteerName} скасовує завдання #${task.taskId} (${describe(task)}).`,
    cancelled_by_coordinator: ({ task }) =>
      `Координатор скасував ваше завдання (${short(task)}). Приходити не потрібно. Дякуємо!`,
    coordinator_deadline_alert: ({ task, offersSent }) =>
      `Svarja: завдання #${task.taskId} (${describe(task)}) скоро, волонтера немає. Пропозицій: ${offersSent}.`,
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
  commandWords: {
    cancel: ['скасувати', 'скасувати завдання'],
    pause: ['пауза'],
    holiday: ['відпустка'],
    maxPerWeek: ['макс', 'максимум'],
    help: ['допомога'],
    myTasks: ['завдання', 'мої завдання'],
    days: ['днів', 'дні', 'день', 'дн'],
  },
};
