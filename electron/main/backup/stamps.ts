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
 * The stamps are a list in the order of the manifest's files (sorted by path; '' where a file has none), so the file
 * repeats no path: at 100k cases it is ~10 MB rather than ~25. Two lines: the body as JSON, then its HMAC under the
 * backup key (its own domain), computed over the line's bytes, so reading it is one hash and one JSON.parse. Bound to
 * its generation's id and file count: a stamps file edited on the backup disk, or another generation's, could
 * otherwise make the next run skip a changed file. It is written before the manifest; a generation without a manifest
 * is incomplete and its stamps are never used.
 */
const StampsHeadSchema = z.strictObject({
  format: z.literal('mediation-workstation-backup-stamps'),
  version: z.literal(1),
  id: z.string().regex(GENERATION_ID),
  /**
   * When the newest generation that read every file without reuse started, and how many generations have reused since:
   * a run that finds either too old reads everything again (run-backup.ts, FULL_READ_EVERY).
   */
  fullReadAt: z.iso.datetime({ offset: true }),
  sinceFullRead: z.int().nonnegative(),
});

export type StampsBody = z.infer<typeof StampsHeadSchema> & {
  /** One per file of the manifest, in its order; '' for a file without a stamp (read every time). */
  stamps: string[];
  /**
   * Folders whose listing the source could vouch for, by path, with their stamp (source.ts, Reuse.listing): the next
   * run takes such a folder's names from the manifest instead of listing it again. Absent in older stamps files.
   */
  dirs?: Record<string, string>;
};

const isStringMap = (v: unknown): v is Record<string, string> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && Object.values(v).every((s) => typeof s === 'string');

const macOf = (line: string, dataKey: Buffer): Buffer => createHmac('sha256', backupKey(dataKey)).update('mediation-workstation backup stamps v1\0').update(line).digest();

export function signStamps(body: StampsBody, dataKey: Buffer): string {
  const { stamps, dirs, ...head } = body;
  if (!stamps.every((s) => typeof s === 'string') || (dirs !== undefined && !isStringMap(dirs))) throw new Error('stamps must be strings');
  const line = JSON.stringify({ ...StampsHeadSchema.parse(head), stamps, ...(dirs ? { dirs } : {}) });
  return `${line}\n${macOf(line, dataKey).toString('base64')}\n`;
}

/**
 * The generation's stamps when its file is there, whole, of this generation and of a manifest of `files` entries, and
 * authentic under this key; null otherwise (a generation written before stamps existed, or anything doubtful: the run
 * then reads every file).
 */
export async function readStamps(target: string, id: string, files: number, dataKey: Buffer): Promise<StampsBody | null> {
  let text: string;
  try {
    text = await readFile(stampsPath(target, id), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  const [line, mac, rest] = text.split('\n');
  if (line === undefined || mac === undefined || rest !== '') return null;
  const expected = macOf(line, dataKey);
  const given = Buffer.from(mac, 'base64');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch {
    return null;
  }
  if (typeof parsed !== 'object' || parsed === null) return null;
  const { stamps, dirs, ...head } = parsed as Record<string, unknown>;
  const checked = StampsHeadSchema.safeParse(head);
  if (!checked.success || checked.data.id !== id || !Array.isArray(stamps) || stamps.length !== files || !stamps.every((s) => typeof s === 'string')) return null;
  if (dirs !== undefined && !isStringMap(dirs)) return null;
  return { ...checked.data, stamps: stamps as string[], ...(dirs ? { dirs } : {}) };
}
