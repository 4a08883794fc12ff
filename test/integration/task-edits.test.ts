import { editTask } from '../../src/services/edit-task';
import { coordinatorActor } from '../../src/services/authenticate-coordinator';
import { findCoordinator } from '../../src/db/coordinator.repo';
import { fillTask } from '../../src/services/fill-task';
import { handleInboundSms } from '../../src/services/handle-inbound-sms';
import { recordInboundSms } from '../../src/services/record-inbound-sms';
import { eventually, newMessageSid, SERVICE_NUMBER, startHarness, type Harness } from '../support/harness';
import { createTask, dispatch, DEFAULT_START, getTask, outboundMessages, waitForOpenOffers, waitForQuiet } from '../support/flows';
import { uniqueMobile } from '../support/factories';
import { logInWithFetch, type WebLogin } from '../support/web-login';

/**
 * Editing a task, «Fjern tildeling», «Bytt frivillig» and «Tildel» of someone unfit, end to end:
 * the admin forms over HTTP, volunteers' answers as signed Twilio webhooks, SMS through the real
 * twilio client to the fake Twilio. Each test works in its own area, so only its own volunteers fit.
 */
let h: Harness;
let web: WebLogin;
let area = 0;

beforeAll(async () => {
  h = await startHarness();
  web = await logInWithFetch(h, { email: 'redigerer@example.no', role: 'coordinator' });
});
afterAll(async () => {
  await h.close();
});

/** A fresh area name: volunteers of other tests do not cover it. */
function newArea(): string {
  area += 1;
  return `Testgrenda ${area}`;
}

