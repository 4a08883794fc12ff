import { coordinatorActor } from '../../src/services/authenticate-coordinator';
import { findCoordinator } from '../../src/db/coordinator.repo';
import { assignFromInbox } from '../../src/services/inbox-assign-task';
import { handleInboundSms } from '../../src/services/handle-inbound-sms';
import { recordInboundSms } from '../../src/services/record-inbound-sms';
import { eventually, newMessageSid, SERVICE_NUMBER, startHarness, type Harness } from '../support/harness';
import { createTask, dispatch, getTask, outboundMessages, waitForOpenOffers, waitForQuiet } from '../support/flows';
import { uniqueMobile } from '../support/factories';
import { logInWithFetch, type WebLogin } from '../support/web-login';

/**
 * Innboks: «Behandlet» stays findable with who and when, «Angre» puts a message back, and an unclear
 * answer to an offer can be settled with «Tildel oppdraget» — through the same exactly-one rule as a
 * JA. Replies arrive as signed Twilio webhooks; SMS leave through the real twilio client.
 */
let h: Harness;
let web: WebLogin;
let area = 0;

beforeAll(async () => {
  h = await startHarness();
  web = await logInWithFetch(h, { email: 'innboks@example.no', role: 'coordinator' });
  await h.deps.db.updateTable('coordinator').set({ name: 'Kari Koordinator' }).where('email', '=', 'innboks@example.no').execute();
});
afterAll(async () => {
  await h.close();
});

async function volunteer(name: string, where: string): Promise<{ id: string; phone: string; name: string }> {
  const res = await h.api('POST', '/api/volunteers', { name, phone: uniqueMobile(), areas: [where] });
  if (res.status !== 201) throw new Error(`volunteer not created: ${res.status}`);
  return res.body;
}

/** A dispatched task in its own area with these volunteers' offers open. */
async function offeredTo(names: string[]): Promise<{ id: string; volunteers: { id: string; phone: string; name: string }[] }> {
  area += 1;
  const where = `Innboksgrenda ${area}`;
  const volunteers = [];
  for (const n of names) volunteers.push(await volunteer(n, where));
  const unit = await h.deps.db.selectFrom('coordinator').select('unit_id').where('email', '=', 'innboks@example.no').executeTakeFirstOrThrow();
  const { id } = await createTask(h, { area: where, waveSize: names.length, unitId: unit.unit_id });
  await dispatch(h, id);
  await waitForOpenOffers(h, id, names.length);
  return { id, volunteers };
}

/** A reply as Twilio posts it; returns the stored message once it has been read. */
async function reply(phone: string, body: string): Promise<{ id: string; needs_attention: boolean; task_id: string | null }> {
  const { messageSid } = await h.sms(phone, body);
  return eventually(async () => {
    const m = await h.deps.db.selectFrom('message').select(['id', 'needs_attention', 'task_id', 'processed_at']).where('twilio_sid', '=', messageSid).executeTakeFirst();
    return m?.processed_at ? m : undefined;
  }, 20_000, 'the reply to be read');
}

async function post(path: string, form: Record<string, string> = {}): Promise<number> {
  const res = await fetch(h.baseUrl + path, {
    method: 'POST', redirect: 'manual',
    headers: { cookie: web.cookie, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ ...form, _csrf: web.csrf }).toString(),
  });
  return res.status;
}

async function page(path: string): Promise<string> {
  return (await fetch(h.baseUrl + path, { headers: { cookie: web.cookie } })).text();
}

function flashOf(html: string): string {
  return /class="flash[^"]*"[^>]*>([^<]*)</.exec(html)?.[1] ?? '';
}

async function me() {
  const row = await h.deps.db.selectFrom('coordinator').select('id').where('email', '=', 'innboks@example.no').executeTakeFirstOrThrow();
  return coordinatorActor((await findCoordinator(h.deps.db, row.id))!) as Extract<ReturnType<typeof coordinatorActor>, { kind: 'coordinator' }>;
}

