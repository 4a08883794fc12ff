/**
 * A Twilio-compatible fake of the Messages REST API on 127.0.0.1, for integration tests and
 * benchmarks. The real `twilio` package talks to it through TwilioHttpClient (src/sms/twilio-http-client.ts).
 *
 * Response shapes follow twilio-node 6.2.0 (lib/rest/api/v2010/account/message.js,
 * lib/base/Page.js, lib/base/Version.js). Plain node:http is used on purpose: benchmarks
 * push thousands of requests through this server.
 */
import http from 'node:http';
import https from 'node:https';
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import twilio from 'twilio';
import { CALLS_ROUTE, FAKE_RECORDING_AUDIO, FakeCalls, RECORDING_ROUTE } from './fake-twilio-calls';

export interface FakeMessage {
  sid: string;
  accountSid: string;
  to: string;
  /** null when the message was sent through a Messaging Service (as the real API does). */
  from: string | null;
  messagingServiceSid: string | null;
  body: string;
  statusCallback: string | null;
  /** 'queued' (From) or 'accepted' (MessagingServiceSid); updated by sendStatusCallback(). */
  status: string;
  /** Set by sendStatusCallback(); shown as error_code by fetch/list. */
  errorCode: number | null;
  numSegments: number;
  dateCreated: Date;
  /** performance.now() when the request arrived (before its body was read). */
  receivedAtMs: number;
}

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  form: Record<string, string | string[]>;
  authorized: boolean;
  /** HTTP status answered, or 0 while not (yet) answered, e.g. withheld by hangNext(). */
  status: number;
}

export interface FakeTwilioOptions {
  accountSid?: string;
  authToken?: string;
  port?: number;
}

/** A bad day at Twilio: each create fails or is held at random, in these shares. */
export interface TwilioStorm {
  /** Share of creates answered 500 (nothing created). */
  fail500: number;
  /** Share of creates answered 429 (nothing created). */
  fail429: number;
  /** Share of the other creates that are created but answered only after `holdMs`. */
  hold: number;
  holdMs: number;
  /** A seeded source of [0, 1), so a run can be repeated. */
  random: () => number;
}

interface PlannedFailure {
  remaining: number;
  status: number;
  code: number;
  message: string;
}

interface Exchange {
  req: http.IncomingMessage;
  res: http.ServerResponse;
  record: RecordedRequest;
  receivedAtMs: number;
}

interface Waiter {
  count: number;
  resolve: (messages: FakeMessage[]) => void;
  reject: (err: Error) => void;
  timer: NodeJS.Timeout;
}

const API_VERSION = '2010-04-01';
const DEFAULT_ACCOUNT_SID = 'AC0123456789abcdef0123456789abcdef';
const DEFAULT_AUTH_TOKEN = 'fake_auth_token';
const MAX_BODY_BYTES = 1024 * 1024;
const DEFAULT_PAGE_SIZE = 50;
const MAX_PAGE_SIZE = 1000;
const CALLBACK_TIMEOUT_MS = 10_000;
const ROUTE = /^\/2010-04-01\/Accounts\/([^/]+)\/Messages(?:\/([^/.]+))?\.json$/;

export class FakeTwilio {
  readonly messages: FakeMessage[] = [];
  readonly requests: RecordedRequest[] = [];
  /** Programmable Voice: Calls.json, and playing answered calls against our webhooks. */
  readonly voice: FakeCalls;

  private readonly bySid = new Map<string, FakeMessage>();
  private readonly listeners = new Set<(m: FakeMessage) => void>();
  private readonly waiters = new Set<Waiter>();
  private readonly hung = new Set<http.ServerResponse>();
  private readonly delayed = new Set<NodeJS.Timeout>();
  private readonly expectedCredentials: string;
  private failures: PlannedFailure[] = [];
  private hangCount = 0;
  private latencyMs = 0;
  private storm: TwilioStorm | undefined;
  private closed = false;

  private constructor(
    private readonly server: http.Server,
    readonly url: string,
    readonly accountSid: string,
    readonly authToken: string,
  ) {
    this.expectedCredentials = `${accountSid}:${authToken}`;
    this.voice = new FakeCalls(accountSid, authToken);
    server.on('request', (req, res) => this.handle(req, res));
  }

