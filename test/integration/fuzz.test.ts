import twilio from 'twilio';
import { API_TOKEN, startHarness, type Harness } from '../support/harness';
import { createTask, createVolunteers } from '../support/flows';
import { fuzzCorpus, type FuzzInput } from '../support/fuzz-corpus';
import { closeFuzzAgent, rawRequest, type RawResponse } from '../support/fuzz-client';
import { countRows } from '../support/row-counts';
import { listRoutes, type AppRoute } from '../support/fuzz-routes';
import { csrfFrom, logInWithFetch, mergeCookies, type WebLogin } from '../support/web-login';

/**
 * Every route the app has (read from its router stack) gets the bad inputs of the corpus. None may
 * answer 5xx or drop the connection, and a request that is refused (4xx) may store nothing.
 */
const SEED = 20261203;
const RANDOM_INPUTS = 250;
/** Random inputs each route gets, taken in turn from the random part of the corpus. */
const RANDOM_PER_ROUTE = 4;
/** A route that answered this many inputs alike (a method or login check in front of it) gets every 8th of the rest. */
const SETTLED_AFTER = 10;
/** Writes a refusal may make by design: a failed login is audited. */
const ALLOWED_ON_REFUSAL: Record<string, string[]> = { 'POST /login': ['audit_event'] };

let h: Harness;
let admin: WebLogin;
let loginForm: { cookie: string; token: string };
let adminSeq = 0;

beforeAll(async () => {
  h = await startHarness({ workers: false, env: { SMS_TRANSPORT: 'simulator' } });
  await createVolunteers(h, 2);
  await createTask(h);
  admin = await newAdmin();
  const page = await fetch(`${h.baseUrl}/login`);
  loginForm = { cookie: mergeCookies('', page), token: csrfFrom(await page.text()) };
}, 60_000);
afterAll(async () => {
  closeFuzzAgent();
  await h.close();
});

function newAdmin(): Promise<WebLogin> {
  adminSeq += 1;
  return logInWithFetch(h, { email: `fuzz-admin-${adminSeq}@x.no`, role: 'admin' });
}

const DEFAULT_PARAM: Record<string, string> = { id: '1', jobId: '1', queueStatus: 'failed', schedulerId: 'x' };

function fillPath(route: AppRoute, input: FuzzInput, queueName: string): string {
  const path = route.method === 'USE' ? `${route.path}/${input.segment ?? 'x.js'}` : route.path.replace(/\{?[:*](\w+)\}?/g, (_m, name: string) => input.segment ?? (name === 'queueName' ? queueName : DEFAULT_PARAM[name] ?? '1'));
  return input.query === undefined ? path : `${path}?${input.query}`;
}

/** What a client of this route would send besides the input: credentials, the CSRF token, a signature. */
function requestFor(route: AppRoute, input: FuzzInput, path: string, anonymous: boolean) {
  const method = route.method === 'USE' ? (input.body ? 'POST' : 'GET') : route.method;
  const headers: Record<string, string> = {};
  let body = method === 'GET' || method === 'HEAD' ? undefined : input.body?.data;
  if (body && input.body?.contentType) headers['content-type'] = input.body.contentType;
  const isAdmin = /^\/(admin|simulator)/.test(route.path);
  if (!anonymous && route.path.startsWith('/api')) headers.authorization = `Bearer ${API_TOKEN}`;
  if (!anonymous && isAdmin) {
    headers.cookie = admin.cookie;
    headers['x-csrf-token'] = admin.csrf;
  }
  if (!anonymous && route.path === '/login') headers.cookie = loginForm.cookie;
  const token = isAdmin ? admin.csrf : route.path === '/login' ? loginForm.token : undefined;
  if (body && input.body?.form && token && !input.headers?.['content-encoding']) body = Buffer.concat([body, Buffer.from(`&_csrf=${encodeURIComponent(token)}`)]);
  if (body && input.body?.form && route.path.startsWith('/webhooks')) {
    const params = Object.fromEntries(new URLSearchParams(body.toString('latin1')));
    headers['x-twilio-signature'] = twilio.getExpectedTwilioSignature(h.fake.authToken, h.config.publicBaseUrl + path, params);
  }
  return { method, path, body, headers: { ...headers, ...input.headers } };
}

