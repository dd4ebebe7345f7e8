import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { type BackupDrill, type BackupStatus, EMPTY_BACKUP_STATE } from '../../shared/domain/backup';
import type { CaseRecord, Staff } from '../../shared/domain';
import { formatDateTimeCn } from '../../shared/format/dates';
import { ApiFailure } from '../../shared/ipc/result';
import { restoreBackup } from '../backup/restore';
import { RestoreRefusedError, fetchVerified, openGeneration, verifyObjects } from '../backup/open-generation';
import { ObjectStore } from '../backup/object-store';
import { parseTrail } from '../backup/pg-restore';
import { CENTER_TRAIL_FILE, PG_BACKUP_KIND, caseIdOfBundlePath, isCaseBundlePath, openBundle } from '../backup/pg-source';
import { BundleRefusedError, type CaseBundle, checkBundle } from '../storage/case-bundle';
import { WorkstationSchema } from '../storage/workstation-file';
import { workstationMacMatches } from './workstation-mac';
import { subKey } from '../crypto/keyring';
import type { CaseStore } from '../storage/case-store';
import { FileCenterState } from '../storage/center-state';
import { realFs } from '../storage/durable-fs';
import { FileCaseStore } from '../storage/file-case-store';
import { sealedFs } from '../storage/sealed-fs';
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
  let result: BackupDrill;
  try {
    const drill = ws.deskStore.store === 'postgres' ? drillPgBackup : drillFolderBackup;
    result = { at: at(), ...(await drill(ws, settings.folder, dataKey, onProgress)) };
  } catch (error) {
    const message = error instanceof RestoreRefusedError ? error.message : `演练未能完成：${(error as Error).message.slice(0, 200)}`;
    result = { ok: false, at: at(), generation: null, lines: [message] };
  }
  await ws.updateState(
    (data) => void (data.backup = { ...(data.backup ?? EMPTY_BACKUP_STATE), lastDrill: result }),
    { actorId: actor.id, actorName: actor.name, action: result.ok ? 'backup:drill-ok' : 'backup:drill-failed', detail: `恢复演练${result.ok ? '通过' : '未通过'}：${result.lines.join('；').slice(0, 900)}` },
  );
  return result;
}

type DrillOutcome = Omit<BackupDrill, 'at'>;

/** A folder's backup: restored into a temporary folder exactly as a real restore does it, then held against the live data. */
async function drillFolderBackup(ws: Workstation, folder: string, dataKey: Buffer, onProgress: (p: DrillProgress) => void): Promise<DrillOutcome> {
  const scratch = await mkdtemp(path.join(os.tmpdir(), 'mws-drill-'));
  try {
    const to = path.join(scratch, 'data');
    const report = await restoreBackup({ backup: folder, to, unlock: async () => dataKey, clock: ws.clock, onProgress });
    const lines = [`恢复演练：备份 ${report.generation} 已完整恢复到临时目录（${report.files}个文件，每个文件的 SHA-256 与清单的完整性校验均通过）`];
    lines.push(report.problems.length === 0 ? `恢复出的数据核验通过：${report.cases}件案件的记录与审计链完整` : `恢复出的数据核验发现${report.problems.length}个问题：${report.problems.slice(0, 5).map((p) => `${p.caseNumber} ${p.message}`).join('；')}`);
    const restored = await FileCaseStore.open({ dataDir: to, fs: sealedFs(realFs, to, subKey(dataKey, 'records')), now: () => ws.clock.now() });
    const center = await FileCenterState.open(to);
    try {
      const items = (await restored.query({ order: 'oldest' })).items;
      const cases = (async function* () {
        for (const c of items) yield { id: c.id, caseNumber: c.caseNumber, head: await headOf(restored, c.id), record: () => restored.get(c.id) };
      })();
      const compared = await compareWithLive(ws, cases, items.length, await center.head(), onProgress);
      return { ok: report.problems.length === 0 && compared.ok, generation: report.generation, lines: [...lines, ...compared.lines] };
    } finally {
      await restored.close();
      await center.close();
    }
  } finally {
    await rm(scratch, { recursive: true, force: true }).catch(() => undefined);
  }
}

/**
 * A center database's backup: the checks a restore makes before it writes a row (the manifest's HMAC, every object's
 * SHA-256, each case's bundle opened under the center key and checked to hold together: trail chain, records against
 * the trail, files against their hashes; the center settings' HMAC and the center trail's chain), each case then held
 * against the live data. Nothing is written: a temporary database would need the right to create one, which a desk's
 * database role does not have; the restore itself (npm run restore -- --to postgres://…) imports the same checked
 * bundles.
 */
