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
   */
  readEntry(entry: SourceEntry): Promise<SourceFile[] | null>;
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

export interface SourceFile {
  /** Relative to the data folder, with forward slashes (the same on Windows and Linux). */
  path: string;
  data: Buffer;
}

export class SourceBusyError extends Error {
  constructor(readonly entry: SourceEntry) {
    super(`${entry.label}一直在被写入，无法取得一致的副本，请稍后再备份`);
    this.name = 'SourceBusyError';
  }
}
