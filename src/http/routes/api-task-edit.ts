import type { Router } from 'express';
import { z } from 'zod';
import { visibleTask } from '../../domain/access';
import { checkTaskTimes } from '../../domain/task-window';
import { authorizeTask } from '../../services/authorize';
import type { ServiceContext } from '../../services/context';
import { editTask } from '../../services/edit-task';
import { actorOf } from '../auth';
import { sendApiForbidden } from '../forbidden';
import { OsloDateTime } from '../input/dates';
import { parseRequest, RequestValidationError } from '../validate';

/** Every field optional: what is left out stays as it is. `unitId` cannot be changed here. */
const TaskPatch = z.object({
  type: z.enum(['shopping', 'escort', 'visit', 'walk', 'practical', 'other']).optional(),
  startsAt: OsloDateTime.optional(),
  durationMinutes: z.number().int().min(1).max(1440).optional(),
  area: z.string().trim().min(1).max(100).optional(),
  summary: z.string().trim().min(1).max(300).optional(),
  details: z.string().trim().min(1).max(2000).optional(),
  waveSize: z.number().int().min(1).max(50).optional(),
  offerTimeoutMinutes: z.number().int().min(1).max(10080).optional(),
  requirements: z.array(z.enum(['confidentiality', 'police_certificate', 'training'])).max(3).transform((r) => [...new Set(r)]).optional(),
  personRef: z.string().trim().max(100).nullable().optional(),
  fillBy: OsloDateTime.nullable().optional(),
  /** The task's editVersion as the client last read it; a mismatch answers 409 instead of overwriting. */
  editVersion: z.number().int().min(0).optional(),
  /** The answer when the assigned volunteer would no longer fit (asked by a 409 `confirm_unfit`). */
  assignedVolunteer: z.object({ id: z.string().regex(/^\d{1,18}$/), decision: z.enum(['keep', 'unassign', 'unassign_resend']) }).optional(),
}).strict();

const IdParam = z.object({ id: z.string().regex(/^\d{1,18}$/, 'must be a numeric id') });

/**
 * PATCH /api/tasks/:id: the task page's edit for scripts, with the same rules — volunteers told of a
 * new time or place, the coordinator (here: the client) asked before the assigned volunteer is kept
 * or taken off when they would no longer fit.
 */
export function addTaskEditRoute(router: Router, ctx: ServiceContext): void {
  router.patch('/tasks/:id', async (req, res) => {
    const { id } = parseRequest(IdParam, req.params);
    const patch = parseRequest(TaskPatch, req.body ?? {});
    const access = await authorizeTask(ctx.db, actorOf(res), id, 'edit');
    if (!access.ok) {
      if (access.error === 'not_found') return void res.status(404).json({ error: 'not_found', message: 'task not found' });
      return sendApiForbidden(res, 'the task belongs to another unit; only its own coordinators and admins may change it');
    }
    const task = access.value;
    const { editVersion, assignedVolunteer, ...fields } = patch;
    const edit = {
      type: fields.type ?? task.type, startsAt: fields.startsAt ?? task.startsAt, durationMinutes: fields.durationMinutes ?? task.durationMinutes,
      area: fields.area ?? task.area, summary: fields.summary ?? task.summary, details: fields.details ?? task.details,
      requirements: fields.requirements ?? task.requirements, personRef: fields.personRef === undefined ? task.personRef : fields.personRef || null,
      fillBy: fields.fillBy === undefined ? task.fillBy : fields.fillBy, waveSize: fields.waveSize ?? task.waveSize, offerTimeoutMinutes: fields.offerTimeoutMinutes ?? task.offerTimeoutMinutes,
    };
    // Only a new start must lie in the window; a task that has begun can still get its text corrected.
    const problems = checkTaskTimes({ startsAt: edit.startsAt, fillBy: edit.fillBy }, ctx.now())
      .filter((p) => p.field !== 'startsAt' || edit.startsAt.getTime() !== task.startsAt.getTime());
    if (problems.length > 0) throw new RequestValidationError(problems);
    const r = await editTask(ctx, actorOf(res), {
      taskId: id, expectedVersion: editVersion ?? task.editVersion, edit,
      decision: assignedVolunteer && { volunteerId: assignedVolunteer.id, choice: assignedVolunteer.decision },
    });
    if (r.ok) return void res.json({ task: visibleTask(actorOf(res), r.task), ...r.outcome });
    switch (r.error) {
      case 'not_found': return void res.status(404).json({ error: 'not_found', message: 'task not found' });
      case 'forbidden': return sendApiForbidden(res, 'the task belongs to another unit');
      case 'unchanged': return void res.json({ task: visibleTask(actorOf(res), task), changed: [], told: 0, withdrawn: 0, unassigned: false });
      case 'not_editable': return void res.status(409).json({ error: 'not_editable', message: `task is ${r.status} and cannot be edited`, status: r.status });
      case 'stale': return void res.status(409).json({ error: 'stale', message: 'the task was edited since editVersion; read it again', editVersion: r.task.editVersion });
      case 'confirm_unfit': return void res.status(409).json({
        error: 'confirm_unfit',
        message: `${r.volunteer.name} would no longer fit: ${r.reasons.join('; ')}. Send assignedVolunteer {id, decision: keep | unassign | unassign_resend}.`,
        volunteer: r.volunteer, reasons: r.reasons,
      });
    }
  });
}
