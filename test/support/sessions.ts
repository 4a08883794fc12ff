import type { Harness } from './harness';

/** A browser-less session: the cookie and the CSRF token its forms carry. */
export interface WebSession { cookie: string; csrf: string }

function csrfIn(html: string): string {
  const token = /name="_csrf" value="([^"]+)"/.exec(html)?.[1];
  if (!token) throw new Error('no CSRF token on the page');
  return token;
}

/** Every cookie the response sets, over the previous ones (the login page sets its CSRF cookie, login the session). */
function cookieOf(res: Response, previous = ''): string {
  const jar = new Map(previous.split('; ').filter(Boolean).map((c) => [c.split('=')[0]!, c] as const));
  for (const set of res.headers.getSetCookie()) {
    const pair = set.split(';')[0]!;
    jar.set(pair.split('=')[0]!, pair);
  }
  return [...jar.values()].join('; ');
}

/** Opens /login: a fresh session cookie and its CSRF token, as a browser would have them. */
export async function openLoginPage(h: Harness, headers: Record<string, string> = {}): Promise<WebSession> {
  const res = await fetch(`${h.baseUrl}/login`, { headers });
  return { cookie: cookieOf(res), csrf: csrfIn(await res.text()) };
}

/** Posts the login form; the response as it came (303 on success). */
export async function postLogin(h: Harness, session: WebSession, email: string, password: string, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${h.baseUrl}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie: session.cookie, 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams({ email, password, _csrf: session.csrf }).toString(),
  });
}

/** Logs in and returns the logged-in session with the CSRF token of its pages. */
export async function logInWithFetch(h: Harness, email: string, password: string): Promise<WebSession> {
  const login = await openLoginPage(h);
  const res = await postLogin(h, login, email, password);
  if (res.status !== 303) throw new Error(`login answered ${res.status}`);
  const cookie = cookieOf(res, login.cookie);
  const page = await fetch(`${h.baseUrl}/admin/account`, { headers: { cookie } });
  return { cookie, csrf: csrfIn(await page.text()) };
}
