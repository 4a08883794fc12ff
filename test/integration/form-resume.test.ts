import { sql } from 'kysely';
import { startHarness, type Harness } from '../support/harness';
import { csrfFrom, logInWithFetch, mergeCookies, type WebLogin } from '../support/web-login';

/** Issue 13: a form posted after the session ended comes back filled after logging in again. */
let h: Harness;
let kari: WebLogin;
const PASSWORD = 'riktig-passord-123';
const FORM = '/admin/volunteers/new';

beforeAll(async () => {
  h = await startHarness({ workers: false });
  kari = await logInWithFetch(h, { email: 'kari@resume.example', role: 'coordinator' });
  await logInWithFetch(h, { email: 'ola@resume.example', role: 'coordinator' });
});
afterAll(async () => {
  await h.close();
});

/** Ends every session, as an expiry or a logout in another tab would; the browser keeps its cookies. */
async function endSessions(): Promise<void> {
  await sql`DELETE FROM session`.execute(h.deps.db);
}

async function postForm(cookie: string, form: Record<string, string | string[]>, headers: Record<string, string> = {}) {
  const body = new URLSearchParams();
  for (const [k, v] of Object.entries(form)) for (const one of [v].flat()) body.append(k, one);
  return fetch(`${h.baseUrl}${FORM}`, {
    method: 'POST', redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie, referer: `${h.baseUrl}${FORM}`, 'sec-fetch-site': 'same-origin', ...headers },
    body: body.toString(),
  });
}

/** Logs in through the real form (with `resume` when given): the redirect and the new cookies. */
async function logIn(cookie: string, email: string, resume?: string): Promise<{ location: string; cookie: string }> {
  const form = await fetch(`${h.baseUrl}/login${resume ? `?resume=${resume}` : ''}`, { headers: { cookie } });
  const page = await form.text();
  if (resume) expect(page).toContain('Du ble logget ut. Logg inn igjen, så får du skjemaet tilbake slik du fylte det ut.');
  cookie = mergeCookies(cookie, form);
  const res = await fetch(`${h.baseUrl}/login`, {
    method: 'POST', redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
    body: new URLSearchParams({ email, password: PASSWORD, _csrf: csrfFrom(page), ...(resume ? { resume } : {}) }).toString(),
  });
  expect(res.status).toBe(303);
  return { location: res.headers.get('location') ?? '', cookie: mergeCookies(cookie, res) };
}

async function stashAsKari(form: Record<string, string | string[]> = { name: 'Per Pensjonist', phone: '412 11 111' }): Promise<string> {
  await endSessions();
  const res = await postForm(kari.cookie, { _csrf: kari.csrf, ...form });
  expect(res.status).toBe(303);
  const id = /^\/login\?resume=([A-Za-z0-9_-]{32})$/.exec(res.headers.get('location') ?? '')?.[1];
  expect(id).toBeDefined();
  return id!;
}

describe('a form posted without a session', () => {
  it('is stashed without its CSRF token or password and comes back once, filled, to the same coordinator', async () => {
    const id = await stashAsKari({ name: 'Per Pensjonist', phone: '412 11 111', taskTypes: ['shopping', 'escort'], password: 'hemmelig', newPassword: 'x' });
    const row = await h.deps.db.selectFrom('form_stash').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(row.path).toBe(FORM);
    expect(row.fields).toEqual({ name: 'Per Pensjonist', phone: '412 11 111', taskTypes: ['shopping', 'escort'] });
    expect(row.expires_at.getTime() - Date.now()).toBeGreaterThan(25 * 60_000);

    const login = await logIn(kari.cookie, 'kari@resume.example', id);
    expect(login.location).toBe(`${FORM}?restored=${id}`);
    const page = await fetch(`${h.baseUrl}${login.location}`, { headers: { cookie: login.cookie } });
    const text = await page.text();
    expect(page.status).toBe(200);
    expect(text).toContain('Skjemaet er fylt ut slik du sendte det. Se over og lagre på nytt.');
    expect(text).toContain('Per Pensjonist');
    expect(text).toContain('/static/form-restore.js');
    kari = { cookie: login.cookie, csrf: csrfFrom(text) };

    const again = await (await fetch(`${h.baseUrl}${login.location}`, { headers: { cookie: login.cookie } })).text();
    expect(again).not.toContain('Skjemaet er fylt ut');
    expect(await h.deps.db.selectFrom('form_stash').select('id').where('id', '=', id).executeTakeFirst()).toBeUndefined();
  });

  it('is discarded when another coordinator logs in', async () => {
    const id = await stashAsKari();
    const login = await logIn(kari.cookie, 'ola@resume.example', id);
    expect(login.location).toBe('/admin');
    expect(await h.deps.db.selectFrom('form_stash').select('id').where('id', '=', id).executeTakeFirst()).toBeUndefined();
    const restored = await (await fetch(`${h.baseUrl}${FORM}?restored=${id}`, { headers: { cookie: login.cookie } })).text();
    expect(restored).not.toContain('Skjemaet er fylt ut');
    // Back to Kari for the next tests.
    const back = await logIn(login.cookie, 'kari@resume.example');
    kari = { cookie: back.cookie, csrf: csrfFrom(await (await fetch(`${h.baseUrl}${FORM}`, { headers: { cookie: back.cookie } })).text()) };
  });

  it('is ignored after it expired', async () => {
    const id = await stashAsKari();
    h.clock.advance(31 * 60_000);
    try {
      const login = await logIn(kari.cookie, 'kari@resume.example', id);
      expect(login.location).toBe('/admin');
      kari = { cookie: login.cookie, csrf: csrfFrom(await (await fetch(`${h.baseUrl}${FORM}`, { headers: { cookie: login.cookie } })).text()) };
    } finally {
      h.clock.advance(-31 * 60_000);
    }
  });

  it('never leads off the site or out of /admin', async () => {
    for (const referer of ['https://evil.example/admin/volunteers', '//evil.example/admin', `${h.baseUrl}/login`, `${h.baseUrl}/admin/..%2F..%2Fevil`, `${h.baseUrl}//evil.example/admin`]) {
      await endSessions();
      const res = await postForm(kari.cookie, { _csrf: kari.csrf, name: 'X' }, { referer });
      const id = /resume=([A-Za-z0-9_-]+)/.exec(res.headers.get('location') ?? '')?.[1];
      expect(id).toBeDefined();
      const row = await h.deps.db.selectFrom('form_stash').select('path').where('id', '=', id!).executeTakeFirstOrThrow();
      expect(row.path).toMatch(/^\/admin(\/|$)/);
      expect(row.path).not.toContain('//');
    }
    // Another site's form, a fetch and an invented id get no stash and no way back.
    await endSessions();
    const crossSite = await postForm(kari.cookie, { name: 'X' }, { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' });
    expect(crossSite.headers.get('location')).toBe('/login');
    const script = await postForm(kari.cookie, { name: 'X' }, { 'x-csrf-token': kari.csrf });
    expect(script.headers.get('location')).toBe('/login');
    const nobody = await postForm('', { name: 'X' });
    expect(nobody.headers.get('location')).toBe('/login');
    const login = await logIn(kari.cookie, 'kari@resume.example', 'A'.repeat(32));
    expect(login.location).toBe('/admin');
    const page = await fetch(`${h.baseUrl}/login?resume=https://evil.example`);
    expect(await page.text()).not.toContain('evil.example');
  });
});
