import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createTestDatabase } from '../support/db';
import { eventually } from '../support/harness';
import { freePort } from '../support/ports';
import { redisAnswers } from '../../src/redis-bootstrap';

const ROOT = path.resolve(__dirname, '..', '..');

/** Starts src/main.ts as a real process with exactly this environment and waits for it to exit. */
function start(env: Record<string, string>) {
  return spawnSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'src', 'main.ts')], {
    cwd: ROOT, env: { PATH: process.env.PATH ?? '', ...env }, encoding: 'utf8', timeout: 30_000,
  });
}

describe('starting the service', () => {
  it('NODE_ENV=production with missing settings exits non-zero, one line per variable, no stack trace', () => {
    const run = start({ NODE_ENV: 'production' });
    expect(run.status).toBe(1);
    for (const name of ['DATABASE_URL', 'PUBLIC_BASE_URL', 'API_TOKEN', 'SESSION_SECRET', 'SMS_TRANSPORT']) {
      expect(run.stderr).toMatch(new RegExp(`^  ${name}: `, 'm'));
    }
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('a malformed value is named with what is expected', () => {
    const run = start({ NODE_ENV: 'production', DATABASE_URL: 'mysql://x', TWILIO_FROM_NUMBER: '12345' });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('DATABASE_URL: must be a postgres:// URL');
    expect(run.stderr).toContain('TWILIO_FROM_NUMBER: must be an E.164 number');
  });
});

describe('a port someone else holds', () => {
  it('exits 1 with one line saying which port and what to do, no stack trace', async () => {
    const holder = createServer();
    await new Promise<void>((resolve) => holder.listen(0, resolve));
    const { port } = holder.address() as AddressInfo;
    const dataDir = mkdtempSync(path.join(tmpdir(), 'svarja-pglite-'));
    try {
      const run = start({ NODE_ENV: 'development', PORT: String(port), PGLITE_DIR: dataDir, QUEUE_PREFIX: `taken${port}`, LOG_LEVEL: 'warn' });
      expect(run.status).toBe(1);
      expect(run.stderr).toContain(`Port ${port} is already in use by another program`);
      expect(run.stderr).not.toMatch(/\n\s+at /);
    } finally {
      await new Promise<void>((resolve) => holder.close(() => resolve()));
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 40_000);
});

describe('Redis for the one-command start', () => {
  let redisUrl = '';
  beforeAll(async () => {
    redisUrl = `redis://127.0.0.1:${await freePort()}`;
  });

  it('with nothing on REDIS_URL and no redis-server on the PATH, exits at once saying how to get Redis', () => {
    const run = start({ NODE_ENV: 'development', REDIS_URL: redisUrl, PATH: '/nonexistent' });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`Redis does not answer at ${redisUrl}`);
    expect(run.stderr).toContain('sudo apt-get install redis-server');
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('with a redis-server on the PATH, starts one for the run and stops it on SIGTERM', async () => {
    const database = await createTestDatabase();
    const port = await freePort();
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'src', 'main.ts')], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', NODE_ENV: 'test', PORT: String(port), REDIS_URL: redisUrl, DATABASE_URL: database.url, QUEUE_PREFIX: `boot${port}`, LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => { output += d.toString(); });
    child.stderr.on('data', (d: Buffer) => { output += d.toString(); });
    const exited = new Promise<number | string | null>((resolve) => child.on('exit', (code, signal) => resolve(code ?? signal)));
    try {
      const ready = await failOnExit(eventually(async () => {
        const res = await fetch(`http://127.0.0.1:${port}/readyz`).catch(() => undefined);
        return res?.status === 200 ? res : undefined;
      }, 40_000, () => `the service to be ready; output:\n${output}`), exited, () => output);
      expect(await ready.json()).toMatchObject({ checks: { redis: 'ok' } });
      expect(output).toContain('started a local redis-server for this run');
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      await eventually(async () => !(await redisAnswers(redisUrl, 500)), 10_000, 'the local redis-server to stop');
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
      await database.drop();
    }
  }, 60_000);
});


describe('the built service, as `npm start` runs it', () => {
  beforeAll(() => {
    const build = spawnSync(process.execPath, [path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json'], { cwd: ROOT, encoding: 'utf8', timeout: 180_000 });
    if (build.status !== 0) throw new Error(`the build failed:\n${build.stdout}${build.stderr}`);
  }, 200_000);

  it('with no DATABASE_URL: embedded database, demo data printed once, /readyz and the login page within 60 s', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'svarja-pglite-'));
    const port = await freePort();
    const env = { PATH: process.env.PATH ?? '', PORT: String(port), PGLITE_DIR: dataDir, QUEUE_PREFIX: `built${port}`, LOG_LEVEL: 'warn' };
    const started = Date.now();
    const first = startBuilt(env);
    try {
      await failOnExit(eventually(async () => ((await fetch(`http://127.0.0.1:${port}/readyz`).catch(() => undefined))?.status === 200 ? true : undefined), 60_000, () => `/readyz; output:\n${first.output()}`), first.exited, first.output);
      expect(Date.now() - started).toBeLessThan(60_000);
      const login = await fetch(`http://127.0.0.1:${port}/login`);
      expect(login.status).toBe(200);
      expect(await login.text()).toContain('Logg inn');
      const simulator = await fetch(`http://127.0.0.1:${port}/simulator`, { redirect: 'manual' });
      expect(simulator.headers.get('location')).toBe('/admin/simulator');
      await eventually(async () => (first.output().includes('press «Send ut»') ? true : undefined), 10_000, 'the banner');
      expect(first.output()).toMatch(/password: \S{12,}/);
      expect(first.output()).toContain('embedded PostgreSQL (PGlite)');
      first.child.kill('SIGTERM');
      expect(await first.exited).toBe(0);

      // The second start finds the same database: no new demo data, no password.
      const second = startBuilt(env);
      await failOnExit(eventually(async () => (second.output().includes('Admin page:') ? true : undefined), 60_000, () => `the second start; output:\n${second.output()}`), second.exited, second.output);
      expect(second.output()).not.toContain('password:');
      second.child.kill('SIGTERM');
      expect(await second.exited).toBe(0);
    } finally {
      if (first.child.exitCode === null) first.child.kill('SIGKILL');
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 150_000);

  it('SIGTERM while it is still starting (workers up, web not yet): closes what started and exits 0', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'svarja-pglite-'));
    const port = await freePort();
    const starting = startBuilt({ PATH: process.env.PATH ?? '', PORT: String(port), PGLITE_DIR: dataDir, QUEUE_PREFIX: `early${port}`, LOG_LEVEL: 'info' });
    try {
      await failOnExit(eventually(async () => (starting.output().includes('"msg":"workers started"') ? true : undefined), 60_000, () => `the workers; output:\n${starting.output()}`), starting.exited, starting.output);
      starting.child.kill('SIGTERM');
      expect(await starting.exited).toBe(0);
      expect(starting.output()).toContain('"msg":"shutting down"');
      expect(starting.output()).not.toContain('could not start');
    } finally {
      if (starting.child.exitCode === null) starting.child.kill('SIGKILL');
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 90_000);

  it('NODE_ENV=production with one variable missing exits non-zero naming it', () => {
    const run = spawnSync(process.execPath, [path.join(ROOT, 'dist', 'src', 'main.js')], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 30_000,
      env: {
        PATH: process.env.PATH ?? '', NODE_ENV: 'production', DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/svarja', SMS_TRANSPORT: 'twilio',
        TWILIO_ACCOUNT_SID: `AC${'a'.repeat(32)}`, TWILIO_AUTH_TOKEN: 'secret-token', TWILIO_FROM_NUMBER: '+4759440000',
        PUBLIC_BASE_URL: 'https://svarja.example.no', API_TOKEN: 'x'.repeat(24), METRICS_TOKEN: 'm'.repeat(24),
      },
    });
    expect(run.status).toBe(1);
    expect(run.stderr.trim().split('\n')).toEqual(['Invalid configuration:', expect.stringMatching(/^ {2}SESSION_SECRET: required when NODE_ENV=production/)]);
  });
});

function startBuilt(env: Record<string, string>) {
  const child = spawn(process.execPath, [path.join(ROOT, 'dist', 'src', 'main.js')], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (d: Buffer) => { output += d.toString(); });
  child.stderr.on('data', (d: Buffer) => { output += d.toString(); });
  const exited = new Promise<number | string | null>((resolve) => child.on('exit', (code, signal) => resolve(code ?? signal)));
  return { child, exited, output: () => output };
}

/** Fails as soon as the service exits, with its output: waiting out the timeout on a dead process hides why it died. */
function failOnExit<T>(waiting: Promise<T>, exited: Promise<unknown>, output: () => string): Promise<T> {
  const died = exited.then((code) => {
    throw new Error(`the service exited (${String(code)}) before it was ready; output:\n${output()}`);
  });
  return Promise.race([waiting, died]);
}
