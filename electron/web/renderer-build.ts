import { createHash } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';

/**
 * `npm run web` built the renderer at every launch (13 s before a restarted server answered). It now builds only
 * when the renderer's sources changed since the last build: a hash of their contents is kept beside the output.
 */

/** What the renderer bundle is made from (relative to the project root). */
export const RENDERER_SOURCES = ['renderer', 'electron/shared', 'templates', 'vite.renderer.config.ts', 'postcss.config.cjs', 'package-lock.json'] as const;
/**
 * Inside the output folder, which vite empties at every build: a build made any other way (`npm run build:renderer`,
 * electron-vite) drops the stamp, so the next launch builds again rather than trust output it did not stamp.
 */
export const STAMP_FILE = 'out/renderer/.build-stamp.json';
const SKIP = new Set(['node_modules', '.git', 'out', 'dist']);

/** A hash of the sources: every file's relative path and content, in a fixed order (so renames count). */
export function sourceStamp(files: Iterable<readonly [relPath: string, content: Uint8Array]>): string {
  const hash = createHash('sha256');
  for (const [rel, content] of [...files].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    hash.update(rel.split(path.sep).join('/'));
    hash.update('\0');
    hash.update(createHash('sha256').update(content).digest());
  }
  return hash.digest('hex');
}

/** Whether the last build is still good: its output is there and it was made from these very sources. */
export function buildIsCurrent(stampText: string | null, stamp: string, outputPresent: boolean): boolean {
  if (!outputPresent || stampText === null) return false;
  try {
    return (JSON.parse(stampText) as { sources?: unknown }).sources === stamp;
  } catch {
    return false;
  }
}

export function stampText(stamp: string): string {
  return JSON.stringify({ sources: stamp }) + '\n';
}

async function* walk(root: string, rel: string): AsyncGenerator<readonly [string, Uint8Array]> {
  const full = path.join(root, rel);
  const info = await stat(full).catch(() => null);
  if (!info) return;
  if (info.isFile()) {
    yield [rel, await readFile(full)];
    return;
  }
  if (!info.isDirectory()) return;
  for (const entry of await readdir(full, { withFileTypes: true })) {
    if (SKIP.has(entry.name)) continue;
    yield* walk(root, path.join(rel, entry.name));
  }
}

/** The stamp of the renderer's sources as they are now in `root`. */
export async function currentStamp(root: string, sources: readonly string[] = RENDERER_SOURCES): Promise<string> {
  const files: (readonly [string, Uint8Array])[] = [];
  for (const source of sources) for await (const file of walk(root, source)) files.push(file);
  return sourceStamp(files);
}
