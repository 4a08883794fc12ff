import type { DateTime } from 'luxon';
import { formatDuration, listTasks, type Language, type TaskFacts, type TaskType } from '../language';
import { daysOfFacts, lastDayOf, requestText, shortDateText as shortDate, taskCountOf, whenText, type RequestFacts } from '../request-facts';
import type { RequesterTemplates } from '../requester-templates';

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
/** describe() without its own parentheses, for texts that put the task in parentheses. */
const describeInline = (t: TaskFacts) => `${typeLabel[t.type]} ${when(t)}, ${duration(t.durationMinutes)}, ${t.area}`;
const short = (t: TaskFacts) => `${typeLabel[t.type].toLowerCase()} ${when(t)}`;
const callUs = (phone?: string) => (phone ? ` Questions? Call ${phone}.` : '');
/** What the caller is asked to do, as a phrase after «Can you». */
const spokenTask: Record<TaskType, string> = {
  shopping: 'help a person with shopping', escort: 'go with a person to the doctor', visit: 'visit a person',
  walk: 'go for a walk with a person', practical: 'give a person practical help', other: 'help a person',
};
/** «Friday 4 December at 14:30», as the voice should read it. */
const spokenWhen = (t: TaskFacts) => t.startsAt.setLocale('en-GB').toFormat("cccc d MMMM 'at' HH:mm");

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
    offer_taken: ({ task }) => `The task (${short(task)}) has already been taken by another volunteer. Thank you all the same!`,
    already_assigned: ({ task }) => `The task (${short(task)}) is already yours. Thank you!`,
    offer_withdrawn: ({ task }) => `The task (${short(task)}) is no longer needed. Thank you all the same!`,
    offer_closed_for_you: ({ task }) => `The offer (${short(task)}) no longer stands for you. No need to answer. Thank you!`,
    task_cancelled: ({ task }) => `Your task (${short(task)}) has been cancelled. Thank you for stepping up!`,
    declined_thanks: () => 'Thanks for answering! We will ask someone else.',
    hint_offer: () => 'We did not understand your reply. Reply YES to take the task or NO if you cannot. A coordinator will also see your message.',
    hint_general: () => 'Thanks for your message! A coordinator will look at it. Reply STOP if you want no more offers.',
    media_not_read: () => 'Svarja reads only text, not pictures or attachments. Please write your answer as a normal text, for example YES or NO. A coordinator will also see your message.',
    no_offer: () => 'You have no open offers right now. We will text you when someone needs help.',
    opted_out: () => 'You are unsubscribed and will get no more offers from Svarja. Send START to sign up again.',
    opted_in: () => 'Welcome back! You will get offers from Svarja again. Send STOP to unsubscribe.',
    already_opted_in: () => 'You are already signed up for offers from Svarja. Send STOP to unsubscribe.',
    opted_out_reminder: () => 'You are unsubscribed from Svarja. Send START to get offers again.',
    unknown_sender: ({ coordinatorPhone }) =>
      `Hello! This number is not registered with Svarja. Your message has been passed to a coordinator.${callUs(coordinatorPhone)}`,
    coordinator_unfilled: ({ task, offersSent }) =>
      `Svarja: Task #${task.taskId} (${describeInline(task)}) found no volunteer after ${offersSent} ${offersSent === 1 ? 'offer' : 'offers'}. See the admin page.`,
    paused_confirmed: ({ until }) => `Thank you! You will get no offers from Svarja until ${date(until)}.`,
    holiday_confirmed: ({ until }) => `Happy holidays! You will get no offers from Svarja until ${date(until)}.`,
    max_per_week_confirmed: ({ count }) => `Done! You will get at most ${count} ${count === 1 ? 'task' : 'tasks'} a week. Send MAX 0 to remove the limit.`,
    max_per_week_removed: () => 'Done! You no longer have a weekly limit on tasks.',
    help: ({ coordinatorPhone }) =>
      'Svarja: Reply YES or NO to offers. CANCEL: give up your task. PAUSE 14: pause for 14 days. ' +
      'HOLIDAY 3.1: away until 3 January. MAX 2: at most 2 tasks a week. TASKS: your tasks. STOP: unsubscribe.' +
      callUs(coordinatorPhone),
    help_who: ({ centreName, centrePhone }) =>
      `Hello! This message is from ${centreName} (phone ${centrePhone}). We ask volunteers to help elderly people. ` +
      'Reply YES to take the task, NO if you cannot, STOP for no more messages.',
    withdraw_which: ({ tasks }) =>
      `Which task can you not do? ${listTasks(tasks, short, (n) => `and ${n} more`, { max: 3, separator: '; ' })}. ` +
      'Write the day, for example "cannot Thursday". A coordinator also reads your message.',
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
    task_changed: ({ before, task, assigned }) =>
      `Change to ${assigned ? 'your task' : 'the offer'} (${short(before)}): now ${when(task)} (${duration(task.durationMinutes)}), ${task.area}. ` +
      (assigned ? 'Send CANCEL if you cannot make it now.' : 'Reply YES or NO as before.'),
    unassigned: ({ task }) => `The coordinator has taken you off the task (${short(task)}). You do not need to come. Thank you for offering to help!`,
    volunteer_cancelled_coordinator: ({ task, volunteerName }) =>
      `Svarja: ${volunteerName} has cancelled task #${task.taskId} (${describeInline(task)}). See the admin page.`,
    cancelled_by_coordinator: ({ task }) =>
      `The coordinator has cancelled your task (${short(task)}). You do not need to come. Thank you all the same!`,
    coordinator_deadline_alert: ({ task, offersSent }) =>
      `Svarja: Task #${task.taskId} (${describeInline(task)}) starts soon and has no volunteer after ${offersSent} ${offersSent === 1 ? 'offer' : 'offers'}. See the admin page.`,
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
  readingWords: {
    affirm: [
      "i'd love to", 'id love to', 'love to', 'happy to', 'glad to', 'happy to help', 'glad to help', 'i can do that', 'i can help', 'can do',
      'will do', 'sounds good', 'that works', 'works for me', 'fine', 'fine by me', 'all good', 'not a problem', 'no prob', 'np', 'absolutely',
      'definitely', 'certainly', 'ofc', 'why not', 'alright', 'all right', 'okey dokey', 'k', 'kk', "i'll do it", 'ill do it', "i'll be there",
      'ill be there', 'i will be there', "i'll go", 'i will go', 'put me down', 'sign me up', "i'm in", 'im in', 'i am in', 'yess', 'yea', 'yeh',
      'aye', 'i accept', 'accept', 'gladly', 'with pleasure', 'great', 'perfect', 'of course i can', 'yes of course', 'i will', "i'll take it",
      'ill take it', 'i can take it', 'i can come', 'i can go', 'i will help', "i'll help", 'ill help', 'done', 'deal', 'yes sure', 'sure can', "can't wait", 'cant wait', "i can't wait", 'i cant wait', 'i would love to', 'i would be happy to', "i'd be happy to",
    ],
    negators: ['not', "don't", 'dont', "won't", 'wont', "can't", 'cant', 'cannot', 'never', 'unable', "isn't", "doesn't", 'doesnt', "couldn't", "wouldn't", 'no', 'nope', 'nah'],
    regret: [
      'sorry', 'so sorry', 'unfortunately', 'afraid', "i'm afraid", 'regret', 'apologies', 'apologize', 'apologise', 'have to decline', 'decline',
      "i'll pass", 'ill pass', 'pass', 'have to pass', 'rain check', 'no can do', 'too bad', 'this time', 'not this time',
    ],
    reasons: [
      'away', 'out of town', 'travelling', 'traveling', 'on holiday', 'on vacation', 'at work', 'working', 'sick', "i'm ill", 'im ill', 'feeling ill',
      'unwell', 'busy', 'in hospital', 'hospital', 'appointment', 'at the cabin', 'abroad', 'visiting family', 'babysitting', 'not home', 'not around',
      'fully booked', 'booked', 'other plans', 'have plans', 'plans', 'commitment', 'tied up', 'flu', 'covid', 'a cold', 'my back', 'no car', 'away until', 'out of office',
    ],
    withdraw: [
      'after all', 'have to cancel', 'need to cancel', 'must cancel', 'cancel', "can't make it", 'cant make it', "won't make it", 'wont make it',
      "can't come", 'cant come', "won't be able", 'wont be able', 'not able to come', 'drop out', 'back out', 'pull out', 'something came up',
      'something has come up', 'can no longer', 'no longer able', 'give it back', 'withdraw', 'bail', 'anymore', 'any more',
    ],
    conditions: [
      'if', 'unless', 'maybe', 'perhaps', 'possibly', 'probably', 'might', 'might be', 'may be', 'depends', 'depending', 'provided', 'as long as',
      'only if', 'only', 'not sure', 'unsure', 'i think', 'think', 'i guess', 'guess', 'hopefully', 'hope', 'try', "i'll try", 'i will try',
      'should be', 'let me check', 'check', 'get back', 'let you know', 'later', 'instead', 'another day', 'other day', 'rather', 'prefer', 'or',
      'actually', 'wait', 'hmm', 'hm', 'lift', 'ride', 'until', 'till', 'after', 'before', 'earliest', 'latest', 'between', 'ask my', 'check with',
      'talk to', 'confirm', 'could we', 'can we', 'can it be', 'is it ok if', 'would it be possible', 'next week', 'call me', 'call you', 'this week', 'for a while', 'for now', 'temporarily', 'in principle', 'basically', 'in that case', 'must', 'have to', 'pick me up', 'drive me', 'morning',
      'afternoon', 'evening', 'in the morning', 'late', 'a bit late', 'probably fine',
    ],
    clauseBreaks: ['but', 'though', 'although', 'however', 'except'],
    optOut: [
      'stop texting', 'stop sending', 'stop messaging', "don't text me", 'dont text me', 'do not text', "don't send", 'dont send', 'do not send',
      'no more messages', 'no more texts', 'no more sms', 'remove me', 'remove my number', 'delete my number', 'delete me', 'take me off',
      'unsubscribe me', 'opt out', 'opt me out', 'leave me alone', "don't contact me", 'dont contact me', 'do not contact', 'not interested anymore',
      'no longer interested', 'not interested any more', 'stop volunteering', 'take my number off', "don't want these", 'dont want these',
      "don't want any more", 'dont want any more',
    ],
    helpQuestions: [
      'who is this', "who's this", 'whos this', 'who are you', 'who is texting', 'what is this', "what's this", 'whats this', 'what is this about',
      "what's this about", 'what does this mean', 'what do i answer', 'what should i answer', 'what should i reply', 'how do i answer', 'how do i reply',
      'how does this work', 'what do i do', 'how did you get my number', 'is this spam', 'is this a scam', 'scam', "i don't understand",
      'i dont understand', "don't understand", 'dont understand', 'huh', 'what do you mean',
    ],
    questionWords: [
      'what', 'who', 'where', 'when', 'how', 'why', 'which', 'should i', 'do i', 'shall i', 'can i', 'is it', 'is there', 'will there', 'does',
      'do you', 'will i', 'could you', 'do they', 'does she', 'does he', 'is she', 'is he', 'are there', 'do we',
    ],
    autoReply: [
      'auto reply', 'autoreply', 'automatic reply', 'out of office', 'out of the office', "i'm driving", 'im driving', 'i am driving',
      'do not disturb', "i'll see your message", 'will reply when', 'limited access', 'away from my phone', 'currently away', 'away until', 'back on', "i'll be back", 'i will be back', 'returning on',
    ],
    courtesy: [
      'thanks', 'thank you', 'thx', 'ty', 'hi', 'hello', 'hey', 'dear', 'good morning', 'good afternoon', 'good evening', 'regards', 'best regards',
      'kind regards', 'best', 'cheers', 'thanks for asking', 'thank you for asking', 'have a nice day', 'take care', 'see you', 'see you then', 'looking forward', "i'm free", 'im free', 'excuse me', 'bless you', 'many thanks',
    ],
    weekdays: [
      ['monday'], ['tuesday', 'tues'], ['wednesday'], ['thursday', 'thurs'], ['friday'], ['saturday'], ['sunday'],
    ],
    today: ['today', 'tonight', 'this evening', 'this afternoon'],
    tomorrow: ['tomorrow', 'tmrw', 'tomorow', 'tommorow', 'tommorrow'],
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
  voice: {
    sayLanguage: 'en-GB',
    voice: 'Polly.Amy-Neural',
    offer: ({ firstName, centreName, task }) =>
      `Hello ${firstName}, this is ${centreName}. Can you ${spokenTask[task.type]} ${spokenWhen(task)}, in ${task.area}? ${task.summary}`,
    keys: () => 'Press 1 for yes, 2 for no, 0 to hear this again.',
    accepted: ({ task, details, bySms }) =>
      `Thank you! The task is yours: ${spokenWhen(task)}, in ${task.area}. ${details}${bySms ? ' You will get this by SMS too.' : ''} Goodbye!`,
    declined: () => 'Thank you for answering! We will ask someone else. Goodbye!',
    taken: () => 'Thank you for answering! Someone else has already taken the task. Goodbye!',
    unknownKey: () => 'Sorry, I did not understand that.',
    noAnswerGoodbye: ({ centrePhone }) => `We did not hear an answer. You can call us back on ${centrePhone}. Goodbye!`,
    machineMessage: ({ centreName, centrePhone, bySms }) =>
      `Hello, this is ${centreName}. We wonder if you can help with a task.${bySms ? ' We are sending you an SMS about it now.' : ''} Please call us back on ${centrePhone}. Goodbye!`,
    taskAhead: ({ firstName, centreName, task }) =>
      `Hello ${firstName}, this is ${centreName}. Your next task is ${spokenWhen(task)}, in ${task.area}. Press 9 to cancel it. Otherwise you can hang up.`,
    confirmCancel: () => 'Do you want to cancel the task? Press 1 to confirm.',
    cancelled: () => 'The task is cancelled. We will ask someone else. Goodbye!',
    keptTask: () => 'The task is still yours. Goodbye!',
  },
};

