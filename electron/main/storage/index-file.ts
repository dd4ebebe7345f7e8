import path from 'node:path';
import type { CaseSummary } from '../../shared/domain';
import { type DurableFs, appendLineDurable, realFs, writeFileDurable } from './durable-fs';

/** Bumped whenever CaseSummary changes shape: an older snapshot is then rebuilt from the case folders. */
const SNAPSHOT_VERSION = 2;
/** Journal entries before the snapshot is rewritten; bounds both start-up replay and post-crash verification. */
export const COMPACT_AFTER = 2000;

interface Snapshot {
  version: number;
  savedAt: string;
  summaries: CaseSummary[];
}

export interface LoadedIndex {
  summaries: Map<string, CaseSummary>;
  /** Ids written to the journal since the snapshot: after a crash their case files are re-checked. */
  journalIds: Set<string>;
  /** Why the caller must rebuild from the case folders, or null. */
  rebuildReason: string | null;
  /** The journal ends in a torn line (crash mid-append): compact before appending, or the next entry is glued to it. */
  tornTail: boolean;
}

function looksLikeSummary(x: unknown): x is CaseSummary {
  const s = x as CaseSummary;
  return !!s && typeof s.id === 'string' && typeof s.revision === 'number' && Array.isArray(s.identityKeys) && typeof s.status === 'string' && 'decidedAt' in s;
}

/**
 * Persists the case index as a snapshot plus an append-only journal of changed summaries, so that saving a
 * case costs one small fsynced append, not a rewrite of a file that grows with the number of cases.
 */
export class IndexFile {
  private journalLines = 0;
  readonly snapshotFile: string;
  readonly journalFile: string;

  constructor(
    dir: string,
    private readonly fs: DurableFs = realFs,
  ) {
    this.snapshotFile = path.join(dir, 'snapshot.json');
    this.journalFile = path.join(dir, 'journal.jsonl');
  }

  async load(): Promise<LoadedIndex> {
    const summaries = new Map<string, CaseSummary>();
    const journalIds = new Set<string>();
    let raw: Buffer;
    try {
      raw = await this.fs.readFile(this.snapshotFile);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { summaries, journalIds, rebuildReason: 'missing', tornTail: false };
      throw error;
    }
    try {
      const snap = JSON.parse(raw.toString('utf8')) as Snapshot;
      if (snap.version !== SNAPSHOT_VERSION || !Array.isArray(snap.summaries) || !snap.summaries.every(looksLikeSummary)) {
        return { summaries, journalIds, rebuildReason: 'snapshot version or shape', tornTail: false };
      }
      for (const s of snap.summaries) summaries.set(s.id, s);
    } catch {
      return { summaries, journalIds, rebuildReason: 'snapshot unreadable', tornTail: false };
    }
    let journal = '';
    try {
      journal = (await this.fs.readFile(this.journalFile)).toString('utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    const lines = journal.split('\n').filter(Boolean);
    for (const [i, line] of lines.entries()) {
      try {
        const s = JSON.parse(line) as unknown;
        if (!looksLikeSummary(s)) throw new Error('shape');
        summaries.set(s.id, s);
        journalIds.add(s.id);
      } catch {
        // A torn last line is the expected trace of a crash mid-append; anything earlier means damage.
        if (i !== lines.length - 1) return { summaries: new Map(), journalIds, rebuildReason: 'journal damaged', tornTail: false };
      }
    }
    this.journalLines = lines.length;
    return { summaries, journalIds, rebuildReason: null, tornTail: journal.length > 0 && !journal.endsWith('\n') };
  }

  async append(summary: CaseSummary): Promise<void> {
    await appendLineDurable(this.journalFile, JSON.stringify(summary), this.fs);
    this.journalLines += 1;
  }

  get needsCompaction(): boolean {
    return this.journalLines >= COMPACT_AFTER;
  }

  /** Writes a full snapshot, then empties the journal. A crash in between only replays entries already in it. */
  async compact(all: Iterable<CaseSummary>): Promise<void> {
    const snapshot: Snapshot = { version: SNAPSHOT_VERSION, savedAt: new Date().toISOString(), summaries: [...all] };
    await writeFileDurable(this.snapshotFile, JSON.stringify(snapshot), {}, this.fs);
    await writeFileDurable(this.journalFile, '', {}, this.fs);
    this.journalLines = 0;
  }
}
