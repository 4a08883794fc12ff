import type { Request } from 'express';

export interface ClientError {
  status: number;
  /** The `error` of the JSON answer. */
  code: string;
  message: string;
  /** Norwegian heading and sentence for the admin pages. */
  title: string;
  text: string;
}

const KNOWN: Record<number, Omit<ClientError, 'status'>> = {
  400: { code: 'invalid_body', message: 'the request could not be read', title: 'Kunne ikke lese skjemaet', text: 'Det som ble sendt, kunne ikke leses.' },
  403: { code: 'forbidden', message: 'forbidden', title: 'Ikke tillatt', text: 'Du har ikke tilgang til dette.' },
  404: { code: 'not_found', message: 'no such route', title: 'Fant ikke siden', text: 'Siden finnes ikke.' },
  413: { code: 'too_large', message: 'request body too large or too many fields', title: 'For mye på en gang', text: 'Skjemaet eller filen er for stort, eller har for mange felt.' },
  415: { code: 'unsupported_media_type', message: 'unsupported content type, charset or content encoding', title: 'Ukjent format', text: 'Det som ble sendt, er i et format Svarja ikke leser.' },
};

/**
 * The client's mistakes that the body parsers, the router and the static files report as errors
 * with a 4xx status (http-errors): too large, too many parameters, an unknown charset or
 * Content-Encoding, malformed JSON, a bad %-escape in the path, a missing file. Undefined for
 * anything else, which stays a 500.
 */
export function clientErrorOf(err: unknown): ClientError | undefined {
  const e = err as { status?: unknown; statusCode?: unknown } | null;
  const status = Number(e?.status ?? e?.statusCode);
  if (!Number.isInteger(status) || status < 400 || status > 499) return undefined;
  return { status, ...(KNOWN[status] ?? { code: 'bad_request', message: 'bad request', title: 'Feil i forespørselen', text: 'Forespørselen kunne ikke behandles.' }) };
}

/** The admin pages and the login answer in Norwegian HTML; the API, webhooks and the rest in JSON. */
export function wantsPage(req: Request): boolean {
  return /^\/(admin|login|logout)(\/|$|\?)/.test(req.originalUrl);
}
