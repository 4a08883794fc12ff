import { Router, type Request, type Response } from 'express';
import { can, type ActionsOn, type Actor } from '../../domain/access';
import { insertAuditEvent } from '../../db/audit.repo';
import { listUnits } from '../../db/coordinator.repo';
import { assignManually } from '../../services/assign-manually';
import { authorizeTask } from '../../services/authorize';
import { createTask } from '../../services/create-task';
import { cancelTask, dispatchTask } from '../../services/dispatch-task';
import { getTaskLiveView, listVolunteerChoices } from '../../services/get-task-view';
import { listTasks } from '../../services/list-tasks';
import { stopDispatch } from '../../services/stop-dispatch';
import { sendHeldNow } from '../../services/send-held-now';
import { nextSendableAt } from '../../domain/quiet-hours';
import { dispatchedText, sentNowText, stoppedText } from '../views/tasks/task-flash';
import { TASK_STATUS_LABELS } from '../views/format';
import { html } from '../views/html';
import { page } from '../views/layout';
import { parseTaskFilters } from '../views/tasks/task-filters';
import { emptyTaskForm, taskFormPage } from '../views/tasks/task-form';
import { pasteResultText, prefillFromText } from '../views/tasks/paste-request';
import { parseTaskForm, readTaskForm } from '../views/tasks/task-form-input';
import { taskListPage } from '../views/tasks/task-list';
import { taskPage } from '../views/tasks/task-page';
import { assignUnfitPage } from '../views/tasks/task-confirm';
import { explainMatching } from '../../services/explain-matching';
import type { AdminDeps } from './admin-deps';
import { coordinatorOf, frameOf, redirectAfterSave, sendPage, setFlash } from './frame';
import { sendForbidden } from './require-admin';
import { streamTaskUpdates } from './task-stream';

const TASK_ID = /^\d{1,18}$/;

export function sendNotFound(res: Response): void {
  sendPage(res, page(frameOf(res), { title: 'Fant ikke oppdraget', section: 'tasks', body: html`<h1>Fant ikke oppdraget</h1><p><a href="/admin/tasks">Til alle oppdrag</a></p>` }), 404);
}

const statusText = (status?: string) => (status ? TASK_STATUS_LABELS[status] ?? status : 'ukjent').toLowerCase();

/** The outcome of a button on the task page: a message shown once, back to the task (POST, redirect, GET). */
export function finish(req: Request, res: Response, taskId: string, ok: boolean, text: string): void {
  setFlash(req, ok ? 'ok' : 'error', text);
  redirectAfterSave(req, res, `/admin/tasks/${taskId}`);
}

function assignRefusal(error: 'volunteer_not_found' | 'volunteer_opted_out' | 'volunteer_deactivated' | 'not_assignable' | 'already_theirs', status?: string): string {
  switch (error) {
    case 'already_theirs': return 'Den frivillige har allerede oppdraget.';
    case 'volunteer_not_found': return 'Fant ikke den frivillige.';
    case 'volunteer_opted_out': return 'Den frivillige har meldt seg av SMS fra Svarja og kan ikke få oppdraget her.';
    case 'volunteer_deactivated': return 'Den frivillige er deaktivert og kan ikke få oppdrag. Aktiver dem igjen på siden deres først.';
    case 'not_assignable': return `Oppdraget kan ikke tildeles når det er ${statusText(status)}.`;
  }
}

async function audit(deps: AdminDeps, actor: Actor, action: string, taskId: string): Promise<void> {
  await insertAuditEvent(deps.ctx.db, actor, { action, subjectType: 'task', subjectId: taskId }, deps.ctx.now());
}

/** Asks the access model about the task in the URL; answers 404 or 403 itself and returns false then. */
export async function taskAllowed(deps: AdminDeps, res: Response, taskId: string, action: ActionsOn['task']): Promise<boolean> {
  const access = await authorizeTask(deps.ctx.db, coordinatorOf(res), taskId, action);
  if (access.ok) return true;
  if (access.error === 'not_found') sendNotFound(res);
  else sendForbidden(res, 'task');
  return false;
}

