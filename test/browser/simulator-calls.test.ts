/**
 * The phone simulator rings (issue 15): a volunteer who wants calls gets the offer as a ringing
 * virtual phone; «Svar» and the keypad go through the same voice webhooks Twilio calls. «Ring
 * tjenesten» plays the menu a call in gets.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { findTask } from '../../src/db/task.repo';
import { createTask, dispatch, getTask, startPlus } from '../support/flows';
import { uniqueMobile } from '../support/factories';
import { createAccount, launchBrowser, logIn, screenshot, type Account } from '../support/browser';
import { eventually, startHarness, type Harness } from '../support/harness';

jest.setTimeout(90_000);

let h: Harness;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let admin: Account;
let zone = 0;

beforeAll(async () => {
  h = await startHarness({ env: { SMS_TRANSPORT: 'simulator' } });
  browser = await launchBrowser();
  admin = await createAccount(h, { email: 'ringer@demo.no', role: 'admin' });
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

/** A volunteer (named to sort first among the simulator's phones) and a task in an area of their own. */
async function volunteerWithTask(name: string, contactPreference: 'sms' | 'call'): Promise<{ id: string; phone: string; taskId: string }> {
  zone += 1;
  const area = `Ringesone ${zone}`;
  const res = await h.api('POST', '/api/volunteers', { name, phone: uniqueMobile(), contactPreference, areas: [area] });
  if (res.status !== 201) throw new Error(JSON.stringify(res.body));
  const task = await createTask(h, { area, waveSize: 1, startsAt: startPlus({ days: 3 + zone }) });
  await dispatch(h, task.id);
  return { id: res.body.id, phone: res.body.phone, taskId: task.id };
}

async function openSimulator(): Promise<void> {
  await logIn(page, h, admin);
  await page.goto(`${h.baseUrl}/admin/simulator`);
}

