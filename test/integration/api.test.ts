import { DateTime } from 'luxon';
import type { AddressInfo } from 'node:net';
import express from 'express';
import Redis from 'ioredis';
import { healthRoutes } from '../../src/http/routes/health';
import { startHarness, type Harness } from '../support/harness';
import { createTask, createVolunteers, dispatch, getTask, outboundMessages, waitForOpenOffers, waitForQuiet } from '../support/flows';
import type { OfferJson } from '../support/flows';
import { eventually } from '../support/harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.close();
});

describe('JSON API', () => {
  it('requires the bearer token', async () => {
    expect((await h.api('GET', '/api/volunteers', undefined, 'wrong-token')).status).toBe(401);
    expect((await fetch(`${h.baseUrl}/api/volunteers`)).status).toBe(401);
    expect((await fetch(`${h.baseUrl}/healthz`)).status).toBe(200);
  });

  it('/readyz says whether Postgres and Redis answer', async () => {
    const res = await fetch(`${h.baseUrl}/readyz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ready', checks: { database: 'ok', redis: 'ok' } });

    // A Redis that does not answer makes the process not ready (503), naming what failed.
    const deadRedis = new Redis('redis://127.0.0.1:1', { maxRetriesPerRequest: null, retryStrategy: () => 1000 });
    deadRedis.on('error', () => undefined);
    const app = express().use(healthRoutes({ db: h.deps.db, redis: deadRedis }));
    const server = app.listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    try {
      const down = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/readyz`);
      expect(down.status).toBe(503);
      expect(await down.json()).toMatchObject({ status: 'not_ready', checks: { database: 'ok', redis: expect.stringContaining('redis did not answer') } });
    } finally {
      server.close();
      deadRedis.disconnect();
    }
  });

  it.each([
    ['41234567', '+4741234567'],
    ['412 34 568', '+4741234568'],
    ['+47 412 34 569', '+4741234569'],
    ['0047 41234570', '+4741234570'],
    ['+46 70 123 45 67', '+46701234567'],
  ])('registers a volunteer with phone %s as %s', async (phone, e164) => {
    const res = await h.api('POST', '/api/volunteers', { name: 'Kari Nordmann', phone });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ id: expect.any(String), phone: e164, language: 'nb', optedOut: false });
  });

  it.each([
    [{ name: 'Ola', phone: '1234' }, 400, 'phone'],
    [{ name: 'Ola', phone: '22 12 34 56' }, 400, 'phone'], // a landline cannot get SMS
    [{ name: 'Ola', phone: '22 12 34 56', contactPreference: 'sms_then_call' }, 400, 'phone'], // nor an SMS first
    [{ name: 'Ola', phone: '800 12 345', contactPreference: 'call' }, 400, 'phone'], // toll-free: neither
    [{ name: 'Ola', phone: '41234599', contactPreference: 'fax' }, 400, 'contactPreference'],
    [{ name: 'Ola', phone: 'ring meg' }, 400, 'phone'],
    [{ name: '', phone: '41234599' }, 400, 'name'],
    [{ phone: '41234599' }, 400, 'name'],
    [{ name: 'Ola', phone: '41234599', language: 'xx' }, 400, 'language'],
    [{ name: 'Duplikat', phone: '+47 41234567' }, 409, 'phone'],
  ])('rejects %j with %i naming the field', async (body, status, field) => {
    const res = await h.api('POST', '/api/volunteers', body);
    expect(res.status).toBe(status);
    expect(res.body.fields.map((f: { field: string }) => f.field)).toContain(field);
  });

  it('registers a landline volunteer who wants offers by call, and lists the preference', async () => {
    const res = await h.api('POST', '/api/volunteers', { name: 'Per Fasttelefon', phone: '22 12 34 58', contactPreference: 'call' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ phone: '+4722123458', contactPreference: 'call' });
    const refused = await h.api('POST', '/api/volunteers', { name: 'Per', phone: '22 12 34 59' });
    expect(refused.body).toMatchObject({ error: 'landline_needs_call', message: expect.stringContaining('"call"') });
    const list = await h.api('GET', '/api/volunteers');
    expect(list.body.volunteers.find((v: { id: string }) => v.id === res.body.id)).toMatchObject({ contactPreference: 'call' });
    expect(list.body.volunteers.filter((v: { contactPreference: string }) => v.contactPreference === 'sms').length).toBeGreaterThan(0);
  });

  it('lists volunteers with whether each has opted out', async () => {
    const res = await h.api('GET', '/api/volunteers');
    expect(res.status).toBe(200);
    expect(res.body.volunteers.length).toBeGreaterThanOrEqual(5);
    expect(res.body.volunteers[0]).toHaveProperty('optedOut', false);
  });

  it('validates tasks and names the bad fields', async () => {
    const res = await h.api('POST', '/api/tasks', { type: 'gardening', startsAt: 'tomorrow', durationMinutes: 0, area: '', summary: 'x', details: 'y' });
    expect(res.status).toBe(400);
    expect(res.body.fields.map((f: { field: string }) => f.field).sort()).toEqual(['area', 'durationMinutes', 'startsAt', 'type']);
    expect((await h.api('POST', '/api/tasks', 'not json')).status).toBe(400);
  });

  it('reads a startsAt without offset as Oslo time', async () => {
    const summer = DateTime.now().year + 1; // next July: summer time, and not in the past (which is refused)
    const task = await createTask(h, { startsAt: `${summer}-07-01T10:00` });
    expect((await getTask(h, task.id)).startsAt).toBe(`${summer}-07-01T08:00:00.000Z`);
  });

  it('answers 404 for an unknown task and 409 for a task that cannot be dispatched', async () => {
    expect((await h.api('GET', '/api/tasks/999999')).status).toBe(404);
    expect((await h.api('POST', '/api/tasks/999999/dispatch')).status).toBe(404);
    expect((await h.api('GET', '/api/tasks/abc')).status).toBe(400);
    const task = await createTask(h);
    expect((await h.api('POST', `/api/tasks/${task.id}/cancel`)).status).toBe(200);
    const again = await h.api('POST', `/api/tasks/${task.id}/dispatch`);
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ error: 'not_dispatchable', status: 'cancelled' });
  });

  it('cancelling a task withdraws its live offers with a notice, and tells the assigned volunteer', async () => {
    await createVolunteers(h, 2);
    const task = await createTask(h, { waveSize: 2 });
    await dispatch(h, task.id);
    const open = await waitForOpenOffers(h, task.id, 2);
    expect((await h.api('POST', `/api/tasks/${task.id}/cancel`)).status).toBe(200);
    await waitForQuiet(h);
    const notices = await outboundMessages(h, { kind: 'offer_withdrawn' });
    expect(notices.map((n) => n.to_phone).sort()).toEqual(open.map((o) => o.volunteer.phone).sort());
    expect((await getTask(h, task.id)).offers.map((o) => o.status)).toEqual(['withdrawn', 'withdrawn']);

    const assignedTask = await createTask(h, { waveSize: 1 });
    await dispatch(h, assignedTask.id);
    const [offer] = await waitForOpenOffers(h, assignedTask.id, 1) as [OfferJson];
    await h.sms(offer.volunteer.phone, 'ja');
    await eventually(async () => ((await getTask(h, assignedTask.id)).status === 'assigned' ? true : undefined));
    expect((await h.api('POST', `/api/tasks/${assignedTask.id}/cancel`)).status).toBe(200);
    await waitForQuiet(h);
    const cancelled = await outboundMessages(h, { kind: 'task_cancelled' });
    expect(cancelled.map((m) => m.to_phone)).toEqual([offer.volunteer.phone]);
    const assignment = await h.deps.db.selectFrom('assignment').selectAll().where('task_id', '=', assignedTask.id).executeTakeFirstOrThrow();
    expect(assignment.status).toBe('cancelled');
  });
});
