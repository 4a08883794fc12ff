import { Router, type Response } from 'express';
import { z } from 'zod';
import { can, visibleTask } from '../../domain/access';
import { checkTaskTimes } from '../../domain/task-window';
import { insertAuditEvent } from '../../db/audit.repo';
import { listVolunteers } from '../../db/volunteer.repo';
import type { ServiceContext } from '../../services/context';
import { createTask } from '../../services/create-task';
import { cancelTask, dispatchTask } from '../../services/dispatch-task';
import { authorizeTask } from '../../services/authorize';
import { getTaskView } from '../../services/get-task-view';
import { registerVolunteer } from '../../services/register-volunteer';
import { actorOf } from '../auth';
import { sendApiForbidden } from '../forbidden';
import { explainMatching } from '../../services/explain-matching';
import { CalendarDay, OsloDateTime } from '../input/dates';
import { parseRequest, RequestValidationError } from '../validate';
import { addTaskEditRoute } from './api-task-edit';

const Day = CalendarDay;
const ClockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'must be HH:MM');

const VolunteerBody = z.object({
  name: z.string().trim().min(1, 'name is required').max(200),
  phone: z.string().min(1, 'phone is required').max(40),
  language: z.string().min(2).max(10).optional(),
  /** sms (default), call or sms_then_call; checked against the number's type by registerVolunteer. */
  contactPreference: z.string().max(20).optional(),
  taskTypes: z.array(z.enum(['shopping', 'escort', 'visit', 'walk', 'practical', 'other'])).optional(),
  areas: z.array(z.string().trim().min(1).max(100)).max(50).optional(),
  confidentialitySignedOn: Day.nullable().optional(),
  policeCertificateOn: Day.nullable().optional(),
  trainingOn: Day.nullable().optional(),
  pausedUntil: Day.nullable().optional(),
  /** Weekly windows in Oslo time (Monday = 1); none means any time. */
  availability: z.array(z.object({ weekday: z.number().int().min(1).max(7), from: ClockTime, to: ClockTime })
    .refine((w) => w.from < w.to, 'from must be before to')).max(50).optional(),
  absences: z.array(z.object({ from: Day, to: Day }).refine((a) => a.from <= a.to, 'from must not be after to')).max(100).optional(),
  maxTasksPerWeek: z.number().int().min(1).max(14).nullable().optional(),
});

const TaskBody = z.object({
  type: z.enum(['shopping', 'escort', 'visit', 'walk', 'practical', 'other']),
  startsAt: OsloDateTime,
  durationMinutes: z.number().int().min(1).max(1440),
  area: z.string().trim().min(1, 'area is required').max(100),
  summary: z.string().trim().min(1, 'summary is required').max(300),
  details: z.string().trim().min(1, 'details is required').max(2000),
  waveSize: z.number().int().min(1).max(50).optional(),
  offerTimeoutMinutes: z.number().int().min(1).max(10080).optional(),
  requirements: z.array(z.enum(['confidentiality', 'police_certificate', 'training'])).max(3).transform((r) => [...new Set(r)]).optional(),
  /** Who is helped, as the unit refers to them (never sent by SMS): whoever helped them before is asked first. */
  personRef: z.string().trim().min(1).max(100).optional(),
  fillBy: OsloDateTime.optional(),
  /** Whose task it is; by default the token owner's unit. */
  unitId: z.union([z.string().regex(/^\d{1,18}$/, 'must be a numeric id'), z.number().int().positive()]).transform(String).optional(),
});

const IdParam = z.object({ id: z.string().regex(/^\d{1,18}$/, 'must be a numeric id') });

const errorStatus = { not_found: 404, not_dispatchable: 409, not_cancellable: 409 } as const;

function sendServiceError(res: Response, r: { error: keyof typeof errorStatus; status?: string }): void {
  const message = r.error === 'not_found' ? 'task not found' : `task is ${r.status} and cannot be changed that way`;
  res.status(errorStatus[r.error]).json({ error: r.error, message, status: r.status });
}

const NOT_YOURS = 'the task belongs to another unit; only its own coordinators and admins may change it';

