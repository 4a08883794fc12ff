import { availableTaskActions } from '../../../domain/dispatch';
import type { TaskLiveView } from '../../../services/get-task-view';
import { TASK_STATUS_LABELS } from '../format';
import { statusFragment } from './task-status';
import { timelineFragment } from './task-timeline';

/** What task-live.js gets on every change: the two fragments as server-escaped HTML, plus the status. */
export interface LiveUpdate {
  status: string;
  statusLabel: string;
  assignable: boolean;
  /** Whether «Bytt frivillig» applies (someone has the task): the page shows it instead of «Tildel». */
  swappable: boolean;
  statusHtml: string;
  timelineHtml: string;
}

/** `mayAct`: whether this viewer may change the task (otherwise no buttons and no manual assignment). */
export function liveUpdate(live: TaskLiveView, csrfToken: string, mayAct: boolean): LiveUpdate {
  const { task } = live;
  return {
    status: task.status,
    statusLabel: TASK_STATUS_LABELS[task.status] ?? task.status,
    assignable: mayAct && availableTaskActions(task.status).assignManually,
    swappable: mayAct && task.status === 'assigned',
    statusHtml: statusFragment(task, csrfToken, mayAct).value,
    timelineHtml: timelineFragment(live.timeline).value,
  };
}

/** One Server-Sent Event. JSON keeps the data on one line (it escapes CR and LF), as SSE requires. */
export function sseEvent(event: string, data: unknown): string {
  return `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}
