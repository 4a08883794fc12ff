import { gzipSync } from 'node:zlib';

/**
 * The fuzz test's bad inputs: the ones a probe of issue 10 found (NUL bytes, impossible dates,
 * body-parser errors), hand-written malformed forms, JSON, multipart and CSV, odd headers, and
 * random Unicode from a seeded PRNG, so every run sends exactly the same bytes.
 */
export interface FuzzBody {
  contentType?: string;
  data: Buffer;
  /** A urlencoded form the runner may extend (CSRF token) and sign (Twilio). */
  form?: boolean;
}

export interface FuzzInput {
  name: string;
  /** Put in place of every :param and *splat of a route's path (already %-encoded). */
  segment?: string;
  /** Raw query string, without '?'. */
  query?: string;
  body?: FuzzBody;
  headers?: Record<string, string>;
}

/** mulberry32: small, fast and the same everywhere. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Field names the routes read, so bad values reach the validators rather than being ignored. */
export const FIELD_NAMES = [
  'name', 'phone', 'email', 'password', 'language', 'taskTypes', 'areas', 'notes', 'pausedUntil', 'trainingOn', 'policeCertificateOn',
  'confidentialitySignedOn', 'agreementSignedOn', 'availability', 'absences', 'maxTasksPerWeek', 'type', 'startsAt', 'date', 'time',
  'durationMinutes', 'area', 'summary', 'details', 'fillBy', 'personRef', 'unitId', 'volunteerId', 'waveSize', 'offerTimeoutMinutes',
  'requirements', 'role', 'text', 'body', 'from', 'to', 'csv', 'q', 'Body', 'From', 'To', 'MessageSid', 'MessageStatus', 'ErrorCode',
  'NumMedia', 'MediaUrl0', 'MediaContentType0', 'OptOutType', 'status', 'lang', 'page', 'm', 'phoneNumber', 'reason',
] as const;

/** Bytes as %XX, so lone surrogates and invalid UTF-8 can be sent exactly (encodeURIComponent throws on them). */
export function percentEncode(value: string | Buffer): string {
  const bytes = typeof value === 'string' ? Buffer.from(value, 'utf8') : value;
  return [...bytes].map((b) => (/[A-Za-z0-9\-_.~]/.test(String.fromCharCode(b)) ? String.fromCharCode(b) : `%${b.toString(16).toUpperCase().padStart(2, '0')}`)).join('');
}

export function formOf(fields: Record<string, string>, extra = ''): FuzzBody {
  const text = Object.entries(fields).map(([k, v]) => `${percentEncode(k)}=${percentEncode(v)}`).join('&') + extra;
  return { contentType: 'application/x-www-form-urlencoded', data: Buffer.from(text, 'latin1'), form: true };
}

function rawForm(text: string, contentType = 'application/x-www-form-urlencoded'): FuzzBody {
  return { contentType, data: Buffer.from(text, 'latin1'), form: contentType === 'application/x-www-form-urlencoded' };
}

function json(value: unknown): FuzzBody {
  return { contentType: 'application/json', data: Buffer.from(JSON.stringify(value), 'utf8') };
}

function rawJson(text: string | Buffer, contentType = 'application/json'): FuzzBody {
  return { contentType, data: typeof text === 'string' ? Buffer.from(text, 'utf8') : text };
}

