import { Router, type RequestHandler, type Response } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import { RedisStore, type RedisReply } from 'rate-limit-redis';
import { withTimeout } from '../../timeout';
import type Redis from 'ioredis';
import { insertAuditEvent } from '../../db/audit.repo';
import { authenticateCoordinator, coordinatorActor } from '../../services/authenticate-coordinator';
import type { ServiceContext } from '../../services/context';
import { findCoordinator } from '../../db/coordinator.repo';
import { formBody } from '../input/body-parsers';
import { checkLoginToken, issueLoginToken, rememberCoordinator, takeReturnTo } from '../login-cookies';
import { deleteFormStash, findFormStash } from '../../db/form-stash.repo';
import { isStashId } from '../admin/form-resume';
import { redirectAfterSave, sendPage } from '../admin/frame';
import { csrfInput } from '../views/form';
import { html } from '../views/html';
import { barePage } from '../views/layout';

export interface LoginDeps {
  ctx: ServiceContext;
  redis: Redis;
  keyPrefix: string;
  /** The session's CSRF protection, for logging out. */
  csrf: { protect: RequestHandler };
  /** Signs the login form's CSRF cookie (the session secret). */
  secret: string;
  secureCookies: boolean;
}

function loginPage(csrfToken: string, email: string, error?: string, resume?: string) {
  return barePage('Logg inn', html`
<h1>Logg inn</h1>
${resume ? html`<p class="flash ok" role="status">Du ble logget ut. Logg inn igjen, så får du skjemaet tilbake slik du fylte det ut.</p>` : ''}
${error ? html`<p class="flash error" role="alert">${error}</p>` : ''}
<form class="stack" method="post" action="/login">
  ${csrfInput(csrfToken)}
  ${resume ? html`<input type="hidden" name="resume" value="${resume}">` : ''}
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
  const form = formBody({ limit: '10kb', parameterLimit: 20 });

  const newToken = (res: Response) => issueLoginToken(res, deps.secret, deps.secureCookies);
  // Before logging in, the CSRF token lives in a signed cookie, not the session (no row per visit).
  const protectLogin: RequestHandler = (req, _res, next) => {
    if (checkLoginToken(req, deps.secret, (req.body as { _csrf?: unknown } | undefined)?._csrf)) return next();
    next(Object.assign(new Error('invalid login csrf token'), { code: 'EBADCSRFTOKEN' }));
  };

  router.get('/login', (req, res) => {
    const resume = isStashId(req.query.resume) ? req.query.resume : undefined;
    sendPage(res, loginPage(newToken(res), '', undefined, resume));
  });

  /** Back to a stashed form's page when it is this coordinator's; someone else's is discarded. */
  const resumeTarget = async (resume: unknown, coordinatorId: string): Promise<string | undefined> => {
    if (!isStashId(resume)) return undefined;
    const stash = await findFormStash(deps.ctx.db, resume, deps.ctx.now());
    if (!stash) return undefined;
    if (stash.coordinatorId !== coordinatorId) {
      await deleteFormStash(deps.ctx.db, resume);
      return undefined;
    }
    return `${stash.path}${stash.path.includes('?') ? '&' : '?'}restored=${resume}`;
  };

  router.post('/login', ...form, loginRateLimit(deps.redis, deps.keyPrefix), protectLogin, async (req, res) => {
    const email = String(req.body.email ?? '');
    const coordinator = await authenticateCoordinator(deps.ctx, email, String(req.body.password ?? ''));
    if (!coordinator) {
      const resume = isStashId(req.body.resume) ? req.body.resume : undefined;
      sendPage(res, loginPage(newToken(res), email, 'Feil e-post eller passord.', resume), 401);
      return;
    }
    const lastPage = takeReturnTo(req, res);
    const returnTo = (await resumeTarget(req.body.resume, coordinator.id)) ?? lastPage;
    rememberCoordinator(res, deps.secret, coordinator.id, deps.secureCookies);
    // A new session id at login: a session fixed before login is worth nothing after it.
    req.session.regenerate((err) => {
      if (err) throw err;
      req.session.coordinatorId = coordinator.id;
      redirectAfterSave(req, res, returnTo);
    });
  });

  router.post('/logout', ...form, deps.csrf.protect, async (req, res) => {
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
