import { DateTime } from 'luxon';
import { formatClockFrom, formatDateTime } from '../../src/http/views/format';
import { mergeCookies, csrfFrom, logInWithFetch, type WebLogin } from '../support/web-login';
import { uniqueMobile } from '../support/factories';
import { createTask, createVolunteers } from '../support/flows';
import { eventually, startHarness, type Harness } from '../support/harness';

jest.setTimeout(90_000);

/**
 * Quiet hours as a coordinator meets them: «Send ut» at night says the offers wait (and till when),
 * the timeline stamps each SMS with when it left («planlagt» before), and «Send nå likevel» sends
 * one task's offers at once, audit-logged, with later waves that night not held either.
 * The quiet window is placed around the real time of the run, so BullMQ's real-time delays apply.
 */
const now = DateTime.now().setZone('Europe/Oslo');
const windowEnd = now.plus({ minutes: 90 }).startOf('minute');
const hhmm = (d: DateTime) => d.toFormat('HH:mm');
/** How the pages name the window's end: «kl. 00:06», with the day when it is past midnight (a run late in the evening). */
const endOfQuiet = () => formatClockFrom(windowEnd.toJSDate(), new Date());

let h: Harness;
let admin: WebLogin;

beforeAll(async () => {
  h = await startHarness({ env: { QUIET_HOURS: `${hhmm(now.minus({ minutes: 60 }))}-${hhmm(windowEnd)}` } });
  admin = await logInWithFetch(h, { email: 'natt@example.no' });
});
afterAll(async () => {
  await h?.close();
});

/** Posts a task page's button as the browser would, and returns the page it lands on (with its flash). */
async function press(path: string): Promise<string> {
  const res = await fetch(`${h.baseUrl}${path}`, {
    method: 'POST', redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: admin.cookie },
    body: new URLSearchParams({ _csrf: admin.csrf }).toString(),
  });
  expect(res.status).toBe(303);
  admin.cookie = mergeCookies(admin.cookie, res);
  return pageText(res.headers.get('location')!);
}

async function pageText(path: string): Promise<string> {
  const res = await fetch(`${h.baseUrl}${path}`, { headers: { cookie: admin.cookie } });
  expect(res.status).toBe(200);
  const text = await res.text();
  admin.csrf = csrfFrom(text);
  return text;
}

async function offerSms(taskId: string) {
  return h.deps.db.selectFrom('message').selectAll().where('task_id', '=', taskId).where('kind', '=', 'offer').orderBy('id').execute();
}

describe('quiet hours on the task page', () => {
  it('says the offers wait, stamps them «planlagt», and «Send nå likevel» sends them now', async () => {
    const volunteers = await createVolunteers(h, 5);
    const task = await createTask(h, { waveSize: 3 });

    const dispatched = await press(`/admin/tasks/${task.id}/dispatch`);
    expect(dispatched).toContain(`tilbudene venter til ${endOfQuiet()}`);
    expect(dispatched).not.toContain('Tilbudene går på SMS nå');

    // The offers are written at once, held till the window ends; nothing reaches Twilio.
    await eventually(async () => (await offerSms(task.id)).length === 3, 20_000, 'three held offers');
    const held = await offerSms(task.id);
    for (const m of held) expect(DateTime.fromJSDate(m.send_after!).toMillis()).toBe(windowEnd.toMillis());
    const before = await pageText(`/admin/tasks/${task.id}`);
    expect(before).toContain(`Stilletid: tilbudene på dette oppdraget venter til ${endOfQuiet()}`);
    expect(before).toContain(`planlagt ${formatDateTime(windowEnd.toJSDate())}`);
    expect(before).toContain('Send nå likevel');
    expect(h.fake.messages).toHaveLength(0);

    const sentNow = await press(`/admin/tasks/${task.id}/send-now`);
    expect(sentNow).toContain('3 SMS-er på dette oppdraget sendes nå');
    await h.fake.waitForMessages(3, 20_000);
    const sent = await eventually(async () => {
      const rows = await offerSms(task.id);
      return rows.every((m) => m.sent_at) ? rows : undefined;
    }, 20_000, 'offers marked sent');

    // Each SMS is stamped with when it left, and nothing says «planlagt» or «Stilletid» any more.
    const after = await pageText(`/admin/tasks/${task.id}`);
    for (const m of sent) expect(after).toContain(formatDateTime(m.sent_at!));
    expect(after).not.toContain('planlagt');
    expect(after).not.toContain('Stilletid:');
    expect(after).toContain('valgte «Send nå likevel» i stilletiden: 3 SMS sendt straks');
    const audit = await h.deps.db.selectFrom('audit_event').selectAll().where('action', '=', 'task_sent_despite_quiet_hours').execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ subject_id: task.id, detail: { released: 3 } });

    // Still in quiet hours: the next volunteer, asked after a NEI, is not held till the morning.
    const decliner = volunteers.find((v) => sent.some((m) => m.to_phone === v.phone))!;
    await h.sms(decliner.phone, 'NEI');
    await eventually(async () => (await offerSms(task.id)).length === 4, 20_000, 'a fourth offer');
    const fourth = (await offerSms(task.id))[3]!;
    expect(fourth.send_after).toBeNull();
    await h.fake.waitForMessages(5, 20_000); // 3 offers, the thanks for the NEI, the fourth offer
  });

  it('another task dispatched in the same night is still held: the choice was for one task', async () => {
    await createVolunteers(h, 2);
    const task = await createTask(h, { waveSize: 1 });
    await press(`/admin/tasks/${task.id}/dispatch`);
    await eventually(async () => (await offerSms(task.id)).length === 1, 20_000, 'one held offer');
    expect((await offerSms(task.id))[0]!.send_after).not.toBeNull();
  });

  it('«Send nå likevel» with nothing held says so', async () => {
    const task = await createTask(h);
    expect(await press(`/admin/tasks/${task.id}/send-now`)).toContain('Ingen SMS på dette oppdraget venter på stilletiden.');
  });
});

