/**
 * Moving a center's cases between a desk's data folder and the center's PostgreSQL database (issue #14):
 *
 *   npm run migrate -- --from DATA_DIR --to postgres://user:password@host:5432/database [--login NAME | --recovery-key KEY] [--json]
 *   npm run migrate -- --from postgres://… --to DATA_DIR …   (the way back)
 *
 * The folder is unlocked as for npm run verify (a staff password or the recovery key); the database's rows are sealed
 * with the same center key. Every case is copied as one bundle (record, sessions, agreement, files, its audit trail
 * verbatim, its number), read back from the target and compared (copy-cases.ts). Idempotent and resumable: run it
 * again after an interruption and it finishes, copying nothing twice. Progress on stderr, the report on stdout (one
 * JSON object with --json). Exit 0 when every case is in the target, 1 when some could not be copied, 2 when it could
 * not run.
 *
 * The way back needs a folder of the same center (its workstation.json holds the staff and the wrapped keys, which
 * are not kept in the database yet).
 */
import '../electron/main/threadpool';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { subKey } from '../electron/main/crypto/keyring';
import { Workstation } from '../electron/main/services/workstation';
import type { CaseStore } from '../electron/main/storage/case-store';
import { copyCases } from '../electron/main/storage/copy-cases';
import { openDataFolder } from '../electron/main/storage/data-folder';
import { PgCaseStore } from '../electron/main/storage/pg/pg-case-store';
import { argOf, fail, progressBar, unlockDataKey } from './cli/unlock';

const args = process.argv.slice(2);
const json = args.includes('--json');
const usage = '用法：npm run migrate -- --from 数据目录 --to postgres://用户:密码@主机:端口/数据库 [--login 登录名 | --recovery-key 恢复密钥] [--json]（反向：--from postgres://… --to 数据目录）';
const from = argOf(args, '--from') ?? fail(usage);
const to = argOf(args, '--to') ?? fail(usage);
const isUrl = (s: string) => /^postgres(ql)?:\/\//.test(s);
if (isUrl(from) === isUrl(to)) fail(`${usage}\n一端须为数据目录，另一端须为 PostgreSQL 连接地址`);
const dataDir = path.resolve(isUrl(from) ? to : from);
const url = isUrl(from) ? from : to;
if (!existsSync(path.join(dataDir, 'workstation.json'))) fail(`${dataDir} 不是调解工作台的数据目录（没有 workstation.json）`);

const folder = await openDataFolder(dataDir).catch((error: Error) => fail(`无法打开数据目录（是否有调解工作台正在使用它？）：${error.message}`));
const ws = await Workstation.open({ dataDir, host: 'web', version: 'migrate', fs: folder.fs });
let exitCode = 2;
let database: PgCaseStore | null = null;
try {
  const dataKey = await unlockDataKey(ws, args);
  await ws.openWithKey(dataKey);
  database = await PgCaseStore.open({ connection: url, recordsKey: subKey(dataKey, 'records') }).catch((error: Error) =>
    fail(`无法连接中心数据库或打开其中的数据：${error.message}（请检查地址、用户名、密码，以及该数据库是否属于本中心）`),
  );
  const [source, target]: [CaseStore, CaseStore] = isUrl(from) ? [database, ws.cases] : [ws.cases, database];
  const report = await copyCases(source, target, json ? undefined : progressBar('复制案件'));
  if (!json) process.stderr.write('\n');
  if (json) console.log(JSON.stringify({ from: isUrl(from) ? 'postgresql' : dataDir, to: isUrl(to) ? 'postgresql' : dataDir, ...report }));
  else {
    console.log(`共 ${report.total} 件案件：本次复制 ${report.imported} 件，已在目标中且一致 ${report.present} 件，用时 ${(report.ms / 1000).toFixed(1)} 秒。`);
    console.log('每件案件的记录、调解记录、协议、文件与审计链均已从目标读回并与源数据逐项核对。');
    if (report.problems.length > 0) {
      console.log(`有 ${report.problems.length} 件未能复制：`);
      for (const p of report.problems) console.log(`  ${p.caseNumber}  ${p.message}`);
    }
  }
  exitCode = report.problems.length === 0 ? 0 : 1;
} finally {
  await database?.close();
  await ws.close();
  folder.release();
}
process.exit(exitCode);
