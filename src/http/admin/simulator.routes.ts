import { randomBytes } from 'node:crypto';
import { Router, type Request } from 'express';
import { z } from 'zod';
import { countHeldSms, listLatestPhoneMessages, listOtherSenders, listPhoneMessagesSince, listRingingCalls, listSimulatedVolunteerPhones, type SimulatedPhone } from '../../db/simulator.repo';
import { DEMO_NURSING_HOME } from '../../demo/demo-data';
import { normalizePhone } from '../../domain/phone';
import { recordInboundSms } from '../../services/record-inbound-sms';
import { formatTime } from '../views/format';
import { heldText, simulatorPage, phoneAnchor } from '../views/simulator/simulator-page';
import { parseRequest } from '../validate';
import type { AdminDeps } from './admin-deps';
import { frameOf, redirectAfterSave, sendPage, setFlash } from './frame';
import { requireSystem } from './require-admin';
import { answerSimulatedCall, hangUpSimulatedCall, pressSimulatedKey, rejectSimulatedCall, ringServiceFrom, type SimulatedCall } from './simulator-voice';

const MAX_VOLUNTEER_PHONES = 30;
const MAX_OTHER_PHONES = 10;
const INITIAL_MESSAGES = 400;

const ShowQuery = z.object({ phone: z.string().max(40).optional() });
const SinceQuery = z.object({ after: z.string().regex(/^\d{1,18}$/).default('0') });
const SendBody = z.object({ from: z.string().trim().min(1).max(40), body: z.string().max(1600) });
const CallIdBody = z.object({ callId: z.string().regex(/^\d{1,18}$/) });
const RingBody = z.object({ from: z.string().trim().min(1).max(40) });
/** The call the phone is on, as the page holds it between steps. */
const OnCallBody = z.object({
  sid: z.string().regex(/^CA[0-9a-f]{32}$/),
  callId: z.string().regex(/^\d{1,18}$/).optional().or(z.literal('').transform(() => undefined)),
  phone: z.string().trim().min(1).max(40),
  direction: z.enum(['in', 'out']),
});
const KeyBody = OnCallBody.extend({ action: z.string().min(1).max(300), digits: z.string().regex(/^[0-9*#]?$/) });
/** Minutes an unanswered call rings on a simulated phone. */
const RING_MINUTES = 10;

function onCall(b: z.infer<typeof OnCallBody>): SimulatedCall {
  return { sid: b.sid, callId: b.callId ?? null, phone: b.phone, direction: b.direction };
}

/**
 * The phone simulator (SMS_TRANSPORT=simulator only, admins only: it shows every SMS, details
 * included). A text typed here is stored and handled exactly like a Twilio webhook's, only
 * without the signature, under a made-up MessageSid.
 */
export function simulatorRoutes(deps: AdminDeps): Router {
  const router = Router();
  const { ctx } = deps;
  router.use('/simulator', requireSystem('use_simulator', 'simulator'));

  router.get('/simulator', async (req, res) => {
    const { phone } = parseRequest(ShowQuery, req.query);
    const phones = await phonesToShow(deps, phone);
    const [{ messages, cursor }, held] = await Promise.all([listLatestPhoneMessages(ctx.db, INITIAL_MESSAGES), countHeldSms(ctx.db, ctx.now())]);
    sendPage(res, simulatorPage(frameOf(res), { phones, messages, cursor, serviceNumber: ctx.settings.serviceNumber, centreName: ctx.settings.centre.name, held }));
  });

  router.get('/simulator/messages', async (req, res) => {
    const { after } = parseRequest(SinceQuery, req.query);
    const [{ messages, cursor }, held, calls] = await Promise.all([listPhoneMessagesSince(ctx.db, after, 200), countHeldSms(ctx.db, ctx.now()), listRingingCalls(ctx.db, ctx.now(), RING_MINUTES)]);
    res.set('Cache-Control', 'no-store').json({ cursor, messages: messages.map((m) => ({ ...m, time: formatTime(m.at) })), held: { count: held.count, text: heldText(held) }, calls });
  });

  // Calls (issue 15): simulator.js drives these; each step goes through the voice webhooks.
  router.post('/simulator/call/answer', async (req, res) => {
    const { callId } = parseRequest(CallIdBody, req.body);
    const answered = await answerSimulatedCall(ctx, callId);
    if (!answered) return void res.status(409).json({ error: 'not_ringing' });
    res.json(answered);
  });

  router.post('/simulator/call/reject', async (req, res) => {
    const { callId } = parseRequest(CallIdBody, req.body);
    res.status((await rejectSimulatedCall(ctx, callId)) ? 200 : 409).json({ ok: true });
  });

  router.post('/simulator/call/ring', async (req, res) => {
    const { from } = parseRequest(RingBody, req.body);
    const number = normalizePhone(from);
    res.json(await ringServiceFrom(ctx, number.ok ? number.e164 : from));
  });

  router.post('/simulator/call/key', async (req, res) => {
    const body = parseRequest(KeyBody, req.body);
    res.json({ screen: await pressSimulatedKey(ctx, onCall(body), body.action, body.digits) });
  });

  router.post('/simulator/call/hangup', async (req, res) => {
    await hangUpSimulatedCall(ctx, onCall(parseRequest(OnCallBody, req.body)));
    res.json({ ok: true });
  });

  router.post('/simulator/send', async (req, res) => {
    const sms = parseRequest(SendBody, req.body);
    if (sms.body.trim() !== '') {
      const messageSid = `SM${randomBytes(16).toString('hex')}`;
      await recordInboundSms(ctx, { messageSid, from: sms.from, to: ctx.settings.serviceNumber, body: sms.body });
    }
    if (wantsJson(req)) {
      res.status(202).json({ ok: true });
      return;
    }
    if (sms.body.trim() === '') setFlash(req, 'error', 'Skriv en melding før du sender.');
    const number = normalizePhone(sms.from);
    redirectAfterSave(req, res, `/admin/simulator?phone=${encodeURIComponent(number.ok ? number.e164 : sms.from)}#${phoneAnchor(sms.from)}`);
  });

  return router;
}

function wantsJson(req: Request): boolean {
  return req.accepts(['html', 'json']) === 'json';
}

/** Volunteers first, then the demo nursing home, the coordinator's phone and anyone else who texted. */
async function phonesToShow(deps: AdminDeps, requested: string | undefined): Promise<SimulatedPhone[]> {
  const phones = await listSimulatedVolunteerPhones(deps.ctx.db, MAX_VOLUNTEER_PHONES);
  const add = (phone: SimulatedPhone) => {
    if (!phones.some((p) => p.phone === phone.phone)) phones.push(phone);
  };
  add({ ...DEMO_NURSING_HOME });
  if (deps.config.coordinatorPhone) add({ phone: deps.config.coordinatorPhone, name: 'Koordinator' });
  for (const phone of await listOtherSenders(deps.ctx.db, MAX_OTHER_PHONES)) add({ phone, name: 'Ukjent nummer' });
  if (requested?.trim()) {
    const number = normalizePhone(requested);
    add({ phone: number.ok ? number.e164 : requested.trim(), name: 'Ukjent nummer' });
  }
  return phones;
}
