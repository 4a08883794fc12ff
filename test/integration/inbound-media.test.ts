import { listInboundMedia } from '../../src/db/inbound-media.repo';
import { renderText } from '../../src/domain/messages';
import { handleInboundSms } from '../../src/services/handle-inbound-sms';
import { newMessageSid, SERVICE_NUMBER, startHarness, type Harness } from '../support/harness';
import { createVolunteers } from '../support/flows';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ workers: false });
});
afterAll(async () => {
  await h.close();
});

function mms(from: string, body: string, media: { url: string; type: string }[], extra: Record<string, string> = {}) {
  const sid = newMessageSid();
  const params: Record<string, string> = { MessageSid: sid, From: from, To: SERVICE_NUMBER, Body: body, NumMedia: String(media.length), ...extra };
  media.forEach((m, i) => {
    params[`MediaUrl${i}`] = m.url;
    params[`MediaContentType${i}`] = m.type;
  });
  return h.webhook('/webhooks/twilio/sms', params).then((r) => ({ ...r, sid }));
}

async function messageBySid(sid: string) {
  return h.deps.db.selectFrom('message').selectAll().where('twilio_sid', '=', sid).executeTakeFirstOrThrow();
}

async function repliesTo(phone: string) {
  return h.deps.db.selectFrom('message').select(['kind', 'body']).where('direction', '=', 'outbound').where('to_phone', '=', phone).orderBy('id').execute();
}

const PHOTO = { url: 'https://api.twilio.com/2010-04-01/Accounts/AC1/Messages/MM1/Media/ME1', type: 'image/jpeg' };
const CARD = { url: 'https://api.twilio.com/2010-04-01/Accounts/AC1/Messages/MM1/Media/ME2', type: 'text/vcard' };

describe('MMS', () => {
  it('stores the media links, and tells a volunteer in their language that only text is read', async () => {
    const [kari] = await createVolunteers(h, 1, 'en');
    const res = await mms(kari!.phone, '', [PHOTO, CARD]);
    expect(res.status).toBe(200);
    const message = await messageBySid(res.sid);
    expect(message.media_count).toBe(2);
    expect(await listInboundMedia(h.deps.db, message.id)).toEqual([{ url: PHOTO.url, contentType: 'image/jpeg' }, { url: CARD.url, contentType: 'text/vcard' }]);

    expect(await handleInboundSms(h.deps.ctx, message.id)).toBe('media');
    const handled = await messageBySid(res.sid);
    expect([handled.classification, handled.needs_attention]).toEqual(['media', true]);
    expect(await repliesTo(kari!.phone)).toEqual([{ kind: 'media_not_read', body: renderText('en', 'media_not_read', {}) }]);
  });

  it('an unknown sender is told in Norwegian', async () => {
    const res = await mms('+4741777666', ' ', [PHOTO]);
    const message = await messageBySid(res.sid);
    expect(await handleInboundSms(h.deps.ctx, message.id)).toBe('unknown_sender');
    expect(await repliesTo('+4741777666')).toEqual([{ kind: 'media_not_read', body: renderText('nb', 'media_not_read', {}) }]);
  });

  it('text with a picture is read as text; the picture is kept', async () => {
    const [ola] = await createVolunteers(h, 1);
    const res = await mms(ola!.phone, 'Hei, her er kvitteringen', [PHOTO]);
    const message = await messageBySid(res.sid);
    await handleInboundSms(h.deps.ctx, message.id);
    expect((await messageBySid(res.sid)).classification).not.toBe('media');
    expect(await listInboundMedia(h.deps.db, message.id)).toHaveLength(1);
  });

  it('a count that lies or links that are not http(s) store only what is real', async () => {
    const res = await mms('+4741777665', '', [{ url: 'javascript:alert(1)', type: 'image/png' }, PHOTO], { NumMedia: '99' });
    const message = await messageBySid(res.sid);
    expect(await listInboundMedia(h.deps.db, message.id)).toEqual([{ url: PHOTO.url, contentType: 'image/jpeg' }]);
    const garbage = await mms('+4741777665', 'x', [], { NumMedia: 'abc', MediaUrl0: PHOTO.url });
    expect((await messageBySid(garbage.sid)).media_count).toBe(0);
  });
});
