import { Router, type Request, type Response } from 'express';
import { can } from '../../domain/access';
import type { TaskType } from '../../domain/messages';
import { TASK_TYPES } from '../../domain/volunteer';
import { getVolunteerTotals, listVolunteerHistory, listVolunteerMonths } from '../../db/volunteer-history.repo';
import { listVolunteerAreas, listVolunteerPage, type VolunteerListQuery, type VolunteerSort, type VolunteerStatusFilter } from '../../db/volunteer-list.repo';
import { findVolunteer, type Volunteer } from '../../db/volunteer.repo';
import { deactivateVolunteer, reactivateVolunteer, type LifecycleRefusal } from '../../services/deactivate-volunteer';
import { eraseVolunteer } from '../../services/erase-volunteer';
import { exportVolunteers } from '../../services/export-volunteers';
import type { CsvSource } from '../../domain/import-preview';
import { importVolunteers, previewVolunteerImport, previewVolunteerSource } from '../../services/import-volunteers';
import type { VolunteerForm } from '../../domain/volunteer-form';
import { registerVolunteerFromForm } from '../../services/register-volunteer';
import { updateVolunteer } from '../../services/update-volunteer';
import { sendForbidden } from './require-admin';
import { html, type SafeHtml } from '../views/html';
import { volunteerProfile, type VolunteerProfileView } from '../views/volunteers/profile';
import { page } from '../views/layout';
import { EMPTY_VOLUNTEER_FORM, formFromVolunteer, volunteerFormPage } from '../views/volunteers/form';
import { importPreviewPage, importUploadPage } from '../views/volunteers/import';
import { formatCount, todayInOslo } from '../views/volunteers/labels';
import { volunteerListPage } from '../views/volunteers/list';
import type { AdminDeps } from './admin-deps';
import { coordinatorOf, frameOf, sendPage, setFlash, redirectAfterSave } from './frame';

const PAGE_SIZE = 50;
const VOLUNTEER_ID = /^\d{1,18}$/;
const STATUSES: readonly VolunteerStatusFilter[] = ['', 'active', 'paused', 'opted_out', 'deactivated'];
const SORTS: readonly VolunteerSort[] = ['name', 'last_contact', 'tasks_done'];

