import { ROUTE_TABLE, type Request, type RouteSpec } from '../support/access-routes';
import { buildWorld, markersHiddenFrom, ROLES, snapshot, UNITS, type Role, type UnitName, type World } from '../support/access-world';
import { API_TOKEN, startHarness, type Harness } from '../support/harness';
import { listRoutes } from '../support/routes';

/**
 * The access specification: every route × every role × the unit of the resource. A refused request
 * answers 401/303 (not signed in) or 403 (signed in, not allowed) and changes nothing stored; no
 * response carries details a role may not read. A route that forgets to ask the access model
 * answers its success status to a role that should get 403, and its case fails.
 */
let h: Harness;
let w: World;

beforeAll(async () => {
  // The simulator transport, so its routes exist; no workers, so nothing but the request writes.
  h = await startHarness({ workers: false, env: { SMS_TRANSPORT: 'simulator' } });
  w = await buildWorld(h, API_TOKEN);
}, 60_000);
afterAll(async () => {
  await h.close();
});

type Channel = 'session' | 'token' | 'none';
const channelOf = (spec: RouteSpec): Channel => (spec.route.includes(' /api/') ? 'token' : spec.route.includes(' /admin') ? 'session' : 'none');

/** The status the specification demands. */
function expectedStatus(spec: RouteSpec, role: Role, unit: UnitName | undefined): number {
  if (spec.rule === 'public') return spec.ok;
  if (role.channel !== channelOf(spec)) return channelOf(spec) === 'token' ? 401 : 303;
  const allowed = spec.rule === 'any' || role.admin || (spec.rule === 'own-unit' && unit !== undefined && role.unit === unit);
  return allowed ? spec.ok : 403;
}

/** A Server-Sent Events response never ends by itself: read until its first event, then hang up. */
async function readFirstEvent(res: Response, controller: AbortController): Promise<string> {
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let text = '';
  const deadline = Date.now() + 5_000;
  while (!/event: update\ndata: .*\n\n/.test(text) && Date.now() < deadline) {
    const { value, done } = await reader.read();
    if (done) break;
    text += decoder.decode(value, { stream: true });
  }
  controller.abort();
  return text;
}

async function send(spec: RouteSpec, role: Role, req: Request): Promise<{ status: number; text: string; location: string | null }> {
  const method = spec.route.split(' ')[0]!;
  const session = w.sessions[role.name];
  const token = w.tokens[role.name];
  const headers: Record<string, string> = {};
  if (session) headers.cookie = session.cookie;
  if (token) headers.authorization = `Bearer ${token}`;
  // Page forms carry the session's CSRF token, as a browser's would: the check under test is access.
  const csrf: Record<string, string> = session && channelOf(spec) === 'session' ? { _csrf: session.csrf } : {};
  let body: string | FormData | undefined;
  if (req.json !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(req.json);
  } else if (req.form) {
    headers['content-type'] = 'application/x-www-form-urlencoded';
    body = new URLSearchParams({ ...req.form, ...csrf }).toString();
  } else if (req.csv !== undefined) {
    const form = new FormData();
    if (csrf._csrf) form.set('_csrf', csrf._csrf);
    form.set('file', new Blob([req.csv], { type: 'text/csv' }), 'frivillige.csv');
    body = form;
  }
  const controller = new AbortController();
  const res = await fetch(h.baseUrl + req.path, { method, headers, body, redirect: 'manual', signal: controller.signal });
  const stream = res.headers.get('content-type')?.startsWith('text/event-stream');
  const text = stream ? await readFirstEvent(res, controller) : await res.text();
  return { status: res.status, text, location: res.headers.get('location') };
}

interface Case { spec: RouteSpec; role: Role; unit: UnitName | undefined }

const CASES: Case[] = ROUTE_TABLE.flatMap((spec) => ROLES.flatMap((role) => (spec.unitBound ? UNITS : [undefined]).map((unit) => ({ spec, role, unit }))));

describe('the route table', () => {
  it('names every route the app has, and no other', () => {
    expect(ROUTE_TABLE.map((r) => r.route).sort()).toEqual(listRoutes(h.app, ['/admin/queues']));
  });

  it(`has ${CASES.length} cases (${ROUTE_TABLE.length} routes × ${ROLES.length} roles, unit-bound routes for units A and B)`, () => {
    expect(CASES.length).toBeGreaterThan(ROUTE_TABLE.length * ROLES.length);
  });
});

describe.each(ROUTE_TABLE.map((spec) => [spec.route, spec] as const))('%s', (_route, spec) => {
  const cases = CASES.filter((c) => c.spec === spec).map((c) => [c.role.name, c.unit ?? '-', c] as const);

  it.each(cases)('as %s, resource of unit %s', async (_role, _unit, { role, unit }) => {
    const req = await spec.prepare(w, unit ?? 'A', role);
    const expected = expectedStatus(spec, role, unit);
    const refused = expected >= 300 && expected !== 302 && !(spec.rule !== 'public' && expected === spec.ok);
    const before = refused ? await snapshot(h) : undefined;

    const res = await send(spec, role, req);

    expect({ status: res.status, body: res.status === expected ? '' : res.text.slice(0, 300) }).toEqual({ status: expected, body: '' });
    if (before) expect(await snapshot(h)).toEqual(before);
    for (const marker of markersHiddenFrom(role)) expect(res.text).not.toContain(marker);
    if (expected === 403 && channelOf(spec) === 'token') expect(JSON.parse(res.text)).toMatchObject({ error: 'forbidden' });
    if (expected === 403 && channelOf(spec) === 'session') expect(res.text).toContain('Ingen tilgang');
    if (expected === 303 && role.channel !== 'session') expect(res.location).toBe('/login');
  });
});
