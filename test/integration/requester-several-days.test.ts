import { eventually, startHarness, type Harness } from '../support/harness';
import { createVolunteers, DEFAULT_START, getTask, outboundMessages, waitForOpenOffers } from '../support/flows';
import { registerHome, smsTo } from '../support/requester';

/**
 * Issue 11: two days in one text («torsdag og fredag kl 12») are two tasks in one summary under one
 * reference; OK sends both out, «AVBRYT K7 <dag>» cancels one day, «AVBRYT K7» the rest.
 * Through signed webhooks, the workers and the fake Twilio.
 */
let h: Harness;
let home: string;
beforeEach(async () => {
  h = await startHarness();
  ({ home } = await registerHome(h));
});
afterEach(async () => {
  await h.close();
});

const thursday = DEFAULT_START;
const friday = DEFAULT_START.plus({ days: 1 });
const short = (d: typeof thursday) => `${d.day}.${d.month}`;
const dayText = (d: typeof thursday) => d.setLocale('nb').toFormat('ccc d. MMM');

const toHome = (kind: string, count = 1) => smsTo(h, home, kind, count);

async function tasksOfHome(count: number) {
  return eventually(async () => {
    const rows = await h.deps.db.selectFrom('task').selectAll().where('requester_id', 'is not', null).orderBy('starts_at').execute();
    return rows.length >= count ? rows : undefined;
  }, 20_000, `${count} tasks from the request`);
}

async function ref(): Promise<string> {
  const row = await h.deps.db.selectFrom('request_draft').select('id').where('phone', '=', home).orderBy('id', 'desc').executeTakeFirstOrThrow();
  return `K${row.id}`;
}

describe('two days in one text', () => {
  it('one summary naming both days → OK → two tasks under one reference, each dispatched; AVBRYT K7 <dag> cancels one, AVBRYT K7 the other', async () => {
    const [kari, ola] = await createVolunteers(h, 2);
    await h.sms(home, `Trenger følge til legen torsdag ${short(thursday)} og fredag ${short(friday)} kl 12, Lørenskog legesenter. Hun heter Olga`);
    const summary = await toHome('requester_summary');
    const k = await ref();
    expect(summary).toBe(`Mottatt ${k}: 2 oppdrag: følge ${dayText(thursday)} kl. 12:00 og ${dayText(friday)} kl. 12:00, Lørenskog legesenter. Svar OK for å sende ut, eller skriv det som skal rettes.`);

    await h.sms(home, 'OK');
    const sent = await toHome('requester_sent');
    expect(sent).toBe(`${k} er sendt ut til frivillige (2 oppdrag). Dere får SMS når noen har sagt ja. Svar AVBRYT ${k} for å avlyse, eller AVBRYT ${k} ${short(friday)} for én dag.`);
    const tasks = await tasksOfHome(2);
    expect(tasks).toHaveLength(2);
    expect(tasks.map((t) => t.starts_at.toISOString())).toEqual([thursday, friday].map((d) => d.set({ hour: 12 }).toJSDate().toISOString()));
    expect(tasks.map((t) => t.request_ref)).toEqual([k, k]);
    for (const t of tasks) expect(t.details).toContain('Olga');
    const draft = await h.deps.db.selectFrom('request_draft').selectAll().where('phone', '=', home).executeTakeFirstOrThrow();
    expect(draft).toMatchObject({ status: 'confirmed', task_id: tasks[0]!.id });
    for (const t of tasks) expect((await getTask(h, t.id)).source).toBe(`SMS fra Solbakken sykehjem, ${k}`);

    // Both are dispatched; a JA to the Thursday offer tells the home about the Thursday only.
    for (const t of tasks) expect(['searching', 'assigned']).toContain((await getTask(h, t.id)).status);
    const [offer] = await waitForOpenOffers(h, tasks[0]!.id, 1);
    const volunteer = [kari!, ola!].find((v) => v.id === offer!.volunteer.id)!;
    await h.sms(volunteer.phone, 'JA');
    expect(await toHome('requester_assigned')).toContain(`${k}: Frivillig kommer (følge ${dayText(thursday)} kl. 12:00, Lørenskog legesenter).`);

    await h.sms(home, `AVBRYT ${k} fredag`);
    expect(await toHome('requester_cancelled')).toBe(`${k} ${dayText(friday)} er avlyst.`);
    expect((await getTask(h, tasks[1]!.id)).status).toBe('cancelled');
    expect((await getTask(h, tasks[0]!.id)).status).toBe('assigned');

    await h.sms(home, `AVBRYT ${k} mandag`);
    expect(await toHome('requester_hint')).toBe(`${k} gjelder ${dayText(thursday)} og ${dayText(friday)}. Skriv AVBRYT ${k} for alle, eller AVBRYT ${k} ${short(thursday)} for én dag.`);

    await h.sms(home, `AVBRYT ${k}`);
    expect(await toHome('requester_cancelled', 2)).toBe(`${k} er avlyst. Den frivillige er varslet.`);
    await eventually(async () => (await outboundMessages(h, { to: volunteer.phone, kind: 'task_cancelled' }))[0]);
    expect((await getTask(h, tasks[0]!.id)).status).toBe('cancelled');
  });

  it('«mandag eller tirsdag» stays a question, and the answer «begge» is not guessed', async () => {
    await h.sms(home, 'Trenger følge til legen mandag eller tirsdag kl 12, Lørenskog legesenter');
    expect(await toHome('requester_question')).toMatch(/^Hvilken av dagene skal vi gå for/);
    await h.sms(home, 'tirsdag');
    expect(await toHome('requester_summary')).toMatch(/: følge tir\. \d+\. \p{L}+\.? kl\. 12:00, Lørenskog legesenter\./u);
    await h.sms(home, 'OK');
    expect(await tasksOfHome(1)).toHaveLength(1);
  });
});
