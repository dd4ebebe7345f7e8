import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import type { BackupGenerationView, FirstRunRestoreInput, FirstRunRestoreStatus, RestoreUnlock } from '../../shared/domain/backup';
import { ApiFailure } from '../../shared/ipc/result';
import { checkPassword } from '../auth/password-hash';
import { deskOf } from '../auth/sign-ins';
import { RestoreRefusedError, type Unlock, openGeneration } from '../backup/open-generation';
import { type PgRestoreReport, restorePgBackup } from '../backup/pg-restore';
import { PG_BACKUP_KIND } from '../backup/pg-source';
import { restoreBackup } from '../backup/restore';
import { pgConfigOf } from '../storage/desk-config';
import { isDatabaseUnreachable } from '../storage/pg/connection';
import { explainPgError } from '../storage/pg/explain-error';
import { type DatabaseProbe, probeDatabase } from '../storage/pg/probe';
import type { CenterDatabase } from '../../shared/ipc/auth-inputs';
import { parseRecoveryKey } from '../crypto/recovery-key';
import { syncDir } from '../storage/durable-fs';
import { RECOVERY_KEY_PROBLEMS, findByLogin } from './accounts';
import { viewsOf } from './backup-admin';
import { unwrapFor, unwrapWithRecovery } from './keys';
import type { Workstation } from './workstation';

/**
 * 从备份恢复 on the first-run screen: a new desk (nothing set up, a single desk) takes a whole center from a backup
 * into its own data folder. The backup is restored beside the folder first (restore.ts: every file's SHA-256, the
 * manifest's HMAC, 数据核验 through the real store; all or nothing), then moved in while no center state is open on
 * it, workstation.json last: until that rename the folder is still a desk that has set nothing up, and after it the
 * restored center. What the empty desk had there (its empty settings file and trail) is set aside and removed.
 */

/** Kept by the desk itself, never taken from the backup: browser mode's cookie key and port, the lock. */
const KEEP_LOCAL = new Set(['web-session.key', 'web-port.json', '.lock', 'desk.json']);

interface Job {
  status: FirstRunRestoreStatus;
  run: Promise<void> | null;
  /** Between the request's check of the unlock and the start of the run: a second request waits its turn. */
  starting: boolean;
}
const jobs = new WeakMap<Workstation, Job>();
const jobOf = (ws: Workstation): Job => {
  let j = jobs.get(ws);
  if (!j) jobs.set(ws, (j = { status: { running: false, phase: null, done: 0, total: 0, result: null }, run: null, starting: false }));
  return j;
};

function notSetUp(ws: Workstation): void {
  if (ws.state.data.settings || ws.deskStore.store !== 'file' || ws.unlocked) {
    throw new ApiFailure('ALREADY_SET_UP', '本工作台已完成初始设置，不能再从备份恢复；如需恢复，请在新的数据目录中进行（或使用 npm run restore）');
  }
}

const fieldError = (field: string[], message: string) => new ApiFailure('INVALID_INPUT', message, [{ code: 'INVALID_VALUE', path: field, message }]);

/** The generations of a backup folder, before setup (no key yet: manifests are checked when one is chosen). */
export async function firstRunGenerations(ws: Workstation, folder: string): Promise<BackupGenerationView[]> {
  notSetUp(ws);
  if (!path.isAbsolute(folder)) throw fieldError(['folder'], '请填写完整的路径');
  if (!existsSync(folder)) throw fieldError(['folder'], '找不到该文件夹（U盘或共享文件夹是否已连接？）');
  const views = await viewsOf(folder);
  if (views.length === 0) throw fieldError(['folder'], '该文件夹中没有调解工作台的备份');
  return views;
}

/** The data key from the backup's own workstation.json: the recovery key, or a staff member's login and password. */
function unlockWith(u: RestoreUnlock): Unlock {
  return async (workstation) => {
    const keyring = workstation.keyring;
    if ('recoveryKey' in u) {
      const parsed = parseRecoveryKey(u.recoveryKey);
      if (!parsed.ok) throw fieldError(['unlock', 'recoveryKey'], RECOVERY_KEY_PROBLEMS[parsed.problem]);
      const key = unwrapWithRecovery(keyring, parsed.secret);
      if (!key) throw fieldError(['unlock', 'recoveryKey'], '恢复密钥不正确：它不是这份备份所属中心的恢复密钥');
      return key;
    }
    const staff = findByLogin(workstation, u.loginName);
    const credential = staff ? workstation.credentials[staff.id] : undefined;
    const checked = credential ? await checkPassword(u.password, credential.password) : null;
    const key = staff && credential?.dataKey && checked?.ok ? unwrapFor(keyring, staff.id, checked.kek, credential.dataKey) : null;
    if (!key) throw fieldError(['unlock', 'password'], '登录名或密码不正确（须为备份时该中心的账号与密码）');
    return key;
  };
}

