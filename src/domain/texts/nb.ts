import type { LanguagePack, TaskFacts, TaskType } from './types';

const typeLabel: Record<TaskType, string> = {
  shopping: 'Handlehjelp',
  escort: 'Følge',
  visit: 'Besøk',
  other: 'Oppdrag',
};

function formatDuration(minutes: number): string {
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return rest === 0 ? `${hours} t` : `${hours} t ${rest} min`;
}

/** "Handlehjelp tor. 3. des. kl. 10:00 (1 t), Kolbotn" */
function describe(t: TaskFacts): string {
  const when = t.startsAt.setLocale('nb').toFormat("ccc d. MMM 'kl.' HH:mm");
  return `${typeLabel[t.type]} ${when} (${formatDuration(t.durationMinutes)}), ${t.area}`;
}

function short(t: TaskFacts): string {
  return `${typeLabel[t.type].toLowerCase()} ${t.startsAt.setLocale('nb').toFormat("ccc d. MMM 'kl.' HH:mm")}`;
}

const callUs = (phone?: string) => (phone ? ` Ring ${phone} ved spørsmål.` : '');

export const nb: LanguagePack = {
  code: 'nb',
  name: 'norsk bokmål',
  templates: {
    offer: ({ task, timeoutMinutes }) =>
      `Svarja: Kan du hjelpe? ${describe(task)}. ${task.summary} Svar JA eller NEI innen ${formatDuration(timeoutMinutes)}.`,
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
  },
};
