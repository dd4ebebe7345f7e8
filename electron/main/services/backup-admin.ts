import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, realpath, unlink } from 'node:fs/promises';
import path from 'node:path';
import { type BackupGenerationView, type BackupSettings, type CaseRestoreInput, type CaseRestoreResult, EMPTY_BACKUP_STATE } from '../../shared/domain/backup';
import { type CaseInput, type Staff, PARTY_ROLES, diffCaseInput, maskNumbersInText } from '../../shared/domain';
import { formatDateTimeCn } from '../../shared/format/dates';
import { ApiFailure } from '../../shared/ipc/result';
import { restoreCaseBundle } from '../backup/case-bundle-from-backup';
import { listGenerations } from '../backup/generations';
import { RestoreRefusedError, fetchVerified, openGeneration } from '../backup/open-generation';
import { ObjectStore } from '../backup/object-store';
import { PG_BACKUP_KIND, caseIdOfBundlePath, isCaseBundlePath, openBundle } from '../backup/pg-source';
import { openUnits } from '../crypto/sealing';
import { subKey } from '../crypto/keyring';
import { backupsOf } from './backup-scheduler';
import { correctCase } from './corrections';
import type { Workstation } from './workstation';

const folderIssue = (message: string) => new ApiFailure('INVALID_INPUT', message, [{ code: 'INVALID_VALUE', path: ['folder'], message }]);

/** The real path of a folder that may not exist yet: its nearest existing ancestor resolved, the rest appended. */
async function realPathOf(folder: string): Promise<string> {
  const rest: string[] = [];
  let at = path.resolve(folder);
  for (;;) {
    try {
      return path.join(await realpath(at), ...rest.reverse());
    } catch {
      const parent = path.dirname(at);
      if (parent === at) return path.resolve(folder);
      rest.push(path.basename(at));
      at = parent;
    }
  }
}

const inside = (child: string, parent: string) => child === parent || child.startsWith(parent.endsWith(path.sep) ? parent : parent + path.sep);

/**
 * The folder the administrator chose, checked before it is kept: a full path, not the data folder or inside it (a
 * failing disk would take both), not holding the data folder, writable (a file written, synced, read back, removed),
 * and not already holding another center's backups. Each problem said in Chinese at the field.
 */
export async function checkBackupFolder(ws: Workstation, folder: string): Promise<string> {
  if (!path.isAbsolute(folder)) throw folderIssue('请填写完整的路径（如 /media/备份盘/调解备份 或 D:\\调解备份）');
  const resolved = path.resolve(folder);
  const real = await realPathOf(resolved);
  const data = await realPathOf(ws.opts.dataDir);
  if (inside(real, data)) throw folderIssue('备份目录不能是数据目录或在数据目录之内：磁盘损坏时备份会和数据一起丢失。请选择另一块磁盘、U盘或共享文件夹');
  if (inside(data, real)) throw folderIssue('数据目录在该文件夹之内：请为备份选择另一块磁盘、U盘或共享文件夹中的单独文件夹');
  const probe = path.join(resolved, `.mws-write-test-${randomBytes(4).toString('hex')}`);
  try {
    await mkdir(resolved, { recursive: true });
    const handle = await open(probe, 'wx');
    try {
      await handle.writeFile('调解工作台备份目录写入测试');
      await handle.sync();
    } finally {
      await handle.close();
    }
    if ((await readFile(probe, 'utf8')) !== '调解工作台备份目录写入测试') throw folderIssue('写入该目录的内容读回不符，请检查该磁盘');
  } catch (error) {
    if (error instanceof ApiFailure) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') throw folderIssue('没有写入该目录的权限（或磁盘为只读），请换一个目录或请系统管理员授权');
    if (code === 'ENOSPC') throw folderIssue('该磁盘已满，请换一块磁盘');
    if (code === 'ENOTDIR' || code === 'EEXIST') throw folderIssue('该路径是一个文件，不是文件夹');
    if (code === 'ENOENT') throw folderIssue('找不到该路径（U盘或共享文件夹是否已连接？）');
    throw folderIssue(`无法使用该目录（${code ?? (error as Error).message.slice(0, 80)}）`);
  } finally {
    await unlink(probe).catch(() => undefined);
  }
  // Another center's backups there would be pruned by nobody and restored by mistake: one folder, one center.
  const keyId = ws.state.data.keyring?.keyId;
  const complete = (await listGenerations(resolved).catch(() => [])).filter((g) => g.status === 'complete');
  const other = complete.find((g) => g.status === 'complete' && keyId && g.manifest.source.keyId !== keyId);
  if (other) throw folderIssue('该目录中已有另一个数据目录（另一个中心或另一套数据）的备份，请为本中心另选一个文件夹');
  return resolved;
}

