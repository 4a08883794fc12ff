import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startHarness, type Harness } from '../support/harness';
import { createAccount, launchBrowser, logIn, screenshot, type Account } from '../support/browser';

jest.setTimeout(60_000);

const FIXTURES = path.resolve(__dirname, '..', 'fixtures');
const XSS_NAME = '<img src=x onerror=alert(1)>';

let h: Harness;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let kari: Account;
let dialogs: string[];
let loggedIn: Awaited<ReturnType<BrowserContext['storageState']>>;

beforeAll(async () => {
  h = await startHarness({ workers: false });
  browser = await launchBrowser();
  kari = await createAccount(h, { email: 'kari@lorenskog.kommune.no', name: 'Kari Koordinator' });
  // Log in once through the real login form; each test then starts a fresh context with that
  // session, which spares a password hash per test on a busy machine.
  const first = await browser.newContext();
  await logIn(await first.newPage(), h, kari);
  loggedIn = await first.storageState();
  await first.close();
});
afterAll(async () => {
  await browser?.close();
  await h?.close();
});
beforeEach(async () => {
  context = await browser.newContext({ storageState: loggedIn });
  page = await context.newPage();
  dialogs = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
});
afterEach(async () => {
  await context.close();
});

describe('adding and editing volunteers', () => {
  it('adds a volunteer through the form, showing problems next to the fields first', async () => {
    await page.goto(`${h.baseUrl}/admin/volunteers`);
    await page.getByRole('link', { name: 'Ny frivillig' }).click();
    await page.getByLabel('Navn', { exact: true }).fill('Per Pensjonist');
    await page.getByLabel('Mobilnummer').fill('22 22 22 22'); // a landline
    await page.getByLabel('Politiattest').fill('2026-01-10');
    const [rejected] = await Promise.all([waitForPost(page, '/admin/volunteers/new'), page.getByRole('button', { name: 'Legg til frivillig' }).click()]);
    expect(rejected.status()).toBe(400);
    await expect(page.locator('#phone-error').textContent()).resolves.toContain('fasttelefon, som ikke kan få SMS');
    expect(await page.getByLabel('Mobilnummer').getAttribute('aria-describedby')).toContain('phone-error');
    expect(await page.getByLabel('Navn', { exact: true }).inputValue()).toBe('Per Pensjonist'); // kept as typed
    expect(await page.getByLabel('Politiattest').inputValue()).toBe('2026-01-10');
    await screenshot(page, 'frivillig-skjema-med-feil');

    await page.getByLabel('Mobilnummer').fill('412 11 111');
    await page.getByLabel('Språk i SMS').selectOption('en');
    await page.getByLabel('Besøk').uncheck();
    await page.getByLabel('Annet').uncheck();
    await page.getByLabel('Tur', { exact: true }).uncheck();
    await page.getByLabel('Praktisk hjelp', { exact: true }).uncheck();
    await page.getByLabel('Områder').fill('Lørenskog sentrum, Fjellhamar');
    await page.getByLabel('Notater').fill('Har bil.');
    await page.getByLabel('Avtale signert').fill('2026-01-15');
    await page.getByRole('button', { name: 'Legg til frivillig' }).click();
    await page.waitForURL(/\/admin\/volunteers\/\d+$/);
    await expectText(page, 'Per Pensjonist er lagt til.');

    const row = await h.deps.db.selectFrom('volunteer').selectAll().where('phone', '=', '+4741211111').executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      name: 'Per Pensjonist', language: 'en', task_types: ['shopping', 'escort'], areas: ['Lørenskog sentrum', 'Fjellhamar'], notes: 'Har bil.',
      agreement_signed_on: '2026-01-15', police_certificate_on: '2026-01-10', confidentiality_signed_on: null, opted_out_at: null,
    });
    await expectAudit('volunteer_created', row.id);
  });

  it('a number that is already registered is refused next to the field, however it is written', async () => {
    await insertVolunteer({ name: 'Eva Eksisterende', phone: '+4741222222' });
    await page.goto(`${h.baseUrl}/admin/volunteers/new`);
    await page.getByLabel('Navn', { exact: true }).fill('Eva Igjen');
    await page.getByLabel('Mobilnummer').fill('0047 412 22 222');
    await page.getByRole('button', { name: 'Legg til frivillig' }).click();
    await expect(page.locator('#phone-error').textContent()).resolves.toContain('finnes allerede');
    await expect(page.getByRole('alert').textContent()).resolves.toContain('Skjemaet ble ikke lagret');
  });

  it('edits a volunteer; opted out is shown but cannot be changed on the page', async () => {
    const id = await insertVolunteer({ name: 'Olga Opptatt', phone: '+4741233333', opted_out_at: new Date('2026-02-01T10:00:00Z') });
    await page.goto(`${h.baseUrl}/admin/volunteers`);
    await page.getByRole('link', { name: 'Olga Opptatt' }).click();
    await expectText(page, 'Meldt av');
    await expectText(page, 'sende START');
    expect(await page.locator('input[name*="opted" i], [name="optedOut"]').count()).toBe(0);

    await page.getByLabel('Navn', { exact: true }).fill('Olga Hansen');
    await page.getByLabel('Taushetserklæring signert').fill('2026-03-01');
    await page.getByLabel('Pause til og med').fill('2099-12-31');
    await page.getByRole('button', { name: 'Lagre endringer' }).click();
    await page.waitForURL(new RegExp(`/admin/volunteers/${id}$`));
    await expectText(page, 'Endringene for Olga Hansen er lagret.');

    const row = await h.deps.db.selectFrom('volunteer').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ name: 'Olga Hansen', confidentiality_signed_on: '2026-03-01', paused_until: '2099-12-31' });
    expect(row.opted_out_at).toEqual(new Date('2026-02-01T10:00:00Z'));
    const audit = await expectAudit('volunteer_updated', id);
    expect(audit.detail).toEqual({ changed: ['name', 'confidentialitySignedOn', 'pausedUntil'] });
  });


  it('an unknown volunteer is a plain 404 page', async () => {
    for (const id of ['999999', 'abc']) {
      const response = await page.goto(`${h.baseUrl}/admin/volunteers/${id}`);
      expect(response?.status()).toBe(404);
      await expectText(page, 'Fant ikke frivillig');
    }
  });
});

