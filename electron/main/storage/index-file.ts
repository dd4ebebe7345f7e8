import path from 'node:path';
import type { CaseSummary } from '../../shared/domain';
import { type DurableFs, appendLineDurable, realFs, writeFileDurable } from './durable-fs';
import { isTampered } from './sealed-fs';
import { type SnapshotRows, encodeSnapshot, openSnapshot, snapshotVersion } from './snapshot-codec';

/** The index (a read model of the case files) failed authentication: it is rebuilt from the cases and reported. */
export const INDEX_TAMPERED = 'index failed authentication';

/**
 * Bumped whenever CaseSummary changes shape: an older snapshot is then rebuilt from the case folders.
 * 3: summaries carry the agreement's next due date and confirmation deadline; 4: identity keys are keyed hashes;
 * 5: agents' names, the agreement's status and the sessions (search by agent, the mediators' and advisors' desks);
 * 7: columns (snapshot-codec.ts) in snapshot.bin instead of one JSON text in snapshot.json.
 */
export const SNAPSHOT_VERSION = 7;
/** Where snapshots up to version 6 were kept: removed once a snapshot.bin is durable. */
const LEGACY_SNAPSHOT = 'snapshot.json';
/** Journal entries before the snapshot is rewritten; bounds both start-up replay and post-crash verification. */
export const COMPACT_AFTER = 2000;

export interface LoadedIndex {
  /** The snapshot's rows (made into summaries only when asked: CaseIndex.loadSnapshot), null when there is none to trust. */
  snapshot: SnapshotRows | null;
  /** The journal's summaries since the snapshot, the last of each case (they replace the snapshot's rows). */
  journal: Map<string, CaseSummary>;
  /** Ids written to the journal since the snapshot: after a crash their case files are re-checked. */
  journalIds: Set<string>;
  /** Why the caller must rebuild from the case folders, or null. */
  rebuildReason: string | null;
  /** The journal ends in a torn line (crash mid-append): compact before appending, or the next entry is glued to it. */
  tornTail: boolean;
}

function looksLikeSummary(x: unknown): x is CaseSummary {
  const s = x as CaseSummary;
  return !!s && typeof s.id === 'string' && typeof s.revision === 'number' && Array.isArray(s.identityKeys) && typeof s.status === 'string' && 'decidedAt' in s && Array.isArray(s.agents) && Array.isArray(s.sessions) && 'scanAwaitedSince' in s;
}

/**
 * Persists the case index as a snapshot plus an append-only journal of changed summaries, so that saving a
 * case costs one small fsynced append, not a rewrite of a file that grows with the number of cases.
 */
export class IndexFile {
  private journalLines = 0;
  readonly snapshotFile: string;
  readonly journalFile: string;
  /** The journal set aside by a compaction in progress; replayed before the current one if a crash left it. */
  readonly rotatedFile: string;

  constructor(
    dir: string,
    private readonly fs: DurableFs = realFs,
  ) {
    this.snapshotFile = path.join(dir, 'snapshot.bin');
    this.journalFile = path.join(dir, 'journal.jsonl');
    this.rotatedFile = path.join(dir, 'journal.1.jsonl');
  }