async function volunteer(name: string, where: string, extra: Record<string, unknown> = {}): Promise<{ id: string; phone: string; name: string }> {
  const res = await h.api('POST', '/api/volunteers', { name, phone: uniqueMobile(), areas: [where], ...extra });
  if (res.status !== 201) throw new Error(`volunteer not created: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

async function unitId(): Promise<string> {
  const me = await h.deps.db.selectFrom('coordinator').select('unit_id').where('email', '=', 'redigerer@example.no').executeTakeFirstOrThrow();
  return me.unit_id!;
}

async function task(where: string, overrides: Record<string, unknown> = {}): Promise<string> {
  return (await createTask(h, { area: where, unitId: await unitId(), ...overrides })).id;
}

/** The edit form's fields for a task, changed by `change` (values as a browser posts them). */
async function editForm(taskId: string, change: Record<string, string>): Promise<Record<string, string>> {
  const page = await fetch(`${h.baseUrl}/admin/tasks/${taskId}/edit`, { headers: { cookie: web.cookie } });
  expect(page.status).toBe(200);
  const html = await page.text();
  const fields: Record<string, string> = {};
  for (const m of html.matchAll(/<input id="f-(\w+)" name="\w+" type="(\w|-)+" value="([^"]*)"/g)) fields[m[1]!] = decode(m[3]!);
  for (const m of html.matchAll(/<textarea id="f-(\w+)" name="\w+"[^>]*>([^<]*)<\/textarea>/g)) fields[m[1]!] = decode(m[2]!);
  for (const m of html.matchAll(/<select id="f-(\w+)"[\s\S]*?<option value="([^"]*)" selected>/g)) fields[m[1]!] = m[2]!;
  for (const m of html.matchAll(/<input type="checkbox" id="f-(\w+)" name="\w+" value="on" checked>/g)) fields[m[1]!] = 'on';
  fields.editVersion = /name="editVersion" value="(\d+)"/.exec(html)![1]!;
  return { ...fields, ...change };
}

function decode(s: string): string {
  return s.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

async function post(path: string, form: Record<string, string>): Promise<{ status: number; location: string | null; text: string }> {
  const res = await fetch(h.baseUrl + path, {
    method: 'POST', redirect: 'manual',
    headers: { cookie: web.cookie, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ ...form, _csrf: web.csrf }).toString(),
  });
  return { status: res.status, location: res.headers.get('location'), text: await res.text() };
}

async function flash(): Promise<string> {
  const page = await (await fetch(`${h.baseUrl}/admin/tasks`, { headers: { cookie: web.cookie } })).text();
  return /class="flash[^"]*"[^>]*>([^<]*)</.exec(page)?.[1] ?? '';
}

async function auditOf(taskId: string) {
  return h.deps.db.selectFrom('audit_event').select(['action', 'detail']).where('subject_type', '=', 'task').where('subject_id', '=', taskId).orderBy('id').execute();
}

async function sentTo(phone: string, kind?: string) {
  await waitForQuiet(h);
  return (await outboundMessages(h, { to: phone, kind })).filter((m) => m.status !== 'cancelled');
}

/** A volunteer answers JA by SMS (a signed Twilio webhook); waits until the task is theirs. */
async function answerYes(taskId: string, phone: string): Promise<void> {
  expect((await h.sms(phone, 'JA')).status).toBe(200);
  await eventually(async () => (await getTask(h, taskId)).status === 'assigned', 20_000, 'the task to be assigned');
}

const FRIDAY_12 = DEFAULT_START.plus({ days: 1 }).set({ hour: 12 });

describe('editing a task', () => {
  it('tells those with a live offer the new time and place by SMS, nobody else, and logs what changed', async () => {
    const where = newArea();
    const north = `${where} nord`;
    const [ola, kari] = [await volunteer('Ola Offer', where, { areas: [where, north] }), await volunteer('Kari Offer', where, { areas: [where, north] })];
    const bystander = await volunteer('Per Utenfor', where, { areas: [where, north] }); // fits, but was not asked (wave of 2)
    const id = await task(where, { waveSize: 2 });
    await dispatch(h, id);
    const offered = (await waitForOpenOffers(h, id, 2)).map((o) => o.volunteer.id);
    const [asked, notAsked] = [[ola, kari, bystander].filter((v) => offered.includes(v.id)), [ola, kari, bystander].filter((v) => !offered.includes(v.id))];

    const moved = await post(`/admin/tasks/${id}/edit`, await editForm(id, { date: FRIDAY_12.toISODate()!, time: '12:00', area: north, summary: 'Følge til legen, ny time.' }));
    expect(moved).toMatchObject({ status: 303, location: `/admin/tasks/${id}` });
    for (const v of asked) expect((await sentTo(v.phone)).map((m) => m.kind)).toEqual(['offer', 'offer_changed']);
    expect(await sentTo(notAsked[0]!.phone)).toEqual([]);
    const [notice] = await sentTo(asked[0]!.phone, 'offer_changed');
    expect(notice!.body).toMatch(new RegExp(`^Endring i tilbudet \\(følge tor\\. .* kl\\. 10:00\\): nå fre\\. .* kl\\. 12:00 \\(1 t 30 min\\), ${north}\\. Svar JA eller NEI som før\\.$`));
    const audit = (await auditOf(id)).at(-1)!;
    expect(audit.action).toBe('task_edited');
    expect(audit.detail).toMatchObject({ changed: ['startsAt', 'area', 'summary'], area: { from: where, to: north }, told: 2, withdrawn: 0 });
  });

  it('a new time reaches the volunteers whose offer stands, in their language and without the details', async () => {
    const where = newArea();
    const ola = await volunteer('Ola Norsk', where);
    const john = await volunteer('John English', where, { language: 'en' });
    const id = await task(where, { waveSize: 2 });
    await dispatch(h, id);
    await waitForOpenOffers(h, id, 2);
    expect(await post(`/admin/tasks/${id}/edit`, await editForm(id, { date: FRIDAY_12.toISODate()!, time: '12:00' }))).toMatchObject({ status: 303 });
    expect(await flash()).toContain('2 frivillige fikk SMS om ny tid eller nytt sted');

    const [nb] = await sentTo(ola.phone, 'offer_changed');
    const [en] = await sentTo(john.phone, 'offer_changed');
    expect(nb!.body).toContain('fre. ');
    expect(nb!.body).toContain('kl. 12:00');
    expect(nb!.body).toContain('Svar JA eller NEI');
    expect(en!.body).toMatch(/^Change to the offer .* now Fri .* at 12:00/);
    for (const m of [nb!, en!]) expect(m.body).not.toContain('Per Olsen');
    // Through the real twilio client to the (fake) provider, once each.
    expect(h.fake.messagesTo(ola.phone).filter((m) => m.body === nb!.body)).toHaveLength(1);
    // The offers stand: either can still answer JA.
    expect((await getTask(h, id)).offers.map((o) => o.status)).toEqual(['open', 'open']);
  });

  it('a change to the summary or details alone sends nothing', async () => {
    const where = newArea();
    const ola = await volunteer('Ola Stille', where);
    const id = await task(where, { waveSize: 1 });
    await dispatch(h, id);
    await waitForOpenOffers(h, id, 1);
    expect(await post(`/admin/tasks/${id}/edit`, await editForm(id, { summary: 'Ny tekst.', details: 'Per Olsen, Kirkeveien 14.' }))).toMatchObject({ status: 303 });
    expect((await sentTo(ola.phone)).map((m) => m.kind)).toEqual(['offer']);
    expect((await auditOf(id)).at(-1)!.detail).toMatchObject({ changed: ['summary', 'details'], told: 0 });
    expect(await flash()).toContain('Endringene er lagret (kort beskrivelse, detaljer).');
  });

  it('an offer SMS not sent yet is rewritten with the new time instead of followed by a notice', async () => {
    await h.stopWorkers();
    try {
      const where = newArea();
      const ola = await volunteer('Ola Venter', where);
      const id = await task(where, { waveSize: 1 });
      await dispatch(h, id);
      await fillTask(h.deps.ctx, id); // the offer row and its queued SMS, not sent: no worker runs
      const actor = coordinatorActor((await findCoordinator(h.deps.db, (await h.deps.db.selectFrom('coordinator').select('id').where('email', '=', 'redigerer@example.no').executeTakeFirstOrThrow()).id))!);
      const current = await getTask(h, id);
      const r = await editTask(h.deps.ctx, actor, {
        taskId: id, expectedVersion: 0,
        edit: { type: 'escort', startsAt: FRIDAY_12.toJSDate(), durationMinutes: current.durationMinutes, area: where, summary: current.summary, details: current.details, requirements: [], personRef: null, fillBy: null, waveSize: 1, offerTimeoutMinutes: 30 },
      });
      expect(r).toMatchObject({ ok: true, outcome: { told: 0, withdrawn: 0 } });
      const queued = await outboundMessages(h, { to: ola.phone });
      expect(queued.map((m) => [m.kind, m.status])).toEqual([['offer', 'queued']]);
      expect(queued[0]!.body).toContain('kl. 12:00');
    } finally {
      await h.startWorkers();
    }
  });

  it('asks before an edit that makes the assigned volunteer unfit, saves nothing until answered, then keeps them and tells them', async () => {
    const where = newArea();
    // Kari only helps on Thursdays; the task moves to a Friday.
    const kari = await volunteer('Kari Torsdag', where, { availability: [{ weekday: 4, from: '08:00', to: '16:00' }] });
    const id = await task(where, { waveSize: 1 });
    await dispatch(h, id);
    await waitForOpenOffers(h, id, 1);
    await answerYes(id, kari.phone);
    const before = await getTask(h, id);

    const form = await editForm(id, { date: FRIDAY_12.toISODate()!, time: '12:00' });
    const asked = await post(`/admin/tasks/${id}/edit`, form);
    expect(asked.status).toBe(409);
    expect(asked.text).toContain('Med endringen passer Kari Torsdag ikke lenger: ikke tilgjengelig fredager. Ingenting er lagret ennå.');
    expect((await getTask(h, id)).startsAt).toBe(before.startsAt);
    expect((await sentTo(kari.phone)).map((m) => m.kind)).toEqual(['offer', 'assigned']);

    const kept = await post(`/admin/tasks/${id}/edit`, { ...form, decisionFor: kari.id, decision: 'keep' });
    expect(kept.status).toBe(303);
    const after = await getTask(h, id);
    expect(after).toMatchObject({ status: 'assigned', assignedVolunteerId: kari.id });
    expect(new Date(after.startsAt).getTime()).toBe(FRIDAY_12.toMillis());
    const [notice] = await sentTo(kari.phone, 'task_changed');
    expect(notice!.body).toContain('Endring i oppdraget ditt');
    expect(notice!.body).toContain('Send AVBRYT');
    expect((await auditOf(id)).at(-1)!.detail).toMatchObject({ assignedUnfit: { volunteerId: kari.id, reasons: ['ikke tilgjengelig fredager'], decision: 'keep' } });
    const page = await (await fetch(`${h.baseUrl}/admin/tasks/${id}`, { headers: { cookie: web.cookie } })).text();
    expect(page).toContain('endret oppdraget: tid (');
    expect(page).toContain('passet ikke lenger (ikke tilgjengelig fredager) og ble beholdt');
  });

  it('on «take off and send out again» the volunteer is told and others are asked, never them again', async () => {
    const where = newArea();
    const kari = await volunteer('Kari Følger', where, { taskTypes: ['escort'] });
    const id = await task(where, { waveSize: 1 });
    await dispatch(h, id);
    await waitForOpenOffers(h, id, 1);
    await answerYes(id, kari.phone);
    const per = await volunteer('Per Handler', where, { taskTypes: ['escort', 'shopping'] });
    // Now a shopping task: Kari does not do shopping.
    const form = await editForm(id, { type: 'shopping' });
    const asked = await post(`/admin/tasks/${id}/edit`, form);
    expect(asked.text).toContain('Med endringen passer Kari Følger ikke lenger: gjør ikke handlehjelp.');
    expect(await post(`/admin/tasks/${id}/edit`, { ...form, decisionFor: kari.id, decision: 'unassign_resend' })).toMatchObject({ status: 303 });
    expect(await flash()).toContain('Kari Følger er tatt av oppdraget og får SMS om det.');
    const offers = await waitForOpenOffers(h, id, 1);
    expect(offers.map((o) => o.volunteer.id)).toEqual([per.id]);
    expect((await sentTo(kari.phone)).map((m) => m.kind)).toEqual(['offer', 'assigned', 'unassigned']);
    expect((await auditOf(id)).at(-1)!.detail).toMatchObject({ changed: ['type'], assignedUnfit: { decision: 'unassign_resend' } });
    // Taken off, Kari is never asked about it again, even with nobody else left.
    await h.sms(per.phone, 'NEI');
    await eventually(async () => (await getTask(h, id)).status === 'unfilled', 20_000, 'the task to be unfilled');
    expect((await sentTo(kari.phone)).map((m) => m.kind)).toEqual(['offer', 'assigned', 'unassigned']);
  });

  it('withdraws the live offer of a volunteer the edit makes unfit and asks someone who fits', async () => {
    const where = newArea();
    const noPapers = await volunteer('Ola Uten Attest', where);
    const id = await task(where, { waveSize: 1 });
    await dispatch(h, id);
    await waitForOpenOffers(h, id, 1);
    const withPapers = await volunteer('Kari Med Attest', where, { policeCertificateOn: DEFAULT_START.minus({ years: 1 }).toISODate() });
    expect(await post(`/admin/tasks/${id}/edit`, await editForm(id, { reqPoliceCertificate: 'on' }))).toMatchObject({ status: 303 });
    expect((await sentTo(noPapers.phone)).map((m) => m.kind)).toEqual(['offer', 'offer_withdrawn']);
    const task1 = await getTask(h, id);
    expect(task1.offers.find((o) => o.volunteer.id === noPapers.id)).toMatchObject({ status: 'withdrawn', closeReason: 'task_changed' });
    const open = await waitForOpenOffers(h, id, 1);
    expect(open.map((o) => o.volunteer.id)).toEqual([withPapers.id]);
    const page = await (await fetch(`${h.baseUrl}/admin/tasks/${id}`, { headers: { cookie: web.cookie } })).text();
    expect(page).toContain('Tilbudet til Ola Uten Attest ble trukket tilbake (oppdraget ble endret, og den frivillige passer ikke lenger)');
  });

  it('refuses a form opened before someone else’s edit, keeping what both typed visible, and overwrites nothing', async () => {
    const where = newArea();
    const id = await task(where);
    const mine = await editForm(id, { summary: 'Min tekst.' });
    const theirs = await editForm(id, { summary: 'Deres tekst.' });
    expect(await post(`/admin/tasks/${id}/edit`, theirs)).toMatchObject({ status: 303 });
    const stale = await post(`/admin/tasks/${id}/edit`, mine);
    expect(stale.status).toBe(409);
    expect(stale.text).toContain('Noen andre har endret oppdraget mens du hadde skjemaet åpent');
    expect(stale.text).toContain('Min tekst.');
    expect((await getTask(h, id)).summary).toBe('Deres tekst.');
  });

  it('an edit and a simultaneous JA: both take effect, whichever runs first', async () => {
    const where = newArea();
    const actorRow = await h.deps.db.selectFrom('coordinator').select('id').where('email', '=', 'redigerer@example.no').executeTakeFirstOrThrow();
    const actor = coordinatorActor((await findCoordinator(h.deps.db, actorRow.id))!);
    for (let round = 0; round < 3; round++) {
      const ola = await volunteer(`Ola Samtidig ${round}`, where);
      const id = await task(where, { waveSize: 1 });
      await dispatch(h, id);
      await waitForOpenOffers(h, id, 1);
      const current = await getTask(h, id);
      const newStart = FRIDAY_12.plus({ minutes: round }).toJSDate();
      // Workers off: the JA and the edit run here, really at the same moment.
      await h.stopWorkers();
      const ja = await recordInboundSms(h.deps.ctx, { messageSid: newMessageSid(), from: ola.phone, to: SERVICE_NUMBER, body: 'JA' });
      const [edit, reply] = await Promise.all([
        editTask(h.deps.ctx, actor, {
          taskId: id, expectedVersion: 0,
          edit: { type: 'escort', startsAt: newStart, durationMinutes: current.durationMinutes, area: where, summary: current.summary, details: current.details, requirements: [], personRef: null, fillBy: null, waveSize: 1, offerTimeoutMinutes: 30 },
        }),
        handleInboundSms(h.deps.ctx, ja.messageId!),
      ]);
      await h.startWorkers();
      expect(edit.ok).toBe(true);
      expect(reply).toBe('accept');
      const after = await getTask(h, id);
      expect(new Date(after.startsAt).getTime()).toBe(newStart.getTime());
      expect(after).toMatchObject({ status: 'assigned', assignedVolunteerId: ola.id });
      // Ola knows the new time either way: the details SMS was written after the edit, or a change notice followed it.
      const kinds = (await sentTo(ola.phone)).map((m) => m.kind);
      const assigned = (await sentTo(ola.phone, 'assigned'))[0]!;
      expect(kinds.includes('task_changed') || assigned.body.includes(`kl. 12:0${round}`)).toBe(true);
      expect(await h.deps.db.selectFrom('assignment').select('id').where('task_id', '=', id).execute()).toHaveLength(1);
      await h.deps.db.updateTable('volunteer').set({ areas: ['brukt'] }).where('id', '=', ola.id).execute();
    }
  });
});

describe('PATCH /api/tasks/:id', () => {
  it('changes only what is sent, asks with 409 when the assigned volunteer would no longer fit, and applies the answer', async () => {
    const where = newArea();
    const tove = await volunteer('Tove Api', where, { availability: [{ weekday: 4, from: '08:00', to: '16:00' }] });
    const id = await task(where);
    expect(await post(`/admin/tasks/${id}/assign`, { volunteerId: tove.id })).toMatchObject({ status: 303 });
    expect((await h.api('PATCH', `/api/tasks/${id}`, { durationMinutes: 0 })).status).toBe(400);
    expect((await h.api('PATCH', `/api/tasks/${id}`, { unitId: '1' })).status).toBe(400);

    const asked = await h.api('PATCH', `/api/tasks/${id}`, { startsAt: FRIDAY_12.toISO() });
    expect(asked).toMatchObject({ status: 409, body: { error: 'confirm_unfit', volunteer: { id: tove.id, name: 'Tove Api' }, reasons: ['ikke tilgjengelig fredager'] } });
    expect((await getTask(h, id)).editVersion).toBe(0);

    const kept = await h.api('PATCH', `/api/tasks/${id}`, { startsAt: FRIDAY_12.toISO(), editVersion: 0, assignedVolunteer: { id: tove.id, decision: 'keep' } });
    expect(kept).toMatchObject({ status: 200, body: { changed: ['startsAt'], told: 1, unassigned: false, task: { editVersion: 1, assignedVolunteerId: tove.id, area: where } } });
    expect((await sentTo(tove.phone)).map((m) => m.kind)).toEqual(['assigned', 'task_changed']);
    expect(await h.api('PATCH', `/api/tasks/${id}`, { summary: 'Gammel versjon.', editVersion: 0 })).toMatchObject({ status: 409, body: { error: 'stale', editVersion: 1 } });
  });
});

describe('taking a volunteer off, and changing who has the task', () => {
  it('«Fjern tildeling» tells the volunteer; the task waits, is audit-logged and on the timeline', async () => {
    const where = newArea();
    const kari = await volunteer('Kari Fjernes', where);
    const id = await task(where);
    expect(await post(`/admin/tasks/${id}/assign`, { volunteerId: kari.id })).toMatchObject({ status: 303 });
    expect(await post(`/admin/tasks/${id}/unassign`, { resend: 'no' })).toMatchObject({ status: 303 });
    expect(await flash()).toContain('Kari Fjernes er tatt av oppdraget');
    expect(await getTask(h, id)).toMatchObject({ status: 'new', assignedVolunteerId: null });
    const [sms] = await sentTo(kari.phone, 'unassigned');
    expect(sms!.body).toMatch(/^Koordinatoren har tatt deg av oppdraget \(følge .*\)\. Du trenger ikke møte opp\./);
    expect(await h.deps.db.selectFrom('assignment').select(['status', 'cancelled_by']).where('task_id', '=', id).execute()).toEqual([{ status: 'cancelled', cancelled_by: 'coordinator' }]);
    expect((await auditOf(id)).map((a) => a.action)).toEqual(['task_created', 'task_assigned_manually', 'task_unassigned']);
    const page = await (await fetch(`${h.baseUrl}/admin/tasks/${id}`, { headers: { cookie: web.cookie } })).text();
    expect(page).toContain('tok den frivillige av oppdraget; oppdraget venter');
    expect(page).toContain('Beskjed til Kari Fjernes om at de er tatt av oppdraget');
    // A second click finds nobody to take off.
    await post(`/admin/tasks/${id}/unassign`, { resend: 'no' });
    expect(await flash()).toBe('Oppdraget har ingen frivillig å ta av.');
  });

  it('«Bytt frivillig» takes the first off and gives the second the details; both are told', async () => {
    const where = newArea();
    const [ana, ben] = [await volunteer('Ana Først', where), await volunteer('Ben Etter', where)];
    const id = await task(where);
    await post(`/admin/tasks/${id}/assign`, { volunteerId: ana.id });
    // Without naming who is replaced an assigned task is not assignable (two clicks must not swap silently).
    await post(`/admin/tasks/${id}/assign`, { volunteerId: ben.id });
    expect(await flash()).toBe('Oppdraget kan ikke tildeles når det er tildelt.');
    expect(await post(`/admin/tasks/${id}/assign`, { volunteerId: ben.id, replacing: ana.id })).toMatchObject({ status: 303 });
    expect(await flash()).toContain('Ana Først får SMS om at de ikke trenger å møte opp');
    expect(await getTask(h, id)).toMatchObject({ status: 'assigned', assignedVolunteerId: ben.id });
    expect((await sentTo(ana.phone)).map((m) => m.kind)).toEqual(['assigned', 'unassigned']);
    expect((await sentTo(ben.phone)).map((m) => m.kind)).toEqual(['assigned']);
    expect((await auditOf(id)).map((a) => [a.action, a.detail.replacedVolunteerId ?? null])).toEqual([['task_created', null], ['task_assigned_manually', null], ['task_reassigned', ana.id]]);
  });

  it('«Tildel» lists who fits first with why, the unfit after with why, and asks before assigning someone unfit', async () => {
    const where = newArea();
    const fits = await volunteer('Aase Passer', where);
    const unfit = await volunteer('Kari Kunhandel', where, { taskTypes: ['shopping'] });
    const id = await task(where); // an escort
    const page = await (await fetch(`${h.baseUrl}/admin/tasks/${id}`, { headers: { cookie: web.cookie } })).text();
    const fitGroup = /<optgroup label="Passer \(best først\)">([\s\S]*?)<\/optgroup>/.exec(page)![1]!;
    const unfitGroup = /<optgroup label="Passer ikke[^"]*">([\s\S]*?)<\/optgroup>/.exec(page)![1]!;
    expect(fitGroup).toContain(`value="${fits.id}"`);
    expect(unfitGroup).toContain(`value="${unfit.id}">Kari Kunhandel`);
    expect(unfitGroup).toContain('– gjør ikke følge');
    expect(fitGroup).not.toContain(unfit.id);

    const asked = await post(`/admin/tasks/${id}/assign`, { volunteerId: unfit.id });
    expect(asked.status).toBe(409);
    expect(asked.text).toContain('Kari Kunhandel passer ikke: gjør ikke følge. Tildel likevel?');
    expect((await getTask(h, id)).status).toBe('new');
    expect(await sentTo(unfit.phone)).toEqual([]);

    expect(await post(`/admin/tasks/${id}/assign`, { volunteerId: unfit.id, allowUnfit: 'yes' })).toMatchObject({ status: 303 });
    expect(await getTask(h, id)).toMatchObject({ status: 'assigned', assignedVolunteerId: unfit.id });
    expect((await auditOf(id)).at(-1)).toMatchObject({ action: 'task_assigned_manually', detail: { unfit: ['gjør ikke følge'] } });
  });
});