export function firstRunRestoreStatus(ws: Workstation): FirstRunRestoreStatus {
  return { ...jobOf(ws).status };
}

/**
 * Checks the unlock at once (the answer names the field), then restores in the background; the status says how far it
 * is and how it ended. A backup found truncated or tampered with is refused with what is wrong, and nothing is left.
 */
export async function startFirstRunRestore(ws: Workstation, input: FirstRunRestoreInput, connection: string): Promise<FirstRunRestoreStatus> {
  notSetUp(ws);
  const job = jobOf(ws);
  if (job.run || job.starting) return firstRunRestoreStatus(ws);
  job.starting = true;
  try {
    return await start(ws, job, input, connection);
  } finally {
    job.starting = false;
  }
}

async function start(ws: Workstation, job: Job, input: FirstRunRestoreInput, connection: string): Promise<FirstRunRestoreStatus> {
  const throttle = ['restore', `desk:${deskOf(connection)}`];
  await ws.throttle.wait(throttle);
  let dataKey: Buffer;
  let who: string;
  let centerBackup: boolean;
  try {
    const opened = await openGeneration(input.folder, input.generation, unlockWith(input.unlock));
    centerBackup = opened.manifest.source.kind === PG_BACKUP_KIND;
    dataKey = opened.dataKey;
    who = 'recoveryKey' in input.unlock ? '恢复密钥' : (findByLogin(opened.workstation, input.unlock.loginName)?.name ?? input.unlock.loginName);
  } catch (error) {
    if (error instanceof ApiFailure) {
      ws.throttle.failed(throttle);
      throw error;
    }
    if (error instanceof RestoreRefusedError) throw new ApiFailure('BACKUP_REFUSED', error.message);
    throw error;
  }
  ws.throttle.succeeded(throttle);
  if (centerBackup && !input.database) throw fieldError(['database'], '这是中心数据库的备份：请填写要恢复到的数据库（须为新建的空数据库）');
  if (!centerBackup && input.database) throw fieldError(['database'], '这是单机数据目录的备份，只能恢复到本工作台的数据目录');
  if (input.database) await checkTargetDatabase(input.database);
  job.status = { running: true, phase: 'write', done: 0, total: 0, result: null };
  job.run = restoreInto(ws, input, dataKey, who, (p) => (job.status = { ...job.status, ...p }))
    .then(
      (result) => void (job.status = { running: false, phase: null, done: 0, total: 0, result }),
      (error: unknown) => {
        const message = error instanceof RestoreRefusedError || error instanceof ApiFailure ? error.message : `恢复失败：${(error as Error).message.slice(0, 200)}`;
        job.status = { running: false, phase: null, done: 0, total: 0, result: { ok: false, message: `${message}。未恢复任何数据，本工作台仍为未设置状态` } };
      },
    )
    .finally(() => (job.run = null));
  ws.runInBackground(job.run);
  return firstRunRestoreStatus(ws);
}

/** Resolves when no first-run restore runs (tests). */
export async function firstRunRestoreIdle(ws: Workstation): Promise<void> {
  await jobOf(ws).run;
}

async function restoreInto(ws: Workstation, input: FirstRunRestoreInput, dataKey: Buffer, who: string, onProgress: (p: Partial<FirstRunRestoreStatus>) => void): Promise<NonNullable<FirstRunRestoreStatus['result']>> {
  if (input.database) return restoreIntoDatabase(ws, input, input.database, dataKey, who, onProgress);
  const dataDir = path.resolve(ws.opts.dataDir);
  const parent = path.dirname(dataDir);
  const tag = randomBytes(4).toString('hex');
  const staged = path.join(parent, `.${path.basename(dataDir)}.from-backup-${tag}`);
  const aside = path.join(parent, `.${path.basename(dataDir)}.before-restore-${tag}`);
  try {
    const report = await restoreBackup({ backup: input.folder, to: staged, generation: input.generation, unlock: async () => dataKey, clock: ws.clock, onProgress: (p) => onProgress(p) });
    onProgress({ phase: 'move', done: 0, total: 1 });
    await ws.replaceCenterState(() => moveIn(staged, dataDir, aside));
    await ws.audit({
      actorId: 'restore',
      actorName: who,
      action: 'backup:restored',
      detail: `从备份恢复整个中心：备份 ${report.generation}（${input.folder}），${report.files}个文件、${report.cases}件案件，逐一核对无误；由${who}解锁${report.problems.length ? `；数据核验发现${report.problems.length}个问题（备份时即如此）` : ''}`,
    });
    return { ok: true, centerName: ws.state.data.settings?.centerName ?? '', cases: report.cases, generation: report.generation };
  } finally {
    await rm(staged, { recursive: true, force: true }).catch(() => undefined);
    await rm(aside, { recursive: true, force: true }).catch(() => undefined);
  }
}

