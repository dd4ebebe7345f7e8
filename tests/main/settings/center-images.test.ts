import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Workstation } from '../../../electron/main/services/workstation';
import { checkSealTransparency, decodePng, inspectPng, measureTransparency } from '../../../electron/main/settings/png';
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

describe('PNG decoding (the seal is judged on its pixels)', () => {
  const alphaAt = (png: Buffer, x: number, y: number) => {
    const d = decodePng(png);
    if (!d.ok) throw new Error(d.message);
    return d.value.rgba[(y * d.value.width + x) * 4 + 3];
  };

  it.each([
    ['RGBA', { alpha: true }],
    ['RGBA with all five row filters', { alpha: true, filters: true }],
    ['palette with tRNS', { alpha: true, palette: true }],
  ] as const)('decodes %s: the corner is clear, the centre red and opaque', (_label, opts) => {
    const png = makePng(64, opts);
    const d = decodePng(png);
    expect(d.ok).toBe(true);
    if (!d.ok) return;
    expect(Array.from(d.value.rgba.subarray(0, 4))).toEqual([255, 255, 255, 0]);
    const centre = (32 * 64 + 32) * 4;
    expect(Array.from(d.value.rgba.subarray(centre, centre + 4))).toEqual([220, 20, 30, 255]);
  });

  it('decodes RGB (every pixel opaque) and filtered RGB identically to unfiltered', () => {
    const plain = decodePng(makePng(40, { alpha: false }));
    const filtered = decodePng(makePng(40, { alpha: false, filters: true }));
    expect(plain.ok && filtered.ok).toBe(true);
    if (plain.ok && filtered.ok) expect(Buffer.from(filtered.value.rgba).equals(Buffer.from(plain.value.rgba))).toBe(true);
    expect(alphaAt(makePng(40, { alpha: false }), 0, 0)).toBe(255);
  });

  it('measures the transparent share, the edge and the corners', () => {
    const d = decodePng(makePng(200));
    if (!d.ok) throw new Error(d.message);
    const t = measureTransparency(d.value);
    expect(t.corners).toBe(true);
    expect(t.edge).toBeGreaterThan(0.99); // the disc touches the bottom edge at one pixel
    expect(t.share).toBeGreaterThan(0.2);
    expect(t.share).toBeLessThan(0.25);
  });

  it('refuses corrupt image data instead of throwing', () => {
    const png = makePng(32);
    const broken = Buffer.from(png);
    broken.fill(0x41, 45, 60); // inside the IDAT stream
    expect(decodePng(broken)).toMatchObject({ ok: false, code: 'INVALID_VALUE' });
  });
});

describe('the seal transparency rule', () => {
  it('accepts a transparent RGBA seal, a filtered one and a palette seal with tRNS', () => {
    for (const opts of [{ alpha: true }, { alpha: true, filters: true }, { alpha: true, palette: true }]) {
      expect(checkSealTransparency(makePng(120, opts)), JSON.stringify(opts)).toMatchObject({ ok: true });
    }
  });

  it('refuses an RGBA seal whose background is opaque white although it has an alpha channel', () => {
    const result = checkSealTransparency(makePng(120, { alpha: true, opaqueBackground: true }));
    expect(result).toMatchObject({ ok: false, code: 'IMAGE_NOT_TRANSPARENT' });
    if (!result.ok) expect(result.message).toContain('四角和边缘不透明');
  });

  it('refuses a palette seal whose tRNS leaves the background opaque, and an RGB one without alpha', () => {
    expect(checkSealTransparency(makePng(120, { alpha: true, palette: true, opaqueBackground: true }))).toMatchObject({ ok: false, code: 'IMAGE_NOT_TRANSPARENT' });
    const rgb = checkSealTransparency(makePng(120, { alpha: false }));
    expect(rgb).toMatchObject({ ok: false, code: 'IMAGE_NOT_TRANSPARENT' });
    if (!rgb.ok) expect(rgb.message).toContain('没有透明通道');
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
    expect(error).toMatchObject({ code: 'INVALID_INPUT', issues: [{ code: 'IMAGE_NOT_TRANSPARENT', path: ['pngBase64'] }] });
    expect(error.message).toContain('透明');
    expect(await call(ws, 'settings:set-image', { kind: 'logo', pngBase64: opaque })).not.toBeNull();
  });

  it('refuses through the API a seal with an alpha channel but an opaque white background, and keeps the old seal', async () => {
    await call(ws, 'settings:set-image', { kind: 'seal', pngBase64: makePng(100).toString('base64') });
    const before = (await call(ws, 'settings:images')).seal!.sha256;
    const scan = makePng(100, { alpha: true, opaqueBackground: true }).toString('base64');
    const error = await callError(ws, 'settings:set-image', { kind: 'seal', pngBase64: scan });
    expect(error).toMatchObject({ code: 'INVALID_INPUT', issues: [{ code: 'IMAGE_NOT_TRANSPARENT', path: ['pngBase64'] }] });
    expect(error.message).toBe('印章图片须为透明背景的PNG，以免遮挡文字：图片四角和边缘不透明（像是带底色的扫描件）。请用图片软件去除白色背景后另存为PNG再上传');
    expect((await call(ws, 'settings:images')).seal!.sha256).toBe(before);
    // The logo may have any background.
    expect(await call(ws, 'settings:set-image', { kind: 'logo', pngBase64: scan })).not.toBeNull();
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
