import { availableTaskActions } from '../../../domain/dispatch';
import type { TaskLiveView } from '../../../services/get-task-view';
import { TASK_STATUS_LABELS } from '../format';
import type { ConsideredVolunteer } from '../../../services/explain-matching';
import { candidatesFragment } from './task-candidates';
import { statusFragment } from './task-status';
import { timelineFragment } from './task-timeline';

/** What task-live.js gets on every change: the three fragments as server-escaped HTML, plus the status. */
export interface LiveUpdate {
  status: string;
  statusLabel: string;
  assignable: boolean;
  /** Whether «Bytt frivillig» applies (someone has the task): the page shows it instead of «Tildel». */
  swappable: boolean;
  statusHtml: string;
  timelineHtml: string;
  /** «Hvem blir spurt», so it never says «Nr. 1 i køen» about someone the timeline shows as asked. */
  candidatesHtml: string;
}

/** `mayAct`: whether this viewer may change the task (otherwise no buttons and no manual assignment). */
export function liveUpdate(live: TaskLiveView, considered: ConsideredVolunteer[], csrfToken: string, mayAct: boolean, now: Date = new Date()): LiveUpdate {
  const { task } = live;
  return {
    status: task.status,
    statusLabel: TASK_STATUS_LABELS[task.status] ?? task.status,
    assignable: mayAct && availableTaskActions(task.status).assignManually,
    swappable: mayAct && task.status === 'assigned',
    statusHtml: statusFragment(task, csrfToken, mayAct, now).value,
    timelineHtml: timelineFragment(live.timeline).value,
    candidatesHtml: candidatesFragment(considered, task.status).value,
  };
}

/** One Server-Sent Event. JSON keeps the data on one line (it escapes CR and LF), as SSE requires. */
export function sseEvent(event: string, data: unknown): string {
  return `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}
