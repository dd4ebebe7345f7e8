/**
 * 从备份恢复 from the command line (issue 15):
 *
 *   npm run restore -- --from BACKUP --to NEW_DATA_DIR [--generation ID] [--login NAME | --recovery-key KEY] [--json]
 *   npm run restore -- --from BACKUP --list
 *   npm run restore -- --from BACKUP --check [--generation ID] [--login NAME | --recovery-key KEY]   (verify, write nothing)
 *   npm run restore -- --from BACKUP --to postgres://owner:password@host:5432/new_database [...]   (a center database's backup)
 *
 * A center database's backup (pg-source.ts) goes into a new, empty PostgreSQL database (as its owner): the tables are
 * created, every case imported from its bundle, the center's settings, staff, trail and files put back, and the
 * database checked (数据核验 of every case, the center trail's chain, the settings' HMAC); a database that is not empty
 * is refused.
 *
 * Unlocks with a staff password or the recovery key against the backup's own workstation.json (nothing else is needed
 * on a new computer), checks the manifest's HMAC and every file's SHA-256, writes into a temporary folder beside the
 * destination, opens it with the real store and checks every case as npm run verify does, and only then renames it
 * into place. A truncated, tampered or incomplete backup is refused with what is wrong, and nothing is left at the
 * destination. Progress on stderr, the report on stdout (one JSON object with --json). Exit 0 when restored and
 * 数据核验 found nothing, 1 when restored with problems found, 2 when refused or it could not run.
 */
import '../electron/main/threadpool';
import path from 'node:path';
import { listGenerations } from '../electron/main/backup/generations';
import { RestoreRefusedError, openGeneration, verifyObjects } from '../electron/main/backup/open-generation';
import { restorePgBackup } from '../electron/main/backup/pg-restore';
import { restoreBackup } from '../electron/main/backup/restore';
import { systemClock } from '../electron/main/services/clock';
import { formatDateTimeCn } from '../electron/shared/format/dates';
import { argOf, fail, phasedProgress, progressBar, unlockDataKey } from './cli/unlock';

const args = process.argv.slice(2);
const json = args.includes('--json');
const usage = '用法：npm run restore -- --from 备份目录 --to 新的数据目录 [--generation 备份编号] [--login 登录名 | --recovery-key 恢复密钥] [--json]；列出备份：--list；只核对不恢复：--check';
const backup = path.resolve(argOf(args, '--from') ?? fail(usage));

if (args.includes('--list')) {
  const all = await listGenerations(backup);
  if (json) console.log(JSON.stringify(all.map((g) => ({ id: g.id, status: g.status, startedAt: g.status === 'complete' ? g.manifest.startedAt : null, files: g.status === 'complete' ? g.manifest.files.length : null }))));
  else if (all.length === 0) console.log(`${backup} 中没有备份。`);
  else {
    const words = { complete: '完整', incomplete: '未完成（不能用于恢复）', damaged: '清单已损坏' } as const;
    for (const g of all) console.log(`${g.id}  ${g.status === 'complete' ? `${formatDateTimeCn(g.manifest.startedAt)}  ${g.manifest.files.length} 个文件` : ''}  ${words[g.status]}`);
  }
  process.exit(0);
}

const generation = argOf(args, '--generation');
if (args.includes('--check')) {
  // The backup disk checked without restoring: the manifest's HMAC and every object's SHA-256.
  try {
    const opened = await openGeneration(backup, generation, (workstation) => unlockDataKey({ state: { data: workstation } }, args));
    const bar = progressBar('核对');
    await verifyObjects(backup, opened.manifest, (done, total) => !json && bar(done, total));
    if (!json) process.stderr.write('\n');
    if (json) console.log(JSON.stringify({ ok: true, generation: opened.manifest.id, files: opened.manifest.files.length }));
    else console.log(`备份 ${opened.manifest.id} 完好：清单通过完整性校验，${opened.manifest.files.length} 个文件的 SHA-256 均与清单一致。`);
    process.exit(0);
  } catch (error) {
    const refused = error instanceof RestoreRefusedError;
    if (json) console.log(JSON.stringify({ ok: false, code: refused ? error.code : 'FAILED', message: (error as Error).message }));
    else console.error(refused ? error.message : `核对失败：${(error as Error).message}`);
    process.exit(2);
  }
}

