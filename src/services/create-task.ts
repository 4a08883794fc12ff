import { insertTask, type NewTask, type Task } from '../db/task.repo';
import type { ServiceContext } from './context';

/** Creates a task in status `new`; nothing is sent until it is dispatched. */
export async function createTask(ctx: Pick<ServiceContext, 'db'>, input: NewTask): Promise<Task> {
  return insertTask(ctx.db, input);
}
