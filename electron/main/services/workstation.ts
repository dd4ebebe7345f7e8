import path from 'node:path';
import type { AuditEvent, Staff } from '../../shared/domain';
import type { CenterDatabase } from '../../shared/ipc/auth-inputs';
import type { CaseStore } from '../storage/case-store';
import { type CenterAuditInput, type CenterState, FileCenterState } from '../storage/center-state';
import { type DeskConfig, pgConfigOf, readDeskConfig, writeDeskConfig } from '../storage/desk-config';
import { type DurableFs, realFs } from '../storage/durable-fs';
import { KeyedMutex } from '../storage/keyed-mutex';
import type { FileProblem } from '../storage/durable-json-file';
import { FileCaseStore } from '../storage/file-case-store';
import { PgCaseStore } from '../storage/pg/pg-case-store';
import { PgCenterState } from '../storage/pg/pg-center-state';
import { pgFolderFs } from '../storage/pg/pg-folder-fs';
import type { WorkstationData } from '../storage/workstation-file';
import { type Clock, systemClock } from './clock';
import { type SignIn, SignIns } from '../auth/sign-ins';
import { SignInThrottle } from '../auth/throttle';
import { keyMatches, subKey } from '../crypto/keyring';
import { sealedFs } from '../storage/sealed-fs';
import { type SealingProgress, sealFolder } from './keys';
import { checkAllData } from './data-check';
import { checkpointIntegrity } from './checkpoints';
import type { DataCheckStatus } from '../../shared/ipc/contract';
import { ApiFailure } from '../../shared/ipc/result';
import { workstationMac, workstationMacMatches } from './workstation-mac';

export const WORKSTATION_TAMPERED =
  '工作台人员与设置文件（workstation.json）未通过完整性校验：人员、岗位、密码或设置可能在本软件之外被改动，已拒绝使用。请中心管理员用恢复密钥登录，核对人员与岗位后确认';

export interface WorkstationOptions {
  dataDir: string;
  host: 'electron' | 'web';
  version: string;
  clock?: Clock;
  fs?: DurableFs;
  /** How failed sign-ins wait (tests pass one that does not). */
  sleep?: (ms: number) => Promise<void>;
  /** The desk's choice of store when not the one its data folder records (desk.json): tools and tests. */
  desk?: DeskConfig;
}

/** Everything a request handler may use: stores, clock, and who is signed in on which connection. */
export class Workstation {
  /** Who is signed in at which window or tab. */
  readonly signIns: SignIns;
  readonly throttle: SignInThrottle;
  /** Sign-in attempts run one at a time per account and per desk. */
  readonly authLock = new KeyedMutex();

  private readonly stateProblems: FileProblem[] = [];

  private constructor(
    readonly opts: WorkstationOptions,
    readonly clock: Clock,
    private center: CenterState,
    private desk: DeskConfig,
  ) {
    this.signIns = new SignIns(clock);
    this.throttle = new SignInThrottle(opts.sleep);
    this.watchCenter();
  }

  /**
   * Opens the center state where the desk keeps it (desk.json: the data folder, or the center's PostgreSQL database).
   * A center database that cannot be reached fails the start with its reason (explainPgError) rather than falling
   * back to an empty folder that would look like a new center.
   */
  static async open(opts: WorkstationOptions): Promise<Workstation> {
    const desk = opts.desk ?? (await readDeskConfig(opts.dataDir, opts.fs));
    let ws: Workstation | undefined;
    const center =
      desk.store === 'postgres'
        ? await PgCenterState.open(pgConfigOf(desk.database), (connected) => ws?.connectionChanged(connected))
        : await FileCenterState.open(opts.dataDir, opts.fs);
    ws = new Workstation(opts, opts.clock ?? systemClock, center, desk);
    return ws;
  }

  /** The center's settings, staff and credentials as this desk last saw them (read before and after sign-in). */
  get state(): { readonly data: WorkstationData } {
    return this.center;
  }

  /** Whether this desk keeps the center's data in its folder or in the center database (app:info, the banner). */
  get deskStore(): DeskConfig {
    return this.desk;
  }

  /** Whether the center database answers (always true for a single desk): the desk's banner when it does not. */
  databaseConnected = true;
  private readonly connectionListeners = new Set<(connected: boolean) => void>();

  onDatabaseConnection(listener: (connected: boolean) => void): () => void {
    this.connectionListeners.add(listener);
    return () => void this.connectionListeners.delete(listener);
  }