const toArg = argOf(args, '--to') ?? fail(usage);
if (/^postgres(ql)?:\/\//.test(toArg)) await restoreIntoDatabase(toArg);
const to = path.resolve(toArg);
const progress = phasedProgress({ write: '恢复', check: '核验' }, json);
try {
  const report = await restoreBackup({
    backup,
    to,
    ...(generation ? { generation } : {}),
    unlock: (workstation) => unlockDataKey({ state: { data: workstation } }, args),
    clock: systemClock,
    onProgress: progress.report,
  });
  progress.end();
  if (json) console.log(JSON.stringify({ ok: true, ...report }));
  else {
    console.log(`已从备份 ${report.generation} 恢复 ${report.files} 个文件（${(report.bytes / 1024 / 1024).toFixed(1)} MB）到 ${report.to}，用时 ${(report.ms / 1000).toFixed(1)} 秒。`);
    console.log(`清单与每个文件的 SHA-256 均已核对；用调解工作台的存储打开后核验了 ${report.cases} 件案件、${report.checkedFiles} 个文件。`);
    if (report.problems.length === 0) console.log('未发现问题：所有记录均通过完整性校验，审计链完整。');
    else {
      console.log(`数据核验发现 ${report.problems.length} 个问题（备份时数据目录中即如此）：`);
      for (const p of report.problems) console.log(`  ${p.caseNumber || '（无案号）'}  ${p.message}`);
    }
  }
  process.exit(report.problems.length === 0 ? 0 : 1);
} catch (error) {
  progress.end();
  const refused = error instanceof RestoreRefusedError;
  const message = refused ? error.message : `恢复失败：${(error as Error).message}`;
  if (json) console.log(JSON.stringify({ ok: false, code: refused ? error.code : 'FAILED', message }));
  else console.error(`${message}\n未恢复任何数据，目标文件夹未被改动。`);
  process.exit(2);
}

/** A center database's backup into a new, empty database; exits like the folder's restore. */
async function restoreIntoDatabase(url: string): Promise<never> {
  const pgProgress = phasedProgress({ verify: '核对', write: '导入案件', check: '核验' }, json);
  try {
    const report = await restorePgBackup({
      backup,
      connection: url,
      ...(generation ? { generation } : {}),
      unlock: (workstation) => unlockDataKey({ state: { data: workstation } }, args),
      clock: systemClock,
      onProgress: pgProgress.report,
    });
    pgProgress.end();
    if (json) console.log(JSON.stringify({ ok: true, ...report }));
    else {
      console.log(`已从备份 ${report.generation} 恢复 ${report.cases} 件案件、${report.centerFiles} 个中心共享文件与 ${report.centerTrailEntries} 条中心审计记录到数据库，用时 ${(report.ms / 1000).toFixed(1)} 秒。`);
      if (report.problems.length === 0) console.log('未发现问题：清单、每个文件的 SHA-256、每件案件的审计链与记录、中心设置均已核对。');
      else {
        console.log(`数据核验发现 ${report.problems.length} 个问题：`);
        for (const p of report.problems) console.log(`  ${p.caseNumber || '（中心）'}  ${p.message}`);
      }
    }
    process.exit(report.problems.length === 0 ? 0 : 1);
  } catch (error) {
    pgProgress.end();
    const refused = error instanceof RestoreRefusedError;
    const message = refused ? error.message : `恢复失败：${(error as Error).message}`;
    if (json) console.log(JSON.stringify({ ok: false, code: refused ? error.code : 'FAILED', message }));
    else console.error(refused ? `${message}\n未向数据库写入任何数据。` : message);
    process.exit(2);
  }
}
