/**
 * The renderer build: made (or found current) by scripts/ensure-renderer.ts, as `npm run web` does; then the size of
 * the main chunk, the largest out/renderer/assets/index-*.js (what every start-up parses before the first screen),
 * raw and gzipped, in kB of 1,000 bytes as Vite prints them (issue #16 counts 1,287 kB today).
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Metrics } from './stats';

export function ensureRenderer(root: string): void {
  const tsx = createRequire(import.meta.url).resolve('tsx/cli');
  // Its progress goes to stderr: stdout is the benchmark's table and JSON line.
  const built = spawnSync(process.execPath, [tsx, 'scripts/ensure-renderer.ts'], { cwd: root, stdio: ['ignore', process.stderr, process.stderr] });
  if (built.status !== 0) throw new Error(`building the renderer failed (exit ${built.status})`);
}

export function measureBundle(root: string): { metrics: Metrics; file: string } {
  const dir = path.join(root, 'out', 'renderer', 'assets');
  const chunks = readdirSync(dir).filter((f) => /^index-.*\.js$/.test(f));
  if (chunks.length === 0) throw new Error(`no index-*.js in ${dir}`);
  const sized = chunks.map((f) => ({ f, bytes: readFileSync(path.join(dir, f)) }));
  const main = sized.reduce((a, b) => (b.bytes.length > a.bytes.length ? b : a));
  return { metrics: { main_chunk_kb: main.bytes.length / 1000, main_chunk_gzip_kb: gzipSync(main.bytes).length / 1000 }, file: main.f };
}
