import { spawnSync } from 'node:child_process';
import path from 'node:path';

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
