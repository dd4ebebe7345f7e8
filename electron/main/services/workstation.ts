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
import { type SignIn, SignIns } from '../auth/sign-ins';
import { SignInThrottle } from '../auth/throttle';

export interface WorkstationOptions {
  dataDir: string;
  host: 'electron' | 'web';
  version: string;
  clock?: Clock;
  fs?: DurableFs;
  /** How failed sign-ins wait (tests pass one that does not). */
  sleep?: (ms: number) => Promise<void>;
}

/** Everything a request handler may use: stores, clock, and who is signed in on which connection. */
export class Workstation {
  private readonly stateLock = new KeyedMutex();
  /** Who is signed in at which window or tab. */
  readonly signIns: SignIns;
  readonly throttle: SignInThrottle;
  /** Sign-in attempts run one at a time per account and per desk. */
  readonly authLock = new KeyedMutex();

  private constructor(
    readonly opts: WorkstationOptions,
    readonly clock: Clock,
    readonly state: Low<WorkstationData>,
    readonly cases: CaseStore,
    private readonly globalAudit: AuditLog,
    private readonly stateProblems: FileProblem[],
  ) {
    this.signIns = new SignIns(clock);
    this.throttle = new SignInThrottle(opts.sleep);
  }

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

  /** The center's idle time before a desk locks (settings, 10 minutes by default). */
  idleMs(): number {
    return (this.state.data.settings?.idleLockMinutes ?? 10) * 60_000;
  }

  /** The sign-in at a window or tab and who it is, or null (nobody, or ended by a change to the account). */
  currentSignIn(connection: string): { signIn: SignIn; staff: Staff } | null {
    return this.signIns.current(connection, this.state.data.staff, this.idleMs());
  }

  /** Workstation-level audit (setup, staff, settings, sign-in); case changes go to the case's own trail. */
  audit(entry: Omit<AuditEntryInput, 'caseId'>): Promise<unknown> {
    return this.globalAudit.append({ ...entry, caseId: null });
  }

  async close(): Promise<void> {
    await this.cases.close();
  }
}
