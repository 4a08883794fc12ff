import type { Browser, BrowserContext, Page } from 'playwright-core';
import { findTask } from '../../src/db/task.repo';
import { DEMO_NURSING_HOME, DEMO_VOLUNTEERS } from '../../src/demo/demo-data';
import { seedDemoData } from '../../src/services/seed-demo-data';
import { createAccount, launchBrowser, logIn, screenshot } from '../support/browser';
import { eventually, startHarness, type Harness } from '../support/harness';

jest.setTimeout(90_000);

let h: Harness;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let demo: { email: string; password: string; taskId: string };

beforeAll(async () => {
  h = await startHarness({ env: { SMS_TRANSPORT: 'simulator' } });
  browser = await launchBrowser();
  const seeded = await seedDemoData(h.deps.db, new Date());
  if (!seeded.seeded) throw new Error('the empty test database was not seeded');
  demo = seeded;
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

const phoneCard = (p: Page, phone: string) => p.locator(`section.phone[data-phone="${phone}"]`);

describe('the phone simulator', () => {
  it('a demo volunteer\'s phone shows the offer live, and typing JA there assigns the task', async () => {
    await page.goto(`${h.baseUrl}/simulator`);
    await page.waitForURL(/\/login$/);
    await logIn(page, h, demo); // comes back to the simulator after login
    await page.waitForURL(/\/admin\/simulator$/);
    await expect(page.getByRole('heading', { name: 'Telefonsimulator' }).isVisible()).resolves.toBe(true);
    for (const v of DEMO_VOLUNTEERS) await expect(phoneCard(page, v.phone).count()).resolves.toBe(1);
    await page.evaluate(() => { (globalThis as unknown as { marker: number }).marker = 42; });

    // The coordinator sends the demo task out from its page in a second tab; the simulator tab is not reloaded.
    const taskPage = await context.newPage();
    await taskPage.goto(`${h.baseUrl}/admin/tasks/${demo.taskId}`);
    await taskPage.getByRole('button', { name: 'Send ut', exact: true }).click();

    const firstOffered = page.locator('section.phone').filter({ has: page.locator('.sms.received', { hasText: 'Svar JA' }) }).first();
    await firstOffered.waitFor({ timeout: 20_000 });
    // Pinned by number: «the first phone with an offer» can become another phone as the wave's
    // other offers arrive, between typing JA and pressing Send.
    const volunteerPhone = (await firstOffered.getAttribute('data-phone'))!;
    const card = phoneCard(page, volunteerPhone);
    const offer = card.locator('.sms.received', { hasText: 'Svar JA' });
    expect(await offer.textContent()).not.toContain('Storgata'); // an offer never carries the details
    await screenshot(page, 'simulator-tilbud');

    await card.getByLabel(/Skriv SMS fra/).fill('JA');
    await card.getByRole('button', { name: 'Send' }).click();
    await card.locator('.sms.sent', { hasText: 'JA' }).waitFor();
    await card.locator('.sms.received', { hasText: 'Storgata 12' }).waitFor({ timeout: 20_000 });

    const task = await eventually(async () => {
      const t = await findTask(h.deps.db, demo.taskId);
      return t?.status === 'assigned' ? t : undefined;
    }, 20_000, 'the task to be assigned');
    const volunteer = await h.deps.db.selectFrom('volunteer').select('phone').where('id', '=', task.assignedVolunteerId!).executeTakeFirstOrThrow();
    expect(volunteer.phone).toBe(volunteerPhone);
    expect(await page.evaluate(() => (globalThis as unknown as { marker?: number }).marker)).toBe(42);
    await screenshot(page, 'simulator');
  });

  it('the demo nursing home orders an escort by SMS: a summary to confirm, OK, and the task is out', async () => {
    await logIn(page, h, demo);
    await page.goto(`${h.baseUrl}/admin/simulator`);
    const home = phoneCard(page, DEMO_NURSING_HOME.phone);
    await home.getByLabel(/Skriv SMS fra/).fill('Vi trenger følge til legen for en beboer fredag kl 10, Lørenskog legesenter');
    await home.getByRole('button', { name: 'Send' }).click();
    await home.locator('.sms.received', { hasText: 'Svar OK' }).waitFor({ timeout: 20_000 });
    await home.getByLabel(/Skriv SMS fra/).fill('OK');
    await home.getByRole('button', { name: 'Send' }).click();
    const task = await eventually(() => h.deps.db.selectFrom('task').select(['id', 'status', 'request_ref']).where('requester_id', 'is not', null).executeTakeFirst(), 20_000, 'the requested task');
    expect(task.request_ref).toMatch(/^K\d+$/);
    await page.goto(`${h.baseUrl}/admin/tasks/${task.id}`);
    await expect(page.locator('#task-source').textContent()).resolves.toBe(`SMS fra ${DEMO_NURSING_HOME.name}, ${task.request_ref}`);
  });

  it('is for admins only; a coordinator gets 403 and no menu entry', async () => {
    const plain = await createAccount(h, { email: 'vanlig@demo.no', unit: 'Frivilligsentralen (demo)' });
    await logIn(page, h, plain);
    expect(await page.getByRole('link', { name: 'Simulator' }).count()).toBe(0);
    const res = await page.goto(`${h.baseUrl}/admin/simulator`);
    expect(res?.status()).toBe(403);
  });
});

describe('the queue dashboard (bull-board)', () => {
  it('admins see the queues, read-only; coordinators get 403; anything but GET is refused', async () => {
    await logIn(page, h, demo);
    const res = await page.goto(`${h.baseUrl}/admin/queues`);
    expect(res?.status()).toBe(200);
    await page.getByText('dispatch', { exact: true }).first().waitFor({ timeout: 20_000 });
    const api = await page.evaluate(async () => (await fetch('/admin/queues/api/queues')).json() as Promise<{ queues: { name: string; readOnlyMode: boolean }[] }>);
    expect(api.queues.map((q) => q.name).sort()).toEqual(['dispatch', 'maintenance', 'sms', 'voice']);
    expect(api.queues.every((q) => q.readOnlyMode)).toBe(true);
    const put = await page.evaluate(async () => (await fetch('/admin/queues/api/queues/sms/pause', { method: 'PUT' })).status);
    expect(put).toBe(405);
    await screenshot(page, 'koer');

    await context.clearCookies();
    const plain = await createAccount(h, { email: 'vanlig2@demo.no', unit: 'Frivilligsentralen (demo)' });
    await logIn(page, h, plain);
    expect((await page.goto(`${h.baseUrl}/admin/queues`))?.status()).toBe(403);
  });

  it('without a login, the dashboard sends the browser to the login page', async () => {
    await page.goto(`${h.baseUrl}/admin/queues`);
    await page.waitForURL(/\/login$/);
  });
});