/** Frivillige (/volunteers): search, add, edit, import from and export to CSV. */
export function volunteersRoutes(deps: AdminDeps): Router {
  const router = Router();
  const { ctx } = deps;

  router.get('/volunteers', async (req, res) => {
    const query = readListQuery(req.query, todayInOslo(ctx.now()));
    const [found, areas] = await Promise.all([listVolunteerPage(ctx.db, query), listVolunteerAreas(ctx.db)]);
    sendPage(res, volunteerListPage(frameOf(res), { query, volunteers: found.rows, total: found.total, areas }));
  });

  router.get('/volunteers/new', (_req, res) => {
    sendPage(res, volunteerFormPage(frameOf(res), { values: EMPTY_VOLUNTEER_FORM, errors: {} }));
  });

  router.post('/volunteers/new', async (req, res) => {
    const form = readVolunteerForm(req.body);
    const result = await registerVolunteerFromForm(ctx, coordinatorOf(res), form);
    if (!result.ok) {
      sendPage(res, volunteerFormPage(frameOf(res), { values: form, errors: result.errors, requesterName: result.requesterName }), 400);
      return;
    }
    setFlash(req, 'ok', `${result.volunteer.name} er lagt til.`);
    redirectAfterSave(req, res, `/admin/volunteers/${result.volunteer.id}`);
  });

  router.get('/volunteers/import', (_req, res) => {
    sendPage(res, importUploadPage(frameOf(res)));
  });

  router.post('/volunteers/import', async (req, res) => {
    const file = findUploadedFile(req);
    if (!file) {
      sendPage(res, importUploadPage(frameOf(res), 'no_file'), 400);
      return;
    }
    const preview = await previewVolunteerImport(ctx, coordinatorOf(res), file.buffer);
    if (!preview.ok) {
      sendPage(res, importUploadPage(frameOf(res), preview.error), 400);
      return;
    }
    sendPage(res, importPreviewPage(frameOf(res), preview));
  });

  // Another page of a preview: the form names the kept upload, like the confirm step's.
  router.post('/volunteers/import/preview', async (req, res) => {
    const page = Number.parseInt(readString(req.body, 'page'), 10);
    const preview = await previewVolunteerSource(ctx, coordinatorOf(res), readCsvSource(req.body), page);
    if (!preview.ok) {
      sendPage(res, importUploadPage(frameOf(res), preview.error), 400);
      return;
    }
    sendPage(res, importPreviewPage(frameOf(res), preview));
  });

  router.post('/volunteers/import/confirm', async (req, res) => {
    const result = await importVolunteers(ctx, coordinatorOf(res), readCsvSource(req.body));
    if (!result.ok) {
      sendPage(res, importUploadPage(frameOf(res), result.error), 400);
      return;
    }
    const skipped = result.skipped > 0 ? ` ${formatCount(result.skipped, 'rad', 'rader')} ble hoppet over.` : '';
    const updated = result.updated > 0 ? ` Oppdaterte ${formatCount(result.updated, 'frivillig', 'frivillige')}.` : '';
    setFlash(req, 'ok', `Importerte ${formatCount(result.imported, 'ny frivillig', 'nye frivillige')}.${updated}${skipped}`);
    redirectAfterSave(req, res, '/admin/volunteers');
  });

  router.get('/volunteers/export.csv', async (_req, res) => {
    const file = await exportVolunteers(ctx, coordinatorOf(res));
    res.status(200)
      .set('Content-Type', 'text/csv; charset=utf-8')
      .set('Content-Disposition', `attachment; filename="${file.filename}"`)
      .set('Cache-Control', 'no-store') // personal data: no copies in caches
      .send(file.csv);
  });

  router.get('/volunteers/:id', async (req, res) => {
    const volunteer = await findVolunteerParam(deps, req);
    if (!volunteer) return sendNotFound(res);
    sendPage(res, await volunteerPage(deps, res, volunteer));
  });

  router.post('/volunteers/:id/deactivate', async (req, res) => {
    if (!VOLUNTEER_ID.test(String(req.params.id))) return sendNotFound(res); // not a number: nobody, never a database error
    const result = await deactivateVolunteer(ctx, coordinatorOf(res), String(req.params.id));
    if (!result.ok) return sendLifecycleRefusal(deps, res, result, 'deactivate', String(req.params.id));
    const offer = result.withdrewOffer ? ' Tilbudet som ventet på svar, er trukket tilbake, og neste frivillige spørres.' : '';
    setFlash(req, 'ok', result.changed ? `${result.volunteer.name} er deaktivert og får ingen flere tilbud.${offer}` : `${result.volunteer.name} var allerede deaktivert.`);
    redirectAfterSave(req, res, `/admin/volunteers/${result.volunteer.id}`);
  });

  router.post('/volunteers/:id/reactivate', async (req, res) => {
    if (!VOLUNTEER_ID.test(String(req.params.id))) return sendNotFound(res);
    const result = await reactivateVolunteer(ctx, coordinatorOf(res), String(req.params.id));
    if (!result.ok) return sendLifecycleRefusal(deps, res, result, 'deactivate', String(req.params.id));
    setFlash(req, 'ok', `${result.volunteer.name} er aktiv igjen og kan få tilbud.`);
    redirectAfterSave(req, res, `/admin/volunteers/${result.volunteer.id}`);
  });

  router.post('/volunteers/:id/erase', async (req, res) => {
    const id = String(req.params.id);
    if (!can(coordinatorOf(res), 'erase', { kind: 'volunteer' })) return sendForbidden(res, 'volunteerErase');
    if (!VOLUNTEER_ID.test(id)) return sendNotFound(res);
    if (readString(req.body, 'confirm') !== 'yes') {
      setFlash(req, 'error', 'Ingenting ble slettet: kryss av for at den frivillige har bedt om å bli slettet.');
      return redirectAfterSave(req, res, `/admin/volunteers/${id}`);
    }
    const result = await eraseVolunteer(ctx, coordinatorOf(res), id);
    if (!result.ok) return sendLifecycleRefusal(deps, res, result, 'erase', id);
    setFlash(req, 'ok', 'Personopplysningene er slettet. Tallene for tilbud, oppdrag og timer er beholdt.');
    redirectAfterSave(req, res, `/admin/volunteers/${id}`);
  });

  router.post('/volunteers/:id', async (req, res) => {
    const volunteer = await findVolunteerParam(deps, req);
    if (!volunteer || volunteer.erasedAt) return sendNotFound(res);
    const form = readVolunteerForm(req.body);
    const result = await updateVolunteer(ctx, coordinatorOf(res), volunteer.id, form);
    if (!result.ok) {
      if ('notFound' in result) return sendNotFound(res);
      sendPage(res, volunteerFormPage(frameOf(res), { volunteer, values: form, errors: result.errors }), 400);
      return;
    }
    setFlash(req, 'ok', `Endringene for ${result.volunteer.name} er lagret.`);
    redirectAfterSave(req, res, `/admin/volunteers/${volunteer.id}`);
  });

  return router;
}

const HISTORY_LIMIT = 100;
const MONTHS_SHOWN = 12;