describe('«Tildel oppdraget» from Innboks', () => {
  it('gives the writer of an unclear answer the task, with the details by SMS, and files the message as handled', async () => {
    const { id, volunteers: [ola] } = await offeredTo(['Ola Uklar']);
    const m = await reply(ola!.phone, 'Ja hvis jeg får skyss');
    expect(m).toMatchObject({ needs_attention: true, task_id: id });
    const inbox = await page('/admin/inbox');
    expect(inbox).toContain(`action="/admin/inbox/${m.id}/assign"`);
    expect(inbox).toContain('Tildel oppdraget til Ola Uklar');

    expect(await post(`/admin/inbox/${m.id}/assign`)).toBe(303);
    expect(flashOf(await page('/admin/inbox'))).toBe(`Oppdrag ${id} er tildelt Ola Uklar, som får detaljene på SMS. Meldingen er merket som behandlet.`);
    const task = await getTask(h, id);
    expect(task).toMatchObject({ status: 'assigned', assignedVolunteerId: ola!.id });
    expect(task.offers.map((o) => o.status)).toEqual(['accepted']);
    await waitForQuiet(h);
    const [assigned] = await outboundMessages(h, { to: ola!.phone, kind: 'assigned' });
    expect(assigned!.body).toContain('Per Olsen'); // the details, to the one who has the task
    expect(h.fake.messagesTo(ola!.phone).map((f) => f.body)).toContain(assigned!.body);

    const handled = await page('/admin/inbox?vis=behandlet');
    expect(handled).toContain('Ja hvis jeg får skyss');
    expect(handled).toMatch(/Behandlet av Kari Koordinator, <time/);
    expect(await page('/admin/inbox')).not.toContain(`id="m-${m.id}"`);
    const audit = await h.deps.db.selectFrom('audit_event').select('action')
      .where((eb) => eb.or([eb.and([eb('subject_type', '=', 'message'), eb('subject_id', '=', m.id)]), eb.and([eb('subject_type', '=', 'task'), eb('subject_id', '=', id)])]))
      .orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(['task_created', 'task_dispatched', 'inbox_assigned', 'task_assigned_from_inbox']);
    expect(await page(`/admin/tasks/${id}`)).toContain('tildelte oppdraget fra innboksen (svaret var uklart)');
  });

  it('says so when someone else took the task first, and changes nothing', async () => {
    const { id, volunteers: [ola, per] } = await offeredTo(['Ola Nøler', 'Per Rask']);
    const m = await reply(ola!.phone, 'Kanskje, må sjekke med kona');
    await reply(per!.phone, 'JA');
    await eventually(async () => (await getTask(h, id)).status === 'assigned', 20_000, 'Per to have it');

    expect(await post(`/admin/inbox/${m.id}/assign`)).toBe(303);
    expect(flashOf(await page('/admin/inbox'))).toBe(`Oppdrag ${id} er allerede tatt av Per Rask. Ingenting er endret; svar den frivillige om de skal vite det.`);
    expect(await getTask(h, id)).toMatchObject({ assignedVolunteerId: per!.id });
    expect(await page('/admin/inbox')).toContain(`id="m-${m.id}"`); // still waiting for a coordinator
    await waitForQuiet(h);
    expect((await outboundMessages(h, { to: ola!.phone })).map((x) => x.kind)).not.toContain('assigned');
  });

  it('against a simultaneous JA from someone else: exactly one volunteer gets the task, every time', async () => {
    for (let round = 0; round < 5; round++) {
      const { id, volunteers: [ola, per] } = await offeredTo([`Ola Kappløp ${round}`, `Per Kappløp ${round}`]);
      const m = await reply(ola!.phone, 'ja hvis jeg rekker det');
      await h.stopWorkers();
      try {
        const ja = await recordInboundSms(h.deps.ctx, { messageSid: newMessageSid(), from: per!.phone, to: SERVICE_NUMBER, body: 'JA' });
        const [fromInbox, sms] = await Promise.all([assignFromInbox(h.deps.ctx, await me(), m.id), handleInboundSms(h.deps.ctx, ja.messageId!)]);
        const assignments = await h.deps.db.selectFrom('assignment').select(['volunteer_id', 'source']).where('task_id', '=', id).execute();
        expect(assignments).toHaveLength(1);
        if (fromInbox.ok) {
          expect(assignments[0]).toMatchObject({ volunteer_id: ola!.id, source: 'manual' });
          expect(sms).not.toBe('accept');
        } else {
          expect(fromInbox).toMatchObject({ error: 'taken', takenBy: per!.name });
          expect(assignments[0]).toMatchObject({ volunteer_id: per!.id, source: 'sms' });
        }
        expect(await h.deps.db.selectFrom('message').select('id').where('task_id', '=', id).where('kind', '=', 'assigned').execute()).toHaveLength(1);
      } finally {
        await h.startWorkers();
      }
    }
  });
});

describe('«Behandlet» and «Angre»', () => {
  it('a handled message is listed with who handled it and when, and «Angre» puts it back, audit-logged', async () => {
    const stranger = uniqueMobile();
    const { messageSid } = await h.sms(stranger, 'Hei, er dette frivilligsentralen?');
    const m = await eventually(async () => h.deps.db.selectFrom('message').select(['id', 'needs_attention']).where('twilio_sid', '=', messageSid).where('processed_at', 'is not', null).executeTakeFirst(), 20_000, 'the message to be read');
    expect(m.needs_attention).toBe(true);
    expect(await page('/admin/inbox?vis=behandlet')).not.toContain(`id="m-${m.id}"`);

    expect(await post(`/admin/inbox/${m.id}/handled`)).toBe(303);
    const handled = await page('/admin/inbox?vis=behandlet');
    const card = /<li class="card" id="m-(\d+)"[\s\S]*?<\/li>/.exec(handled.slice(handled.indexOf(`id="m-${m.id}"`) - 20))![0];
    expect(card).toContain('Hei, er dette frivilligsentralen?');
    expect(card).toContain('Behandlet av Kari Koordinator');
    expect(card).toContain(`action="/admin/inbox/${m.id}/undo"`);
    expect(handled).toContain('aria-current="page">Behandlet</a>');
    expect(await page('/admin/inbox')).not.toContain(`id="m-${m.id}"`);

    expect(await post(`/admin/inbox/${m.id}/undo`)).toBe(303);
    const back = await page('/admin/inbox');
    expect(flashOf(back)).toContain('Meldingen er tilbake i innboksen.');
    expect(back).toContain(`id="m-${m.id}"`);
    expect(await h.deps.db.selectFrom('message').select(['handled_at', 'handled_by']).where('id', '=', m.id).executeTakeFirst()).toEqual({ handled_at: null, handled_by: null });
    const audit = await h.deps.db.selectFrom('audit_event').select('action').where('subject_type', '=', 'message').where('subject_id', '=', m.id).orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(['inbox_handled', 'inbox_unhandled']);

    // A second «Angre» (another tab, a double click) finds nothing to undo and logs nothing.
    expect(await post(`/admin/inbox/${m.id}/undo`)).toBe(303);
    expect(flashOf(await page('/admin/inbox?vis=behandlet'))).toBe('Meldingen var ikke merket som behandlet.');
    expect(await h.deps.db.selectFrom('audit_event').select('id').where('subject_type', '=', 'message').where('subject_id', '=', m.id).execute()).toHaveLength(2);
  });
});
