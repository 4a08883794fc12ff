import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Request, Response } from 'express';

/**
 * What the login page needs before anyone has logged in, kept in two short-lived cookies instead of
 * the session: a session row is stored only once something belongs in it (a logged-in coordinator),
 * so anonymous visits to /login and /admin/* write nothing to Postgres.
 *
 * - the login form's CSRF token (double submit: the form's token must match the cookie's, and the
 *   cookie is HMAC-signed with SESSION_SECRET so no other site can choose it);
 * - where to go after logging in (only an /admin path is ever followed).
 */
const TOKEN_COOKIE = 'svarja.login';
const RETURN_COOKIE = 'svarja.return';
const WHO_COOKIE = 'svarja.who';
const OPTIONS = { httpOnly: true, sameSite: 'lax', path: '/', maxAge: 3600_000 } as const;

function sign(secret: string, token: string): string {
  return createHmac('sha256', secret).update(`login-csrf:${token}`).digest('base64url');
}

function readCookie(req: Request, name: string): string | undefined {
  for (const part of (req.header('cookie') ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) {
      try {
        return decodeURIComponent(part.slice(eq + 1).trim());
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** A fresh token for the login form, and its signed cookie. */
export function issueLoginToken(res: Response, secret: string, secure: boolean): string {
  const token = randomBytes(18).toString('base64url');
  res.cookie(TOKEN_COOKIE, `${token}.${sign(secret, token)}`, { ...OPTIONS, secure });
  return token;
}

/** Whether the posted token is the one in this browser's signed cookie. */
export function checkLoginToken(req: Request, secret: string, posted: unknown): boolean {
  const [token, signature] = (readCookie(req, TOKEN_COOKIE) ?? '').split('.');
  if (!token || !signature || typeof posted !== 'string') return false;
  return sameText(signature, sign(secret, token)) && sameText(posted, token);
}

export function rememberReturnTo(res: Response, url: string, secure: boolean): void {
  if (url.startsWith('/admin') && url.length <= 2000) res.cookie(RETURN_COOKIE, url, { ...OPTIONS, secure });
}

/** The /admin page to go to after logging in (the cookie is cleared), or /admin. */
export function takeReturnTo(req: Request, res: Response): string {
  const url = readCookie(req, RETURN_COOKIE);
  res.clearCookie(TOKEN_COOKIE, { path: '/' }).clearCookie(RETURN_COOKIE, { path: '/' });
  return url?.startsWith('/admin') ? url : '/admin';
}

/**
 * Who last logged in with this browser (signed, HttpOnly, a day): a form posted after the session
 * ended is stashed for that coordinator only (see form-resume.ts). Kept after logging out.
 */
export function rememberCoordinator(res: Response, secret: string, coordinatorId: string, secure: boolean): void {
  const mac = createHmac('sha256', secret).update(`who:${coordinatorId}`).digest('base64url');
  res.cookie(WHO_COOKIE, `${coordinatorId}.${mac}`, { ...OPTIONS, maxAge: 24 * 3600_000, secure });
}

/** The coordinator id of a valid `rememberCoordinator` cookie, or undefined. */
export function rememberedCoordinator(req: Request, secret: string): string | undefined {
  const [id, mac] = (readCookie(req, WHO_COOKIE) ?? '').split('.');
  if (!id || !mac || !/^\d{1,18}$/.test(id)) return undefined;
  return sameText(mac, createHmac('sha256', secret).update(`who:${id}`).digest('base64url')) ? id : undefined;
}
