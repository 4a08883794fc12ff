/**
 * CPU per SMS of the twilio package's messages.create, through its own RequestClient (axios) and
 * through TwilioHttpClient (undici), in the same run, against the fake Twilio in its own process.
 * Both send the same 3,000 SMS, 16 at a time; each client runs twice, alternating, and its lower
 * figure counts (the other processes on the machine only ever add).
 *
 *   npm run --silent build && node dist/bench/twilio-client.bench.js
 */
import { spawn } from 'node:child_process';
import { Agent } from 'node:http';
import path from 'node:path';
import twilio from 'twilio';
import type RequestClient from 'twilio/lib/base/RequestClient';
import type Response from 'twilio/lib/http/response';
import { TwilioHttpClient } from '../src/sms/twilio-http-client';
import { fmtNumber, formatTable, printMachineInfo, printSection } from './report';
import { runIfMain } from './setup';

const SENDS = 3_000;
const AT_ONCE = 16;

export interface TwilioClientResult { axiosCpuMs: number; undiciCpuMs: number; ratio: number }

/** twilio's own client, sent to the fake instead of api.twilio.com (the baseline). */
class TwilioOwnClientToFake extends twilio.RequestClient {
  constructor(private readonly base: string) {
    super({ keepAlive: true, maxSockets: 64, maxFreeSockets: 64 });
    this.axios.defaults.httpAgent = new Agent({ keepAlive: true, maxSockets: 64 });
  }

  override request<TData>(opts: RequestClient.RequestOptions<TData>): Promise<Response<TData>> {
    const uri = new URL(opts.uri);
    return super.request({ ...opts, uri: new URL(uri.pathname + uri.search, this.base).toString() });
  }
}

interface Fake { url: string; accountSid: string; authToken: string }

async function startFakeProcess(): Promise<{ fake: Fake; stop(): void }> {
  const child = spawn(process.execPath, [path.join(__dirname, 'fake-twilio-process.js')], { stdio: ['ignore', 'pipe', 'inherit'] });
  const fake = await new Promise<Fake>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the fake Twilio process exited (${code})`)));
    child.stdout.once('data', (d: Buffer) => resolve(JSON.parse(String(d)) as Fake));
  });
  return { fake, stop: () => child.kill() };
}

/** CPU milliseconds per SMS this process spent sending SENDS messages. */
async function cpuPerSms(fake: Fake, httpClient: twilio.RequestClient): Promise<number> {
  const client = twilio(fake.accountSid, fake.authToken, { httpClient });
  let next = 0;
  const send = async (until: number) => {
    while (next < until) {
      next++;
      await client.messages.create({
        to: '+4741000001', from: '+4759440000', statusCallback: 'http://127.0.0.1:9/webhooks/twilio/status?m=1',
        body: 'Svarja: Kan du hjelpe med handling tor. 10. des. kl. 10:00 (1 t), Lørenskog sentrum? Svar JA eller NEI innen 30 min.',
      });
    }
  };
  await Promise.all(Array.from({ length: 4 }, () => send(200))); // connections open, code warm
  next = 0;
  const cpu = process.cpuUsage();
  await Promise.all(Array.from({ length: AT_ONCE }, () => send(SENDS)));
  const used = process.cpuUsage(cpu);
  return (used.user + used.system) / 1000 / SENDS;
}

export async function runTwilioClientBench(): Promise<TwilioClientResult> {
  printSection(`Bench 4: the twilio client, CPU per SMS (${fmtNumber(SENDS)} sends, ${AT_ONCE} at once)`);
  const { fake, stop } = await startFakeProcess();
  try {
    const axios: number[] = [];
    const undici: number[] = [];
    for (let round = 0; round < 2; round++) {
      axios.push(await cpuPerSms(fake, new TwilioOwnClientToFake(fake.url)));
      const lean = new TwilioHttpClient({ baseUrl: fake.url, timeoutMs: 10_000 });
      undici.push(await cpuPerSms(fake, lean));
      await lean.close();
    }
    const result = { axiosCpuMs: Math.min(...axios), undiciCpuMs: Math.min(...undici), ratio: Math.min(...undici) / Math.min(...axios) };
    console.log(formatTable(['client', 'CPU per SMS (runs)', 'counted'], [
      ["twilio's own RequestClient (axios)", axios.map((v) => `${fmtNumber(v, 3)} ms`).join(', '), `${fmtNumber(result.axiosCpuMs, 3)} ms`],
      ['TwilioHttpClient (undici)', undici.map((v) => `${fmtNumber(v, 3)} ms`).join(', '), `${fmtNumber(result.undiciCpuMs, 3)} ms`],
    ]));
    console.log(`\nTwilioHttpClient / twilio's own client, same run: x${fmtNumber(result.ratio, 3)} of the CPU per SMS`);
    return result;
  } finally {
    stop();
  }
}

runIfMain(module, async () => {
  await printMachineInfo();
  await runTwilioClientBench();
});