/** Looks the task up and asks the access model; answers 404 or 403 itself and returns false then. */
async function taskAllowed(ctx: ServiceContext, res: Response, id: string, action: 'view' | 'dispatch' | 'cancel'): Promise<boolean> {
  const access = await authorizeTask(ctx.db, actorOf(res), id, action);
  if (access.ok) return true;
  if (access.error === 'not_found') res.status(404).json({ error: 'not_found', message: 'task not found' });
  else sendApiForbidden(res, NOT_YOURS);
  return false;
}

async function auditTask(ctx: ServiceContext, res: Response, action: string, taskId: string): Promise<void> {
  await insertAuditEvent(ctx.db, actorOf(res), { action, subjectType: 'task', subjectId: taskId }, ctx.now());
}

/** The JSON API: thin routes, each parsing its input and calling one service. */
export function apiRoutes(ctx: ServiceContext): Router {
  const router = Router();

  router.post('/volunteers', async (req, res) => {
    const body = parseRequest(VolunteerBody, req.body);
    const result = await registerVolunteer(ctx, body);
    if (result.ok) {
      await insertAuditEvent(ctx.db, actorOf(res), { action: 'volunteer_created', subjectType: 'volunteer', subjectId: result.volunteer.id }, ctx.now());
      res.status(201).json(result.volunteer);
      return;
    }
    const status = result.error === 'duplicate' || result.error === 'requester_phone' ? 409 : 400;
    res.status(status).json({ error: result.error, message: result.message, fields: [{ field: result.field, message: result.message }] });
  });

  router.get('/volunteers', async (_req, res) => {
    res.json({ volunteers: await listVolunteers(ctx.db) });
  });

  router.post('/tasks', async (req, res) => {
    const actor = actorOf(res);
    const body = parseRequest(TaskBody, req.body);
    const timeProblems = checkTaskTimes(body, ctx.now());
    if (timeProblems.length > 0) throw new RequestValidationError(timeProblems);
    const unitId = body.unitId ?? (actor.kind === 'coordinator' ? actor.unitId : null);
    if (!can(actor, 'create_task', { kind: 'unit', unitId })) {
      return sendApiForbidden(res, unitId === null ? 'a task needs a unit: give unitId of your own unit' : 'you may create tasks in your own unit only');
    }
    const result = await createTask(ctx, actor, { ...body, unitId });
    if (result.ok) {
      res.status(201).json(visibleTask(actor, result.task));
      return;
    }
    res.status(400).json({ error: 'invalid_request', message: 'unitId: no such unit', fields: [{ field: 'unitId', message: 'no such unit' }] });
  });

  router.get('/tasks/:id', async (req, res) => {
    const { id } = parseRequest(IdParam, req.params);
    if (!(await taskAllowed(ctx, res, id, 'view'))) return;
    const view = await getTaskView(ctx.db, id, ctx.now());
    if (!view) {
      res.status(404).json({ error: 'not_found', message: 'task not found' });
      return;
    }
    res.json(visibleTask(actorOf(res), view));
  });

  // Every volunteer and why they were, or would be, asked or not (?lang=en for English reasons).
  router.get('/tasks/:id/candidates', async (req, res) => {
    const { id } = parseRequest(IdParam, req.params);
    const language = req.query.lang === 'en' ? 'en' : 'nb';
    if (!(await taskAllowed(ctx, res, id, 'view'))) return;
    const explanation = await explainMatching(ctx.db, id, ctx.now(), language);
    if (!explanation) {
      res.status(404).json({ error: 'not_found', message: 'task not found' });
      return;
    }
    res.json(explanation);
  });

  router.post('/tasks/:id/dispatch', async (req, res) => {
    const { id } = parseRequest(IdParam, req.params);
    if (!(await taskAllowed(ctx, res, id, 'dispatch'))) return;
    const result = await dispatchTask(ctx, id);
    if (!result.ok) return sendServiceError(res, result);
    await auditTask(ctx, res, 'task_dispatched', id);
    res.status(202).json(visibleTask(actorOf(res), result.task));
  });

  addTaskEditRoute(router, ctx);

  router.post('/tasks/:id/cancel', async (req, res) => {
    const { id } = parseRequest(IdParam, req.params);
    if (!(await taskAllowed(ctx, res, id, 'cancel'))) return;
    const result = await cancelTask(ctx, id);
    if (!result.ok) return sendServiceError(res, result);
    await auditTask(ctx, res, 'task_cancelled', id);
    res.json(visibleTask(actorOf(res), result.task));
  });

  return router;
}
