/**
 * The center's document-signing certificate, stored in a folder of its own:
 *
 *   <dir>/center.p12                      the PKCS#12 (key + certificate) P12Signer signs with
 *   <dir>/center.json                     what it is: fingerprint, subject, validity, source, its password, its SHA-256
 *   <dir>/center.{p12,json}.<time>.bak    the previous pair, kept whenever a certificate replaces another
 *   <dir>/history.json                    the certificates (without keys) that signed for the center before the current
 *                                         one, so that its documents still verify as the center's (certificate-history.ts)
 *
 * Why the password sits beside the p12: the workstation signs unattended (no one types a password when an agreement
 * is issued), so the key must be usable by this process alone, and anything that can read the data folder could read
 * a password stored anywhere else on the same machine too. The protection is the OS account: the folder is made
 * owner-only (0700) on POSIX and lives in the per-user application folder on Windows. Electron's safeStorage (DPAPI /
 * Keychain / libsecret) could wrap the password later without changing this layout; browser mode has no safeStorage.
 *
 * Writes are durable (temp file, fsync, rename, directory fsync). center.p12 is replaced before center.json, and
 * center.json records the p12's SHA-256: after a crash between the two renames the json still describes the previous
 * p12, which is then taken back from its .bak (the interrupted import never returned, so nothing was lost).
 */
import { chmod } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { KeyedMutex } from '../storage/keyed-mutex';
import { type DurableFs, createFileDurable, ensureDirDurable, readOptional, realFs, writeFileDurable } from '../storage/durable-fs';
import { type EarlierCertificate, loadHistoryUnlocked, rememberReplacedUnlocked } from './certificate-history';
import { CertificateError } from './errors';
import { generateCenterP12, newInstallationId, newPassword } from './generate';
import { readP12 } from './p12';
import { CenterSigner } from './signer';
import { sha256Hex } from './x509';

export { CertificateError, type CertificateErrorCode } from './errors';

export type CertificateSource = 'generated' | 'imported';

export interface CenterCertificate {
  p12: Buffer;
  password: string;
  /** SHA-256 of the certificate's DER, lower-case hex (what inspectPdfSignature reports for a document it signed). */
  fingerprintSha256: string;
  subject: string;
  /** ISO 8601. */
  notBefore: string;
  notAfter: string;
  source: CertificateSource;
}

export const CENTER_P12 = 'center.p12';
export const CENTER_JSON = 'center.json';

const hex64 = z.string().regex(/^[0-9a-f]{64}$/);
const recordSchema = z.object({
  version: z.literal(1),
  fingerprintSha256: hex64,
  subject: z.string(),
  notBefore: z.string(),
  notAfter: z.string(),
  source: z.enum(['generated', 'imported']),
  password: z.string(),
  p12Sha256: hex64,
  /** Kept across renewals so that the generated subject (O=…) stays the workstation's. */
  installationId: z.string(),
  centerName: z.string().optional(),
  committeeName: z.string().optional(),
  savedAt: z.string(),
});
type CertificateRecord = z.infer<typeof recordSchema>;

/** create/import/load of one folder run one at a time in this process (the data folder lock excludes others). */
const mutex = new KeyedMutex();
const locked = <T>(dir: string, work: () => Promise<T>) => mutex.run(path.resolve(dir), work);


async function readRecord(dir: string, fs: DurableFs): Promise<CertificateRecord | null> {
  const bytes = await readOptional(path.join(dir, CENTER_JSON), fs);
  if (!bytes) return null;
  try {
    return recordSchema.parse(JSON.parse(bytes.toString('utf8')));
  } catch {
    throw new CertificateError('CORRUPT', '中心证书记录文件（center.json）已损坏，请重新生成或导入证书');
  }
}

const toCertificate = (record: CertificateRecord, p12: Buffer): CenterCertificate => ({
  p12,
  password: record.password,
  fingerprintSha256: record.fingerprintSha256,
  subject: record.subject,
  notBefore: record.notBefore,
  notAfter: record.notAfter,
  source: record.source,
});

/** The newest backup of center.p12 whose content has the given hash. */
async function findP12Backup(dir: string, sha256: string, fs: DurableFs): Promise<Buffer | null> {
  const names = (await fs.readdir(dir).catch(() => [] as string[])).filter((n) => n.startsWith(`${CENTER_P12}.`) && n.endsWith('.bak'));
  for (const name of names.sort().reverse()) {
    const bytes = await readOptional(path.join(dir, name), fs);
    if (bytes && sha256Hex(bytes) === sha256) return bytes;
  }
  return null;
}

async function loadUnlocked(dir: string, fs: DurableFs): Promise<CenterCertificate | null> {
  const record = await readRecord(dir, fs);
  if (!record) return null;
  const p12File = path.join(dir, CENTER_P12);
  const p12 = await readOptional(p12File, fs);
  if (p12 && sha256Hex(p12) === record.p12Sha256) return toCertificate(record, p12);
  const backup = await findP12Backup(dir, record.p12Sha256, fs);
  if (!backup) throw new CertificateError('CORRUPT', '中心证书文件（center.p12）缺失或与记录不符，请重新生成或导入证书');
  await writeFileDurable(p12File, backup, {}, fs);
  return toCertificate(record, backup);
}

