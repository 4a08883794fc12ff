import { readFileSync } from 'node:fs';
import { DateTime } from 'luxon';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { insertAuditEvent } from '../../src/db/audit.repo';
import { findOrCreateUnit } from '../../src/db/coordinator.repo';
import type { Db } from '../../src/db/database';
import type { TaskStatus, TaskType } from '../../src/db/schema';
import { createAccount, launchBrowser, logIn, screenshot, type Account } from '../support/browser';
import { buildVolunteer } from '../support/factories';
import { eventually, startHarness, type Harness } from '../support/harness';

jest.setTimeout(90_000);

const OSLO = 'Europe/Oslo';
const VOLUNTEER_NAMES = ['Ingrid Hansen', 'Olav Berg', 'Fatima Ali', 'Per Johansen', 'Liv Nilsen', 'Arne Larsen', 'Kari Andersen', 'Ahmed Hassan', 'Solveig Dahl', 'Bjørn Eriksen', 'Marta Kowalska', 'Tor Haugen'];
const UNIT_NAMES = ['Frivilligsentralen', 'Helse, omsorg og mestring', 'Flyktning- og innvandrertjenesten'];
const UNKNOWN_NUMBER = '+4790012345';

let h: Harness;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let admin: Account;
let kari: Account;
let units: string[];
let volunteers: { id: string; name: string; phone: string }[];

interface SeedTask {
  unitId: string;
  type: TaskType;
  startsAt: DateTime;
  status: TaskStatus;
  summary: string;
  area: string;
  minutes: number;
  volunteerId?: string;
  fillMinutes?: number;
}

/** Task rows (and their assignments) as dispatch would have left them, in one batch. */
async function seedTasks(db: Db, tasks: SeedTask[]): Promise<string[]> {
  if (tasks.length === 0) return [];
  const rows = await db.insertInto('task').values(tasks.map((t) => {
    const startsAt = t.startsAt.toJSDate();
    const dispatchedAt = new Date(startsAt.getTime() - 3 * 24 * 3600_000);
    const assigned = t.status === 'assigned' || t.status === 'cancelled';
    return {
      type: t.type, starts_at: startsAt, duration_minutes: t.minutes, area: t.area, summary: t.summary,
      details: 'Navn og adresse gis bare til den som tar oppdraget.', status: t.status, unit_id: t.unitId,
      assigned_volunteer_id: t.status === 'assigned' ? t.volunteerId ?? null : null,
      dispatched_at: t.status === 'new' ? null : dispatchedAt,
      assigned_at: assigned ? new Date(dispatchedAt.getTime() + (t.fillMinutes ?? 30) * 60_000) : null,
      created_at: new Date(dispatchedAt.getTime() - 3600_000),
    };
  })).returning(['id', 'assigned_volunteer_id', 'assigned_at']).execute();
  const assignments = rows.filter((r) => r.assigned_volunteer_id && r.assigned_at)
    .map((r) => ({ task_id: r.id, volunteer_id: r.assigned_volunteer_id!, source: 'sms' as const, assigned_at: r.assigned_at! }));
  if (assignments.length > 0) await db.insertInto('assignment').values(assignments).execute();
  return rows.map((r) => r.id);
}

/** A believable history from January last year until yesterday: more tasks in winter, some unfilled, a few cancelled. */
function historyTasks(now: DateTime): SeedTask[] {
  const types: TaskType[][] = [['shopping', 'escort'], ['visit', 'visit', 'escort'], ['other', 'visit']];
  const summaries: Record<TaskType, string> = { shopping: 'Handle dagligvarer', escort: 'Følge til legetime', visit: 'Besøksvenn', walk: 'Gåtur', practical: 'Hjelp med nettbrettet', other: 'Følge til NAV-kontoret' };
  const out: SeedTask[] = [];
  for (let month = now.minus({ years: 1 }).startOf('year'); month < now.startOf('month').plus({ months: 1 }); month = month.plus({ months: 1 })) {
    units.forEach((unitId, u) => {
      const count = [6, 4, 3][u]! + Math.round(3 * Math.cos(((month.month - 1) / 12) * 2 * Math.PI)) + ((month.month * (u + 1)) % 3);
      for (let i = 0; i < count; i++) {
        const startsAt = month.set({ day: 2 + Math.floor((i * 26) / count), hour: 9 + ((i * 3 + u) % 7) });
        if (startsAt >= now.startOf('day')) continue;
        const roll = (month.month * 31 + u * 17 + i * 7) % 20;
        const type = types[u]![i % types[u]!.length]!;
        out.push({
          unitId, type, startsAt, summary: summaries[type], area: ['Lørenskog sentrum', 'Fjellhamar', 'Rasta', 'Skårer'][i % 4]!,
          status: roll === 0 ? 'cancelled' : roll <= 2 ? 'unfilled' : 'assigned',
          minutes: [60, 90, 120, 45][roll % 4]!, volunteerId: volunteers[(i + month.month + u) % volunteers.length]!.id, fillMinutes: 5 + ((roll * 13) % 90),
        });
      }
    });
  }
  return out;
}

