import connectPgSimple from 'connect-pg-simple';
import type { RequestHandler } from 'express';
import session from 'express-session';
import type { Pool } from 'pg';
import type { Config } from '../config';

declare module 'express-session' {
  interface SessionData {
    coordinatorId: string;
    flash: { kind: 'ok' | 'error'; text: string };
  }
}

const TWELVE_HOURS_MS = 12 * 3600 * 1000;

/**
 * Server-side sessions in Postgres (the `session` table), so any web process can serve any request.
 * The cookie is HttpOnly and SameSite=Lax always, Secure in production (behind HTTPS).
 */
export function sessionMiddleware(config: Config, pool: Pool): RequestHandler {
  const PgStore = connectPgSimple(session);
  return session({
    name: 'svarja.sid',
    secret: config.sessionSecret,
    store: new PgStore({ pool, tableName: 'session', createTableIfMissing: false, pruneSessionInterval: 15 * 60 }),
    resave: false,
    saveUninitialized: false,
    rolling: true,
    cookie: { httpOnly: true, sameSite: 'lax', secure: config.env === 'production', maxAge: TWELVE_HOURS_MS },
  });
}
