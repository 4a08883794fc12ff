import { insertAuditEvent } from '../../src/db/audit.repo';
import { findOrCreateUnit } from '../../src/db/coordinator.repo';
import { seedDemoData } from '../../src/services/seed-demo-data';
import { logInWithFetch, type WebLogin } from '../support/web-login';
import { uniqueMobile } from '../support/factories';
import { createTask } from '../support/flows';
import { startHarness, type Harness } from '../support/harness';

jest.setTimeout(90_000);

/** What coordinators read is Norwegian sentences with names, not codes and ids. */
let h: Harness;
let admin: WebLogin;

beforeAll(async () => {
  h = await startHarness({ workers: false });
  // Demo data only fills an empty database: before any account exists.
  if (!(await seedDemoData(h.deps.db, new Date())).seeded) throw new Error('demo data not seeded');
  admin = await logInWithFetch(h, { email: 'logg@example.no', role: 'admin' });
});
afterAll(async () => {
  await h?.close();
});

async function get(path: string, accept = 'text/html'): Promise<{ status: number; type: string; text: string }> {
  const res = await fetch(`${h.baseUrl}${path}`, { headers: { cookie: admin.cookie, accept }, redirect: 'manual' });
  return { status: res.status, type: res.headers.get('content-type') ?? '', text: await res.text() };
}

describe('Logg', () => {
  it('writes each event as a sentence with names and links, unknown kinds included', async () => {
    const created = await h.api('POST', '/api/volunteers', { name: 'Åse Lien', phone: uniqueMobile() });
    const volunteer = created.body as { id: string; name: string };
    const task = await createTask(h, { type: 'visit' });
    const unit = await findOrCreateUnit(h.deps.db, 'Helse og omsorg');
    const actor = { kind: 'anonymous' as const, label: 'system' };
    const now = new Date();
    await insertAuditEvent(h.deps.db, actor, { action: 'task_assigned_manually', subjectType: 'task', subjectId: task.id, detail: { volunteerId: volunteer!.id, offerId: null } }, now);
    await insertAuditEvent(h.deps.db, actor, { action: 'volunteer_updated', subjectType: 'volunteer', subjectId: volunteer!.id, detail: { changed: ['taskTypes'] } }, now);
    await insertAuditEvent(h.deps.db, actor, { action: 'coordinator_updated', subjectType: 'coordinator', subjectId: '1', detail: { role: 'coordinator', unitId: unit.id, previousRole: 'admin', previousUnitId: null } }, now);
    await insertAuditEvent(h.deps.db, actor, { action: 'inbox_replied', subjectType: 'message', subjectId: '4', detail: { smsId: '9' } }, now);
    await insertAuditEvent(h.deps.db, actor, { action: 'task_edited', subjectType: 'task', subjectId: task.id, detail: { changed: ['area'], area: { from: 'Sentrum', to: 'Nordby' }, told: 1, withdrawn: 0 } }, now);
    await insertAuditEvent(h.deps.db, actor, { action: 'inbox_assigned', subjectType: 'message', subjectId: '4', detail: { taskId: task.id, volunteerId: volunteer!.id } }, now);
    await insertAuditEvent(h.deps.db, actor, { action: 'volunteer_erased', subjectType: 'volunteer', subjectId: volunteer!.id, detail: { messages: 3, media: 0, auditEvents: 1, withdrewOffer: false } }, now);
    await insertAuditEvent(h.deps.db, actor, { action: 'volunteer_paused_by_robot', subjectType: 'volunteer', subjectId: volunteer!.id, detail: { volunteerId: volunteer!.id } }, now);

    const page = await get('/admin/audit');
    expect(page.status).toBe(200);
    const body = page.text.slice(page.text.indexOf('<tbody>'), page.text.indexOf('</tbody>'));
    for (const technical of ['demo.seeded', 'volunteers: 6', 'rolle: coordinator', 'type: visit', 'volunteerId', 'changed:', '"taskTypes"', `Frivillig ${volunteer!.id}`, 'SMS 4', 'logg@example.no']) {
      expect({ technical, found: body.includes(technical) }).toEqual({ technical, found: false });
    }
    expect(body).toContain('Svarja fylte den tomme databasen med demodata: en enhet, 6 frivillige, et oppdrag og et sykehjem som bestiller på SMS');
    expect(body).toContain(`tildelte <a href="/admin/tasks/${task.id}">oppdrag ${task.id} (besøk `);
    expect(body).toContain(`til <a href="/admin/volunteers/${volunteer!.id}">${volunteer!.name}</a>, avtalt på telefon`);
    expect(body).toContain(`endret <a href="/admin/volunteers/${volunteer!.id}">${volunteer!.name}</a> (oppdragstyper)`);
    expect(body).toContain('fra administrator uten enhet til koordinator i Helse og omsorg');
    expect(body).toContain('svarte på en SMS fra <a href="/admin/inbox">Innboks</a>');
    expect(body).toContain(`Svarja: volunteer paused by robot – <a href="/admin/volunteers/${volunteer!.id}">${volunteer!.name}</a>`);
    expect(body).toContain(`endret <a href="/admin/tasks/${task.id}">oppdrag ${task.id} (besøk `);
    expect(body).toContain(': sted (Sentrum → Nordby); 1 frivillig fikk SMS om endringen');
    expect(body).toContain(`behandlet et uklart svar fra <a href="/admin/volunteers/${volunteer!.id}">${volunteer!.name}</a> i <a href="/admin/inbox">Innboks</a> ved å tildele <a href="/admin/tasks/${task.id}">`);
    expect(body).toContain('slettet personopplysningene til en frivillig etter ønske: 3 meldingstekster, 0 bilder og 1 logglinje ble tømt; statistikken er beholdt');
    expect(body).toContain('Test logget inn'); // the coordinator's name, not their e-mail
  });
});

describe('unknown URLs', () => {
  it('answer a browser with a Norwegian page, and the API and webhooks with JSON', async () => {
    const page = await get('/admin/finnes-ikke');
    expect(page.status).toBe(404);
    expect(page.type).toContain('text/html');
    expect(page.text).toContain('<html lang="nb">');
    expect(page.text).toContain('Fant ikke siden');
    const top = await get('/noe-helt-annet');
    expect([top.status, top.type.includes('text/html')]).toEqual([404, true]);
    for (const path of ['/api/finnes-ikke', '/webhooks/twilio/finnes-ikke']) {
      const json = await get(path, 'text/html');
      expect(json.status).toBe(path.startsWith('/api') ? 401 : 404);
      expect(json.type).toContain('application/json');
    }
    const apiMiss = await fetch(`${h.baseUrl}/api/finnes-ikke`, { headers: { authorization: 'Bearer test-api-token-0123456789', accept: 'text/html' } });
    expect([apiMiss.status, apiMiss.headers.get('content-type')]).toEqual([404, expect.stringContaining('application/json')]);
  });
});

describe('the favicon', () => {
  it('is served from this machine and linked from every page', async () => {
    const ico = await get('/favicon.ico');
    expect([ico.status, ico.text]).toEqual([301, expect.any(String)]);
    const svg = await get('/static/favicon.svg');
    expect([svg.status, svg.type]).toEqual([200, expect.stringContaining('image/svg+xml')]);
    expect((await get('/admin')).text).toContain('<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">');
    expect((await get('/login')).text).toContain('rel="icon"');
  });
});
