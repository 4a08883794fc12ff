import { ConfigError, loadConfig } from '../../src/config';

describe('loadConfig', () => {
  it('has working defaults for the quick start', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({
      env: 'development', port: 3000, databaseUrl: 'postgres://postgres@127.0.0.1:5432/svarja',
      redisUrl: 'redis://127.0.0.1:6379', smsTransport: 'simulator', apiTokenGenerated: true, publicBaseUrl: 'http://localhost:3000',
    });
    expect(c.apiToken.length).toBeGreaterThanOrEqual(24);
  });

  it('picks Twilio when its credentials are set', () => {
    const c = loadConfig({ TWILIO_ACCOUNT_SID: `AC${'a'.repeat(32)}`, TWILIO_AUTH_TOKEN: 'secret-token', TWILIO_FROM_NUMBER: '+4759440000' });
    expect(c.smsTransport).toBe('twilio');
    expect(c.twilio).toMatchObject({ fromNumber: '+4759440000' });
  });

  it('lists every problem at once, one line per variable', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: 'abc', DATABASE_URL: 'mysql://x', TWILIO_FROM_NUMBER: '12345', SMS_TRANSPORT: 'carrier-pigeon' });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const fields = (error as ConfigError).problems.map((p) => p.split(':')[0]);
    expect(fields.sort()).toEqual(['DATABASE_URL', 'PORT', 'SMS_TRANSPORT', 'TWILIO_FROM_NUMBER']);
  });

  it('requires the Twilio settings for the twilio transport', () => {
    expect(() => loadConfig({ SMS_TRANSPORT: 'twilio' })).toThrow(/TWILIO_ACCOUNT_SID.*\n.*TWILIO_AUTH_TOKEN.*\n.*TWILIO_FROM_NUMBER/s);
  });

  it('refuses the simulator and missing settings in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/SMS_TRANSPORT: the simulator is not allowed/);
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/PUBLIC_BASE_URL: required/);
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/API_TOKEN: required/);
  });
});
