import type Redis from 'ioredis';
import type { Logger } from '../log';
import { withTimeout } from '../timeout';

/**
 * "Task N changed" notices, published after a transaction commits and received by every web process
 * (Redis pub/sub), so a task page open anywhere updates without a reload. A notice carries only the
 * task id: the page reloads what it shows from Postgres, so a lost notice costs freshness, not data.
 */
export interface TaskEventPublisher {
  taskChanged(taskIds: Iterable<string>): Promise<void>;
}

const PUBLISH_TIMEOUT_MS = 1_000;
/** Task ids in one notice: ids are digits only. */
const NOTICE_SEPARATOR = ',';

export function channelFor(prefix: string): string {
  return `${prefix}:task-events`;
}

export function createTaskEventPublisher(redis: Redis, prefix: string, log: Logger): TaskEventPublisher {
  const channel = channelFor(prefix);
  return {
    async taskChanged(taskIds) {
      const ids = [...new Set(taskIds)];
      if (ids.length === 0) return;
      // One notice per transaction, however many tasks it changed (a batch of fills or sends).
      // Best effort and bounded: a Redis that is away must not hold up the use case that committed.
      await withTimeout(redis.publish(channel, ids.join(NOTICE_SEPARATOR)), PUBLISH_TIMEOUT_MS, 'Redis (task event)').catch((err: unknown) => log.warn({ err }, 'could not publish task event'));
    },
  };
}

export type TaskListener = () => void;

/** One subscriber connection per web process, fanned out to the open pages by task id. */
export class TaskEventHub {
  private readonly listeners = new Map<string, Set<TaskListener>>();

  constructor(private readonly subscriber: Redis, private readonly prefix: string, private readonly log: Logger) {}

  async start(): Promise<void> {
    this.subscriber.on('message', (_channel: string, notice: string) => {
      for (const taskId of notice.split(NOTICE_SEPARATOR)) for (const listener of this.listeners.get(taskId) ?? []) listener();
    });
    this.subscriber.on('error', (err) => this.log.warn({ err }, 'task event subscriber error'));
    await this.subscriber.subscribe(channelFor(this.prefix));
  }

  /** Returns the unsubscribe function. */
  subscribe(taskId: string, listener: TaskListener): () => void {
    let set = this.listeners.get(taskId);
    if (!set) this.listeners.set(taskId, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.listeners.delete(taskId);
    };
  }

  async close(): Promise<void> {
    this.listeners.clear();
    this.subscriber.disconnect();
  }
}
