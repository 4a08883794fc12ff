import { createAccount } from '../support/browser';
import { startHarness, type Harness } from '../support/harness';
import { openLoginPage, postLogin } from '../support/sessions';

/** Who the service believes a request comes from: forwarded headers and /metrics. */
describe('with TRUST_PROXY unset and METRICS_TOKEN set', () => {
  let h: Harness;
  const METRICS_TOKEN = 'metrics-token-0123456789';
  beforeAll(async () => {
    h = await startHarness({ workers: false, env: { METRICS_TOKEN } });
  });
  afterAll(async () => {
    await h.close();
  });

  it('/metrics wants the bearer token, even from this machine', async () => {
    expect((await fetch(`${h.baseUrl}/metrics`)).status).toBe(401);
    expect((await fetch(`${h.baseUrl}/metrics`, { headers: { authorization: 'Bearer wrong-token-0123456789' } })).status).toBe(401);
    const ok = await fetch(`${h.baseUrl}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain('svarja_');
  });

  it('a made-up X-Forwarded-For does not get a login past the limit', async () => {
    const account = await createAccount(h, { email: 'kari@example.no' });
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) {
      const spoof = { 'x-forwarded-for': `203.0.113.${i + 1}` };
      const session = await openLoginPage(h, spoof);
      statuses.push((await postLogin(h, session, account.email, 'feil-passord', spoof)).status);
    }
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(401));
    expect(statuses.slice(10)).toEqual([429, 429]);
    // The right password from the same (real) address is still blocked for now.
    const session = await openLoginPage(h, { 'x-forwarded-for': '198.51.100.9' });
    expect((await postLogin(h, session, account.email, account.password, { 'x-forwarded-for': '198.51.100.9' })).status).toBe(429);
  });
});

describe('with METRICS_TOKEN unset (development)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ workers: false });
  });
  afterAll(async () => {
    await h.close();
  });

  it('/metrics answers requests straight from this machine only', async () => {
    expect((await fetch(`${h.baseUrl}/metrics`)).status).toBe(200);
    // Through a proxy on this machine, the request comes from somewhere else.
    expect((await fetch(`${h.baseUrl}/metrics`, { headers: { 'x-forwarded-for': '203.0.113.7' } })).status).toBe(403);
  });
});

describe('with TRUST_PROXY=1', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ workers: false, env: { TRUST_PROXY: '1' } });
  });
  afterAll(async () => {
    await h.close();
  });

  it('the proxy’s X-Forwarded-For names the client, so different clients have their own limits', async () => {
    const account = await createAccount(h, { email: 'ola@example.no' });
    for (let i = 0; i < 10; i++) {
      const session = await openLoginPage(h);
      await postLogin(h, session, account.email, 'feil-passord', { 'x-forwarded-for': '203.0.113.50' });
    }
    const blocked = await openLoginPage(h);
    expect((await postLogin(h, blocked, account.email, account.password, { 'x-forwarded-for': '203.0.113.50' })).status).toBe(429);
    const other = await openLoginPage(h);
    expect((await postLogin(h, other, account.email, account.password, { 'x-forwarded-for': '198.51.100.9' })).status).toBe(303);
  });
});
