/**
 * What the backup engine reads from. The engine only needs the entries and, for each, its files' bytes taken as one
 * consistent set; how a source gets that is its own business. The file folder (folder-source.ts) re-checks each
 * entry's files after reading them; a PostgreSQL source would read an entry inside one REPEATABLE READ transaction.
 */
export interface BackupSource {
  /** 'folder', later 'postgresql': recorded in the manifest. */
  readonly kind: string;
  /** Where the data is (a folder's path, a database's host and name, never a password): recorded in the manifest. */
  readonly label: string;
  /** Every entry, in the order to read them (see folder-source.ts for why the order matters). */
  listEntries(): Promise<SourceEntry[]>;
  /**
   * An entry's files as they were at one moment, or null when the entry disappeared since it was listed. Throws
   * SourceBusyError when the entry kept changing for too long to be read consistently.
   *
   * With `reuse` (an incremental run), a file whose stamp is the one the previous generation recorded for it may be
   * given as reused (its SHA-256 and size from the previous manifest) instead of read: see Reuse.
   */
  readEntry(entry: SourceEntry, reuse?: Reuse): Promise<SourceFile[] | null>;
  /**
   * The folders this run listed or vouched for, with the stamp each had when its listing was taken, for the next run's
   * Reuse.listing (a folder source only; recorded in the stamps file).
   */
  dirStamps?(): ReadonlyMap<string, string>;
}

/**
 * What the previous complete generation knew, offered to a source by an incremental run. A stamp is the source's own
 * short text saying which version of a file it has (the folder: size, times and inode; PostgreSQL: the case's revision,
 * trail head and file count), recorded in the generation's stamps file (stamps.ts) beside the manifest. A source gives
 * a stamp only when any change of the file's bytes is bound to change it, and takes it BEFORE it reads the bytes (a
 * change landing in between then makes the next run's stamp differ, never the other way round).
 */
export interface Reuse {
  /**
   * The previous generation's SHA-256 and size of this file when it recorded this same stamp for it and its object is
   * still in the target; null otherwise (the file must be read). Synchronous: answered from memory.
   */
  lookup(path: string, stamp: string): { sha256: string; size: number } | null;
  /**
   * The names in a folder as the previous generation had them (its files, and the folders below it that it vouched
   * for), when it recorded this same stamp for the folder; null otherwise (the folder must be listed). A folder's
   * stamp moves whenever a name in it is added, removed or renamed.
   */
  listing(dir: string, stamp: string): readonly DirEntry[] | null;
}

export interface DirEntry {
  name: string;
  kind: 'dir' | 'file';
}

/** A set of files read together: one case (with its pending unit of work), the index, or a single file. */
export interface SourceEntry {
  readonly id: string;
  /** Shown in progress and in error messages (Chinese). */
  readonly label: string;
  /**
   * Entries of one phase may be read at the same time; phases are read in order (the folder reads its checkpoints
   * before its cases, and the registry and index after them). Default 0.
   */
  readonly phase?: number;
}

export type SourceFile = ReadFile | ReusedFile;

export interface ReadFile {
  /** Relative to the data folder, with forward slashes (the same on Windows and Linux). */
  path: string;
  data: Buffer;
  /** The version these bytes are (see Reuse), when the source can tell: recorded for the next run. */
  stamp?: string;
}

/** Not read: unchanged since the previous generation, whose object holds these bytes. */
export interface ReusedFile {
  path: string;
  reused: { sha256: string; size: number };
  stamp: string;
}

export class SourceBusyError extends Error {
  constructor(readonly entry: SourceEntry) {
    super(`${entry.label}一直在被写入，无法取得一致的副本，请稍后再备份`);
    this.name = 'SourceBusyError';
  }
}
