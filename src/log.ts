import pino from 'pino';

export type Logger = pino.Logger;

/**
 * Phone numbers and message bodies never reach the logs: any field with one of these names is
 * censored wherever it sits (top level or one object deep). Log ids, not people.
 */
const SENSITIVE_KEYS = ['phone', 'to', 'from', 'From', 'To', 'Body', 'body', 'details', 'name', 'summary', 'coordinatorPhone'];
const REDACT_PATHS = [...SENSITIVE_KEYS, ...SENSITIVE_KEYS.map((k) => `*.${k}`), 'req.headers.authorization', 'req.headers.cookie'];

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'svarja' },
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    destination,
  );
}
