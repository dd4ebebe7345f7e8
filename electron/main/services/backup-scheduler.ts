import os from 'node:os';
import {
  BACKUP_STALE_MS,
  type BackupProgressView,
  type BackupRun,
  type BackupState,
  type BackupStatus,
  DRILL_DUE_MS,
  EMPTY_BACKUP_STATE,
} from '../../shared/domain/backup';
import type { Staff } from '../../shared/domain';
import { ApiFailure } from '../../shared/ipc/result';
import { FolderBackupSource } from '../backup/folder-source';
import { PgBackupSource } from '../backup/pg-source';
import { runBackup } from '../backup/run-backup';
import type { BackupSource } from '../backup/source';
import { LOCKS, lockSql } from '../storage/pg/locks';
import type { Workstation } from './workstation';

/** On a center database, at a desk of another computer than the one holding the backup folder. */
export const otherDeskNote = (host: string): string => `本中心的备份由计算机 ${host} 上的工作台执行（备份目录在那台电脑上），请在那里查看或立即备份`;

export const NO_KEY_NOTE = '本次启动后尚无人登录，中心数据密钥未解开：备份清单须用它认证，登录后才能备份';

/** The timer the schedule ticks on; tests pass one they drive by hand. */
export interface ScheduleTimers {
  setInterval(fn: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
}

const realTimers: ScheduleTimers = {
  setInterval: (fn, ms) => {
    const handle = setInterval(fn, ms);
    // The schedule never keeps a process alive (tools, tests): closing is the hosts' business.
    handle.unref?.();
    return handle;
  },
  clearInterval: (handle) => clearInterval(handle as NodeJS.Timeout),
};

/** A run that failed is tried again after this long (the USB disk was not plugged in). */
const RETRY_MS = 3600_000;
/** At closing, no new generation when the last good one is younger than this. */
const CLOSE_SKIP_MS = 5 * 60_000;
/** At closing, the backup may take this long; then the desk closes anyway (the generation stays incomplete). */
export const CLOSE_LIMIT_MS = 60_000;

type Actor = Pick<Staff, 'id' | 'name'> | null;

/** The instant of HH:mm China time on a China-time date (YYYY-MM-DD). */
export function chinaInstant(date: string, hhmm: string): Date {
  return new Date(`${date}T${hhmm}:00+08:00`);
}

/**
 * 定时备份 (issue 15): the center's data folder copied to the administrator's folder daily at the set time (China
 * time), and at closing. Plain Node: the clock is the Workstation's, the timer injected; each tick only asks whether a
 * run is due (`due`), and a run goes in the background (`ws.runInBackground`), one at a time, never on a request's
 * path. Each run's result is kept in the center state and audited on the center trail in one step.
 *
 * A run needs the data key (the manifest's HMAC): until someone signs in after a start, the status says so.
 */
export class BackupScheduler {
  private timer: unknown = null;
  private current: Promise<BackupRun | null> | null = null;
  /** The run in progress, for the progress bar. */
  progress: BackupProgressView | null = null;
  /** A restore drill holds the target (backup-drill.ts): no run starts meanwhile, the next tick catches up. */
  drilling = false;

  get running(): boolean {
    return this.current !== null;
  }

  constructor(
    private readonly ws: Workstation,
    private readonly timers: ScheduleTimers = realTimers,
    /** This computer's name: on a center database, only the desk on the computer holding the folder runs backups. */
    readonly hostName: string = os.hostname(),
  ) {}

  /** Ticks every `everyMs` (a minute) from now on; with `atClose`, one last backup (time-limited) when the desk closes. */
  start(opts: { everyMs?: number; atClose?: boolean; closeLimitMs?: number } = {}): void {
    if (this.timer) return;
    this.timer = this.timers.setInterval(() => void this.tick(), opts.everyMs ?? 60_000);
    if (opts.atClose) this.ws.beforeClose(() => this.atClose(opts.closeLimitMs ?? CLOSE_LIMIT_MS));
    // The first sign-in after a start unlocks the key: catching up does not wait for the next tick.
    this.ws.onStoreOpened(() => void this.tick());
    void this.tick();
  }

  stop(): void {
    if (this.timer) this.timers.clearInterval(this.timer);
    this.timer = null;
  }

  get state(): BackupState {
    return this.ws.state.data.backup ?? EMPTY_BACKUP_STATE;
  }

