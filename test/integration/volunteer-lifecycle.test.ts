import type { Actor } from '../../src/domain/access';
import { findOrCreateUnit } from '../../src/db/coordinator.repo';
import { insertInboundMedia } from '../../src/db/inbound-media.repo';
import { getVolunteerTotals } from '../../src/db/volunteer-history.repo';
import { findVolunteer, type Volunteer } from '../../src/db/volunteer.repo';
import { assignManually } from '../../src/services/assign-manually';
import { coordinatorActor } from '../../src/services/authenticate-coordinator';
import { createCoordinator } from '../../src/services/create-coordinator';
import { createTask } from '../../src/services/create-task';
import { deactivateVolunteer, reactivateVolunteer } from '../../src/services/deactivate-volunteer';
import { dispatchTask } from '../../src/services/dispatch-task';
import { eraseVolunteer } from '../../src/services/erase-volunteer';
import { explainMatching } from '../../src/services/explain-matching';
import { fillTask } from '../../src/services/fill-task';
import { handleInboundSms } from '../../src/services/handle-inbound-sms';
import { recordInboundSms } from '../../src/services/record-inbound-sms';
import { registerVolunteer } from '../../src/services/register-volunteer';
import { sendSms } from '../../src/services/send-sms';
import { buildVolunteer } from '../support/factories';
import { newMessageSid, SERVICE_NUMBER, startHarness, type Harness } from '../support/harness';
import { logInWithFetch, type WebLogin } from '../support/web-login';

/**
 * Deactivating and erasing a volunteer, against real Postgres with the workers off (the tests run
 * the jobs themselves): never offered again, live offers withdrawn, personal data gone, counts kept.
 */
let h: Harness;
let coordinator: Actor;
let admin: Actor;

beforeAll(async () => {
  h = await startHarness({ workers: false });
  const unit = await findOrCreateUnit(h.deps.db, 'Frivilligsentralen');
  const made = async (email: string, role: 'admin' | 'coordinator') => {
    const r = await createCoordinator(h.deps.ctx, 'cli', { email, name: email, password: 'riktig-passord-123', role, unitId: unit.id });
    if (!r.ok) throw new Error(r.message);
    return coordinatorActor(r.coordinator);
  };
  coordinator = await made('kari@example.no', 'coordinator');
  admin = await made('ada@example.no', 'admin');
});
afterAll(async () => {
  await h.close();
});
beforeEach(async () => {
  // Each test works with its own volunteers only: everyone from earlier tests leaves the pool.
  await h.deps.db.updateTable('offer').set({ status: 'withdrawn' }).where('status', 'in', ['pending', 'open']).execute();
  await h.deps.db.updateTable('volunteer').set({ deactivated_at: new Date() }).where('deactivated_at', 'is', null).execute();
});

async function newTask(waveSize: number, startsInMs = 86_400_000): Promise<string> {
  const r = await createTask(h.deps.ctx, coordinator, {
    type: 'escort', startsAt: new Date(Date.now() + startsInMs), durationMinutes: 60, area: 'Lørenskog', summary: 'Følge til lege.', details: 'Per Olsen, Kirkeveien 12.', waveSize,
  });
  if (!r.ok) throw new Error(r.error);
  return r.task.id;
}

async function dispatchedAndSent(waveSize: number): Promise<string> {
  const id = await newTask(waveSize);
  expect((await dispatchTask(h.deps.ctx, id)).ok).toBe(true);
  await fillTask(h.deps.ctx, id);
  await sendAll();
  return id;
}

async function sendAll(): Promise<void> {
  const queued = await h.deps.db.selectFrom('message').select('id').where('direction', '=', 'outbound').where('status', '=', 'queued').execute();
  for (const m of queued) await sendSms(h.deps.ctx, m.id, false);
}

async function offersOf(taskId: string) {
  return h.deps.db.selectFrom('offer').select(['volunteer_id', 'status', 'close_reason']).where('task_id', '=', taskId).orderBy('id').execute();
}

async function smsTo(v: Volunteer, kind?: string) {
  let q = h.deps.db.selectFrom('message').selectAll().where('volunteer_id', '=', v.id).where('direction', '=', 'outbound');
  if (kind) q = q.where('kind', '=', kind);
  return q.orderBy('id').execute();
}

async function reply(v: Volunteer, body: string): Promise<string> {
  const r = await recordInboundSms(h.deps.ctx, { messageSid: newMessageSid(), from: v.phone, to: SERVICE_NUMBER, body });
  await handleInboundSms(h.deps.ctx, r.messageId!);
  return r.messageId!;
}

