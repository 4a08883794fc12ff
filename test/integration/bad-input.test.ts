import { gzipSync } from 'node:zlib';
import twilio from 'twilio';
import { newMessageSid, SERVICE_NUMBER, startHarness, type Harness } from '../support/harness';
import { handleInboundSms } from '../../src/services/handle-inbound-sms';
import { recordInboundSms } from '../../src/services/record-inbound-sms';
import { countRows } from '../support/row-counts';
import { logInWithFetch, mergeCookies, csrfFrom } from '../support/web-login';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ workers: false });
});
afterAll(async () => {
  await h.close();
});

async function count(table: 'message' | 'volunteer' | 'task' | 'session'): Promise<number> {
  return (await countRows(h, [table]))[table]!;
}

function signedForm(path: string, params: Record<string, string>, headers: Record<string, string> = {}, body?: string | Buffer) {
  const sig = twilio.getExpectedTwilioSignature(h.fake.authToken, h.config.publicBaseUrl + path, params);
  return fetch(h.baseUrl + path, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': sig, ...headers },
    body: body ?? new URLSearchParams(params).toString(),
  });
}

describe('a NUL byte or another control character', () => {
  it('is refused in API fields, the query and the login form with 400, and nothing is stored', async () => {
    const before = [await count('volunteer'), await count('task')];
    const volunteer = await h.api('POST', '/api/volunteers', { name: 'Kari\u0000', phone: '41234567' });
    expect(volunteer.status).toBe(400);
    expect(volunteer.body.fields[0].field).toBe('name');
    const task = await h.api('POST', '/api/tasks', { type: 'shopping', startsAt: '2026-12-24T10:00', durationMinutes: 60, area: 'x', summary: 'Handle\u0000', details: 'd' });
    expect(task.status).toBe(400);
    expect((await h.api('POST', '/api/volunteers', { name: 'Kari \ud800', phone: '41234567' })).status).toBe(400);
    expect((await fetch(`${h.baseUrl}/api/volunteers?x=%00`, { headers: { authorization: 'Bearer x' } })).status).toBe(400);
    const login = await fetch(`${h.baseUrl}/login`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'email=a%00b%40x.no&password=x' });
    expect(login.status).toBe(400);
    expect(await login.text()).toContain('Kunne ikke lese skjemaet');
    expect([await count('volunteer'), await count('task')]).toEqual(before);
  });

  it('in a webhook Body is stored marked, and keeps newlines', async () => {
    const sid = newMessageSid();
    const params = { MessageSid: sid, From: '+4741234567', To: SERVICE_NUMBER, Body: 'JA\u0000\u0007\nhei' };
    expect((await signedForm('/webhooks/twilio/sms', params)).status).toBe(200);
    const row = await h.deps.db.selectFrom('message').select('body').where('twilio_sid', '=', sid).executeTakeFirstOrThrow();
    expect(row.body).toBe('JA\uFFFD\uFFFD\nhei');
  });
});

