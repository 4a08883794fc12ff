import { Agent } from 'node:http';
import twilio from 'twilio';
import type RequestClient from 'twilio/lib/base/RequestClient';
import type Response from 'twilio/lib/http/response';

/**
 * Connections to Twilio are reused (a TLS handshake per SMS costs more than the POST itself); at
 * most this many at once, well above what the send rate limit lets through.
 */
export const KEEP_ALIVE = { keepAlive: true, keepAliveMsecs: 1_000, maxSockets: 64 } as const;

/**
 * Sends every Twilio REST call to a Twilio-compatible server (TWILIO_API_BASE_URL: the tests'
 * fake, or a proxy) instead of Twilio's own hosts. The client has no base-URL option (hosts are
 * hard-coded, plus edge/region rewriting), so the request's URI is rewritten, path and query kept.
 */
export class RedirectingRequestClient extends twilio.RequestClient {
  private readonly base: URL;

  /** `timeoutMs` becomes the per-request timeout (the client's default is 30 s). */
  constructor(baseUrl: string, opts: { timeoutMs?: number } = {}) {
    super({ ...KEEP_ALIVE, ...(opts.timeoutMs === undefined ? {} : { timeout: opts.timeoutMs }) });
    this.base = new URL(baseUrl);
    // The client's own agent is https only; a plain-http server (the tests' fake) gets the same reuse.
    if (this.base.protocol === 'http:') this.axios.defaults.httpAgent = new Agent({ keepAlive: true, maxSockets: KEEP_ALIVE.maxSockets });
  }

  override request<TData>(opts: RequestClient.RequestOptions<TData>): Promise<Response<TData>> {
    const original = new URL(opts.uri);
    const uri = new URL(original.pathname + original.search, this.base).toString();
    return super.request<TData>({ ...opts, uri });
  }
}