describe('deactivating a volunteer', () => {
  it('withdraws their live offer with a notice, asks the next volunteer, and never offers them again', async () => {
    const [anna, bjorn] = [await buildVolunteer(h.deps.db, { name: 'Anna' }), await buildVolunteer(h.deps.db, { name: 'Bjørn' })];
    const taskId = await dispatchedAndSent(1);
    const [first] = await offersOf(taskId);
    const offered = first!.volunteer_id === anna.id ? anna : bjorn;
    const other = offered === anna ? bjorn : anna;

    const r = await deactivateVolunteer(h.deps.ctx, coordinator, offered.id);
    expect(r).toMatchObject({ ok: true, changed: true, withdrewOffer: true });
    const offers = await offersOf(taskId);
    expect(offers).toEqual([
      { volunteer_id: offered.id, status: 'withdrawn', close_reason: 'deactivated' },
      { volunteer_id: other.id, status: 'pending', close_reason: null },
    ]);
    const notice = await smsTo(offered, 'offer_closed_for_you');
    expect(notice).toHaveLength(1);
    expect(notice[0]!.body).toMatch(/gjelder ikke lenger for deg/);

    // A JA arriving after it does not take the task.
    await reply(offered, 'JA');
    expect((await h.deps.db.selectFrom('task').select('status').where('id', '=', taskId).executeTakeFirstOrThrow()).status).toBe('searching');

    // A new task: only the active one is asked; the task page says why not the other.
    await h.deps.db.updateTable('offer').set({ status: 'withdrawn' }).where('status', 'in', ['pending', 'open']).execute();
    const next = await newTask(3);
    await dispatchTask(h.deps.ctx, next);
    await fillTask(h.deps.ctx, next);
    expect((await offersOf(next)).map((o) => o.volunteer_id)).toEqual([other.id]);
    const explained = await explainMatching(h.deps.db, next, new Date(), 'nb');
    const line = explained!.volunteers.find((c) => c.volunteerId === offered.id);
    expect(line).toMatchObject({ eligible: false, reasons: ['er deaktivert'] });

    // Nor by hand.
    const manual = await newTask(1);
    expect(await assignManually(h.deps.ctx, coordinator, manual, offered.id)).toMatchObject({ ok: false, error: 'volunteer_deactivated' });

    const audit = await h.deps.db.selectFrom('audit_event').select(['action', 'detail']).where('subject_type', '=', 'volunteer').where('subject_id', '=', offered.id).execute();
    expect(audit).toEqual([{ action: 'volunteer_deactivated', detail: { withdrewOffer: true } }]);
  });

  it('cancels an offer whose SMS has not left yet without any notice', async () => {
    const v = await buildVolunteer(h.deps.db);
    const taskId = await newTask(1);
    await dispatchTask(h.deps.ctx, taskId);
    await fillTask(h.deps.ctx, taskId); // the offer SMS is queued, not sent
    expect(await deactivateVolunteer(h.deps.ctx, coordinator, v.id)).toMatchObject({ ok: true, withdrewOffer: true });
    const sms = await smsTo(v);
    expect(sms.map((m) => [m.kind, m.status])).toEqual([['offer', 'cancelled']]);
  });

  it('is refused while they hold a task that has not happened, naming it', async () => {
    const v = await buildVolunteer(h.deps.db);
    const taskId = await newTask(1);
    expect((await assignManually(h.deps.ctx, coordinator, taskId, v.id)).ok).toBe(true);
    const r = await deactivateVolunteer(h.deps.ctx, coordinator, v.id);
    expect(r).toMatchObject({ ok: false, error: 'has_assignments', assignments: [{ taskId }] });
    expect((await findVolunteer(h.deps.db, v.id))!.deactivatedAt).toBeNull();
  });

  it('can be undone: a reactivated volunteer is offered again', async () => {
    const v = await buildVolunteer(h.deps.db);
    await deactivateVolunteer(h.deps.ctx, coordinator, v.id);
    expect(await reactivateVolunteer(h.deps.ctx, coordinator, v.id)).toMatchObject({ ok: true, changed: true });
    const taskId = await newTask(1);
    await dispatchTask(h.deps.ctx, taskId);
    await fillTask(h.deps.ctx, taskId);
    expect((await offersOf(taskId)).map((o) => o.volunteer_id)).toEqual([v.id]);
  });

  it('never leaves a deactivated volunteer with a live offer when a fill races the deactivation', async () => {
    for (let round = 0; round < 8; round++) {
      await h.deps.db.updateTable('volunteer').set({ deactivated_at: new Date() }).where('deactivated_at', 'is', null).execute();
      const v = await buildVolunteer(h.deps.db);
      const taskId = await newTask(1);
      await dispatchTask(h.deps.ctx, taskId);
      await Promise.all([fillTask(h.deps.ctx, taskId), deactivateVolunteer(h.deps.ctx, coordinator, v.id)]);
      const live = await h.deps.db.selectFrom('offer').select('id').where('volunteer_id', '=', v.id).where('status', 'in', ['pending', 'open']).execute();
      expect(live).toEqual([]);
      const queuedOffers = (await smsTo(v, 'offer')).filter((m) => m.status === 'queued');
      expect(queuedOffers).toEqual([]);
    }
  });
});

