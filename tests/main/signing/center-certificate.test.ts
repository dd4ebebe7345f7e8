/**
 * The center's certificate store: generated (RSA 2048, subject naming the committee in Chinese, ten years, signing key usage), reloaded,
 * replaced with backups, imported from openssl-made PKCS#12 files, and refused with a Chinese message for every kind
 * of unusable file. Also what a crash between the two renames of an import leaves.
 */
import { execFileSync } from 'node:child_process';
import { X509Certificate, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import forge from 'node-forge';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  CENTER_JSON,
  CENTER_KEY,
  CertificateError,
  LEGACY_P12,
  createCenterCertificate,
  ensureCenterCertificate,
  importCenterCertificate,
  loadCenterCertificate,
  loadCenterCertificates,
  sealLegacyCertificate,
  unlockCenterCertificate,
} from '../../../electron/main/signing';
import { certificateDer, sha256Hex as sha256 } from '../../../electron/main/signing/x509';
import { recordingFs } from '../../fixtures/fake-fs';
import { OPENSSL, forgeP12, opensslP12, removeDir, skipped, tempDir } from './helpers';

const NOW = new Date('2026-05-08T04:20:00.000Z');
const CENTER = '义乌市矛盾纠纷调解中心';
const COMMITTEE = '义乌市人民调解委员会';
const DAY = 24 * 60 * 60 * 1000;
/** The seal key the private key is sealed under (services/seal-key.ts boxes it to the sealers). */
const KEY = randomBytes(32);

let dir: string;
beforeEach(() => {
  dir = path.join(tempDir(), 'certificates');
});
afterEach(() => removeDir(path.dirname(dir)));

/** The error a promise rejects with (fails the test if it resolves). */
async function rejection(promise: Promise<unknown>): Promise<CertificateError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(CertificateError);
  return error as CertificateError;
}

const json = () => JSON.parse(readFileSync(path.join(dir, CENTER_JSON), 'utf8')) as Record<string, unknown>;
const backups = () => readdirSync(dir).filter((n) => n.endsWith('.bak')).sort();

function openP12(p12: Buffer, password: string) {
  const pfx = forge.pkcs12.pkcs12FromAsn1(forge.asn1.fromDer(p12.toString('binary')), password);
  const certBag = pfx.getBags({ bagType: forge.pki.oids.certBag! })[forge.pki.oids.certBag!]![0]!;
  const keyBag = pfx.getBags({ bagType: forge.pki.oids.pkcs8ShroudedKeyBag! })[forge.pki.oids.pkcs8ShroudedKeyBag!]![0]!;
  return { cert: certBag.cert!, key: keyBag.key!, friendlyName: certBag.attributes.friendlyName?.[0] as string | undefined };
}