describe('importing from CSV', () => {
  it('shows every bad row and why, then imports only the good rows', async () => {
    await page.goto(`${h.baseUrl}/admin/volunteers`);
    await page.getByRole('link', { name: 'Importer fra CSV' }).click();
    await page.getByLabel('CSV-fil').setInputFiles(path.join(FIXTURES, 'volunteers-one-bad-row.csv'));
    await page.getByRole('button', { name: 'Vis forhåndsvisning' }).click();

    await expectText(page, 'Forhåndsvisning av import');
    await expectText(page, 'Kan importeres: 3 nye frivillige.');
    const badRows = page.locator('#bad-rows tbody tr');
    expect(await badRows.count()).toBe(1);
    expect(await badRows.locator('td').allTextContents()).toEqual(['5', 'Cecilie Dahl', '412 00', 'ugyldig nummer']);
    expect(await page.locator('#good-rows tbody tr').allTextContents()).toEqual([
      expect.stringContaining('Astrid Berg'), expect.stringContaining('Bjørn Ås'), expect.stringContaining('Dag; Eriksen'),
    ]);
    expect(await countVolunteers(['+4741200001', '+4741200002', '+4741200004'])).toBe(0); // nothing stored yet
    await screenshot(page, 'frivillige-import-forhandsvisning');

    await page.getByRole('button', { name: 'Importer 3 nye frivillige' }).click();
    await page.waitForURL(/\/admin\/volunteers$/);
    await expectText(page, 'Importerte 3 nye frivillige. 1 rad ble hoppet over.');

    const rows = await h.deps.db.selectFrom('volunteer').select(['name', 'phone', 'language', 'areas', 'task_types'])
      .where('phone', 'like', '+474120000%').orderBy('phone').execute();
    expect(rows).toEqual([
      { name: 'Astrid Berg', phone: '+4741200001', language: 'nb', areas: ['Fjellhamar', 'Rasta'], task_types: ['shopping', 'escort'] },
      { name: 'Bjørn Ås', phone: '+4741200002', language: 'en', areas: ['Lørenskog sentrum'], task_types: ['visit'] },
      { name: 'Dag; Eriksen', phone: '+4741200004', language: 'nb', areas: [], task_types: ['shopping', 'escort', 'visit', 'walk', 'practical', 'other'] },
    ]);
    expect(await h.deps.db.selectFrom('volunteer').select('id').where('name', '=', 'Cecilie Dahl').execute()).toEqual([]);
    const audit = await expectAudit('volunteers_imported');
    expect(audit.detail).toEqual({ imported: 3, updated: 0, unchanged: 0, skipped: 1 });
  });

  it('a number registered to somebody else, a repeat in the file and a missing name are each named', async () => {
    await insertVolunteer({ name: 'Rita Registrert', phone: '+4741211112' }, true);
    await page.goto(`${h.baseUrl}/admin/volunteers/import`);
    await page.getByLabel('CSV-fil').setInputFiles({ name: 'igjen.csv', mimeType: 'text/csv', buffer: Buffer.from('Name,Phone\r\nOla Annen,+47 412 11 112\r\nNy Person,41299999\r\nNy Person,412 99 999\r\n,41299998\r\n') });
    await page.getByRole('button', { name: 'Vis forhåndsvisning' }).click();
    expect(await page.locator('#bad-rows tbody tr td:last-child').allTextContents()).toEqual([
      'nummeret tilhører Rita Registrert: rett nummeret, eller navnet hvis det er samme person', 'duplikat i filen (samme nummer som linje 3, Ny Person)', 'mangler navn',
    ]);
  });

  it('brings papers, availability, weekly limit and an earlier STOPP along; a date it cannot read names its column', async () => {
    const file = [
      'Navn;Telefon;Politiattest;Taushetserklæring;Tilgjengelig;Maks per uke;Meldt av',
      'Pål Papir;41288801;10.01.2026;2026-01-11;man–fre 09–15;2;',
      'Siri Stopp;41288802;;;;;2026-03-02',
      'Dato Feil;41288803;31.02.2026;;;;',
    ].join('\r\n');
    await page.goto(`${h.baseUrl}/admin/volunteers/import`);
    await page.getByLabel('CSV-fil').setInputFiles({ name: 'detaljer.csv', mimeType: 'text/csv', buffer: Buffer.from(file) });
    await page.getByRole('button', { name: 'Vis forhåndsvisning' }).click();
    expect(await page.locator('#bad-rows tbody tr td:last-child').allTextContents()).toEqual(['ugyldig dato i «Politiattest» (skriv dd.mm.åååå)']);
    expect(await page.locator('#good-rows tbody tr td:last-child').allTextContents()).toEqual([
      'Taushetserklæring 11. jan. 2026; Politiattest 10. jan. 2026; man–fre 09:00–15:00; maks 2 per uke',
      'meldt av 2. mars 2026 (får ingen SMS)',
    ]);
    await page.getByRole('button', { name: 'Importer 2 nye frivillige' }).click();
    await page.waitForURL(/\/admin\/volunteers$/);

    const rows = await h.deps.db.selectFrom('volunteer')
      .select(['name', 'police_certificate_on', 'confidentiality_signed_on', 'availability', 'max_tasks_per_week', 'opted_out_at'])
      .where('phone', 'in', ['+4741288801', '+4741288802', '+4741288803']).orderBy('phone').execute();
    expect(rows).toEqual([
      {
        name: 'Pål Papir', police_certificate_on: '2026-01-10', confidentiality_signed_on: '2026-01-11', max_tasks_per_week: 2, opted_out_at: null,
        availability: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, from: '09:00', to: '15:00' })),
      },
      // Midnight in Oslo on the day the export said: she stays opted out.
      { name: 'Siri Stopp', police_certificate_on: null, confidentiality_signed_on: null, availability: [], max_tasks_per_week: null, opted_out_at: new Date('2026-03-01T23:00:00Z') },
    ]);
  });

  it('a file without a name and phone column is refused with a reason', async () => {
    await page.goto(`${h.baseUrl}/admin/volunteers/import`);
    await page.getByLabel('CSV-fil').setInputFiles({ name: 'feil.csv', mimeType: 'text/csv', buffer: Buffer.from('Fornavn;Etternavn\nKari;Nordmann\n') });
    const [response] = await Promise.all([waitForPost(page, '/admin/volunteers/import'), page.getByRole('button', { name: 'Vis forhåndsvisning' }).click()]);
    expect(response.status()).toBe(400);
    await expectText(page, 'Fant ingen kolonne for navn og telefon.');
  });

  it('an Excel workbook instead of a CSV file is refused with what to do', async () => {
    await page.goto(`${h.baseUrl}/admin/volunteers/import`);
    await page.getByLabel('CSV-fil').setInputFiles({ name: 'frivillige.xlsx', mimeType: 'application/octet-stream', buffer: Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00]) });
    await page.getByRole('button', { name: 'Vis forhåndsvisning' }).click();
    await expectText(page, 'Dette er en Excel-fil, ikke en CSV-fil.');
    expect(await page.getByLabel('CSV-fil').getAttribute('aria-invalid')).toBe('true');
  });
});

