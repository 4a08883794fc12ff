import { loadConfig } from '../../src/config';
import { startupBanner } from '../../src/startup-banner';

const dev = loadConfig({ NODE_ENV: 'development', PORT: '3000', API_TOKEN: 'a-fixed-token-0123456789' });

describe('the console banner', () => {
  it('on the first start: where to log in, the demo password, the task to send out and the simulator', () => {
    const text = startupBanner(dev, { seeded: true, email: 'demo@svarja.local', password: 'pw-123456789', taskId: '7', volunteers: 6 });
    expect(text).toContain('Log in at http://localhost:3000/login');
    expect(text).toContain('e-mail:   demo@svarja.local');
    expect(text).toContain('password: pw-123456789');
    expect(text).toContain('http://localhost:3000/admin/tasks/7');
    expect(text).toContain('http://localhost:3000/simulator');
    expect(text).toContain('embedded PostgreSQL (PGlite)');
    expect(text).not.toContain('API_TOKEN was not set');
  });

  it('during quiet hours, says offers wait and how to try it at night', () => {
    const night = new Date('2026-11-26T23:30:00Z'); // 00:30 in Oslo
    expect(startupBanner(dev, { seeded: false }, night)).toContain('offers wait until 08:00');
    expect(startupBanner(dev, { seeded: false }, new Date('2026-11-26T12:00:00Z'))).not.toContain('quiet hours');
  });

  it('on later starts: no password, just where to go; a generated API token is shown', () => {
    const config = loadConfig({ NODE_ENV: 'development', PORT: '3000', DATABASE_URL: 'postgres://x@127.0.0.1/svarja' });
    const text = startupBanner(config, { seeded: false });
    expect(text).not.toContain('password');
    expect(text).toContain('Admin page: http://localhost:3000/admin');
    expect(text).toContain('Phone simulator: http://localhost:3000/simulator');
    expect(text).not.toContain('PGlite');
    expect(text).toContain(config.apiToken);
  });
});
