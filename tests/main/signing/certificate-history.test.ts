import { randomBytes } from 'node:crypto';
/**
 * The list of the center's earlier certificates: kept when a certificate is renewed or imported (certificates only,
 * no keys, no passwords), seeded from the .bak pairs of a folder from before the list, rebuilt when damaged, and never
 * naming the current certificate as an earlier one (also after a crash in the middle of a replacement).
 */
import { existsSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CENTER_JSON, CENTER_KEY, HISTORY_JSON, createCenterCertificate, importCenterCertificate, loadCenterCertificates } from '../../../electron/main/signing';
import { sha256Hex } from '../../../electron/main/signing/x509';
import { recordingFs } from '../../fixtures/fake-fs';
import { forgeP12, removeDir, tempDir } from './helpers';

const NOW = new Date('2026-05-08T04:20:00.000Z');
const DAY = 24 * 60 * 60 * 1000;
const IMPORT_PASSWORD = 'Imported-p12-password-2026';
/** The seal key the private keys are sealed under. */
const KEY = randomBytes(32);
const NAMES = { centerName: '义乌市矛盾纠纷调解中心', committeeName: '义乌市人民调解委员会' };

let dir: string;
beforeEach(() => {
  dir = path.join(tempDir(), 'certificates');
});
afterEach(() => removeDir(path.dirname(dir)));

const later = (days: number) => new Date(NOW.getTime() + days * DAY);
const history = () => readFileSync(path.join(dir, HISTORY_JSON), 'utf8');
const fingerprints = async () => (await loadCenterCertificates(dir)).earlier.map((e) => e.fingerprintSha256);

/** A folder with three certificates in turn (generated, renewed, imported), as the app leaves it. */
async function threeCertificates() {
  const a = await createCenterCertificate(dir, { ...NAMES, now: NOW, sealKey: KEY });
  const b = await createCenterCertificate(dir, { ...NAMES, now: later(1), replace: true, sealKey: KEY });
  const p12 = forgeP12({ notBefore: new Date('2020-01-01T00:00:00Z'), notAfter: new Date('2090-01-01T00:00:00Z'), password: IMPORT_PASSWORD, cn: 'Imported Seal' });
  const c = await importCenterCertificate(dir, p12, IMPORT_PASSWORD, { now: later(2), sealKey: KEY });
  return { a, b, c };
}

