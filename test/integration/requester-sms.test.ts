import { COORDINATOR, eventually, startHarness, type Harness } from '../support/harness';
import { dueLifecycleJobs } from '../../src/services/sweep-timers';
import { listInboxMessages } from '../../src/db/inbox.repo';
import { eraseOldMessageBodies } from '../../src/services/erase-old-message-bodies';
import { createVolunteers, DEFAULT_START, getTask, outboundMessages, waitForOpenOffers, waitForQuiet } from '../support/flows';
import { uniqueMobile } from '../support/factories';

/**
 * Issue 11: a nursing home orders by SMS, end to end through signed webhooks, the workers and the
 * fake Twilio: request → (questions) → summary → OK → task → offers → JA → the home is told.
 */
let h: Harness;
let home: string;
beforeEach(async () => {
  h = await startHarness();
  const unit = await h.deps.db.insertInto('unit').values({ name: 'Frivilligsentralen' }).returning('id').executeTakeFirstOrThrow();
  home = uniqueMobile();
  const res = await h.api('POST', '/api/requesters', { name: 'Solbakken sykehjem', unitId: unit.id, phones: [home], contactName: 'Vakta', defaultPlace: 'Solbakken' });
  expect(res.status).toBe(201);
});
afterEach(async () => {
  await h.close();
});

const day = `torsdag ${DEFAULT_START.day}.${DEFAULT_START.month}`; // a Thursday one to two weeks ahead
const dayText = DEFAULT_START.setLocale('nb').toFormat('ccc d. MMM');

/** The newest SMS to the nursing home of this kind, once it is there. */
async function toHome(kind: string, count = 1): Promise<string> {
  const found = await eventually(async () => {
    const list = await outboundMessages(h, { to: home, kind });
    return list.length >= count ? list[count - 1] : undefined;
  }, 20_000, `${kind} #${count} to the nursing home`);
  return found.body;
}

async function taskOfHome(): Promise<string> {
  const row = await eventually(() => h.deps.db.selectFrom('task').select('id').where('requester_id', 'is not', null).executeTakeFirst(), 20_000, 'a task from the request');
  return row.id;
}

async function draftRef(): Promise<string> {
  const row = await h.deps.db.selectFrom('request_draft').select('id').where('phone', '=', home).orderBy('id', 'desc').executeTakeFirstOrThrow();
  return `K${row.id}`;
}

