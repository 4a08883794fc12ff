import express, { type Express } from 'express';
import helmet from 'helmet';
import type { Deps } from './deps';
import { requireApiToken } from './http/auth';
import { errorHandler } from './http/error-handler';
import { apiRoutes } from './http/routes/api';
import { healthRoutes } from './http/routes/health';
import { simulatorRoutes } from './http/routes/simulator';
import { twilioWebhookRoutes } from './http/routes/twilio-webhooks';

/** The Express app, without listen(): tests mount it on their own server. */
export function createApp(deps: Pick<Deps, 'config' | 'ctx' | 'log'>): Express {
  const { config, ctx, log } = deps;
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', true);
  app.use(helmet());

  app.use(healthRoutes());
  app.use('/webhooks/twilio', twilioWebhookRoutes(ctx, { authToken: config.twilioAuthToken, publicBaseUrl: config.publicBaseUrl }));

  const api = express.Router();
  api.use(express.json({ limit: '100kb' }), requireApiToken(config.apiToken));
  api.use(apiRoutes(ctx));
  if (config.smsTransport === 'simulator') api.use('/simulator', simulatorRoutes(ctx));
  app.use('/api', api);

  app.use((_req, res) => {
    res.status(404).json({ error: 'not_found', message: 'no such route' });
  });
  app.use(errorHandler(log));
  return app;
}
