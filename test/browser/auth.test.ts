import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startHarness, type Harness } from '../support/harness';
import { createAccount, launchBrowser, logIn, type Account } from '../support/browser';

jest.setTimeout(60_000);

let h: Harness;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let kari: Account;

beforeAll(async () => {
  h = await startHarness();
  browser = await launchBrowser();
  kari = await createAccount(h, { email: 'kari@lorenskog.kommune.no', name: 'Kari Koordinator' });
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

describe('logging in', () => {
  it('a page without a session goes to the login page, and back after logging in', async () => {
    await page.goto(`${h.baseUrl}/admin/account`);
    expect(new URL(page.url()).pathname).toBe('/login');
    await page.getByLabel('E-post').fill(kari.email);
    await page.getByLabel('Passord').fill(kari.password);
    await page.getByRole('button', { name: 'Logg inn' }).click();
    await page.waitForURL(/\/admin\/account$/);
    await expectText(page, 'Min konto');
  });

  it('a wrong password is refused without saying which part was wrong', async () => {
    await page.goto(`${h.baseUrl}/login`);
    await page.getByLabel('E-post').fill(kari.email);
    await page.getByLabel('Passord').fill('feil-passord-000');
    const response = await Promise.all([page.waitForResponse((r) => r.url().endsWith('/login') && r.request().method() === 'POST'), page.getByRole('button', { name: 'Logg inn' }).click()]);
    expect(response[0].status()).toBe(401);
    await expectText(page, 'Feil e-post eller passord.');
  });

  it('the session cookie is HttpOnly and SameSite', async () => {
    await logIn(page, h, kari);
    const cookie = (await context.cookies()).find((c) => c.name === 'svarja.sid');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax' });
  });

  it('a form post without the CSRF token gets 403', async () => {
    await logIn(page, h, kari);
    const status = await page.evaluate(async () => {
      const r = await fetch('/admin/account/tokens', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'name=x' });
      return r.status;
    });
    expect(status).toBe(403);
  });

  it('logging out ends the session', async () => {
    await logIn(page, h, kari);
    await page.getByRole('button', { name: 'Logg ut' }).click();
    await page.waitForURL(/\/login$/);
    await page.goto(`${h.baseUrl}/admin`);
    expect(new URL(page.url()).pathname).toBe('/login');
  });

  it('login attempts are rate-limited', async () => {
    const victim = await createAccount(h, { email: 'ola@lorenskog.kommune.no' });
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) {
      await page.goto(`${h.baseUrl}/login`);
      await page.getByLabel('E-post').fill(victim.email);
      await page.getByLabel('Passord').fill(`gjetning-${i}-xxxx`);
      const [r] = await Promise.all([page.waitForResponse((res) => res.url().endsWith('/login') && res.request().method() === 'POST'), page.getByRole('button', { name: 'Logg inn' }).click()]);
      statuses.push(r.status());
    }
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(401));
    expect(statuses[10]).toBe(429);
  });
});

describe('personal API tokens', () => {
  it('a token made on the page works for the API until it is revoked, then 401', async () => {
    await logIn(page, h, kari);
    await page.goto(`${h.baseUrl}/admin/account`);
    await page.getByLabel('Navn på nøkkelen').fill('Fagsystem');
    await page.getByRole('button', { name: 'Lag ny nøkkel' }).click();
    const token = (await page.locator('#new-token').textContent())!.trim();
    expect(token).toMatch(/^svj_/);
    expect((await h.api('GET', '/api/volunteers', undefined, token)).status).toBe(200);

    await page.goto(`${h.baseUrl}/admin/account`);
    await expectText(page, 'Fagsystem');
    expect(await page.content()).not.toContain(token); // shown once only
    await page.getByRole('button', { name: 'Trekk tilbake' }).click();
    await expectText(page, 'Nøkkelen er trukket tilbake.');
    expect((await h.api('GET', '/api/volunteers', undefined, token)).status).toBe(401);
  });
});

async function expectText(p: Page, text: string): Promise<void> {
  await p.getByText(text, { exact: false }).first().waitFor({ state: 'visible', timeout: 5000 });
}
