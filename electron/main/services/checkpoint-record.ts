/**
 * One integrity checkpoint (数据完整性凭证) as a record, pure: its shape, its canonical bytes, its root and its
 * signature. No files and no workstation here, so that signing and checking are testable on their own.
 *
 * A checkpoint says where every audit chain stood: for each case the seq and hash of its chain's last entry, and the
 * same for the workstation's trail. Storing the whole list every time would cost ~17 MB per checkpoint at 100k cases,
 * so a record carries only the chains whose head moved since the previous checkpoint (`changed`); the whole list at
 * checkpoint n is the previous list with those put over it (replay from number 1), and `root` commits to that whole
 * list, so a printed root pins every chain however few changed that day.
 *
 *   root      = SHA-256 of the lines "mw-checkpoint-root-v1", number, previous, "<seq> <hash>" of the workstation
 *               trail, then "<caseId> <seq> <hash>" for every case chain in caseId order (each line ending in \n).
 *               It includes `previous`, so one root on paper also pins every earlier checkpoint.
 *   previous  = SHA-256 of the canonical bytes of the whole previous record (signature included), or 64 zeros.
 *   signature = RSA-SHA256 over the canonical bytes of the record without `signature`, by the center's certificate,
 *               whose DER travels in the record: it is trusted only when its fingerprint is one of the center's
 *               (current or earlier), so checking needs no key and no password.
 *
 * Canonical bytes: JSON with object keys sorted, no spaces (UTF-8).
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { CenterCertificate } from '../signing/center-certificate';
import { bytesSigner, verifyBytes } from '../signing/bytes-signature';
import { sha256Hex } from '../storage/sha256';
import type { ChainHead } from '../storage/case-store';

export const CHECKPOINT_GENESIS = '0'.repeat(64);

const hex64 = z.string().regex(/^[0-9a-f]{64}$/);
const head = { seq: z.number().int().min(0), hash: hex64 };

export const CheckpointSchema = z.strictObject({
  version: z.literal(1),
  number: z.number().int().positive(),
  /** ISO 8601 (UTC), from the workstation's clock. */
  at: z.string(),
  reason: z.enum(['seal', 'daily', 'manual']),
  /** Every chain was read again for this one (the first of a China-time day, or the first since the app started). */
  full: z.boolean(),
  by: z.strictObject({ id: z.string(), name: z.string() }),
  /** How many case chains the whole list holds. */
  chainCount: z.number().int().min(0),
  /** The chains whose head moved since the previous checkpoint, in caseId order. */
  changed: z.array(z.strictObject({ caseId: z.string(), caseNumber: z.string(), ...head })),
  /** The workstation trail's head (seq -1 while it is empty). */
  workstation: z.strictObject({ seq: z.number().int().min(-1), hash: hex64 }),
  previous: hex64,
  root: hex64,
  certificateSha256: hex64,
  /** The signing certificate (DER, base64), without its key. */
  certificate: z.base64(),
  signature: z.base64(),
});
export type Checkpoint = z.infer<typeof CheckpointSchema>;
export type CheckpointBody = Omit<Checkpoint, 'root' | 'certificateSha256' | 'certificate' | 'signature'>;

/** A chain's head in the whole list, with its case number and the checkpoint that recorded it (for messages). */
export interface ListedHead extends ChainHead {
  caseNumber: string;
  number: number;
}
export type CheckpointList = Map<string, ListedHead>;

/** JSON with object keys in sorted order and no whitespace: the same bytes for the same record, whoever wrote it. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

const bytesOf = (value: unknown) => Buffer.from(canonicalJson(value), 'utf8');

/** What the next checkpoint's `previous` names this one by. */
export const checkpointDigest = (record: Checkpoint): string => sha256Hex(bytesOf(record));

/** The bytes the signature covers: everything but the signature. */
export function signedBytes(record: Checkpoint | Omit<Checkpoint, 'signature'>): Buffer {
  const { signature: _signature, ...rest } = record as Checkpoint;
  return bytesOf(rest);
}

/** The root over the whole list (see the file comment), hashed line by line rather than built as one string. */
export function rootOf(number: number, previous: string, workstation: { seq: number; hash: string }, list: ReadonlyMap<string, ChainHead>): string {
  const hash = createHash('sha256');
  hash.update(`mw-checkpoint-root-v1\n${number}\n${previous}\n${workstation.seq} ${workstation.hash}\n`);
  for (const id of [...list.keys()].sort()) {
    const h = list.get(id)!;
    hash.update(`${id} ${h.seq} ${h.hash}\n`);
  }
  return hash.digest('hex');
}

/** Puts a record's changed chains over the list before it (in place). */
export function applyChanges(list: CheckpointList, record: Pick<Checkpoint, 'number' | 'changed'>): CheckpointList {
  for (const c of record.changed) list.set(c.caseId, { caseNumber: c.caseNumber, seq: c.seq, hash: c.hash, number: record.number });
  return list;
}

/**
 * Signs a checkpoint. `list` is the whole list after `body.changed` was put over the previous one; `cert` is the one
 * sealingCertificate() handed the caller. Throws CertificateError when it cannot sign (expired …).
 */
export function signCheckpoint(body: CheckpointBody, list: ReadonlyMap<string, ChainHead>, cert: CenterCertificate): Checkpoint {
  if (body.chainCount !== list.size) throw new Error(`checkpoint ${body.number}: chainCount ${body.chainCount} but the list holds ${list.size}`);
  const root = rootOf(body.number, body.previous, body.workstation, list);
  const sorted = { ...body, changed: [...body.changed].sort((a, b) => (a.caseId < b.caseId ? -1 : a.caseId > b.caseId ? 1 : 0)) };
  // The certificate's DER and fingerprint come from the key that signs, so they cannot name another certificate.
  const signer = bytesSigner(cert, new Date(body.at));
  const unsigned = { ...sorted, root, certificateSha256: signer.fingerprintSha256, certificate: signer.certificateDer.toString('base64') };
  return CheckpointSchema.parse({ ...unsigned, signature: signer.sign(signedBytes(unsigned)).toString('base64') });
}

export type SignatureCheck = 'ok' | 'invalid' | 'unknown-certificate';

/**
 * Whether the record was signed, unchanged, by one of the center's certificates (`centerFingerprints`: the current
 * one and the earlier ones). A certificate that signs correctly but is not the center's is `unknown-certificate`.
 */
export function checkSignature(record: Checkpoint, centerFingerprints: ReadonlySet<string>): SignatureCheck {
  const der = Buffer.from(record.certificate, 'base64');
  if (sha256Hex(der) !== record.certificateSha256) return 'invalid';
  if (!verifyBytes(der, signedBytes(record), Buffer.from(record.signature, 'base64'))) return 'invalid';
  return centerFingerprints.has(record.certificateSha256) ? 'ok' : 'unknown-certificate';
}