describe('showing volunteers safely', () => {
  it('a name full of HTML is shown as text, and no script runs', async () => {
    await page.goto(`${h.baseUrl}/admin/volunteers/new`);
    await page.getByLabel('Navn', { exact: true }).fill(XSS_NAME);
    await page.getByLabel('Mobilnummer').fill('412 44 444');
    await page.getByLabel('Notater').fill('</textarea><script>alert(2)</script>');
    await page.getByRole('button', { name: 'Legg til frivillig' }).click();
    await page.waitForURL(/\/admin\/volunteers\/\d+$/);
    expect(await page.locator('h1').textContent()).toBe(XSS_NAME);
    expect(await page.getByLabel('Notater').inputValue()).toBe('</textarea><script>alert(2)</script>');

    await page.goto(`${h.baseUrl}/admin/volunteers`);
    expect(await page.locator('main').innerText()).toContain(XSS_NAME);
    expect(await page.locator('img').count()).toBe(0);
    expect(await page.locator('main script').count()).toBe(0);
    await page.waitForTimeout(200); // an onerror would have fired by now
    expect(dialogs).toEqual([]);
  });
});

describe('searching', () => {
  it.each<[string, string]>([
    ['the number as typed in Norway', '412 55 555'],
    ['+47 and no spaces', '+4741255555'],
    ['0047 and dashes', '0047-412-55-555'],
    ['a part of the number', '55 555'],
    ['part of the name, any case', 'sØKBAR'],
  ])('finds a volunteer by %s', async (_how, query) => {
    await insertVolunteer({ name: 'Søkbar Sørensen', phone: '+4741255555' }, true);
    await page.goto(`${h.baseUrl}/admin/volunteers`);
    await page.getByLabel('Søk på navn eller nummer').fill(query);
    await page.getByRole('button', { name: 'Søk' }).click();
    await page.waitForURL(/\?q=/);
    const names = await page.locator('main tbody tr td:first-child').allTextContents();
    expect(names).toEqual(['Søkbar Sørensen']);
    expect(await page.locator('main tbody').innerText()).toContain('+47 412 55 555');
  });

  it('says so when nothing matches', async () => {
    await page.goto(`${h.baseUrl}/admin/volunteers?q=${encodeURIComponent('999 99 999')}`);
    await expectText(page, 'Ingen frivillige passer med søket.');
  });
});

