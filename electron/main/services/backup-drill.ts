import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { type BackupDrill, type BackupStatus, EMPTY_BACKUP_STATE } from '../../shared/domain/backup';
import type { Staff } from '../../shared/domain';
import { formatDateTimeCn } from '../../shared/format/dates';
import { ApiFailure } from '../../shared/ipc/result';
import { restoreBackup } from '../backup/restore';
import { RestoreRefusedError } from '../backup/open-generation';
import { subKey } from '../crypto/keyring';
import type { CaseStore } from '../storage/case-store';
import { FileCenterState } from '../storage/center-state';
import { realFs } from '../storage/durable-fs';
import { FileCaseStore } from '../storage/file-case-store';
import { sealedFs } from '../storage/sealed-fs';
import { PG_NOT_YET } from './backup-admin';
import { backupsOf } from './backup-scheduler';
import type { Workstation } from './workstation';

type DrillProgress = NonNullable<BackupStatus['drill']['running']>;

interface Drill {
  progress: DrillProgress | null;
  run: Promise<BackupDrill> | null;
}

const drills = new WeakMap<Workstation, Drill>();
const drillOf = (ws: Workstation): Drill => {
  let d = drills.get(ws);
  if (!d) drills.set(ws, (d = { progress: null, run: null }));
  return d;
};

/** backup:status: the schedule's status with the drill's. */
export function backupStatus(ws: Workstation): BackupStatus {
  const scheduler = backupsOf(ws);
  const drill = drillOf(ws);
  return { ...scheduler.status(), drill: { running: drill.progress ? { ...drill.progress } : null, last: scheduler.state.lastDrill, due: scheduler.drillDue() } };
}

/**
 * 恢复演练 (one click, 中心管理员): the newest generation restored into a temporary folder exactly as a real restore
 * does it (every file's SHA-256, the manifest's HMAC, 数据核验 of the restored folder), then compared with the live
 * data, reported in Chinese, kept in the center state (audited) and the temporary folder removed. Runs in the
 * background; the status says how far it is.
 */
export function startDrill(ws: Workstation, actor: Staff): BackupStatus {
  const scheduler = backupsOf(ws);
  const blocked = scheduler.blocked();
  if (blocked) throw new ApiFailure('NOT_ALLOWED', blocked);
  if (ws.deskStore.store === 'postgres') throw new ApiFailure('NOT_ALLOWED', PG_NOT_YET);
  const drill = drillOf(ws);
  if (!drill.run && scheduler.running) throw new ApiFailure('NOT_ALLOWED', '正在备份，请等备份结束后再做恢复演练');
  if (!drill.run) {
    drill.progress = { phase: 'write', done: 0, total: 0 };
    scheduler.drilling = true;
    drill.run = runDrill(ws, actor, (p) => (drill.progress = p)).finally(() => {
      drill.run = null;
      drill.progress = null;
      scheduler.drilling = false;
    });
    ws.runInBackground(drill.run);
  }
  return backupStatus(ws);
}

/** Resolves when no drill runs (tests). */
export async function drillIdle(ws: Workstation): Promise<void> {
  await drillOf(ws).run?.catch(() => undefined);
}

async function runDrill(ws: Workstation, actor: Staff, onProgress: (p: DrillProgress) => void): Promise<BackupDrill> {
  const settings = backupsOf(ws).state.settings!;
  const dataKey = ws.heldKey();
  const at = () => ws.clock.now().toISOString();
  const scratch = await mkdtemp(path.join(os.tmpdir(), 'mws-drill-'));
  let result: BackupDrill;
  try {
    const to = path.join(scratch, 'data');
    const report = await restoreBackup({ backup: settings.folder, to, unlock: async () => dataKey, clock: ws.clock, onProgress });
    const lines = [`恢复演练：备份 ${report.generation} 已完整恢复到临时目录（${report.files}个文件，每个文件的 SHA-256 与清单的完整性校验均通过）`];
    lines.push(report.problems.length === 0 ? `恢复出的数据核验通过：${report.cases}件案件的记录与审计链完整` : `恢复出的数据核验发现${report.problems.length}个问题：${report.problems.slice(0, 5).map((p) => `${p.caseNumber} ${p.message}`).join('；')}`);
    const compared = await compareWithLive(ws, to, dataKey, onProgress);
    lines.push(...compared.lines);
    result = { ok: report.problems.length === 0 && compared.ok, at: at(), generation: report.generation, lines };
  } catch (error) {
    const message = error instanceof RestoreRefusedError ? error.message : `演练未能完成：${(error as Error).message.slice(0, 200)}`;
    result = { ok: false, at: at(), generation: null, lines: [message] };
  } finally {
    await rm(scratch, { recursive: true, force: true }).catch(() => undefined);
  }
  await ws.updateState(
    (data) => void (data.backup = { ...(data.backup ?? EMPTY_BACKUP_STATE), lastDrill: result }),
    { actorId: actor.id, actorName: actor.name, action: result.ok ? 'backup:drill-ok' : 'backup:drill-failed', detail: `恢复演练${result.ok ? '通过' : '未通过'}：${result.lines.join('；').slice(0, 900)}` },
  );
  return result;
}

