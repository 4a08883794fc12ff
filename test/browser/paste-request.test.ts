import type { Browser, Page } from 'playwright-core';
import { createAccount, launchBrowser, logIn, screenshot, type Account } from '../support/browser';
import { DEFAULT_START } from '../support/flows';
import { startHarness, type Harness } from '../support/harness';

/**
 * Issue 11, «Lim inn forespørsel»: a request someone phoned in is pasted on the new-task form; the
 * same parser as the SMS intake fills the fields, what is missing is marked beside its field (and
 * tied to it with aria-describedby), and saving creates the task. With JavaScript the fields fill
 * in place; without it the box posts and the form comes back prefilled.
 */
jest.setTimeout(90_000);

let h: Harness;
let browser: Browser;
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

const day = DEFAULT_START; // a Thursday one to two weeks ahead
const REQUEST = `Hei! Trenger følge til legen torsdag ${day.day}.${day.month}, Lørenskog legesenter. Olga Hansen, bruker rullator.`;

async function markOf(page: Page, label: string): Promise<string> {
  const field = page.getByLabel(label, { exact: true });
  const ids = (await field.getAttribute('aria-describedby')) ?? '';
  const texts = await Promise.all(ids.split(' ').filter(Boolean).map((id) => page.locator(`#${id}`).textContent()));
  return texts.join(' ');
}

async function saveAndReadTask(page: Page) {
  await page.getByLabel('Klokkeslett', { exact: true }).fill('13:30');
  await page.getByLabel('Sted', { exact: true }).fill('Solbakken sykehjem');
  await page.getByRole('button', { name: 'Lagre oppdraget' }).click();
  await page.waitForURL(/\/admin\/tasks\/\d+$/);
  const id = /\/admin\/tasks\/(\d+)$/.exec(page.url())![1]!;
  return h.deps.db.selectFrom('task').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

async function expectPrefilled(page: Page): Promise<void> {
  await expect(page.getByLabel('Type oppdrag', { exact: true }).inputValue()).resolves.toBe('escort');
  await expect(page.getByLabel('Dato', { exact: true }).inputValue()).resolves.toBe(day.toISODate());
  await expect(page.getByLabel('Klokkeslett', { exact: true }).inputValue()).resolves.toBe('');
  const details = await page.getByLabel('Detaljer', { exact: true }).inputValue();
  expect(details).toContain('Hvor: Lørenskog legesenter.');
  expect(details).toContain('Olga Hansen, bruker rullator.');
  // The summary goes out in offers: a kind of help, never the name or the destination.
  const summary = await page.getByLabel('Kort beskrivelse', { exact: true }).inputValue();
  expect(summary).toBe('Følge til en avtale.');
  expect(await markOf(page, 'Klokkeslett')).toMatch(/Mangler: tidspunkt\. Når skal den frivillige komme\?/);
  expect(await markOf(page, 'Sted')).toMatch(/Mangler: sted\..*Lørenskog legesenter, står i detaljene/);
  expect(await markOf(page, 'Dato')).not.toContain('Mangler');
  await expect(page.getByRole('status').filter({ hasText: 'Fylt ut' }).textContent()).resolves.toMatch(/Fylt ut: type, dato, kort beskrivelse, detaljer\. Mangler: klokkeslett, sted\./);
}

describe('Lim inn forespørsel on the new-task form', () => {
  it('with JavaScript: paste, the fields fill in place, the missing ones are marked, saving creates the task', async () => {
    const context = await browser.newContext({ locale: 'nb-NO', timezoneId: 'Europe/Oslo' });
    const page = await context.newPage();
    await logIn(page, h, kari);
    await page.goto(`${h.baseUrl}/admin/tasks/new`);
    await page.getByLabel('Tekst fra SMS, e-post eller telefonnotat').fill(REQUEST);
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/admin/tasks/new/parse')),
      page.getByRole('button', { name: 'Fyll ut skjemaet' }).click(),
    ]);
    expect(response.headers()['content-type']).toContain('application/json');
    await page.waitForSelector('#time-error');
    expect(page.url()).toMatch(/\/admin\/tasks\/new$/); // filled in place, no page load
    await expectPrefilled(page);
    await screenshot(page, 'paste-request-filled');

    const task = await saveAndReadTask(page);
    expect(task).toMatchObject({ type: 'escort', area: 'Solbakken sykehjem', summary: 'Følge til en avtale.', unit_id: kari.unitId });
    expect(task.details).toContain('Olga Hansen');
    expect(task.starts_at.toISOString()).toBe(day.set({ hour: 13, minute: 30 }).toJSDate().toISOString());
    await context.close();
  });

  it('without JavaScript: the box posts, the form comes back prefilled and marked, saving creates the task', async () => {
    const context = await browser.newContext({ locale: 'nb-NO', timezoneId: 'Europe/Oslo', javaScriptEnabled: false });
    const page = await context.newPage();
    await logIn(page, h, kari);
    await page.goto(`${h.baseUrl}/admin/tasks/new`);
    await page.getByLabel('Tekst fra SMS, e-post eller telefonnotat').fill(REQUEST);
    await page.getByRole('button', { name: 'Fyll ut skjemaet' }).click();
    await page.waitForURL(/\/admin\/tasks\/new\/parse$/);
    await expect(page.getByLabel('Tekst fra SMS, e-post eller telefonnotat').inputValue()).resolves.toBe(REQUEST);
    await expectPrefilled(page);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Nytt oppdrag'); // not «Feil i skjemaet» before saving

    const task = await saveAndReadTask(page);
    expect(task).toMatchObject({ type: 'escort', area: 'Solbakken sykehjem' });
    await context.close();
  });

  it('an empty paste says so beside the box', async () => {
    const context = await browser.newContext({ locale: 'nb-NO', timezoneId: 'Europe/Oslo' });
    const page = await context.newPage();
    await logIn(page, h, kari);
    await page.goto(`${h.baseUrl}/admin/tasks/new`);
    await page.getByRole('button', { name: 'Fyll ut skjemaet' }).click();
    await page.getByRole('status').filter({ hasText: 'Lim inn teksten først.' }).waitFor();
    expect(await h.deps.db.selectFrom('task').select('id').execute()).toHaveLength(2); // only the two saved above
    await context.close();
  });
});
