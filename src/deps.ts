import Redis from 'ioredis';
import type { Pool } from 'pg';
import type { Config } from './config';
import { onConnectionError, openDatabase, type Db } from './db/database';
import { createInboundSignal } from './live/inbound-signal';
import { createTaskEventPublisher } from './live/task-events';
import { createLogger, type Logger } from './log';
import { createQueues, type Queues } from './queue/queues';
import { redisConnectionFromUrl } from './queue/redis';
import type { ServiceContext } from './services/context';
import type { SmsGateway } from './sms/sms-gateway';
import { createSimulatorGateway } from './sms/simulator-gateway';
import { createTwilioGateway } from './sms/twilio-gateway';
import { createSimulatorVoiceGateway } from './voice/simulator-voice-gateway';
import { createTwilioVoiceGateway } from './voice/twilio-voice-gateway';
import type { VoiceGateway } from './voice/voice-gateway';

export interface Deps {
  config: Config;
  db: Db;
  /** The pg pool under `db`, shared with the session store (one connection on embedded PGlite). */
  pool: Pool;
  /** For publishing task events and rate-limit counters (BullMQ keeps its own connections). */
  redis: Redis;
  queues: Queues;
  sms: SmsGateway;
  log: Logger;
  /** What every use case gets: see services/context.ts. */
  ctx: ServiceContext;
  close(): Promise<void>;
}

export function createSmsGateway(config: Config): SmsGateway {
  if (config.smsTransport === 'simulator' || !config.twilio) return createSimulatorGateway();
  // Half the lease: a call that outlives it could overlap a second sender taking the message over.
  const timeoutMs = Math.min(30_000, (config.smsSendLeaseSeconds * 1000) / 2);
  return createTwilioGateway({ config: config.twilio, publicBaseUrl: config.publicBaseUrl, timeoutMs });
}

/** Calls go through Twilio whenever SMS do and a number to call from is set; otherwise nothing rings. */
export function createVoiceGateway(config: Config): VoiceGateway {
  if (config.smsTransport === 'simulator' || !config.twilio?.fromNumber) return createSimulatorVoiceGateway();
  const timeoutMs = Math.min(30_000, (config.smsSendLeaseSeconds * 1000) / 2);
  return createTwilioVoiceGateway({ config: config.twilio, fromNumber: config.twilio.fromNumber, publicBaseUrl: config.publicBaseUrl, timeoutMs });
}

export function createRedis(config: Config): Redis {
  return new Redis(config.redisUrl, { maxRetriesPerRequest: null });
}

/** Builds every adapter once, from config; `overrides` lets tests swap the clock or the logger. */
export function createDeps(config: Config, overrides: { now?: () => Date; log?: Logger } = {}): Deps {
  const log = overrides.log ?? createLogger(config.logLevel);
  const database = openDatabase(config.database, config.databasePoolSize);
  const { pool, db } = database;
  onConnectionError(pool, (err) => log.warn({ err }, 'a database connection failed; its work is retried and the pool replaces it'));
  const redis = createRedis(config);
  redis.on('error', (err) => log.warn({ err }, 'redis connection error'));
  const queues = createQueues(redisConnectionFromUrl(config.redisUrl), config.queuePrefix, log);
  const sms = createSmsGateway(config);
  const ctx: ServiceContext = {
    db,
    jobs: queues,
    sms,
    log,
    now: overrides.now ?? (() => new Date()),
    settings: {
      serviceNumber: config.twilio?.fromNumber ?? config.twilio?.messagingServiceSid ?? 'Svarja',
      coordinatorPhone: config.coordinatorPhone,
      centre: config.centre,
      smsSendLeaseSeconds: config.smsSendLeaseSeconds,
      sweepGraceSeconds: config.sweepGraceSeconds,
      retentionDays: config.retentionDays,
      quietHours: config.quietHours,
      urgency: config.urgency,
      voices: { nb: config.voice.nbVoice },
      officeHours: config.voice.officeHours,
    },
    taskEvents: createTaskEventPublisher(redis, config.queuePrefix, log),
    inbound: createInboundSignal(redis, config.queuePrefix, log),
    voice: createVoiceGateway(config),
  };
  return {
    config, db, pool, redis, queues, sms, log, ctx,
    async close() {
      await queues.close();
      redis.disconnect();
      await Promise.all([sms.close(), ctx.voice.close()]);
      await database.close();
    },
  };
}
