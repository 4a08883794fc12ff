import type { Browser, Page } from 'playwright-core';
import { listReplyExamples } from '../../src/db/reply-example.repo';
import { toFixtureLine } from '../../eval/export-reply-examples';
import { createAccount, launchBrowser, logIn, screenshot } from '../support/browser';
import { createTask, createVolunteers, dispatch, getTask, outboundMessages, waitForOpenOffers, waitForQuiet } from '../support/flows';
import { eventually, startHarness, type Harness } from '../support/harness';

/** Issue 12: «Tolk som JA / NEI / AVBRYT / STOPP / Ikke svar» in Innboks, applied as the keyword. */

jest.setTimeout(120_000);

let h: Harness;
let browser: Browser;
let page: Page;
beforeAll(async () => {
  h = await startHarness();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await h?.close();
});

async function messageFrom(phone: string) {
  return h.deps.db.selectFrom('message').selectAll().where('direction', '=', 'inbound').where('from_phone', '=', phone).orderBy('id', 'desc').executeTakeFirstOrThrow();
}

it('a coordinator reads two unclear replies as JA: the first takes the task, the second finds it taken; both are kept as examples', async () => {
  const [ana, ben] = await createVolunteers(h, 2);
  const task = await createTask(h, { waveSize: 2 });
  await dispatch(h, task.id);
  await waitForOpenOffers(h, task.id, 2);
  await h.sms(ana!.phone, 'ja hvis jeg får skyss');
  await h.sms(ben!.phone, 'Jeg skal prøve');
  await waitForQuiet(h);
  expect((await getTask(h, task.id)).status).toBe('searching');

  const admin = await createAccount(h, { email: 'kari@kommune.no', role: 'admin' });
  page = await browser.newPage();
  await logIn(page, h, admin);
  await page.goto(`${h.baseUrl}/admin/inbox`);
  const anaCard = page.locator('li.card', { hasText: 'ja hvis jeg får skyss' });
  await anaCard.locator('.reading').getByText('Tolket som uklart (hadde et åpent tilbud)').waitFor();
  await screenshot(page, 'innboks-tolk-som');
  await anaCard.getByRole('button', { name: 'Tolk som JA' }).click();
  await page.getByText('Svaret er tolket').waitFor();

  await eventually(async () => ((await getTask(h, task.id)).status === 'assigned' ? true : undefined));
  expect((await getTask(h, task.id)).assignedVolunteer!.id).toBe(ana!.id);
  await waitForQuiet(h);
  expect(await outboundMessages(h, { kind: 'assigned', to: ana!.phone })).toHaveLength(1);

  // The same race rule as a JA by SMS: the task stays Ana's.
  await page.locator('li.card', { hasText: 'Jeg skal prøve' }).getByRole('button', { name: 'Tolk som JA' }).click();
  await page.getByText('Svaret er tolket').waitFor();
  await waitForQuiet(h);
  expect((await getTask(h, task.id)).assignedVolunteer!.id).toBe(ana!.id);
  expect(await outboundMessages(h, { kind: 'assigned', to: ben!.phone })).toHaveLength(0);
  expect(await page.locator('li.card').count()).toBe(0); // both handled, Innboks empty

  expect(await messageFrom(ana!.phone)).toMatchObject({ reading_label: 'yes', reading_labelled_by: admin.id });
  const lines = (await listReplyExamples(h.deps.db)).map(toFixtureLine);
  expect(lines).toEqual(['nb | offer | accept | ja hvis jeg får skyss', 'nb | offer | accept | Jeg skal prøve']);
});

it('«Tolk som AVBRYT» gives back the task exactly as AVBRYT, and «Ikke svar» only files the message', async () => {
  const [cy] = await createVolunteers(h, 1);
  const task = await createTask(h, { waveSize: 1 });
  await dispatch(h, task.id);
  await waitForOpenOffers(h, task.id, 1);
  await h.sms(cy!.phone, 'JA');
  await eventually(async () => ((await getTask(h, task.id)).status === 'assigned' ? true : undefined));
  await h.sms(cy!.phone, 'Hva var adressen igjen?');
  await h.sms(cy!.phone, 'Hmm, jeg får se om jeg rekker det');
  await waitForQuiet(h);

  await page.goto(`${h.baseUrl}/admin/inbox`);
  await page.locator('li.card', { hasText: 'Hva var adressen igjen?' }).getByRole('button', { name: 'Ikke svar' }).click();
  await page.getByText('Svaret er tolket').waitFor();
  expect((await getTask(h, task.id)).status).toBe('assigned');
  await page.locator('li.card', { hasText: 'jeg får se om jeg rekker det' }).getByRole('button', { name: 'Tolk som AVBRYT' }).click();
  await page.getByText('Svaret er tolket').waitFor();
  await eventually(async () => ((await getTask(h, task.id)).status !== 'assigned' ? true : undefined));
  await waitForQuiet(h);
  expect(await outboundMessages(h, { kind: 'cancel_confirmed', to: cy!.phone })).toHaveLength(1);
});