describe('quiet hours hold offer calls too', () => {
  it('a call offer waits like an SMS, the page says so, and «Send nå likevel» places it now', async () => {
    const area = 'Nattsone for anrop';
    const callers = [];
    for (const name of ['Kari Ringes', 'Ola Ringes']) {
      const res = await h.api('POST', '/api/volunteers', { name, phone: uniqueMobile(), contactPreference: 'call', areas: [area] });
      expect(res.status).toBe(201);
      callers.push(res.body as { phone: string });
    }
    // Only the two callers can be asked: the earlier tests' volunteers (every area) are paused.
    await h.deps.db.updateTable('volunteer').set({ paused_until: '2099-12-31' }).where('contact_preference', '!=', 'call').execute();
    const task = await createTask(h, { area, waveSize: 2 });
    await press(`/admin/tasks/${task.id}/dispatch`);
    const heldCalls = () => h.deps.db.selectFrom('call').selectAll().where('task_id', '=', task.id).orderBy('id').execute();
    await eventually(async () => (await heldCalls()).length === 2, 20_000, 'two held calls');
    for (const c of await heldCalls()) expect(DateTime.fromJSDate(c.call_after!).toMillis()).toBe(windowEnd.toMillis());
    expect(await pageText(`/admin/tasks/${task.id}`)).toContain(`Stilletid: tilbudene på dette oppdraget venter til ${endOfQuiet()}`);
    expect(callers.flatMap((c) => h.fake.voice.callsTo(c.phone))).toEqual([]);

    expect(await press(`/admin/tasks/${task.id}/send-now`)).toContain('2 anrop på dette oppdraget går nå, selv om det er stilletid.');
    for (const c of callers) await eventually(async () => h.fake.voice.callsTo(c.phone)[0], 20_000, `a call to ${c.phone}`);
    expect(callers.map((c) => h.fake.voice.callsTo(c.phone).length)).toEqual([1, 1]); // placed once each, the delayed job moved rather than doubled
    const audit = await h.deps.db.selectFrom('audit_event').select('detail').where('action', '=', 'task_sent_despite_quiet_hours').where('subject_id', '=', task.id).execute();
    expect(audit).toEqual([{ detail: { released: 0, releasedCalls: 2 } }]);
    expect(await pageText(`/admin/tasks/${task.id}`)).toContain('valgte «Send nå likevel» i stilletiden: 0 SMS sendt straks, 2 anrop ringt straks');
  });
});

describe('«Stopp utsending» counts only the SMS that go', () => {
  it('says no SMS was sent when every offer was still held', async () => {
    await createVolunteers(h, 2);
    const task = await createTask(h, { waveSize: 2 });
    await press(`/admin/tasks/${task.id}/dispatch`);
    await eventually(async () => (await offerSms(task.id)).length === 2, 20_000, 'two held offers');
    const stopped = await press(`/admin/tasks/${task.id}/stop`);
    expect(stopped).toContain('Ingen tilbud hadde gått ut ennå, så ingen SMS ble sendt.');
    expect(stopped).not.toMatch(/\d+ frivillige? (fikk|får) beskjed/);
    expect(stopped).not.toContain('(ikke sendt (');
  });
});
