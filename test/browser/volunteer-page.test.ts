import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createTask } from '../../src/services/create-task';
import { coordinatorActor } from '../../src/services/authenticate-coordinator';
import { findCoordinator } from '../../src/db/coordinator.repo';
import { dispatchTask } from '../../src/services/dispatch-task';
import { fillTask } from '../../src/services/fill-task';
import { buildVolunteer } from '../support/factories';
import { startHarness, type Harness } from '../support/harness';
import { createAccount, launchBrowser, logIn, screenshot, type Account } from '../support/browser';

jest.setTimeout(90_000);

/** A volunteer's page, leaving the pool and erasure, as a coordinator and an admin click them. */
let h: Harness;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let kari: Account;
let ada: Account;

beforeAll(async () => {
  h = await startHarness({ workers: false });
  browser = await launchBrowser();
  kari = await createAccount(h, { email: 'kari@lorenskog.kommune.no', name: 'Kari Koordinator', role: 'coordinator' });
  ada = await createAccount(h, { email: 'ada@lorenskog.kommune.no', name: 'Ada Admin', role: 'admin' });
});
afterAll(async () => {
  await browser?.close();
  await h?.close();
});
afterEach(async () => {
  await context?.close();
});

async function as(account: Account): Promise<void> {
  context = await browser.newContext();
  page = await context.newPage();
  await logIn(page, h, account);
}

it('a coordinator sees what a volunteer has done, deactivates them (their offer goes to the next) and reactivates them', async () => {
  const olav = await buildVolunteer(h.deps.db, { name: 'Olav Olsen' });
  await h.deps.db.updateTable('volunteer').set({ deactivated_at: new Date() }).where('id', '!=', olav.id).execute();
  const actor = coordinatorActor((await findCoordinator(h.deps.db, kari.id))!);
  const made = await createTask(h.deps.ctx, actor, { type: 'visit', startsAt: new Date(Date.now() + 2 * 86_400_000), durationMinutes: 60, area: 'Lørenskog', summary: 'Besøk en time.', details: 'Per, Storgata 1.', waveSize: 1 });
  if (!made.ok) throw new Error(made.error);
  await dispatchTask(h.deps.ctx, made.task.id);
  await fillTask(h.deps.ctx, made.task.id);

  await as(kari);
  await page.goto(`${h.baseUrl}/admin/volunteers?q=olav`);
  await page.getByRole('link', { name: 'Olav Olsen' }).click();
  await page.waitForURL(/\/admin\/volunteers\/\d+$/);
  await expect(page.locator('#volunteer-totals').innerText()).resolves.toMatch(/Tilbud\s+1/);
  await expect(page.locator('#volunteer-history').innerText()).resolves.toMatch(/Besøk[\s\S]*venter på å bli sendt/);
  await expect(page.getByRole('button', { name: 'Slett personopplysninger' }).count()).resolves.toBe(0);
  await page.setViewportSize({ width: 390, height: 844 });
  await screenshot(page, 'frivillig-side-mobil');
  await page.setViewportSize({ width: 1280, height: 900 });

  await page.getByRole('button', { name: 'Deaktiver' }).click();
  await page.getByText('er deaktivert og får ingen flere tilbud').waitFor();
  await page.getByText('Deaktivert', { exact: true }).first().waitFor();
  const offer = await h.deps.db.selectFrom('offer').select(['status', 'close_reason']).where('volunteer_id', '=', olav.id).executeTakeFirstOrThrow();
  expect(offer).toEqual({ status: 'withdrawn', close_reason: 'deactivated' });

  // Out of the default list, in the «deaktivert» filter.
  await page.goto(`${h.baseUrl}/admin/volunteers`);
  await expect(page.getByRole('link', { name: 'Olav Olsen' }).count()).resolves.toBe(0);
  await page.getByLabel('Status').selectOption('deactivated');
  await page.getByRole('button', { name: 'Søk' }).click();
  await page.waitForURL(/status=deactivated/);
  await page.getByRole('link', { name: 'Olav Olsen' }).click();

  await page.getByRole('button', { name: 'Aktiver igjen' }).click();
  await page.getByText('er aktiv igjen').waitFor();
  expect((await h.deps.db.selectFrom('volunteer').select('deactivated_at').where('id', '=', olav.id).executeTakeFirstOrThrow()).deactivated_at).toBeNull();
});

it('an admin erases a volunteer on request: the name is gone everywhere, the counts stay', async () => {
  const siri = await buildVolunteer(h.deps.db, { name: 'Siri Slettmeg' });
  await as(ada);
  await page.goto(`${h.baseUrl}/admin/volunteers/${siri.id}`);
  // Without the box ticked the browser refuses to send; the server would refuse too.
  await page.getByRole('button', { name: 'Slett personopplysninger' }).click();
  expect(await page.locator('input[name="confirm"]').evaluate((el) => (el as unknown as { validity: { valueMissing: boolean } }).validity.valueMissing)).toBe(true);
  await page.getByLabel(/har bedt om å bli slettet/).check();
  await page.getByRole('button', { name: 'Slett personopplysninger' }).click();
  await page.getByText('Personopplysningene er slettet.').first().waitFor();
  await expect(page.locator('main').innerText()).resolves.not.toContain('Siri');
  await expect(page.locator('main h1').innerText()).resolves.toContain('Slettet frivillig');
  const audit = await h.deps.db.selectFrom('audit_event').select(['action', 'detail']).where('subject_type', '=', 'volunteer').where('subject_id', '=', siri.id).execute();
  expect(audit.map((a) => a.action)).toEqual(['volunteer_erased']);
  expect(JSON.stringify(audit)).not.toContain('Siri');
});