describe('the generated center certificate', () => {
  it('is RSA 2048, self-signed with a subject naming the committee, valid ten years, for signing only, and reloads unchanged', async () => {
    const cert = await createCenterCertificate(dir, { centerName: CENTER, committeeName: COMMITTEE, now: NOW, sealKey: KEY });
    expect(cert.source).toBe('generated');
    expect(cert.subject).toMatch(new RegExp(`^C=CN, O=${CENTER}, CN=${COMMITTEE}文书签章, serialNumber=MW-[0-9A-F]{16}$`));
    expect(cert.fingerprintSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(new Date(cert.notBefore).getTime()).toBeLessThanOrEqual(NOW.getTime());
    expect(new Date(cert.notAfter).toISOString()).toBe('2036-05-08T04:20:00.000Z');
    expect(cert.password.length).toBeGreaterThanOrEqual(24);

    const { cert: x509, key, friendlyName } = openP12(cert.p12, cert.password);
    expect(key.n.bitLength()).toBe(2048);
    expect(x509.verify(x509)).toBe(true); // self-signed
    expect(x509.siginfo.algorithmOid).toBe(forge.pki.oids.sha256WithRSAEncryption);
    expect(x509.getExtension('keyUsage')).toMatchObject({ digitalSignature: true, nonRepudiation: true, keyCertSign: false, critical: true });
    expect(x509.getExtension('basicConstraints')).toMatchObject({ cA: false });
    expect(friendlyName).toBe(`${COMMITTEE} 文书签名证书`);

    const record = json();
    expect(record).toMatchObject({
      fingerprintSha256: cert.fingerprintSha256,
      subject: cert.subject,
      notBefore: cert.notBefore,
      notAfter: cert.notAfter,
      source: 'generated',
      centerName: CENTER,
      committeeName: COMMITTEE,
    });
    // No password and no key in clear anywhere in the folder: the key file is sealed under the seal key.
    expect(record.password).toBeUndefined();
    for (const name of readdirSync(dir)) {
      const bytes = readFileSync(path.join(dir, name));
      expect(bytes.includes(Buffer.from(cert.password)), name).toBe(false);
      expect(bytes.includes(cert.p12.subarray(0, 48)), name).toBe(false);
    }
    if (process.platform !== 'win32') expect(statSync(dir).mode & 0o777).toBe(0o700);

    expect(await unlockCenterCertificate(dir, KEY)).toEqual(cert);
    const { p12: _p12, password: _password, ...info } = cert;
    expect(await loadCenterCertificate(dir)).toEqual(info);
    expect((await rejection(unlockCenterCertificate(dir, randomBytes(32)))).code).toBe('SEAL_KEY');
  });

  it.skipIf(!OPENSSL)(`opens with openssl, whose SHA-256 fingerprint is the one recorded${skipped('openssl', OPENSSL)}`, async () => {
    const cert = await createCenterCertificate(dir, { centerName: CENTER, committeeName: COMMITTEE, now: new Date(), sealKey: KEY });
    writeFileSync(path.join(dir, 'export.p12'), cert.p12);
    const pem = execFileSync('openssl', ['pkcs12', '-in', path.join(dir, 'export.p12'), '-nokeys', '-clcerts', '-passin', `pass:${cert.password}`], { encoding: 'utf8' });
    const fingerprint = execFileSync('openssl', ['x509', '-noout', '-fingerprint', '-sha256'], { input: pem, encoding: 'utf8' });
    expect(fingerprint.split('=')[1]!.trim().replace(/:/g, '').toLowerCase()).toBe(cert.fingerprintSha256);
  });

  it('is not generated twice unless replacing, and a replacement keeps the old pair and the installation id', async () => {
    const first = await createCenterCertificate(dir, { centerName: CENTER, committeeName: COMMITTEE, now: NOW, sealKey: KEY });
    expect((await rejection(createCenterCertificate(dir, { centerName: CENTER, committeeName: COMMITTEE, now: NOW, sealKey: KEY }))).code).toBe('EXISTS');

    const second = await createCenterCertificate(dir, { centerName: CENTER, committeeName: COMMITTEE, now: new Date(NOW.getTime() + DAY), replace: true, sealKey: KEY });
    expect(second.fingerprintSha256).not.toBe(first.fingerprintSha256);
    expect(second.subject).toBe(first.subject); // same serialNumber=MW-… for the same workstation
    expect(backups()).toEqual([`${CENTER_JSON}.20260509T042000Z.bak`, `${CENTER_KEY}.20260509T042000Z.bak`]);
    expect((await loadCenterCertificate(dir))!.fingerprintSha256).toBe(second.fingerprintSha256);
    expect((await loadCenterCertificates(dir)).earlier.map((e) => e.fingerprintSha256)).toEqual([first.fingerprintSha256]);
  });

  it('names the committee in UTF8String values encoded once, as Node and openssl read them', async () => {
    const cert = await createCenterCertificate(dir, { centerName: CENTER, committeeName: COMMITTEE, now: NOW, sealKey: KEY });
    const der = certificateDer(openP12(cert.p12, cert.password).cert);
    // Node's own X.509 parser (not node-forge) decodes the subject
    const x509 = new X509Certificate(der);
    expect(x509.subject.split('\n')).toEqual(['C=CN', `O=${CENTER}`, `CN=${COMMITTEE}文书签章`, expect.stringMatching(/^serialNumber=MW-[0-9A-F]{16}$/)]);
    expect(x509.issuer).toBe(x509.subject);
    // the CN value is a UTF8String (tag 0x0c) holding the UTF-8 bytes once, not the UTF-8 of their Latin-1 reading
    const cn = Buffer.from(`${COMMITTEE}文书签章`, 'utf8');
    expect(der.indexOf(Buffer.concat([Buffer.from([0x0c, cn.length]), cn]))).toBeGreaterThan(0);
    expect(der.indexOf(Buffer.from(cn.toString('latin1'), 'utf8'))).toBe(-1);
    if (!OPENSSL) return;
    const subject = execFileSync('openssl', ['x509', '-inform', 'DER', '-noout', '-subject', '-nameopt', 'utf8,sep_comma_plus,lname'], { input: der, encoding: 'utf8' });
    expect(subject.trim()).toMatch(new RegExp(`^subject=countryName=CN,organizationName=${CENTER},commonName=${COMMITTEE}文书签章,serialNumber=MW-`));
    const parsed = execFileSync('openssl', ['asn1parse', '-inform', 'DER'], { input: der, encoding: 'utf8' });
    expect(parsed.match(/ UTF8STRING +:/g)).toHaveLength(4); // O and CN, in issuer and subject
  });

  it('falls back to 人民调解委员会 before setup names the committee, and leaves out an empty center name', async () => {
    const cert = await createCenterCertificate(dir, { centerName: '', committeeName: ' ', now: NOW, sealKey: KEY });
    expect(cert.subject).toMatch(/^C=CN, CN=人民调解委员会文书签章, serialNumber=MW-/);
  });

  it('an existing certificate keeps its subject (documents signed with it stay valid): only a new one names the committee', async () => {
    const legacy = forgeP12({ notBefore: new Date(NOW.getTime() - DAY), notAfter: new Date(NOW.getTime() + 365 * DAY), password: 'pw', cn: "People's Mediation Committee Document Seal" });
    const imported = await importCenterCertificate(dir, legacy, 'pw', { now: NOW, sealKey: KEY });
    const kept = await ensureCenterCertificate(dir, { centerName: CENTER, committeeName: COMMITTEE, now: NOW, sealKey: KEY });
    expect(kept).toEqual(imported);
    expect(kept.subject).toBe("CN=People's Mediation Committee Document Seal");
    const renewed = await createCenterCertificate(dir, { centerName: CENTER, committeeName: COMMITTEE, now: NOW, replace: true, sealKey: KEY });
    expect(renewed.subject).toContain(`CN=${COMMITTEE}文书签章`);
  });

  it('ensureCenterCertificate makes one the first time only; load of an empty folder is null', async () => {
    expect(await loadCenterCertificate(dir)).toBeNull();
    const [a, b] = await Promise.all([ensureCenterCertificate(dir, { centerName: CENTER, committeeName: COMMITTEE, now: NOW, sealKey: KEY }), ensureCenterCertificate(dir, { centerName: CENTER, committeeName: COMMITTEE, now: NOW, sealKey: KEY })]);
    expect(b).toEqual(a);
    expect((await ensureCenterCertificate(dir, { centerName: CENTER, committeeName: COMMITTEE, now: NOW, sealKey: KEY })).fingerprintSha256).toBe(a.fingerprintSha256);
    expect(backups()).toEqual([]);
  });
});

describe.skipIf(!OPENSSL)(`importing a PKCS#12 made with openssl${skipped('openssl', OPENSSL)}`, () => {
  it('stores an OpenSSL 3 default (AES) file, keeping the generated certificate as .bak', async () => {
    const generated = await createCenterCertificate(dir, { centerName: CENTER, committeeName: COMMITTEE, now: new Date(), sealKey: KEY });
    const p12 = opensslP12({ subject: '/C=CN/O=Yiwu Mediation/CN=Yiwu Mediation Seal', password: 'S3cret!pw' });
    const cert = await importCenterCertificate(dir, p12, 'S3cret!pw', { sealKey: KEY });
    expect(cert).toMatchObject({ source: 'imported', subject: 'C=CN, O=Yiwu Mediation, CN=Yiwu Mediation Seal', password: 'S3cret!pw' });
    expect(cert.p12).toEqual(p12);
    expect(await unlockCenterCertificate(dir, KEY)).toEqual(cert);
    expect(backups().filter((n) => n.startsWith(CENTER_KEY))).toHaveLength(1);
    expect((await loadCenterCertificates(dir)).earlier.map((e) => e.fingerprintSha256)).toEqual([generated.fingerprintSha256]);
  });

  it('stores a -legacy (3DES/RC2) file with a Chinese subject', async () => {
    const p12 = opensslP12({ subject: `/C=CN/O=${CENTER}/CN=${CENTER}文书签章`, password: 'pw-legacy', exportArgs: ['-legacy'] });
    const cert = await importCenterCertificate(dir, p12, 'pw-legacy', { sealKey: KEY });
    expect(cert.subject).toBe(`C=CN, O=${CENTER}, CN=${CENTER}文书签章`);
  });

  it('refuses a wrong password with 证书密码不正确 and writes nothing', async () => {
    const p12 = opensslP12({ subject: '/CN=Test', password: 'right' });
    const error = await rejection(importCenterCertificate(dir, p12, 'wrong', { sealKey: KEY }));
    expect(error.code).toBe('WRONG_PASSWORD');
    expect(error.message).toBe('证书密码不正确');
    expect(existsSync(dir)).toBe(false);
  });

  it('refuses what is not a PKCS#12 file', async () => {
    for (const bytes of [Buffer.alloc(0), Buffer.from('-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n'), Buffer.from('%PDF-1.7\n'), Buffer.from([0x30, 0x82, 0xff, 0xff, 1, 2, 3])]) {
      const error = await rejection(importCenterCertificate(dir, bytes, 'pw', { sealKey: KEY }));
      expect(error.code).toBe('NOT_PKCS12');
      expect(error.message).toContain('文件不是有效的PKCS#12证书');
    }
  });

  it('refuses an expired or not yet valid certificate', async () => {
    const p12 = opensslP12({ subject: '/CN=Short Lived', password: 'pw', days: 1 });
    const expired = await rejection(importCenterCertificate(dir, p12, 'pw', { now: new Date(Date.now() + 3 * DAY), sealKey: KEY }));
    expect(expired.code).toBe('EXPIRED');
    expect(expired.message).toMatch(/^证书已过期（有效期至 \d{4}-\d{2}-\d{2}）$/);
    const early = await rejection(importCenterCertificate(dir, p12, 'pw', { now: new Date('2000-01-01T00:00:00Z'), sealKey: KEY }));
    expect(early.code).toBe('NOT_YET_VALID');
    expect(early.message).toContain('证书尚未生效');
  });

  it('refuses keys the signer cannot use: ECDSA, RSA 1024, an unencrypted key; and a Chinese password it cannot open', async () => {
    const cases: [Buffer, string, string, string][] = [
      [opensslP12({ subject: '/CN=EC', password: 'pw', key: 'ec' }), 'pw', 'UNSUPPORTED_KEY', 'ECDSA'],
      [opensslP12({ subject: '/CN=Weak', password: 'pw', key: 'rsa:1024' }), 'pw', 'WEAK_KEY', '2048'],
      [opensslP12({ subject: '/CN=Bare', password: 'pw', exportArgs: ['-keypbe', 'NONE', '-certpbe', 'NONE'] }), 'pw', 'UNPROTECTED_KEY', '未加密'],
      [opensslP12({ subject: '/CN=Chinese Password', password: '调解密码' }), '调解密码', 'UNSUPPORTED_PASSWORD', '非ASCII'],
    ];
    for (const [p12, password, code, text] of cases) {
      const error = await rejection(importCenterCertificate(dir, p12, password, { sealKey: KEY }));
      expect(error.code, code).toBe(code);
      expect(error.message).toContain(text);
    }
    expect(existsSync(dir)).toBe(false);
  });
});

describe('refusals that need no openssl', () => {
  it('an expired certificate (valid 2015–2020) is refused with 证书已过期', async () => {
    const p12 = forgeP12({ notBefore: new Date('2015-01-01T00:00:00Z'), notAfter: new Date('2020-01-01T00:00:00Z'), password: 'pw' });
    const error = await rejection(importCenterCertificate(dir, p12, 'pw', { sealKey: KEY }));
    expect(error.code).toBe('EXPIRED');
    expect(error.message).toBe('证书已过期（有效期至 2020-01-01）');
  });

  it('a wrong password on a node-forge (3DES) file is 证书密码不正确', async () => {
    const p12 = forgeP12({ notBefore: new Date('2020-01-01T00:00:00Z'), notAfter: new Date('2090-01-01T00:00:00Z'), password: 'pw' });
    expect((await rejection(importCenterCertificate(dir, p12, 'PW', { sealKey: KEY }))).message).toBe('证书密码不正确');
    expect((await importCenterCertificate(dir, p12, 'pw', { sealKey: KEY })).subject).toBe('CN=Expired Test Certificate');
  });
});

describe('crash safety', () => {
  it('after a crash between the key file and the json rename, unlocking returns the previous pair and repairs center.key', async () => {
    const before = await createCenterCertificate(dir, { centerName: CENTER, committeeName: COMMITTEE, now: NOW, sealKey: KEY });
    const fs = recordingFs();
    fs.beforeRename = (_from, to) => {
      if (path.basename(to) === CENTER_JSON) throw new Error('power lost');
    };
    const next = forgeP12({ notBefore: new Date('2020-01-01T00:00:00Z'), notAfter: new Date('2090-01-01T00:00:00Z'), password: 'pw' });
    await expect(importCenterCertificate(dir, next, 'pw', { fs, sealKey: KEY })).rejects.toThrow('power lost');
    const replacedKey = readFileSync(path.join(dir, CENTER_KEY)); // the new key file is in place, the json is the old one

    const loaded = await unlockCenterCertificate(dir, KEY);
    expect(loaded).toEqual(before);
    expect(readFileSync(path.join(dir, CENTER_KEY)).equals(replacedKey)).toBe(false);
    expect(readdirSync(dir).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });

  it('a damaged center.json or a lost center.key is reported as CORRUPT, in Chinese', async () => {
    await createCenterCertificate(dir, { centerName: CENTER, committeeName: COMMITTEE, now: NOW, sealKey: KEY });
    writeFileSync(path.join(dir, CENTER_KEY), 'garbage');
    const lost = await rejection(unlockCenterCertificate(dir, KEY));
    expect(lost.code).toBe('CORRUPT');
    expect(lost.message).toContain('center.key');
    writeFileSync(path.join(dir, CENTER_JSON), '{"version":1,');
    const damaged = await rejection(loadCenterCertificate(dir));
    expect(damaged.code).toBe('CORRUPT');
    expect(damaged.message).toContain('center.json');
    // replacing is still possible, and the damaged pair is kept
    await createCenterCertificate(dir, { centerName: CENTER, committeeName: COMMITTEE, now: NOW, replace: true, sealKey: KEY });
    expect(backups()).toHaveLength(2);
  });
});

describe('a folder from before sealed keys', () => {
  /** center.p12 in clear with its password in center.json (version 1), and a replaced pair kept as .bak. */
  function legacyFolder() {
    const older = forgeP12({ notBefore: new Date('2020-01-01T00:00:00Z'), notAfter: new Date('2090-01-01T00:00:00Z'), password: 'old-pw', cn: 'Older Seal' });
    const current = forgeP12({ notBefore: new Date('2020-01-01T00:00:00Z'), notAfter: new Date('2090-01-01T00:00:00Z'), password: 'cur-pw', cn: 'Current Seal' });
    const record = (p12: Buffer, password: string, cn: string) => {
      const der = certificateDer(openP12(p12, password).cert);
      return { version: 1, fingerprintSha256: sha256(der), subject: `CN=${cn}`, notBefore: '2020-01-01T00:00:00.000Z', notAfter: '2090-01-01T00:00:00.000Z', source: 'imported', password, p12Sha256: sha256(p12), installationId: 'MW-0000000000000001', savedAt: NOW.toISOString() };
    };
    execFileSync('mkdir', ['-p', dir]);
    writeFileSync(path.join(dir, LEGACY_P12), current);
    writeFileSync(path.join(dir, CENTER_JSON), JSON.stringify(record(current, 'cur-pw', 'Current Seal')));
    writeFileSync(path.join(dir, `${LEGACY_P12}.20260101T000000Z.bak`), older);
    writeFileSync(path.join(dir, `${CENTER_JSON}.20260101T000000Z.bak`), JSON.stringify(record(older, 'old-pw', 'Older Seal')));
    return { current, older };
  }

  it('is read for verifying, then sealed: no p12 or password left in clear, the earlier certificate still listed', async () => {
    const { current, older } = legacyFolder();
    expect((await loadCenterCertificate(dir))!.subject).toBe('CN=Current Seal');
    expect(await sealLegacyCertificate(dir, KEY, NOW)).toBe(true);
    expect(await sealLegacyCertificate(dir, KEY, NOW)).toBe(false);
    for (const name of readdirSync(dir)) {
      const bytes = readFileSync(path.join(dir, name));
      for (const secret of ['cur-pw', 'old-pw']) expect(bytes.includes(Buffer.from(`"${secret}"`)), name).toBe(false);
      for (const p12 of [current, older]) expect(bytes.includes(p12.subarray(0, 48)), name).toBe(false);
    }
    expect(readdirSync(dir)).not.toContain(LEGACY_P12);
    const unlocked = await unlockCenterCertificate(dir, KEY);
    expect(unlocked).toMatchObject({ subject: 'CN=Current Seal', password: 'cur-pw' });
    expect(unlocked!.p12).toEqual(current);
    expect((await loadCenterCertificates(dir)).earlier.map((e) => e.subject)).toEqual(['CN=Older Seal']);
  });
});
