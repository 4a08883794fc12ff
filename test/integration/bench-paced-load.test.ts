import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { firePaced } from '../../bench/webhook-load';
import { SignedBodySource } from '../../bench/signed-bodies';

/**
 * The bench's fixed-rate load must be a rate, not a burst per second: the webhook figures at
 * "1,000 req/s" are only meaningful if the requests arrive evenly spaced.
 */
describe('firePaced (the webhook bench at a fixed rate)', () => {
  let server: http.Server;
  let port: number;
  const arrivals: number[] = [];
  let delayMs = 0;

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      arrivals.push(performance.now());
      req.resume();
      req.on('end', () => setTimeout(() => res.writeHead(200).end('<Response/>'), delayMs));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  beforeEach(() => { arrivals.length = 0; delayMs = 0; });

  const bodies = () => new SignedBodySource('token', `http://127.0.0.1/x`, { unique: true });

  it('sends the requests evenly over the run and answers for every one', async () => {
    const acknowledged: string[] = [];
    const run = await firePaced(port, bodies(), { seconds: 1, rate: 200, connections: 10 }, acknowledged);

    expect(run.ok).toBe(200);
    expect(acknowledged).toHaveLength(200);
    expect(new Set(acknowledged).size).toBe(200);
    expect(run.latenciesMs).toHaveLength(200);
    // Spread over the second, not a burst at its start (a burst puts all 200 in the first 100 ms and
    // spans a few ms). Bounds wide enough for a loaded machine, where a stalled timer is caught up on.
    const first = arrivals[0]!;
    expect(arrivals[arrivals.length - 1]! - first).toBeGreaterThan(800);
    const perTenth = Array.from({ length: 10 }, (_, i) => arrivals.filter((t) => t - first >= i * 100 && t - first < (i + 1) * 100).length);
    expect(Math.max(...perTenth)).toBeLessThanOrEqual(100);
  });

  it('does not wait for answers before sending, and counts the wait against the server', async () => {
    delayMs = 150; // slower than the spacing allows for with 2 connections: requests queue
    const run = await firePaced(port, bodies(), { seconds: 0.5, rate: 40, connections: 2 }, []);

    expect(run.ok).toBe(20);
    // 20 requests, 2 at a time, 150 ms each: the last is answered ~1.5 s after it was sent from
    // 0.5 s in, so latency measured from when it was due grows well past the server's 150 ms.
    const worst = Math.max(...run.latenciesMs);
    expect(worst).toBeGreaterThan(900);
  });
});
