import { randomBytes } from 'node:crypto';
import type { Request, RequestHandler, Response } from 'express';
import { insertFormStash, takeFormStash, type StashedFields } from '../../db/form-stash.repo';
import type { ServiceContext } from '../../services/context';
import { rememberedCoordinator } from '../login-cookies';

/**
 * A form posted after the session ended is not lost (issue 13). Its text fields are stashed for the
 * coordinator who last logged in with this browser, the browser goes to /login?resume=<id>, and
 * after that coordinator logs in again the form's page is shown filled (never submitted for them:
 * they press save again, with a fresh CSRF token).
 */
const STASH_MINUTES = 30;
const MAX_FIELDS = 200;
const MAX_JSON_CHARS = 64 * 1024;
/** Never kept: passwords, tokens, secrets (files are never in req.body). */
const SECRET_FIELD = /^_csrf$|pass(word|ord)|token|secret/i;
const STASH_ID = /^[A-Za-z0-9_-]{32}$/;

export function isStashId(id: unknown): id is string {
  return typeof id === 'string' && STASH_ID.test(id);
}

/** An /admin path on this site (no scheme, no host, no `//` or backslash tricks), or undefined. */
export function sameSiteAdminPath(candidate: string | undefined, req: Request): string | undefined {
  if (!candidate) return undefined;
  let url: URL;
  try {
    url = new URL(candidate, `${req.protocol}://${req.get('host') ?? 'localhost'}`);
  } catch {
    return undefined;
  }
  if (url.origin !== `${req.protocol}://${req.get('host') ?? 'localhost'}`) return undefined;
  if (!/^\/admin(\/|$)/.test(url.pathname) || url.pathname.includes('//') || url.pathname.includes('\\')) return undefined;
  url.searchParams.delete('restored');
  const path = url.pathname + url.search;
  return path.length <= 2000 ? path : undefined;
}

/**
 * A form from this site's own pages: not JSON, not a script (those send X-CSRF-Token and keep
 * getting the plain redirect), not another site's form (Origin or Sec-Fetch-Site say so).
 */
function isOwnFormPost(req: Request): boolean {
  if (!req.is(['application/x-www-form-urlencoded', 'multipart/form-data'])) return false;
  if (req.header('x-csrf-token')) return false;
  // Browsers say where a request comes from in Sec-Fetch-Site (a page cannot set it); with it,
  // Origin may be `null`. Without it, Origin must be this site's when it is sent at all.
  const site = req.header('sec-fetch-site');
  if (site) return site === 'same-origin';
  const origin = req.header('origin');
  return !origin || origin === `${req.protocol}://${req.get('host') ?? ''}`;
}

/** The fields worth giving back, or undefined when there are too many or they are too large. */
function keepableFields(body: unknown): StashedFields | undefined {
  if (!body || typeof body !== 'object') return undefined;
  const fields: StashedFields = {};
  for (const [name, value] of Object.entries(body as Record<string, unknown>)) {
    if (SECRET_FIELD.test(name)) continue;
    if (typeof value === 'string' || (Array.isArray(value) && value.every((v) => typeof v === 'string'))) fields[name] = value as string | string[];
  }
  const n = Object.keys(fields).length;
  if (n === 0 || n > MAX_FIELDS || JSON.stringify(fields).length > MAX_JSON_CHARS) return undefined;
  return fields;
}

/** Runs handlers one after another, as a router would; `done` gets the first error or nothing. */
function runAll(handlers: RequestHandler[], req: Request, res: Response, done: (err?: unknown) => void): void {
  const step = (i: number) => (err?: unknown) => {
    if (err) return done(err);
    const handler = handlers[i];
    if (!handler) return done();
    try {
      void handler(req, res, step(i + 1));
    } catch (e) {
      done(e);
    }
  };
  step(0)();
}

/**
 * For a POST without a session: when this browser's last coordinator is known and the post is a
 * form from this site, its body is read (with `parsers`) and stashed, and the browser goes to
 * /login?resume=<id>. Anything else (or a body that cannot be read, or nothing worth keeping) goes
 * to /login as before, unread.
 */
export function stashLoggedOutPost(ctx: Pick<ServiceContext, 'db' | 'now'>, secret: string, parsers: RequestHandler[]): RequestHandler {
  return (req, res, next) => {
    const toLogin = () => res.redirect(303, '/login');
    const coordinatorId = rememberedCoordinator(req, secret);
    const path = sameSiteAdminPath(req.header('referer'), req) ?? sameSiteAdminPath(req.originalUrl, req);
    if (!coordinatorId || !path || !isOwnFormPost(req)) return toLogin();
    runAll(parsers, req, res, (err) => {
      const fields = err ? undefined : keepableFields(req.body);
      if (!fields) return toLogin();
      const id = randomBytes(24).toString('base64url');
      const expiresAt = new Date(ctx.now().getTime() + STASH_MINUTES * 60_000);
      insertFormStash(ctx.db, { id, coordinatorId, path, fields }, expiresAt).then(() => res.redirect(303, `/login?resume=${id}`), next);
    });
  };
}

/**
 * On a logged-in GET with `?restored=<id>`: the stashed fields, taken (single use) when the stash
 * is this coordinator's and was made for this page; undefined otherwise.
 */
export async function takeRestoredFields(ctx: Pick<ServiceContext, 'db' | 'now'>, req: Request, res: Response, coordinatorId: string): Promise<StashedFields | undefined> {
  const id = req.query.restored;
  if (req.method !== 'GET' || !isStashId(id) || res.headersSent) return undefined;
  const stash = await takeFormStash(ctx.db, id, coordinatorId, ctx.now());
  if (!stash) return undefined;
  return new URL(stash.path, 'http://x').pathname === new URL(req.originalUrl, 'http://x').pathname ? stash.fields : undefined;
}