describe('exporting', () => {
  it('downloads every volunteer as a semicolon CSV with a BOM, and logs the export', async () => {
    await insertVolunteer({
      name: 'Eli Eksport', phone: '+4741277777', language: 'en', areas: ['Lørenskog sentrum', 'Fjellhamar'], task_types: ['shopping', 'escort'],
      notes: 'Har bil.', agreement_signed_on: '2026-01-15', police_certificate_on: '2026-01-10',
      availability: JSON.stringify([{ weekday: 5, from: '10:00', to: '14:00' }]), max_tasks_per_week: 3,
    });
    await insertVolunteer({ name: 'Semi; Kolon', phone: '+4741277778' });
    await page.goto(`${h.baseUrl}/admin/volunteers`);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Eksporter CSV' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^frivillige-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = readFileSync(await download.path(), 'utf8');
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    const lines = csv.slice(1).split('\r\n');
    expect(lines[0]).toMatch(/^Navn;Telefon;Språk;Områder;Oppgaver;/);
    const total = await h.deps.db.selectFrom('volunteer').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    expect(lines.filter((l) => l !== '').length).toBe(Number(total.n) + 1);
    expect(csv).toContain('\r\nEli Eksport;+4741277777;en;Lørenskog sentrum, Fjellhamar;Handlehjelp, Følge;Har bil.;2026-01-15;;2026-01-10;;;fre 10:00–14:00;3;;SMS\r\n');
    expect(csv).toContain('\r\n"Semi; Kolon";+4741277778;nb;;Handlehjelp, Følge, Besøk, Tur, Praktisk hjelp, Annet;;;;;;;;;;SMS\r\n');
    const audit = await expectAudit('volunteers_exported');
    expect(audit.detail).toEqual({ count: Number(total.n) });
  });
});