export async function updateBackupSettings(ws: Workstation, input: BackupSettings, actor: Staff): Promise<BackupSettings> {
  const folder = await checkBackupFolder(ws, input.folder);
  const { runsOn: _ignored, ...given } = input;
  // On a center database every desk sees these settings, but the folder is a path on this computer: its desk runs them.
  const settings: BackupSettings = { ...given, folder, ...(ws.deskStore.store === 'postgres' ? { runsOn: backupsOf(ws).hostName } : {}) };
  const { daily, weekly, monthly } = settings.retention;
  await ws.updateState(
    (data) => void (data.backup = { ...(data.backup ?? EMPTY_BACKUP_STATE), settings }),
    { actorId: actor.id, actorName: actor.name, action: 'backup:settings', detail: `备份设置：${settings.runsOn ? `由 ${settings.runsOn} 上的工作台执行，` : ''}目录 ${folder}；每天 ${settings.dailyAt}（北京时间）；保留每日${daily}个、每周${weekly}个、每月${monthly}个` },
  );
  return settings;
}


function settingsOf(ws: Workstation): BackupSettings {
  const blocked = backupsOf(ws).blocked();
  const settings = ws.state.data.backup?.settings;
  if (!settings) throw new ApiFailure('NOT_ALLOWED', blocked ?? '尚未设置备份目录');
  return settings;
}

/** The generations in the backup folder, newest first. */
export async function generationViews(ws: Workstation): Promise<BackupGenerationView[]> {
  const settings = settingsOf(ws);
  return viewsOf(settings.folder, ws.unlocked ? ws.heldKey() : undefined);
}

export async function viewsOf(folder: string, dataKey?: Buffer): Promise<BackupGenerationView[]> {
  let all;
  try {
    all = await listGenerations(folder, dataKey);
  } catch (error) {
    throw new ApiFailure('NOT_FOUND', `无法读取备份目录 ${folder}（${(error as NodeJS.ErrnoException).code ?? (error as Error).message.slice(0, 80)}）：U盘或共享文件夹是否已连接？`);
  }
  return all
    .map((g): BackupGenerationView => {
      if (g.status === 'complete') {
        const bytes = g.manifest.files.reduce((n, f) => n + f.size, 0);
        return { id: g.id, status: 'complete', startedAt: g.manifest.startedAt, files: g.manifest.files.length, bytes, note: null, source: g.manifest.source.kind === PG_BACKUP_KIND ? 'postgresql' : 'folder' };
      }
      if (g.status === 'incomplete') return { id: g.id, status: 'incomplete', startedAt: g.marker?.startedAt ?? null, files: null, bytes: null, note: '未完成（备份过程被中断），不能用于恢复', source: null };
      return { id: g.id, status: 'damaged', startedAt: null, files: null, bytes: null, note: g.reason, source: null };
    })
    .reverse();
}

/** The id of the case with this number in a generation, read from the backup's own sealed case files. */
async function findInBackup(folder: string, generation: string, caseNumber: string, dataKey: Buffer): Promise<string | null> {
  const { manifest } = await openGeneration(folder, generation, async () => dataKey);
  const objects = new ObjectStore(folder);
  const recordsKey = subKey(dataKey, 'records');
  if (manifest.source.kind === PG_BACKUP_KIND) {
    // A center database's generation: each case a sealed bundle (pg-source.ts).
    for (const file of manifest.files.filter((f) => isCaseBundlePath(f.path))) {
      const id = caseIdOfBundlePath(file.path);
      if (openBundle(recordsKey, id, await fetchVerified(objects, file)).record.caseNumber === caseNumber) return id;
    }
    return null;
  }
  for (const file of manifest.files) {
    const id = /^cases\/([0-9a-f-]{36})\/case\.json$/.exec(file.path)?.[1];
    if (!id) continue;
    const opened = openUnits(recordsKey, `mw-sealed-v1\0${file.path}`, await fetchVerified(objects, file), { appendLog: false });
    if (opened.damage) continue;
    if ((JSON.parse(opened.plaintext.toString('utf8')) as { caseNumber?: string }).caseNumber === caseNumber) return id;
  }
  return null;
}

