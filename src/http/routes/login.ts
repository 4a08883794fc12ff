import express, { Router, type Request, type RequestHandler } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import { RedisStore, type RedisReply } from 'rate-limit-redis';
import { withTimeout } from '../../timeout';
import type Redis from 'ioredis';
import { insertAuditEvent } from '../../db/audit.repo';
import { authenticateCoordinator, coordinatorActor } from '../../services/authenticate-coordinator';
import type { ServiceContext } from '../../services/context';
import { findCoordinator } from '../../db/coordinator.repo';
import { redirectAfterSave, sendPage } from '../admin/frame';
import { csrfInput } from '../views/form';
import { html } from '../views/html';
import { barePage } from '../views/layout';

export interface LoginDeps {
  ctx: ServiceContext;
  redis: Redis;
  keyPrefix: string;
  csrf: { protect: RequestHandler; tokenFor: (req: Request) => string };
}

function loginPage(csrfToken: string, email: string, error?: string) {
  return barePage('Logg inn', html`
<h1>Logg inn</h1>
${error ? html`<p class="flash error" role="alert">${error}</p>` : ''}
<form class="stack" method="post" action="/login">
  ${csrfInput(csrfToken)}
  <div class="field"><label for="email">E-post</label><input id="email" name="email" type="email" autocomplete="username" required value="${email}"></div>
  <div class="field"><label for="password">Passord</label><input id="password" name="password" type="password" autocomplete="current-password" required></div>
  <div><button type="submit">Logg inn</button></div>
</form>`);
}

/** Failed logins per e-mail and address: 10 per 15 minutes, shared by every web process through Redis. */
function loginRateLimit(redis: Redis, keyPrefix: string): RequestHandler {
  return rateLimit({
    windowMs: 15 * 60_000,
    limit: 10,
    skipSuccessfulRequests: true,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    keyGenerator: (req) => `${ipKeyGenerator(req.ip ?? '')}|${String((req.body as { email?: unknown })?.email ?? '').trim().toLowerCase()}`,
    // Bounded: with Redis away a login fails at once (closed, not open to guessing) instead of hanging.
    store: new RedisStore({ prefix: `${keyPrefix}:login:`, sendCommand: (command: string, ...args: string[]) => withTimeout(redis.call(command, ...args) as Promise<RedisReply>, 2_000, 'Redis (login rate limit)') }),
    handler: (_req, res) => {
      sendPage(res, barePage('For mange forsøk', html`<h1>For mange forsøk</h1><p>Det har vært for mange mislykkede innlogginger. Vent et kvarter og prøv igjen.</p>`), 429);
    },
  });
}

export function loginRoutes(deps: LoginDeps): Router {
  const router = Router();
  const form = express.urlencoded({ extended: false, limit: '10kb' });

  router.get('/login', (req, res) => {
    sendPage(res, loginPage(deps.csrf.tokenFor(req), ''));
  });

  router.post('/login', form, loginRateLimit(deps.redis, deps.keyPrefix), deps.csrf.protect, async (req, res) => {
    const email = String(req.body.email ?? '');
    const coordinator = await authenticateCoordinator(deps.ctx, email, String(req.body.password ?? ''));
    if (!coordinator) {
      sendPage(res, loginPage(deps.csrf.tokenFor(req), email, 'Feil e-post eller passord.'), 401);
      return;
    }
    const returnTo = req.session.returnTo;
    // A new session id at login: a session fixed before login is worth nothing after it.
    req.session.regenerate((err) => {
      if (err) throw err;
      req.session.coordinatorId = coordinator.id;
      redirectAfterSave(req, res, returnTo?.startsWith('/admin') ? returnTo : '/admin');
    });
  });

  router.post('/logout', form, deps.csrf.protect, async (req, res) => {
    const id = req.session.coordinatorId;
    const coordinator = id ? await findCoordinator(deps.ctx.db, id) : undefined;
    if (coordinator) await insertAuditEvent(deps.ctx.db, coordinatorActor(coordinator), { action: 'logout' }, deps.ctx.now());
    req.session.destroy(() => {
      res.clearCookie('svarja.sid');
      res.redirect(303, '/login');
    });
  });

  return router;
}
