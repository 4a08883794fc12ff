import { startHarness, type Harness } from '../support/harness';
import { uniqueMobile } from '../support/factories';
import { seedDemoData } from '../../src/services/seed-demo-data';
import { findRequesterByPhone } from '../../src/db/requester.repo';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ workers: false });
});
afterAll(async () => {
  await h.close();
});

async function aUnit(name: string): Promise<string> {
  const row = await h.deps.db.insertInto('unit').values({ name }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

describe('POST/GET/PATCH /api/requesters', () => {
  it('the demo data has Solbakken sykehjem as a requester on the simulator\'s number', async () => {
    // First in the file: the seed only fills an empty database.
    expect((await seedDemoData(h.deps.db, new Date())).seeded).toBe(true);
    const requester = await findRequesterByPhone(h.deps.db, '+4791000001');
    expect(requester).toMatchObject({ name: 'Solbakken sykehjem' });
  });

  it('stores numbers in any form as E.164, lists and edits the requester', async () => {
    const unitId = await aUnit('Hjemmetjenesten');
    const created = await h.api('POST', '/api/requesters', { name: 'Fjellhagen sykehjem', unitId, phones: ['412 00 001', '+47 412 00 002'], contactName: 'Vakta', defaultPlace: 'Fjellhagen' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: 'Fjellhagen sykehjem', unitId, phones: ['+4741200001', '+4741200002'], contactName: 'Vakta', defaultPlace: 'Fjellhagen' });

    const list = await h.api('GET', '/api/requesters');
    expect(list.body.requesters.map((r: { id: string }) => r.id)).toContain(created.body.id);

    const patched = await h.api('PATCH', `/api/requesters/${created.body.id}`, { phones: ['0047 41200003'], contactName: null });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ name: 'Fjellhagen sykehjem', phones: ['+4741200003'], contactName: null });
    const audit = await h.deps.db.selectFrom('audit_event').select('action').where('subject_type', '=', 'requester').where('subject_id', '=', created.body.id).execute();
    expect(audit.map((a) => a.action)).toEqual(['requester_created', 'requester_updated']);
  });

  it('answers 409 for a number that is already a requester\'s or a volunteer\'s, and 400 naming the field', async () => {
    const phone = uniqueMobile();
    expect((await h.api('POST', '/api/requesters', { name: 'A', phones: [phone] })).status).toBe(201);
    const again = await h.api('POST', '/api/requesters', { name: 'B', phones: [phone.replace('+47', '')] });
    expect(again.status).toBe(409);
    const volunteer = await h.api('POST', '/api/volunteers', { name: 'Vera', phone: uniqueMobile() });
    expect((await h.api('POST', '/api/requesters', { name: 'C', phones: [volunteer.body.phone] })).status).toBe(409);

    const bad = await h.api('POST', '/api/requesters', { name: 'D', phones: ['22 12 34 56'] }); // a landline gets no SMS
    expect(bad.status).toBe(400);
    expect(bad.body.fields[0].field).toBe('phones');
    expect((await h.api('POST', '/api/requesters', { name: '', phones: [uniqueMobile()] })).status).toBe(400);
  });
});