/** A volunteer's page: status, activity and leaving, then the form (nothing to edit once erased). */
async function volunteerPage(deps: AdminDeps, res: Response, volunteer: Volunteer, extra: Partial<VolunteerProfileView> = {}): Promise<SafeHtml> {
  const { db } = deps.ctx;
  const [totals, months, history] = await Promise.all([
    getVolunteerTotals(db, volunteer.id), listVolunteerMonths(db, volunteer.id, MONTHS_SHOWN), listVolunteerHistory(db, volunteer.id, HISTORY_LIMIT),
  ]);
  const profile = volunteerProfile(frameOf(res), { volunteer, totals, months, history, ...extra });
  if (volunteer.erasedAt) {
    return page(frameOf(res), {
      title: volunteer.name, section: 'volunteers',
      body: html`<p><a href="/admin/volunteers">← Alle frivillige</a></p><h1>${volunteer.name} <span class="muted">#${volunteer.id}</span></h1>${profile}`,
    });
  }
  return volunteerFormPage(frameOf(res), { volunteer, values: formFromVolunteer(volunteer), errors: {}, profile });
}

async function sendLifecycleRefusal(deps: AdminDeps, res: Response, result: LifecycleRefusal, action: 'deactivate' | 'erase', id: string): Promise<void> {
  if (result.error === 'forbidden') return sendForbidden(res, 'volunteerErase');
  const volunteer = VOLUNTEER_ID.test(id) ? await findVolunteer(deps.ctx.db, id) : undefined;
  if (!volunteer || result.error === 'not_found') return sendNotFound(res);
  if (result.error !== 'has_assignments') {
    sendPage(res, await volunteerPage(deps, res, volunteer), 409); // already erased
    return;
  }
  sendPage(res, await volunteerPage(deps, res, volunteer, { blockedBy: { action, assignments: result.assignments } }), 409);
}

async function findVolunteerParam(deps: AdminDeps, req: Request) {
  const id = String(req.params.id ?? '');
  return VOLUNTEER_ID.test(id) ? findVolunteer(deps.ctx.db, id) : undefined;
}

function sendNotFound(res: Response): void {
  sendPage(res, page(frameOf(res), {
    title: 'Fant ikke frivillig',
    section: 'volunteers',
    body: html`<h1>Fant ikke frivillig</h1><p><a href="/admin/volunteers">Tilbake til alle frivillige</a></p>`,
  }), 404);
}

/** A form or query value as one string ('' when missing; the first when sent twice). */
/** The kept upload a preview page names; the file's text itself from a page rendered before uploads were kept. */
function readCsvSource(body: unknown): CsvSource {
  const uploadId = readString(body, 'upload');
  return uploadId ? { uploadId } : { csvText: readString(body, 'csv') };
}

function readString(source: unknown, name: string): string {
  const value = (source as Record<string, unknown> | undefined)?.[name];
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' ? first : '';
}

/** Checkboxes arrive as nothing, one string or several. */
function readStringList(source: unknown, name: string): string[] {
  const value = (source as Record<string, unknown> | undefined)?.[name];
  const list = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return list.filter((v): v is string => typeof v === 'string');
}

/** The list's query string; anything unknown falls back to the default rather than failing. */
function readListQuery(source: unknown, today: string): VolunteerListQuery {
  const status = readString(source, 'status') as VolunteerStatusFilter;
  const sort = readString(source, 'sort') as VolunteerSort;
  const page = Number.parseInt(readString(source, 'page'), 10);
  return {
    q: readString(source, 'q').slice(0, 200),
    area: readString(source, 'area').slice(0, 200),
    taskType: TASK_TYPES.includes(readString(source, 'type') as TaskType) ? readString(source, 'type') : '',
    status: STATUSES.includes(status) ? status : '',
    papersExpiring: readString(source, 'papers') === 'expiring',
    sort: SORTS.includes(sort) ? sort : 'name',
    page: Number.isSafeInteger(page) && page >= 1 && page <= 100_000 ? page : 1,
    pageSize: PAGE_SIZE,
    today,
  };
}

function readVolunteerForm(body: unknown): VolunteerForm {
  return {
    name: readString(body, 'name'),
    phone: readString(body, 'phone'),
    language: readString(body, 'language'),
    contactPreference: readString(body, 'contactPreference'),
    taskTypes: readStringList(body, 'taskTypes'),
    areas: readString(body, 'areas'),
    notes: readString(body, 'notes'),
    agreementSignedOn: readString(body, 'agreementSignedOn'),
    confidentialitySignedOn: readString(body, 'confidentialitySignedOn'),
    policeCertificateOn: readString(body, 'policeCertificateOn'),
    trainingOn: readString(body, 'trainingOn'),
    pausedUntil: readString(body, 'pausedUntil'),
    availability: readString(body, 'availability'),
    maxTasksPerWeek: readString(body, 'maxTasksPerWeek'),
  };
}

function findUploadedFile(req: Request): Express.Multer.File | undefined {
  const files = Array.isArray(req.files) ? req.files : [];
  return files.find((f) => f.fieldname === 'file' && f.size > 0);
}
