import { addIssue, z } from './zod-setup';
import { CenterDatabaseSchema } from '../ipc/auth-inputs';

/**
 * Backups (issue 15): where the center's data is copied to, when, and how many generations are kept. The folder is
 * checked further in main (absolute, outside the data folder, writable); here only what the form can know.
 */

/** An absolute path on Linux (/media/usb/备份), Windows (D:\备份) or a Windows share (\\server\share\备份). */
export const isAbsoluteFolder = (p: string): boolean => /^(\/|[A-Za-z]:[\\/]|\\\\[^\\]+\\[^\\]+)/.test(p);

export const BackupFolderSchema = z
  .string()
  .trim()
  .min(1, '请填写备份目录')
  .max(500, '备份目录的路径不能超过500个字')
  .superRefine((p, ctx) => {
    if (p && !isAbsoluteFolder(p)) addIssue(ctx, [], 'INVALID_VALUE', '请填写完整的路径（如 /media/备份盘/调解备份 或 D:\\调解备份）');
    if (p.includes('\0')) addIssue(ctx, [], 'INVALID_VALUE', '路径中有不允许的字符');
  });

/** HH:mm, China time. */
export const DailyTimeSchema = z.string().trim().regex(/^([01]\d|2[0-3]):[0-5]\d$/, '请按“时:分”填写，如 18:30');

export const RetentionSchema = z.strictObject({
  daily: z.int('须为整数').min(1, '至少保留1个每日备份').max(60, '每日备份最多保留60个'),
  weekly: z.int('须为整数').min(0, '不能小于0').max(52, '每周备份最多保留52个'),
  monthly: z.int('须为整数').min(0, '不能小于0').max(120, '每月备份最多保留120个'),
});

export const BackupSettingsSchema = z.strictObject({
  folder: BackupFolderSchema,
  dailyAt: DailyTimeSchema,
  retention: RetentionSchema,
  /**
   * On a center database, the computer whose desk set the folder (the folder is a path on it): the only desk that runs
   * the center's backups. Set by the server when the settings are saved; absent for a single desk.
   */
  runsOn: z.string().max(255).optional(),
});
export type BackupSettings = z.infer<typeof BackupSettingsSchema>;

export const DEFAULT_BACKUP_TIME = '18:30';

/** One run's outcome as kept in the center state and shown on the desk. */
export const BackupRunSchema = z.strictObject({
  ok: z.boolean(),
  at: z.iso.datetime({ offset: true }),
  /** Why it failed (Chinese); null when ok. */
  reason: z.string().max(500).nullable(),
  generation: z.string().max(40).nullable(),
  trigger: z.enum(['schedule', 'manual', 'close']),
  files: z.int().nonnegative(),
  bytesWritten: z.number().nonnegative(),
  durationMs: z.number().nonnegative(),
});
export type BackupRun = z.infer<typeof BackupRunSchema>;

/** A restore drill's outcome (backup-drill.ts). */
export const BackupDrillSchema = z.strictObject({
  ok: z.boolean(),
  at: z.iso.datetime({ offset: true }),
  generation: z.string().max(40).nullable(),
  /** The report, in Chinese, one line each. */
  lines: z.array(z.string().max(500)).max(200),
});
export type BackupDrill = z.infer<typeof BackupDrillSchema>;

/** What workstation.json keeps about backups (absent in a folder from before them). */
export const BackupStateSchema = z.strictObject({
  settings: BackupSettingsSchema.nullable(),
  lastRun: BackupRunSchema.nullable(),
  /** The last run that was verified good. */
  lastGood: BackupRunSchema.nullable(),
  lastDrill: BackupDrillSchema.nullable(),
});
export type BackupState = z.infer<typeof BackupStateSchema>;

export const EMPTY_BACKUP_STATE: BackupState = { settings: null, lastRun: null, lastGood: null, lastDrill: null };

/** The desk shows 上次备份 in red when the last good one is older than this, or the last run failed. */
export const BACKUP_STALE_MS = 2 * 24 * 3600_000;
/** A drill is due when none was done in this long. */
export const DRILL_DUE_MS = 30 * 24 * 3600_000;

