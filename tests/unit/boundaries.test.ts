import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { builtinModules } from 'node:module';
import { describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '../..');
const NODE_BUILTINS = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));

function files(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return files(full);
    return /\.(ts|tsx)$/.test(name) ? [full] : [];
  });
}

function imports(file: string): string[] {
  const src = readFileSync(file, 'utf8');
  const specs: string[] = [];
  for (const m of src.matchAll(/(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|require\(\s*['"]([^'"]+)['"]\s*\)/g)) {
    specs.push((m[1] ?? m[2] ?? m[3])!);
  }
  return specs;
}

function resolved(file: string, spec: string): string | null {
  return spec.startsWith('.') ? path.resolve(path.dirname(file), spec) : null;
}

const within = (p: string, dir: string) => p === dir || p.startsWith(dir + path.sep);

describe('process boundaries (conventions §9)', () => {
  it('electron/shared imports neither Electron, Node built-ins, React, nor code outside electron/shared', () => {
    const shared = path.join(root, 'electron/shared');
    const offenders: string[] = [];
    for (const file of files(shared)) {
      for (const spec of imports(file)) {
        const target = resolved(file, spec);
        const bad = target ? !within(target, shared) : spec === 'electron' || NODE_BUILTINS.has(spec) || spec.startsWith('react');
        if (bad) offenders.push(`${path.relative(root, file)} → ${spec}`);
      }
    }
    expect(offenders).toEqual([]);
  });

  it('the renderer reaches main only through the API: no electron/main, preload, Electron or Node imports', () => {
    const main = path.join(root, 'electron/main');
    const preload = path.join(root, 'electron/preload');
    const offenders: string[] = [];
    for (const file of files(path.join(root, 'renderer'))) {
      for (const spec of imports(file)) {
        const target = resolved(file, spec);
        const bad = target ? within(target, main) || within(target, preload) : spec === 'electron' || NODE_BUILTINS.has(spec);
        if (bad) offenders.push(`${path.relative(root, file)} → ${spec}`);
      }
    }
    expect(offenders).toEqual([]);
  });

  it('the preload imports only Electron, the zod-free channel list and the live-event schema (zod/mini only)', () => {
    const channels = path.join(root, 'electron/shared/ipc/channels');
    const liveEvents = path.join(root, 'electron/shared/ipc/live-events');
    const preload = path.join(root, 'electron/preload');
    const offenders: string[] = [];
    for (const file of files(preload)) {
      for (const spec of imports(file)) {
        const target = resolved(file, spec);
        const ok = target ? target === channels || target === liveEvents || within(target, preload) : spec === 'electron';
        if (!ok) offenders.push(`${path.relative(root, file)} → ${spec}`);
      }
    }
    // What the preload bundles from shared must stay small: the channel list imports types only, the live-event
    // schema nothing but zod/mini (the full zod would add ~450 KB to every window).
    const valueImports = readFileSync(`${channels}.ts`, 'utf8').split('\n').filter((line) => /^import\s/.test(line) && !/^import type\s/.test(line));
    for (const line of valueImports) offenders.push(`channels.ts → ${line}`);
    for (const spec of imports(`${liveEvents}.ts`)) if (spec !== 'zod/mini') offenders.push(`live-events.ts → ${spec}`);
    expect(offenders).toEqual([]);
  });
});