  /**
   * While the center database is away: asks it whether it is back (the screens' banner asks through app:info every
   * few seconds), so that a desk is usable again as soon as the server answers. Throws while it does not.
   */
  async checkDatabase(): Promise<void> {
    if (this.databaseConnected || !(this.center instanceof PgCenterState)) return;
    await this.center.ping();
    this.connectionChanged(true);
  }

  private connectionChanged(connected: boolean): void {
    if (this.databaseConnected === connected) return;
    this.databaseConnected = connected;
    for (const listener of this.connectionListeners) listener(connected);
  }

  private unwatchCenter: (() => void) | null = null;

  /**
   * Another desk changed the center's state (the center database): sign-ins it ended here end now, and a state that
   * does not authenticate under the data key this desk holds is not taken.
   */
  private watchCenter(): void {
    this.unwatchCenter?.();
    const center = this.center;
    if (center instanceof PgCenterState) {
      center.accept = (data) => !this.macKey || !data.keyring || workstationMacMatches(data, this.macKey);
      center.onRefused = (error) => {
        console.error(error);
        if (!this.stateProblems.some((p) => p.file === 'postgresql:center_state')) this.stateProblems.push({ file: 'postgresql:center_state', message: WORKSTATION_TAMPERED, quarantinedTo: null, restoredFromPrevious: false, tampered: true });
      };
    }
    this.unwatchCenter = center.onRemoteChange(() => this.signIns.reconcile(this.state.data.staff, this.state.data.credentials));
  }

  /**
   * 中心数据库 at first run: this desk from now on keeps the center's data in that database (desk.json records it). Only
   * while the desk has set nothing up: a folder holding a center moves with `npm run migrate` instead. Returns the
   * center already in the database, if any (the desk then joins it: its people sign in here).
   */
  async useCenterDatabase(database: CenterDatabase): Promise<{ centerName: string | null }> {
    if (this.desk.store !== 'file' || this.state.data.settings || this.state.data.staff.length > 0 || this.store) {
      throw new ApiFailure('ALREADY_SET_UP', '本工作台已设置，不能再改为连接中心数据库；如需把本机数据迁入中心数据库，请使用 npm run migrate');
    }
    const center = await PgCenterState.open(pgConfigOf(database), (connected) => this.connectionChanged(connected));
    const desk: DeskConfig = { schemaVersion: 1, store: 'postgres', database };
    try {
      await writeDeskConfig(this.opts.dataDir, desk, this.opts.fs);
    } catch (error) {
      await center.close();
      throw error;
    }
    const local = this.center;
    this.center = center;
    this.desk = desk;
    this.watchCenter();
    await local.close();
    return { centerName: center.data.settings?.centerName ?? null };
  }

  /** The center database's connections (the center state's pool) on a desk that uses one; null on a single desk. */
  get centerPool(): PgCenterState['pool'] | null {
    return this.center instanceof PgCenterState ? this.center.pool : null;
  }

  /** Where the center's small shared files live: the data folder, or the center database's `center_files`. */
  get centerFs(): DurableFs {
    return this.center instanceof PgCenterState ? pgFolderFs(this.center.pool, this.opts.dataDir) : (this.opts.fs ?? realFs);
  }

  private store: CaseStore | null = null;
  /** The data key the workstation file is authenticated with, from the moment it is known (setup, sealing, unlock). */
  private macKey: Buffer | null = null;

  /** The data key is known (setup made it, a sign-in unwrapped it): from now on every change to the file is authenticated. */
  useKeyForState(dataKey: Buffer): void {
    this.macKey = dataKey;
  }
  private dataKey: Buffer | null = null;
  private sealed: DurableFs | null = null;
  private opening: Promise<void> | null = null;

  /**
   * The case store. It opens when the center's data key is first unwrapped (the first sign-in after start, or
   * setup): until then the data folder is ciphertext this process cannot read.
   */
  get cases(): CaseStore {
    if (this.sealing) throw new ApiFailure('DATA_LOCKED', `正在加密中心数据（${this.sealing.done}/${this.sealing.total}），请稍候`);
    if (!this.store) throw new ApiFailure('DATA_LOCKED', '中心数据已加密，请先登录');
    return this.store;
  }

  /** Progress of sealing a folder from before encryption (keys.ts), while it runs. */
  sealing: SealingProgress | null = null;
  private sealingRun: Promise<void> | null = null;

