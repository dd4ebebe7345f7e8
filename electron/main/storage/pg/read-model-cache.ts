import path from 'node:path';
import type { CaseSummary } from '../../../shared/domain';
import { type DurableFs, writeFileDurable } from '../durable-fs';
import { SNAPSHOT_VERSION } from '../index-file';
import { type SnapshotRows, encodeSnapshot, openSnapshot, snapshotVersion } from '../snapshot-codec';

/**
 * A desk's copy of the list's read model in its own data folder, so that a desk of a center database starts in about
 * the time the single-desk store does: the summaries as of change number `seen` (the snapshot codec of the file
 * store's index), then only the changes after it from the database. Sealed with the records key like every record
 * (the fs given is the desk folder's sealed fs), and bound to the database it came from (`instance`, derived from
 * the database's own lookup key): a copy from another database, or one that fails authentication, is not used.
 */
export interface ReadModelCache {
  dir: string;
  fs: DurableFs;
}

const FILE = 'read-model.bin';
const MAGIC = Buffer.from('MWPC', 'latin1');

/** The copy's rows stay in their columns: a row is made into a summary when the list needs it (case-index.ts). */
export async function readModelCache(cache: ReadModelCache, instance: string): Promise<{ snapshot: SnapshotRows; seen: number } | null> {
  let bytes: Buffer;
  try {
    bytes = await cache.fs.readFile(path.join(cache.dir, FILE));
  } catch {
    return null; // missing, unreadable or failing authentication: the database is read whole instead
  }
  try {
    if (bytes.length < 8 || !bytes.subarray(0, 4).equals(MAGIC)) return null;
    const metaLength = bytes.readUInt32LE(4);
    const meta = JSON.parse(bytes.subarray(8, 8 + metaLength).toString('utf8')) as { instance?: unknown; seen?: unknown };
    if (meta.instance !== instance || typeof meta.seen !== 'number' || !Number.isSafeInteger(meta.seen) || meta.seen < 0) return null;
    const snapshot = bytes.subarray(8 + metaLength);
    if (snapshotVersion(snapshot) !== SNAPSHOT_VERSION) return null;
    return { snapshot: openSnapshot(snapshot), seen: meta.seen };
  } catch {
    return null;
  }
}

export async function writeModelCache(cache: ReadModelCache, instance: string, summaries: readonly CaseSummary[], seen: number): Promise<void> {
  const snapshot = await encodeSnapshot(summaries, SNAPSHOT_VERSION, () => new Promise((resolve) => setImmediate(resolve)));
  const meta = Buffer.from(JSON.stringify({ instance, seen }), 'utf8');
  const head = Buffer.alloc(8);
  MAGIC.copy(head, 0);
  head.writeUInt32LE(meta.length, 4);
  await cache.fs.mkdir(cache.dir, { recursive: true });
  await writeFileDurable(path.join(cache.dir, FILE), Buffer.concat([head, meta, snapshot]), {}, cache.fs);
}
