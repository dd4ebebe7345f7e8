/**
 * The center's document-signing certificate, stored in a folder of its own:
 *
 *   <dir>/center.key                      the PKCS#12 (private key + certificate) and its password, sealed
 *                                         (AES-256-GCM) under the center's seal key
 *   <dir>/center.json                     what it is: fingerprint, subject, validity, source, the certificate itself
 *                                         (DER, public) and the SHA-256 of center.key
 *   <dir>/center.{key,json}.<time>.bak    the previous pair, kept whenever a certificate replaces another
 *   <dir>/history.json                    the certificates (without keys) that signed for the center before the current
 *                                         one, so that its documents still verify as the center's (certificate-history.ts)
 *
 * No password lies beside the key: the seal key exists only boxed to the people who may seal (seal-key.ts) and is
 * unlocked by a sealer's password at the moment of sealing. Anyone can read what the certificate is (to verify); only
 * a sealer can sign. Folders from before sealed keys (center.p12 with its password in center.json v1) are read for
 * the certificate and turned into this layout by `sealLegacyCertificate` as soon as a seal key exists; their
 * backups, which hold old keys and passwords in clear, are removed once the history lists their certificates.
 *
 * Writes are durable (temp file, fsync, rename, directory fsync). center.key is replaced before center.json, and
 * center.json records center.key's SHA-256: after a crash between the two renames the json still describes the
 * previous key file, which is then taken back from its .bak (the interrupted import never returned).
 */
import { chmod } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { sealUnit, openUnits } from '../crypto/sealing';
import { KeyedMutex } from '../storage/keyed-mutex';
import { type DurableFs, createFileDurable, ensureDirDurable, readOptional, realFs, writeFileDurable } from '../storage/durable-fs';
import { type EarlierCertificate, loadHistoryUnlocked, rememberReplacedUnlocked } from './certificate-history';
import { CertificateError } from './errors';
import { generateCenterP12, newInstallationId, newPassword } from './generate';
import { certificateOfP12, readP12 } from './p12';
import { CenterSigner } from './signer';
import { certificateDer, sha256Hex } from './x509';

export { CertificateError, type CertificateErrorCode } from './errors';

export type CertificateSource = 'generated' | 'imported';

/** What anyone may know about the center's certificate (enough to verify what it signed). */
export interface CenterCertificateInfo {
  /** SHA-256 of the certificate's DER, lower-case hex (what inspectPdfSignature reports for a document it signed). */
  fingerprintSha256: string;
  subject: string;
  /** ISO 8601. */
  notBefore: string;
  notAfter: string;
  source: CertificateSource;
  certificateDer: Buffer;
}

/** The certificate with its private key, as unlocked for one signing. */
export interface CenterCertificate extends CenterCertificateInfo {
  p12: Buffer;
  password: string;
}

export const CENTER_KEY = 'center.key';
export const CENTER_JSON = 'center.json';
/** Before sealed keys: the p12 in clear, its password in center.json (version 1). */
export const LEGACY_P12 = 'center.p12';

const hex64 = z.string().regex(/^[0-9a-f]{64}$/);
const common = {
  fingerprintSha256: hex64,
  subject: z.string(),
  notBefore: z.string(),
  notAfter: z.string(),
  source: z.enum(['generated', 'imported']),
  /** Kept across renewals so that the generated subject (O=…) stays the workstation's. */
  installationId: z.string(),
  centerName: z.string().optional(),
  committeeName: z.string().optional(),
  savedAt: z.string(),
};
const recordSchema = z.object({ version: z.literal(2), ...common, certificateDer: z.base64(), keySha256: hex64 });
const legacySchema = z.object({ version: z.literal(1), ...common, password: z.string(), p12Sha256: hex64 });
type CertificateRecord = z.infer<typeof recordSchema>;
type LegacyRecord = z.infer<typeof legacySchema>;

const keyFileSchema = z.strictObject({ p12: z.base64(), password: z.string() });
/** Bound into the sealed key file: it is the center certificate's key and nothing else. */
const KEY_AAD = 'mediation-workstation center certificate key v1';

/** create/import/load of one folder run one at a time in this process (the data folder lock excludes others). */
const mutex = new KeyedMutex();
const locked = <T>(dir: string, work: () => Promise<T>) => mutex.run(path.resolve(dir), work);

const corrupt = () => new CertificateError('CORRUPT', '中心证书记录文件（center.json）已损坏，请重新生成或导入证书');

async function readRecord(dir: string, fs: DurableFs): Promise<CertificateRecord | LegacyRecord | null> {
  const bytes = await readOptional(path.join(dir, CENTER_JSON), fs);
  if (!bytes) return null;
  try {
    const doc = JSON.parse(bytes.toString('utf8')) as { version?: unknown };
    return doc.version === 1 ? legacySchema.parse(doc) : recordSchema.parse(doc);
  } catch {
    throw corrupt();
  }
}