  /**
   * Seals a folder from before encryption in the background (the keyring with its wraps is already durable), then
   * opens the store. Resumes where an interrupted run stopped. Callers of the store meanwhile get DATA_LOCKED
   * with the progress, which the renderer shows as a progress bar.
   */
  beginSealing(dataKey: Buffer, actor: Staff): Promise<void> {
    this.sealingRun ??= (async () => {
      this.useKeyForState(dataKey);
      this.sealing = { done: 0, total: 0 };
      const done = await sealFolder(this.opts.dataDir, dataKey, (p) => (this.sealing = p), this.opts.fs ?? realFs);
      const now = this.clock.now().toISOString();
      await this.updateState((data) => void (data.keyring!.sealedAt = now), {
        actorId: actor.id,
        actorName: actor.name,
        action: 'keys:sealed',
        detail: `中心数据已全部加密存储（${done.total}个文件，逐一读回核对无误）`,
      });
      this.sealing = null;
      await this.openWithKey(dataKey);
    })()
      .catch((error: unknown) => {
        this.stateProblems.push({ file: this.opts.dataDir, message: `中心数据加密未完成（${(error as Error).message.slice(0, 120)}），请重新登录以继续`, quarantinedTo: null, restoredFromPrevious: false });
      })
      .finally(() => {
        this.sealing = null;
        this.sealingRun = null;
      });
    return this.sealingRun;
  }

  /** 数据核验 (services/data-check.ts): the run in progress or the last report. */
  dataCheck: DataCheckStatus = { running: false, done: 0, total: 0, report: null };
  private dataCheckRun: Promise<void> | null = null;

  /** Starts a 数据核验 in the background unless one runs; the status says how far it is. */
  startDataCheck(): DataCheckStatus {
    const store = this.cases;
    this.dataCheckRun ??= (async () => {
      this.dataCheck = { ...this.dataCheck, running: true, done: 0, total: 0 };
      try {
        const report = await checkAllData(store, () => this.clock.now(), (p) => (this.dataCheck = { ...this.dataCheck, ...p }), checkpointIntegrity(this));
        this.dataCheck = { running: false, done: report.cases, total: report.cases, report };
      } catch (error) {
        this.dataCheck = { ...this.dataCheck, running: false };
        console.error('data check failed', error);
      }
    })().finally(() => (this.dataCheckRun = null));
    return this.dataCheck;
  }

  /** Resolves when no sealing runs (tests, and close). */
  async whenSealed(): Promise<void> {
    await this.sealingRun;
  }

  get unlocked(): boolean {
    return this.store !== null;
  }

  /** The data key while unlocked (to wrap it for a new password or the recovery key). */
  heldKey(): Buffer {
    if (!this.dataKey) throw new ApiFailure('DATA_LOCKED', '中心数据已加密，请先登录');
    return this.dataKey;
  }

  /** The data folder's file operations with every record sealed under the data key (drafts, certificates' keys …). */
  get recordsFs(): DurableFs {
    if (!this.sealed) throw new ApiFailure('DATA_LOCKED', '中心数据已加密，请先登录');
    return this.sealed;
  }

  /** Opens the store with the data key (once; later calls with the same key are no-ops). */
  openWithKey(dataKey: Buffer): Promise<void> {
    const keyring = this.state.data.keyring;
    if (!keyring || !keyMatches(keyring, dataKey)) return Promise.reject(new Error('not the center data key'));
    if (this.store) return Promise.resolve();
    if (!keyring.sealedAt) return Promise.reject(new Error('the data folder is not sealed yet'));
    if (!workstationMacMatches(this.state.data, dataKey)) return Promise.reject(new ApiFailure('SIGN_IN_FAILED', WORKSTATION_TAMPERED));
    this.useKeyForState(dataKey);
    this.opening ??= (async () => {
      const recordsKey = subKey(dataKey, 'records');
      const fs = sealedFs(this.centerFs, this.opts.dataDir, recordsKey);
      const now = () => this.clock.now();
      this.store =
        this.desk.store === 'postgres'
          ? await PgCaseStore.open({
              connection: pgConfigOf(this.desk.database),
              recordsKey,
              now,
              cache: { dir: path.join(this.opts.dataDir, 'pg-cache'), fs: sealedFs(this.opts.fs ?? realFs, this.opts.dataDir, recordsKey) },
            })
          : await FileCaseStore.open({ dataDir: this.opts.dataDir, fs, now });
      this.sealed = fs;
      this.dataKey = dataKey;
      for (const listener of this.storeListeners) this.tellStoreOpened(listener, this.store);
    })().finally(() => (this.opening = null));
    return this.opening;
  }

