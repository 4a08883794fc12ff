import { DateTime } from 'luxon';
import { formatClockFrom } from '../../src/http/views/format';
import { csrfFrom, logInWithFetch, mergeCookies, type WebLogin } from '../support/web-login';
import { createTask, createVolunteers } from '../support/flows';
import { eventually, startHarness, type Harness } from '../support/harness';

jest.setTimeout(90_000);

/**
 * I dag leads with what needs a person and never says «Alt er i rute» while something does:
 * tomorrow's tasks without a volunteer (even more than 24 hours ahead) and SMS held for quiet hours.
 */
const now = DateTime.now().setZone('Europe/Oslo');
const tomorrow = now.plus({ days: 1 }).startOf('day');
const hhmm = (d: DateTime) => d.toFormat('HH:mm');

let h: Harness;
let admin: WebLogin;

beforeAll(async () => {
  h = await startHarness({ env: { QUIET_HOURS: `${hhmm(now.minus({ minutes: 60 }))}-${hhmm(now.plus({ minutes: 90 }))}` } });
  admin = await logInWithFetch(h, { email: 'idag@example.no' });
});
afterAll(async () => {
  await h?.close();
});

async function today(): Promise<string> {
  const res = await fetch(`${h.baseUrl}/admin`, { headers: { cookie: admin.cookie } });
  expect(res.status).toBe(200);
  const text = await res.text();
  admin.csrf = csrfFrom(text);
  return text;
}

function section(page: string, id: string): string {
  const start = page.indexOf(`<section aria-labelledby="${id}">`);
  expect(start).toBeGreaterThanOrEqual(0);
  return page.slice(start, page.indexOf('</section>', start));
}

describe('I dag', () => {
  it('says «Alt er i rute» only while nothing needs a person', async () => {
    expect(await today()).toContain('Alt er i rute');

    // A task late tomorrow, not sent out: more than 24 hours ahead for most of the day, yet it has nobody.
    const late = await createTask(h, { startsAt: tomorrow.set({ hour: 23, minute: 30 }).toISO(), summary: 'Besøk sent i morgen.' });
    const [volunteer] = await createVolunteers(h, 1);
    const early = await createTask(h, { startsAt: tomorrow.set({ hour: 10 }).toISO(), summary: 'Handle tidlig i morgen.' });
    const assign = await fetch(`${h.baseUrl}/admin/tasks/${early.id}/assign`, {
      method: 'POST', redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: admin.cookie },
      body: new URLSearchParams({ _csrf: admin.csrf, volunteerId: volunteer!.id }).toString(),
    });
    expect(assign.status).toBe(303);
    admin.cookie = mergeCookies(admin.cookie, assign);

    const page = await today();
    expect(page).not.toContain('Alt er i rute');
    expect(page).toMatch(/\d+ ting trenger en person/);
    const tomorrowPart = section(page, 'tomorrow-h');
    expect(tomorrowPart).toContain('1 oppdrag i morgen mangler frivillig.');
    expect(tomorrowPart).toContain('Besøk sent i morgen.');
    expect(tomorrowPart).toContain('Mangler frivillig');
    expect(tomorrowPart).toContain('Handle tidlig i morgen.');
    expect(tomorrowPart).toContain(volunteer!.name);
    expect(section(page, 'now-h')).toContain('I morgen uten frivillig');

    // Sent out in quiet hours: the held SMS are on I dag too, with when they go.
    expect((await h.api('POST', `/api/tasks/${late.id}/dispatch`)).status).toBe(202);
    await eventually(async () => (await h.deps.db.selectFrom('message').select('id').where('task_id', '=', late.id).where('kind', '=', 'offer').execute()).length > 0, 20_000, 'a held offer');
    const held = section(await today(), 'now-h');
    expect(held).toContain('Venter på stilletiden');
    expect(held).toContain(`href="/admin/tasks/${late.id}"`);
    expect(held).toContain(`SMS-ene går ${formatClockFrom(now.plus({ minutes: 90 }).startOf('minute').toJSDate(), new Date())}`);
  });
});
