import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { NO_ELECTRON_REASON, ROOT, electronExecutable } from './electron-binary';

/** Builds main, preload and renderer with electron-vite before the Electron specs; nothing to do without Electron. */
export default function globalSetup(): void {
  if (!electronExecutable()) {
    console.log(`[e2e-electron] every Electron spec is skipped: ${NO_ELECTRON_REASON}`);
    return;
  }
  const cli = path.join(ROOT, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js');
  const result = spawnSync(process.execPath, [cli, 'build'], { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`electron-vite build failed (exit ${String(result.status)})`);
}