/** The units the new-task form offers: those the actor may create tasks in. */
function unitsToCreateIn<U extends { id: string }>(actor: Actor, units: U[]): U[] {
  return units.filter((u) => can(actor, 'create_task', { kind: 'unit', unitId: u.id }));
}

/** Whether the page shows the buttons: the same rule the POST routes enforce. */
function mayAct(actor: Actor, task: { unitId: string | null }): boolean {
  return can(actor, 'dispatch', { kind: 'task', unitId: task.unitId });
}

/** Oppdrag: the list, the new-task form, the task page with its live timeline, and its buttons. */
export function tasksRoutes(deps: AdminDeps): Router {
  const router = Router();
  const { ctx } = deps;

  router.param('id', (_req, _res, next, id: string) => next(TASK_ID.test(id) ? undefined : 'route'));

  router.get('/tasks', async (req, res) => {
    const units = await listUnits(ctx.db);
    const filters = parseTaskFilters(req.query as Record<string, unknown>, units.map((u) => u.id));
    sendPage(res, taskListPage(frameOf(res), filters.values, units, await listTasks(ctx, filters.query), filters.errors));
  });

  router.get('/tasks/new', async (_req, res) => {
    sendPage(res, taskFormPage(frameOf(res), emptyTaskForm(coordinatorOf(res).unitId), unitsToCreateIn(coordinatorOf(res), await listUnits(ctx.db))));
  });

  // «Lim inn forespørsel»: the form prefilled from a pasted request; JSON for paste-request.js, the page without JavaScript.
  router.post('/tasks/new/parse', async (req, res) => {
    const body = req.body as Record<string, unknown>;
    const { values, paste } = prefillFromText(typeof body.request === 'string' ? body.request : '', ctx.now(), emptyTaskForm(coordinatorOf(res).unitId));
    const status = paste.error ? 400 : 200;
    if (req.accepts(['html', 'json']) === 'json') return void res.status(status).json({ values, marks: paste.marks, filled: paste.filled, notices: paste.notices, result: pasteResultText(paste), error: paste.error ?? null });
    sendPage(res, taskFormPage(frameOf(res), values, unitsToCreateIn(coordinatorOf(res), await listUnits(ctx.db)), {}, paste), status);
  });

  router.post('/tasks/new', async (req, res) => {
    const units = await listUnits(ctx.db);
    const values = readTaskForm(req.body as Record<string, unknown>);
    const parsed = parseTaskForm(values, ctx.now(), units.map((u) => u.id));
    if (parsed.ok && !can(coordinatorOf(res), 'create_task', { kind: 'unit', unitId: parsed.task.unitId || null })) return sendForbidden(res, 'unit');
    const created = parsed.ok ? await createTask(ctx, coordinatorOf(res), parsed.task) : undefined;
    if (!created?.ok) {
      const errors = parsed.ok ? { unitId: 'Velg enhet.' } : parsed.errors;
      sendPage(res, taskFormPage(frameOf(res), values, unitsToCreateIn(coordinatorOf(res), units), errors), 400);
      return;
    }
    finish(req, res, created.task.id, true, 'Oppdraget er lagret. Trykk «Send ut» når det skal sendes til de frivillige.');
  });

  router.get('/tasks/:id', async (req, res) => {
    if (!(await taskAllowed(deps, res, req.params.id, 'view'))) return;
    const live = await getTaskLiveView(ctx.db, req.params.id, ctx.now(), coordinatorOf(res));
    if (!live) return sendNotFound(res);
    const explanation = await explainMatching(ctx.db, live.task.id, ctx.now(), 'nb');
    const choices = mayAct(coordinatorOf(res), live.task) ? await listVolunteerChoices(ctx.db, live.task) : undefined;
    sendPage(res, taskPage(frameOf(res), live, choices, explanation?.volunteers ?? []));
  });

  router.get('/tasks/:id/live', async (req, res) => {
    if (!(await taskAllowed(deps, res, req.params.id, 'view'))) return;
    await streamTaskUpdates(deps, res, req.params.id, (task) => mayAct(coordinatorOf(res), task));
  });

  router.post('/tasks/:id/dispatch', async (req, res) => {
    if (!(await taskAllowed(deps, res, req.params.id, 'dispatch'))) return;
    const r = await dispatchTask(ctx, req.params.id);
    if (r.ok) await audit(deps, coordinatorOf(res), 'task_dispatched', r.task.id);
    if (!r.ok && r.error === 'not_found') return sendNotFound(res);
    const now = ctx.now();
    finish(req, res, req.params.id, r.ok, r.ok ? dispatchedText(now, nextSendableAt(ctx.settings.quietHours, now)) : `Oppdraget kan ikke sendes ut når det er ${statusText(r.status)}.`);
  });

  router.post('/tasks/:id/send-now', async (req, res) => {
    // Waking volunteers at night is the unit's call: the same right as sending the task out.
    if (!(await taskAllowed(deps, res, req.params.id, 'dispatch'))) return;
    const r = await sendHeldNow(ctx, coordinatorOf(res), req.params.id);
    if (!r.ok) return sendNotFound(res);
    finish(req, res, req.params.id, true, sentNowText(r.released, r.releasedCalls));
  });

  router.post('/tasks/:id/stop', async (req, res) => {
    if (!(await taskAllowed(deps, res, req.params.id, 'stop'))) return;
    const r = await stopDispatch(ctx, coordinatorOf(res), req.params.id);
    if (!r.ok && r.error === 'not_found') return sendNotFound(res);
    finish(req, res, req.params.id, r.ok, r.ok ? stoppedText(r.told) : `Utsendingen kan ikke stoppes når oppdraget er ${statusText(r.status)}.`);
  });

  router.post('/tasks/:id/cancel', async (req, res) => {
    if (!(await taskAllowed(deps, res, req.params.id, 'cancel'))) return;
    const r = await cancelTask(ctx, req.params.id);
    if (r.ok) await audit(deps, coordinatorOf(res), 'task_cancelled', r.task.id);
    if (!r.ok && r.error === 'not_found') return sendNotFound(res);
    finish(req, res, req.params.id, r.ok, r.ok ? 'Oppdraget er avlyst. De som var spurt eller hadde oppdraget, får beskjed på SMS.' : `Oppdraget kan ikke avlyses når det er ${statusText(r.status)}.`);
  });

  router.post('/tasks/:id/assign', async (req, res) => {
    // Assigning sends the task's details to the volunteer: only for a task the actor may act on.
    if (!(await taskAllowed(deps, res, req.params.id, 'assign'))) return;
    const body = req.body as Record<string, unknown>;
    const volunteerId = String(body.volunteerId ?? '');
    if (!TASK_ID.test(volunteerId)) return finish(req, res, req.params.id, false, 'Velg en frivillig å tildele oppdraget.');
    const replacing = typeof body.replacing === 'string' && TASK_ID.test(body.replacing) ? body.replacing : undefined;
    const r = await assignManually(ctx, coordinatorOf(res), req.params.id, volunteerId, { allowUnfit: body.allowUnfit === 'yes', replacing });
    if (r.ok) {
      const swapped = r.replaced ? ` ${r.replaced.name} får SMS om at de ikke trenger å møte opp.` : '';
      return finish(req, res, req.params.id, true, `Oppdraget er tildelt ${r.volunteer.name}, som får detaljene på SMS.${swapped}`);
    }
    if (r.error === 'not_found') return sendNotFound(res);
    if (r.error === 'forbidden') return sendForbidden(res, 'task');
    if (r.error === 'unfit') return sendPage(res, assignUnfitPage(frameOf(res), req.params.id, r.volunteer, r.reasons, replacing), 409);
    finish(req, res, req.params.id, false, assignRefusal(r.error, r.status));
  });

  return router;
}
