import type { Response } from 'express';
import { getTaskLiveView, type TaskView } from '../../services/get-task-view';
import { explainMatching } from '../../services/explain-matching';
import { liveUpdate, sseEvent } from '../views/tasks/task-live';
import type { AdminDeps } from './admin-deps';
import { coordinatorOf, frameOf } from './frame';

const KEEP_ALIVE_MS = 20_000;

/** Runs `work` again after it finishes if it was asked for meanwhile; never two at once, never a lost request. */
function coalesced(work: () => Promise<void>, onError: (err: unknown) => void): () => void {
  let running = false;
  let again = false;
  const run = (): void => {
    if (running) {
      again = true;
      return;
    }
    running = true;
    work().catch(onError).finally(() => {
      running = false;
      if (again) {
        again = false;
        run();
      }
    });
  };
  return run;
}

/**
 * Server-Sent Events for one task page: the status and timeline fragments, sent on connect and
 * again on every "task changed" notice from any process (through the hub). Subscribing comes
 * before the first render, so nothing that happens in between is missed.
 */
export async function streamTaskUpdates(deps: AdminDeps, res: Response, taskId: string, mayAct: (task: TaskView) => boolean): Promise<void> {
  const { csrfToken } = frameOf(res);
  let closed = false;
  const push = coalesced(async () => {
    const now = deps.ctx.now();
    const live = await getTaskLiveView(deps.ctx.db, taskId, now, coordinatorOf(res));
    const considered = live && await explainMatching(deps.ctx.db, taskId, now, 'nb');
    if (live && !closed) res.write(sseEvent('update', liveUpdate(live, considered?.volunteers ?? [], csrfToken, mayAct(live.task), now)));
  }, (err) => deps.ctx.log.warn({ err, taskId }, 'live task update failed'));
  res.status(200).set({ 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-cache, no-transform', 'X-Accel-Buffering': 'no' });
  res.flushHeaders();
  res.write('retry: 5000\n\n');
  const unsubscribe = deps.hub.subscribe(taskId, push);
  // Proxies close connections that stay silent; a comment line keeps this one open.
  const keepAlive = setInterval(() => res.write(': keep-alive\n\n'), KEEP_ALIVE_MS);
  const stop = () => {
    closed = true;
    unsubscribe();
    clearInterval(keepAlive);
  };
  // The response's 'close' fires when the client goes away (the request's may fire earlier).
  res.on('close', stop);
  if (res.destroyed) stop();
  push();
}
