import { Router, type Request, type Response } from 'express';
import { listUnits } from '../../db/coordinator.repo';
import type { Task } from '../../db/task.repo';
import { editTask, type EditOutcome, type UnfitDecision } from '../../services/edit-task';
import { unassignTask } from '../../services/unassign-volunteer';
import { authorizeTask } from '../../services/authorize';
import type { FieldErrors } from '../views/form';
import { taskFormPage } from '../views/tasks/task-form';
import { parseTaskForm, readTaskForm, taskToFormValues, type TaskFormValues } from '../views/tasks/task-form-input';
import { editUnfitPage } from '../views/tasks/task-confirm';
import { EDITED_FIELD_LABELS } from '../views/tasks/edited-fields';
import type { AdminDeps } from './admin-deps';
import { coordinatorOf, frameOf, sendPage } from './frame';
import { sendForbidden } from './require-admin';
import { finish, sendNotFound, taskAllowed } from './tasks.routes';

const ID = /^\d{1,18}$/;
const DECISIONS: readonly UnfitDecision[] = ['keep', 'unassign', 'unassign_resend'];

/** «Endret tid og sted. 2 frivillige fikk SMS om det.» — what happened, as it happened. */
function savedText(o: EditOutcome, volunteerName: string | undefined): string {
  const parts = [`Endringene er lagret (${o.changed.map((f) => EDITED_FIELD_LABELS[f] ?? f).join(', ')}).`];
  if (o.told > 0) parts.push(o.told === 1 ? 'Én frivillig fikk SMS om ny tid eller nytt sted.' : `${o.told} frivillige fikk SMS om ny tid eller nytt sted.`);
  if (o.withdrawn > 0) parts.push(`${o.withdrawn} tilbud ble trukket tilbake fordi ${o.withdrawn === 1 ? 'den frivillige' : 'de frivillige'} ikke passer lenger.`);
  if (o.unassigned) parts.push(`${volunteerName ?? 'Den frivillige'} er tatt av oppdraget og får SMS om det.`);
  return parts.join(' ');
}

async function unitsOf(deps: AdminDeps, task: Task) {
  return (await listUnits(deps.ctx.db)).filter((u) => u.id === task.unitId);
}

function editVersionOf(body: Record<string, unknown>): number | undefined {
  return typeof body.editVersion === 'string' && /^\d{1,9}$/.test(body.editVersion) ? Number(body.editVersion) : undefined;
}

function decisionOf(body: Record<string, unknown>): { volunteerId: string; choice: UnfitDecision } | undefined {
  const choice = DECISIONS.find((d) => d === body.decision);
  const volunteerId = typeof body.decisionFor === 'string' && ID.test(body.decisionFor) ? body.decisionFor : undefined;
  return choice && volunteerId ? { volunteerId, choice } : undefined;
}

/** Endre oppdraget (the task form, filled), and «Fjern tildeling». Own unit only, like every task action. */
export function taskEditRoutes(deps: AdminDeps): Router {
  const router = Router();
  const { ctx } = deps;
  router.param('id', (_req, _res, next, id: string) => next(ID.test(id) ? undefined : 'route'));

  const showForm = async (res: Response, task: Task, values: TaskFormValues, errors: FieldErrors, status: number, notice?: string) => {
    sendPage(res, taskFormPage(frameOf(res), values, await unitsOf(deps, task), errors, undefined, { taskId: task.id, editVersion: task.editVersion, notice }), status);
  };

  router.get('/tasks/:id/edit', async (req, res) => {
    const access = await authorizeTask(ctx.db, coordinatorOf(res), req.params.id, 'edit');
    if (!access.ok) return access.error === 'not_found' ? sendNotFound(res) : sendForbidden(res, 'task');
    const task = access.value;
    if (task.status === 'cancelled') return finish(req, res, task.id, false, 'Et avlyst oppdrag kan ikke endres.');
    await showForm(res, task, taskToFormValues(task), {}, 200);
  });

  router.post('/tasks/:id/edit', async (req: Request, res: Response) => {
    const access = await authorizeTask(ctx.db, coordinatorOf(res), req.params.id as string, 'edit');
    if (!access.ok) return access.error === 'not_found' ? sendNotFound(res) : sendForbidden(res, 'task');
    const task = access.value;
    const body = req.body as Record<string, unknown>;
    // The unit is not edited here: the form shows the task's own, whatever was posted.
    const values = { ...readTaskForm(body), unitId: task.unitId ?? '' };
    const parsed = parseTaskForm(values, ctx.now(), task.unitId ? [task.unitId] : [''], { keepStart: task.startsAt });
    if (!parsed.ok) return showForm(res, task, values, parsed.errors, 400);
    const expectedVersion = editVersionOf(body) ?? -1;
    const { type, startsAt, durationMinutes, area, summary, details, requirements, personRef, fillBy, waveSize, offerTimeoutMinutes } = parsed.task;
    const r = await editTask(ctx, coordinatorOf(res), {
      taskId: task.id, expectedVersion, decision: decisionOf(body),
      edit: { type, startsAt, durationMinutes, area, summary, details, requirements: requirements ?? [], personRef: personRef ?? null, fillBy: fillBy ?? null, waveSize: waveSize ?? task.waveSize, offerTimeoutMinutes: offerTimeoutMinutes ?? task.offerTimeoutMinutes },
    });
    if (r.ok) return finish(req, res, task.id, true, savedText(r.outcome, task.assignedVolunteerId ? (await nameOf(deps, task.assignedVolunteerId)) : undefined));
    switch (r.error) {
      case 'not_found': return sendNotFound(res);
      case 'forbidden': return sendForbidden(res, 'task');
      case 'unchanged': return finish(req, res, task.id, true, 'Ingenting var endret, så ingenting er lagret eller sendt.');
      case 'not_editable': return finish(req, res, task.id, false, 'Et avlyst oppdrag kan ikke endres.');
      case 'stale': return showForm(res, r.task, values, {}, 409, 'Noen andre har endret oppdraget mens du hadde skjemaet åpent. Det du skrev står her; se over og lagre på nytt, eller gå tilbake og se endringen deres først.');
      case 'confirm_unfit': return sendPage(res, editUnfitPage(frameOf(res), task.id, values, expectedVersion, r.volunteer, r.reasons, task.dispatchedAt !== null), 409);
    }
  });

  router.post('/tasks/:id/unassign', async (req, res) => {
    if (!(await taskAllowed(deps, res, req.params.id, 'assign'))) return;
    const resend = (req.body as Record<string, unknown>).resend === 'yes';
    const r = await unassignTask(ctx, coordinatorOf(res), req.params.id, { resend });
    if (r.ok) {
      const who = r.volunteer?.name ?? 'Den frivillige';
      return finish(req, res, req.params.id, true, `${who} er tatt av oppdraget og får SMS om at de ikke trenger å møte opp. ${resend ? 'Oppdraget er sendt ut på nytt.' : 'Oppdraget venter til du sender det ut eller tildeler det.'}`);
    }
    if (r.error === 'not_found') return sendNotFound(res);
    if (r.error === 'forbidden') return sendForbidden(res, 'task');
    finish(req, res, req.params.id, false, 'Oppdraget har ingen frivillig å ta av.');
  });

  return router;
}

async function nameOf(deps: AdminDeps, volunteerId: string): Promise<string | undefined> {
  return (await deps.ctx.db.selectFrom('volunteer').select('name').where('id', '=', volunteerId).executeTakeFirst())?.name;
}
