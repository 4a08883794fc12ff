import type { LanguagePack, TaskFacts, TaskType } from './types';

const typeLabel: Record<TaskType, string> = {
  shopping: 'Shopping help',
  escort: 'Escort',
  visit: 'Visit',
  other: 'Task',
};

function formatDuration(minutes: number): string {
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return rest === 0 ? `${hours} h` : `${hours} h ${rest} min`;
}

/** "Shopping help Thu 3 Dec at 10:00 (1 h), Kolbotn" */
function describe(t: TaskFacts): string {
  const when = t.startsAt.setLocale('en-GB').toFormat("ccc d LLL 'at' HH:mm");
  return `${typeLabel[t.type]} ${when} (${formatDuration(t.durationMinutes)}), ${t.area}`;
}

function short(t: TaskFacts): string {
  return `${typeLabel[t.type].toLowerCase()} ${t.startsAt.setLocale('en-GB').toFormat("ccc d LLL 'at' HH:mm")}`;
}

const callUs = (phone?: string) => (phone ? ` Questions? Call ${phone}.` : '');

export const en: LanguagePack = {
  code: 'en',
  name: 'English',
  templates: {
    offer: ({ task, timeoutMinutes }) =>
      `Svarja: Can you help? ${describe(task)}. ${task.summary} Reply YES or NO within ${formatDuration(timeoutMinutes)}.`,
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
  },
};