describe('erasing a volunteer (right to erasure)', () => {
  /** A volunteer with history: a task done with hours, an offer declined, texts with a picture. */
  async function volunteerWithHistory(): Promise<{ v: Volunteer; done: string }> {
    const reg = await registerVolunteer(h.deps.ctx, { name: 'Eva Eriksen', phone: `+47981${String(Date.now()).slice(-5)}`, notes: 'Har hund, allergisk', policeCertificateOn: '2026-01-05' });
    if (!reg.ok) throw new Error(reg.message);
    const v = reg.volunteer;
    await h.deps.db.insertInto('audit_event').values({ at: new Date(), actor: 'kari@example.no', action: 'volunteer_created', subject_type: 'volunteer', subject_id: v.id, detail: JSON.stringify({ name: v.name }) }).execute();
    const done = await dispatchedAndSent(1);
    await reply(v, 'Ja, det kan jeg. Hilsen Eva');
    // The task took place and the check-in logged the hours.
    await h.deps.db.updateTable('task').set({ starts_at: new Date(Date.now() - 3 * 86_400_000) }).where('id', '=', done).execute();
    await h.deps.db.updateTable('assignment').set({ status: 'done', hours: '1.5', check_in: 'ok' }).where('task_id', '=', done).execute();
    const declined = await dispatchedAndSent(1);
    await reply(v, 'Nei dessverre, er hos legen med ryggen min');
    expect((await offersOf(declined))[0]!.status).toBe('declined');
    const pic = await reply(v, 'Se bildet');
    await insertInboundMedia(h.deps.db, pic, [{ url: 'https://api.twilio.com/media/ME1', contentType: 'image/jpeg' }]);
    await sendAll();
    return { v, done };
  }

  it('removes name, number, notes, texts and pictures, keeps the counts, and frees the number', async () => {
    const { v } = await volunteerWithHistory();
    const before = await getVolunteerTotals(h.deps.db, v.id);
    expect(before).toMatchObject({ offers: 2, accepted: 1, declined: 1, tasksDone: 1, hours: 1.5 });

    expect(await eraseVolunteer(h.deps.ctx, admin, v.id)).toEqual({ ok: true });

    const row = await h.deps.db.selectFrom('volunteer').selectAll().where('id', '=', v.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ name: 'Slettet frivillig', phone: null, notes: '', police_certificate_on: null, areas: [] });
    expect(row.erased_at).not.toBeNull();
    expect(row.deactivated_at).not.toBeNull();
    const after = await getVolunteerTotals(h.deps.db, v.id);
    expect({ ...after, lastContact: null }).toEqual({ ...before, lastContact: null });

    const messages = await h.deps.db.selectFrom('message').selectAll().where('volunteer_id', '=', v.id).execute();
    expect(messages.length).toBeGreaterThanOrEqual(6);
    const everything = JSON.stringify({ messages, row, audit: await h.deps.db.selectFrom('audit_event').selectAll().execute() });
    for (const personal of ['Eva', 'Eriksen', v.phone, v.phone.slice(3), 'ryggen', 'hund', 'ME1']) expect(everything).not.toContain(personal);
    expect(await h.deps.db.selectFrom('inbound_media').selectAll().execute()).toEqual([]);

    const erasedEvent = await h.deps.db.selectFrom('audit_event').select(['actor', 'detail']).where('action', '=', 'volunteer_erased').where('subject_id', '=', v.id).executeTakeFirstOrThrow();
    expect(erasedEvent.actor).toBe('ada@example.no');
    expect(erasedEvent.detail).toMatchObject({ media: 1 });

    // The number may register again, as somebody new.
    const again = await registerVolunteer(h.deps.ctx, { name: 'Ny Person', phone: v.phone });
    expect(again.ok && again.volunteer.id !== v.id).toBe(true);
    // An SMS from that number now belongs to the new person, and nothing is ever sent to the erased one.
    expect(await smsTo(v, 'offer_closed_for_you')).toEqual([]);
  });

  it('is for admins only, and refused while they hold a task that has not happened', async () => {
    const v = await buildVolunteer(h.deps.db, { name: 'Gro Grønn' });
    expect(await eraseVolunteer(h.deps.ctx, coordinator, v.id)).toEqual({ ok: false, error: 'forbidden' });
    const taskId = await newTask(1);
    await assignManually(h.deps.ctx, coordinator, taskId, v.id);
    expect(await eraseVolunteer(h.deps.ctx, admin, v.id)).toMatchObject({ ok: false, error: 'has_assignments', assignments: [{ taskId }] });
    expect((await findVolunteer(h.deps.db, v.id))!.name).toBe('Gro Grønn');
  });

  it('withdraws a live offer silently and asks the next volunteer', async () => {
    const [a, b] = [await buildVolunteer(h.deps.db), await buildVolunteer(h.deps.db)];
    const taskId = await dispatchedAndSent(1);
    const offered = (await offersOf(taskId))[0]!.volunteer_id;
    const other = offered === a.id ? b : a;
    expect(await eraseVolunteer(h.deps.ctx, admin, offered)).toEqual({ ok: true });
    expect(await offersOf(taskId)).toEqual([
      { volunteer_id: offered, status: 'withdrawn', close_reason: 'erased' },
      { volunteer_id: other.id, status: 'pending', close_reason: null },
    ]);
    const toErased = await h.deps.db.selectFrom('message').select(['kind', 'to_phone']).where('volunteer_id', '=', offered).where('kind', '!=', 'offer').execute();
    expect(toErased).toEqual([]);
  });
});

