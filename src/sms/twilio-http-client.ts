import { readFileSync } from 'node:fs';
import twilio from 'twilio';
import type RequestClient from 'twilio/lib/base/RequestClient';
import type Response from 'twilio/lib/http/response';
import { EnvHttpProxyAgent, request, type Dispatcher } from 'undici';

export interface TwilioHttpClientOptions {
  /** Every request goes to this server instead of Twilio's hosts (TWILIO_API_BASE_URL: the tests' fake, a proxy). */
  baseUrl?: string;
  /** The whole request, from send to the last byte of the answer (twilio's default: 30 s). */
  timeoutMs?: number;
}

/**
 * Connections kept open to Twilio per host: well above what the send rate lets through at once, so
 * a burst of sends never waits for a connection or opens one (a TLS handshake costs more than the
 * POST). All stay open between bursts; twilio's own client keeps 5 and closes the rest.
 */
export const TWILIO_CONNECTIONS = 64;

const DEFAULT_TIMEOUT_MS = 30_000;

/** How long an idle connection is kept when the server sends no Keep-Alive hint (undici follows one when sent). */
const KEEP_ALIVE_TIMEOUT_MS = 30_000;

/**
 * The HTTP layer under the `twilio` package (its `httpClient` option, the interface of its own
 * RequestClient): the package still builds every request and reads every answer (errors included);
 * this only carries them, on undici with one pool of keep-alive connections. An SMS costs about half
 * the CPU it costs through twilio's own client, axios (bench/twilio-client.bench.ts measures both).
 *
 * The base class's axios instance is made but never used. As with twilio's client, HTTP_PROXY (and
 * HTTPS_PROXY, NO_PROXY) and TWILIO_CA_BUNDLE are honoured and a 429 is returned to the caller (the
 * send job's backoff retries it). Redirects are not followed: Twilio's REST API does not redirect.
 */
export class TwilioHttpClient extends twilio.RequestClient {
  private readonly dispatcher: EnvHttpProxyAgent;
  private readonly base: URL | undefined;
  private readonly timeoutMs: number;
  private closed: Promise<void> | undefined;

  constructor(opts: TwilioHttpClientOptions) {
    // The base class is what `twilio()` takes as an httpClient; only its request() is replaced.
    super({ timeout: opts.timeoutMs ?? DEFAULT_TIMEOUT_MS });
    const ca = process.env.TWILIO_CA_BUNDLE;
    this.dispatcher = new EnvHttpProxyAgent({
      connections: TWILIO_CONNECTIONS,
      keepAliveTimeout: KEEP_ALIVE_TIMEOUT_MS,
      ...(ca ? { connect: { ca: readFileSync(ca) } } : {}),
    });
    this.base = opts.baseUrl ? new URL(opts.baseUrl) : undefined;
    this.timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  }

  override async request<TData>(opts: RequestClient.RequestOptions<TData>): Promise<Response<TData>> {
    const headers: Record<string, string> = { ...opts.headers };
    if (opts.username && opts.password) headers.Authorization = `Basic ${Buffer.from(`${opts.username}:${opts.password}`).toString('base64')}`;
    else if (opts.authStrategy) headers.Authorization = await opts.authStrategy.getAuthString();
    const res = await request(this.target(opts.uri, opts.params), {
      method: opts.method.toUpperCase() as Dispatcher.HttpMethod,
      headers,
      body: encodeBody(headers['Content-Type'], opts.data as object | undefined),
      dispatcher: this.dispatcher,
      signal: AbortSignal.timeout(opts.timeout ?? this.timeoutMs),
    });
    // A string, as twilio's Version parses it (JSON, or the error it turns into a RestException).
    const body = await res.body.text();
    return { statusCode: res.statusCode, body, headers: res.headers } as unknown as Response<TData>;
  }

  /** Closes the kept connections once the requests under way are answered; closing again is a no-op. */
  close(): Promise<void> {
    this.closed ??= this.dispatcher.close();
    return this.closed;
  }

  /** Twilio's URI with its query, sent to the base URL when one is set (path and query kept). */
  private target(uri: string, params: object | undefined): URL {
    const url = new URL(uri);
    const out = this.base ? new URL(url.pathname + url.search, this.base) : url;
    for (const [key, value] of formEntries(params)) out.searchParams.append(key, value);
    return out;
  }
}

/** The request body as twilio's client would send it: form-encoded (arrays as repeated keys) or JSON. */
function encodeBody(contentType: string | undefined, data: object | undefined): string | undefined {
  if (!data) return undefined;
  if (contentType === 'application/json') return JSON.stringify(data);
  if (contentType !== 'application/x-www-form-urlencoded') return undefined;
  return new URLSearchParams(formEntries(data)).toString();
}

/** Flat key-value pairs; undefined and null are left out, an array repeats its key. */
function formEntries(values: object | undefined): Array<[string, string]> {
  if (!values) return [];
  return Object.entries(values).flatMap(([key, value]) => (value === undefined || value === null ? []
    : Array.isArray(value) ? value.map((v): [string, string] => [key, String(v)]) : [[key, String(value)]]));
}
