import type { Browser, BrowserContext, Page } from 'playwright-core';
import { DEMO_VOLUNTEERS } from '../../src/demo/demo-data';
import { seedDemoData } from '../../src/services/seed-demo-data';
import { launchBrowser, logIn, screenshot } from '../support/browser';
import { eventually, startHarness, SERVICE_NUMBER, type Harness } from '../support/harness';

jest.setTimeout(180_000);

/**
 * A coordinator on a 390×844 phone: a compact menu, tables as cards, no page wider than the screen,
 * and axe-core (from node_modules, injected; nothing is downloaded) finds no serious or critical
 * violation on the app's own pages.
 */
const PHONE = { width: 390, height: 844 };
const AXE = require.resolve('axe-core/axe.min.js');

let h: Harness;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let demo: { email: string; password: string; taskId: string };
let assignedId: string;

beforeAll(async () => {
  h = await startHarness({ env: { SMS_TRANSPORT: 'simulator' } });
  browser = await launchBrowser();
  const seeded = await seedDemoData(h.deps.db, new Date());
  if (!seeded.seeded) throw new Error('the empty test database was not seeded');
  demo = seeded;
  expect((await h.api('POST', `/api/tasks/${demo.taskId}/dispatch`)).status).toBe(202);
  const offered = await eventually(async () => h.deps.db.selectFrom('message').select(['to_phone', 'volunteer_id']).where('kind', '=', 'offer').where('status', 'in', ['sent', 'delivered']).executeTakeFirst(), 20_000, 'offers sent');
  // A volunteer says JA: the task page has someone assigned and a timeline, the volunteer page an offer and a task.
  await h.sms(offered.to_phone, 'JA');
  const assigned = await eventually(async () => h.deps.db.selectFrom('assignment').select('volunteer_id').where('task_id', '=', demo.taskId).where('status', '=', 'active').executeTakeFirst(), 20_000, 'the task assigned');
  assignedId = assigned.volunteer_id;
  // Something for Innboks: an SMS from a number nobody knows.
  await h.sms('+4790012399', 'Hei, er det her man melder seg som frivillig?');
  await eventually(async () => h.deps.db.selectFrom('message').select('id').where('from_phone', '=', '+4790012399').where('needs_attention', '=', true).where('processed_at', 'is not', null).executeTakeFirst(), 20_000, 'the SMS in Innboks');
});
afterAll(async () => {
  await browser?.close();
  await h?.close();
});
beforeEach(async () => {
  // bypassCSP: axe is injected as an inline script, which the pages' CSP (script-src 'self') rightly refuses.
  context = await browser.newContext({ viewport: PHONE, locale: 'nb-NO', timezoneId: 'Europe/Oslo', bypassCSP: true });
  page = await context.newPage();
  await logIn(page, h, demo);
});
afterEach(async () => {
  await context.close();
});

interface Violation { id: string; impact: string | null; targets: string[] }

async function seriousViolations(p: Page): Promise<Violation[]> {
  await p.addScriptTag({ path: AXE });
  // A string, evaluated in the page: the test's TypeScript has no DOM types.
  return p.evaluate(`axe.run(document).then((r) => r.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ id: v.id, impact: v.impact, targets: v.nodes.map((n) => n.target.join(' ')) })))`);
}

const inPage = <T>(p: Page, expression: string): Promise<T> => p.evaluate(expression);

const PAGES = ['/admin', '/admin/tasks', '/admin/tasks/new', 'TASK', '/admin/volunteers', 'VOLUNTEER', '/admin/requesters', '/admin/reports', '/admin/inbox', '/admin/simulator', '/admin/account'];
const pathOf = (path: string) => (path === 'TASK' ? `/admin/tasks/${demo.taskId}` : path === 'VOLUNTEER' ? `/admin/volunteers/${assignedId}` : path);

describe('on a 390×844 phone', () => {
  it.each(PAGES)('%s: compact menu, nothing wider than the screen, no serious or critical axe violation', async (path) => {
    await page.goto(`${h.baseUrl}${pathOf(path)}`);
    await page.waitForLoadState('networkidle');
    const header = await page.locator('header.top').boundingBox();
    expect(header!.height).toBeLessThan(110); // was 222 px
    expect(await inPage<number>(page, 'document.documentElement.scrollWidth')).toBeLessThanOrEqual(PHONE.width);
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('tables become cards with each value labelled; I dag, a task page and a volunteer page are saved as screenshots', async () => {
    await page.goto(`${h.baseUrl}/admin`);
    const row = 'section[aria-labelledby="tomorrow-h"] tbody tr';
    await page.locator(row).first().waitFor();
    expect(await inPage(page, `getComputedStyle(document.querySelector('${row}')).display`)).toBe('block');
    expect(await inPage(page, `getComputedStyle(document.querySelector('${row} td:nth-child(3)'), '::before').content`)).toBe('"Frivillig: "');
    await screenshot(page, 'i-dag-390x844');
    await page.goto(`${h.baseUrl}/admin/tasks/${demo.taskId}`);
    await page.getByText('Siden oppdateres automatisk.').waitFor();
    await page.locator('#assigned-volunteer', { hasText: 'Tildelt:' }).waitFor(); // the one who said JA
    await screenshot(page, 'oppdrag-390x844');
    await page.goto(`${h.baseUrl}/admin/volunteers/${assignedId}`);
    const taskRow = page.locator('tbody tr', { has: page.locator(`a[href="/admin/tasks/${demo.taskId}"]`) });
    await taskRow.waitFor();
    expect(await inPage(page, `getComputedStyle(document.querySelector('td[data-label="Oppdraget"]'), '::before').content`)).toBe('"Oppdraget: "');
    await screenshot(page, 'frivillig-390x844');
  });

  it('Innboks «Behandlet»: no serious or critical axe violation', async () => {
    await page.goto(`${h.baseUrl}/admin/inbox`);
    const card = page.locator('li.card', { hasText: 'Hei, er det her man melder seg som frivillig?' });
    await card.getByRole('button', { name: 'Behandlet' }).click();
    await page.getByRole('link', { name: 'Behandlet', exact: true }).click();
    await page.locator('li.card', { hasText: 'Hei, er det her man melder seg som frivillig?' }).getByText('Behandlet av').waitFor();
    expect(await inPage<number>(page, 'document.documentElement.scrollWidth')).toBeLessThanOrEqual(PHONE.width);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'innboks-behandlet-390x844');
  });

  it('the simulator opens each phone at its newest message', async () => {
    const volunteer = DEMO_VOLUNTEERS[0]!;
    const now = new Date();
    await h.deps.db.insertInto('message').values(Array.from({ length: 15 }, (_, i) => ({
      direction: 'outbound' as const, from_phone: SERVICE_NUMBER, to_phone: volunteer.phone, body: `Melding nummer ${i + 1}`, kind: 'coordinator_reply',
      status: 'sent', created_at: now, updated_at: now, sent_at: now,
    }))).execute();
    await page.goto(`${h.baseUrl}/admin/simulator`);
    const list = page.locator(`section.phone[data-phone="${volunteer.phone}"] .sms-list`);
    await list.getByText('Melding nummer 15').waitFor();
    const scroll = await inPage<{ top: number; height: number; client: number }>(page,
      `(() => { const el = document.querySelector('section.phone[data-phone="${volunteer.phone}"] .sms-list'); return { top: el.scrollTop, height: el.scrollHeight, client: el.clientHeight }; })()`);
    expect(scroll.height).toBeGreaterThan(scroll.client); // it does scroll
    expect(scroll.top + scroll.client).toBeGreaterThanOrEqual(scroll.height - 2);
  });
});
