import path from 'node:path';
import type { Low } from 'lowdb';
import type { AuditEvent } from '../../shared/domain';
import { AuditLog, type AuditEntryInput } from './audit-log';
import { type DurableFs, ensureDirDurable, realFs } from './durable-fs';
import type { FileProblem } from './durable-json-file';
import { KeyedMutex } from './keyed-mutex';
import { type WorkstationData, openWorkstationFile } from './workstation-file';

export type CenterAuditInput = Omit<AuditEntryInput, 'caseId'>;

/**
 * The center's settings, staff, credentials and keyring, with the center's own audit trail: the port behind which
 * they live in the data folder (workstation.json, audit/workstation.jsonl) or in a center's PostgreSQL database
 * (pg/pg-center-state.ts). Readable before anyone signs in: the keyring and the password hashes are how one does.
 */
export interface CenterState {
  /** The newest state this desk has seen: what every request reads. A change made at another desk replaces it. */
  readonly data: WorkstationData;
  /**
   * One change with its audit entry, both or neither. `change` runs on a copy of the newest state (read under the
   * change's lock, so two desks never change the same state) and may throw: then nothing is written. Only once the
   * change is durable does it replace `data`.
   */
  update(change: (draft: WorkstationData) => void, audit: CenterAuditInput, at: string): Promise<void>;
  /** An entry on the center's trail with no change of state (a sign-in, a failed one). */
  append(entry: CenterAuditInput, at: string): Promise<AuditEvent>;
  head(): Promise<{ seq: number; hash: string }>;
  trail(): Promise<AuditEvent[]>;
  /** Called after another desk's change replaced `data` (never for this desk's own). */
  onRemoteChange(listener: () => void): () => void;
  /** What went wrong reading it at start (a damaged file set aside, …). */
  readonly problems: readonly FileProblem[];
  close(): Promise<void>;
}

/** The single-desk center state: workstation.json through lowdb and the durable adapter, its trail beside it. */
export class FileCenterState implements CenterState {
  private readonly lock = new KeyedMutex();

  private constructor(
    private readonly file: Low<WorkstationData>,
    private readonly log: AuditLog,
    readonly problems: FileProblem[],
  ) {}

  static async open(dataDir: string, fs: DurableFs = realFs): Promise<FileCenterState> {
    await ensureDirDurable(dataDir, fs);
    await ensureDirDurable(path.join(dataDir, 'audit'), fs);
    const problems: FileProblem[] = [];
    const file = await openWorkstationFile(dataDir, (p) => problems.push(p), fs);
    return new FileCenterState(file, new AuditLog(path.join(dataDir, 'audit', 'workstation.jsonl'), fs), problems);
  }

  get data(): WorkstationData {
    return this.file.data;
  }

  /**
   * The audit entry is appended, then the copy saved: a failed save (disk full, file held by antivirus) leaves memory
   * as it is on disk instead of a half-applied state the next save would persist.
   */
  update(change: (draft: WorkstationData) => void, audit: CenterAuditInput, at: string): Promise<void> {
    return this.lock.run('state', async () => {
      const draft = structuredClone(this.file.data);
      change(draft);
      await this.log.append({ ...audit, caseId: null }, at);
      await this.file.adapter.write(draft);
      this.file.data = draft;
    });
  }

  append(entry: CenterAuditInput, at: string): Promise<AuditEvent> {
    return this.log.append({ ...entry, caseId: null }, at);
  }

  head(): Promise<{ seq: number; hash: string }> {
    return this.log.currentHead();
  }

  trail(): Promise<AuditEvent[]> {
    return this.log.readAll();
  }

  /** One desk, one process (the folder lock): nothing else changes the file. */
  onRemoteChange(): () => void {
    return () => undefined;
  }

  async close(): Promise<void> {
    await this.lock.run('state', async () => undefined);
  }
}
