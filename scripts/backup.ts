/**
 * 备份 from the command line (issue 15): `npm run backup -- --from DATA_DIR --to TARGET [--login NAME | --recovery-key KEY] [--json]`.
 *
 * Copies the whole data folder into TARGET as it is on disk (records stay sealed under the center key), only what the
 * target does not hold yet, each case as one consistent set while the app may keep working (the folder's lock is not
 * taken); reads back what it wrote, writes the generation's manifest last (authenticated with a key from the data key,
 * hence the unlock: a staff password, or the recovery key, as for npm run verify), then keeps 7 daily, 4 weekly and 12
 * monthly generations and deletes data no kept generation uses. Progress on stderr, the report on stdout (one JSON
 * object with --json); the same result is in TARGET/last-result.json. Exit 0 when the backup is good, 1 when it
 * failed, 2 when it could not run.
 *
 * `--from postgres://user:password@host:5432/database` backs up a center database the same way (pg-source.ts): each
 * case's bundle sealed under the center key, the center's settings, staff, trail and shared files. It is what the desks'
 * schedule does too; the server's own tools (pg_basebackup, WAL archiving) remain the way to back up the whole cluster.
 */
import '../electron/main/threadpool';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { FolderBackupSource } from '../electron/main/backup/folder-source';
import { PgBackupSource, labelOfConnectionUrl } from '../electron/main/backup/pg-source';
import { runBackup } from '../electron/main/backup/run-backup';
import type { BackupSource } from '../electron/main/backup/source';
import { subKey } from '../electron/main/crypto/keyring';
import { createPool } from '../electron/main/storage/pg/connection';
import { PgCaseStore } from '../electron/main/storage/pg/pg-case-store';
import { systemClock } from '../electron/main/services/clock';
import { WorkstationSchema } from '../electron/main/storage/workstation-file';
import { argOf, fail, phasedProgress, progressBar, unlockDataKey } from './cli/unlock';

const args = process.argv.slice(2);
const json = args.includes('--json');
const usage = '用法：npm run backup -- --from 数据目录（或 postgres://用户:密码@主机:端口/数据库） --to 备份目录 [--login 登录名 | --recovery-key 恢复密钥] [--json]';
const fromArg = argOf(args, '--from') ?? fail(usage);
const target = path.resolve(argOf(args, '--to') ?? fail(usage));
const fromDatabase = /^postgres(ql)?:\/\//.test(fromArg);
let source: BackupSource;
let dataKey: Buffer;
let closeSource = async () => undefined as void;
if (fromDatabase) {
  const pool = createPool(fromArg, 2);
  const row = (await pool.query<{ doc: unknown }>('SELECT doc FROM center_state').catch((error: Error) => fail(`无法连接中心数据库：${error.message}`))).rows[0];
  const parsed = WorkstationSchema.safeParse(row?.doc);
  if (!parsed.success) fail('该数据库中没有调解中心的数据（没有中心设置），或中心设置无法读取');
  dataKey = await unlockDataKey({ state: { data: parsed.data! } }, args);
  const cases = await PgCaseStore.open({ connection: fromArg, recordsKey: subKey(dataKey, 'records'), poolSize: 8 });
  source = new PgBackupSource({ cases, pool, dataKey, label: labelOfConnectionUrl(fromArg) });
  closeSource = async () => {
    await cases.close();
    await pool.end();
  };
} else {
  const dataDir = path.resolve(fromArg);
  if (!existsSync(path.join(dataDir, 'workstation.json'))) fail(`${dataDir} 不是调解工作台的数据目录（没有 workstation.json）`);
  if (target === dataDir || target.startsWith(dataDir + path.sep)) fail('备份目录不能在数据目录之内');
  let data;
  try {
    data = WorkstationSchema.parse(JSON.parse(readFileSync(path.join(dataDir, 'workstation.json'), 'utf8')));
  } catch {
    fail(`${dataDir} 中的 workstation.json 无法读取（已损坏）`);
  }
  dataKey = await unlockDataKey({ state: { data: data! } }, args);
  source = new FolderBackupSource(dataDir);
}
const progress = phasedProgress({ copy: '复制', verify: '核对', cleanup: '清理' }, json);
const result = await runBackup({
  source,
  target,
  dataKey,
  clock: systemClock,
  onProgress: progress.report,
});
await closeSource();
progress.end();
const mb = (n: number) => (n / 1024 / 1024).toFixed(1);
if (json) console.log(JSON.stringify(result));
else if (result.ok) {
  console.log(`备份完成：${result.generation}，共 ${result.files} 个文件（${mb(result.bytes)} MB），本次新写入 ${result.objectsWritten} 个（${mb(result.bytesWritten)} MB），已有未重复写入 ${result.objectsReused} 个，用时 ${(result.durationMs / 1000).toFixed(1)} 秒。`);
  console.log('新写入的数据与清单均已读回核对无误。');
  if (result.pruned.length > 0 || result.objectsDeleted > 0) console.log(`按保留规则删除了 ${result.pruned.length} 个旧备份，清理了 ${result.objectsDeleted} 个不再使用的数据文件。`);
  if (result.abandoned.length > 0) console.log(`清除了 ${result.abandoned.length} 个未完成的备份（${result.abandoned.join('、')}）。`);
  if (result.cleanupNote) console.log(result.cleanupNote);
} else {
  console.log(`备份失败：${result.reason}`);
}
process.exit(result.ok ? 0 : 1);