  static async start(opts: FakeTwilioOptions = {}): Promise<FakeTwilio> {
    const server = http.createServer();
    // Longer than the client agent's 5 s idle timeout, so the client always closes idle
    // keep-alive sockets first; otherwise a reused socket can race the server's close (ECONNRESET).
    server.keepAliveTimeout = 65_000;
    await listen(server, opts.port ?? 0);
    const { port } = server.address() as { port: number };
    return new FakeTwilio(
      server,
      `http://127.0.0.1:${port}`,
      opts.accountSid ?? DEFAULT_ACCOUNT_SID,
      opts.authToken ?? DEFAULT_AUTH_TOKEN,
    );
  }

  failNext(count: number, status: number, code?: number, message?: string): void {
    this.failures.push({
      remaining: count,
      status,
      // Twilio's generic HTTP-level errors are 20000 + status (20429, 20500, 20503).
      code: code ?? 20000 + status,
      message: message ?? http.STATUS_CODES[status] ?? 'Error',
    });
  }

  /** Turns random failures and held answers on (or off, with undefined). */
  setStorm(storm: TwilioStorm | undefined): void {
    this.storm = storm;
  }

  hangNext(count: number): void {
    this.hangCount += count;
  }

  setLatency(ms: number): void {
    if (!(ms >= 0)) throw new RangeError(`latency must be >= 0, got ${ms}`);
    this.latencyMs = ms;
  }

  /** Create requests received whose answer is still being held back by setLatency. */
  awaitingAnswer(): number {
    return this.delayed.size;
  }

  messagesTo(to: string): FakeMessage[] {
    return this.messages.filter((m) => m.to === to);
  }