  /** Why no backup can run now, or null. */
  blocked(): string | null {
    if (!this.state.settings) return '尚未设置备份目录';
    const runsOn = this.state.settings.runsOn;
    if (this.ws.deskStore.store === 'postgres' && runsOn && runsOn !== this.hostName) return otherDeskNote(runsOn);
    if (!this.ws.unlocked) return NO_KEY_NOTE;
    return null;
  }

  /**
   * Whether the daily run is due now: today's time has passed, no good backup since it, and no attempt since it
   * (one that failed is tried again after an hour). At a start this is the catching up: the last good backup older
   * than today's time, and the time passed.
   */
  due(now = this.ws.clock.now()): boolean {
    const { settings, lastGood, lastRun } = this.state;
    if (!settings || this.blocked()) return false;
    const slot = chinaInstant(this.ws.clock.today(), settings.dailyAt);
    if (now < slot) return false;
    if (lastGood && Date.parse(lastGood.at) >= slot.getTime()) return false;
    if (lastRun && Date.parse(lastRun.at) >= slot.getTime()) return !lastRun.ok && now.getTime() - Date.parse(lastRun.at) >= RETRY_MS;
    return true;
  }

  /** The next scheduled time (ISO), or null when none is set. */
  nextAt(now = this.ws.clock.now()): string | null {
    const settings = this.state.settings;
    if (!settings) return null;
    if (this.due(now)) return now.toISOString();
    const today = chinaInstant(this.ws.clock.today(), settings.dailyAt);
    const next = today > now ? today : new Date(today.getTime() + 24 * 3600_000);
    return next.toISOString();
  }

  /** One look at the schedule: starts the daily run when due. Returns the run started, if any (tests await it). */
  tick(): Promise<BackupRun | null> | null {
    if (this.current || this.drilling || !this.due()) return null;
    return this.begin('schedule', null);
  }

  /** 立即备份: starts a run unless one is going (then that one is the answer). */
  runNow(actor: Actor): Promise<BackupRun | null> {
    const blocked = this.blocked();
    if (blocked) throw new ApiFailure('NOT_ALLOWED', blocked);
    if (!this.current && this.drilling) throw new ApiFailure('NOT_ALLOWED', '正在进行恢复演练，请等演练结束后再备份');
    return this.current ?? this.begin('manual', actor);
  }

  /** Resolves when no run is going. */
  async idle(): Promise<void> {
    await this.current;
  }

  private begin(trigger: BackupRun['trigger'], actor: Actor): Promise<BackupRun | null> {
    // Running from the start (a center database's run first waits for its lock): the screen polls while it runs.
    this.progress = { trigger, phase: 'start', done: 0, total: 0, startedAt: this.ws.clock.now().toISOString() };
    const run = this.execute(trigger, actor).finally(() => {
      this.current = null;
      this.progress = null;
    });
    this.current = run;
    this.ws.runInBackground(run);
    return run;
  }

  private async execute(trigger: BackupRun['trigger'], actor: Actor): Promise<BackupRun | null> {
    const settings = this.state.settings;
    if (!settings || this.blocked()) return null;
    const pool = this.ws.deskStore.store === 'postgres' ? this.ws.centerPool : null;
    if (!pool) return this.runOnce(trigger, actor, settings);
    // Desks of one computer share the folder: one run of the center at a time (another desk's run is the answer).
    const client = await pool.connect();
    try {
      const taken = (await client.query<{ ok: boolean }>(`${lockSql('pg_try_advisory_lock', LOCKS.backup)} AS ok`)).rows[0]?.ok;
      if (!taken) return null;
      try {
        return await this.runOnce(trigger, actor, settings);
      } finally {
        await client.query(lockSql('pg_advisory_unlock', LOCKS.backup));
      }
    } finally {
      client.release();
    }
  }