async function drillPgBackup(ws: Workstation, folder: string, dataKey: Buffer, onProgress: (p: DrillProgress) => void): Promise<DrillOutcome> {
  const { manifest } = await openGeneration(folder, undefined, async () => dataKey);
  if (manifest.source.kind !== PG_BACKUP_KIND) throw new RestoreRefusedError('WRONG_KIND', `备份 ${manifest.id} 是单机数据目录的备份，不是本中心数据库的备份`);
  await verifyObjects(folder, manifest, (done, total) => {
    if (done % 500 === 0 || done === total) onProgress({ phase: 'verify', done, total });
  });
  const objects = new ObjectStore(folder);
  const recordsKey = subKey(dataKey, 'records');
  const byPath = new Map(manifest.files.map((f) => [f.path, f]));
  const lines = [`恢复演练：备份 ${manifest.id} 的清单完整性校验通过，${manifest.files.length}个文件的 SHA-256 均与清单一致`];
  let ok = true;
  const stateFile = byPath.get('workstation.json');
  const state = stateFile ? WorkstationSchema.safeParse(JSON.parse((await fetchVerified(objects, stateFile)).toString('utf8'))) : null;
  if (!state?.success || !workstationMacMatches(state.data, dataKey)) {
    ok = false;
    lines.push('备份中的中心设置与人员未通过完整性校验');
  }
  const trailFile = byPath.get(CENTER_TRAIL_FILE);
  const trail = trailFile ? parseTrail((await fetchVerified(objects, trailFile)).toString('utf8'), manifest.id) : [];
  const last = trail.at(-1)?.event;
  const bundles = manifest.files.filter((f) => isCaseBundlePath(f.path));
  const unreadable: string[] = [];
  const cases = (async function* () {
    for (const f of bundles) {
      const id = caseIdOfBundlePath(f.path);
      let bundle: CaseBundle;
      try {
        bundle = openBundle(recordsKey, id, await fetchVerified(objects, f));
        checkBundle(bundle);
      } catch (error) {
        unreadable.push(`${id}：${error instanceof BundleRefusedError ? error.reason : (error as Error).message.slice(0, 100)}`);
        continue;
      }
      const head = bundle.events.at(-1)!;
      yield { id, caseNumber: bundle.record.caseNumber, head: { seq: head.seq, hash: head.hash, length: bundle.events.length }, record: async () => bundle.record };
    }
  })();
  const compared = await compareWithLive(ws, cases, bundles.length, last ? { seq: last.seq, hash: last.hash } : { seq: -1, hash: '' }, onProgress);
  if (unreadable.length > 0) lines.push(`${unreadable.length}件案件的备份不能恢复：${unreadable.slice(0, 5).join('；')}`);
  else lines.push(`${bundles.length}件案件的备份均可恢复：审计链、记录与文件均通过校验`);
  return { ok: ok && unreadable.length === 0 && compared.ok, generation: manifest.id, lines: [...lines, ...compared.lines] };
}

const sha = (value: unknown) => createHash('sha256').update(JSON.stringify(value)).digest('hex');

interface Head {
  seq: number;
  hash: string;
  length: number;
}

async function headOf(store: CaseStore, id: string): Promise<Head | null> {
  const trail = await store.audit(id);
  const last = trail.at(-1);
  return last ? { seq: last.seq, hash: last.hash, length: trail.length } : null;
}

/** A case as the backup holds it: its trail's head, and its record when the heads agree. */
interface BackupCase {
  id: string;
  caseNumber: string;
  head: Head | null;
  record: () => Promise<CaseRecord>;
}

/**
 * The backup held against the live data: every case of the backup must be in the live store, at the same revision
 * with the same record and the same audit head, or later with the backup's head still in its trail (work done since);
 * cases registered since are counted; the center trail's head in the backup must be in the live one.
 */
async function compareWithLive(ws: Workstation, cases: AsyncIterable<BackupCase>, total: number, backupHead: { seq: number; hash: string }, onProgress: (p: DrillProgress) => void): Promise<{ ok: boolean; lines: string[] }> {
  const live = ws.cases;
  const liveTotal = (await live.query({ limit: 0 })).total;
  let same = 0;
  let moved = 0;
  let seen = 0;
  let missing = 0;
  const problems: string[] = [];
  for await (const c of cases) {
    onProgress({ phase: 'compare', done: seen++, total });
    const summary = await live.summary(c.id);
    if (!summary) {
      missing += 1;
      problems.push(`${c.caseNumber}：在备份中，但现有数据中没有`);
      continue;
    }
    const a = c.head;
    const b = await headOf(live, c.id);
    const liveTrail = b && a && b.seq !== a.seq ? await live.audit(c.id) : null;
    if (a && b && a.seq === b.seq && a.hash === b.hash) {
      const [ra, rb] = await Promise.all([c.record(), live.get(c.id)]);
      if (ra.revision === rb.revision && sha(ra) === sha(rb)) same += 1;
      else problems.push(`${c.caseNumber}：审计链相同，但案件记录与现有数据不一致`);
    } else if (a && liveTrail?.find((e) => e.seq === a.seq)?.hash === a.hash) {
      moved += 1;
    } else {
      problems.push(`${c.caseNumber}：备份中的审计链与现有数据的审计链不相接`);
    }
  }
  onProgress({ phase: 'compare', done: total, total });
  const newer = liveTotal - (seen - missing);
  const lines = [`与现有数据比对：备份中${seen}件案件，${same}件完全相同，${moved}件此后有新的办理记录（备份中的记录仍在现有审计链中），现有数据中另有${Math.max(0, newer)}件为备份后登记`];
  const liveTrail = await ws.workstationTrail();
  const centerOk = backupHead.seq < 0 || liveTrail.find((e) => e.seq === backupHead.seq)?.hash === backupHead.hash;
  lines.push(centerOk ? '中心审计记录（人员、设置、登录）与现有记录相接' : '备份中的中心审计记录与现有记录不相接');
  if (problems.length > 0) lines.push(`发现${problems.length}处不一致：${problems.slice(0, 10).join('；')}`);
  else lines.push(`结论：备份可用，恢复后与${formatDateTimeCn(ws.clock.now().toISOString())}的现有数据一致（备份之后的新工作除外）`);
  return { ok: problems.length === 0 && centerOk, lines };
}