const inputOf = (r: CaseInput): CaseInput => ({ dispute: r.dispute, parties: r.parties, agents: r.agents });

/**
 * 从备份恢复一件案件 (中心管理员, password again): the case as of a generation, put back into the live store without
 * breaking its audit trail, which only grows:
 * - missing from the store: imported whole through the port (its number, records, files and trail as they were);
 * - the same as in the backup: nothing to do;
 * - changed since (an accidental correction): the backup's registration (dispute, parties, agents) applied as a new
 *   修改登记信息 on top of the current case, with the reason, old → new in the case's trail. Later steps (sessions held,
 *   an agreement signed) are records of what happened and stay: the answer names them.
 * A backup whose trail is not the start of the live one (another case under that number) is refused.
 */
export async function restoreCaseFromBackup(ws: Workstation, input: CaseRestoreInput, actor: Staff): Promise<CaseRestoreResult> {
  const settings = settingsOf(ws);
  const dataKey = ws.heldKey();
  const found = await ws.cases.query({ filter: { text: input.caseNumber }, limit: 50 });
  const live = found.items.find((i) => i.caseNumber === input.caseNumber) ?? null;
  let caseId = live?.id ?? null;
  try {
    caseId ??= await findInBackup(settings.folder, input.generation, input.caseNumber, dataKey);
    if (!caseId) throw new ApiFailure('NOT_FOUND', `现有数据和备份 ${input.generation} 中都没有案号为 ${input.caseNumber} 的案件`, [{ code: 'INVALID_VALUE', path: ['caseNumber'], message: '没有这个案号的案件' }]);
    const bundle = await restoreCaseBundle(settings.folder, input.generation, caseId, dataKey, () => ws.clock.now());
    const when = `备份 ${input.generation}`;
    const result = live ? await onTop(ws, bundle, input, actor) : { caseNumber: input.caseNumber, outcome: (await ws.cases.importCase(bundle)) === 'present' ? ('identical' as const) : ('imported' as const), fields: [], notes: [] };
    const said = { imported: '现有数据中没有该案件，已从备份整件恢复', identical: '与备份相同，无需恢复', corrected: `已按备份恢复登记信息（${result.fields.join('、')}）` }[result.outcome];
    await ws.audit({ actorId: actor.id, actorName: actor.name, action: 'backup:restore-case', detail: `从${when}恢复案件${input.caseNumber}：${said}；原因：${maskNumbersInText(input.reason)}` });
    return result;
  } catch (error) {
    if (error instanceof RestoreRefusedError) throw new ApiFailure('BACKUP_REFUSED', error.message);
    throw error;
  }
}

async function onTop(ws: Workstation, bundle: Awaited<ReturnType<typeof restoreCaseBundle>>, input: CaseRestoreInput, actor: Staff): Promise<CaseRestoreResult> {
  const current = await ws.cases.get(bundle.record.id);
  const trail = await ws.cases.audit(bundle.record.id);
  const head = bundle.events.at(-1);
  const same = head && trail.find((e) => e.seq === head.seq)?.hash === head.hash;
  if (!head || !same) throw new ApiFailure('BACKUP_REFUSED', `备份中案件${input.caseNumber}的办理记录与现有记录不是同一条审计链，不能恢复，请核对案号与备份`);
  const later = trail.length - bundle.events.length;
  const notes = later > 0 ? [`备份之后本案又有${later}条办理记录（如调解、协议、文书），它们如实记录了已发生的事，保留不变`] : [];
  if (later === 0) return { caseNumber: input.caseNumber, outcome: 'identical', fields: [], notes };
  const names = new Map([...current.parties, ...bundle.record.parties].map((p) => [p.id, `${PARTY_ROLES[p.role]}${p.name}`]));
  const fields = diffCaseInput(current, bundle.record, (id) => names.get(id) ?? '').map((c) => c.label);
  if (fields.length === 0) return { caseNumber: input.caseNumber, outcome: 'identical', fields: [], notes: ['登记信息与备份相同', ...notes] };
  const at = formatDateTimeCn(bundle.events.at(-1)!.at);
  await correctCase(ws, { id: current.id, revision: current.revision, ...inputOf(bundle.record), reason: `按备份（${at}时的登记信息）恢复：${input.reason}` }, actor);
  return { caseNumber: input.caseNumber, outcome: 'corrected', fields: [...new Set(fields)], notes };
}