/** Today and tomorrow in Oslo: who is out helping, one task nobody could take, one not yet sent out. */
function currentTasks(now: DateTime): SeedTask[] {
  const today = now.startOf('day');
  const tomorrow = today.plus({ days: 1 });
  const [centre, care, refugees] = units as [string, string, string];
  const v = (name: string) => volunteers.find((x) => x.name === name)!.id;
  return [
    { unitId: centre, type: 'shopping', startsAt: today.set({ hour: 11 }), status: 'assigned', summary: 'Handle dagligvarer på Rema 1000', area: 'Solheim', minutes: 60, volunteerId: v('Ingrid Hansen') },
    { unitId: care, type: 'visit', startsAt: today.set({ hour: 14, minute: 30 }), status: 'assigned', summary: 'Besøksvenn: kaffe og en tur i hagen', area: 'Fjellhamar', minutes: 90, volunteerId: v('Olav Berg') },
    { unitId: centre, type: 'escort', startsAt: tomorrow.set({ hour: 9, minute: 15 }), status: 'assigned', summary: 'Følge til legetime på legesenteret', area: 'Lørenskog sentrum', minutes: 120, volunteerId: v('Fatima Ali') },
    { unitId: refugees, type: 'other', startsAt: tomorrow.set({ hour: 13 }), status: 'assigned', summary: 'Følge til NAV-kontoret, hjelp med skjema', area: 'Lørenskog sentrum', minutes: 90, volunteerId: v('Ahmed Hassan') },
    { unitId: centre, type: 'escort', startsAt: tomorrow.set({ hour: 10 }), status: 'unfilled', summary: 'Følge til fysioterapi på Skårer', area: 'Skårer', minutes: 90 },
    { unitId: care, type: 'shopping', startsAt: now.plus({ hours: 4 }).startOf('hour'), status: 'new', summary: 'Hente medisiner på apoteket og handle', area: 'Rasta', minutes: 60 },
  ];
}

beforeAll(async () => {
  h = await startHarness();
  browser = await launchBrowser();
  admin = await createAccount(h, { email: 'anne@lorenskog.kommune.no', name: 'Anne Admin', role: 'admin' });
  kari = await createAccount(h, { email: 'kari@lorenskog.kommune.no', name: 'Kari Koordinator' });
  units = [];
  for (const name of UNIT_NAMES) units.push((await findOrCreateUnit(h.deps.db, name)).id);
  volunteers = [];
  for (const name of VOLUNTEER_NAMES) volunteers.push(await buildVolunteer(h.deps.db, { name }));
  const now = DateTime.fromJSDate(h.clock.now(), { zone: OSLO });
  await seedTasks(h.deps.db, [...historyTasks(now), ...currentTasks(now)]);

  // An unclear answer from a volunteer, and a text from a number nobody knows.
  expect((await h.sms(volunteers[0]!.phone, 'Kan jeg ta den på torsdag i stedet? Jeg er bortreist i morgen.')).status).toBe(200);
  expect((await h.sms(UNKNOWN_NUMBER, 'Hei, jeg vil gjerne bli frivillig. Hvem kan jeg snakke med?')).status).toBe(200);
  await eventually(async () => {
    const flagged = await h.deps.db.selectFrom('message').select('id').where('needs_attention', '=', true).execute();
    return flagged.length === 2;
  }, 15_000, 'both messages flagged for a coordinator');
});
afterAll(async () => {
  await browser?.close();
  await h?.close();
});
beforeEach(async () => {
  context = await browser.newContext({ viewport: { width: 1200, height: 900 }, locale: 'nb-NO', acceptDownloads: true });
  page = await context.newPage();
});
afterEach(async () => {
  await context.close();
});

