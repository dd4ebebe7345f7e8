import { createHmac, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { subKey } from '../crypto/keyring';
import { GENERATION_ID, SHA256_HEX, manifestPath } from './layout';

/** A file's path inside the data folder: forward slashes, no way out of it, nothing hidden in a dot segment. */
export const RELATIVE_PATH = /^(?!.*(^|\/)\.\.?(\/|$))[^/\\:\0][^\\:\0]*$/;

export const ManifestFileSchema = z.strictObject({
  path: z.string().regex(RELATIVE_PATH).max(400),
  size: z.int().nonnegative(),
  sha256: z.string().regex(SHA256_HEX),
});
export type ManifestFile = z.infer<typeof ManifestFileSchema>;

const ManifestBodySchema = z.strictObject({
  format: z.literal('mediation-workstation-backup'),
  version: z.literal(1),
  id: z.string().regex(GENERATION_ID),
  startedAt: z.iso.datetime({ offset: true }),
  finishedAt: z.iso.datetime({ offset: true }),
  /** What was backed up: the source's kind and where it was, and the keyring's id (which key authenticates this). */
  source: z.strictObject({ kind: z.string(), label: z.string(), keyId: z.uuid() }),
  files: z.array(ManifestFileSchema),
});
export type ManifestBody = z.infer<typeof ManifestBodySchema>;

const ManifestSchema = ManifestBodySchema.extend({ mac: z.base64() });
export type Manifest = z.infer<typeof ManifestSchema>;

/**
 * The HMAC key: from the center's data key, apart from every other use of it. Whoever holds the backup but not a
 * password or the recovery key can neither read the records (they stay sealed) nor forge a manifest that passes.
 */
export const backupKey = (dataKey: Buffer): Buffer => subKey(dataKey, 'backup');

/**
 * The HMAC covers the body exactly as serialised. JSON.parse keeps the key order of the file, and JSON.stringify of a
 * parsed JSON.stringify output gives the same text back, so the reader recomputes it from what it parsed.
 */
function macOf(body: ManifestBody, key: Buffer): Buffer {
  return createHmac('sha256', key).update('mediation-workstation backup manifest v1\0').update(JSON.stringify(body)).digest();
}

export function signManifest(body: ManifestBody, dataKey: Buffer): string {
  const checked = ManifestBodySchema.parse(body);
  return `${JSON.stringify({ ...checked, mac: macOf(checked, backupKey(dataKey)).toString('base64') })}\n`;
}

/** Why a manifest cannot be used, in words for the administrator. */
export class ManifestError extends Error {
  constructor(
    readonly code: 'MANIFEST_MISSING' | 'MANIFEST_DAMAGED' | 'MANIFEST_TAMPERED',
    message: string,
  ) {
    super(message);
    this.name = 'ManifestError';
  }
}

/** Parses a manifest without checking its HMAC (the key may not be known yet: it is unlocked from the backup itself). */
export function parseManifest(text: string, id: string): Manifest {
  let parsed: z.ZodSafeParseResult<Manifest>;
  try {
    parsed = ManifestSchema.safeParse(JSON.parse(text));
  } catch {
    throw new ManifestError('MANIFEST_DAMAGED', `备份 ${id} 的清单已损坏（不是完整的 JSON，可能被截断）`);
  }
  if (!parsed.success) throw new ManifestError('MANIFEST_DAMAGED', `备份 ${id} 的清单格式不正确（已损坏或不是本软件写的）`);
  if (parsed.data.id !== id) throw new ManifestError('MANIFEST_TAMPERED', `备份 ${id} 的清单写的是另一个备份（${parsed.data.id}），可能被调换`);
  const seen = new Set<string>();
  for (const f of parsed.data.files) {
    if (seen.has(f.path)) throw new ManifestError('MANIFEST_DAMAGED', `备份 ${id} 的清单中文件 ${f.path} 出现了两次`);
    seen.add(f.path);
  }
  return parsed.data;
}

export function manifestAuthentic(manifest: Manifest, dataKey: Buffer): boolean {
  const { mac, ...body } = manifest;
  const expected = macOf(body, backupKey(dataKey));
  const given = Buffer.from(mac, 'base64');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** Throws ManifestError unless the manifest was made with this data key and not changed since. */
export function assertAuthentic(manifest: Manifest, dataKey: Buffer): void {
  if (!manifestAuthentic(manifest, dataKey)) {
    throw new ManifestError('MANIFEST_TAMPERED', `备份 ${manifest.id} 的清单未通过完整性校验：清单在备份之后被改动过，或不是用本中心的密钥写的`);
  }
}

/** Reads and parses a generation's manifest (HMAC not checked); ManifestError when it is missing or damaged. */
export async function readManifest(target: string, id: string): Promise<Manifest> {
  let text: string;
  try {
    text = await readFile(manifestPath(target, id), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new ManifestError('MANIFEST_MISSING', `备份 ${id} 没有清单`);
    throw error;
  }
  return parseManifest(text, id);
}

/**
 * A generation's manifest for an incremental run's reuse, or null when it is missing, damaged or not authentic under
 * this key. No schema check of its entries: one that authenticates was checked by signManifest when it was written,
 * and at 100k cases checking 200k entries again costs a second of the run's 10.
 */
export async function readAuthenticManifest(target: string, id: string, dataKey: Buffer): Promise<Manifest | null> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(manifestPath(target, id), 'utf8'));
  } catch (error) {
    if (error instanceof SyntaxError || (error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  const m = parsed as Partial<Manifest> | null;
  if (typeof m !== 'object' || m === null || typeof m.mac !== 'string' || m.format !== 'mediation-workstation-backup' || m.version !== 1 || m.id !== id || !Array.isArray(m.files)) return null;
  return manifestAuthentic(m as Manifest, dataKey) ? (m as Manifest) : null;
}