const BOUNDARY = 'fuzzBoundary7MA4YWxk';
function multipart(parts: { name: string; filename?: string; type?: string; data: Buffer | string }[], close = true): FuzzBody {
  const chunks: Buffer[] = [];
  for (const p of parts) {
    const disposition = `form-data; name="${p.name}"${p.filename ? `; filename="${p.filename}"` : ''}`;
    chunks.push(Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: ${disposition}\r\n${p.type ? `Content-Type: ${p.type}\r\n` : ''}\r\n`));
    chunks.push(Buffer.isBuffer(p.data) ? p.data : Buffer.from(p.data));
    chunks.push(Buffer.from('\r\n'));
  }
  if (close) chunks.push(Buffer.from(`--${BOUNDARY}--\r\n`));
  return { contentType: `multipart/form-data; boundary=${BOUNDARY}`, data: Buffer.concat(chunks) };
}

const csvFile = (text: string | Buffer) => multipart([{ name: 'file', filename: 'frivillige.csv', type: 'text/csv', data: text }]);

const NUL = '\u0000';
const many = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`p${i}`, 'x']));
const deepJson = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);
const validVolunteer = { name: 'Kari Nordmann', phone: '41234567' };
const validTask = { type: 'shopping', startsAt: '2027-01-14T10:00', durationMinutes: '60', area: 'Sentrum', summary: 'Handle', details: 'Olga' };
const taskJson = { ...validTask, durationMinutes: 60 };

/** The hand-written part: each entry is one way a client has got, or could get, a 500 out of Svarja. */
export function namedInputs(): FuzzInput[] {
  const inputs: FuzzInput[] = [];
  const add = (name: string, input: Omit<FuzzInput, 'name'>) => inputs.push({ name, ...input });

  // NUL bytes and other control characters in every kind of field (issue 10, found 5).
  for (let i = 0; i < FIELD_NAMES.length; i += 6) {
    const fields = FIELD_NAMES.slice(i, i + 6);
    add(`form ${fields.join(', ')} with NUL`, { body: formOf({ ...validVolunteer, ...Object.fromEntries(fields.map((f) => [f, `x${NUL}y`])) }) });
  }
  for (const field of ['name', 'summary', 'details', 'area', 'from', 'body', 'phone', 'personRef']) {
    add(`json ${field} with NUL`, { body: json({ ...taskJson, ...validVolunteer, [field]: `JA${NUL}` }) });
  }
  add('webhook Body JA + bell', { body: formOf({ MessageSid: `SM${'a'.repeat(32)}`, From: '+4741234567', To: '+4759440000', Body: 'JA\u0007\u0007' }) });
  add('webhook Body invalid UTF-8 then JA', { body: rawForm(`MessageSid=SM${'b'.repeat(32)}&From=%2B4741234567&To=%2B4759440000&Body=%FF%FEJA`) });
  add('login e-mail with NUL', { body: formOf({ email: `kari${NUL}@x.no`, password: 'x' }) });
  add('query q with NUL', { query: 'q=%00' });
  add('query phone with NUL', { query: 'phone=%00' });
  add('query with invalid UTF-8', { query: 'q=%FF%FE&phone=%C3' });
  add('query with bad %-escape', { query: 'q=%E0%A4%A&x=%' });
  add('query repeated keys', { query: 'q=a&q=b&lang=en&lang=nb&page=1&page=x' });
  add('query huge value', { query: `q=${'a'.repeat(20_000)}` });
  add('query status and dates', { query: 'status=%27%3B--&from=2026-02-30&to=9999-99-99&month=2026-13&unit=abc' });
  add('query m with NUL', { query: 'm=%00' });
  add('query m huge', { query: 'm=99999999999999999999999' });

  // Impossible calendar dates and times out of any sane range.
  for (const [field, value] of [['pausedUntil', '2026-02-29'], ['trainingOn', '2026-00-10'], ['policeCertificateOn', '9999-99-99'], ['confidentialitySignedOn', '2026-04-31']] as const) {
    add(`json ${field} ${value}`, { body: json({ ...validVolunteer, [field]: value }) });
    add(`form ${field} ${value}`, { body: formOf({ ...validVolunteer, [field]: value }) });
  }
  add('json absence in month 13', { body: json({ ...validVolunteer, absences: [{ from: '2026-13-01', to: '2026-13-05' }] }) });
  add('json start in 1900', { body: json({ ...taskJson, startsAt: '1900-01-01T10:00' }) });
  add('json start in 9999', { body: json({ ...taskJson, startsAt: '9999-12-31T10:00' }) });
  add('json fill-by after start', { body: json({ ...taskJson, fillBy: '2027-02-01T10:00' }) });
  add('form task on 31.02', { body: formOf({ ...validTask, date: '31.02.2027', time: '25:61', fillBy: '2027-13-01 10:00' }) });
  add('form task in year 9999', { body: formOf({ ...validTask, date: '01.01.9999', time: '10:00' }) });

  // Body-parser errors: too many fields, charsets and encodings it cannot read, broken bodies.
  add('form with 201 params', { body: formOf(many(201)) });
  add('form with 1000 params', { body: formOf(many(1000)) });
  add('form charset utf-16', { body: { ...formOf(validVolunteer), contentType: 'application/x-www-form-urlencoded; charset=utf-16' } });
  add('form charset latin1', { body: { ...formOf(validVolunteer), contentType: 'application/x-www-form-urlencoded; charset=latin1' } });
  add('json charset utf-7', { body: rawJson('{"name":"+AGEAYgBj-"}', 'application/json; charset=utf-7') });
  add('json charset utf-16le', { body: rawJson(Buffer.from('{"name":"Kari"}', 'utf16le'), 'application/json; charset=utf-16le') });
  add('unknown content-encoding', { body: formOf(validVolunteer), headers: { 'content-encoding': 'br2' } });
  add('gzip that is not gzip', { body: formOf(validVolunteer), headers: { 'content-encoding': 'gzip' } });
  add('deflate that is not deflate', { body: rawJson('{"a":1}'), headers: { 'content-encoding': 'deflate' } });
  add('two encodings', { body: formOf(validVolunteer), headers: { 'content-encoding': 'gzip, br' } });
  add('real gzip of a NUL form', { body: { contentType: 'application/x-www-form-urlencoded', data: gzipSync(`name=a%00b&Body=JA%00`) }, headers: { 'content-encoding': 'gzip' } });
  add('gzip bomb-ish (4 MB of zeros)', { body: { contentType: 'application/json', data: gzipSync(Buffer.alloc(4 * 1024 * 1024, 0x20)) }, headers: { 'content-encoding': 'gzip' } });
  add('body over every limit (4 MB)', { body: rawForm(`name=${'a'.repeat(4 * 1024 * 1024)}`) });
  add('invalid JSON', { body: rawJson('{"name": "Kari",') });
  add('JSON is a string', { body: rawJson('"just a string"') });
  add('JSON null', { body: rawJson('null') });
  add('JSON nested 5000 deep', { body: rawJson(deepJson(5000)) });
  add('JSON with invalid UTF-8 bytes', { body: rawJson(Buffer.from([0x7b, 0x22, 0x6e, 0x61, 0x6d, 0x65, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x4a, 0x41, 0x22, 0x7d])) });
  add('JSON lone surrogates', { body: rawJson('{"name":"\\ud800Kari","summary":"\\udfff","from":"\\ud83d"}') });
  add('JSON __proto__ pollution', { body: rawJson('{"__proto__":{"role":"admin"},"constructor":{"prototype":{"x":1}},"name":"Kari","phone":"41234567"}') });
  add('JSON arrays for strings', { body: json({ name: ['Kari'], phone: ['4'], type: ['shopping'], startsAt: [1], from: {}, body: [] }) });
  add('JSON huge numbers', { body: rawJson('{"durationMinutes":1e309,"waveSize":-1e308,"unitId":99999999999999999999999,"maxTasksPerWeek":1.5}') });
  add('JSON wrong types', { body: json({ ...taskJson, durationMinutes: '60x', waveSize: true, requirements: 'police', personRef: 42, unitId: -3 }) });
  add('JSON as text/plain', { body: rawJson('{"name":"Kari"}', 'text/plain') });
  add('form sent as JSON content type', { body: { ...formOf(validVolunteer), contentType: 'application/json' } });
  add('no content type', { body: { data: Buffer.from('name=Kari') } });
  add('content type garbage', { body: { contentType: ';;;=/', data: Buffer.from('x') } });
  add('form repeated and bracketed keys', { body: rawForm('name=a&name=b&taskTypes[]=x&taskTypes=shopping&taskTypes=%00&areas[0]=y&_csrf=a&_csrf=b') });
  add('form bad %-escapes', { body: rawForm('name=%E0%A4%A&phone=%&%%%=1&Body=%ED%A0%80JA') });
  add('form key without value and empty keys', { body: rawForm('&&=&name&=x&phone=') });
  add('form 100 kB value', { body: formOf({ ...validVolunteer, notes: 'æ'.repeat(50_000), summary: 'x'.repeat(100_000) }) });

  // Multipart: CSV uploads that are broken, too big, or not CSV at all.
  add('multipart without boundary', { body: { contentType: 'multipart/form-data', data: Buffer.from('whatever') } });
  add('multipart cut off', { body: multipart([{ name: 'file', filename: 'a.csv', data: 'Navn;Telefon\nKari;41234567' }], false) });
  add('multipart two files', { body: multipart([{ name: 'file', filename: 'a.csv', data: 'a' }, { name: 'file', filename: 'b.csv', data: 'b' }]) });
  add('multipart 3 MB file', { body: csvFile(Buffer.alloc(3 * 1024 * 1024, 0x41)) });
  add('multipart 300 fields', { body: multipart(Array.from({ length: 300 }, (_, i) => ({ name: `f${i}`, data: 'x' }))) });
  add('CSV with NUL in a name', { body: csvFile(`Navn;Telefon\nKari${NUL};41234567\n`) });
  add('CSV with unbalanced quotes', { body: csvFile('Navn;Telefon\n"Kari;41234567\nOla";"4\n') });
  add('CSV with 500 columns', { body: csvFile(`${Array.from({ length: 500 }, (_, i) => `c${i}`).join(';')}\nNavn;Telefon\n`) });
  add('CSV with formulas and impossible dates', { body: csvFile('Navn;Telefon;Pause til;Politiattest\n=HYPERLINK("x");41234567;31.02.2026;9999-99-99\n') });
  add('CSV only a header', { body: csvFile('Navn;Telefon\n') });
  add('CSV empty file', { body: csvFile('') });
  add('CSV is an xlsx', { body: csvFile(Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 0])) });
  add('CSV in UTF-16 with BOM', { body: csvFile(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Navn;Telefon\nKari;41234567\n', 'utf16le')])) });
  add('CSV text posted to confirm with NUL', { body: formOf({ csv: `Navn;Telefon\nKari${NUL};41234567\n` }) });
  add('CSV text with lone surrogate', { body: rawForm('csv=Navn%3BTelefon%0AKari%ED%A0%80%3B41234567') });

  // Path segments in place of :id, :queueName, *splat.
  for (const segment of ['%00', '-1', '0', '99999999999999999999999', 'abc', '%FF', '..%2F..%2Fpackage.json', '1%20OR%201%3D1', '%E0%A4%A', '1.5', '%EF%BC%91', 'a'.repeat(3000), '%ED%A0%80', '__proto__']) {
    add(`segment ${segment.slice(0, 30)}`, { segment });
  }

  // Odd headers.
  add('garbage session cookie', { headers: { cookie: 'svarja.sid=s%3Agarbage.signature; svarja.return=%FF; svarja.login=a.b.c' } });
  add('cookie with bad escapes', { headers: { cookie: 'svarja.sid=%E0%A4%A; svarja.login=%' } });
  add('latin1 bearer token', { headers: { authorization: 'Bearer \u00ff\u00fe' } });
  add('basic auth instead of bearer', { headers: { authorization: 'Basic Og==' } });
  add('garbage Twilio signature', { headers: { 'x-twilio-signature': '\u00ff=='.repeat(100) } });
  add('accept event-stream', { headers: { accept: 'text/event-stream' } });
  add('forwarded headers', { headers: { 'x-forwarded-for': '1.1.1.1, not-an-ip, ::ffff:zz', 'x-forwarded-proto': 'gopher', 'x-forwarded-host': 'evil.example' } });
  add('range and conditional', { headers: { range: 'bytes=999999999-', 'if-none-match': '*', 'if-modified-since': 'yesterday' } });
  add('method override headers', { headers: { 'x-http-method-override': 'DELETE', 'x-csrf-token': '\u00ff' } });
  return inputs;
}

// Random text: mostly ordinary, with control characters, lone surrogates, emoji, RTL and combining
// marks, U+FFFD and U+FEFF, characters forms and CSV give meaning to, and Norwegian letters.
const PIECES = [
  'JA', 'NEI', 'ja takk', 'STOPP', 'Kari', 'Ærlig Øy Å', '41234567', '+47', '2026-02-29', '31.02.2026', '25:61', '<script>', '"', "'", ';', ',',
  '&', '=', '%', '+', '\n', '\r\n', '\t', NUL, '\u0001', '\u0007', '\u001b', '\u007f', '\u0085', '\u200f', '\u202e', '\u0301', '\uFEFF', '\uFFFD',
  '\ud800', '\udfff', '\ud83d\udc4d', '\ud83d', '中文', 'نعم', 'ТАК', '𝔘', '\u2028', '=HYPERLINK("x")', '../', '${x}', '9'.repeat(30),
];

function randomText(rand: () => number, maxPieces: number): string {
  const n = 1 + Math.floor(rand() * maxPieces);
  let s = '';
  for (let i = 0; i < n; i++) {
    s += rand() < 0.7
      ? PIECES[Math.floor(rand() * PIECES.length)]
      : String.fromCharCode(Math.floor(rand() * 0x10000)); // any UTF-16 unit, lone surrogates included
  }
  return s;
}

function randomValue(rand: () => number, depth = 0): unknown {
  const r = rand();
  if (depth < 3 && r < 0.1) return Array.from({ length: Math.floor(rand() * 4) }, () => randomValue(rand, depth + 1));
  if (depth < 3 && r < 0.15) return { [randomText(rand, 2)]: randomValue(rand, depth + 1) };
  if (r < 0.2) return Math.floor((rand() - 0.5) * 1e6);
  if (r < 0.23) return null;
  if (r < 0.25) return rand() < 0.5;
  return randomText(rand, 6);
}

function randomFields(rand: () => number): Record<string, string> {
  const fields: Record<string, string> = { ...validVolunteer };
  const n = 1 + Math.floor(rand() * 6);
  for (let i = 0; i < n; i++) fields[FIELD_NAMES[Math.floor(rand() * FIELD_NAMES.length)]!] = randomText(rand, 8);
  return fields;
}

/** `count` random inputs from `seed`: forms, JSON, queries, path segments and CSV files, in turn. */
export function randomInputs(seed: number, count: number): FuzzInput[] {
  const rand = seededRandom(seed);
  const inputs: FuzzInput[] = [];
  for (let i = 0; i < count; i++) {
    const name = `random #${i}`;
    switch (i % 5) {
      case 0: inputs.push({ name: `${name} form`, body: formOf(randomFields(rand)) }); break;
      case 1: {
        const value = Object.fromEntries(Object.entries({ ...taskJson, ...randomFields(rand) }).map(([k, v]) => [k, rand() < 0.5 ? randomValue(rand) : v]));
        inputs.push({ name: `${name} json`, body: json(value) });
        break;
      }
      case 2: inputs.push({ name: `${name} query`, query: Object.entries(randomFields(rand)).map(([k, v]) => `${k}=${percentEncode(v)}`).join('&') }); break;
      case 3: inputs.push({ name: `${name} segment`, segment: percentEncode(randomText(rand, 3)) }); break;
      default: {
        const rows = Array.from({ length: 1 + Math.floor(rand() * 5) }, () => [randomText(rand, 3), randomText(rand, 2), randomText(rand, 2)].join(rand() < 0.5 ? ';' : ','));
        inputs.push({ name: `${name} csv`, body: csvFile(['Navn;Telefon;Pause til', ...rows].join('\n')) });
      }
    }
  }
  return inputs;
}

/** The whole corpus: every named input and `randomCount` random ones. */
export function fuzzCorpus(seed: number, randomCount: number): FuzzInput[] {
  return [...namedInputs(), ...randomInputs(seed, randomCount)];
}
