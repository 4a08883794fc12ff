import { randomBytes } from 'node:crypto';
import { isIP } from 'node:net';
import path from 'node:path';
import { z } from 'zod';
import { isE164 } from './domain/phone';
import { DEFAULT_OFFICE_HOURS, parseOfficeHours, type OfficeHours } from './domain/voice/office-hours';
import { DEFAULT_QUIET_HOURS, parseQuietHours, type QuietHours } from './domain/quiet-hours';
import { DEFAULT_URGENCY_SETTINGS, type UrgencySettings } from './domain/task-timing';

/**
 * The only reader of process.env. Every problem is reported at once, one line per variable,
 * so an operator can fix a deployment in one go.
 */
const e164 = z.string().refine(isE164, 'must be an E.164 number such as +4759440000');
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), schema.optional());

/** The Norwegian voices Twilio's <Say> has (twilio-node 6.2 SayVoice). */
const NB_VOICE = /^(Polly\.Ida-Neural|Polly\.Liv|Google\.nb-NO-(Standard|Wavenet)-[A-G])$/;

const EnvSchema = z.object({
  NODE_ENV: optional(z.enum(['development', 'production', 'test'])),
  PORT: optional(z.coerce.number().int().min(0).max(65535)),
  DATABASE_URL: optional(z.url({ protocol: /^postgres(ql)?$/, error: 'must be a postgres:// URL' })),
  PGLITE_DIR: optional(z.string()),
  REDIS_URL: optional(z.url({ protocol: /^rediss?$/, error: 'must be a redis:// URL' })),
  PUBLIC_BASE_URL: optional(z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' })),
  API_TOKEN: optional(z.string().min(16, 'must be at least 16 characters')),
  SESSION_SECRET: optional(z.string().min(32, 'must be at least 32 characters')),
  SMS_TRANSPORT: optional(z.enum(['twilio', 'simulator'])),
  TWILIO_ACCOUNT_SID: optional(z.string().regex(/^AC[0-9a-fA-F]{32}$/, 'must look like AC followed by 32 hex digits')),
  TWILIO_AUTH_TOKEN: optional(z.string().min(8)),
  TWILIO_FROM_NUMBER: optional(e164),
  TWILIO_MESSAGING_SERVICE_SID: optional(z.string().regex(/^MG[0-9a-fA-F]{32}$/, 'must look like MG followed by 32 hex digits')),
  TWILIO_API_BASE_URL: optional(z.url({ protocol: /^https?$/ })),
  COORDINATOR_PHONE: optional(e164),
  CENTRE_NAME: optional(z.string().trim().min(2, 'must name the volunteer centre').max(40, 'at most 40 characters (it goes into SMS)')),
  CENTRE_PHONE: optional(z.string().trim().regex(/^\+?[0-9 ]{8,16}$/, 'must be a phone number such as +47 67 93 40 00')),
  QUEUE_PREFIX: optional(z.string().regex(/^[A-Za-z0-9_{}-]+$/)),
  LOG_LEVEL: optional(z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])),
  SMS_SEND_RATE_PER_SECOND: optional(z.coerce.number().int().min(1).max(10000)),
  SMS_SEND_LEASE_SECONDS: optional(z.coerce.number().int().min(2).max(3600)),
  JOB_LOCK_SECONDS: optional(z.coerce.number().int().min(1).max(3600)),
  SWEEP_INTERVAL_SECONDS: optional(z.coerce.number().int().min(1).max(3600)),
  SWEEP_GRACE_SECONDS: optional(z.coerce.number().int().min(1).max(3600)),
  WORKER_CONCURRENCY: optional(z.coerce.number().int().min(1).max(200)),
  DATABASE_POOL_SIZE: optional(z.coerce.number().int().min(2).max(500)),
  DATABASE_STATEMENT_TIMEOUT_SECONDS: optional(z.coerce.number().int().min(1).max(3600)),
  DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_SECONDS: optional(z.coerce.number().int().min(1).max(3600)),
  DATABASE_PREPARED_STATEMENTS: optional(z.enum(['on', 'off'], { error: "must be 'on' or 'off'" })),
  RETENTION_DAYS: optional(z.coerce.number().int().min(1).max(3650)),
  QUIET_HOURS: optional(z.string().transform((spec, ctx) => {
    const parsed = parseQuietHours(spec);
    if (!parsed.ok) {
      ctx.addIssue({ code: 'custom', message: 'must be HH:MM-HH:MM in Oslo time (e.g. 21:00-08:00) or "off"' });
      return z.NEVER;
    }
    return parsed.value;
  })),
  URGENT_WITHIN_HOURS: optional(z.coerce.number().int().min(0).max(24 * 14)),
  URGENT_WAVE_SIZE: optional(z.coerce.number().int().min(1).max(50)),
  URGENT_OFFER_TIMEOUT_MINUTES: optional(z.coerce.number().int().min(1).max(1440)),
  DEMO_DATA: optional(z.enum(['on', 'off'], { error: 'must be "on" or "off"' })),
  TRUST_PROXY: optional(z.string().transform((spec, ctx) => {
    const parsed = parseTrustProxy(spec);
    if (parsed === undefined) {
      ctx.addIssue({ code: 'custom', message: 'must be a hop count (e.g. 1), a comma-separated list of addresses or subnets (e.g. 10.0.0.0/8, loopback), "true" or "false"' });
      return z.NEVER;
    }
    return parsed;
  })),
  METRICS_TOKEN: optional(z.string().min(16, 'must be at least 16 characters')),
  CALL_RATE_PER_SECOND: optional(z.coerce.number().int().min(1).max(100)),
  OFFICE_HOURS: optional(z.string().transform((spec, ctx) => {
    const parsed = parseOfficeHours(spec);
    if (!parsed) {
      ctx.addIssue({ code: 'custom', message: 'must be days and hours in Oslo time, e.g. "man-fre 09-15" or "man-tor 08:30-15:30"' });
      return z.NEVER;
    }
    return parsed;
  })),
  VOICE_NB: optional(z.string().regex(NB_VOICE, 'must be a Norwegian Twilio voice: Polly.Ida-Neural, Polly.Liv, Google.nb-NO-Standard-A…G or Google.nb-NO-Wavenet-A…G')),
});

