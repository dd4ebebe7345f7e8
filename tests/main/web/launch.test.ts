import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PORT_FILE, choosePort, keepPort, parseKeptPort, portMovedMessage, readKeptPort } from '../../../electron/web/port';
import { buildIsCurrent, currentStamp, sourceStamp, stampText } from '../../../electron/web/renderer-build';

describe('browser mode keeps its port per data folder', () => {
  it('reads a kept port and ignores a damaged or unusable one', () => {
    expect(parseKeptPort('{"port":41234}\n')).toBe(41234);
    expect(parseKeptPort(null)).toBeNull();
    for (const bad of ['', '{', '{"port":"41234"}', '{"port":80}', '{"port":70000}', '{"port":4.5}', '[]', 'null']) expect(parseKeptPort(bad)).toBeNull();
  });

  it('an explicit MEDIATION_WEB_PORT wins, else the kept port, else any free one', () => {
    expect(choosePort('5000', 41234)).toEqual({ port: 5000, source: 'explicit' });
    expect(choosePort(undefined, 41234)).toEqual({ port: 41234, source: 'kept' });
    expect(choosePort('0', 41234)).toEqual({ port: 41234, source: 'kept' });
    expect(choosePort('', null)).toEqual({ port: 0, source: 'new' });
    expect(choosePort('abc', null)).toEqual({ port: 0, source: 'new' });
    expect(choosePort('99999', null)).toEqual({ port: 0, source: 'new' });
  });

  it('is stored in the data folder and read back; a moved port is explained with the old address', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'mw-port-'));
    try {
      expect(await readKeptPort(dir)).toBeNull();
      await keepPort(dir, 41234);
      expect(await readKeptPort(dir)).toBe(41234);
      writeFileSync(path.join(dir, PORT_FILE), 'garbage');
      expect(await readKeptPort(dir)).toBeNull();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    const message = portMovedMessage(41234, 45678);
    expect(message).toContain('41234');
    expect(message).toContain('45678');
    expect(message).toContain('http://127.0.0.1:41234/');
  });
});

describe('browser mode builds the renderer only when its sources changed', () => {
  const enc = (s: string) => new TextEncoder().encode(s);

  it('the stamp depends on every file\'s path and content, not on the order they were listed in', () => {
    const a = sourceStamp([
      ['renderer/a.ts', enc('x')],
      ['renderer/b.ts', enc('y')],
    ]);
    expect(sourceStamp([
      ['renderer/b.ts', enc('y')],
      ['renderer/a.ts', enc('x')],
    ])).toBe(a);
    expect(sourceStamp([
      ['renderer/a.ts', enc('x')],
      ['renderer/b.ts', enc('z')],
    ])).not.toBe(a);
    expect(sourceStamp([
      ['renderer/a.ts', enc('x')],
      ['renderer/c.ts', enc('y')],
    ])).not.toBe(a);
    expect(sourceStamp([['renderer/a.ts', enc('x')]])).not.toBe(a);
  });

  it('a build is current only with its output present and the same stamp', () => {
    expect(buildIsCurrent(stampText('s1'), 's1', true)).toBe(true);
    expect(buildIsCurrent(stampText('s1'), 's2', true)).toBe(false);
    expect(buildIsCurrent(stampText('s1'), 's1', false)).toBe(false);
    expect(buildIsCurrent(null, 's1', true)).toBe(false);
    expect(buildIsCurrent('{', 's1', true)).toBe(false);
  });

  it('walks the source folders of a project (a change in a nested file changes the stamp; node_modules does not count)', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'mw-stamp-'));
    try {
      mkdirSync(path.join(dir, 'renderer/src/deep'), { recursive: true });
      mkdirSync(path.join(dir, 'renderer/node_modules'), { recursive: true });
      writeFileSync(path.join(dir, 'renderer/src/deep/a.tsx'), 'one');
      writeFileSync(path.join(dir, 'vite.renderer.config.ts'), 'cfg');
      const first = await currentStamp(dir);
      writeFileSync(path.join(dir, 'renderer/node_modules/x.js'), 'ignored');
      expect(await currentStamp(dir)).toBe(first);
      writeFileSync(path.join(dir, 'renderer/src/deep/a.tsx'), 'two');
      expect(await currentStamp(dir)).not.toBe(first);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
