import { buildTask, uniqueMobile } from '../support/factories';
import { sweep } from '../../src/services/sweep';
import { createTask, dispatch, getTask, outboundMessages, startPlus, waitForOpenOffers, waitForQuiet } from '../support/flows';
import { eventually, startHarness, type Harness } from '../support/harness';

jest.setTimeout(60_000);

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.close();
});

async function volunteer(name: string, fields: Record<string, unknown> = {}): Promise<{ id: string; phone: string }> {
  const res = await h.api('POST', '/api/volunteers', { name, phone: uniqueMobile(), ...fields });
  if (res.status !== 201) throw new Error(`volunteer not created: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** A finished earlier task for the same person, helped by `volunteerId`. */
async function helpedBefore(volunteerId: string, personRef: string): Promise<void> {
  // Stored directly: the API refuses a start more than a day back, and this one is history.
  const earlier = await buildTask(h.deps.db, { startsAt: new Date('2026-10-01T10:00:00+02:00'), personRef });
  await h.deps.db.insertInto('assignment').values({ task_id: earlier.id, volunteer_id: volunteerId, offer_id: null, source: 'manual', status: 'done' }).execute();
}

describe('who is asked, and why', () => {
  it('only eligible volunteers get offers, whoever helped the person before first; the API explains everyone', async () => {
    const cert = { policeCertificateOn: '2025-06-01' };
    const paused = await volunteer('Pål Pause', { ...cert, pausedUntil: '2099-01-01' });
    const noCert = await volunteer('Nora Utenattest');
    const mondays = await volunteer('Mona Mandag', { ...cert, availability: [{ weekday: 1, from: '08:00', to: '16:00' }] });
    const elsewhere = await volunteer('Erik Annetsted', { ...cert, areas: ['Fjellhamar'] });
    const fresh = await volunteer('Frida Ny', cert);
    const regular = await volunteer('Rolf Fast', cert);
    await helpedBefore(regular.id, 'OB-17');

    // A Thursday at 10:00 (DEFAULT_START): needs a police certificate, in Lørenskog sentrum, for person OB-17.
    const task = await createTask(h, { waveSize: 1, requirements: ['police_certificate'], personRef: 'OB-17' });
    await dispatch(h, task.id);
    const [first] = await waitForOpenOffers(h, task.id, 1);
    expect(first!.volunteer.id).toBe(regular.id);

    const res = await h.api('GET', `/api/tasks/${task.id}/candidates`);
    expect(res.status).toBe(200);
    const byId = new Map((res.body.volunteers as { volunteerId: string; eligible: boolean; rank?: number; offer: unknown; exclusions: { code: string }[]; reasons: string[] }[])
      .map((v) => [v.volunteerId, v]));
    expect(byId.get(regular.id)).toMatchObject({ offer: { status: 'open' } });
    expect(byId.get(fresh.id)).toMatchObject({ eligible: true, rank: 1, offer: null });
    expect(byId.get(paused.id)!.exclusions.map((e) => e.code)).toEqual(['paused']);
    expect(byId.get(noCert.id)!.exclusions.map((e) => e.code)).toEqual(['missing_requirement']);
    expect(byId.get(mondays.id)!.exclusions.map((e) => e.code)).toEqual(['not_available_weekday']);
    expect(byId.get(elsewhere.id)!.exclusions.map((e) => e.code)).toEqual(['outside_area']);
    expect(byId.get(noCert.id)!.reasons).toEqual(['mangler politiattest']);
    for (const v of byId.values()) expect(v.reasons.length).toBeGreaterThan(0);
    const en = await h.api('GET', `/api/tasks/${task.id}/candidates?lang=en`);
    expect(en.body.volunteers.find((v: { volunteerId: string }) => v.volunteerId === noCert.id).reasons).toEqual(['no police certificate']);

    // NEI from the regular: the next in line is the only other eligible one.
    await h.sms(regular.phone, 'NEI');
    await eventually(async () => {
      const t = await getTask(h, task.id);
      return t.offers.some((o) => o.volunteer.id === fresh.id && o.status === 'open') ? t : undefined;
    }, 20_000, 'an offer to Frida');
    // Frida says nothing either: nobody else qualifies, so the task is unfilled after her.
    await h.sms(fresh.phone, 'NEI');
    await eventually(async () => ((await getTask(h, task.id)).status === 'unfilled' ? true : undefined), 20_000, 'unfilled');
    await waitForQuiet(h);
    const offered = new Set((await getTask(h, task.id)).offers.map((o) => o.volunteer.id));
    expect(offered).toEqual(new Set([regular.id, fresh.id]));
  });

  it('a volunteer at their weekly limit, or busy at the time, is not asked', async () => {
    const busy = await volunteer('Berit Opptatt');
    const limited = await volunteer('Lars Grense', { maxTasksPerWeek: 1 });
    const free = await volunteer('Fri Frivillig');
    const sameTime = await createTask(h, { startsAt: startPlus({ minutes: 30 }) });
    const sameWeek = await createTask(h, { startsAt: startPlus({ days: -2, minutes: 120 }) });
    for (const [taskId, volunteerId] of [[sameTime.id, busy.id], [sameWeek.id, limited.id]] as const) {
      await h.deps.db.updateTable('task').set({ status: 'assigned', assigned_volunteer_id: volunteerId }).where('id', '=', taskId).execute();
      await h.deps.db.insertInto('assignment').values({ task_id: taskId, volunteer_id: volunteerId, offer_id: null, source: 'manual' }).execute();
    }
    const task = await createTask(h, { waveSize: 3 });
    await dispatch(h, task.id);
    await waitForOpenOffers(h, task.id, 1);
    await waitForQuiet(h);
    const offers = (await getTask(h, task.id)).offers;
    expect(offers.map((o) => o.volunteer.id)).toEqual([free.id]);
    const why = (await h.api('GET', `/api/tasks/${task.id}/candidates`)).body.volunteers as { volunteerId: string; exclusions: { code: string }[] }[];
    expect(why.find((v) => v.volunteerId === busy.id)!.exclusions.map((e) => e.code)).toEqual(['overlapping_assignment']);
    expect(why.find((v) => v.volunteerId === limited.id)!.exclusions.map((e) => e.code)).toEqual(['weekly_limit_reached']);
  });

  it('a task whose only fitting volunteers are busy with another offer waits for them instead of going unfilled', async () => {
    const ada = await volunteer('Ada Travel');
    const bo = await volunteer('Bo Travel');
    const first = await createTask(h, { waveSize: 2 });
    await dispatch(h, first.id);
    await waitForOpenOffers(h, first.id, 2);
    const second = await createTask(h, { waveSize: 1, startsAt: startPlus({ days: 1 }) });
    await dispatch(h, second.id);
    await waitForQuiet(h);
    expect((await getTask(h, second.id)).status).toBe('searching');
    expect(await outboundMessages(h, { kind: 'coordinator_unfilled' })).toHaveLength(0);

    await h.sms(bo.phone, 'NEI'); // Bo is free again
    await waitForQuiet(h);
    h.clock.advance(60_000);
    await sweep(h.deps.ctx);
    const [offer] = await waitForOpenOffers(h, second.id, 1);
    expect(offer!.volunteer.id).toBe(bo.id);
    expect(ada.id).not.toBe(bo.id);
  });
});
