import { type ChildProcess, spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const tsxCli = createRequire(import.meta.url).resolve('tsx/cli');

/** A browser-mode server process on a given data dir, started and killed by the tests. */
export class AppServer {
  private child: ChildProcess | null = null;
  url = '';
  readonly token = 'e2e-token-' + Math.random().toString(36).slice(2);
  output = '';

  constructor(readonly dataDir: string) {}

  async start(): Promise<void> {
    this.output = '';
    const child = spawn(process.execPath, [tsxCli, 'electron/web/main.ts', '--data-dir', this.dataDir], {
      cwd: root,
      env: { ...process.env, MEDIATION_WEB_PORT: '0', MEDIATION_WEB_TOKEN: this.token },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    this.url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`server did not start:\n${this.output}`)), 30_000);
      const onData = (chunk: Buffer) => {
        this.output += chunk.toString();
        const match = /(http:\/\/127\.0\.0\.1:\d+\/#token=\S+)/.exec(this.output);
        if (match) {
          clearTimeout(timer);
          resolve(match[1]!);
        }
      };
      child.stdout!.on('data', onData);
      child.stderr!.on('data', (c: Buffer) => (this.output += c.toString()));
      child.on('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`server exited with ${code}:\n${this.output}`));
      });
    });
  }

  /** SIGTERM closes the store cleanly; SIGKILL simulates a crash. */
  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill(signal);
    });
    this.child = null;
  }

  get origin(): string {
    return new URL(this.url).origin;
  }
}