// Generous: other test files share the machine, and creating an account hashes a password (argon2).
const UI_TIMEOUT_MS = 15_000;

async function expectText(p: Page, text: string): Promise<void> {
  await visible(p.getByText(text, { exact: false }));
}

async function visible(locator: Locator): Promise<void> {
  await locator.first().waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
}

async function auditActions(action: string): Promise<{ actor: string; subject_id: string | null }[]> {
  return h.deps.db.selectFrom('audit_event').select(['actor', 'subject_id']).where('action', '=', action).execute();
}

describe('I dag', () => {
  it('lists what needs a person now, and today’s and tomorrow’s assignments', async () => {
    await logIn(page, h, kari);
    await page.goto(`${h.baseUrl}/admin`);
    const unfilled = page.locator('section', { has: page.getByRole('heading', { name: 'Trenger en person nå' }) });
    expect(await unfilled.getByRole('link', { name: 'Følge til fysioterapi på Skårer' }).getAttribute('href')).toMatch(/^\/admin\/tasks\/\d+$/);
    await expectText(page, 'Hente medisiner på apoteket og handle'); // starts within 24 h, not sent out yet
    await expectText(page, 'Ingrid Hansen');
    await expectText(page, 'Kan jeg ta den på torsdag i stedet?');
    expect(await page.getByRole('link', { name: 'Åpne innboksen (2 meldinger)' }).getAttribute('href')).toBe('/admin/inbox');
    const today = page.locator('section', { has: page.getByRole('heading', { name: 'Oppdrag i dag' }) });
    await visible(today.getByText('Olav Berg'));
    const tomorrow = page.locator('section', { has: page.getByRole('heading', { name: 'Oppdrag i morgen' }) });
    await visible(tomorrow.getByText('Ahmed Hassan'));
    expect(await tomorrow.getByText('Olav Berg').count()).toBe(0);
    await screenshot(page, 'i-dag');
  });
});

describe('Innboks', () => {
  it('a reply goes out by SMS through the send queue, and Behandlet removes the message', async () => {
    await logIn(page, h, kari);
    await page.goto(`${h.baseUrl}/admin/inbox`);
    const ingrid = volunteers[0]!;
    const card = page.locator('li.card', { has: page.getByRole('heading', { name: new RegExp(ingrid.name) }) });
    await visible(card.getByText('Uklart svar'));
    await visible(page.locator('li.card', { hasText: 'Ukjent avsender' }).getByText('+47 900 12 345'));
    await screenshot(page, 'innboks');

    const reply = 'Hei Ingrid! Torsdag passer fint. Jeg ringer deg i ettermiddag. Hilsen Kari';
    await card.getByLabel(`Svar til ${ingrid.name}`).fill(reply);
    await card.getByRole('button', { name: 'Send svar' }).click();
    await expectText(page, 'Svaret er sendt.');
    const sent = await eventually(async () => h.fake.messagesTo(ingrid.phone).find((m) => m.body === reply), 10_000, 'the reply at the fake Twilio');
    expect(sent.to).toBe(ingrid.phone);
    const row = await h.deps.db.selectFrom('message').select(['kind', 'status']).where('direction', '=', 'outbound').where('body', '=', reply).executeTakeFirstOrThrow();
    expect(row.kind).toBe('coordinator_reply');
    await visible(card.getByText(`«${reply}»`));

    await card.getByRole('button', { name: 'Behandlet' }).click();
    await expectText(page, 'Meldingen er merket som behandlet.');
    expect(await page.locator('li.card', { hasText: 'Kan jeg ta den på torsdag' }).count()).toBe(0);
    expect(await page.locator('li.card', { hasText: 'Ukjent avsender' }).count()).toBe(1);
    expect(await auditActions('inbox_replied')).toEqual([expect.objectContaining({ actor: kari.email })]);
    expect(await auditActions('inbox_handled')).toEqual([expect.objectContaining({ actor: kari.email })]);
  });
});