const sha = (value: unknown) => createHash('sha256').update(JSON.stringify(value)).digest('hex');

async function headOf(store: CaseStore, id: string): Promise<{ seq: number; hash: string; length: number } | null> {
  const trail = await store.audit(id);
  const last = trail.at(-1);
  return last ? { seq: last.seq, hash: last.hash, length: trail.length } : null;
}

/**
 * The restored folder held against the live data: every case of the backup must be in the live store, at the same
 * revision with the same record and the same audit head, or later with the backup's head still in its trail (work done
 * since); cases registered since are counted; the center trail's head in the backup must be in the live one.
 */
async function compareWithLive(ws: Workstation, dir: string, dataKey: Buffer, onProgress: (p: DrillProgress) => void): Promise<{ ok: boolean; lines: string[] }> {
  const restored = await FileCaseStore.open({ dataDir: dir, fs: sealedFs(realFs, dir, subKey(dataKey, 'records')), now: () => ws.clock.now() });
  const center = await FileCenterState.open(dir);
  try {
    const backupCases = (await restored.query({ order: 'oldest' })).items;
    const live = ws.cases;
    const liveTotal = (await live.query({ limit: 0 })).total;
    let same = 0;
    let moved = 0;
    const problems: string[] = [];
    for (const [i, c] of backupCases.entries()) {
      onProgress({ phase: 'compare', done: i, total: backupCases.length });
      const summary = await live.summary(c.id);
      if (!summary) {
        problems.push(`${c.caseNumber}：在备份中，但现有数据中没有`);
        continue;
      }
      const [a, b] = await Promise.all([headOf(restored, c.id), headOf(live, c.id)]);
      const liveTrail = b && a && b.seq !== a.seq ? await live.audit(c.id) : null;
      if (a && b && a.seq === b.seq && a.hash === b.hash) {
        const [ra, rb] = await Promise.all([restored.get(c.id), live.get(c.id)]);
        if (ra.revision === rb.revision && sha(ra) === sha(rb)) same += 1;
        else problems.push(`${c.caseNumber}：审计链相同，但案件记录与现有数据不一致`);
      } else if (a && liveTrail?.find((e) => e.seq === a.seq)?.hash === a.hash) {
        moved += 1;
      } else {
        problems.push(`${c.caseNumber}：备份中的审计链与现有数据的审计链不相接`);
      }
    }
    onProgress({ phase: 'compare', done: backupCases.length, total: backupCases.length });
    const newer = liveTotal - (backupCases.length - problems.filter((p) => p.includes('现有数据中没有')).length);
    const lines = [`与现有数据比对：备份中${backupCases.length}件案件，${same}件完全相同，${moved}件此后有新的办理记录（备份中的记录仍在现有审计链中），现有数据中另有${Math.max(0, newer)}件为备份后登记`];
    const [backupHead, liveTrail] = [await center.head(), await ws.workstationTrail()];
    const centerOk = backupHead.seq < 0 || liveTrail.find((e) => e.seq === backupHead.seq)?.hash === backupHead.hash;
    lines.push(centerOk ? '中心审计记录（人员、设置、登录）与现有记录相接' : '备份中的中心审计记录与现有记录不相接');
    if (problems.length > 0) lines.push(`发现${problems.length}处不一致：${problems.slice(0, 10).join('；')}`);
    else lines.push(`结论：备份可用，恢复后与${formatDateTimeCn(ws.clock.now().toISOString())}的现有数据一致（备份之后的新工作除外）`);
    return { ok: problems.length === 0 && centerOk, lines };
  } finally {
    await restored.close();
    await center.close();
  }
}
