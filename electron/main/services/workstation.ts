import path from 'node:path';
import type { Low } from 'lowdb';
import type { Staff } from '../../shared/domain';
import { AuditLog, type AuditEntryInput } from '../storage/audit-log';
import type { CaseStore } from '../storage/case-store';
import { type DurableFs, ensureDirDurable, realFs } from '../storage/durable-fs';
import type { FileProblem } from '../storage/durable-json-file';
import { FileCaseStore } from '../storage/file-case-store';
import { KeyedMutex } from '../storage/keyed-mutex';
import { type WorkstationData, openWorkstationFile } from '../storage/workstation-file';
import { type Clock, systemClock } from './clock';

export interface WorkstationOptions {
  dataDir: string;
  host: 'electron' | 'web';
  version: string;
  clock?: Clock;
  fs?: DurableFs;
}

/** Everything a request handler may use: stores, clock, and who is signed in on which connection. */
export class Workstation {
  /** Signed-in staff per connection (an Electron window, or a browser-mode launch token). */
  private readonly signedIn = new Map<string, string>();
  private readonly stateLock = new KeyedMutex();

  private constructor(
    readonly opts: WorkstationOptions,
    readonly clock: Clock,
    readonly state: Low<WorkstationData>,
    readonly cases: CaseStore,
    private readonly globalAudit: AuditLog,
    private readonly stateProblems: FileProblem[],
  ) {}

  static async open(opts: WorkstationOptions): Promise<Workstation> {
    const fs = opts.fs ?? realFs;
    await ensureDirDurable(opts.dataDir, fs);
    await ensureDirDurable(path.join(opts.dataDir, 'audit'), fs);
    const problems: FileProblem[] = [];
    const state = await openWorkstationFile(opts.dataDir, (p) => problems.push(p), fs);
    const cases = await FileCaseStore.open({ dataDir: opts.dataDir, fs });
    const audit = new AuditLog(path.join(opts.dataDir, 'audit', 'workstation.jsonl'), fs);
    return new Workstation(opts, opts.clock ?? systemClock, state, cases, audit, problems);
  }

  /**
   * Changes settings or staff. Changes run one at a time, each on a copy of the current state: `change` may throw
   * (e.g. already set up) and then nothing is written. Otherwise the audit entry is appended, then the copy is
   * saved, and only once it is durable does it replace what everyone reads: a failed save (disk full, file held by
   * antivirus) leaves memory as it is on disk instead of a half-applied state the next save would persist.
   */
  updateState(change: (draft: WorkstationData) => void, audit: Omit<AuditEntryInput, 'caseId'>): Promise<void> {
    return this.stateLock.run('state', async () => {
      const draft = structuredClone(this.state.data);
      change(draft);
      await this.audit(audit);
      await this.state.adapter.write(draft);
      this.state.data = draft;
    });
  }

  problems(): FileProblem[] {
    return [...this.stateProblems, ...this.cases.problems()];
  }

  actorFor(connection: string): Staff | null {
    const id = this.signedIn.get(connection);
    return this.state.data.staff.find((s) => s.id === id && s.active) ?? null;
  }

  signIn(connection: string, staffId: string): void {
    this.signedIn.set(connection, staffId);
  }

  signOut(connection: string): void {
    this.signedIn.delete(connection);
  }

  /** Workstation-level audit (setup, staff, settings, sign-in); case changes go to the case's own trail. */
  audit(entry: Omit<AuditEntryInput, 'caseId'>): Promise<unknown> {
    return this.globalAudit.append({ ...entry, caseId: null });
  }

  async close(): Promise<void> {
    await this.cases.close();
  }
}
