import { Agent, request } from 'node:http';

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

const agent = new Agent({ keepAlive: true, maxSockets: 4 });

/**
 * One HTTP request exactly as given (bytes, headers, no redirects followed, nothing decompressed),
 * which fetch does not allow. An event stream is closed as soon as its headers arrive.
 */
export function rawRequest(baseUrl: string, opts: { method: string; path: string; headers?: Record<string, string>; body?: Buffer }, timeoutMs = 10_000): Promise<RawResponse> {
  const url = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const req = request({ host: url.hostname, port: url.port, method: opts.method, path: opts.path, headers: opts.headers, agent, timeout: timeoutMs }, (res) => {
      const chunks: Buffer[] = [];
      const done = () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') });
      if (String(res.headers['content-type']).startsWith('text/event-stream')) {
        res.destroy();
        done();
        return;
      }
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', done);
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`timed out: ${opts.method} ${opts.path.slice(0, 100)}`)));
    req.on('error', reject);
    req.end(opts.body);
  });
}

export function closeFuzzAgent(): void {
  agent.destroy();
}
