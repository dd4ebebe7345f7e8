import { createHmac, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { GENERATION_ID, stampsPath } from './layout';
import { backupKey } from './manifest';

/**
 * generations/<id>.stamps.json: for each file of a generation whose source could tell, the stamp of the version it
 * holds (source.ts, Reuse), so that the next run can take an unchanged file's SHA-256 from this generation's manifest
 * instead of reading it again. Beside the manifest rather than in it: the manifest's format stays what every version
 * of the app restores (a restore never needs this file), and listing the generations does not read the stamps.
 *
 * Authenticated like the manifest (HMAC under the backup key, its own domain) and bound to its generation's id: a
 * stamps file edited on the backup disk could otherwise make the next run skip a changed file. It is written before
 * the manifest; a generation without a manifest is incomplete and its stamps are never used.
 */
const StampsBodySchema = z.strictObject({
  format: z.literal('mediation-workstation-backup-stamps'),
  version: z.literal(1),
  id: z.string().regex(GENERATION_ID),
  /**
   * When the newest generation that read every file without reuse started, and how many generations have reused since:
   * a run that finds either too old reads everything again (run-backup.ts, FULL_READ_EVERY).
   */
  fullReadAt: z.iso.datetime({ offset: true }),
  sinceFullRead: z.int().nonnegative(),
  /** path -> stamp; files without a stamp are absent (they are read every time). */
  stamps: z.record(z.string().max(400), z.string().max(200)),
});
export type StampsBody = z.infer<typeof StampsBodySchema>;

const StampsSchema = StampsBodySchema.extend({ mac: z.base64() });

function macOf(body: StampsBody, dataKey: Buffer): Buffer {
  return createHmac('sha256', backupKey(dataKey)).update('mediation-workstation backup stamps v1\0').update(JSON.stringify(body)).digest();
}

export function signStamps(body: StampsBody, dataKey: Buffer): string {
  const checked = StampsBodySchema.parse(body);
  return `${JSON.stringify({ ...checked, mac: macOf(checked, dataKey).toString('base64') })}\n`;
}

/**
 * The generation's stamps when its file is there, whole, of this generation and authentic under this key; null
 * otherwise (a generation written before stamps existed, or anything doubtful: the run then reads every file).
 */
export async function readStamps(target: string, id: string, dataKey: Buffer): Promise<StampsBody | null> {
  let text: string;
  try {
    text = await readFile(stampsPath(target, id), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  let parsed: z.infer<typeof StampsSchema>;
  try {
    const result = StampsSchema.safeParse(JSON.parse(text));
    if (!result.success) return null;
    parsed = result.data;
  } catch {
    return null;
  }
  const { mac, ...body } = parsed;
  if (body.id !== id) return null;
  const expected = macOf(body, dataKey);
  const given = Buffer.from(mac, 'base64');
  return given.length === expected.length && timingSafeEqual(given, expected) ? body : null;
}
