import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { createTestDatabase } from '../support/db';
import { eventually } from '../support/harness';
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

describe('Redis for the one-command start', () => {
  const redisPort = 6400 + Math.floor(Math.random() * 400);
  const redisUrl = `redis://127.0.0.1:${redisPort}`;

  it('with nothing on REDIS_URL and no redis-server on the PATH, exits at once saying how to get Redis', () => {
    const run = start({ NODE_ENV: 'development', REDIS_URL: redisUrl, PATH: '/nonexistent' });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`Redis does not answer at ${redisUrl}`);
    expect(run.stderr).toContain('sudo apt-get install redis-server');
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('with a redis-server on the PATH, starts one for the run and stops it on SIGTERM', async () => {
    const database = await createTestDatabase();
    const port = 4100 + Math.floor(Math.random() * 800);
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'src', 'main.ts')], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', NODE_ENV: 'test', PORT: String(port), REDIS_URL: redisUrl, DATABASE_URL: database.url, QUEUE_PREFIX: `boot${port}`, LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => { output += d.toString(); });
    child.stderr.on('data', (d: Buffer) => { output += d.toString(); });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      const ready = await eventually(async () => {
        const res = await fetch(`http://127.0.0.1:${port}/readyz`).catch(() => undefined);
        return res?.status === 200 ? res : undefined;
      }, 40_000, `the service to be ready; output:\n${output}`);
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

