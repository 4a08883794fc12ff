import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');

export interface WorkerProcess {
  child: ChildProcess;
  output: () => string;
  /** Resolves when the process has exited. */
  exited: Promise<number | null>;
}

/** Runs the `worker` role (workers/main.ts) as a real child process, with the harness's environment. */
export function spawnWorker(env: Record<string, string>): WorkerProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'workers', 'main.ts')], {
    cwd: ROOT,
    // Its output is captured, not printed: tests read it to see which recovery path ran.
    env: { PATH: process.env.PATH ?? '', ...env, LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => { out += d.toString(); });
  child.stderr?.on('data', (d: Buffer) => { out += d.toString(); });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => out, exited };
}

export async function waitForOutput(w: WorkerProcess, pattern: RegExp, timeoutMs = 45_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!pattern.test(w.output())) {
    if (Date.now() > deadline) throw new Error(`worker did not print ${pattern} in time; output:\n${w.output()}`);
    if (w.child.exitCode !== null) throw new Error(`worker exited with ${w.child.exitCode}; output:\n${w.output()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Worker processes a test starts against its harness, and kills (if still running) afterwards. */
export class WorkerProcesses {
  private readonly running: WorkerProcess[] = [];

  constructor(private readonly env: () => Record<string, string>) {}

  /** Starts one and waits until its workers are listening for jobs. */
  async start(): Promise<WorkerProcess> {
    const w = spawnWorker(this.env());
    this.running.push(w);
    await waitForOutput(w, /workers started/);
    return w;
  }

  killAll(): void {
    for (const w of this.running.splice(0)) if (w.child.exitCode === null) w.child.kill('SIGKILL');
  }
}