describe('calls in the phone simulator', () => {
  it('a volunteer who wants calls: the phone rings, «Svar» reads the offer, 1 takes the task', async () => {
    const anne = await volunteerWithTask('Aaa Anne Ring', 'call');
    await openSimulator();
    const card = phoneCard(page, anne.phone);
    await card.getByRole('button', { name: 'Svar' }).waitFor({ timeout: 20_000 });
    await card.locator('.call-state', { hasText: 'Frivilligsentralen ringer …' }).waitFor();
    expect(await card.getByRole('button', { name: 'Tast 1' }).isVisible()).toBe(false);
    await screenshot(page, 'simulator-ringer');

    await card.getByRole('button', { name: 'Svar' }).click();
    const said = card.locator('.call-said li');
    await said.filter({ hasText: /^Hei Aaa, dette er Frivilligsentralen\. Kan du følge en person til legen/ }).waitFor();
    await said.filter({ hasText: 'Trykk 1 for ja, 2 for nei, 0 for å høre igjen.' }).waitFor();
    expect(await card.locator('.call-said').textContent()).not.toMatch(/Per Olsen|Kirkeveien/); // never the details before yes
    for (const d of ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']) await expect(card.getByRole('button', { name: `Tast ${d}` }).isVisible()).resolves.toBe(true);

    await card.getByRole('button', { name: 'Tast 1' }).click();
    await said.filter({ hasText: 'Oppdraget er ditt' }).waitFor({ timeout: 20_000 });
    await card.locator('.call-state', { hasText: 'Samtalen er slutt.' }).waitFor();
    await screenshot(page, 'simulator-samtale');
    const task = await eventually(async () => {
      const t = await findTask(h.deps.db, anne.taskId);
      return t?.status === 'assigned' ? t : undefined;
    }, 20_000, 'the task to be assigned');
    expect(task.assignedVolunteerId).toBe(anne.id);
    // Through the same webhooks: the call's status, the person (AMD) and the key are stored as Twilio's would be.
    const call = await h.deps.db.selectFrom('call').select(['id', 'status', 'answered_by']).where('to_phone', '=', anne.phone).executeTakeFirstOrThrow();
    expect(call).toMatchObject({ status: 'completed', answered_by: 'human' });
    const keys = await h.deps.db.selectFrom('call_event').select('key').where('call_id', '=', call.id).execute();
    expect(keys.map((k) => k.key).sort()).toEqual(['amd', 'gather:1', 'status:completed', 'status:in-progress']);
    // And the task page's timeline shows the call.
    await page.goto(`${h.baseUrl}/admin/tasks/${anne.taskId}`);
    await page.locator('#task-timeline', { hasText: 'Aaa Anne Ring trykket 1 (ja)' }).waitFor();
  });

  it('«Ring tjenesten»: with a live offer the offer menu, with a task ahead when and where and 9 to cancel, anyone else the voicemail', async () => {
    const bodil = await volunteerWithTask('Aab Bodil Sms', 'sms');
    await eventually(async () => (await getTask(h, bodil.taskId)).offers.some((o) => o.status === 'open') || undefined, 20_000, 'the SMS offer');
    await openSimulator();

    const card = phoneCard(page, bodil.phone);
    const said = card.locator('.call-said li');
    await card.getByRole('button', { name: 'Ring tjenesten' }).click();
    await said.filter({ hasText: /^Hei Aab, dette er Frivilligsentralen\. Kan du følge en person til legen/ }).waitFor();
    await card.getByRole('button', { name: 'Tast 1' }).click();
    await said.filter({ hasText: 'Oppdraget er ditt' }).waitFor({ timeout: 20_000 });
    await eventually(async () => ((await findTask(h.deps.db, bodil.taskId))?.status === 'assigned' ? true : undefined), 20_000, 'assigned by the call in');

    // Now she has a task ahead: when and where, 9 and then 1 gives it back.
    await card.getByRole('button', { name: 'Ring tjenesten' }).click();
    await said.filter({ hasText: /^Hei Aab, dette er Frivilligsentralen\. Ditt neste oppdrag er .* klokken 10\.00, i Ringesone \d+\. Trykk 9 for å avbryte det\./ }).waitFor();
    await card.getByRole('button', { name: 'Tast 9' }).click();
    await said.filter({ hasText: 'Vil du avbryte oppdraget? Trykk 1 for å bekrefte.' }).waitFor();
    await card.getByRole('button', { name: 'Tast 2' }).click();
    await said.filter({ hasText: 'Oppdraget er fortsatt ditt. Ha det bra!' }).waitFor();
    expect((await findTask(h.deps.db, bodil.taskId))?.status).toBe('assigned');

    // A number the service does not know (typed into «Vis en annen telefon»): the office's answer.
    const stranger = uniqueMobile();
    await page.goto(`${h.baseUrl}/admin/simulator?phone=${encodeURIComponent(stranger)}`);
    const other = phoneCard(page, stranger);
    await other.getByRole('button', { name: 'Ring tjenesten' }).click();
    await other.locator('.call-said li', { hasText: /Legg igjen en beskjed etter pipetonen/ }).waitFor();
    await other.locator('.call-state', { hasText: 'Samtalen er slutt.' }).waitFor();
  });

  it('«Avvis» turns the call away as busy: one more call is planned', async () => {
    const cato = await volunteerWithTask('Aac Cato Avvis', 'call');
    await openSimulator();
    const card = phoneCard(page, cato.phone);
    await card.getByRole('button', { name: 'Avvis' }).click({ timeout: 20_000 });
    await card.locator('.call-state', { hasText: 'Du avviste samtalen.' }).waitFor();
    const rows = await eventually(async () => {
      const r = await h.deps.db.selectFrom('call').select('status').where('to_phone', '=', cato.phone).orderBy('id').execute();
      return r.length === 2 ? r : undefined;
    }, 20_000, 'the retry');
    expect(rows.map((r) => r.status)).toEqual(['busy', 'queued']);
  });
});
