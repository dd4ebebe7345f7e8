/**
 * 数据核验 from the command line: `npm run verify -- --data-dir DIR [--login NAME] [--json]`.
 *
 * Opens the data folder (refused while the app has it open), unlocks it with a staff member's password (asked for on
 * the terminal without echo, or MEDIATION_VERIFY_PASSWORD) or with the recovery key (--recovery-key, or
 * MEDIATION_RECOVERY_KEY), and checks every case as the 数据核验 screen does (electron/main/services/data-check.ts):
 * every record authenticates and matches its audit trail, every trail's chain is unbroken, previous generations
 * authenticate, every issued file, attachment and signature has its recorded SHA-256, and the 数据完整性凭证 are
 * intact, chained and the center's, every chain still holding the head the latest one recorded. Progress on stderr; the report
 * (or with --json one JSON object) on stdout. Exit 0 when nothing was found, 1 when something was, 2 when it could
 * not run.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { checkpointIntegrity } from '../electron/main/services/checkpoints';
import { checkAllData } from '../electron/main/services/data-check';
import { formatDateTimeCn } from '../electron/shared/format/dates';
import { Workstation } from '../electron/main/services/workstation';
import { openDataFolder } from '../electron/main/storage/data-folder';
import { argOf, fail, progressBar, unlockDataKey } from './cli/unlock';

const args = process.argv.slice(2);
const arg = (name: string) => argOf(args, name);
const json = args.includes('--json');

const dataDir = path.resolve(arg('--data-dir') ?? fail('用法：npm run verify -- --data-dir 数据目录 [--login 登录名] [--recovery-key 恢复密钥] [--json]'));
if (!existsSync(path.join(dataDir, 'workstation.json'))) fail(`${dataDir} 不是调解工作台的数据目录（没有 workstation.json）`);
const folder = await openDataFolder(dataDir).catch((error: Error) => fail(`无法打开数据目录：${error.message}`));
const ws = await Workstation.open({ dataDir, host: 'web', version: 'verify', fs: folder.fs });
let exitCode = 2;
try {
  await ws.openWithKey(await unlockDataKey(ws, args));
  const bar = progressBar('核验');
  const report = await checkAllData(ws.cases, () => new Date(), ({ done, total }) => {
    if (!json) bar(done, total);
  }, checkpointIntegrity(ws));
  if (!json) process.stderr.write('\n');
  if (json) console.log(JSON.stringify(report));
  else {
    console.log(`已核验 ${report.cases} 件案件、${report.files} 个文件，用时 ${(report.ms / 1000).toFixed(1)} 秒。`);
    const cp = report.checkpoints;
    if (cp) console.log(cp.latest ? `数据完整性凭证 ${cp.count} 份，各案件办理记录已与最近一份（第${cp.latest.number}号，${formatDateTimeCn(cp.latest.at)}）核对。` : '尚无数据完整性凭证。');
    if (report.problems.length === 0) console.log('未发现问题：所有记录均通过完整性校验，审计链完整。');
    else {
      console.log(`发现 ${report.problems.length} 个问题：`);
      for (const p of report.problems) console.log(`  ${p.caseNumber || '（无案号）'}  ${p.message}`);
    }
  }
  exitCode = report.problems.length === 0 ? 0 : 1;
} finally {
  await ws.close();
  folder.release();
}
process.exit(exitCode);
