import { DateTime } from 'luxon';
import { OSLO, type TaskType } from '../domain/messages';
import { listTaskItems, type TaskListItem } from '../db/task.repo';
import type { TaskStatus } from '../db/schema';
import type { ServiceContext } from './context';

export const TASKS_PER_PAGE = 50;

/** The list page's filters; dates are Oslo calendar days ('YYYY-MM-DD'), both ends included. */
export interface TaskListQuery {
  status?: TaskStatus;
  type?: TaskType;
  unitId?: string;
  fromDay?: string;
  toDay?: string;
  /** 1-based. */
  page: number;
}

export interface TaskListPage { items: TaskListItem[]; page: number; hasMore: boolean }

function startOfOsloDay(day: string): Date {
  return DateTime.fromISO(day, { zone: OSLO }).startOf('day').toJSDate();
}

/**
 * One page of tasks. Tasks from today on come first, soonest first; earlier ones follow, most
 * recent first. One extra row is read to know whether there is a next page.
 */
export async function listTasks(ctx: Pick<ServiceContext, 'db' | 'now'>, query: TaskListQuery): Promise<TaskListPage> {
  const today = DateTime.fromJSDate(ctx.now(), { zone: OSLO }).startOf('day').toJSDate();
  const to = query.toDay ? DateTime.fromISO(query.toDay, { zone: OSLO }).plus({ days: 1 }).startOf('day').toJSDate() : undefined;
  const rows = await listTaskItems(ctx.db, {
    status: query.status,
    type: query.type,
    unitId: query.unitId,
    from: query.fromDay ? startOfOsloDay(query.fromDay) : undefined,
    to,
  }, today, { limit: TASKS_PER_PAGE + 1, offset: (query.page - 1) * TASKS_PER_PAGE });
  return { items: rows.slice(0, TASKS_PER_PAGE), page: query.page, hasMore: rows.length > TASKS_PER_PAGE };
}
