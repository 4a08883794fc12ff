import { eventually, startHarness, type Harness } from '../support/harness';
import { createVolunteers, DEFAULT_START, waitForOpenOffers } from '../support/flows';
import { registerHome, smsTo } from '../support/requester';
import { logInWithFetch } from '../support/web-login';

/**
 * Issue 11: the SMS conversation with the nursing home (its texts and our answers, word for word)
 * is on the task page's timeline, for coordinators who may see the task's details only: another
 * unit's coordinator sees the task but not the conversation, which carries names and needs.
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

const day = `torsdag ${DEFAULT_START.day}.${DEFAULT_START.month}`;
const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

const toHome = (kind: string, count = 1) => smsTo(h, home, kind, count);

async function taskPage(cookie: string, taskId: string): Promise<{ status: number; html: string }> {
  const res = await fetch(`${h.baseUrl}/admin/tasks/${taskId}`, { headers: { cookie } });
  return { status: res.status, html: await res.text() };
}

describe('the request conversation on the task timeline', () => {
  it('shows the home\'s texts and our replies, in order, to the unit\'s coordinator; not to another unit\'s', async () => {
    const [kari] = await createVolunteers(h, 1);
    const first = `Trenger følge til legen ${day}, Lørenskog legesenter. Olga Hansen, bruker rullator`;
    await h.sms(home, first);
    const question = await toHome('requester_question');
    await h.sms(home, 'kl 13');
    const summary = await toHome('requester_summary');
    await h.sms(home, 'OK');
    const sent = await toHome('requester_sent');
    const task = await eventually(() => h.deps.db.selectFrom('task').select('id').where('requester_id', 'is not', null).executeTakeFirst(), 20_000, 'the task');
    await waitForOpenOffers(h, task.id, 1);
    await h.sms(kari!.phone, 'JA');
    const assigned = await toHome('requester_assigned');

    const own = await logInWithFetch(h, { email: 'koord@frivillig.no', role: 'coordinator', unit: 'Frivilligsentralen' });
    const page = await taskPage(own.cookie, task.id);
    expect(page.status).toBe(200);
    const lines = [
      `SMS fra Solbakken sykehjem: «${first}»`, `Svar til Solbakken sykehjem: «${question}»`, 'SMS fra Solbakken sykehjem: «kl 13»',
      `Svar til Solbakken sykehjem: «${summary}»`, 'SMS fra Solbakken sykehjem: «OK»', `Svar til Solbakken sykehjem: «${sent}»`,
      `Svar til Solbakken sykehjem: «${assigned}»`,
    ].map(escape);
    const timeline = page.html.slice(page.html.indexOf('id="task-timeline"'));
    const at = lines.map((l) => timeline.indexOf(l));
    expect(at.every((i) => i >= 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at); // in the order they were written
    // Each SMS to the home is shown once, as its words, not again as a «Beskjed til …» line.
    expect(timeline).not.toContain('Beskjed til bestilleren om hvem som kommer');

    const other = await logInWithFetch(h, { email: 'annen@enhet.no', role: 'coordinator', unit: 'Flyktningtjenesten' });
    const theirs = await taskPage(other.cookie, task.id);
    expect(theirs.status).toBe(200);
    expect(theirs.html).not.toContain('Olga');
    expect(theirs.html).not.toContain('rullator');
    expect(theirs.html).not.toContain('SMS fra Solbakken sykehjem:');
    expect(theirs.html).toContain('Beskjed til bestilleren om hvem som kommer');
  });
});
