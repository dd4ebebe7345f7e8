/**
 * The center's earlier signing certificates, so that a document signed before a renewal or an import still verifies
 * as the center's:
 *
 *   <dir>/history.json (+ .1)   { version: 1, certificates: [{ fingerprintSha256, subject, validity, source,
 *                               replacedAt, certificateDer }] }
 *
 * Certificates only (DER, base64): verifying a signature needs the certificate's fingerprint, never its key or the
 * p12 password, so nothing here has to be protected beyond the folder itself. A certificate is added when another
 * replaces it (before the replacement is written: a crash in between leaves the still-current certificate on the list
 * too, which callers ignore). A missing list is seeded from the center.json.<time>.bak records every replacement
 * keeps (the certificate itself; before sealed keys, the p12's password and SHA-256 naming a center.p12 backup).
 */
import path from 'node:path';
import { z } from 'zod';
import { type DurableFs, readOptional, writeFileDurable } from '../storage/durable-fs';
import { certificateOfP12 } from './p12';
import { certificateDer, certificateFromDer, distinguishedName, sha256Hex } from './x509';

export const HISTORY_JSON = 'history.json';

export interface EarlierCertificate {
  /** SHA-256 of the certificate's DER, lower-case hex (what inspectPdfSignature reports for a document it signed). */
  fingerprintSha256: string;
  subject: string;
  /** ISO 8601. */
  notBefore: string;
  notAfter: string;
  source: 'generated' | 'imported';
  /** When another certificate took its place (ISO 8601). */
  replacedAt: string;
  /** The certificate alone (DER). */
  certificateDer: Buffer;
}

const hex64 = z.string().regex(/^[0-9a-f]{64}$/);
const entrySchema = z.object({
  fingerprintSha256: hex64,
  subject: z.string(),
  notBefore: z.string(),
  notAfter: z.string(),
  source: z.enum(['generated', 'imported']),
  replacedAt: z.string(),
  certificateDer: z.base64(),
});
const historySchema = z.object({ version: z.literal(1), certificates: z.array(entrySchema) });

/** A certificate being replaced: its DER (from center.json) and how it came. */
export interface ReplacedCertificate {
  certificateDer: Buffer;
  source: 'generated' | 'imported';
}

/** The list in one file, or null when it is absent or unreadable; an entry whose DER is not its fingerprint is dropped. */
async function readList(file: string, fs: DurableFs): Promise<EarlierCertificate[] | null> {
  const bytes = await readOptional(file, fs);
  if (!bytes) return null;
  let parsed: z.infer<typeof historySchema>;
  try {
    parsed = historySchema.parse(JSON.parse(bytes.toString('utf8')));
  } catch {
    return null;
  }
  return parsed.certificates.map((e) => ({ ...e, certificateDer: Buffer.from(e.certificateDer, 'base64') })).filter((e) => sha256Hex(e.certificateDer) === e.fingerprintSha256);
}

/** A certificate as an entry, or null when the DER is not a certificate. */
function entryOf(replaced: ReplacedCertificate, replacedAt: Date): EarlierCertificate | null {
  try {
    const cert = certificateFromDer(replaced.certificateDer);
    return {
      fingerprintSha256: sha256Hex(replaced.certificateDer),
      subject: distinguishedName(cert.subject.attributes),
      notBefore: cert.validity.notBefore.toISOString(),
      notAfter: cert.validity.notAfter.toISOString(),
      source: replaced.source,
      replacedAt: replacedAt.toISOString(),
      certificateDer: replaced.certificateDer,
    };
  } catch {
    return null;
  }
}

/** The certificate of a p12 from before sealed keys (its password in the record beside it), as DER; null if unreadable. */
function derOfLegacyP12(p12: Buffer, password: string): Buffer | null {
  try {
    return certificateDer(certificateOfP12(p12, password));
  } catch {
    return null;
  }
}

/** A backed-up center.json: from before sealed keys (the p12's password in it) or after (the certificate in it). */
const backupRecordSchema = z.union([
  z.object({ version: z.literal(2), source: z.enum(['generated', 'imported']), certificateDer: z.base64() }),
  z.object({ version: z.literal(1).optional(), source: z.enum(['generated', 'imported']), password: z.string(), p12Sha256: hex64 }),
]);

