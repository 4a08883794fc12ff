import pino from 'pino';
import { maskPhone } from './domain/phone';

export type Logger = pino.Logger;

/**
 * Logs carry ids, never people: fields that hold a phone number are masked (+47******67, enough to
 * tell two apart while debugging), message bodies and task texts are removed, wherever they sit
 * (top level or one object deep). Error texts are scrubbed of digit runs that look like numbers,
 * because drivers quote values in them ("Key (phone)=(+4741234567) already exists").
 */
const PHONE_KEYS = ['phone', 'to', 'from', 'To', 'From', 'coordinatorPhone', 'to_phone', 'from_phone'];
const TEXT_KEYS = ['body', 'Body', 'details', 'summary', 'name'];
const PHONE_LIKE = /\+?\d[\d ().-]{6,}\d/g;

export function scrubPhoneNumbers(text: string): string {
  return text.replace(PHONE_LIKE, (match) => maskPhone(match));
}

function censor(value: unknown, path: string[]): unknown {
  const key = path[path.length - 1] ?? '';
  if (PHONE_KEYS.includes(key) && typeof value === 'string') return maskPhone(value);
  return '[redacted]';
}

function serializeError(err: unknown): unknown {
  const base = pino.stdSerializers.err(err as Error) as unknown as Record<string, unknown>;
  for (const key of ['message', 'detail', 'stack']) {
    if (typeof base[key] === 'string') base[key] = scrubPhoneNumbers(base[key] as string);
  }
  return base;
}

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  const keys = [...PHONE_KEYS, ...TEXT_KEYS];
  return pino(
    {
      level,
      base: { service: 'svarja' },
      redact: { paths: [...keys, ...keys.map((k) => `*.${k}`), 'req.headers.authorization', 'req.headers.cookie'], censor },
      serializers: { err: serializeError },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    destination,
  );
}
