import type { Browser, BrowserContext, Page } from 'playwright-core';
import { findCoordinator } from '../../src/db/coordinator.repo';
import { createApiToken } from '../../src/services/api-tokens';
import { coordinatorActor } from '../../src/services/authenticate-coordinator';
import { createAccount, launchBrowser, logIn, screenshot, type Account } from '../support/browser';
import { createTask, createVolunteers, getTask } from '../support/flows';
import { startHarness, type Harness } from '../support/harness';

jest.setTimeout(90_000);

const DETAILS = 'Olga Hansen, Storgata 5, 2. etg. Ringeklokka virker ikke, bank på.';

let h: Harness;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let kari: Account;
let other: Account;
let volunteers: { id: string; phone: string; name: string }[];

beforeAll(async () => {
  h = await startHarness();
  browser = await launchBrowser();
  kari = await createAccount(h, { email: 'kari@lorenskog.kommune.no', name: 'Kari Koordinator', unit: 'Frivilligsentralen' });
  other = await createAccount(h, { email: 'hom@lorenskog.kommune.no', name: 'Hanne HOM', unit: 'Helse, omsorg og mestring' });
  volunteers = await createVolunteers(h, 3);
});
afterAll(async () => {
  await browser?.close();
  await h?.close();
});
beforeEach(async () => {
  context = await browser.newContext({ locale: 'nb-NO', timezoneId: 'Europe/Oslo' });
  page = await context.newPage();
});
afterEach(async () => {
  await context.close();
});

/** Tomorrow in Oslo as the date input wants it. */
function tomorrow(): string {
  return new Date(Date.now() + 86_400_000).toLocaleDateString('sv-SE', { timeZone: 'Europe/Oslo' });
}

async function fillTaskForm(p: Page, fields: { area: string }): Promise<void> {
  await p.getByLabel('Type oppdrag').selectOption({ label: 'Handlehjelp' });
  await p.getByLabel('Dato').fill(tomorrow());
  await p.getByLabel('Klokkeslett').fill('10:30');
  await p.getByLabel('Varighet i minutter').fill('90');
  await p.getByLabel('Sted').fill(fields.area);
  await p.getByLabel('Kort beskrivelse').fill('Handle dagligvarer på Rema for en eldre dame.');
  await p.getByLabel('Detaljer').fill(DETAILS);
  await p.getByLabel('Antall frivillige som spørres om gangen').fill('1');
}

async function taskIdFromUrl(p: Page): Promise<string> {
  await p.waitForURL(/\/admin\/tasks\/\d+$/);
  return /\/admin\/tasks\/(\d+)$/.exec(p.url())![1]!;
}

/** A task created through the form, as Kari. */
async function createTaskThroughForm(p: Page): Promise<string> {
  await p.goto(`${h.baseUrl}/admin/tasks/new`);
  await fillTaskForm(p, { area: 'Lørenskog sentrum' });
  await p.getByRole('button', { name: 'Lagre oppdraget' }).click();
  return taskIdFromUrl(p);
}