/** A generation id (backup/layout.ts). */
export const GenerationIdSchema = z.string().regex(/^\d{8}T\d{6}Z-[0-9a-f]{6}$/, '备份编号格式不正确');

/** 从备份恢复 at first run: the recovery key, or a staff member's login name and password (as in the backup). */
export const RestoreUnlockSchema = z.union([
  z.strictObject({ recoveryKey: z.string().trim().min(1, '请填写恢复密钥').max(80, '恢复密钥格式有误') }),
  z.strictObject({ loginName: z.string().trim().min(1, '请填写登录名').max(32, '登录名过长'), password: z.string().min(1, '请填写密码').max(512, '密码过长') }),
]);
export type RestoreUnlock = z.infer<typeof RestoreUnlockSchema>;

export const FirstRunRestoreInputSchema = z.strictObject({
  folder: BackupFolderSchema,
  generation: GenerationIdSchema,
  unlock: RestoreUnlockSchema,
  /** A center database's backup goes into a new, empty database, which this desk then uses. */
  database: CenterDatabaseSchema.optional(),
});
export type FirstRunRestoreInput = z.infer<typeof FirstRunRestoreInputSchema>;

/** A case restored from a backup into the live store (中心管理员): by its 案号. */
export const CaseRestoreInputSchema = z.strictObject({
  generation: GenerationIdSchema,
  caseNumber: z.string().trim().min(1, '请填写案号').max(60, '案号过长'),
  reason: z.string().trim().min(1, '请填写恢复原因').max(300, '不能超过300个字'),
});
export type CaseRestoreInput = z.infer<typeof CaseRestoreInputSchema>;

/** A run in progress, for the progress bar. */
export interface BackupProgressView {
  trigger: BackupRun['trigger'];
  phase: 'start' | 'copy' | 'verify' | 'cleanup';
  done: number;
  total: number;
  startedAt: string;
}

/** backup:status: what the administrator's card and the header line show. */
export interface BackupStatus {
  /** This desk keeps its data in the center database: the folder backup does not apply (`blocked` says what to do). */
  store: 'file' | 'postgres';
  settings: BackupSettings | null;
  /** Why no backup can run now (Chinese), or null. */
  blocked: string | null;
  lastRun: BackupRun | null;
  lastGood: BackupRun | null;
  /** Shown in red: no good backup, the last good one older than two days, or the last run failed (Chinese). */
  alert: string | null;
  running: BackupProgressView | null;
  /** The next scheduled run (ISO), when one is set. */
  nextAt: string | null;
  drill: { running: { phase: 'verify' | 'write' | 'check' | 'compare'; done: number; total: number } | null; last: BackupDrill | null; due: boolean };
}

/** One generation in the target, for the list and the choice of what to restore. */
export interface BackupGenerationView {
  id: string;
  status: 'complete' | 'incomplete' | 'damaged';
  /** ISO; null when not known (an incomplete one without its marker). */
  startedAt: string | null;
  files: number | null;
  bytes: number | null;
  /** Why it cannot be used (Chinese), for incomplete and damaged ones. */
  note: string | null;
  /** What was backed up: a desk's data folder, or a center database (restored into a new, empty database). */
  source: 'folder' | 'postgresql' | null;
}

/** backup:restore-case: what was done with the case (no party data: the administrator reads no case). */
export interface CaseRestoreResult {
  caseNumber: string;
  /** imported: the case was missing and is back whole; identical: nothing to do; corrected: the registration set back. */
  outcome: 'imported' | 'identical' | 'corrected';
  /** The fields set back (labels), for a correction. */
  fields: string[];
  /** What a correction cannot set back (later sessions, agreement steps stay: the trail is append-only), Chinese. */
  notes: string[];
}

/** setup:restore-status: the first-run restore in progress or its end. */
export interface FirstRunRestoreStatus {
  running: boolean;
  phase: 'verify' | 'write' | 'check' | 'move' | null;
  done: number;
  total: number;
  /** Set when it ended: ok (the desk now holds the center: sign in) or why not (Chinese; nothing was restored). */
  result: { ok: true; centerName: string; cases: number; generation: string } | { ok: false; message: string } | null;
}