  private readonly storeListeners = new Set<(store: CaseStore) => void>();

  /**
   * Calls `listener` with the case store once it is open: at once when it already is, else when a sign-in unlocks it
   * (the store does not exist before that, so its change feed cannot be subscribed to at start-up).
   */
  onStoreOpened(listener: (store: CaseStore) => void): () => void {
    this.storeListeners.add(listener);
    if (this.store) this.tellStoreOpened(listener, this.store);
    return () => void this.storeListeners.delete(listener);
  }

  private tellStoreOpened(listener: (store: CaseStore) => void, store: CaseStore): void {
    try {
      listener(store);
    } catch (error) {
      // The sign-in that opened the store must not fail because a watcher did.
      console.error('a store-open listener failed', error);
    }
  }

  /**
   * Changes settings or staff: the one way they change (storage/center-state.ts). `change` runs on a copy of the
   * newest state and may throw (e.g. already set up): then nothing is written. The change and its audit entry are
   * durable together before anyone reads the new state.
   */
  updateState(change: (draft: WorkstationData) => void, audit: CenterAuditInput): Promise<void> {
    return this.center.update(
      (draft) => {
        change(draft);
        // Authenticated whenever the key is at hand (before it, only counters change: workstation-mac.ts).
        if (this.macKey && draft.keyring) draft.mac = workstationMac(draft, this.macKey);
      },
      audit,
      this.clock.now().toISOString(),
    );
  }

  problems(): FileProblem[] {
    return [...this.center.problems, ...this.stateProblems, ...(this.store?.problems() ?? [])];
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
  audit(entry: CenterAuditInput): Promise<unknown> {
    return this.center.append(entry, this.clock.now().toISOString());
  }

  /** The workstation trail's last entry (what an integrity checkpoint records of it). */
  workstationHead(): Promise<{ seq: number; hash: string }> {
    return this.center.head();
  }

  /** The workstation trail's entries (integrity checks read it whole). */
  workstationTrail(): Promise<AuditEvent[]> {
    return this.center.trail();
  }

  private readonly background = new Set<Promise<unknown>>();

  /** Work that outlives the request that started it (a full integrity checkpoint): close waits for it. */
  runInBackground(work: Promise<unknown>): void {
    const tracked = work.catch(() => undefined).finally(() => this.background.delete(tracked));
    this.background.add(tracked);
  }

  private readonly closeHooks: (() => Promise<void>)[] = [];

  /**
   * Work to do first when the desk closes, while everything is still open (the backup at closing): each hook bounds
   * its own time, so closing never waits long; a hook that fails is logged and the rest of the closing goes on.
   */
  beforeClose(hook: () => Promise<void>): void {
    this.closeHooks.push(hook);
  }

  /**
   * 从备份恢复 at first run: `replace` changes the center state's files in the data folder (workstation.json, the
   * center trail) while no state is open on them; the state is then read again from the folder, whatever `replace`
   * did (a failed replace leaves the folder as it was, and the state as it is on disk). Only on a single desk that has
   * set nothing up and opened no store.
   */
  async replaceCenterState(replace: () => Promise<void>): Promise<void> {
    if (this.desk.store !== 'file' || this.state.data.settings || this.store) {
      throw new ApiFailure('ALREADY_SET_UP', '本工作台已完成初始设置，不能再从备份恢复；请在新的数据目录中恢复');
    }
    const old = this.center;
    await old.close();
    let failure: unknown = null;
    try {
      await replace();
    } catch (error) {
      failure = error;
    }
    this.center = await FileCenterState.open(this.opts.dataDir, this.opts.fs);
    this.macKey = null;
    this.watchCenter();
    if (failure) throw failure;
  }

  async close(): Promise<void> {
    for (const hook of this.closeHooks.splice(0)) {
      await hook().catch((error: unknown) => console.error('a closing task failed', error));
    }
    await this.sealingRun;
    await this.dataCheckRun;
    while (this.background.size > 0) await Promise.all([...this.background]);
    await this.opening?.catch(() => undefined);
    await this.store?.close();
    this.unwatchCenter?.();
    await this.center.close();
  }
}
