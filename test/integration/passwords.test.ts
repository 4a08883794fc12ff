import { findOrCreateUnit } from '../../src/db/coordinator.repo';
import { createCoordinator } from '../../src/services/create-coordinator';
import { startHarness, type Harness } from '../support/harness';
import { logInWithFetch, openLoginPage, postLogin, type WebSession } from '../support/sessions';

/** Changing one's own password and an admin's reset, through the pages, with real sessions in Postgres. */
let h: Harness;
const OLD = 'gammelt-passord-1';

beforeAll(async () => {
  h = await startHarness({ workers: false });
  const unit = await findOrCreateUnit(h.deps.db, 'Frivilligsentralen');
  for (const [email, role] of [['kari@example.no', 'coordinator'], ['ola@example.no', 'coordinator'], ['ada@example.no', 'admin']] as const) {
    const r = await createCoordinator(h.deps.ctx, 'cli', { email, name: email.split('@')[0]!, password: OLD, role, unitId: unit.id });
    if (!r.ok) throw new Error(r.message);
  }
});
afterAll(async () => {
  await h.close();
});

const post = (s: WebSession, path: string, form: Record<string, string>) => fetch(`${h.baseUrl}${path}`, {
  method: 'POST', redirect: 'manual', headers: { cookie: s.cookie, 'content-type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams({ ...form, _csrf: s.csrf }).toString(),
});
const status = async (s: WebSession) => (await fetch(`${h.baseUrl}/admin/account`, { headers: { cookie: s.cookie }, redirect: 'manual' })).status;
const canLogIn = async (email: string, password: string) => (await postLogin(h, await openLoginPage(h), email, password)).status === 303;

describe('Min konto: changing one’s own password', () => {
  it('needs the current password and the new one twice, says what is wrong next to the field, and ends the other sessions', async () => {
    const here = await logInWithFetch(h, 'kari@example.no', OLD);
    const elsewhere = await logInWithFetch(h, 'kari@example.no', OLD);

    const wrong = await post(here, '/admin/account/password', { current: 'feil-passord-99', next: 'nytt-passord-77', repeat: 'nytt-passord-77' });
    expect(wrong.status).toBe(400);
    expect(await wrong.text()).toContain('Nåværende passord er feil.');
    const mismatch = await post(here, '/admin/account/password', { current: OLD, next: 'nytt-passord-77', repeat: 'nytt-passord-78' });
    expect(await mismatch.text()).toContain('Passordene er ikke like.');
    const short = await post(here, '/admin/account/password', { current: OLD, next: 'kort', repeat: 'kort' });
    expect(await short.text()).toContain('minst 10 tegn');
    expect(await status(elsewhere)).toBe(200); // nothing changed yet

    const ok = await post(here, '/admin/account/password', { current: OLD, next: 'nytt-passord-77', repeat: 'nytt-passord-77' });
    expect(ok.status).toBe(303);
    expect(await status(here)).toBe(200);
    expect(await status(elsewhere)).toBe(303); // sent to the login page
    expect(await canLogIn('kari@example.no', OLD)).toBe(false);
    expect(await canLogIn('kari@example.no', 'nytt-passord-77')).toBe(true);

    const audit = await h.deps.db.selectFrom('audit_event').select(['action', 'detail']).where('action', '=', 'password_changed').execute();
    expect(audit).toEqual([{ action: 'password_changed', detail: { otherSessionsEnded: 1 } }]);
    expect(JSON.stringify(await h.deps.db.selectFrom('audit_event').selectAll().execute())).not.toContain('nytt-passord');
  });
});

describe('Administrasjon: an admin resets a password', () => {
  it('shows a generated password once, logs the account out everywhere, and the new password works', async () => {
    const ola = await logInWithFetch(h, 'ola@example.no', OLD);
    const admin = await logInWithFetch(h, 'ada@example.no', OLD);
    const olaId = (await h.deps.db.selectFrom('coordinator').select('id').where('email', '=', 'ola@example.no').executeTakeFirstOrThrow()).id;

    expect((await post(ola, `/admin/settings/coordinators/${olaId}/reset-password`, {})).status).toBe(403);
    const res = await post(admin, `/admin/settings/coordinators/${olaId}/reset-password`, {});
    expect(res.status).toBe(200);
    const password = /Nytt passord for ola: ([A-Za-z0-9-]+) /.exec(await res.text())?.[1];
    expect(password).toMatch(/^[a-zA-Z2-9]{4}(-[a-zA-Z2-9]{4}){3}$/);

    expect(await status(ola)).toBe(303);
    expect(await canLogIn('ola@example.no', OLD)).toBe(false);
    expect(await canLogIn('ola@example.no', password!)).toBe(true);
    // Shown once: the settings page afterwards does not carry it, and neither does the log.
    expect(await (await fetch(`${h.baseUrl}/admin/settings`, { headers: { cookie: admin.cookie } })).text()).not.toContain(password!);
    const audit = await h.deps.db.selectFrom('audit_event').selectAll().where('action', '=', 'password_reset').execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor: 'ada@example.no', subject_id: olaId, detail: { sessionsEnded: 1 } });
    expect(JSON.stringify(await h.deps.db.selectFrom('audit_event').selectAll().execute())).not.toContain(password!);
  });
});
