import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createAccount, launchBrowser, logIn, screenshot, type Account } from '../support/browser';
import { createTask, createVolunteers } from '../support/flows';
import { startHarness, type Harness } from '../support/harness';

jest.setTimeout(120_000);

/** The task page says what really happens, without a reload. */
let h: Harness;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let admin: Account;

beforeAll(async () => {
  h = await startHarness();
  browser = await launchBrowser();
  admin = await createAccount(h, { email: 'sanne@lorenskog.kommune.no', name: 'Sanne Sannhet', role: 'admin' });
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

describe('«Hvem blir spurt» on the task page', () => {
  it('updates live with the rest of the page and reads consistently, also once the task is taken', async () => {
    const volunteers = await createVolunteers(h, 4);
    const task = await createTask(h, { waveSize: 2 });
    await logIn(page, h, admin);
    await page.goto(`${h.baseUrl}/admin/tasks/${task.id}`);
    await page.getByText('Siden oppdateres automatisk.').waitFor();
    const summary = page.locator('#candidates > summary');
    await expect(summary.textContent()).resolves.toContain('0 spurt, 4 kan spørres når det sendes ut');
    await summary.click();
    const row = (id: string) => page.locator(`#candidates tr[data-volunteer="${id}"]`);
    await expect(row(volunteers[0]!.id).textContent()).resolves.toContain('Nr. 1 i køen');

    expect((await h.api('POST', `/api/tasks/${task.id}/dispatch`)).status).toBe(202);
    await page.locator('#candidates > summary', { hasText: '2 spurt, 2 til kan spørres' }).waitFor({ timeout: 20_000 });
    expect(await page.locator('#candidates').getAttribute('open')).not.toBeNull(); // still open after the swap
    const asked = volunteers.slice(0, 2);
    for (const v of asked) await expect(row(v.id).textContent()).resolves.toMatch(/Tilbud på vei|Venter på svar/);
    await expect(row(volunteers[2]!.id).textContent()).resolves.toContain('Nr. 1 i køen');
    await expect(row(volunteers[3]!.id).textContent()).resolves.toContain('Nr. 2 i køen');
    for (const v of volunteers) await expect(row(v.id).textContent()).resolves.not.toMatch(/så langt|nylig/);
    // A volunteer asked once now has 1 offer in the last 30 days and no settled offer: both said as such.
    await expect(row(volunteers[2]!.id).textContent()).resolves.toContain('0 oppdrag og 0 tilbud siste 30 dager');

    await page.locator('#candidates tr', { hasText: 'Venter på svar' }).first().waitFor({ timeout: 20_000 });
    await h.sms(asked[0]!.phone, 'JA');
    await page.locator('#candidates > summary', { hasText: 'oppdraget er tildelt, så ingen flere spørres' }).waitFor({ timeout: 20_000 });
    await expect(summary.textContent()).resolves.not.toContain('til kan spørres');
    await expect(row(asked[0]!.id).textContent()).resolves.toContain('Sa JA');
    await expect(row(asked[1]!.id).textContent()).resolves.toContain('Tilbud trukket tilbake');
    await expect(page.locator('#candidates').textContent()).resolves.not.toContain('i køen');
    await expect(row(volunteers[2]!.id).textContent()).resolves.toContain('Passer, men spørres ikke');
    await screenshot(page, 'hvem-blir-spurt-tildelt');
  });
});

describe('nothing leaves the machine', () => {
  it('Køer (bull-board), I dag and a task page make requests only to this server', async () => {
    const requests: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    await logIn(page, h, admin);
    const task = await createTask(h);
    await page.goto(`${h.baseUrl}/admin/settings`);
    await page.getByRole('link', { name: 'Køer (for drift)' }).click();
    await page.waitForURL(/\/admin\/queues/);
    await page.getByText('sms', { exact: true }).first().waitFor({ timeout: 20_000 }); // the board rendered its queues
    await page.waitForLoadState('networkidle');
    await screenshot(page, 'koer');
    for (const path of ['/admin', `/admin/tasks/${task.id}`, '/admin/finnes-ikke']) {
      await page.goto(`${h.baseUrl}${path}`);
      await page.waitForLoadState('networkidle');
    }
    expect(requests.length).toBeGreaterThan(10);
    const local = new URL(h.baseUrl).origin;
    expect(requests.filter((url) => !url.startsWith(`${local}/`) && !url.startsWith('data:'))).toEqual([]);
    expect(requests).toContain(`${local}/static/favicon.svg`);
  });
});
