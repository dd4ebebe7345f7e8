// `npm run web`: builds the renderer only when its sources changed since the last build (electron/web/renderer-build.ts).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { STAMP_FILE, buildIsCurrent, currentStamp, stampText } from '../electron/web/renderer-build';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const stampFile = path.join(root, STAMP_FILE);
const stamp = await currentStamp(root);
const last = existsSync(stampFile) ? readFileSync(stampFile, 'utf8') : null;
if (buildIsCurrent(last, stamp, existsSync(path.join(root, 'out', 'renderer', 'index.html')))) {
  console.log('界面文件未改动，沿用上次构建的界面。');
} else {
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const build = spawnSync(npm, ['run', '--silent', 'build:renderer'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
  mkdirSync(path.dirname(stampFile), { recursive: true });
  writeFileSync(stampFile, stampText(stamp));
}