/** Issue 11: what a requester who writes English is told; see domain/requester-templates.ts. */
const requestLabel: Record<TaskType, string> = {
  shopping: 'shopping help', escort: 'escort', visit: 'visit', walk: 'walk', practical: 'practical help', other: 'help',
};
const request = (f: RequestFacts) => requestText(f, requestLabel[f.type], 'en');
const dayOf = (date: string) => whenText({ date, time: null }, 'en');
const many = (f: RequestFacts) => (taskCountOf(f) > 1 ? `${taskCountOf(f)} tasks: ` : '');
const oneDayHint = (f: RequestFacts) => (taskCountOf(f) > 1 ? `, or CANCEL ${f.ref} ${lastDayOf(f)} for one day` : '');

export const requesterTemplates: RequesterTemplates = {
  summary: ({ facts }) => `Received ${facts.ref}: ${many(facts)}${request(facts)}. Reply OK to send it out, or write what should be corrected.`,
  not_understood: ({ ref }) => `Sorry, I did not understand. Reply OK to send out ${ref}, or write the correction, e.g. "at 15" or "Friday". CANCEL ${ref} stops the request.`,
  sent: ({ facts }) => `${facts.ref} has been sent to volunteers${taskCountOf(facts) > 1 ? ` (${taskCountOf(facts)} tasks)` : ''}. You will get an SMS when someone says yes. Reply CANCEL ${facts.ref} to cancel${oneDayHint(facts)}.`,
  assigned: ({ facts, firstName, doorstepWord }) =>
    `${facts.ref}: ${firstName} is coming (${request(facts)}).${doorstepWord ? ` Doorstep word: ${doorstepWord}. ${firstName} will say it at the door.` : ''} Reply CANCEL ${facts.ref} to cancel.`,
  replaced: ({ facts, firstName, doorstepWord }) =>
    `${facts.ref}: The volunteer could not come after all. ${firstName} is coming instead (${request(facts)}).${doorstepWord ? ` The doorstep word is the same: ${doorstepWord}.` : ''}`,
  unfilled: ({ facts }) => `${facts.ref}: Sorry, we found no volunteer for ${request(facts)}. A coordinator has been told.`,
  unfilled_after_cancel: ({ facts }) => `${facts.ref}: The volunteer could not come after all, and we found no one else for ${request(facts)}. A coordinator has been told and will get in touch.`,
  cancelled: ({ ref, hadVolunteer, day }) => `${ref}${day ? ` ${dayOf(day)}` : ''} is cancelled.${hadVolunteer ? ' The volunteer has been told.' : ''}`,
  cancel_day_unknown: ({ facts }) => `${facts.ref} is for ${daysOfFacts(facts).map((d) => dayOf(d.date)).join(' and ')}. Write CANCEL ${facts.ref} for all, or CANCEL ${facts.ref} ${shortDate(daysOfFacts(facts)[0]!.date)} for one day.`,
  cancel_unknown: ({ ref }) => (ref ? `No active request K${ref} from this number.` : 'There is no request to cancel. Write CANCEL and the reference, e.g. CANCEL K7.'),
  abandoned: () => 'The request is stopped. Send a new message when you need help.',
  expired: ({ ref }) => `${ref} was not completed. A coordinator will look at it and get in touch.`,
  forwarded: () => 'Thank you for your message. It has been passed on to a coordinator, who will get in touch.',
  coordinator_urgent: ({ requesterName, ref }) => `Urgent: ${requesterName} asks for help now or within two hours (${ref}).`,
};