/** Issue 15: calls (see README «Voice calls»). */
export interface VoiceConfig {
  /** Outbound calls placed per second (Twilio's default limit per account is 1). */
  callRatePerSecond: number;
  /** The <Say> voice for Norwegian; Polly.Liv is the standard voice when the neural one is not wanted. */
  nbVoice: string;
  /** Calls in are put through to COORDINATOR_PHONE in these hours (Oslo, public holidays closed); otherwise voicemail. */
  officeHours: OfficeHours;
}

/**
 * Which proxies' X-Forwarded-For / -Proto Express believes (its `trust proxy` setting). Believing a
 * header nobody in front of us sets lets any client pick its own address (and so dodge the login
 * limit), so nothing is trusted unless the deployment says so.
 */
export type TrustProxy = false | true | number | string[];

const PROXY_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

function isAddressOrSubnet(item: string): boolean {
  if (PROXY_NAMES.has(item)) return true;
  const [address = '', range, ...extra] = item.split('/');
  const family = isIP(address);
  if (family === 0 || extra.length > 0) return false;
  if (range === undefined) return true;
  if (/^\d{1,3}$/.test(range)) return Number(range) <= (family === 4 ? 32 : 128);
  return family === 4 && isIP(range) === 4; // a netmask such as 255.255.255.0
}

/** TRUST_PROXY as Express takes it; undefined when it is none of the accepted forms. */
export function parseTrustProxy(spec: string): TrustProxy | undefined {
  const s = spec.trim();
  if (s === 'false') return false;
  if (s === 'true') return true;
  if (/^\d{1,2}$/.test(s)) return Number(s) === 0 ? false : Number(s);
  const items = s.split(',').map((i) => i.trim()).filter((i) => i !== '');
  return items.length > 0 && items.every(isAddressOrSubnet) ? items : undefined;
}

export interface TwilioConfig {
  accountSid: string;
  authToken: string;
  fromNumber: string | undefined;
  messagingServiceSid: string | undefined;
  apiBaseUrl: string | undefined;
}

/**
 * Server-side limits on every connection: a statement stuck behind a lock or a dead peer fails (and
 * its job retries) instead of holding a connection and its locks for good.
 */
export interface DatabaseTimeouts {
  statementSeconds: number;
  idleInTransactionSeconds: number;
}

/** A PostgreSQL server, or (DATABASE_URL unset, never in production) embedded PGlite in a directory. */
export type DatabaseConfig =
  | { kind: 'postgres'; url: string; timeouts: DatabaseTimeouts; /** Named per connection (src/db/prepared-statements.ts). */ preparedStatements: boolean }
  | { kind: 'embedded'; /** An absolute directory, or `memory://` for a throwaway in-memory database. */ dir: string };

