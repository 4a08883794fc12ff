import { startHarness, type Harness } from '../support/harness';
import { uniqueMobile } from '../support/factories';
import { csrfFrom, logInWithFetch, mergeCookies } from '../support/web-login';
import { importVolunteers, previewVolunteerImport } from '../../src/services/import-volunteers';

/**
 * Issue 11: a number is a volunteer's or a requester's, never both (an SMS from it must mean one
 * thing). Registering a volunteer with a nursing home's number is refused by the API, the form and
 * the CSV import, naming the home; a requester with a volunteer's number is refused naming the volunteer.
 */
let h: Harness;
let home: string;
beforeEach(async () => {
  h = await startHarness();
  home = uniqueMobile();
  const res = await h.api('POST', '/api/requesters', { name: 'Solbakken sykehjem', phones: [home] });
  expect(res.status).toBe(201);
});
afterEach(async () => {
  await h.close();
});

/** «+4741070001» as a person types it: «410 70 001». */
const typed = (e164: string) => `${e164.slice(3, 6)} ${e164.slice(6, 8)} ${e164.slice(8)}`;

describe('a number is a volunteer\'s or a requester\'s, not both', () => {
  it('API: a volunteer with a requester\'s number is a 409 naming the requester', async () => {
    const res = await h.api('POST', '/api/volunteers', { name: 'Kari Nordmann', phone: typed(home) });
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ error: 'requester_phone', message: `Nummeret ${home} tilhører bestilleren «Solbakken sykehjem» og kan ikke også være en frivilligs nummer.` });
    expect(await h.deps.db.selectFrom('volunteer').select('id').execute()).toHaveLength(0);
  });

  it('form: the error stands beside the phone field, naming the requester, and nothing is saved', async () => {
    const login = await logInWithFetch(h, { email: 'admin@frivillig.no', role: 'admin' });
    const form = await fetch(`${h.baseUrl}/admin/volunteers/new`, { headers: { cookie: login.cookie } });
    const cookie = mergeCookies(login.cookie, form);
    const res = await fetch(`${h.baseUrl}/admin/volunteers/new`, {
      method: 'POST', redirect: 'manual',
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: csrfFrom(await form.text()), name: 'Kari Nordmann', phone: typed(home), language: 'nb' }).toString(),
    });
    expect(res.status).toBe(400);
    const page = await res.text();
    expect(page).toMatch(/<span class="error-text" id="phone-error">Nummeret tilhører bestilleren «Solbakken sykehjem» og kan ikke også være en frivilligs nummer\.<\/span>/);
    expect(page).toMatch(/aria-describedby="[^"]*phone-error/);
    expect(await h.deps.db.selectFrom('volunteer').select('id').execute()).toHaveLength(0);
  });

  it('CSV: the row is shown with the reason, naming the requester, and is not imported; the other rows are', async () => {
    const other = uniqueMobile();
    const csv = `Navn;Telefon\nKari Nordmann;${typed(home)}\nOla Hansen;${typed(other)}\n`;
    const preview = await previewVolunteerImport(h.deps.ctx, { kind: 'service' }, new TextEncoder().encode(csv));
    expect(preview).toMatchObject({
      ok: true,
      summary: {
        counts: { fresh: 1, changed: 0, unchanged: 0, bad: 1 },
        rows: {
          fresh: [{ line: 3, volunteer: { phone: other } }],
          bad: [{ line: 2, name: 'Kari Nordmann', phone: home, problems: ['requester_phone'], requesterName: 'Solbakken sykehjem' }],
        },
      },
    });
    const result = await importVolunteers(h.deps.ctx, { kind: 'service' }, { csvText: csv });
    expect(result).toEqual({ ok: true, imported: 1, updated: 0, unchanged: 0, skipped: 1 });
    expect((await h.deps.db.selectFrom('volunteer').select('phone').execute()).map((v) => v.phone)).toEqual([other]);
  });

  it('a requester with a volunteer\'s number is refused, naming the volunteer (API and admin form)', async () => {
    const kari = (await h.api('POST', '/api/volunteers', { name: 'Kari Nordmann', phone: uniqueMobile() })).body as { phone: string };
    const res = await h.api('POST', '/api/requesters', { name: 'Lindeberg hjemmetjeneste', phones: [typed(kari.phone)] });
    expect(res.status).toBe(409);
    expect((res.body as { message: string }).message).toBe(`already someone's number: ${kari.phone} belongs to the volunteer Kari Nordmann`);

    const login = await logInWithFetch(h, { email: 'admin@frivillig.no', role: 'admin' });
    const form = await fetch(`${h.baseUrl}/admin/requesters/new`, { headers: { cookie: login.cookie } });
    expect(form.status).toBe(200);
    const page = await fetch(`${h.baseUrl}/admin/requesters/new`, {
      method: 'POST', redirect: 'manual',
      headers: { cookie: mergeCookies(login.cookie, form), 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: csrfFrom(await form.text()), name: 'Lindeberg hjemmetjeneste', phones: typed(kari.phone), unitId: '', contactName: '', defaultPlace: '' }).toString(),
    });
    expect(page.status).toBe(409);
    expect(await page.text()).toContain('tilhører den frivillige Kari Nordmann. Ett nummer kan bare høre til én.');
  });
});