  private async readText(file: string): Promise<string> {
    try {
      return (await this.fs.readFile(file)).toString('utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return '';
      throw error;
    }
  }

  async load(): Promise<LoadedIndex> {
    const journalIds = new Set<string>();
    const none = (rebuildReason: string): LoadedIndex => ({ snapshot: null, journal: new Map(), journalIds, rebuildReason, tornTail: false });
    let raw: Buffer;
    try {
      raw = await this.fs.readFile(this.snapshotFile);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return none('missing');
      if (isTampered(error)) return none(INDEX_TAMPERED);
      throw error;
    }
    if (snapshotVersion(raw) !== SNAPSHOT_VERSION) return none('snapshot version or shape');
    let snapshot: SnapshotRows;
    try {
      snapshot = openSnapshot(raw);
    } catch {
      return none('snapshot unreadable');
    }
    const summaries = new Map<string, CaseSummary>();
    // A journal set aside by an unfinished compaction comes first; only the current one may end torn mid-append,
    // though a rotated one may too (rotation does not wait for a torn tail to be healed).
    let rotatedText: string;
    let journal: string;
    try {
      rotatedText = await this.readText(this.rotatedFile);
      journal = await this.readText(this.journalFile);
    } catch (error) {
      if (isTampered(error)) return none(INDEX_TAMPERED);
      throw error;
    }
    const rotated = rotatedText.split('\n').filter(Boolean);
    const lines = journal.split('\n').filter(Boolean);
    for (const [name, list] of [['rotated', rotated], ['current', lines]] as const) {
      for (const [i, line] of list.entries()) {
        try {
          const s = JSON.parse(line) as unknown;
          if (!looksLikeSummary(s)) throw new Error('shape');
          summaries.set(s.id, s);
          journalIds.add(s.id);
        } catch {
          // A torn last line is the expected trace of a crash mid-append; anything earlier means damage.
          if (i !== list.length - 1) return none(`${name} journal damaged`);
        }
      }
    }
    this.journalLines = lines.length;
    return { snapshot, journal: summaries, journalIds, rebuildReason: null, tornTail: journal.length > 0 && !journal.endsWith('\n') };
  }

  async append(summary: CaseSummary): Promise<void> {
    await appendLineDurable(this.journalFile, JSON.stringify(summary), this.fs);
    this.journalLines += 1;
  }

  get needsCompaction(): boolean {
    return this.journalLines >= COMPACT_AFTER;
  }

  /**
   * Sets the current journal aside (to be dropped once a snapshot covering it is durable) and starts a new one.
   * Must run under the same lock as appends; the caller takes its snapshot of the index at the same moment.
   */
  async rotate(): Promise<void> {
    // The snapshot written next holds the whole index as it is in memory: a journal that no longer authenticates
    // (reported when the store opened, and rebuilt from the cases) contributes nothing and is dropped here.
    const readOrDrop = (file: string) => this.readText(file).catch((error: unknown) => (isTampered(error) ? '' : Promise.reject(error)));
    const leftover = await readOrDrop(this.rotatedFile);
    if (leftover) {
      // An earlier compaction did not finish: keep its entries, followed by the current ones (a torn last line of
      // the leftover was never acknowledged and is dropped).
      const whole = leftover.endsWith('\n') ? leftover : leftover.slice(0, leftover.lastIndexOf('\n') + 1);
      await writeFileDurable(this.rotatedFile, whole + (await readOrDrop(this.journalFile)), {}, this.fs);
    } else {
      await this.fs.rename(this.journalFile, this.rotatedFile).catch((error: NodeJS.ErrnoException) => {
        if (error.code !== 'ENOENT') throw error;
      });
    }
    await writeFileDurable(this.journalFile, '', {}, this.fs);
    this.journalLines = 0;
  }

  /**
   * Writes a snapshot of `summaries` and then drops the rotated journal. Encoded in slices that yield to the event
   * loop, so that at 100k cases the main process keeps answering while tens of megabytes are written.
   */
  async writeSnapshot(summaries: readonly CaseSummary[]): Promise<void> {
    const bytes = await encodeSnapshot(summaries, SNAPSHOT_VERSION, () => new Promise((resolve) => setImmediate(resolve)));
    await writeFileDurable(this.snapshotFile, bytes, {}, this.fs);
    await this.fs.unlink(this.rotatedFile).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') throw error;
    });
    // Nothing reads it any more: a failure to remove it (a file held on Windows) is left for the next compaction.
    await this.fs.unlink(path.join(path.dirname(this.snapshotFile), LEGACY_SNAPSHOT)).catch(() => undefined);
  }

  /** Snapshot everything and start an empty journal (at start-up and at close, when no write can interleave). */
  async compact(all: Iterable<CaseSummary>): Promise<void> {
    const summaries = [...all];
    await this.rotate();
    await this.writeSnapshot(summaries);
  }
}
