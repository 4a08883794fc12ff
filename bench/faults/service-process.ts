import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { sleep } from '../setup';

const ROOT = path.resolve(__dirname, '..', '..', '..'); // dist/bench/faults -> the project

export type Role = 'web' | 'worker';

const COMMANDS: Record<Role, string[]> = {
  web: [path.join(ROOT, 'dist', 'src', 'main.js'), 'web'],
  worker: [path.join(ROOT, 'dist', 'workers', 'main.js')],
};

/**
 * One Procfile role as a real process, watched like a platform would: an exit nobody asked for is
 * a crash, counted, and the role is started again after a second (as a supervisor would), so one
 * crash does not hide what happens next.
 */
export class ServiceProcess {
  crashes = 0;
  private child: ChildProcess | undefined;
  private expectingExit = false;
  private stopped = false;
  private output = '';

  constructor(readonly role: Role, private readonly env: Record<string, string>, private readonly ready: () => Promise<boolean>) {}

  async start(): Promise<void> {
    this.expectingExit = false;
    this.output = '';
    const child = spawn(process.execPath, COMMANDS[this.role], { cwd: ROOT, env: { PATH: process.env.PATH ?? '', ...this.env }, stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = child;
    const keep = (d: Buffer) => { this.output = (this.output + d.toString()).slice(-20_000); };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    child.on('exit', (code, signal) => {
      if (this.expectingExit || this.stopped || child !== this.child) return;
      this.crashes++;
      console.log(`   !! ${this.role} exited by itself (code ${code}, signal ${signal}); restarting it. Last output:\n${this.output.slice(-1500)}`);
      void sleep(1_000).then(() => (this.stopped ? undefined : this.start()));
    });
    const deadline = Date.now() + 30_000;
    while (!(await this.ready().catch(() => false))) {
      if (Date.now() > deadline) throw new Error(`${this.role} did not become ready; output:\n${this.output.slice(-3000)}`);
      await sleep(100);
    }
  }

  /** kill -9, as a crashed machine or an OOM kill would. */
  async kill9(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    this.expectingExit = true;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGKILL');
    await exited;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.kill9();
  }

  get log(): string {
    return this.output;
  }
}
