import type { DateTime } from 'luxon';

export type TaskType = 'shopping' | 'escort' | 'visit' | 'other';

/** What an SMS may say about a task. Deliberately no details: those go only to the assigned volunteer. */
export interface TaskFacts {
  taskId: string;
  type: TaskType;
  startsAt: DateTime; // already in Europe/Oslo
  durationMinutes: number;
  area: string;
  summary: string;
}

export interface TextParams {
  offer: { task: TaskFacts; timeoutMinutes: number };
  assigned: { task: TaskFacts; details: string; coordinatorPhone?: string };
  taken: { task: TaskFacts };
  offer_withdrawn: { task: TaskFacts };
  already_assigned: { task: TaskFacts };
  task_cancelled: { task: TaskFacts };
  declined_thanks: Record<string, never>;
  hint_offer: Record<string, never>;
  hint_general: Record<string, never>;
  no_offer: Record<string, never>;
  opted_out: Record<string, never>;
  opted_in: Record<string, never>;
  already_opted_in: Record<string, never>;
  opted_out_reminder: Record<string, never>;
  unknown_sender: { coordinatorPhone?: string };
  coordinator_unfilled: { task: TaskFacts; offersSent: number };
}

export type TemplateName = keyof TextParams;

/** One language: every template, so a missing translation is a compile error. */
export interface LanguagePack {
  code: string;
  name: string;
  templates: { [K in TemplateName]: (p: TextParams[K]) => string };
}