/** Before anything runs: the database answers (or why not, in Chinese, at the connection's fields) and holds no center. */
async function checkTargetDatabase(database: CenterDatabase): Promise<void> {
  let probe: DatabaseProbe;
  try {
    probe = await probeDatabase(pgConfigOf(database));
  } catch (error) {
    throw fieldError(['database'], explainPgError(error, database));
  }
  if (probe.centerName !== null) throw fieldError(['database'], `该数据库中已有中心“${probe.centerName}”：请新建一个空数据库用于恢复（不会覆盖已有数据）`);
}

/**
 * A center database's backup into a new, empty database (pg-restore.ts: refused unless empty; every object checked
 * before a row is written; 数据核验 of the restored database), which this desk then uses as 连接并使用 does
 * (desk.json). A restore that fails part-way leaves a database that is not a center; the message says to drop it.
 */
async function restoreIntoDatabase(ws: Workstation, input: FirstRunRestoreInput, database: CenterDatabase, dataKey: Buffer, who: string, onProgress: (p: Partial<FirstRunRestoreStatus>) => void): Promise<NonNullable<FirstRunRestoreStatus['result']>> {
  let report: PgRestoreReport;
  try {
    report = await restorePgBackup({ backup: input.folder, connection: pgConfigOf(database), generation: input.generation, unlock: async () => dataKey, clock: ws.clock, onProgress: (p) => onProgress(p) });
  } catch (error) {
    if (isDatabaseUnreachable(error)) throw new ApiFailure('DATABASE_UNAVAILABLE', explainPgError(error, database));
    throw error;
  }
  onProgress({ phase: 'move', done: 0, total: 1 });
  await ws.useCenterDatabase(database);
  await ws.audit({
    actorId: 'restore',
    actorName: who,
    action: 'backup:restored',
    detail: `从备份恢复整个中心到中心数据库 ${database.database}（${database.host}）：备份 ${report.generation}（${input.folder}），${report.files}个文件、${report.cases}件案件，逐一核对无误；由${who}解锁${report.problems.length ? `；数据核验发现${report.problems.length}个问题（备份时即如此）` : ''}`,
  });
  return { ok: true, centerName: ws.state.data.settings?.centerName ?? '', cases: report.cases, generation: report.generation };
}

/**
 * Moves the restored folder's entries into the data folder: what is there is set aside first (the empty desk's files,
 * or what an interrupted earlier restore left), then each restored entry renamed in, workstation.json last. A failure
 * before that last rename puts everything back as it was.
 */
async function moveIn(staged: string, dataDir: string, aside: string): Promise<void> {
  const restored = (await readdir(staged)).filter((n) => !KEEP_LOCAL.has(n));
  const ordered = [...restored.filter((n) => n !== 'workstation.json'), 'workstation.json'];
  const setAside: string[] = [];
  const movedIn: string[] = [];
  try {
    await rm(aside, { recursive: true, force: true });
    await mkdir(aside, { mode: 0o700 });
    for (const name of await readdir(dataDir)) {
      if (KEEP_LOCAL.has(name) || name === 'workstation.json') continue;
      await rename(path.join(dataDir, name), path.join(aside, name));
      setAside.push(name);
    }
    for (const name of ordered) {
      await rename(path.join(staged, name), path.join(dataDir, name));
      movedIn.push(name);
    }
    await syncDir(dataDir);
  } catch (error) {
    if (!movedIn.includes('workstation.json')) {
      for (const name of movedIn.reverse()) await rename(path.join(dataDir, name), path.join(staged, name)).catch(() => undefined);
      for (const name of setAside) await rename(path.join(aside, name), path.join(dataDir, name)).catch(() => undefined);
    }
    throw error;
  }
}