  waitForMessages(count: number, timeoutMs = 10_000): Promise<FakeMessage[]> {
    if (this.messages.length >= count) return Promise.resolve([...this.messages]);
    if (this.closed) return Promise.reject(new Error('FakeTwilio is closed'));
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        count,
        resolve,
        reject,
        timer: setTimeout(() => {
          this.waiters.delete(waiter);
          reject(new Error(this.describeShortfall(count, timeoutMs)));
        }, timeoutMs),
      };
      this.waiters.add(waiter);
    });
  }

  onMessage(listener: (m: FakeMessage) => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  /**
   * Plays Twilio's side of a delivery report. The stored status is updated first, like
   * Twilio updating its record before calling back, so a later fetch agrees with the callback.
   */
  async sendStatusCallback(sid: string, status: string, errorCode?: number): Promise<number> {
    const message = this.bySid.get(sid);
    if (!message) throw new Error(`FakeTwilio: no message with sid ${sid}`);
    if (!message.statusCallback) throw new Error(`FakeTwilio: message ${sid} has no StatusCallback`);
    message.status = status;
    message.errorCode = errorCode ?? null;
    const params = statusCallbackParams(message, status, errorCode);
    const signature = twilio.getExpectedTwilioSignature(this.authToken, message.statusCallback, params);
    return postForm(message.statusCallback, params, signature);
  }

  reset(): void {
    this.messages.length = 0;
    this.requests.length = 0;
    this.bySid.clear();
    this.voice.reset();
    this.failures = [];
    this.hangCount = 0;
    this.latencyMs = 0;
    this.storm = undefined;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const timer of this.delayed) clearTimeout(timer);
    this.delayed.clear();
    for (const waiter of this.waiters) {
      clearTimeout(waiter.timer);
      waiter.reject(new Error(`FakeTwilio closed while waiting for ${waiter.count} messages`));
    }
    this.waiters.clear();
    const done = new Promise<void>((resolve) => this.server.close(() => resolve()));
    // Hung and keep-alive sockets would otherwise hold server.close() open forever.
    this.server.closeAllConnections();
    this.hung.clear();
    await done;
  }

  // ---- request handling -------------------------------------------------------------

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const receivedAtMs = performance.now();
    readBody(req)
      .then((raw) => {
        if (raw === undefined) return sendJson(res, 413, twilioError(413, 20413, 'Request body too large'));
        this.route(req, res, raw, receivedAtMs);
      })
      .catch((err: unknown) => {
        // A bug in the fake should fail the caller's request loudly, not hang it.
        console.error('FakeTwilio failed to handle request', err);
        if (!res.headersSent) sendJson(res, 500, twilioError(500, 20500, String(err)));
      });
  }

  private route(req: http.IncomingMessage, res: http.ServerResponse, raw: string, receivedAtMs: number): void {
    const rawUrl = req.url ?? '/';
    const q = rawUrl.indexOf('?');
    const path = q === -1 ? rawUrl : rawUrl.slice(0, q);
    const query = new URLSearchParams(q === -1 ? '' : rawUrl.slice(q + 1));
    const form = parseForm(req, raw);
    const record: RecordedRequest = {
      method: req.method ?? 'GET',
      path,
      query: Object.fromEntries(query),
      form,
      authorized: this.isAuthorized(req),
      status: 0,
    };
    this.requests.push(record);
    const ex: Exchange = { req, res, record, receivedAtMs };

    const recording = RECORDING_ROUTE.exec(path);
    if (recording) {
      if (!record.authorized) return this.unauthorized(ex);
      if (recording[1] !== this.accountSid || !this.voice.recordings.has(recording[2]!) || record.method !== 'GET') return this.notFound(ex, path);
      record.status = 200;
      ex.res.writeHead(200, { 'content-type': 'audio/mpeg', 'content-length': String(FAKE_RECORDING_AUDIO.length) });
      ex.res.end(FAKE_RECORDING_AUDIO);
      return;
    }
    const calls = CALLS_ROUTE.exec(path);
    if (calls) return this.routeCalls(ex, calls[1], calls[2], form, query);
    const match = ROUTE.exec(path);
    if (!match) return this.notFound(ex, path);
    if (!record.authorized) return this.unauthorized(ex);
    if (match[1] !== this.accountSid) return this.notFound(ex, path);

    const sid = match[2];
    if (sid === undefined && record.method === 'POST') return this.createMessage(ex, form);
    if (sid === undefined && record.method === 'GET') return this.listMessages(ex, query);
    if (sid !== undefined && record.method === 'GET') return this.fetchMessage(ex, sid, path);
    return this.notFound(ex, path);
  }

  private routeCalls(ex: Exchange, account: string | undefined, sid: string | undefined, form: Record<string, string | string[]>, query: URLSearchParams): void {
    if (!ex.record.authorized) return this.unauthorized(ex);
    if (account !== this.accountSid) return this.notFound(ex, ex.record.path);
    const reply = this.voice.handle(ex.record.method, sid, form, query);
    if (!reply.hang) return this.answer(ex, reply.status, reply.payload);
    this.hung.add(ex.res); // created, but the answer never comes (see FakeCalls.hangNext)
    ex.res.on('close', () => this.hung.delete(ex.res));
  }

  private isAuthorized(req: http.IncomingMessage): boolean {
    const header = req.headers.authorization;
    if (!header || !/^basic /i.test(header)) return false;
    return Buffer.from(header.slice(6).trim(), 'base64').toString('utf8') === this.expectedCredentials;
  }

  private createMessage(ex: Exchange, form: Record<string, string | string[]>): void {
    const failure = this.takeFailure();
    if (failure) return this.answerCreate(ex, failure.status, twilioError(failure.status, failure.code, failure.message));

    const invalid = validateCreate(form);
    if (invalid) return this.answerCreate(ex, 400, twilioError(400, invalid.code, invalid.message));

    const stormy = this.storm && this.storm.random();
    if (this.storm && stormy !== undefined && stormy < this.storm.fail500 + this.storm.fail429) {
      const status = stormy < this.storm.fail500 ? 500 : 429;
      return this.answerCreate(ex, status, twilioError(status, 20000 + status, http.STATUS_CODES[status] ?? 'Error'));
    }
    const message = this.storeMessage(form, ex.receivedAtMs);
    if (this.storm && this.storm.random() < this.storm.hold) {
      const timer = setTimeout(() => {
        this.delayed.delete(timer);
        this.answer(ex, 201, renderMessage(message, false));
      }, this.storm.holdMs);
      this.delayed.add(timer);
      return;
    }
    if (this.hangCount > 0) {
      // Twilio accepted the message but the answer never arrives: the socket stays open
      // until the client times out or close() destroys it.
      this.hangCount -= 1;
      this.hung.add(ex.res);
      ex.res.on('close', () => this.hung.delete(ex.res));
      return;
    }
    this.answerCreate(ex, 201, renderMessage(message, false));
  }

  private answerCreate(ex: Exchange, status: number, payload: unknown): void {
    if (this.latencyMs <= 0) return this.answer(ex, status, payload);
    const timer = setTimeout(() => {
      this.delayed.delete(timer);
      this.answer(ex, status, payload);
    }, this.latencyMs);
    this.delayed.add(timer);
  }

  private takeFailure(): PlannedFailure | undefined {
    const failure = this.failures[0];
    if (!failure) return undefined;
    failure.remaining -= 1;
    if (failure.remaining <= 0) this.failures.shift();
    return failure;
  }

  private storeMessage(form: Record<string, string | string[]>, receivedAtMs: number): FakeMessage {
    const from = field(form, 'From') ?? null;
    const body = field(form, 'Body') ?? '';
    const message: FakeMessage = {
      sid: newSid('SM'),
      accountSid: this.accountSid,
      to: field(form, 'To') ?? '',
      from,
      messagingServiceSid: field(form, 'MessagingServiceSid') ?? null,
      body,
      statusCallback: field(form, 'StatusCallback') ?? null,
      // Messaging Service sends start as 'accepted' until a sender number is picked.
      status: from === null ? 'accepted' : 'queued',
      errorCode: null,
      numSegments: countSegments(body),
      dateCreated: new Date(),
      receivedAtMs,
    };
    this.messages.push(message);
    this.bySid.set(message.sid, message);
    this.notify(message);
    return message;
  }

  private notify(message: FakeMessage): void {
    for (const listener of this.listeners) {
      try {
        listener(message);
      } catch (err) {
        // A broken test listener must not take the fake server down with it.
        console.error('FakeTwilio onMessage listener threw', err);
      }
    }
    for (const waiter of this.waiters) {
      if (this.messages.length < waiter.count) continue;
      clearTimeout(waiter.timer);
      this.waiters.delete(waiter);
      waiter.resolve([...this.messages]);
    }
  }

  private listMessages(ex: Exchange, query: URLSearchParams): void {
    const matches = buildFilter(query);
    if (typeof matches === 'string') return this.answer(ex, 400, twilioError(400, 20001, matches));
    const pageSize = clampPageSize(query.get('PageSize'));
    const pageNumber = Math.max(0, Number(query.get('Page') ?? 0) || 0);
    // PageToken = index into `messages` to continue below. Indices are stable because messages
    // are only appended, so paging stays correct while new messages keep arriving.
    const token = /^PA(\d+)$/.exec(query.get('PageToken') ?? '');
    const before = token?.[1] !== undefined ? Number(token[1]) : this.messages.length;

    const page: FakeMessage[] = [];
    let nextIndex = -1;
    for (let i = Math.min(before, this.messages.length) - 1; i >= 0; i--) {
      const m = this.messages[i];
      if (m === undefined || !matches(m)) continue;
      if (page.length === pageSize) {
        nextIndex = i + 1;
        break;
      }
      page.push(m);
    }
    this.answer(ex, 200, this.renderPage(ex.record.path, query, page, pageSize, pageNumber, nextIndex));
  }

  private renderPage(
    path: string,
    query: URLSearchParams,
    page: FakeMessage[],
    pageSize: number,
    pageNumber: number,
    nextIndex: number,
  ): Record<string, unknown> {
    const pageUri = (extra: Record<string, string>): string => {
      const q = new URLSearchParams(query);
      q.delete('Page');
      q.delete('PageToken');
      q.set('PageSize', String(pageSize));
      for (const [k, v] of Object.entries(extra)) q.set(k, v);
      return `${path}?${q.toString()}`;
    };
    const start = pageNumber * pageSize;
    const search = query.toString();
    return {
      messages: page.map((m) => renderMessage(m, true)),
      end: Math.max(start, start + page.length - 1),
      first_page_uri: pageUri({ Page: '0' }),
      next_page_uri: nextIndex < 0 ? null : pageUri({ Page: String(pageNumber + 1), PageToken: `PA${nextIndex}` }),
      page: pageNumber,
      page_size: pageSize,
      previous_page_uri: null,
      start,
      uri: search ? `${path}?${search}` : path,
    };
  }

  private fetchMessage(ex: Exchange, sid: string, path: string): void {
    const message = this.bySid.get(sid);
    if (!message) return this.notFound(ex, path);
    this.answer(ex, 200, renderMessage(message, true));
  }

  private unauthorized(ex: Exchange): void {
    ex.res.setHeader('WWW-Authenticate', 'Basic realm="Twilio API"');
    this.answer(ex, 401, twilioError(401, 20003, 'Authenticate'));
  }

  private notFound(ex: Exchange, path: string): void {
    this.answer(ex, 404, twilioError(404, 20404, `The requested resource ${path} was not found`));
  }

  private answer(ex: Exchange, status: number, payload: unknown): void {
    ex.record.status = status;
    sendJson(ex.res, status, payload);
  }

  private describeShortfall(count: number, timeoutMs: number): string {
    const arrived = this.messages.map((m) => `  ${m.sid} to=${m.to} body=${JSON.stringify(m.body)}`);
    return (
      `FakeTwilio.waitForMessages: expected >= ${count} messages within ${timeoutMs} ms, ` +
      `got ${this.messages.length}${arrived.length ? ':\n' + arrived.join('\n') : ''}`
    );
  }
}