describe('Oppdrag', () => {
  it('the new-task form shows a message next to the field it is about, keeps the values, and answers 400', async () => {
    await logIn(page, h, kari);
    await page.goto(`${h.baseUrl}/admin/tasks/new`);
    expect(await page.getByLabel('Enhet').inputValue()).toBe(kari.unitId);
    await fillTaskForm(page, { area: '' });
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/admin/tasks/new') && r.request().method() === 'POST'),
      page.getByRole('button', { name: 'Lagre oppdraget' }).click(),
    ]);
    expect(response.status()).toBe(400);
    const area = page.locator('#f-area');
    expect(await area.getAttribute('aria-invalid')).toBe('true');
    expect(await area.getAttribute('aria-describedby')).toContain('area-error');
    expect(await page.locator('#area-error').textContent()).toContain('Skriv hvor oppdraget er');
    expect(await page.getByLabel('Detaljer').inputValue()).toBe(DETAILS);
    expect(await page.locator('#form-errors').textContent()).toContain('Sted');

    await page.getByLabel('Sted').fill('Lørenskog sentrum');
    await page.getByRole('button', { name: 'Lagre oppdraget' }).click();
    const id = await taskIdFromUrl(page);
    await page.getByText('Oppdraget er lagret').waitFor();
    const task = await getTask(h, id);
    expect(task).toMatchObject({ status: 'new', type: 'shopping', area: 'Lørenskog sentrum', details: DETAILS, waveSize: 1, unitId: kari.unitId, durationMinutes: 90 });
  });

  it('dispatch from the task page; a signed JA shows up as the assignment without a reload', async () => {
    await logIn(page, h, kari);
    const id = await createTaskThroughForm(page);
    h.fake.reset();
    await page.getByRole('button', { name: 'Send ut', exact: true }).click();
    await page.getByText('Oppdraget er sendt ut').waitFor();

    // From here on the page must not navigate: the marker lives only as long as this document.
    let navigations = 0;
    page.on('framenavigated', (frame) => {
      if (frame === page.mainFrame()) navigations++;
    });
    await page.evaluate(() => {
      (globalThis as unknown as { liveMarker: string }).liveMarker = 'still here';
    });
    const [offer] = await h.fake.waitForMessages(1);
    const volunteer = volunteers.find((v) => v.phone === offer!.to)!;
    await page.locator('#task-timeline').getByText(`Tilbud på SMS til ${volunteer.name}`).waitFor();
    await page.getByText('Siden oppdateres automatisk.').waitFor();

    expect((await h.sms(volunteer.phone, 'JA')).status).toBe(200);
    await page.locator('#assigned-volunteer').getByText(volunteer.name).waitFor({ timeout: 15_000 });
    await page.locator('#task-status .badge').getByText('Tildelt').waitFor();
    await page.locator('#task-timeline').getByText(`Svar fra ${volunteer.name}: «JA»`).waitFor();
    await page.locator('#task-timeline').getByText(`${volunteer.name} takket ja`).waitFor();
    await page.locator('#task-timeline').getByText('Bekreftelse med detaljene til').waitFor();
    expect(await page.evaluate(() => (globalThis as unknown as { liveMarker?: string }).liveMarker)).toBe('still here');
    expect(navigations).toBe(0);
    expect(await page.locator('#manual-assign').isHidden()).toBe(true);
    expect(await page.locator('#task-timeline li').count()).toBeGreaterThanOrEqual(5);
    expect((await getTask(h, id)).assignedVolunteer?.id).toBe(volunteer.id);
    await page.locator('#task-timeline').getByText('Kari Koordinator sendte ut oppdraget').waitFor();
    await screenshot(page, 'oppdrag-tidslinje');
  });

  it('a coordinator of another unit sees the task but not its details, on the page and in the API', async () => {
    const task = await createTask(h, { unitId: kari.unitId, details: DETAILS });
    await logIn(page, h, other);
    await page.goto(`${h.baseUrl}/admin/tasks/${task.id}`);
    await page.getByText('Følge en eldre mann til legen.').waitFor();
    await page.locator('#details-hidden').getByText('vises bare for koordinatorene i Frivilligsentralen').waitFor();
    expect(await page.content()).not.toContain('Olga Hansen');

    const hanne = coordinatorActor((await findCoordinator(h.deps.db, other.id))!);
    const token = await createApiToken(h.deps.ctx, hanne as Extract<typeof hanne, { kind: 'coordinator' }>, 'test');
    const seen = await h.api('GET', `/api/tasks/${task.id}`, undefined, token);
    expect(seen.status).toBe(200);
    expect(seen.body).toMatchObject({ id: task.id, summary: 'Følge en eldre mann til legen.', detailsHidden: true });
    expect(seen.body).not.toHaveProperty('details');
    expect(JSON.stringify(seen.body)).not.toContain('Olga Hansen');

    const karisOwn = coordinatorActor((await findCoordinator(h.deps.db, kari.id))!);
    const karisToken = await createApiToken(h.deps.ctx, karisOwn as Extract<typeof karisOwn, { kind: 'coordinator' }>, 'test');
    expect((await h.api('GET', `/api/tasks/${task.id}`, undefined, karisToken)).body.details).toBe(DETAILS);
  });

  it('manual assignment ("avtalt på telefon") works once; a second one for the same task is refused', async () => {
    await logIn(page, h, kari);
    const id = await createTaskThroughForm(page);
    // A second window without JavaScript still shows the form after the first assignment.
    const noJs = await browser.newContext({ javaScriptEnabled: false, locale: 'nb-NO' });
    const stale = await noJs.newPage();
    await logIn(stale, h, kari);
    await stale.goto(`${h.baseUrl}/admin/tasks/${id}`);

    // Two who are free then (an earlier test gave one of the first three a task at the same time,
    // which makes them unfit: assigning them would ask «Tildel likevel?» first).
    const [ana, ben] = (await createVolunteers(h, 2)) as [typeof volunteers[0], typeof volunteers[0]];
    await page.reload();
    await stale.reload();
    await page.getByLabel('Frivillig', { exact: true }).selectOption(ana.id);
    await page.getByRole('button', { name: 'Tildel (avtalt på telefon)' }).click();
    await page.getByText(`Oppdraget er tildelt ${ana.name}`).waitFor();
    await page.locator('#assigned-volunteer').getByText(ana.name).waitFor();

    await stale.getByLabel('Frivillig', { exact: true }).selectOption(ben.id);
    await stale.getByRole('button', { name: 'Tildel (avtalt på telefon)' }).click();
    await stale.getByText('Oppdraget kan ikke tildeles når det er tildelt.').waitFor();
    await stale.locator('#assigned-volunteer').getByText(ana.name).waitFor();
    await noJs.close();

    const assignments = await h.deps.db.selectFrom('assignment').selectAll().where('task_id', '=', id).execute();
    expect(assignments.map((a) => [a.volunteer_id, a.source])).toEqual([[ana.id, 'manual']]);
    const audit = await h.deps.db.selectFrom('audit_event').select('action').where('subject_type', '=', 'task').where('subject_id', '=', id).orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(['task_created', 'task_assigned_manually']);
  });

  it('stop and cancel from the task page', async () => {
    await logIn(page, h, kari);
    const id = await createTaskThroughForm(page);
    await page.getByRole('button', { name: 'Send ut', exact: true }).click();
    await page.getByText('Oppdraget er sendt ut').waitFor();
    await page.getByRole('button', { name: 'Stopp utsending' }).click();
    await page.getByText('Utsendingen er stoppet.').waitFor();
    await page.locator('#task-status .badge').getByText('Ny').waitFor();
    expect((await getTask(h, id)).offers.every((o) => o.status === 'withdrawn')).toBe(true);
    await page.getByText('Avlys oppdraget …').click();
    await page.getByRole('button', { name: 'Avlys', exact: true }).click();
    await page.getByText('Oppdraget er avlyst.').waitFor();
    await page.locator('#task-status .badge').getByText('Avlyst').waitFor();
    expect(await page.getByRole('button', { name: 'Send ut', exact: true }).count()).toBe(0);
  });

  it('the list filters by status, type and unit', async () => {
    await createTask(h, { unitId: other.unitId, type: 'visit', summary: 'Besøksvenn for en eldre mann.' });
    await logIn(page, h, kari);
    await page.goto(`${h.baseUrl}/admin/tasks`);
    await page.getByRole('heading', { name: 'Oppdrag' }).waitFor();
    expect(await page.locator('tbody tr').count()).toBeGreaterThanOrEqual(5);
    await screenshot(page, 'oppdrag-liste');

    await page.getByLabel('Type').selectOption({ label: 'Besøk' });
    await page.getByRole('button', { name: 'Vis' }).click();
    await page.waitForURL(/type=visit/);
    await page.getByText('Besøksvenn for en eldre mann.').waitFor();
    expect(await page.locator('tbody tr').count()).toBe(1);

    await page.goto(`${h.baseUrl}/admin/tasks?status=assigned&unit=${kari.unitId}`);
    const rows = await page.locator('tbody tr').allTextContents();
    expect(rows.length).toBeGreaterThanOrEqual(2);
    for (const r of rows) expect(r).toContain('Tildelt');
    expect(await page.getByLabel('Status').inputValue()).toBe('assigned');

    await page.goto(`${h.baseUrl}/admin/tasks?from=ikke-en-dato`);
    await page.getByText('Ugyldig dato').waitFor();
  });
});
