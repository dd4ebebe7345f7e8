import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '../..');

export const NO_ELECTRON_REASON = 'Electron binary not installed: node_modules/electron/dist is missing (ELECTRON_SKIP_BINARY_DOWNLOAD)';

/**
 * The Electron executable that `npm install` downloaded, or null where the download was skipped (these build
 * machines cannot reach GitHub). Same check as scripts/electron-binary.mjs: path.txt names the file inside dist/.
 */
export function electronExecutable(): string | null {
  const dir = path.join(ROOT, 'node_modules', 'electron');
  const pathFile = path.join(dir, 'path.txt');
  if (!existsSync(path.join(dir, 'dist')) || !existsSync(pathFile)) return null;
  const exe = path.join(dir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(exe) ? exe : null;
}