// ---- helpers ----------------------------------------------------------------------------

function listen(server: http.Server, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    // A large backlog: benchmarks open many concurrent connections (axios over plain http
    // uses the global agent, which has no socket limit).
    server.listen({ host: '127.0.0.1', port, backlog: 4096 }, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

/** Resolves with the body, or undefined when it exceeds MAX_BODY_BYTES (drained, not kept). */
function readBody(req: http.IncomingMessage): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    req.on('end', () => resolve(size > MAX_BODY_BYTES ? undefined : Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** Form fields; repeated keys (e.g. MediaUrl) become arrays, as twilio-node sends them repeated. */
function parseForm(req: http.IncomingMessage, raw: string): Record<string, string | string[]> {
  const form: Record<string, string | string[]> = {};
  if (!raw || !(req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')) return form;
  for (const [key, value] of new URLSearchParams(raw)) {
    const prev = form[key];
    if (prev === undefined) form[key] = value;
    else if (Array.isArray(prev)) prev.push(value);
    else form[key] = [prev, value];
  }
  return form;
}

function field(form: Record<string, string | string[]>, key: string): string | undefined {
  const value = form[key];
  return Array.isArray(value) ? value[0] : value;
}

function validateCreate(form: Record<string, string | string[]>): { code: number; message: string } | undefined {
  if (!field(form, 'To')) return { code: 21604, message: "A 'To' phone number is required." };
  if (!field(form, 'From') && !field(form, 'MessagingServiceSid')) {
    return { code: 21603, message: "A 'From' phone number is required." };
  }
  // Real Twilio also accepts media or a content template instead of a body.
  if (!field(form, 'Body') && !field(form, 'MediaUrl') && !field(form, 'ContentSid')) {
    return { code: 21602, message: 'Message body is required.' };
  }
  return undefined;
}

function twilioError(status: number, code: number, message: string): Record<string, unknown> {
  return { code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status };
}

function sendJson(res: http.ServerResponse, status: number, payload: unknown): void {
  const body = JSON.stringify(payload);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
}

function newSid(prefix: string): string {
  return prefix + randomBytes(16).toString('hex');
}

/** twilio-node parses dates with the format 'ddd, DD MMM YYYY HH:mm:ss [+0000]'. */
function rfc2822(date: Date): string {
  return date.toUTCString().replace('GMT', '+0000');
}

/**
 * The create response has date_sent null (nothing is sent yet); fetch/list report the creation
 * time as date_sent, which is also what the DateSent filters compare against.
 */
function renderMessage(m: FakeMessage, withDateSent: boolean): Record<string, unknown> {
  const uri = `/${API_VERSION}/Accounts/${m.accountSid}/Messages/${m.sid}`;
  const created = rfc2822(m.dateCreated);
  return {
    account_sid: m.accountSid,
    api_version: API_VERSION,
    body: m.body,
    date_created: created,
    date_sent: withDateSent ? created : null,
    date_updated: created,
    direction: 'outbound-api',
    error_code: m.errorCode,
    error_message: null,
    from: m.from,
    messaging_service_sid: m.messagingServiceSid,
    num_media: '0',
    num_segments: String(m.numSegments),
    price: null,
    price_unit: 'USD',
    sid: m.sid,
    status: m.status,
    subresource_uris: { media: `${uri}/Media.json`, feedback: `${uri}/Feedback.json` },
    to: m.to,
    uri: `${uri}.json`,
  };
}

function clampPageSize(raw: string | null): number {
  const n = Number(raw ?? DEFAULT_PAGE_SIZE);
  return Number.isInteger(n) && n > 0 ? Math.min(n, MAX_PAGE_SIZE) : DEFAULT_PAGE_SIZE;
}

type Bound = { kind: 'day'; start: number } | { kind: 'instant'; at: number };

/** Accepts what twilio-node serialises (YYYY-MM-DDTHH:mm:ssZ) and the documented YYYY-MM-DD. */
function parseBound(value: string): Bound | undefined {
  const ms = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value);
  if (Number.isNaN(ms)) return undefined;
  return value.length === 10 ? { kind: 'day', start: ms } : { kind: 'instant', at: ms };
}

const DAY_MS = 86_400_000;

/**
 * Twilio's `DateSent>` / `DateSent<` are inclusive ("on or after" / "on or before") and work at
 * one-second resolution (twilio-node drops milliseconds), so compare whole seconds.
 */
function buildFilter(query: URLSearchParams): ((m: FakeMessage) => boolean) | string {
  const checks: ((m: FakeMessage) => boolean)[] = [];
  const to = query.get('To');
  const from = query.get('From');
  if (to !== null) checks.push((m) => m.to === to);
  if (from !== null) checks.push((m) => m.from === from);
  for (const [key, op] of [['DateSent', '='], ['DateSent>', '>'], ['DateSent<', '<']] as const) {
    const raw = query.get(key);
    if (raw === null) continue;
    const bound = parseBound(raw);
    if (!bound) return `Invalid ${key} value: ${raw}`;
    checks.push((m) => compareSent(sentSecondMs(m), op, bound));
  }
  return (m) => checks.every((check) => check(m));
}

function sentSecondMs(m: FakeMessage): number {
  return Math.floor(m.dateCreated.getTime() / 1000) * 1000;
}

function compareSent(sent: number, op: '=' | '>' | '<', bound: Bound): boolean {
  if (bound.kind === 'day') {
    const end = bound.start + DAY_MS;
    if (op === '=') return sent >= bound.start && sent < end;
    return op === '>' ? sent >= bound.start : sent < end;
  }
  if (op === '=') return sent === bound.at;
  return op === '>' ? sent >= bound.at : sent <= bound.at;
}

// GSM 03.38 basic and extension tables (extension characters cost two septets).
const GSM7_BASIC = new Set(
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà',
);
const GSM7_EXTENDED = new Set('^{}\\[~]|€\f');

/** Segment count as Twilio bills it: GSM-7 160/153 per part, otherwise UCS-2 70/67. */
function countSegments(body: string): number {
  let septets = 0;
  for (const ch of body) {
    if (GSM7_BASIC.has(ch)) septets += 1;
    else if (GSM7_EXTENDED.has(ch)) septets += 2;
    else return segmentsFor(body.length, 70, 67);
  }
  return segmentsFor(septets, 160, 153);
}

function segmentsFor(units: number, single: number, perPart: number): number {
  return units <= single ? 1 : Math.ceil(units / perPart);
}

function statusCallbackParams(m: FakeMessage, status: string, errorCode?: number): Record<string, string> {
  const params: Record<string, string> = {
    AccountSid: m.accountSid,
    MessageSid: m.sid,
    SmsSid: m.sid,
    MessageStatus: status,
    SmsStatus: status,
    To: m.to,
    ApiVersion: API_VERSION,
  };
  // Twilio only names a sender it knows; Messaging Service callbacks carry the service SID.
  if (m.from !== null) params.From = m.from;
  if (m.messagingServiceSid !== null) params.MessagingServiceSid = m.messagingServiceSid;
  if (errorCode !== undefined) params.ErrorCode = String(errorCode);
  return params;
}

function postForm(url: string, params: Record<string, string>, signature: string): Promise<number> {
  const target = new URL(url);
  const body = new URLSearchParams(params).toString();
  const transport = target.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const req = transport.request(
      target,
      {
        method: 'POST',
        timeout: CALLBACK_TIMEOUT_MS,
        headers: {
          'Content-Type': 'application/x-www-form-urlencoded',
          'Content-Length': Buffer.byteLength(body),
          'X-Twilio-Signature': signature,
          'User-Agent': 'TwilioProxy/1.1',
        },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`status callback to ${url} timed out`)));
    req.on('error', reject);
    req.end(body);
  });
}