  private async runOnce(trigger: BackupRun['trigger'], actor: Actor, settings: NonNullable<BackupState['settings']>): Promise<BackupRun> {
    const dataKey = this.ws.heldKey();
    const startedAt = this.ws.clock.now().toISOString();
    this.progress = { trigger, phase: 'start', done: 0, total: 0, startedAt };
    const result = await runBackup({
      source: this.source(dataKey),
      target: settings.folder,
      dataKey,
      clock: this.ws.clock,
      retention: settings.retention,
      onProgress: (p) => (this.progress = { trigger, startedAt, ...p }),
    });
    const run: BackupRun = {
      ok: result.ok,
      at: result.finishedAt,
      reason: result.reason?.slice(0, 500) ?? null,
      generation: result.generation,
      trigger,
      files: result.files,
      bytesWritten: result.bytesWritten,
      durationMs: result.durationMs,
    };
    const how = trigger === 'schedule' ? '定时备份' : trigger === 'close' ? '关闭时备份' : '立即备份';
    const detail = run.ok
      ? `${how}完成：${run.generation}，${run.files}个文件，新写入${result.objectsWritten}个，已读回核对${result.pruned.length ? `；按保留规则删除旧备份${result.pruned.length}个` : ''}${result.cleanupNote ? `；${result.cleanupNote}` : ''}`
      : `${how}失败：${run.reason ?? ''}`;
    await this.ws.updateState(
      (data) => {
        const before = data.backup ?? EMPTY_BACKUP_STATE;
        data.backup = { ...before, lastRun: run, lastGood: run.ok ? run : before.lastGood };
      },
      { actorId: actor?.id ?? 'system', actorName: actor?.name ?? '系统', action: run.ok ? 'backup:done' : 'backup:failed', detail },
    );
    return run;
  }

  /**
   * What a run reads: the data folder, or on a desk of the center database the center's cases, state and files
   * through the store (pg-source.ts): any desk of the center may back it up.
   */
  private source(dataKey: Buffer): BackupSource {
    const desk = this.ws.deskStore;
    if (desk.store !== 'postgres') return new FolderBackupSource(this.ws.opts.dataDir);
    const pool = this.ws.centerPool;
    if (!pool) throw new Error('a desk of the center database without its connection');
    return new PgBackupSource({ cases: this.ws.cases, pool, dataKey, label: `${desk.database.host}:${desk.database.port}/${desk.database.database}` });
  }

  /** The desk is closing: one more generation unless a good one was made just now, within `limitMs`. */
  async atClose(limitMs: number): Promise<void> {
    this.stop();
    await this.current;
    const lastGood = this.state.lastGood;
    if (this.blocked()) return;
    if (lastGood && this.ws.clock.now().getTime() - Date.parse(lastGood.at) < CLOSE_SKIP_MS) return;
    let timeout: NodeJS.Timeout | undefined;
    const limit = new Promise<'late'>((resolve) => (timeout = setTimeout(() => resolve('late'), limitMs)));
    const ended = await Promise.race([this.begin('close', null), limit]);
    clearTimeout(timeout);
    if (ended === 'late') console.error(`the backup at closing took longer than ${limitMs / 1000} s; closing without waiting for it`);
  }

  /** backup:status without the drill (backup-drill.ts adds it). */
  status(): Omit<BackupStatus, 'drill'> {
    const { settings, lastRun, lastGood } = this.state;
    const blocked = this.blocked();
    return {
      store: this.ws.deskStore.store === 'postgres' ? 'postgres' : 'file',
      settings,
      blocked,
      lastRun,
      lastGood,
      alert: this.alert(),
      running: this.progress ? { ...this.progress } : null,
      nextAt: this.nextAt(),
    };
  }

  /** What the desk shows in red, or null when the backups are in order. */
  alert(now = this.ws.clock.now()): string | null {
    const { settings, lastRun, lastGood } = this.state;
    if (!settings) return '尚未设置备份目录：中心数据还没有备份';
    if (lastRun && !lastRun.ok) return `上次备份失败：${lastRun.reason ?? '原因不明'}`;
    if (!lastGood) return '还没有成功的备份';
    const age = now.getTime() - Date.parse(lastGood.at);
    if (age > BACKUP_STALE_MS) return `最近一次成功的备份已是 ${Math.floor(age / (24 * 3600_000))} 天前`;
    return null;
  }

  /** A drill is due when none was done in the last 30 days (or ever, once there is a good backup). */
  drillDue(now = this.ws.clock.now()): boolean {
    const { lastGood, lastDrill } = this.state;
    if (!lastGood) return false;
    return !lastDrill || now.getTime() - Date.parse(lastDrill.at) > DRILL_DUE_MS;
  }
}

const schedulers = new WeakMap<Workstation, BackupScheduler>();

/** The desk's scheduler (made on first use; the hosts start its timer, tests drive `tick`). */
export function backupsOf(ws: Workstation, timers?: ScheduleTimers): BackupScheduler {
  let found = schedulers.get(ws);
  if (!found) {
    found = new BackupScheduler(ws, timers);
    schedulers.set(ws, found);
  }
  return found;
}