describe("the center's earlier certificates", () => {
  it('an empty folder has none and is not created by asking', async () => {
    expect(await loadCenterCertificates(dir)).toEqual({ current: null, earlier: [] });
    expect(existsSync(dir)).toBe(false);
  });

  it('a renewal and an import keep each replaced certificate: fingerprint, subject, validity, source, when replaced', async () => {
    const { a, b, c } = await threeCertificates();
    const { current, earlier } = await loadCenterCertificates(dir);
    expect(current!.fingerprintSha256).toBe(c.fingerprintSha256);
    expect(earlier).toHaveLength(2);
    expect(earlier[0]).toMatchObject({ fingerprintSha256: a.fingerprintSha256, subject: a.subject, notBefore: a.notBefore, notAfter: a.notAfter, source: 'generated', replacedAt: later(1).toISOString() });
    expect(earlier[1]).toMatchObject({ fingerprintSha256: b.fingerprintSha256, source: 'generated', replacedAt: later(2).toISOString() });
    for (const e of earlier) expect(sha256Hex(e.certificateDer)).toBe(e.fingerprintSha256);
  });

  it('keeps certificates only: no password, no key, nothing of the p12', async () => {
    const { a, b } = await threeCertificates();
    const text = history();
    for (const secret of [a.password, b.password, IMPORT_PASSWORD]) expect(text).not.toContain(secret);
    for (const name of readdirSync(dir)) expect(readFileSync(path.join(dir, name)).includes(Buffer.from(IMPORT_PASSWORD)), name).toBe(false);
    expect(text).not.toContain(a.p12.toString('base64').slice(0, 40));
    const list = JSON.parse(text) as { version: number; certificates: Record<string, unknown>[] };
    expect(list).toMatchObject({ version: 1, certificates: [{ fingerprintSha256: a.fingerprintSha256 }, { fingerprintSha256: b.fingerprintSha256 }] });
    for (const entry of list.certificates) expect(Object.keys(entry).sort()).toEqual(['certificateDer', 'fingerprintSha256', 'notAfter', 'notBefore', 'replacedAt', 'source', 'subject']);
  });

  it('a folder from before the list: seeded once from the .bak pairs, then needs neither them nor their passwords', async () => {
    const { a, b } = await threeCertificates();
    for (const name of [HISTORY_JSON, `${HISTORY_JSON}.1`]) rmSync(path.join(dir, name), { force: true });
    expect(await fingerprints()).toEqual([a.fingerprintSha256, b.fingerprintSha256]);
    // the replacement times come from the backups' names
    expect((await loadCenterCertificates(dir)).earlier.map((e) => e.replacedAt)).toEqual([later(1).toISOString(), later(2).toISOString()]);
    expect(existsSync(path.join(dir, HISTORY_JSON))).toBe(true);
    for (const name of readdirSync(dir).filter((n) => n.endsWith('.bak'))) rmSync(path.join(dir, name));
    expect(await fingerprints()).toEqual([a.fingerprintSha256, b.fingerprintSha256]);
  });

  it('seeding skips a lost backed-up record and a damaged one', async () => {
    const { b } = await threeCertificates();
    rmSync(path.join(dir, HISTORY_JSON));
    rmSync(path.join(dir, `${HISTORY_JSON}.1`), { force: true });
    const baks = readdirSync(dir).filter((n) => n.endsWith('.bak')).sort();
    // the first replacement's record is lost; a stray damaged record beside it
    rmSync(path.join(dir, baks.find((n) => n.startsWith(`${CENTER_JSON}.20260509`))!));
    writeFileSync(path.join(dir, `${CENTER_JSON}.20260601T000000Z.bak`), '{"version":1,');
    expect(await fingerprints()).toEqual([b.fingerprintSha256]);
  });

  it('a damaged history.json is rebuilt from its previous generation and the backups', async () => {
    const { a, b } = await threeCertificates();
    writeFileSync(path.join(dir, HISTORY_JSON), '{"version":1,"certificates":[{');
    expect(await fingerprints()).toEqual([a.fingerprintSha256, b.fingerprintSha256]);
    expect(JSON.parse(history()).certificates).toHaveLength(2);
  });

  it('an entry whose certificate is not its fingerprint is not believed', async () => {
    const { b } = await threeCertificates();
    const list = JSON.parse(history()) as { certificates: { fingerprintSha256: string; certificateDer: string }[] };
    list.certificates[0]!.certificateDer = list.certificates[1]!.certificateDer;
    writeFileSync(path.join(dir, HISTORY_JSON), JSON.stringify(list));
    expect(await fingerprints()).toEqual([b.fingerprintSha256]);
  });

  it('a crash after the list was written but before the new certificate was: the still-current one is not called earlier', async () => {
    const a = await createCenterCertificate(dir, { ...NAMES, now: NOW, sealKey: KEY });
    const fs = recordingFs();
    fs.beforeRename = (_from, to) => {
      if (path.basename(to) === CENTER_KEY) throw new Error('power lost');
    };
    const p12 = forgeP12({ notBefore: new Date('2020-01-01T00:00:00Z'), notAfter: new Date('2090-01-01T00:00:00Z'), password: 'pw' });
    await expect(importCenterCertificate(dir, p12, 'pw', { now: later(1), fs, sealKey: KEY })).rejects.toThrow('power lost');
    expect(JSON.parse(history()).certificates).toHaveLength(1);
    expect(await loadCenterCertificates(dir)).toMatchObject({ current: { fingerprintSha256: a.fingerprintSha256 }, earlier: [] });
    // the import done again: the first certificate is earlier now, once
    await importCenterCertificate(dir, p12, 'pw', { now: later(2), sealKey: KEY });
    expect(await fingerprints()).toEqual([a.fingerprintSha256]);
  });

  it('a certificate imported again and replaced again is listed once, with its latest replacement', async () => {
    const p12 = forgeP12({ notBefore: new Date('2020-01-01T00:00:00Z'), notAfter: new Date('2090-01-01T00:00:00Z'), password: 'pw' });
    const x = await importCenterCertificate(dir, p12, 'pw', { now: NOW, sealKey: KEY });
    await createCenterCertificate(dir, { ...NAMES, now: later(1), replace: true, sealKey: KEY });
    await importCenterCertificate(dir, p12, 'pw', { now: later(2), sealKey: KEY });
    const { current, earlier } = await loadCenterCertificates(dir);
    expect(current!.fingerprintSha256).toBe(x.fingerprintSha256);
    // x is current again, so only the generated one is earlier
    expect(earlier).toHaveLength(1);
    await createCenterCertificate(dir, { ...NAMES, now: later(3), replace: true, sealKey: KEY });
    const again = (await loadCenterCertificates(dir)).earlier;
    expect(again.map((e) => e.fingerprintSha256)).toContain(x.fingerprintSha256);
    expect(again.filter((e) => e.fingerprintSha256 === x.fingerprintSha256).map((e) => e.replacedAt)).toEqual([later(3).toISOString()]);
  });
});
