import { sql } from 'kysely';
import { ANALYZE_AFTER_IMPORTED, importVolunteers } from '../../src/services/import-volunteers';
import { registerVolunteer } from '../../src/services/register-volunteer';
import { startHarness, type Harness } from '../support/harness';
import { logInWithFetch, type WebLogin } from '../support/web-login';

/** An exported file, edited in Excel and imported back, updates exactly what was edited. */
let h: Harness;
let web: WebLogin;

beforeAll(async () => {
  h = await startHarness({ workers: false });
  web = await logInWithFetch(h, { email: 'import@example.no', role: 'coordinator' });
  for (const [name, phone, areas] of [['Kari Nordmann', '41234567', ['Fjellhamar']], ['Ola Olsen', '91234567', []], ['Per Persen', '41299990', ['Rasta']]] as const) {
    const r = await registerVolunteer(h.deps.ctx, { name, phone, areas: [...areas], notes: `Notat om ${name}`, policeCertificateOn: '2025-02-01', availability: [{ weekday: 1, from: '09:00', to: '15:00' }] });
    if (!r.ok) throw new Error(r.message);
  }
  // A one-off absence is not in the file: an import must leave it alone.
  await h.deps.db.updateTable('volunteer').set({ absences: JSON.stringify([{ from: '2027-01-01', to: '2027-01-05' }]) }).where('name', '=', 'Ola Olsen').execute();
});
afterAll(async () => {
  await h.close();
});

async function exportCsv(): Promise<string> {
  const res = await fetch(`${h.baseUrl}/admin/volunteers/export.csv`, { headers: { cookie: web.cookie } });
  expect(res.status).toBe(200);
  return res.text();
}

async function preview(csv: string): Promise<string> {
  const form = new FormData();
  form.set('_csrf', web.csrf);
  form.set('file', new Blob([csv], { type: 'text/csv' }), 'frivillige.csv');
  const res = await fetch(`${h.baseUrl}/admin/volunteers/import`, { method: 'POST', headers: { cookie: web.cookie }, body: form });
  expect(res.status).toBe(200);
  return res.text();
}

function postConfirm(login: WebLogin, upload: string): Promise<Response> {
  return fetch(`${h.baseUrl}/admin/volunteers/import/confirm`, {
    method: 'POST', redirect: 'manual', headers: { cookie: login.cookie, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ _csrf: login.csrf, upload }).toString(),
  });
}

async function snapshot() {
  return h.deps.db.selectFrom('volunteer').selectAll().orderBy('id').execute();
}

it('an unedited export changes nobody', async () => {
  const page = await preview(await exportCsv());
  expect(page).toContain('Ingenting nytt å lagre.');
  expect(page).toContain('3 rader er som lagret');
  expect(page).not.toContain('id="changed-rows"');
  expect(page).not.toContain('id="bad-rows"');
});

it('export → edit one field → the preview shows exactly that change → import updates that volunteer and nobody else', async () => {
  const before = await snapshot();
  const csv = (await exportCsv()).replace('Ola Olsen;+4791234567;nb;;', 'Ola Olsen;+4791234567;nb;Lørenskog sentrum;');
  const page = await preview(csv);
  expect(page).toContain('Kan lagres: oppdater 1 frivillig.');
  const changed = /<table id="changed-rows">[\s\S]*?<\/table>/.exec(page)?.[0] ?? '';
  const items = [...changed.matchAll(/<li>([\s\S]*?)<\/li>/g)].map((m) => m[1]!.replace(/<[^>]+>/g, ''));
  expect(items).toEqual(['Områder: (tomt) → «Lørenskog sentrum»']);
  expect(changed).toContain('>Ola Olsen</a>');

  expect(page).not.toContain('Lørenskog sentrum;'); // the file stays on the server: the page names it
  const upload = /name="upload" value="([^"]+)"/.exec(page)?.[1];
  expect(upload).toMatch(/^[\w-]{32}$/);
  const confirm = await postConfirm(web, upload!);
  expect(confirm.status).toBe(303);
  const after = await snapshot();
  expect(after).toHaveLength(before.length);
  for (const [i, row] of after.entries()) {
    const old = before[i]!;
    if (row.name !== 'Ola Olsen') {
      expect(row).toEqual(old);
      continue;
    }
    const { areas, updated_at: _u, ...rest } = row;
    const { areas: oldAreas, updated_at: _o, ...oldRest } = old;
    expect(oldAreas).toEqual([]);
    expect(areas).toEqual(['Lørenskog sentrum']);
    expect(rest).toEqual(oldRest); // absences, notes, papers, availability: untouched
  }
  const audit = await h.deps.db.selectFrom('audit_event').select(['action', 'detail']).where('action', 'in', ['volunteers_imported', 'volunteer_updated']).orderBy('id').execute();
  expect(audit).toEqual([
    { action: 'volunteer_updated', detail: { changed: ['Områder'], via: 'import' } },
    { action: 'volunteers_imported', detail: { imported: 0, updated: 1, unchanged: 2, skipped: 0 } },
  ]);
});