describe('the list', () => {
  it('shows status and papers at a glance (screenshot: frivillige)', async () => {
    await insertVolunteer({ name: 'Anne Aktiv', phone: '+4741266666', agreement_signed_on: '2025-05-01', confidentiality_signed_on: '2025-05-01', police_certificate_on: '2025-06-01', training_on: '2025-06-15', areas: ['Lørenskog sentrum'] });
    await insertVolunteer({ name: 'Paul Pause', phone: '+4791266667', paused_until: '2099-06-30', task_types: ['visit'] });
    await insertVolunteer({ name: 'Pia Papir', phone: '+4741266668', agreement_signed_on: '2025-05-01', police_certificate_on: '2025-06-01', paused_until: '2020-01-01' });
    await insertVolunteer({ name: 'Mona Meldtav', phone: '+4741266669', opted_out_at: new Date('2026-01-01T12:00:00Z') });
    await page.goto(`${h.baseUrl}/admin/volunteers`);
    const row = (name: string) => page.locator('main tbody tr', { hasText: name });
    await expect(row('Anne Aktiv').innerText()).resolves.toMatch(/Aktiv[\s\S]*✓ Alt på plass/);
    await expect(row('Paul Pause').innerText()).resolves.toMatch(/Besøk[\s\S]*Pause til 30\. juni? 2099[\s\S]*✗ Mangler avtale, taushetserklæring, politiattest, opplæring/);
    await expect(row('Pia Papir').innerText()).resolves.toMatch(/Aktiv[\s\S]*✓ Avtale, Politiattest\s+✗ Mangler taushetserklæring, opplæring/);
    await expect(row('Mona Meldtav').innerText()).resolves.toContain('Meldt av');
    await page.setViewportSize({ width: 1280, height: 900 });
    await screenshot(page, 'frivillige');
  });

  it('works at phone width without horizontal scrolling of the page', async () => {
    await page.setViewportSize({ width: 375, height: 800 });
    await page.goto(`${h.baseUrl}/admin/volunteers`);
    const overflow = await page.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth');
    expect(overflow).toBeLessThanOrEqual(0);
    await page.keyboard.press('Tab'); // the skip link comes first and is visible on focus
    await expect(page.evaluate<string>('document.activeElement.textContent')).resolves.toBe('Hopp til innholdet');
  });
});

async function insertVolunteer(values: { name: string; phone: string } & Record<string, unknown>, ifMissing = false): Promise<string> {
  let q = h.deps.db.insertInto('volunteer').values(values as { name: string; phone: string });
  if (ifMissing) q = q.onConflict((oc) => oc.column('phone').doUpdateSet({ name: values.name }));
  return (await q.returning('id').executeTakeFirstOrThrow()).id;
}

async function countVolunteers(phones: string[]): Promise<number> {
  return (await h.deps.db.selectFrom('volunteer').select('id').where('phone', 'in', phones).execute()).length;
}

async function expectAudit(action: string, subjectId?: string) {
  let q = h.deps.db.selectFrom('audit_event').selectAll().where('action', '=', action).orderBy('id', 'desc');
  if (subjectId) q = q.where('subject_id', '=', subjectId);
  const event = await q.executeTakeFirst();
  expect(event).toMatchObject({ actor: kari.email, coordinator_id: kari.id });
  return event!;
}

function waitForPost(p: Page, pathname: string) {
  return p.waitForResponse((r) => new URL(r.url()).pathname === pathname && r.request().method() === 'POST');
}

async function expectText(p: Page, text: string): Promise<void> {
  await p.getByText(text, { exact: false }).first().waitFor({ state: 'visible', timeout: 5000 });
}
