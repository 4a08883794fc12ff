import type { DateTime } from 'luxon';
import { formatDuration, listTasks, type Language, type TaskFacts, type TaskType } from '../language';

/** English. */

const typeLabel: Record<TaskType, string> = {
  shopping: 'Shopping help',
  escort: 'Escort',
  visit: 'Visit',
  walk: 'Walk',
  practical: 'Practical help',
  other: 'Task',
};

const duration = (minutes: number) => formatDuration(minutes, { hours: 'h', minutes: 'min' });
const when = (t: TaskFacts) => t.startsAt.setLocale('en-GB').toFormat("ccc d LLL 'at' HH:mm");
const date = (d: DateTime) => d.setLocale('en-GB').toFormat('cccc d MMMM');

/** "Shopping help Thu 3 Dec at 10:00 (1 h), Kolbotn" */
const describe = (t: TaskFacts) => `${typeLabel[t.type]} ${when(t)} (${duration(t.durationMinutes)}), ${t.area}`;
const short = (t: TaskFacts) => `${typeLabel[t.type].toLowerCase()} ${when(t)}`;
const callUs = (phone?: string) => (phone ? ` Questions? Call ${phone}.` : '');

export const en: Language = {
  code: 'en',
  name: 'English',
  aliases: ['engelsk', 'english', 'eng'],
  templates: {
    offer: ({ task, timeoutMinutes }) =>
      `Svarja: Can you help? ${describe(task)}. ${task.summary} Reply YES or NO within ${duration(timeoutMinutes)}.`,
    assigned: ({ task, details, coordinatorPhone }) =>
      `Thank you! The task is yours: ${describe(task)}. ${details}${callUs(coordinatorPhone)}`,
    taken: ({ task }) => `Thanks for answering! The task (${short(task)}) has already been taken by another volunteer.`,
    already_assigned: ({ task }) => `The task (${short(task)}) is already yours. Thank you!`,
    offer_withdrawn: ({ task }) => `The task (${short(task)}) is no longer needed. Thank you all the same!`,
    task_cancelled: ({ task }) => `Your task (${short(task)}) has been cancelled. Thank you for stepping up!`,
    declined_thanks: () => 'Thanks for answering! We will ask someone else.',
    hint_offer: () => 'We did not understand your reply. Reply YES to take the task or NO if you cannot. A coordinator will also see your message.',
    hint_general: () => 'Thanks for your message! A coordinator will look at it. Reply STOP if you want no more offers.',
    no_offer: () => 'You have no open offers right now. We will text you when someone needs help.',
    opted_out: () => 'You are unsubscribed and will get no more offers from Svarja. Send START to sign up again.',
    opted_in: () => 'Welcome back! You will get offers from Svarja again. Send STOP to unsubscribe.',
    already_opted_in: () => 'You are already signed up for offers from Svarja. Send STOP to unsubscribe.',
    opted_out_reminder: () => 'You are unsubscribed from Svarja. Send START to get offers again.',
    unknown_sender: ({ coordinatorPhone }) =>
      `Hello! This number is not registered with Svarja. Your message has been passed to a coordinator.${callUs(coordinatorPhone)}`,
    coordinator_unfilled: ({ task, offersSent }) =>
      `Svarja: Task #${task.taskId} (${describe(task)}) found no volunteer after ${offersSent} offers. See the admin page.`,
    paused_confirmed: ({ until }) => `Thank you! You will get no offers from Svarja until ${date(until)}.`,
    holiday_confirmed: ({ until }) => `Happy holidays! You will get no offers from Svarja until ${date(until)}.`,
    max_per_week_confirmed: ({ count }) => `Done! You will get at most ${count} tasks a week. Send MAX 0 to remove the limit.`,
    max_per_week_removed: () => 'Done! You no longer have a weekly limit on tasks.',
    help: ({ coordinatorPhone }) =>
      'Svarja: Reply YES or NO to offers. CANCEL: give up your task. PAUSE 14: pause for 14 days. ' +
      'HOLIDAY 3.1: away until 3 January. MAX 2: at most 2 tasks a week. TASKS: your tasks. STOP: unsubscribe.' +
      callUs(coordinatorPhone),
    my_tasks: ({ tasks }) =>
      tasks.length === 0
        ? 'You have no coming tasks right now. Thank you for being with us!'
        : `Your tasks: ${listTasks(tasks, (t) => `${typeLabel[t.type]} ${when(t)}, ${t.area}`, (n) => `and ${n} more`, { max: 3, separator: '; ' })}.`,
    usage_pause: () => 'Send PAUSE and the number of days (1-365), for example PAUSE 14.',
    usage_holiday: () => 'Send HOLIDAY and the date it lasts until, for example HOLIDAY 3.1 for 3 January.',
    usage_max_per_week: () => 'Send MAX and how many tasks you want a week (1-14), for example MAX 2. MAX 0 removes the limit.',
    cancel_confirmed: ({ task }) => `Thanks for letting us know! You are off the task (${short(task)}). We will find someone else.`,
    cancel_nothing_to_cancel: () => 'You have no task to cancel right now.',
    reminder_day_before: ({ task, details }) =>
      `Reminder: Tomorrow you have ${describe(task)}. ${details} Send CANCEL if you cannot make it after all.`,
    reminder_two_hours: ({ task, details }) => `Reminder: In two hours you have ${describe(task)}. ${details}`,
    check_in_question: ({ task }) =>
      `Thank you for your help (${short(task)})! Did it go well? Reply 1 if all went fine, 2 if something needs follow-up.`,
    check_in_thanks_ok: () => 'Wonderful! Thank you for your help.',
    check_in_thanks_follow_up: () => 'Thanks for letting us know. A coordinator will contact you.',
    volunteer_cancelled_coordinator: ({ task, volunteerName }) =>
      `Svarja: ${volunteerName} has cancelled task #${task.taskId} (${describe(task)}). See the admin page.`,
    cancelled_by_coordinator: ({ task }) =>
      `The coordinator has cancelled your task (${short(task)}). You do not need to come. Thank you all the same!`,
    coordinator_deadline_alert: ({ task, offersSent }) =>
      `Svarja: Task #${task.taskId} (${describe(task)}) starts soon and has no volunteer after ${offersSent} offers. See the admin page.`,
  },
  replyWords: {
    yes: [
      'yes', 'yes please', 'yes i can', 'yep', 'yeah', 'yup', 'ya', 'sure', 'sure thing', 'of course', 'ok', 'okay',
      'i can', 'i can do it', "i'll take it", 'count me in', 'no problem', 'no worries',
      '1', 'y',
    ],
    no: [
      'no', 'no thanks', 'no thank you', 'nope', 'nah', 'sorry no', 'not', 'not this time', 'not today', 'never',
      "can't", 'cant', 'cannot', 'can not', "i can't", 'i cannot', 'i can not', 'unable', 'not available', 'unavailable',
      '2', 'n',
    ],
    stop: ['stop', 'stop all', 'stopall', 'unsubscribe', 'end', 'quit'],
    start: ['start', 'unstop', 'start again'],
    hedges: [
      'but', 'if', 'unless', 'maybe', 'perhaps', 'possibly', 'probably', 'only', 'after', 'before', 'until', 'later',
      'think', 'not sure', 'unsure', "don't know", 'dont know', 'idk', 'depends',
    ],
  },
  commandWords: {
    cancel: ['cancel', 'cancel task'],
    pause: ['pause'],
    holiday: ['holiday', 'holiday until', 'vacation'],
    maxPerWeek: ['max', 'max per week'],
    help: ['help'],
    myTasks: ['tasks', 'my tasks'],
    days: ['days', 'day', 'd'],
  },
};