/** 2026-05-01T01:30:00.000Z → 20260501T013000Z (no characters Windows forbids in file names). */
const stamp = (at: Date) => at.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');

/** Copies the current pair to .bak files (write-once; a second replacement in the same second gets -2, -3 …). */
async function backupCurrent(dir: string, at: Date, fs: DurableFs): Promise<void> {
  for (const name of [CENTER_P12, CENTER_JSON]) {
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
}

async function install(dir: string, p12: Buffer, password: string, meta: InstallMeta, fs: DurableFs): Promise<CenterCertificate> {
  const contents = readP12(p12, password, meta.now);
  await trialSign(p12, password, meta.now);
  await ensureDirDurable(dir, fs);
  // owner-only folder (POSIX; on Windows chmod changes little and the per-user profile already restricts access)
  await chmod(dir, 0o700).catch(() => undefined);
  // documents the replaced certificate signed stay the center's: it goes on the list before anything is replaced
  const replaced = await loadUnlocked(dir, fs).catch(() => null);
  if (replaced) await rememberReplacedUnlocked(dir, replaced, meta.now, fs);
  await backupCurrent(dir, meta.now, fs);
  const record: CertificateRecord = {
    version: 1,
    fingerprintSha256: contents.fingerprintSha256,
    subject: contents.subject,
    notBefore: contents.notBefore,
    notAfter: contents.notAfter,
    source: meta.source,
    password,
    p12Sha256: sha256Hex(p12),
    installationId: meta.installationId,
    ...(meta.centerName ? { centerName: meta.centerName } : {}),
    ...(meta.committeeName ? { committeeName: meta.committeeName } : {}),
    savedAt: meta.now.toISOString(),
  };
  await writeFileDurable(path.join(dir, CENTER_P12), p12, {}, fs);
  await writeFileDurable(path.join(dir, CENTER_JSON), `${JSON.stringify(record, null, 2)}\n`, {}, fs);
  return toCertificate(record, p12);
}

/** A previous record, if readable (a damaged one is replaced: its files are still kept as .bak). */
const previousRecord = (dir: string, fs: DurableFs) => readRecord(dir, fs).catch(() => null);

/** The stored certificate, or null when none was made or imported yet. Throws CertificateError('CORRUPT'). */
export function loadCenterCertificate(dir: string, fs: DurableFs = realFs): Promise<CenterCertificate | null> {
  return locked(dir, () => loadUnlocked(dir, fs));
}

export interface CenterCertificates {
  current: CenterCertificate | null;
  /** The certificates the center signed with before the current one (never the current one), oldest first. */
  earlier: EarlierCertificate[];
}

/**
 * Every certificate a document of the center may be signed with: the current one (null when none was made yet) and
 * the earlier ones. The first call on a folder from before the list seeds it from the .bak pairs. Throws like load.
 */
export function loadCenterCertificates(dir: string, fs: DurableFs = realFs): Promise<CenterCertificates> {
  return locked(dir, async () => {
    const current = await loadUnlocked(dir, fs);
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
  return install(dir, p12, password, { source: 'generated', now: opts.now, installationId, centerName: opts.centerName, committeeName: opts.committeeName }, fs);
}

/**
 * Generates the self-signed certificate (RSA 2048, ten years, subject naming the committee) and stores it. An
 * existing certificate is never regenerated implicitly (ensureCenterCertificate keeps it, whatever its subject), so
 * documents already signed keep verifying against the certificate the workstation still has.
 */
export function createCenterCertificate(dir: string, opts: CreateOptions): Promise<CenterCertificate> {
  return locked(dir, () => createUnlocked(dir, opts));
}

/** The stored certificate, generating one first if there is none. */
export function ensureCenterCertificate(dir: string, opts: Omit<CreateOptions, 'replace'>): Promise<CenterCertificate> {
  return locked(dir, async () => (await loadUnlocked(dir, opts.fs ?? realFs)) ?? createUnlocked(dir, opts));
}

/**
 * Stores a PKCS#12 file (e.g. one issued by a CA) as the center's certificate after checking that it opens with the
 * password, holds an RSA key and its certificate, is valid now and can sign. The previous certificate is kept as .bak.
 */
export function importCenterCertificate(dir: string, p12Bytes: Uint8Array, password: string, opts: { now?: Date; fs?: DurableFs } = {}): Promise<CenterCertificate> {
  return locked(dir, async () => {
    const fs = opts.fs ?? realFs;
    const previous = await previousRecord(dir, fs);
    return install(dir, Buffer.from(p12Bytes), password, { source: 'imported', now: opts.now ?? new Date(), installationId: previous?.installationId ?? newInstallationId() }, fs);
  });
}
