import { sql } from 'kysely';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startHarness, type Harness } from '../support/harness';
import { createAccount, launchBrowser, screenshot, type Account } from '../support/browser';

jest.setTimeout(60_000);

/** Issue 13: a form posted after the session ended is not lost. */
let h: Harness;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let kari: Account;

beforeAll(async () => {
  h = await startHarness({ workers: false });
  browser = await launchBrowser();
  kari = await createAccount(h, { email: 'kari@resume.example', name: 'Kari Koordinator' });
});
afterAll(async () => {
  await browser?.close();
  await h?.close();
});
beforeEach(async () => {
  context = await browser.newContext();
  page = await context.newPage();
});
afterEach(async () => {
  await context.close();
});

async function logInWithForm(): Promise<void> {
  await page.getByLabel('E-post').fill(kari.email);
  await page.getByLabel('Passord').fill(kari.password);
  await page.getByRole('button', { name: 'Logg inn' }).click();
}

it('gives the new-volunteer form back filled after logging in again, and saves it on a fresh submit', async () => {
  await page.goto(`${h.baseUrl}/login`);
  await logInWithForm();
  await page.waitForURL(/\/admin/);
  await page.goto(`${h.baseUrl}/admin/volunteers/new`);
  await page.getByLabel('Navn', { exact: true }).fill('Per Pensjonist');
  await page.getByLabel('Mobilnummer').fill('412 11 111');
  await page.getByLabel('Besøk').uncheck();
  await page.getByLabel('Notater').fill('Har bil.');

  // The session ends while the form is open (expired, or logged out in another tab).
  await sql`DELETE FROM session`.execute(h.deps.db);
  await page.getByRole('button', { name: 'Legg til frivillig' }).click();
  await page.waitForURL(/\/login\?resume=/);
  await page.getByText('Du ble logget ut. Logg inn igjen, så får du skjemaet tilbake slik du fylte det ut.').waitFor();
  expect(await h.deps.db.selectFrom('volunteer').select('id').where('phone', '=', '+4741211111').executeTakeFirst()).toBeUndefined();

  await logInWithForm();
  await page.waitForURL(/\/admin\/volunteers\/new\?restored=/);
  await page.getByText('Skjemaet er fylt ut slik du sendte det. Se over og lagre på nytt.').waitFor();
  await expect(page.getByLabel('Navn', { exact: true }).inputValue()).resolves.toBe('Per Pensjonist');
  await expect(page.getByLabel('Mobilnummer').inputValue()).resolves.toBe('412 11 111');
  await expect(page.getByLabel('Notater').inputValue()).resolves.toBe('Har bil.');
  await expect(page.getByLabel('Besøk').isChecked()).resolves.toBe(false);
  await screenshot(page, 'skjema-tilbake-etter-innlogging');
  expect(await h.deps.db.selectFrom('volunteer').select('id').where('phone', '=', '+4741211111').executeTakeFirst()).toBeUndefined();

  await page.getByRole('button', { name: 'Legg til frivillig' }).click();
  await page.waitForURL(/\/admin\/volunteers\/\d+$/);
  await page.getByText('Per Pensjonist er lagt til.').waitFor();
  const row = await h.deps.db.selectFrom('volunteer').selectAll().where('phone', '=', '+4741211111').executeTakeFirstOrThrow();
  expect(row).toMatchObject({ name: 'Per Pensjonist', notes: 'Har bil.' });
  expect(row.task_types).not.toContain('visit');
});
