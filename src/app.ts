import express, { type Express } from 'express';
import helmet from 'helmet';
import type { Deps } from './deps';
import { adminRouter } from './http/admin/admin-router';
import { requireApiToken } from './http/auth';
import { createCsrf } from './http/csrf';
import { errorHandler } from './http/error-handler';
import { notFound } from './http/not-found';
import { jsonBody, refuseUnreadableText } from './http/input/body-parsers';
import { requireMetricsToken } from './http/metrics-auth';
import { apiRoutes } from './http/routes/api';
import { intakeRoutes } from './http/routes/intake';
import { requesterRoutes } from './http/routes/requesters';
import { healthRoutes } from './http/routes/health';
import { loginRoutes } from './http/routes/login';
import { simulatorRoutes } from './http/routes/simulator';
import { twilioWebhookRoutes } from './http/routes/twilio-webhooks';
import { twilioVoiceRoutes } from './http/routes/twilio-voice';
import { sessionMiddleware } from './http/session';
import { staticFiles } from './http/static-files';
import { TaskEventHub } from './live/task-events';
import { createMetrics } from './metrics/metrics';

export interface Web {
  app: Express;
  close(): Promise<void>;
}

/** The Express app, without listen(): tests mount it on their own server. */
export function createApp(deps: Deps, hub: TaskEventHub): Express {
  const { config, ctx, log } = deps;
  const app = express();
  app.disable('x-powered-by');
  // Only the proxies the deployment names (TRUST_PROXY) may tell us the client's address.
  app.set('trust proxy', config.trustProxy);
  // Query strings are checked once for every route (bodies by the parsers in http/input).
  app.use(refuseUnreadableText('query'));

  const metrics = createMetrics({ db: deps.db, queues: deps.queues });
  // Twilio's webhooks first: the busiest route by far, and nothing below is for Twilio (helmet's
  // headers are for browsers; health, metrics and static files never match its paths).
  app.use('/webhooks/twilio', twilioWebhookRoutes(ctx, { authToken: config.twilioAuthToken, publicBaseUrl: config.publicBaseUrl, timer: metrics.webhookTimer }));
  app.use('/webhooks/twilio/voice', twilioVoiceRoutes(ctx, { authToken: config.twilioAuthToken, publicBaseUrl: config.publicBaseUrl, timer: metrics.webhookTimer }));
  // Referer only within the site (helmet's default sends none): a form posted after the session
  // ended is given back on the page it was filled on (see http/admin/form-resume.ts).
  app.use(helmet({ referrerPolicy: { policy: 'same-origin' } }));
  app.use(healthRoutes({ db: deps.db, redis: deps.redis }));
  app.get('/metrics', requireMetricsToken(config.metricsToken), async (_req, res) => {
    res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });
  app.use('/static', staticFiles());
  // Browsers ask for /favicon.ico on their own; the icon is the SVG the pages link to.
  app.get('/favicon.ico', (_req, res) => res.redirect(301, '/static/favicon.svg'));

  const api = express.Router();
  api.use(...jsonBody('100kb'), requireApiToken(ctx, config.apiToken));
  api.use(apiRoutes(ctx));
  api.use(intakeRoutes());
  api.use(requesterRoutes(ctx));
  if (config.smsTransport === 'simulator') api.use('/simulator', simulatorRoutes(ctx));
  app.use('/api', api);

  const csrf = createCsrf();
  app.use(sessionMiddleware(config, deps.pool));
  app.use(loginRoutes({ ctx, redis: deps.redis, keyPrefix: config.queuePrefix, csrf, secret: config.sessionSecret, secureCookies: config.env === 'production' }));
  app.get('/', (_req, res) => res.redirect(302, '/admin'));
  if (config.smsTransport === 'simulator') app.get('/simulator', (_req, res) => res.redirect(302, '/admin/simulator'));
  app.use('/admin', adminRouter({ config, ctx, hub, csrf, queues: Object.values(deps.queues.byName) }));

  app.use(notFound());
  app.use(errorHandler(log));
  return app;
}

/** The app plus its live-update subscriber (one Redis subscription per web process). */
export async function createWeb(deps: Deps): Promise<Web> {
  const hub = new TaskEventHub(deps.redis.duplicate(), deps.config.queuePrefix, deps.log);
  await hub.start();
  return { app: createApp(deps, hub), close: () => hub.close() };
}