it('a corrected name is a change; a number on a row naming somebody else names who has it', async () => {
  const csv = '\uFEFFNavn;Telefon\r\nKari Nordman;41234567\r\nTrude Annen;+47 412 99 990\r\n';
  const page = await preview(csv);
  // Only the name: the file has no other columns, so notes, papers and areas stay as they are.
  const changed = /<table id="changed-rows">[\s\S]*?<\/table>/.exec(page)?.[0] ?? '';
  expect([...changed.matchAll(/<li>([\s\S]*?)<\/li>/g)].map((m) => m[1]!.replace(/<[^>]+>/g, ''))).toEqual(['Navn: «Kari Nordmann» → «Kari Nordman»']);
  const bad = /<table id="bad-rows">[\s\S]*?<\/table>/.exec(page)?.[0] ?? '';
  expect(bad).toContain('nummeret tilhører <a href="/admin/volunteers/');
  expect(bad).toContain('>Per Persen</a>');
});

it('an upload imports once, and only for the coordinator who uploaded it', async () => {
  const csv = '\uFEFFNavn;Telefon\r\nNina Ny;+47 412 55 555\r\n';
  const upload = /name="upload" value="([^"]+)"/.exec(await preview(csv))?.[1];
  expect(upload).toBeDefined();
  const other = await logInWithFetch(h, { email: 'other-import@example.no', role: 'coordinator' });
  const stolen = await postConfirm(other, upload!);
  expect(stolen.status).toBe(400);
  expect(await stolen.text()).toContain('Filen er ikke lagret lenger');

  const first = await postConfirm(web, upload!);
  const second = await postConfirm(web, upload!); // a double click, or the back button
  expect(first.status).toBe(303);
  expect(second.status).toBe(400);
  expect(await second.text()).toContain('Velg filen på nytt');
  expect(await h.deps.db.selectFrom('volunteer').select('id').where('name', '=', 'Nina Ny').execute()).toHaveLength(1);
  expect(await h.deps.db.selectFrom('csv_upload').select('id').where('id', '=', upload!).execute()).toEqual([]);
});

it('a large import refreshes the planner statistics of the volunteer table at once; a small one leaves that to autovacuum', async () => {
  const lastAnalyze = async () => (await sql<{ at: Date | null }>`SELECT last_analyze AS at FROM pg_stat_user_tables WHERE relname = 'volunteer'`.execute(h.deps.db)).rows[0]!.at;
  const csv = (from: number, count: number) => ['Navn;Telefon', ...Array.from({ length: count }, (_, i) => `Frivillig ${from + i};4${String(6_000_000 + from + i).padStart(7, '0')}`)].join('\n');

  expect(await importVolunteers(h.deps.ctx, { kind: 'service' }, { csvText: csv(0, 3) })).toMatchObject({ ok: true, imported: 3 });
  expect(await lastAnalyze()).toBeNull();

  expect(await importVolunteers(h.deps.ctx, { kind: 'service' }, { csvText: csv(3, ANALYZE_AFTER_IMPORTED) })).toMatchObject({ ok: true, imported: ANALYZE_AFTER_IMPORTED });
  expect(await lastAnalyze()).not.toBeNull();
});
