import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createAccount, launchBrowser, logIn, screenshot, type Account } from '../support/browser';
import { createTask, DEFAULT_START, dispatch, getTask, outboundMessages, waitForOpenOffers, waitForQuiet } from '../support/flows';
import { uniqueMobile } from '../support/factories';
import { eventually, startHarness, type Harness } from '../support/harness';

jest.setTimeout(120_000);

/**
 * «Every mistake can be fixed», in a browser: editing a task whose volunteer then no longer fits,
 * «Tildel» of someone unfit (asked first), «Fjern tildeling», and in Innboks «Tildel oppdraget»,
 * «Behandlet» and «Angre».
 */
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
  await logIn(page, h, kari);
});
afterEach(async () => {
  await context.close();
});

async function volunteer(name: string, where: string, extra: Record<string, unknown> = {}): Promise<{ id: string; phone: string; name: string }> {
  const res = await h.api('POST', '/api/volunteers', { name, phone: uniqueMobile(), areas: [where], ...extra });
  if (res.status !== 201) throw new Error(`volunteer not created: ${res.status}`);
  return res.body;
}

async function flash(): Promise<string> {
  return (await page.locator('.flash').first().textContent()) ?? '';
}

describe('correcting a task', () => {
  it('an edit that makes the assigned volunteer unfit asks first; taking them off tells them, and the timeline says so', async () => {
    const where = 'Fjellhamar';
    const tove = await volunteer('Tove Torsdag', where, { availability: [{ weekday: 4, from: '08:00', to: '16:00' }] });
    const { id } = await createTask(h, { area: where, unitId: kari.unitId });

    await page.goto(`${h.baseUrl}/admin/tasks/${id}`);
    // «Tildel» lists Tove among those who fit.
    const fitting = page.locator('#f-volunteerId optgroup[label="Passer (best først)"] option');
    expect(await fitting.allTextContents()).toEqual([expect.stringContaining('Tove Torsdag')]);
    await page.getByLabel('Frivillig', { exact: true }).selectOption(tove.id);
    await page.getByRole('button', { name: 'Tildel (avtalt på telefon)' }).click();
    await page.waitForURL(new RegExp(`/admin/tasks/${id}$`));
    expect(await flash()).toContain('Oppdraget er tildelt Tove Torsdag');

    await page.getByRole('link', { name: 'Endre oppdraget' }).click();
    await page.waitForURL(new RegExp(`/admin/tasks/${id}/edit$`));
    expect(await page.getByLabel('Sted').inputValue()).toBe(where);
    await page.getByLabel('Dato').fill(DEFAULT_START.plus({ days: 1 }).toISODate()!);
    await page.getByRole('button', { name: 'Lagre endringene' }).click();
    await expect_(page.locator('h1'), 'Tove Torsdag passer ikke lenger');
    expect(await page.locator('#unfit-reasons').textContent()).toBe('Med endringen passer Tove Torsdag ikke lenger: ikke tilgjengelig fredager. Ingenting er lagret ennå.');
    expect(new Date((await getTask(h, id)).startsAt).getTime()).toBe(DEFAULT_START.toMillis());
    await screenshot(page, 'endre-oppdrag-passer-ikke');

    await page.getByLabel('Ta Tove Torsdag av oppdraget; det venter til du sender det ut').check();
    await page.getByRole('button', { name: 'Lagre endringene' }).click();
    await page.waitForURL(new RegExp(`/admin/tasks/${id}$`));
    expect(await flash()).toContain('Tove Torsdag er tatt av oppdraget og får SMS om det.');
    expect(await getTask(h, id)).toMatchObject({ status: 'new', assignedVolunteerId: null });
    const timeline = page.locator('#task-timeline');
    await expect_(timeline, 'endret oppdraget: tid (');
    await expect_(timeline, 'og ble tatt av');
    await expect_(timeline, 'Beskjed til Tove Torsdag om at de er tatt av oppdraget');
    await waitForQuiet(h);
    expect((await outboundMessages(h, { to: tove.phone })).map((m) => m.kind)).toEqual(['assigned', 'unassigned']);
    await screenshot(page, 'oppdrag-endret-tidslinje');
  });

  it('«Tildel» of someone unfit asks «Tildel likevel?»; «Bytt frivillig» tells both; «Fjern tildeling» lets the task wait', async () => {
    const where = 'Finstadjordet';
    const ivar = await volunteer('Ivar Innkjøp', where, { taskTypes: ['shopping'] });
    const { id } = await createTask(h, { area: where, unitId: kari.unitId }); // an escort
    await page.goto(`${h.baseUrl}/admin/tasks/${id}`);
    const unfit = page.locator('#f-volunteerId optgroup[label^="Passer ikke"] option');
    expect(await unfit.allTextContents()).toContain(`Ivar Innkjøp (${ivar.phone}) – gjør ikke følge`);
    await page.getByLabel('Frivillig', { exact: true }).selectOption(ivar.id);
    await page.getByRole('button', { name: 'Tildel (avtalt på telefon)' }).click();
    expect(await page.locator('#unfit-reasons').textContent()).toBe('Ivar Innkjøp passer ikke: gjør ikke følge. Tildel likevel?');
    await screenshot(page, 'tildel-likevel');
    await page.getByRole('button', { name: 'Tildel Ivar Innkjøp likevel' }).click();
    await page.waitForURL(new RegExp(`/admin/tasks/${id}$`));
    expect(await getTask(h, id)).toMatchObject({ status: 'assigned', assignedVolunteerId: ivar.id });
    await expect_(page.locator('#task-timeline'), 'selv om den nye ikke passet (gjør ikke følge)');

    // «Bytt frivillig»: the section on an assigned task; Ivar is told he need not come, Gro gets the details.
    const gro = await volunteer('Gro Følger', where);
    await page.reload();
    await page.locator('#manual-assign h2', { hasText: 'Bytt frivillig' }).waitFor();
    await page.getByLabel('Frivillig', { exact: true }).selectOption(gro.id);
    await page.getByRole('button', { name: 'Bytt frivillig' }).click();
    await page.waitForURL(new RegExp(`/admin/tasks/${id}$`));
    expect(await flash()).toBe('Oppdraget er tildelt Gro Følger, som får detaljene på SMS. Ivar Innkjøp får SMS om at de ikke trenger å møte opp.');
    expect(await getTask(h, id)).toMatchObject({ status: 'assigned', assignedVolunteerId: gro.id });
    await expect_(page.locator('#task-timeline'), 'byttet frivillig');
    await waitForQuiet(h);
    expect((await outboundMessages(h, { to: ivar.phone })).map((m) => m.kind)).toEqual(['assigned', 'unassigned']);

    await page.getByText('Fjern tildeling …').click();
    await page.getByLabel('La oppdraget vente (send ut eller tildel selv senere)').check();
    await page.getByRole('button', { name: 'Fjern tildeling' }).click();
    await page.waitForURL(new RegExp(`/admin/tasks/${id}$`));
    expect(await flash()).toContain('Gro Følger er tatt av oppdraget og får SMS om at de ikke trenger å møte opp. Oppdraget venter');
    expect((await getTask(h, id)).status).toBe('new');
  });
});