describe('Rapporter', () => {
  it('shows an admin every unit’s figures as a table and a chart, and the CSV downloads', async () => {
    const lastYear = DateTime.fromJSDate(h.clock.now(), { zone: OSLO }).year - 1;
    await logIn(page, h, admin);
    await page.goto(`${h.baseUrl}/admin/reports?year=${lastYear}`);
    const months = page.locator('#report-months');
    await visible(months.getByRole('rowheader', { name: 'januar' }));
    await visible(months.getByRole('rowheader', { name: 'Hele året' }));
    await visible(months.getByRole('columnheader', { name: 'Median tid til besatt' }));
    await visible(page.getByRole('img', { name: `Oppdrag per måned ${lastYear}` }));
    await visible(page.locator('#report-units').getByRole('rowheader', { name: 'Helse, omsorg og mestring' }));
    await screenshot(page, 'rapporter');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Last ned CSV' }).click()]);
    expect(download.suggestedFilename()).toBe(`svarja-rapport-${lastYear}.csv`);
    const csv = readFileSync((await download.path())!, 'utf8');
    expect(csv.startsWith('\ufeffÅr;Måned;Enhet;Oppdrag;Besatt;Ikke besatt;Avlyst;Besettelsesgrad (%)')).toBe(true);
    expect(csv).toContain(`${lastYear};januar;Frivilligsentralen;`);
    expect(csv).toContain(`${lastYear};Hele året;Alle enheter;`);
    expect(await auditActions('report_exported')).toEqual([expect.objectContaining({ actor: admin.email, subject_id: String(lastYear) })]);
  });

  it('a coordinator sees their own unit only; another unit’s report is refused', async () => {
    await logIn(page, h, kari);
    await page.goto(`${h.baseUrl}/admin/reports`);
    await visible(page.getByRole('heading', { name: /Frivilligsentralen/ }));
    const choices = await page.getByLabel('Enhet', { exact: true }).locator('option').allTextContents();
    expect(choices).toEqual(['Frivilligsentralen']);
    const units = await h.deps.db.selectFrom('unit').select(['id', 'name']).execute();
    const other = units.find((u) => u.name === 'Flyktning- og innvandrertjenesten')!;
    const refused = await page.goto(`${h.baseUrl}/admin/reports?unit=${other.id}`);
    expect(refused?.status()).toBe(403);
    await visible(page.getByRole('heading', { name: 'Ingen tilgang' }));
  });

  it('filters to one unit (admins)', async () => {
    await logIn(page, h, admin);
    await page.goto(`${h.baseUrl}/admin/reports`);
    await page.getByLabel('Enhet', { exact: true }).selectOption({ label: 'Flyktning- og innvandrertjenesten' });
    await page.getByRole('button', { name: 'Vis' }).click();
    await visible(page.getByRole('heading', { name: /Flyktning- og innvandrertjenesten/ }));
    expect(await page.locator('#report-units').count()).toBe(0);
  });
});

describe('Logg', () => {
  it('shows login events, newest first, and filters by action', async () => {
    await logIn(page, h, kari);
    await page.goto(`${h.baseUrl}/admin/audit`);
    // Each event is a sentence with the coordinator's name, not their e-mail or an action code.
    const loginRow = page.getByRole('row', { name: /Kari Koordinator logget inn/ }).first();
    await visible(loginRow);
    await screenshot(page, 'logg');
    await page.getByLabel('Hendelse').selectOption('login');
    await page.getByRole('button', { name: 'Vis' }).click();
    await page.waitForURL(/action=login/);
    await visible(page.getByRole('row', { name: /Kari Koordinator logget inn/ }));
    expect(await page.getByRole('cell', { name: /logget ut/ }).count()).toBe(0);
  });

  it('pages backwards with "Eldre", fifty events at a time', async () => {
    const ola = volunteers[1]!;
    for (let i = 0; i < 55; i++) {
      await insertAuditEvent(h.deps.db, { kind: 'anonymous', label: 'system' }, { action: 'volunteer_updated', subjectType: 'volunteer', subjectId: ola.id, detail: { changed: i === 54 ? ['notes', 'areas'] : ['notes'] } }, new Date(h.clock.now().getTime() + i * 1000));
    }
    // Events of no unit (made by no coordinator, about no task) are the admins'.
    await logIn(page, h, admin);
    await page.goto(`${h.baseUrl}/admin/audit?action=volunteer_updated`);
    const rows = page.locator('tbody tr');
    expect(await rows.count()).toBe(50);
    await visible(rows.first().getByText(`Svarja endret ${ola.name} (notater og områder)`));
    expect(await rows.first().getByRole('link', { name: ola.name }).getAttribute('href')).toBe(`/admin/volunteers/${ola.id}`);
    await page.getByRole('link', { name: 'Eldre' }).click();
    await page.waitForURL(/before=\d+/);
    expect(await rows.count()).toBe(5);
    await visible(rows.last().getByText(`Svarja endret ${ola.name} (notater)`));
    expect(await page.getByRole('link', { name: 'Eldre' }).count()).toBe(0);
    await visible(page.getByRole('link', { name: 'Nyeste' }));
  });
});

