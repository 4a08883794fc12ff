import path from 'node:path';
import { ConfigError, loadConfig } from '../../src/config';

describe('loadConfig', () => {
  it('has working defaults for the quick start', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({
      env: 'development', port: 3000, database: { kind: 'embedded', dir: path.resolve('data/pglite') },
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

  it.each([
    [{}, true],
    [{ NODE_ENV: 'development', DEMO_DATA: 'off' }, false],
    [{ NODE_ENV: 'test' }, false],
    [{ NODE_ENV: 'test', DEMO_DATA: 'on' }, true],
  ])('demo data on a first start: %j → %s', (env, expected) => {
    expect(loadConfig(env).demoData).toBe(expected);
  });

  it('quiet hours and urgency: defaults, off, and a clear line for a bad value', () => {
    const defaults = loadConfig({});
    expect(defaults.quietHours).toEqual({ kind: 'window', startMinute: 21 * 60, endMinute: 8 * 60 });
    expect(defaults.urgency).toEqual({ urgentWithinHours: 24, urgentWaveSize: 6, urgentOfferTimeoutMinutes: 15 });
    expect(loadConfig({ QUIET_HOURS: 'off' }).quietHours).toEqual({ kind: 'off' });
    expect(loadConfig({ QUIET_HOURS: '22:30-07:00', URGENT_WITHIN_HOURS: '0' })).toMatchObject({
      quietHours: { kind: 'window', startMinute: 22 * 60 + 30, endMinute: 7 * 60 }, urgency: { urgentWithinHours: 0 },
    });
    expect(() => loadConfig({ QUIET_HOURS: '9-17' })).toThrow(/QUIET_HOURS: must be HH:MM-HH:MM in Oslo time/);
    expect(() => loadConfig({ URGENT_WAVE_SIZE: '0' })).toThrow(/URGENT_WAVE_SIZE: /);
  });

  it('refuses demo data in production and a DEMO_DATA that is not on/off', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', DEMO_DATA: 'on' })).toThrow(/DEMO_DATA: demo data is not allowed when NODE_ENV=production/);
    expect(() => loadConfig({ DEMO_DATA: 'yes' })).toThrow(/DEMO_DATA: must be "on" or "off"/);
  });

  it('uses PostgreSQL when DATABASE_URL is set, else embedded PGlite in PGLITE_DIR', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://u@db:5432/svarja' }).database).toEqual({
      kind: 'postgres', url: 'postgres://u@db:5432/svarja', timeouts: { statementSeconds: 30, idleInTransactionSeconds: 60 }, preparedStatements: true,
    });
    expect(loadConfig({ PGLITE_DIR: '/tmp/x' }).database).toEqual({ kind: 'embedded', dir: '/tmp/x' });
    expect(loadConfig({ PGLITE_DIR: 'memory://' }).database).toEqual({ kind: 'embedded', dir: 'memory://' });
  });

  it('prepares statements unless DATABASE_PREPARED_STATEMENTS=off (PgBouncer in transaction mode before 1.21)', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://u@db/s', DATABASE_PREPARED_STATEMENTS: 'off' }).database).toMatchObject({ preparedStatements: false });
    expect(loadConfig({ DATABASE_URL: 'postgres://u@db/s', DATABASE_PREPARED_STATEMENTS: 'on' }).database).toMatchObject({ preparedStatements: true });
    expect(() => loadConfig({ DATABASE_PREPARED_STATEMENTS: 'yes' })).toThrow(/DATABASE_PREPARED_STATEMENTS: must be 'on' or 'off'/);
  });

  it('sets statement and idle-in-transaction timeouts on PostgreSQL connections, and refuses nonsense', () => {
    const database = loadConfig({ DATABASE_URL: 'postgres://u@db/s', DATABASE_STATEMENT_TIMEOUT_SECONDS: '5', DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_SECONDS: '7' }).database;
    expect(database).toMatchObject({ timeouts: { statementSeconds: 5, idleInTransactionSeconds: 7 } });
    expect(() => loadConfig({ DATABASE_STATEMENT_TIMEOUT_SECONDS: '0' })).toThrow(/DATABASE_STATEMENT_TIMEOUT_SECONDS: /);
    expect(() => loadConfig({ DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_SECONDS: 'soon' })).toThrow(/DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_SECONDS: /);
  });

  it('refuses the embedded database in production, in one line naming DATABASE_URL', () => {
    const complete = {
      NODE_ENV: 'production', SMS_TRANSPORT: 'twilio', TWILIO_ACCOUNT_SID: `AC${'a'.repeat(32)}`, TWILIO_AUTH_TOKEN: 'secret-token',
      TWILIO_FROM_NUMBER: '+4759440000', PUBLIC_BASE_URL: 'https://svarja.example.no', API_TOKEN: 'x'.repeat(24), SESSION_SECRET: 's'.repeat(32),
      METRICS_TOKEN: 'm'.repeat(24),
    };
    let error: unknown;
    try {
      loadConfig(complete);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems).toEqual([expect.stringMatching(/^DATABASE_URL: required when NODE_ENV=production/)]);
    expect(loadConfig({ ...complete, DATABASE_URL: 'postgres://u@db:5432/svarja' }).database.kind).toBe('postgres');
  });

  it('trusts no proxy unless TRUST_PROXY says which', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(loadConfig({ TRUST_PROXY: '0' }).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: 'false' }).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: 'true' }).trustProxy).toBe(true);
    expect(loadConfig({ TRUST_PROXY: '10.0.0.0/8, 192.168.1.7,loopback' }).trustProxy).toEqual(['10.0.0.0/8', '192.168.1.7', 'loopback']);
    expect(loadConfig({ TRUST_PROXY: 'fd00::/8, 10.1.0.0/255.255.0.0' }).trustProxy).toEqual(['fd00::/8', '10.1.0.0/255.255.0.0']);
  });

  it.each(['yes', 'TRUE', '10.0.0.0/33', '300.1.1.1', 'lb.example.no', '1.2.3.4/8/9', '-1', ','])('refuses TRUST_PROXY=%s', (value) => {
    expect(() => loadConfig({ TRUST_PROXY: value })).toThrow(/^Invalid configuration:\n {2}TRUST_PROXY: must be a hop count/);
  });

  it('requires METRICS_TOKEN in production and takes it anywhere', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/METRICS_TOKEN: required when NODE_ENV=production/);
    expect(loadConfig({}).metricsToken).toBeUndefined();
    expect(loadConfig({ METRICS_TOKEN: 'p'.repeat(20) }).metricsToken).toBe('p'.repeat(20));
    expect(() => loadConfig({ METRICS_TOKEN: 'short' })).toThrow(/METRICS_TOKEN: must be at least 16 characters/);
  });

  it('names the volunteer centre for the help text: Norwegian demo defaults, or CENTRE_NAME and CENTRE_PHONE checked', () => {
    expect(loadConfig({}).centre).toEqual({ name: 'Frivilligsentralen', phone: '67 93 40 00' });
    expect(loadConfig({ CENTRE_NAME: ' Lørenskog frivilligsentral ', CENTRE_PHONE: '+47 67 93 40 00' }).centre)
      .toEqual({ name: 'Lørenskog frivilligsentral', phone: '+47 67 93 40 00' });
    expect(() => loadConfig({ CENTRE_NAME: 'x'.repeat(41), CENTRE_PHONE: 'ring oss' })).toThrow(/CENTRE_NAME: .*\n.*CENTRE_PHONE: /s);
  });

  it('calls: 1 call a second and the neural Norwegian voice by default; VOICE_NB only takes Norwegian voices', () => {
    expect(loadConfig({}).voice).toMatchObject({ callRatePerSecond: 1, nbVoice: 'Polly.Ida-Neural' });
    expect(loadConfig({ CALL_RATE_PER_SECOND: '5', VOICE_NB: 'Polly.Liv' }).voice).toMatchObject({ callRatePerSecond: 5, nbVoice: 'Polly.Liv' });
    expect(loadConfig({ VOICE_NB: 'Google.nb-NO-Wavenet-E' }).voice.nbVoice).toBe('Google.nb-NO-Wavenet-E');
    expect(() => loadConfig({ VOICE_NB: 'Polly.Amy', CALL_RATE_PER_SECOND: '0' })).toThrow(/CALL_RATE_PER_SECOND: [\s\S]*VOICE_NB: must be a Norwegian Twilio voice/);
  });

  it('office hours: man-fre 09-15 by default; days and hours in Oslo time, checked at start', () => {
    expect(loadConfig({}).voice.officeHours).toEqual({ days: [1, 2, 3, 4, 5], fromMinute: 9 * 60, toMinute: 15 * 60 });
    expect(loadConfig({ OFFICE_HOURS: 'man-tor 08:30-15:30' }).voice.officeHours).toEqual({ days: [1, 2, 3, 4], fromMinute: 510, toMinute: 930 });
    expect(loadConfig({ OFFICE_HOURS: 'Ons 10-14' }).voice.officeHours).toEqual({ days: [3], fromMinute: 600, toMinute: 840 });
    for (const bad of ['hverdager', 'fre-man 09-15', 'man-fre 15-09', 'man-fre 09:75-15', 'man-fre 09-25']) {
      expect(() => loadConfig({ OFFICE_HOURS: bad })).toThrow(/OFFICE_HOURS: must be days and hours/);
    }
  });
});
