import type { Queue } from 'bullmq';
import type { Request, RequestHandler } from 'express';
import type { Config } from '../../config';
import type { TaskEventHub } from '../../live/task-events';
import type { ServiceContext } from '../../services/context';

/** What every admin route module gets. */
export interface AdminDeps {
  config: Config;
  ctx: ServiceContext;
  hub: TaskEventHub;
  /** For the queue dashboard. */
  queues: readonly Queue[];
  csrf: { protect: RequestHandler; tokenFor: (req: Request) => string };
}