describe('a nursing home orders by SMS', () => {
  it('request → summary → OK → task → offer → JA → the home is told the first name and the doorstep word', async () => {
    const kari = (await h.api('POST', '/api/volunteers', { name: 'Kari Nordmann', phone: uniqueMobile() })).body as { id: string; phone: string };
    await h.sms(home, `Trenger følge til legen ${day} kl 14:30, Lørenskog legesenter. Hun bruker rullator, heter Olga Hansen`);
    const summary = await toHome('requester_summary');
    const ref = await draftRef();
    expect(summary).toBe(`Mottatt ${ref}: følge ${dayText} kl. 14:30, Lørenskog legesenter. Svar OK for å sende ut, eller skriv det som skal rettes.`);

    await h.sms(home, 'OK');
    expect(await toHome('requester_sent')).toContain(`${ref} er sendt ut`);
    const taskId = await taskOfHome();
    const task = await h.deps.db.selectFrom('task').selectAll().where('id', '=', taskId).executeTakeFirstOrThrow();
    expect(task).toMatchObject({ type: 'escort', request_ref: ref, unit_id: expect.any(String) });
    expect(task.starts_at.toISOString()).toBe(DEFAULT_START.set({ hour: 14, minute: 30 }).toJSDate().toISOString());
    expect(task.details).toContain('Olga Hansen');
    expect((await getTask(h, taskId)).source).toBe(`SMS fra Solbakken sykehjem, ${ref}`); // the task page's «Kilde»

    await waitForOpenOffers(h, taskId, 1);
    const offer = h.fake.messagesTo(kari!.phone).at(-1)!.body;
    expect(offer).toMatch(/Kan du hjelpe\?/);
    expect(offer).not.toMatch(/Olga|Hansen|rullator|legesenter/); // privacy: no name, needs or destination in an offer

    await h.sms(kari!.phone, 'JA');
    const told = await toHome('requester_assigned');
    expect(told).toContain(`${ref}: Kari kommer`);
    expect(told).toContain(`Dørord: ${task.doorstep_word}`);
    expect(told).not.toContain('Nordmann');
    await waitForQuiet(h);
    const details = h.fake.messagesTo(kari!.phone).at(-1)!.body;
    expect(details).toContain('Olga Hansen');
    expect(details).toContain('Hvor: Lørenskog legesenter.');
    expect(details).toContain(`Dørord: ${task.doorstep_word}`);
  });

  it('when nobody can take it, the home is told (and the coordinator, as for every unfilled task)', async () => {
    await h.sms(home, `Trenger følge til legen ${day} kl 14:30, Lørenskog legesenter`);
    await toHome('requester_summary');
    await h.sms(home, 'OK');
    const ref = await draftRef();
    expect(await toHome('requester_unfilled')).toBe(`${ref}: Vi fant dessverre ingen frivillig til følge ${dayText} kl. 14:30, Lørenskog legesenter. En koordinator er varslet.`);
    await eventually(async () => (await outboundMessages(h, { kind: 'coordinator_unfilled' }))[0]);
  });

  it('a missing time is asked with an example, and the answer fills it', async () => {
    await h.sms(home, `Trenger følge til legen ${day}, Lørenskog legesenter`);
    expect(await toHome('requester_question')).toMatch(/Når skal den frivillige komme\? Svar f\.eks\. kl 14:30/);
    await h.sms(home, 'kl 13');
    expect(await toHome('requester_summary')).toContain(`følge ${dayText} kl. 13:00, Lørenskog legesenter`);
  });

  it('a correction updates the summary and is confirmed again', async () => {
    await h.sms(home, `Trenger følge til legen ${day} kl 14:30, Lørenskog legesenter`);
    await toHome('requester_summary');
    await h.sms(home, 'nei, kl 15');
    expect(await toHome('requester_summary', 2)).toContain(`${dayText} kl. 15:00, Lørenskog legesenter`);
    await h.sms(home, 'ok');
    const taskId = await taskOfHome();
    expect((await getTask(h, taskId)).startsAt).toBe(DEFAULT_START.set({ hour: 15 }).toJSDate().toISOString());
  });

  it('a request from an unknown number is answered politely and kept in Innboks, never a task', async () => {
    const stranger = uniqueMobile();
    await h.sms(stranger, `Trenger følge til legen ${day} kl 14:30, Lørenskog legesenter`);
    await waitForQuiet(h);
    const [answer] = await outboundMessages(h, { to: stranger });
    expect(answer).toMatchObject({ kind: 'request_forwarded', body: expect.stringMatching(/sendt videre til en koordinator/) });
    const inbound = await h.deps.db.selectFrom('message').selectAll().where('from_phone', '=', stranger).executeTakeFirstOrThrow();
    expect(inbound).toMatchObject({ classification: 'unknown_request', needs_attention: true });
    expect(await h.deps.db.selectFrom('task').select('id').execute()).toHaveLength(0);

    const english = uniqueMobile();
    await h.sms(english, `I need someone to take my mother to the doctor on ${DEFAULT_START.setLocale('en-GB').toFormat('cccc d LLLL')} at 2pm`);
    await waitForQuiet(h);
    expect((await outboundMessages(h, { to: english }))[0]!.body).toMatch(/passed on to a coordinator/);
  });

  it('AVBRYT K7 from the home cancels the task and tells the volunteer', async () => {
    const [kari] = await createVolunteers(h, 1);
    await h.sms(home, `Trenger følge til legen ${day} kl 14:30, Lørenskog legesenter`);
    await toHome('requester_summary');
    await h.sms(home, 'OK');
    const taskId = await taskOfHome();
    await waitForOpenOffers(h, taskId, 1);
    await h.sms(kari!.phone, 'JA');
    await toHome('requester_assigned');
    const ref = await draftRef();

    await h.sms(home, `AVBRYT ${ref}`);
    expect(await toHome('requester_cancelled')).toBe(`${ref} er avlyst. Den frivillige er varslet.`);
    expect((await getTask(h, taskId)).status).toBe('cancelled');
    await eventually(async () => (await outboundMessages(h, { to: kari!.phone, kind: 'task_cancelled' }))[0]);
  });

  it('a draft unanswered for two hours goes to Innboks with what was read, and the home is told', async () => {
    await h.sms(home, `Trenger følge til legen ${day}, Lørenskog legesenter`);
    await toHome('requester_question');
    h.clock.advance(2 * 3600_000 + 60_000);
    await eventually(async () => {
      for (const job of await h.deps.queues.byName.dispatch.getDelayed()) if (job.name === 'expire-request-draft') await job.promote();
      return (await outboundMessages(h, { to: home, kind: 'requester_expired' }))[0];
    }, 20_000, 'the draft to expire');
    const draft = await h.deps.db.selectFrom('request_draft').selectAll().where('phone', '=', home).executeTakeFirstOrThrow();
    expect(draft.status).toBe('expired');
    const inbound = await h.deps.db.selectFrom('message').selectAll().where('from_phone', '=', home).execute();
    expect(inbound[0]).toMatchObject({ needs_attention: true, classification: expect.stringMatching(/ikke fullført.*tid \?.*sted Lørenskog legesenter/) });
    const [inInbox] = await listInboxMessages(h.deps.db, { all: true });
    expect(inInbox).toMatchObject({ id: inbound[0]!.id, requesterName: 'Solbakken sykehjem' });
    expect(await h.deps.db.selectFrom('task').select('id').execute()).toHaveLength(0);
  });

  it('a request for NÅ tells the coordinator at once', async () => {
    await h.sms(home, 'Trenger følge til legevakten NÅ');
    const [alert] = await eventually(async () => {
      const list = await outboundMessages(h, { kind: 'coordinator_urgent_request' });
      return list.length > 0 ? list : undefined;
    });
    expect(alert!.to_phone).toBe(COORDINATOR);
    expect(alert!.body).toBe(`Haster: Solbakken sykehjem ber om hjelp nå eller innen to timer (${await draftRef()}). Se Innboks og oppdragene.`);
  });

  it('retention erases a closed draft\'s texts and notes with the SMS bodies of the same age', async () => {
    await h.sms(home, `Trenger følge til legen ${day}, Lørenskog legesenter. Olga Hansen, bruker rullator`);
    await toHome('requester_question');
    await h.sms(home, 'AVBRYT');
    await toHome('requester_cancelled');
    const before = await h.deps.db.selectFrom('request_draft').selectAll().where('phone', '=', home).executeTakeFirstOrThrow();
    expect(before.status).toBe('abandoned');
    expect(JSON.stringify(before.fields)).toContain('Olga');
    h.clock.advance((h.config.retentionDays + 1) * 24 * 3600_000);
    await eraseOldMessageBodies(h.deps.ctx);
    const after = await h.deps.db.selectFrom('request_draft').selectAll().where('phone', '=', home).executeTakeFirstOrThrow();
    expect(after.texts).toEqual([]);
    expect(JSON.stringify(after.fields)).not.toContain('Olga');
    expect(after.fields).toMatchObject({ place: 'Lørenskog legesenter', notes: '' });
  });

  it('the sweeper re-derives a draft expiry that Redis lost', async () => {
    await h.sms(home, `Trenger følge til legen ${day}, Lørenskog legesenter`);
    await toHome('requester_question');
    const draftId = (await draftRef()).slice(1);
    expect(await dueLifecycleJobs(h.deps.ctx, h.clock.now())).not.toContainEqual(expect.objectContaining({ name: 'expire-request-draft' }));
    h.clock.advance(2 * 3600_000 + 60_000);
    expect(await dueLifecycleJobs(h.deps.ctx, h.clock.now())).toContainEqual({ name: 'expire-request-draft', data: { draftId } });
  });

  it('a restart in the middle of the conversation loses nothing: the draft is in Postgres', async () => {
    await h.sms(home, `Trenger følge til legen ${day}, Lørenskog legesenter`);
    await toHome('requester_question');
    await h.stopWorkers();
    await h.sms(home, 'kl 13');
    await h.startWorkers();
    expect(await toHome('requester_summary')).toContain(`${dayText} kl. 13:00`);
    await h.sms(home, 'OK');
    await taskOfHome();
  });
});