export interface Config {
  env: 'development' | 'production' | 'test';
  port: number;
  database: DatabaseConfig;
  redisUrl: string;
  publicBaseUrl: string;
  apiToken: string;
  /** True when API_TOKEN was not set and a random one was made for this run (development only). */
  apiTokenGenerated: boolean;
  /** Signs session cookies; random per run in development (everyone logs in again after a restart). */
  sessionSecret: string;
  smsTransport: 'twilio' | 'simulator';
  twilio: TwilioConfig | undefined;
  /** Signs and checks webhooks; present whenever a Twilio auth token is configured. */
  twilioAuthToken: string | undefined;
  coordinatorPhone: string | undefined;
  /** Who the help text says is writing, and the number to call (issue 12). */
  centre: { name: string; phone: string };
  queuePrefix: string;
  logLevel: string;
  smsSendRatePerSecond: number;
  smsSendLeaseSeconds: number;
  jobLockSeconds: number;
  sweepIntervalSeconds: number;
  /** The sweeper leaves work younger than this alone: its own job is most likely still on the way. */
  sweepGraceSeconds: number;
  workerConcurrency: number;
  /** Connections per process: jobs of three queues (WORKER_CONCURRENCY each) and web requests share them. */
  databasePoolSize: number;
  /** Message bodies older than this are erased (the rows and their counts stay). */
  retentionDays: number;
  /** No offers, reminders or check-ins in this nightly window (Oslo time); offer timeouts pause in it. */
  quietHours: QuietHours;
  /** Tasks starting within `urgentWithinHours` go out in bigger waves with shorter timeouts (0 turns it off). */
  urgency: UrgencySettings;
  /** Fill a brand-new database with a demo unit, coordinator, volunteers and task (development only). */
  demoData: boolean;
  /** Express's `trust proxy`: false (the default) believes no X-Forwarded-* header. */
  trustProxy: TrustProxy;
  /**
   * Bearer token for /metrics. Required in production; unset in development and tests, /metrics
   * answers only requests that come straight from this machine.
   */
  metricsToken: string | undefined;
  voice: VoiceConfig;
}

/** The demo's volunteer centre; a real deployment sets CENTRE_NAME and CENTRE_PHONE. */
export const DEFAULT_CENTRE = { name: 'Frivilligsentralen', phone: '67 93 40 00' } as const;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

const DEFAULT_QUIET_HOURS_VALUE: QuietHours = (() => {
  const parsed = parseQuietHours(DEFAULT_QUIET_HOURS);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.value;
})();

