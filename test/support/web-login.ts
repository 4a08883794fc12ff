import { createCoordinator } from '../../src/services/create-coordinator';
import { findOrCreateUnit } from '../../src/db/coordinator.repo';
import type { Harness } from './harness';

/** A browser's cookies and the CSRF token of its pages, for fetch-based admin requests. */
export interface WebLogin {
  cookie: string;
  csrf: string;
}

/** Cookies a response sets, merged into a Cookie header (later values win). */
export function mergeCookies(cookie: string, res: Response): string {
  const jar = new Map(cookie.split('; ').filter(Boolean).map((c) => [c.split('=')[0]!, c] as const));
  for (const set of res.headers.getSetCookie()) {
    const pair = set.split(';')[0]!;
    jar.set(pair.split('=')[0]!, pair);
  }
  return [...jar.values()].join('; ');
}

export function csrfFrom(htmlText: string): string {
  const token = /name="_csrf" value="([^"]+)"/.exec(htmlText)?.[1];
  if (!token) throw new Error('no CSRF token on the page');
  return token;
}

/** An admin account logged in through the real login form. */
export async function logInWithFetch(h: Harness, opts: { email: string; role?: 'admin' | 'coordinator'; unit?: string }): Promise<WebLogin> {
  const unit = await findOrCreateUnit(h.deps.db, opts.unit ?? 'Frivilligsentralen');
  const password = 'riktig-passord-123';
  const made = await createCoordinator(h.deps.ctx, 'cli', { email: opts.email, name: 'Test', password, role: opts.role ?? 'admin', unitId: unit.id });
  if (!made.ok) throw new Error(`account not created: ${made.message}`);
  const form = await fetch(`${h.baseUrl}/login`);
  let cookie = mergeCookies('', form);
  const login = await fetch(`${h.baseUrl}/login`, {
    method: 'POST', redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
    body: new URLSearchParams({ email: opts.email, password, _csrf: csrfFrom(await form.text()) }).toString(),
  });
  if (login.status !== 303) throw new Error(`login answered ${login.status}`);
  cookie = mergeCookies(cookie, login);
  const page = await fetch(`${h.baseUrl}/admin/account`, { headers: { cookie } });
  return { cookie, csrf: csrfFrom(await page.text()) };
}