describe('Administrasjon', () => {
  it('is refused to a coordinator who is not an admin, page and forms alike', async () => {
    await logIn(page, h, kari);
    const response = await page.goto(`${h.baseUrl}/admin/settings`);
    expect(response!.status()).toBe(403);
    await expectText(page, 'Administrasjon er bare for administratorer.');
    expect(await page.getByRole('navigation', { name: 'Hovedmeny' }).getByRole('link', { name: 'Administrasjon' }).count()).toBe(0);
    const token = await page.locator('input[name=_csrf]').first().inputValue();
    const status = await page.evaluate(async (csrf) => {
      const r = await fetch('/admin/settings/units', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ name: 'Snikenhet', _csrf: csrf }).toString() });
      return r.status;
    }, token);
    expect(status).toBe(403);
    expect(await h.deps.db.selectFrom('unit').select('id').where('name', '=', 'Snikenhet').execute()).toHaveLength(0);
  });

  it('an admin creates a unit and a coordinator, who can then log in until deactivated', async () => {
    await logIn(page, h, admin);
    await page.goto(`${h.baseUrl}/admin/settings`);
    await page.getByLabel('Navn på enheten').fill('Lørenskog bibliotek');
    await page.getByRole('button', { name: 'Legg til enhet' }).click();
    await expectText(page, 'Enheten er lagt til.');
    await page.getByLabel('Nytt navn for Lørenskog bibliotek').fill('Biblioteket');
    await page.getByRole('button', { name: 'Gi nytt navn til Lørenskog bibliotek' }).click();
    await expectText(page, 'Enheten har fått nytt navn.');

    await page.getByLabel('E-post', { exact: true }).fill(kari.email); // taken
    await page.getByLabel('Navn', { exact: true }).fill('Aisha Rahman');
    await page.getByLabel('Rolle', { exact: true }).selectOption('coordinator');
    await page.getByLabel('Enhet', { exact: true }).selectOption({ label: 'Biblioteket' });
    await page.getByLabel('Første passord').fill('biblioteket-2026');
    await page.getByRole('button', { name: 'Opprett koordinator' }).click();
    await expectText(page, 'Kontoen ble ikke opprettet:');
    expect(await page.getByLabel('E-post', { exact: true }).getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByLabel('Navn', { exact: true }).inputValue()).toBe('Aisha Rahman');
    await page.getByLabel('E-post', { exact: true }).fill('aisha@lorenskog.kommune.no');
    await page.getByLabel('Første passord').fill('biblioteket-2026');
    await page.getByRole('button', { name: 'Opprett koordinator' }).click();
    await expectText(page, 'Kontoen til Aisha Rahman er opprettet.');
    await screenshot(page, 'administrasjon');

    const aishaContext = await browser.newContext();
    const aishaPage = await aishaContext.newPage();
    await logIn(aishaPage, h, { email: 'aisha@lorenskog.kommune.no', password: 'biblioteket-2026' });
    await visible(aishaPage.getByRole('heading', { name: /I dag/ }));

    const row = page.locator('tr', { hasText: 'aisha@lorenskog.kommune.no' });
    await row.getByRole('button', { name: 'Deaktiver' }).click();
    await expectText(page, 'Kontoen er deaktivert.');
    await aishaPage.goto(`${h.baseUrl}/admin`);
    expect(new URL(aishaPage.url()).pathname).toBe('/login');
    await aishaContext.close();

    const actions = await h.deps.db.selectFrom('audit_event').select('action').where('actor', '=', admin.email).execute();
    expect(actions.map((a) => a.action)).toEqual(expect.arrayContaining(['unit_created', 'unit_renamed', 'coordinator_created', 'coordinator_deactivated']));
  });
});
