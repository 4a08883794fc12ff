import { randomBytes } from 'node:crypto';
import { Router } from 'express';
import { z } from 'zod';
import { can } from '../../domain/access';
import { normalizePhone } from '../../domain/phone';
import type { ServiceContext } from '../../services/context';
import { recordInboundSms } from '../../services/record-inbound-sms';
import { actorOf } from '../auth';
import { sendApiForbidden } from '../forbidden';
import { parseRequest } from '../validate';

const InjectBody = z.object({
  from: z.string().min(1).max(40),
  body: z.string().max(1600),
});
const PhoneQuery = z.object({ phone: z.string().min(1).max(40).optional() });

/**
 * SMS_TRANSPORT=simulator: replies are injected into the very same inbound pipeline a Twilio
 * webhook uses (only the signature check is skipped), and outbound SMS can be read back. Admins
 * and the service token only, as /admin/simulator: it shows every SMS (details included) and can
 * speak for any number.
 */
export function simulatorRoutes(ctx: ServiceContext): Router {
  const router = Router();
  router.use((_req, res, next) => {
    if (can(actorOf(res), 'use_simulator', { kind: 'system' })) return next();
    sendApiForbidden(res, 'the simulator is for admins only');
  });

  router.post('/inbound', async (req, res) => {
    const body = parseRequest(InjectBody, req.body);
    const messageSid = `SM${randomBytes(16).toString('hex')}`;
    const result = await recordInboundSms(ctx, { messageSid, from: body.from, to: ctx.settings.serviceNumber, body: body.body });
    res.status(202).json({ messageSid, messageId: result.messageId });
  });

  router.get('/messages', async (req, res) => {
    const { phone } = parseRequest(PhoneQuery, req.query);
    let q = ctx.db.selectFrom('message')
      .select(['id', 'direction', 'from_phone', 'to_phone', 'body', 'kind', 'status', 'task_id', 'offer_id', 'created_at'])
      .orderBy('id', 'desc').limit(200);
    if (phone) {
      const p = normalizePhone(phone);
      const number = p.ok ? p.e164 : phone;
      q = q.where((eb) => eb.or([eb('to_phone', '=', number), eb('from_phone', '=', number)]));
    }
    res.json({ messages: (await q.execute()).reverse() });
  });

  return router;
}