export const DEFAULT_PGLITE_DIR = './data/pglite';
export const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  const e = parsed.data;
  const problems: string[] = [];
  const mode = e.NODE_ENV ?? 'development';
  const port = e.PORT ?? 3000;
  const hasTwilio = Boolean(e.TWILIO_ACCOUNT_SID && e.TWILIO_AUTH_TOKEN);
  const smsTransport = e.SMS_TRANSPORT ?? (hasTwilio ? 'twilio' : 'simulator');

  if (smsTransport === 'twilio') {
    if (!e.TWILIO_ACCOUNT_SID) problems.push('TWILIO_ACCOUNT_SID: required when SMS_TRANSPORT=twilio');
    if (!e.TWILIO_AUTH_TOKEN) problems.push('TWILIO_AUTH_TOKEN: required when SMS_TRANSPORT=twilio');
    if (!e.TWILIO_FROM_NUMBER && !e.TWILIO_MESSAGING_SERVICE_SID) {
      problems.push('TWILIO_FROM_NUMBER: required when SMS_TRANSPORT=twilio (or set TWILIO_MESSAGING_SERVICE_SID)');
    }
  }
  if (mode === 'production') {
    if (smsTransport === 'simulator') problems.push('SMS_TRANSPORT: the simulator is not allowed when NODE_ENV=production');
    if (!e.PUBLIC_BASE_URL) problems.push('PUBLIC_BASE_URL: required when NODE_ENV=production (the URL Twilio calls)');
    if (!e.API_TOKEN) problems.push('API_TOKEN: required when NODE_ENV=production');
    if (!e.DATABASE_URL) problems.push('DATABASE_URL: required when NODE_ENV=production (the embedded database is for trying Svarja out only)');
    if (!e.SESSION_SECRET) problems.push('SESSION_SECRET: required when NODE_ENV=production (at least 32 random characters)');
    if (e.DEMO_DATA === 'on') problems.push('DEMO_DATA: demo data is not allowed when NODE_ENV=production');
    if (!e.METRICS_TOKEN) problems.push('METRICS_TOKEN: required when NODE_ENV=production (Prometheus sends it as a Bearer token)');
  }
  if (problems.length > 0) throw new ConfigError(problems);

  const twilio: TwilioConfig | undefined = smsTransport === 'twilio'
    ? {
        accountSid: e.TWILIO_ACCOUNT_SID!,
        authToken: e.TWILIO_AUTH_TOKEN!,
        fromNumber: e.TWILIO_FROM_NUMBER,
        messagingServiceSid: e.TWILIO_MESSAGING_SERVICE_SID,
        apiBaseUrl: e.TWILIO_API_BASE_URL,
      }
    : undefined;

  const pgliteDir = e.PGLITE_DIR ?? DEFAULT_PGLITE_DIR;
  const database: DatabaseConfig = e.DATABASE_URL
    ? {
        kind: 'postgres',
        url: e.DATABASE_URL,
        timeouts: {
          statementSeconds: e.DATABASE_STATEMENT_TIMEOUT_SECONDS ?? 30,
          idleInTransactionSeconds: e.DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_SECONDS ?? 60,
        },
        preparedStatements: e.DATABASE_PREPARED_STATEMENTS !== 'off',
      }
    : { kind: 'embedded', dir: pgliteDir.startsWith('memory://') ? pgliteDir : path.resolve(pgliteDir) };

  return Object.freeze({
    env: mode,
    port,
    database,
    redisUrl: e.REDIS_URL ?? DEFAULT_REDIS_URL,
    publicBaseUrl: (e.PUBLIC_BASE_URL ?? `http://localhost:${port}`).replace(/\/+$/, ''),
    apiToken: e.API_TOKEN ?? randomBytes(24).toString('base64url'),
    apiTokenGenerated: !e.API_TOKEN,
    sessionSecret: e.SESSION_SECRET ?? randomBytes(32).toString('base64url'),
    smsTransport,
    twilio,
    twilioAuthToken: e.TWILIO_AUTH_TOKEN,
    coordinatorPhone: e.COORDINATOR_PHONE,
    centre: { name: e.CENTRE_NAME ?? DEFAULT_CENTRE.name, phone: e.CENTRE_PHONE ?? DEFAULT_CENTRE.phone },
    queuePrefix: e.QUEUE_PREFIX ?? 'svarja',
    logLevel: e.LOG_LEVEL ?? (mode === 'test' ? 'silent' : 'info'),
    smsSendRatePerSecond: e.SMS_SEND_RATE_PER_SECOND ?? 50,
    smsSendLeaseSeconds: e.SMS_SEND_LEASE_SECONDS ?? 60,
    jobLockSeconds: e.JOB_LOCK_SECONDS ?? 30,
    sweepIntervalSeconds: e.SWEEP_INTERVAL_SECONDS ?? 30,
    sweepGraceSeconds: e.SWEEP_GRACE_SECONDS ?? 30,
    workerConcurrency: e.WORKER_CONCURRENCY ?? 8,
    retentionDays: e.RETENTION_DAYS ?? 180,
    quietHours: e.QUIET_HOURS ?? DEFAULT_QUIET_HOURS_VALUE,
    urgency: {
      urgentWithinHours: e.URGENT_WITHIN_HOURS ?? DEFAULT_URGENCY_SETTINGS.urgentWithinHours,
      urgentWaveSize: e.URGENT_WAVE_SIZE ?? DEFAULT_URGENCY_SETTINGS.urgentWaveSize,
      urgentOfferTimeoutMinutes: e.URGENT_OFFER_TIMEOUT_MINUTES ?? DEFAULT_URGENCY_SETTINGS.urgentOfferTimeoutMinutes,
    },
    demoData: (e.DEMO_DATA ?? (mode === 'development' ? 'on' : 'off')) === 'on',
    databasePoolSize: e.DATABASE_POOL_SIZE ?? Math.max(10, 2 * (e.WORKER_CONCURRENCY ?? 8) + 4),
    trustProxy: e.TRUST_PROXY ?? false,
    metricsToken: e.METRICS_TOKEN,
    voice: { callRatePerSecond: e.CALL_RATE_PER_SECOND ?? 1, nbVoice: e.VOICE_NB ?? 'Polly.Ida-Neural', officeHours: e.OFFICE_HOURS ?? parseOfficeHours(DEFAULT_OFFICE_HOURS)! },
  });
}