describe('Innboks', () => {
  it('«Tildel oppdraget» settles an unclear answer; «Behandlet» shows who and when; «Angre» puts it back', async () => {
    const where = 'Rasta';
    const siv = await volunteer('Siv Usikker', where);
    const { id } = await createTask(h, { area: where, unitId: kari.unitId, waveSize: 1 });
    await dispatch(h, id);
    await waitForOpenOffers(h, id, 1);
    await h.sms(siv.phone, 'Ja, hvis jeg får låne bilen');
    await eventually(async () => (await h.deps.db.selectFrom('message').select('id').where('from_phone', '=', siv.phone).where('needs_attention', '=', true).where('processed_at', 'is not', null).executeTakeFirst()), 20_000, 'the unclear answer in Innboks');

    await page.goto(`${h.baseUrl}/admin/inbox`);
    await page.getByRole('button', { name: 'Tildel oppdraget til Siv Usikker' }).click();
    await page.waitForURL(/\/admin\/inbox$/);
    expect(await flash()).toBe(`Oppdrag ${id} er tildelt Siv Usikker, som får detaljene på SMS. Meldingen er merket som behandlet.`);
    expect(await getTask(h, id)).toMatchObject({ status: 'assigned', assignedVolunteerId: siv.id });

    await page.getByRole('link', { name: 'Behandlet', exact: true }).click();
    const card = page.locator('li.card', { hasText: 'Ja, hvis jeg får låne bilen' });
    await expect_(card, 'Behandlet av Kari Koordinator');
    await screenshot(page, 'innboks-behandlet');
    await card.getByRole('button', { name: 'Angre (tilbake til innboksen)' }).click();
    await page.waitForURL(/\/admin\/inbox#m-\d+$/);
    expect(await flash()).toContain('Meldingen er tilbake i innboksen.');
    await expect_(page.locator('li.card', { hasText: 'Ja, hvis jeg får låne bilen' }), 'Siv Usikker');
    // The task stays Siv's: «Angre» undoes the filing, not what was done.
    expect((await getTask(h, id)).assignedVolunteerId).toBe(siv.id);
  });
});

/** Waits until the locator's text contains `text` (the live timeline may take a moment). */
async function expect_(locator: ReturnType<Page['locator']>, text: string): Promise<void> {
  await eventually(async () => ((await locator.first().textContent()) ?? '').includes(text), 10_000, `«${text}» on the page`);
}