function inputsFor(route: AppRoute, named: FuzzInput[], random: FuzzInput[], routeIndex: number): FuzzInput[] {
  const hasParams = /[:*]/.test(route.path) || route.method === 'USE';
  const sendsBody = route.method !== 'GET' && route.method !== 'HEAD';
  const fits = (i: FuzzInput) => (i.segment !== undefined ? hasParams : i.body ? sendsBody : true);
  const start = (routeIndex * RANDOM_PER_ROUTE) % random.length;
  const sample = [...random, ...random].slice(start, start + RANDOM_PER_ROUTE);
  return [...named, ...sample].filter(fits);
}

function changedTables(before: Record<string, number>, after: Record<string, number>): string[] {
  return Object.keys(after).filter((t) => after[t] !== before[t]);
}

it('no bad input gives a 5xx on any route, and a refused request stores nothing', async () => {
  const started = Date.now();
  const corpus = fuzzCorpus(SEED, RANDOM_INPUTS);
  const named = corpus.filter((i) => !i.name.startsWith('random'));
  const random = corpus.filter((i) => i.name.startsWith('random'));
  const routes = listRoutes(h.app);
  const queueName = Object.keys(h.deps.queues.byName)[0]!;
  const failures: string[] = [];
  const statuses = new Map<number, number>();
  let sent = 0;
  let counts = await countRows(h);

  for (const [index, route] of routes.entries()) {
    const seen = new Set<number>();
    for (const [n, input] of inputsFor(route, named, random, index).entries()) {
      const anonymous = n % 15 === 3;
      if (n >= SETTLED_AFTER && seen.size === 1 && n % 8 !== 0) continue;
      const path = fillPath(route, input, queueName);
      const req = requestFor(route, input, path, anonymous);
      const what = `${route.method} ${route.path} ← ${input.name} (${req.method} ${path.slice(0, 80)})`;
      let res: RawResponse;
      try {
        res = await rawRequest(h.baseUrl, req);
      } catch (err) {
        failures.push(`${what}: ${String(err)}`);
        continue;
      }
      sent += 1;
      if (!anonymous) seen.add(res.status);
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      if (res.status >= 500) failures.push(`${what}: ${res.status} ${res.text.slice(0, 200)}`);
      const after = await countRows(h);
      const allowed = ALLOWED_ON_REFUSAL[`${route.method} ${route.path}`] ?? [];
      const stored = changedTables(counts, after).filter((t) => !allowed.includes(t));
      if (res.status >= 400 && stored.length > 0) failures.push(`${what}: refused with ${res.status} but stored rows in ${stored.join(', ')}`);
      counts = after;
    }
    // A route may have logged the fuzzing admin out or taken their rights (deactivate, access): start again.
    if ((await fetch(`${h.baseUrl}/admin/account`, { headers: { cookie: admin.cookie }, redirect: 'manual' })).status !== 200) admin = await newAdmin();
    counts = await countRows(h);
  }

  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(`fuzz: ${corpus.length} inputs (${named.length} named, ${random.length} random, seed ${SEED}), ${routes.length} routes, ${sent} requests in ${seconds} s; statuses ${JSON.stringify(Object.fromEntries([...statuses].sort((a, b) => a[0] - b[0])))}`);
  expect(corpus.length).toBeGreaterThanOrEqual(300);
  expect(routes.length).toBeGreaterThan(50);
  const grouped = new Map<string, number>();
  for (const f of failures) grouped.set(f.replace(/ ← .*?: /, ': ').slice(0, 160), (grouped.get(f.replace(/ ← .*?: /, ': ').slice(0, 160)) ?? 0) + 1);
  if (failures.length > 0) console.log([...grouped].map(([k, v]) => `${v} × ${k}`).join('\n'));
  expect(failures.slice(0, 40)).toEqual([]);
}, 600_000);
