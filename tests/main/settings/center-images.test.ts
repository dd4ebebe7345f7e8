import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Workstation } from '../../../electron/main/services/workstation';
import { inspectPng } from '../../../electron/main/settings/png';
import { makePng } from '../../fixtures/png';
import { call, callError, makeTempDir, openWorkstation, removeDir, setUp, signInFirst, ADMIN_PASSWORD } from '../../fixtures/workstation';

let dir = '';
let ws: Workstation;
beforeEach(async () => {
  dir = await makeTempDir();
  ws = await openWorkstation(dir);
  await setUp(ws);
});
afterEach(async () => {
  await ws.close();
  await removeDir(dir);
});

describe('PNG inspection', () => {
  it('reads size and transparency from the header without decoding', () => {
    expect(inspectPng(makePng(120))).toEqual({ ok: true, value: { width: 120, height: 120, hasAlpha: true } });
    expect(inspectPng(makePng(64, { alpha: false }))).toMatchObject({ ok: true, value: { hasAlpha: false } });
  });

  it('refuses what is not a PNG, a truncated one, or an absurd size', () => {
    expect(inspectPng(Buffer.from('GIF89a...........................'))).toMatchObject({ ok: false });
    expect(inspectPng(makePng(64).subarray(0, 20))).toMatchObject({ ok: false });
    expect(inspectPng(makePng(8))).toMatchObject({ ok: false, message: '图片尺寸应在16至4000像素之间' });
  });
});

describe('center seal and logo', () => {
  it('stores a transparent seal with its hash, survives a restart, and is audited', async () => {
    const png = makePng(200);
    const seal = await call(ws, 'settings:set-image', { kind: 'seal', pngBase64: png.toString('base64') });
    expect(seal).toMatchObject({ width: 200, height: 200 });
    await ws.close();
    ws = await openWorkstation(dir);
    await signInFirst(ws);
    const images = await call(ws, 'settings:images');
    expect(Buffer.from(images.seal!.pngBase64, 'base64').equals(png)).toBe(true);
    expect(images.logo).toBeNull();
    const audit = await readFile(path.join(dir, 'audit', 'workstation.jsonl'), 'utf8');
    expect(audit).toContain('设置人民调解委员会印章');
  });

  it('refuses an opaque seal (it would hide the date under it) but accepts an opaque logo', async () => {
    const opaque = makePng(100, { alpha: false }).toString('base64');
    const error = await callError(ws, 'settings:set-image', { kind: 'seal', pngBase64: opaque });
    expect(error).toMatchObject({ code: 'INVALID_INPUT', issues: [{ path: ['pngBase64'] }] });
    expect(error.message).toContain('透明');
    expect(await call(ws, 'settings:set-image', { kind: 'logo', pngBase64: opaque })).not.toBeNull();
  });

  it('clears an image', async () => {
    await call(ws, 'settings:set-image', { kind: 'seal', pngBase64: makePng(100).toString('base64') });
    expect(await call(ws, 'settings:set-image', { kind: 'seal', pngBase64: null })).toBeNull();
    expect((await call(ws, 'settings:images')).seal).toBeNull();
  });

  it('a version-1 workstation file (before images) opens with none', async () => {
    await ws.close();
    const file = path.join(dir, 'workstation.json');
    const { images: _i, ...v1 } = JSON.parse(await readFile(file, 'utf8'));
    await writeFile(file, JSON.stringify({ ...v1, schemaVersion: 1 }));
    ws = await openWorkstation(dir);
    expect(ws.state.data.settings?.centerName).toBeTruthy();
    expect(ws.state.data.images).toEqual({ seal: null, logo: null });
    expect(ws.problems()).toEqual([]);
  });
});

describe('setup with the center contact', () => {
  it('keeps the address and phone given at setup for the notices', async () => {
    const dir2 = await makeTempDir();
    const ws2 = await openWorkstation(dir2);
    await call(ws2, 'setup:complete', { centerName: '某县矛盾纠纷调处化解中心', committeeName: '某县人民调解委员会', caseNumberAbbr: 'X', adminName: '王', loginName: 'wang', password: ADMIN_PASSWORD, address: '某县人民路1号', phone: '0571-87654321' });
    expect(await call(ws2, 'settings:get')).toMatchObject({ address: '某县人民路1号', phone: '0571-87654321' });
    const bad = await callError(ws, 'setup:complete', { centerName: 'a', committeeName: 'b', caseNumberAbbr: 'X', adminName: 'c', loginName: 'cc', password: 'Abcdef-123', phone: '12345' });
    expect(bad.code).toBe('INVALID_INPUT');
    await ws2.close();
    await removeDir(dir2);
  });
});
