import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const tsxCli = createRequire(import.meta.url).resolve('tsx/cli');

/**
 * The processes below `pid`, deepest last: tsx's CLI runs the server in a child process of its own, so a signal that
 * cannot be relayed (SIGKILL) must reach that child directly.
 */
function descendants(pid: number): number[] {
  let table: string;
  try {
    table = execFileSync('ps', ['-A', '-o', 'pid=,ppid='], { encoding: 'utf8' });
  } catch {
    return [];
  }
  const children = new Map<number, number[]>();
  for (const line of table.trim().split('\n')) {
    const [child, parent] = line.trim().split(/\s+/).map(Number);
    if (child && parent) children.set(parent, [...(children.get(parent) ?? []), child]);
  }
  const found: number[] = [];
  const queue = [pid];
  while (queue.length > 0) {
    for (const child of children.get(queue.shift()!) ?? []) {
      found.push(child);
      queue.push(child);
    }
  }
  return found;
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** A browser-mode server process on a given data dir, started and killed by the tests. */
export class AppServer {
  private child: ChildProcess | null = null;
  /**
   * The address printed at start, `http://127.0.0.1:PORT/#token=<launch code>`. The code is good for one exchange per
   * server process: the first page.goto(url) trades it for the browser's cookie; later visits in the same browser
   * context work on that cookie (a restarted server, on the same data dir, accepts it too).
   */
  url = '';
  /** The launch code passed in MEDIATION_WEB_TOKEN (the server refuses one shorter than 16 characters). */
  readonly token = 'e2e-token-' + randomBytes(18).toString('base64url');
  output = '';

  constructor(readonly dataDir: string) {}

  /**
   * Starts the server on a free port, or on `port` (e.g. the one it had before a crash, so that a page left open
   * reaches the restarted server at the same address).
   */
  async start(options: { port?: number; readme?: boolean } = {}): Promise<void> {
    this.output = '';
    // `readme`: started the way the README says (`npm run web -- --data-dir DIR`), which checks the renderer build
    // and takes the port kept in the data folder; only the launch code is fixed, so that the test can open the page.
    const env: NodeJS.ProcessEnv = { ...process.env, MEDIATION_WEB_TOKEN: this.token };
    delete env.MEDIATION_WEB_PORT;
    if (!options.readme) env.MEDIATION_WEB_PORT = String(options.port ?? 0);
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    const [cmd, args] = options.readme ? [npm, ['run', 'web', '--', '--data-dir', this.dataDir]] : [process.execPath, [tsxCli, 'electron/web/main.ts', '--data-dir', this.dataDir]];
    const child = spawn(cmd, args, { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = child;
    this.url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`server did not start:\n${this.output}`)), options.readme ? 120_000 : 30_000);
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

  /**
   * SIGTERM closes the store cleanly; SIGKILL simulates a crash: the server process itself (not only tsx's CLI around
   * it) is killed, and this resolves once it is gone, so that the data directory can be opened again at once.
   */
  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    const below = signal === 'SIGKILL' && child.pid ? descendants(child.pid) : [];
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      for (const pid of below) {
        try {
          process.kill(pid, 'SIGKILL');
        } catch {
          // already gone
        }
      }
      child.kill(signal);
    });
    for (let waited = 0; below.some(alive) && waited < 5000; waited += 50) await new Promise((r) => setTimeout(r, 50));
    this.child = null;
  }

  /** A crash: the server is killed with SIGKILL, with no chance to finish anything. */
  crash(): Promise<void> {
    return this.stop('SIGKILL');
  }

  /**
   * Headers for calling the API outside the page (page.request) as the page itself: its browser's cookie and its
   * tab id, so the call runs on the page's connection and as the person signed in there.
   */
  async apiHeaders(page: Page): Promise<Record<string, string>> {
    const tab = await page.evaluate(() => window.sessionStorage.getItem('workstation-tab'));
    if (!tab) throw new Error('the page has no tab id yet (open the app first)');
    const cookies = await page.context().cookies(this.origin);
    return { 'x-workstation-tab': tab, cookie: cookies.map((c) => `${c.name}=${c.value}`).join('; ') };
  }

  /**
   * A one-time address for another browser: after a launch code was used the server prints a fresh one, each good for
   * one exchange. Waits until one appears that this test has not taken yet.
   */
  async nextLaunchUrl(timeoutMs = 10_000): Promise<string> {
    for (let waited = 0; waited <= timeoutMs; waited += 50) {
      const fresh = [...this.output.matchAll(/新的一次性地址：(http:\/\/127\.0\.0\.1:\d+\/#token=\S+)/g)].map((m) => m[1]!).find((u) => !this.taken.has(u));
      if (fresh) {
        this.taken.add(fresh);
        return fresh;
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`no fresh launch address printed:\n${this.output}`);
  }
  private readonly taken = new Set<string>();

  get origin(): string {
    return new URL(this.url).origin;
  }

  get port(): number {
    return Number(new URL(this.url).port);
  }
}
