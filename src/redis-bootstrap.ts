import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import Redis from 'ioredis';

/** A redis-server this process started (development only), stopped again on exit. */
export interface LocalRedis {
  stop(): void;
}

export class RedisUnavailableError extends Error {
  constructor(readonly redisUrl: string) {
    super([
      `Redis does not answer at ${redisUrl}, and Svarja could not start one.`,
      'Install Redis and start it, or set REDIS_URL:',
      '  Debian/Ubuntu:  sudo apt-get install redis-server',
      '  macOS:          brew install redis && brew services start redis',
      '  a container:    docker run -d -p 6379:6379 redis:7',
    ].join('\n'));
    this.name = 'RedisUnavailableError';
  }
}

/** Whether a Redis server answers PING at this URL within `timeoutMs` (no retries, nothing queued). */
export async function redisAnswers(redisUrl: string, timeoutMs: number): Promise<boolean> {
  const client = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, connectTimeout: timeoutMs, enableOfflineQueue: false });
  client.on('error', () => undefined);
  try {
    await client.connect();
    return (await client.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    client.disconnect();
  }
}

function hasRedisServer(): boolean {
  return spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).status === 0;
}

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || host === '[::1]' || host.startsWith('127.');
}

/**
 * Makes sure Redis answers. In development, when nothing answers on a loopback REDIS_URL and a
 * redis-server binary is on the PATH, one is started as a child (loopback only, no persistence)
 * and stopped when this process exits. Otherwise a RedisUnavailableError says how to get Redis.
 */
export async function ensureRedis(redisUrl: string, opts: { mayStart: boolean }): Promise<LocalRedis | undefined> {
  if (await redisAnswers(redisUrl, 1500)) return undefined;
  const url = new URL(redisUrl);
  if (!opts.mayStart || !isLoopback(url.hostname) || !hasRedisServer()) throw new RedisUnavailableError(redisUrl);
  const port = url.port || '6379';
  const child: ChildProcess = spawn('redis-server', ['--port', port, '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  const stop = () => {
    if (child.exitCode === null) child.kill('SIGTERM');
  };
  process.once('exit', stop);
  for (let i = 0; i < 50; i++) {
    if (await redisAnswers(redisUrl, 500)) return { stop };
    await new Promise((r) => setTimeout(r, 100));
  }
  stop();
  throw new RedisUnavailableError(redisUrl);
}