describe('body-parser errors', () => {
  const path = '/webhooks/twilio/sms';
  const params = { MessageSid: newMessageSid(), From: '+4741234567', To: SERVICE_NUMBER, Body: 'JA' };

  it('answer 413 / 415 on the webhook before the signature check, and store nothing', async () => {
    const before = await count('message');
    const many = Object.fromEntries(Array.from({ length: 201 }, (_, i) => [`p${i}`, 'x']));
    expect((await signedForm(path, { ...params, ...many })).status).toBe(413);
    const utf16 = await signedForm(path, params, { 'content-type': 'application/x-www-form-urlencoded; charset=utf-16' });
    expect(utf16.status).toBe(415);
    expect(await utf16.json()).toMatchObject({ error: 'unsupported_media_type' });
    expect((await signedForm(path, params, { 'content-encoding': 'br2' })).status).toBe(415);
    expect((await signedForm(path, params, { 'content-encoding': 'gzip' }, 'not gzip at all')).status).toBe(400);
    // A gzipped form Twilio never sends, but a proxy may: read and checked like any other.
    expect((await signedForm(path, params, { 'content-encoding': 'gzip' }, gzipSync(new URLSearchParams(params).toString()))).status).toBe(200);
    expect(await count('message')).toBe(before + 1);
  });

  it('answer the API with JSON and the admin pages with a Norwegian page', async () => {
    const api = await fetch(`${h.baseUrl}/api/volunteers`, { method: 'POST', headers: { 'content-type': 'application/json; charset=latin1' }, body: '{}' });
    expect(api.status).toBe(415);
    expect(((await api.json()) as { error: string }).error).toBe('unsupported_media_type');
    const anonymous = await fetch(`${h.baseUrl}/admin/volunteers/new`, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded', 'content-encoding': 'nope' }, body: 'a=b' });
    expect(anonymous.status).toBe(303); // the login check comes first
    const { cookie } = await logInWithFetch(h, { email: 'admin-parse@x.no' });
    const admin = await fetch(`${h.baseUrl}/admin/volunteers/new`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', 'content-encoding': 'nope', cookie }, body: 'a=b' });
    expect(admin.status).toBe(415);
    expect(await admin.text()).toContain('Ukjent format');
    const broken = await fetch(`${h.baseUrl}/admin/volunteers/import`, { method: 'POST', headers: { 'content-type': 'multipart/form-data', cookie }, body: 'no boundary' });
    expect(broken.status).toBe(400);
    expect(await broken.text()).toContain('Kunne ikke lese skjemaet');
  });
});

describe('static files', () => {
  it.each(['/static/', '/static/nonexistent.js', '/static/..%2f..%2fpackage.json', '/static/%E0%A4%A'])('%s is a 404', async (p) => {
    expect((await fetch(h.baseUrl + p)).status).toBe(404);
  });
  it('a real file is served', async () => {
    expect((await fetch(`${h.baseUrl}/static/admin.css`)).status).toBe(200);
  });
});

describe('sessions', () => {
  it('anonymous visits to /login and /admin/* store no session row; logging in does, and comes back', async () => {
    const before = await count('session');
    for (let i = 0; i < 20; i++) {
      await fetch(`${h.baseUrl}/login`);
      await fetch(`${h.baseUrl}/admin/tasks`, { redirect: 'manual' });
    }
    expect(await count('session')).toBe(before);

    const visit = await fetch(`${h.baseUrl}/admin/volunteers?q=kari`, { redirect: 'manual' });
    expect(visit.headers.get('location')).toBe('/login');
    let cookie = mergeCookies('', visit);
    const form = await fetch(`${h.baseUrl}/login`, { headers: { cookie } });
    cookie = mergeCookies(cookie, form);
    const token = csrfFrom(await form.text());
    await logInWithFetch(h, { email: 'admin-session@x.no' }); // another browser; its row counts
    const rowsAfterOther = await count('session');
    expect(rowsAfterOther).toBe(before + 1);
    const login = await fetch(`${h.baseUrl}/login`, {
      method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
      body: new URLSearchParams({ email: 'admin-session@x.no', password: 'riktig-passord-123', _csrf: token }).toString(),
    });
    expect(login.status).toBe(303);
    expect(login.headers.get('location')).toBe('/admin/volunteers?q=kari');
    expect(await count('session')).toBe(rowsAfterOther + 1);
  });

  it('a login form posted with another browser\'s token is refused', async () => {
    const a = await fetch(`${h.baseUrl}/login`);
    const b = await fetch(`${h.baseUrl}/login`);
    const res = await fetch(`${h.baseUrl}/login`, {
      method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: mergeCookies('', a) },
      body: new URLSearchParams({ email: 'x@x.no', password: 'y', _csrf: csrfFrom(await b.text()) }).toString(),
    });
    expect(res.status).toBe(403);
  });
});

describe('dates', () => {
  it.each([
    ['pausedUntil', '2026-02-29'], ['trainingOn', '2026-00-10'], ['policeCertificateOn', '9999-99-99'], ['confidentialitySignedOn', '2026-04-31'],
  ])('a volunteer with %s %s is refused naming the field', async (field, day) => {
    const res = await h.api('POST', '/api/volunteers', { name: 'Kari', phone: '41234599', [field]: day });
    expect(res.status).toBe(400);
    expect(res.body.fields[0].field).toBe(field);
  });

  it('an absence in month 13 is refused, a real one is kept', async () => {
    const bad = await h.api('POST', '/api/volunteers', { name: 'Kari', phone: '41234598', absences: [{ from: '2026-13-01', to: '2026-13-05' }] });
    expect(bad.status).toBe(400);
    expect(bad.body.fields[0].field).toBe('absences.0.from');
    expect((await h.api('POST', '/api/volunteers', { name: 'Kari', phone: '41234598', pausedUntil: '2028-02-29', absences: [{ from: '2027-01-01', to: '2027-01-05' }] })).status).toBe(201);
  });

  it('a start in 1900 or 9999, or a fill-by after the start, is refused; a sane one is taken', async () => {
    const task = { type: 'shopping', durationMinutes: 60, area: 'Sentrum', summary: 'Handle', details: 'Olga' };
    const now = h.clock.now().getTime();
    const inDays = (d: number) => new Date(now + d * 86_400_000).toISOString();
    for (const startsAt of ['1900-01-01T10:00', '9999-12-31T10:00', inDays(-2), inDays(800)]) {
      const res = await h.api('POST', '/api/tasks', { ...task, startsAt });
      expect([startsAt, res.status, res.body.fields?.[0]?.field]).toEqual([startsAt, 400, 'startsAt']);
    }
    const late = await h.api('POST', '/api/tasks', { ...task, startsAt: inDays(3), fillBy: inDays(4) });
    expect([late.status, late.body.fields[0].field]).toEqual([400, 'fillBy']);
    expect((await h.api('POST', '/api/tasks', { ...task, startsAt: inDays(3), fillBy: inDays(2) })).status).toBe(201);
    expect((await h.api('POST', '/api/tasks', { ...task, startsAt: inDays(-0.5) })).status).toBe(201); // typed in just after it began
  });
});

describe('malformed senders', () => {
  it.each(['', 'abc', '+', 'x'.repeat(64), '\uFFFD'])('%j is kept for a coordinator and gets no SMS', async (from) => {
    const before = await countRows(h, ['message']);
    const { messageId } = await recordInboundSms(h.deps.ctx, { messageSid: newMessageSid(), from, to: SERVICE_NUMBER, body: 'Hei' });
    expect(await handleInboundSms(h.deps.ctx, messageId!)).toBe('unknown_sender');
    expect(await countRows(h, ['message'])).toEqual({ message: before.message! + 1 }); // the inbound row, no reply
    const row = await h.deps.db.selectFrom('message').select(['needs_attention']).where('id', '=', messageId!).executeTakeFirstOrThrow();
    expect(row.needs_attention).toBe(true);
  });

  it('a real unknown number still gets the friendly reply', async () => {
    const { messageId } = await recordInboundSms(h.deps.ctx, { messageSid: newMessageSid(), from: '+4741999888', to: SERVICE_NUMBER, body: 'Hei' });
    await handleInboundSms(h.deps.ctx, messageId!);
    expect(await h.deps.db.selectFrom('message').select('kind').where('to_phone', '=', '+4741999888').execute()).toEqual([{ kind: 'unknown_sender' }]);
  });
});