/** 20260509T042000Z (center-certificate's backup stamp, maybe with -2, -3 …) → the time of that replacement. */
function stampTime(name: string): Date | null {
  const m = /\.(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z(?:-\d+)?\.bak$/.exec(name);
  if (!m) return null;
  const at = new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!));
  return Number.isNaN(at.getTime()) ? null : at;
}

/** Entries from the .bak pairs; `found` says whether there were any backed-up records at all. */
async function fromBackups(dir: string, fs: DurableFs): Promise<{ entries: EarlierCertificate[]; found: boolean }> {
  const names = await fs.readdir(dir).catch(() => [] as string[]);
  const p12s = new Map<string, Buffer>();
  for (const name of names.filter((n) => /^center\.p12\..+\.bak$/.test(n))) {
    const bytes = await readOptional(path.join(dir, name), fs);
    if (bytes) p12s.set(sha256Hex(bytes), bytes);
  }
  const records = names.filter((n) => /^center\.json\..+\.bak$/.test(n)).sort();
  const entries: EarlierCertificate[] = [];
  for (const name of records) {
    const at = stampTime(name);
    const bytes = await readOptional(path.join(dir, name), fs);
    let record: z.infer<typeof backupRecordSchema>;
    try {
      record = backupRecordSchema.parse(JSON.parse(bytes?.toString('utf8') ?? ''));
    } catch {
      continue; // a damaged record was backed up too: there is nothing to learn from it
    }
    let der: Buffer | null;
    if ('certificateDer' in record) der = Buffer.from(record.certificateDer, 'base64');
    else {
      const p12 = p12s.get(record.p12Sha256);
      der = p12 ? derOfLegacyP12(p12, record.password) : null;
    }
    const entry = at && der ? entryOf({ certificateDer: der, source: record.source }, at) : null;
    if (entry) entries.push(entry);
  }
  return { entries, found: records.length > 0 };
}

/** One entry per certificate, the latest replacement kept (a certificate imported again and replaced again). */
function merged(entries: EarlierCertificate[]): EarlierCertificate[] {
  const byFingerprint = new Map<string, EarlierCertificate>();
  for (const e of entries) {
    const seen = byFingerprint.get(e.fingerprintSha256);
    if (!seen || seen.replacedAt < e.replacedAt) byFingerprint.set(e.fingerprintSha256, e);
  }
  return [...byFingerprint.values()].sort((a, b) => a.replacedAt.localeCompare(b.replacedAt));
}

async function writeList(dir: string, entries: EarlierCertificate[], fs: DurableFs): Promise<void> {
  const certificates = entries.map((e) => ({ ...e, certificateDer: e.certificateDer.toString('base64') }));
  await writeFileDurable(path.join(dir, HISTORY_JSON), `${JSON.stringify({ version: 1, certificates }, null, 2)}\n`, { keepPrevious: true }, fs);
}

/**
 * The list, seeded from the backups (and written) when there is none yet. A damaged history.json is rebuilt from its
 * previous generation and the backups, which are kept for good. Call with the folder's lock held.
 */
export async function loadHistoryUnlocked(dir: string, fs: DurableFs): Promise<EarlierCertificate[]> {
  const file = path.join(dir, HISTORY_JSON);
  const list = await readList(file, fs);
  if (list) return list;
  const previous = (await readList(`${file}.1`, fs)) ?? [];
  const { entries, found } = await fromBackups(dir, fs);
  const rebuilt = merged([...previous, ...entries]);
  if (found || previous.length > 0) await writeList(dir, rebuilt, fs);
  return rebuilt;
}

/** Puts the certificate being replaced on the list (durably, before the replacement is written). Lock held. */
export async function rememberReplacedUnlocked(dir: string, replaced: ReplacedCertificate, at: Date, fs: DurableFs): Promise<void> {
  const entry = entryOf(replaced, at);
  if (!entry) return;
  await writeList(dir, merged([...(await loadHistoryUnlocked(dir, fs)), entry]), fs);
}