describe('the volunteer page', () => {
  let adminWeb: WebLogin;
  let coordWeb: WebLogin;
  beforeAll(async () => {
    adminWeb = await logInWithFetch(h, { email: 'web-admin@example.no', role: 'admin' });
    coordWeb = await logInWithFetch(h, { email: 'web-coord@example.no', role: 'coordinator' });
  });
  const get = async (web: WebLogin, path: string) => (await fetch(`${h.baseUrl}${path}`, { headers: { cookie: web.cookie } })).text();
  const post = (web: WebLogin, path: string, form: Record<string, string>) => fetch(`${h.baseUrl}${path}`, {
    method: 'POST', redirect: 'manual', headers: { cookie: web.cookie, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ ...form, _csrf: web.csrf }).toString(),
  });

  it('shows the counts and history, and offers erasure to admins only', async () => {
    const v = await buildVolunteer(h.deps.db, { name: 'Hanne Hagen' });
    const taskId = await dispatchedAndSent(1);
    await reply(v, 'NEI');
    const page = await get(coordWeb, `/admin/volunteers/${v.id}`);
    expect(page).toMatch(/<dt>Tilbud<\/dt><dd>1<\/dd>/);
    expect(page).toMatch(/<dt>Svarte nei<\/dt><dd>1<\/dd>/);
    expect(page).toContain(`href="/admin/tasks/${taskId}"`);
    expect(page).toContain('SMS til den frivillige'); // the thanks for the NEI came last
    expect(page).toContain('Deaktiver');
    expect(page).not.toContain('Slett personopplysninger');
    expect(await get(adminWeb, `/admin/volunteers/${v.id}`)).toContain('Slett personopplysninger');
    expect((await post(coordWeb, `/admin/volunteers/${v.id}/erase`, { confirm: 'yes' })).status).toBe(403);
  });

  it('erases nothing without the confirmation box, and shows an erased volunteer without a form', async () => {
    const v = await buildVolunteer(h.deps.db, { name: 'Ivar Iversen' });
    expect((await post(adminWeb, `/admin/volunteers/${v.id}/erase`, {})).status).toBe(303);
    expect((await findVolunteer(h.deps.db, v.id))!.name).toBe('Ivar Iversen');
    expect((await post(adminWeb, `/admin/volunteers/${v.id}/erase`, { confirm: 'yes' })).status).toBe(303);
    const page = await get(adminWeb, `/admin/volunteers/${v.id}`);
    expect(page).toContain('Personopplysningene er slettet');
    expect(page).not.toContain('Ivar');
    expect(page).not.toContain('name="phone"');
    // Saving the old form over an erased volunteer finds nobody.
    expect((await post(adminWeb, `/admin/volunteers/${v.id}`, { name: 'Ivar Iversen', phone: '41234567', language: 'nb' })).status).toBe(404);
  });

  it('names the task that blocks a deactivation', async () => {
    const v = await buildVolunteer(h.deps.db, { name: 'Jon Jensen' });
    const taskId = await newTask(1);
    await assignManually(h.deps.ctx, coordinator, taskId, v.id);
    const res = await post(coordWeb, `/admin/volunteers/${v.id}/deactivate`, {});
    expect(res.status).toBe(409);
    const text = await res.text();
    expect(text).toContain('kan ikke deaktiveres ennå');
    expect(text).toContain(`href="/admin/tasks/${taskId}"`);
  });
});
