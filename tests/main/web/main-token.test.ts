/** `npm run web` refuses to start with an empty or short MEDIATION_WEB_TOKEN, before touching the data folder. */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTempDir, removeDir } from '../../fixtures/workstation';

const root = path.resolve(__dirname, '../../..');
const tsxCli = createRequire(import.meta.url).resolve('tsx/cli');

let parent: string;
beforeEach(async () => {
  parent = await makeTempDir('web-token-');
});
afterEach(async () => {
  await removeDir(parent);
});

describe('electron/web/main.ts with MEDIATION_WEB_TOKEN', () => {
  it.each([
    ['empty', ''],
    ['15 characters', 'x'.repeat(15)],
  ])('%s: exits non-zero with a Chinese error and creates nothing', (_label, token) => {
    const dataDir = path.join(parent, 'data');
    const run = spawnSync(process.execPath, [tsxCli, 'electron/web/main.ts', '--data-dir', dataDir], {
      cwd: root,
      env: { ...process.env, MEDIATION_WEB_PORT: '0', MEDIATION_WEB_TOKEN: token },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(run.status, run.stderr).not.toBe(0);
    expect(run.status).not.toBeNull();
    expect(run.stderr).toContain('MEDIATION_WEB_TOKEN');
    expect(run.stderr).toMatch(/至少需要 16 个字符/);
    expect(run.stdout).not.toContain('#token=');
    expect(existsSync(dataDir)).toBe(false);
  }, 60_000);
});