const infoOf = (record: CertificateRecord): CenterCertificateInfo => ({
  fingerprintSha256: record.fingerprintSha256,
  subject: record.subject,
  notBefore: record.notBefore,
  notAfter: record.notAfter,
  source: record.source,
  certificateDer: Buffer.from(record.certificateDer, 'base64'),
});

/** The newest backup of `name` whose content has the given hash. */
async function findBackup(dir: string, name: string, sha256: string, fs: DurableFs): Promise<Buffer | null> {
  const names = (await fs.readdir(dir).catch(() => [] as string[])).filter((n) => n.startsWith(`${name}.`) && n.endsWith('.bak'));
  for (const candidate of names.sort().reverse()) {
    const bytes = await readOptional(path.join(dir, candidate), fs);
    if (bytes && sha256Hex(bytes) === sha256) return bytes;
  }
  return null;
}

/** The file `name` as the record describes it (taken back from its backup after a crash between the two renames). */
async function describedFile(dir: string, name: string, sha256: string, fs: DurableFs): Promise<Buffer> {
  const file = path.join(dir, name);
  const bytes = await readOptional(file, fs);
  if (bytes && sha256Hex(bytes) === sha256) return bytes;
  const backup = await findBackup(dir, name, sha256, fs);
  if (!backup) throw new CertificateError('CORRUPT', `中心证书文件（${name}）缺失或与记录不符，请重新生成或导入证书`);
  await writeFileDurable(file, backup, {}, fs);
  return backup;
}

/** A legacy record's certificate, read with the password that sits beside it. */
async function legacyInfo(dir: string, record: LegacyRecord, fs: DurableFs): Promise<{ info: CenterCertificateInfo; p12: Buffer }> {
  const p12 = await describedFile(dir, LEGACY_P12, record.p12Sha256, fs);
  let der: Buffer;
  try {
    der = certificateDer(certificateOfP12(p12, record.password));
  } catch {
    throw new CertificateError('CORRUPT', '中心证书文件（center.p12）无法打开，请重新生成或导入证书');
  }
  const info = { fingerprintSha256: record.fingerprintSha256, subject: record.subject, notBefore: record.notBefore, notAfter: record.notAfter, source: record.source, certificateDer: der };
  return { info, p12 };
}

async function infoUnlocked(dir: string, fs: DurableFs): Promise<CenterCertificateInfo | null> {
  const record = await readRecord(dir, fs);
  if (!record) return null;
  return record.version === 1 ? (await legacyInfo(dir, record, fs)).info : infoOf(record);
}

async function unlockUnlocked(dir: string, sealKey: Buffer, fs: DurableFs): Promise<CenterCertificate | null> {
  const record = await readRecord(dir, fs);
  if (!record) return null;
  if (record.version === 1) {
    const { info, p12 } = await legacyInfo(dir, record, fs);
    return { ...info, p12, password: record.password };
  }
  const sealed = await describedFile(dir, CENTER_KEY, record.keySha256, fs);
  const opened = openUnits(sealKey, KEY_AAD, sealed, { appendLog: false });
  if (opened.damage) throw new CertificateError('SEAL_KEY', '中心签章密钥与证书不符，无法签章：请由持有签章密钥的法律顾问或中心负责人签章，或由中心管理员重新生成证书');
  try {
    const key = keyFileSchema.parse(JSON.parse(opened.plaintext.toString('utf8')));
    return { ...infoOf(record), p12: Buffer.from(key.p12, 'base64'), password: key.password };
  } catch {
    throw new CertificateError('CORRUPT', '中心证书密钥文件（center.key）内容无效，请重新生成或导入证书');
  }
}

/** 2026-05-01T01:30:00.000Z → 20260501T013000Z (no characters Windows forbids in file names). */
const stamp = (at: Date) => at.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');

/** Copies the current pair to .bak files (write-once; a second replacement in the same second gets -2, -3 …). */
async function backupCurrent(dir: string, at: Date, fs: DurableFs): Promise<void> {
  for (const name of [CENTER_KEY, CENTER_JSON]) {
    const bytes = await readOptional(path.join(dir, name), fs);
    if (!bytes) continue;
    for (let n = 1; ; n++) {
      try {
        await createFileDurable(path.join(dir, `${name}.${stamp(at)}${n > 1 ? `-${n}` : ''}.bak`), bytes, fs);
        break;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || n >= 100) throw error;
      }
    }
  }
}

