import twilio from 'twilio';
import { eventually, newMessageSid, SERVICE_NUMBER, startHarness, type Harness } from '../support/harness';
import { createTask, createVolunteers, dispatch, getTask, outboundMessages, waitForOpenOffers, waitForQuiet } from '../support/flows';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.close();
});

async function countInbound(): Promise<number> {
  const r = await h.deps.db.selectFrom('message').select((eb) => eb.fn.countAll<string>().as('n')).where('direction', '=', 'inbound').executeTakeFirstOrThrow();
  return Number(r.n);
}

function inboundParams(from: string, body: string, sid = newMessageSid()): Record<string, string> {
  return { MessageSid: sid, SmsSid: sid, AccountSid: h.fake.accountSid, From: from, To: SERVICE_NUMBER, Body: body, NumMedia: '0' };
}

describe('Twilio webhook security and idempotency', () => {
  it('rejects a bad, missing or stale signature with 403 and stores nothing', async () => {
    const params = inboundParams('+4741234567', 'JA');
    const path = '/webhooks/twilio/sms';
    const signedForOtherToken = twilio.getExpectedTwilioSignature('wrong-token', h.config.publicBaseUrl + path, params);
    const signedForOtherBody = twilio.getExpectedTwilioSignature(h.fake.authToken, h.config.publicBaseUrl + path, { ...params, Body: 'NEI' });
    const signedForOtherUrl = twilio.getExpectedTwilioSignature(h.fake.authToken, 'https://evil.example' + path, params);
    for (const sig of [signedForOtherToken, signedForOtherBody, signedForOtherUrl, 'garbage']) {
      expect((await h.webhook(path, params, sig)).status).toBe(403);
    }
    const unsigned = await fetch(h.baseUrl + path, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(params).toString() });
    expect(unsigned.status).toBe(403);
    const status = await h.webhook('/webhooks/twilio/status?m=1', { MessageSid: newMessageSid(), MessageStatus: 'failed' }, 'bad');
    expect(status.status).toBe(403);
    expect(await countInbound()).toBe(0);
  });

  it('the same webhook delivered three times has one effect', async () => {
    const [ana] = await createVolunteers(h, 1);
    const task = await createTask(h, { waveSize: 1 });
    await dispatch(h, task.id);
    await waitForOpenOffers(h, task.id, 1);

    const sid = newMessageSid();
    const results = [await h.sms(ana!.phone, 'JA', sid), await h.sms(ana!.phone, 'JA', sid)];
    results.push(await h.sms(ana!.phone, 'JA', sid));
    expect(results.map((r) => r.status)).toEqual([200, 200, 200]);
    await eventually(async () => ((await getTask(h, task.id)).status === 'assigned' ? true : undefined));
    await waitForQuiet(h);
    expect(await countInbound()).toBe(1);
    expect(await h.deps.db.selectFrom('assignment').selectAll().execute()).toHaveLength(1);
    expect((await outboundMessages(h, { kind: 'assigned' }))).toHaveLength(1);
    expect(h.fake.messagesTo(ana!.phone)).toHaveLength(2); // the offer and the details, nothing more
  });

  it('answers a malformed webhook with 400 and stores nothing', async () => {
    const params = inboundParams('+4741234567', 'JA');
    delete params.MessageSid;
    const res = await h.webhook('/webhooks/twilio/sms', params);
    expect(res.status).toBe(400);
    expect(JSON.parse(res.text).fields[0].field).toBe('MessageSid');
    expect(await countInbound()).toBe(0);
  });

  it('an unknown sender is kept for a coordinator and gets a helpful reply, once an hour at most', async () => {
    for (const body of ['Hei, vi på Solheim sykehjem trenger følge', 'Hallo?', 'Er det noen der?']) {
      expect((await h.sms('+47 901 23 456', body)).status).toBe(200);
    }
    await waitForQuiet(h);
    const inbound = await h.deps.db.selectFrom('message').selectAll().where('direction', '=', 'inbound').orderBy('id').execute();
    expect(inbound.map((m) => [m.from_phone, m.classification, m.needs_attention])).toEqual([
      // Issue 11: the first reads as a request, so it is answered as one (it went to a coordinator).
      ['+4790123456', 'unknown_request', true], ['+4790123456', 'unknown_sender', true], ['+4790123456', 'unknown_sender', true],
    ]);
    // Written in this order; two replies sent in different batches may reach Twilio in either order.
    const written = await h.deps.db.selectFrom('message').select(['body', 'twilio_sid']).where('direction', '=', 'outbound').where('to_phone', '=', '+4790123456').orderBy('id').execute();
    expect(written.map((m) => m.body)).toEqual([expect.stringMatching(/sendt videre til en koordinator/), expect.stringMatching(/ikke registrert hos Svarja/)]);
    const replies = h.fake.messagesTo('+4790123456');
    expect(replies.map((m) => m.sid).sort()).toEqual(written.map((m) => m.twilio_sid).sort());
  });

  it('status callbacks move a message forward only, in any order and any number of times', async () => {
    const [ana] = await createVolunteers(h, 1);
    const task = await createTask(h, { waveSize: 1 });
    await dispatch(h, task.id);
    await waitForOpenOffers(h, task.id, 1);
    const [sent] = h.fake.messages;
    expect(await h.fake.sendStatusCallback(sent!.sid, 'delivered')).toBe(204);
    expect(await h.fake.sendStatusCallback(sent!.sid, 'sent')).toBe(204);
    expect(await h.fake.sendStatusCallback(sent!.sid, 'delivered')).toBe(204);
    const [row] = await outboundMessages(h, { to: ana!.phone });
    expect(row).toMatchObject({ status: 'delivered', twilio_sid: sent!.sid });
  });
});
