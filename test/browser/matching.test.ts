import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createAccount, launchBrowser, logIn, screenshot, type Account } from '../support/browser';
import { DEFAULT_START } from '../support/flows';
import { startHarness, type Harness } from '../support/harness';

jest.setTimeout(90_000);

let h: Harness;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let kari: Account;

beforeAll(async () => {
  h = await startHarness();
  browser = await launchBrowser();
  kari = await createAccount(h, { email: 'kari@lorenskog.kommune.no', name: 'Kari Koordinator', unit: 'Frivilligsentralen' });
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

async function addVolunteer(p: Page, name: string, phone: string, fields: { availability?: string; police?: string; limit?: string }): Promise<void> {
  await p.goto(`${h.baseUrl}/admin/volunteers/new`);
  await p.getByLabel('Navn', { exact: true }).fill(name);
  await p.getByLabel('Mobilnummer').fill(phone);
  if (fields.police) await p.getByLabel('Politiattest').fill(fields.police);
  if (fields.availability) await p.getByLabel('Når kan den frivillige').fill(fields.availability);
  if (fields.limit) await p.getByLabel('Høyst antall oppdrag per uke').fill(fields.limit);
  await p.getByRole('button', { name: 'Legg til frivillig' }).click();
  await p.waitForURL(/\/admin\/volunteers\/\d+$/);
}

describe('matching on the admin page', () => {
  it('availability and a weekly limit are kept; a bad availability is explained next to the field', async () => {
    await logIn(page, h, kari);
    await page.goto(`${h.baseUrl}/admin/volunteers/new`);
    await page.getByLabel('Navn', { exact: true }).fill('Tor Tirsdag');
    await page.getByLabel('Mobilnummer').fill('412 55 501');
    await page.getByLabel('Når kan den frivillige').fill('tirsdag formiddag');
    await page.getByRole('button', { name: 'Legg til frivillig' }).click();
    await expect(page.locator('#availability-error').textContent()).resolves.toContain('man–fre 09–15');

    await page.getByLabel('Når kan den frivillige').fill('tir 9-12, tor-fre 10-16');
    await page.getByLabel('Høyst antall oppdrag per uke').fill('2');
    await page.getByRole('button', { name: 'Legg til frivillig' }).click();
    await page.waitForURL(/\/admin\/volunteers\/\d+$/);
    expect(await page.getByLabel('Når kan den frivillige').inputValue()).toBe('tir 09:00–12:00, tor–fre 10:00–16:00');
    expect(await page.getByLabel('Høyst antall oppdrag per uke').inputValue()).toBe('2');
  });

  it('a task that needs a police certificate: the page says who is asked and why the others are not', async () => {
    await logIn(page, h, kari);
    await addVolunteer(page, 'Pia Politiattest', '412 55 502', { police: '2026-01-10' });
    await addVolunteer(page, 'Uno Utenattest', '412 55 503', {});
    await addVolunteer(page, 'Mari Mandag', '412 55 504', { police: '2026-01-10', availability: 'man 08-16' });

    await page.goto(`${h.baseUrl}/admin/tasks/new`);
    await page.getByLabel('Type oppdrag').selectOption({ label: 'Følge' });
    await page.getByLabel('Dato').fill(DEFAULT_START.toISODate()!);
    await page.getByLabel('Klokkeslett').fill('10:00');
    await page.getByLabel('Varighet i minutter').fill('90');
    await page.getByLabel('Sted').fill('Lørenskog sentrum');
    await page.getByLabel('Kort beskrivelse').fill('Følge en eldre mann til legen.');
    await page.getByLabel('Detaljer').fill('Per Olsen, Kirkeveien 12.');
    await page.getByLabel('Gyldig politiattest').check();
    await page.getByLabel('Hvem får hjelp (referanse)').fill('PO-3');
    await page.getByRole('button', { name: 'Lagre oppdraget' }).click();
    await page.waitForURL(/\/admin\/tasks\/\d+$/);

    await expect(page.getByText('politiattest', { exact: true }).count()).resolves.toBe(1);
    await page.getByText(/vis alle med begrunnelse/).click();
    const row = (name: string) => page.locator('#candidates tr', { hasText: name });
    await expect(row('Pia Politiattest').textContent()).resolves.toContain('Nr. 1 i køen');
    await expect(row('Uno Utenattest').textContent()).resolves.toContain('mangler politiattest');
    await expect(row('Mari Mandag').textContent()).resolves.toContain('ikke tilgjengelig torsdager');
    await screenshot(page, 'hvem-blir-spurt');
  });
});

describe('follow-ups after a task', () => {
  it('a check-in answered 2 shows on I dag for the task\'s own unit only, until someone marks it followed up', async () => {
    const other = await createAccount(h, { email: 'hom@lorenskog.kommune.no', name: 'Hanne HOM', unit: 'Helse og omsorg' });
    const volunteer = await h.deps.db.insertInto('volunteer').values({ name: 'Vera Besøksvenn', phone: '+4741255599' }).returning('id').executeTakeFirstOrThrow();
    const task = await h.deps.db.insertInto('task').values({
      type: 'visit', starts_at: new Date(Date.now() - 3 * 3600_000), duration_minutes: 60, area: 'Fjellhamar', summary: 'Besøk.', details: 'Olga, Fjellveien 2.',
      status: 'assigned', assigned_volunteer_id: volunteer.id, unit_id: kari.unitId,
    }).returning('id').executeTakeFirstOrThrow();
    const assignment = await h.deps.db.insertInto('assignment').values({
      task_id: task.id, volunteer_id: volunteer.id, offer_id: null, source: 'manual', status: 'done', check_in: 'follow_up', check_in_asked_at: new Date(), check_in_answered_at: new Date(),
    }).returning('id').executeTakeFirstOrThrow();

    await logIn(page, h, other);
    await page.goto(`${h.baseUrl}/admin`);
    expect(await page.locator(`#follow-up-${assignment.id}`).count()).toBe(0);
    await context.clearCookies();

    await logIn(page, h, kari);
    await page.goto(`${h.baseUrl}/admin`);
    const row = page.locator(`#follow-up-${assignment.id}`);
    await expect(row.textContent()).resolves.toContain('Svarte 2: noe bør følges opp');
    await screenshot(page, 'i-dag-oppfolging');
    await row.getByRole('button', { name: 'Fulgt opp' }).click();
    await page.getByText('Markert som fulgt opp.').waitFor();
    expect(await page.locator(`#follow-up-${assignment.id}`).count()).toBe(0);
    const handled = await h.deps.db.selectFrom('assignment').select(['follow_up_handled_at', 'follow_up_handled_by']).where('id', '=', assignment.id).executeTakeFirstOrThrow();
    expect(handled.follow_up_handled_at).not.toBeNull();
    expect(handled.follow_up_handled_by).toBe(kari.id);
  });
});