/** A real signature with the file, so that a certificate is stored only if P12Signer can sign with it. */
async function trialSign(p12: Buffer, password: string, at: Date): Promise<void> {
  try {
    await new CenterSigner(p12, { passphrase: password }).sign(Buffer.from('%PDF-1.7 trial'), at);
  } catch (error) {
    throw new CertificateError('UNSUPPORTED_KEY', `该证书无法用于签名（${(error as Error)?.message ?? error}）`);
  }
}

interface InstallMeta {
  source: CertificateSource;
  now: Date;
  installationId: string;
  centerName?: string;
  committeeName?: string;
  sealKey: Buffer;
  /** Checked already (a legacy certificate being sealed): no validity check or trial signature again. */
  trusted?: boolean;
}

/** Removes what a folder from before sealed keys kept in clear: the p12 and every backup naming a password. */
async function removeLegacyFiles(dir: string, fs: DurableFs): Promise<void> {
  const names = await fs.readdir(dir).catch(() => [] as string[]);
  for (const name of names) {
    if (name === LEGACY_P12 || /^center\.p12\..+\.bak$/.test(name)) await fs.unlink(path.join(dir, name)).catch(() => undefined);
    else if (/^center\.json\..+\.bak$/.test(name)) {
      const bytes = await readOptional(path.join(dir, name), fs);
      if (bytes?.includes('"password"')) await fs.unlink(path.join(dir, name)).catch(() => undefined);
    }
  }
}

async function install(dir: string, p12: Buffer, password: string, meta: InstallMeta, fs: DurableFs): Promise<CenterCertificate> {
  const contents = meta.trusted ? null : readP12(p12, password, meta.now);
  if (!meta.trusted) await trialSign(p12, password, meta.now);
  const der = certificateDer(certificateOfP12(p12, password));
  await ensureDirDurable(dir, fs);
  // owner-only folder (POSIX; on Windows chmod changes little and the per-user profile already restricts access)
  await chmod(dir, 0o700).catch(() => undefined);
  // The certificates the folder held before stay listed (documents they signed stay the center's), before anything
  // is replaced; the legacy backups are read for it first, then no longer needed.
  await loadHistoryUnlocked(dir, fs);
  const replaced = await infoUnlocked(dir, fs).catch(() => null);
  if (replaced && replaced.fingerprintSha256 !== sha256Hex(der)) await rememberReplacedUnlocked(dir, replaced, meta.now, fs);
  await backupCurrent(dir, meta.now, fs);
  const keyFile = sealUnit(meta.sealKey, KEY_AAD, Buffer.from(JSON.stringify({ p12: p12.toString('base64'), password })));
  const record: CertificateRecord = {
    version: 2,
    fingerprintSha256: contents?.fingerprintSha256 ?? sha256Hex(der),
    subject: contents?.subject ?? replaced?.subject ?? '',
    notBefore: contents?.notBefore ?? replaced?.notBefore ?? '',
    notAfter: contents?.notAfter ?? replaced?.notAfter ?? '',
    source: meta.source,
    certificateDer: der.toString('base64'),
    keySha256: sha256Hex(keyFile),
    installationId: meta.installationId,
    ...(meta.centerName ? { centerName: meta.centerName } : {}),
    ...(meta.committeeName ? { committeeName: meta.committeeName } : {}),
    savedAt: meta.now.toISOString(),
  };
  await writeFileDurable(path.join(dir, CENTER_KEY), keyFile, {}, fs);
  await writeFileDurable(path.join(dir, CENTER_JSON), `${JSON.stringify(record, null, 2)}\n`, {}, fs);
  await removeLegacyFiles(dir, fs);
  return { ...infoOf(record), p12, password };
}

/** A previous record, if readable (a damaged one is replaced: its files are still kept as .bak). */
const previousRecord = (dir: string, fs: DurableFs) => readRecord(dir, fs).catch(() => null);

/** What the stored certificate is, or null when none was made or imported yet (no key needed). Throws CORRUPT. */
export function loadCenterCertificate(dir: string, fs: DurableFs = realFs): Promise<CenterCertificateInfo | null> {
  return locked(dir, () => infoUnlocked(dir, fs));
}

/** The stored certificate with its private key, opened with the seal key; null when there is none yet. */
export function unlockCenterCertificate(dir: string, sealKey: Buffer, fs: DurableFs = realFs): Promise<CenterCertificate | null> {
  return locked(dir, () => unlockUnlocked(dir, sealKey, fs));
}

/** Whether the folder still holds a certificate from before sealed keys (its password in clear). */
export async function hasLegacyCertificate(dir: string, fs: DurableFs = realFs): Promise<boolean> {
  return (await previousRecord(dir, fs))?.version === 1;
}

/**
 * Seals a certificate from before sealed keys under the seal key: the key file is written, the record rewritten
 * without the password, and the clear p12 and its backups removed. Returns whether there was one to seal.
 */
export function sealLegacyCertificate(dir: string, sealKey: Buffer, now: Date, fs: DurableFs = realFs): Promise<boolean> {
  return locked(dir, async () => {
    const record = await readRecord(dir, fs);
    if (record?.version !== 1) return false;
    const { p12 } = await legacyInfo(dir, record, fs);
    const meta: InstallMeta = { source: record.source, now, installationId: record.installationId, sealKey, trusted: true };
    if (record.centerName) meta.centerName = record.centerName;
    if (record.committeeName) meta.committeeName = record.committeeName;
    await install(dir, p12, record.password, meta, fs);
    return true;
  });
}

export interface CenterCertificates {
  current: CenterCertificateInfo | null;
  /** The certificates the center signed with before the current one (never the current one), oldest first. */
  earlier: EarlierCertificate[];
}

/**
 * Every certificate a document of the center may be signed with: the current one (null when none was made yet) and
 * the earlier ones. The first call on a folder from before the list seeds it from the .bak pairs. Throws like load.
 */
export function loadCenterCertificates(dir: string, fs: DurableFs = realFs): Promise<CenterCertificates> {
  return locked(dir, async () => {
    const current = await infoUnlocked(dir, fs);
    const earlier = (await loadHistoryUnlocked(dir, fs)).filter((e) => e.fingerprintSha256 !== current?.fingerprintSha256);
    return { current, earlier };
  });
}

export interface CreateOptions {
  /** The center's (Chinese) name: the subject's O, the PKCS#12 friendly name and in center.json. */
  centerName: string;
  /** The committee's (Chinese) name: the subject's CN is "<committeeName>文书签章", what a PDF reader shows as signer. */
  committeeName: string;
  now: Date;
  /** The seal key the private key is sealed under (seal-key.ts). */
  sealKey: Buffer;
  /** Replace an existing certificate (kept as .bak); without it an existing one is an error (EXISTS). */
  replace?: boolean;
  fs?: DurableFs;
}

async function createUnlocked(dir: string, opts: CreateOptions): Promise<CenterCertificate> {
  const fs = opts.fs ?? realFs;
  const previous = await previousRecord(dir, fs);
  if (previous && !opts.replace) throw new CertificateError('EXISTS', '中心签名证书已存在；如需更换，请确认替换');
  const password = newPassword();
  const installationId = previous?.installationId ?? newInstallationId();
  const p12 = await generateCenterP12({
    subject: { committeeName: opts.committeeName, centerName: opts.centerName, installationId },
    friendlyName: `${opts.committeeName || opts.centerName} 文书签名证书`,
    password,
    now: opts.now,
  });
  const meta = { source: 'generated' as const, now: opts.now, installationId, centerName: opts.centerName, committeeName: opts.committeeName, sealKey: opts.sealKey };
  return install(dir, p12, password, meta, fs);
}

/**
 * Generates the self-signed certificate (RSA 2048, ten years, subject naming the committee) and stores it. An
 * existing certificate is never regenerated implicitly (ensureCenterCertificate keeps it, whatever its subject), so
 * documents already signed keep verifying against the certificate the workstation still has.
 */
export function createCenterCertificate(dir: string, opts: CreateOptions): Promise<CenterCertificate> {
  return locked(dir, () => createUnlocked(dir, opts));
}

/** The stored certificate opened with the seal key, generating one first if there is none. */
export function ensureCenterCertificate(dir: string, opts: Omit<CreateOptions, 'replace'>): Promise<CenterCertificate> {
  return locked(dir, async () => (await unlockUnlocked(dir, opts.sealKey, opts.fs ?? realFs)) ?? createUnlocked(dir, opts));
}

/**
 * Stores a PKCS#12 file (e.g. one issued by a CA) as the center's certificate after checking that it opens with the
 * password, holds an RSA key and its certificate, is valid now and can sign; its key is sealed under the seal key.
 * The previous certificate is kept as .bak and on the history list.
 */
export function importCenterCertificate(dir: string, p12Bytes: Uint8Array, password: string, opts: { now?: Date; sealKey: Buffer; fs?: DurableFs }): Promise<CenterCertificate> {
  return locked(dir, async () => {
    const fs = opts.fs ?? realFs;
    const previous = await previousRecord(dir, fs);
    const meta = { source: 'imported' as const, now: opts.now ?? new Date(), installationId: previous?.installationId ?? newInstallationId(), sealKey: opts.sealKey };
    return install(dir, Buffer.from(p12Bytes), password, meta, fs);
  });
}
