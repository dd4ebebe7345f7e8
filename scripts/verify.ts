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
import readline from 'node:readline';
import { checkPassword } from '../electron/main/auth/password-hash';
import { parseRecoveryKey } from '../electron/main/crypto/recovery-key';
import { checkpointIntegrity } from '../electron/main/services/checkpoints';
import { checkAllData } from '../electron/main/services/data-check';
import { formatDateTimeCn } from '../electron/shared/format/dates';
import { unwrapFor, unwrapWithRecovery } from '../electron/main/services/keys';
import { Workstation } from '../electron/main/services/workstation';
import { openDataFolder } from '../electron/main/storage/data-folder';
import { normaliseLoginName } from '../electron/shared/domain';

const args = process.argv.slice(2);
const arg = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const json = args.includes('--json');
const fail = (message: string): never => {
  console.error(message);
  process.exit(2);
};

function ask(question: string, hidden: boolean): Promise<string> {
  return new Promise((resolve) => {
    const rl = readline.createInterface({ input: process.stdin, output: process.stderr, terminal: true });
    if (hidden) (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput = (s: string) => void (s.includes(question) && process.stderr.write(s));
    rl.question(question, (answer) => {
      rl.close();
      if (hidden) process.stderr.write('\n');
      resolve(answer);
    });
  });
}

const dataDir = path.resolve(arg('--data-dir') ?? fail('用法：npm run verify -- --data-dir 数据目录 [--login 登录名] [--recovery-key 恢复密钥] [--json]'));
if (!existsSync(path.join(dataDir, 'workstation.json'))) fail(`${dataDir} 不是调解工作台的数据目录（没有 workstation.json）`);
const folder = await openDataFolder(dataDir).catch((error: Error) => fail(`无法打开数据目录：${error.message}`));
const ws = await Workstation.open({ dataDir, host: 'web', version: 'verify', fs: folder.fs });
let exitCode = 2;
try {
  const data = ws.state.data;
  if (!data.keyring?.sealedAt) fail('该数据目录尚未完成加密升级：请先由中心管理员在调解工作台中登录一次');
  const keyring = data.keyring!;
  let dataKey: Buffer | null = null;
  const recovery = arg('--recovery-key') ?? process.env.MEDIATION_RECOVERY_KEY;
  if (recovery) {
    const parsed = parseRecoveryKey(recovery);
    if (!parsed.ok) fail('恢复密钥格式有误');
    dataKey = unwrapWithRecovery(keyring, (parsed as { secret: Buffer }).secret);
    if (!dataKey) fail('恢复密钥不正确');
  } else {
    const login = arg('--login') ?? (await ask('登录名：', false));
    const staff = data.staff.find((s) => normaliseLoginName(s.loginName) === normaliseLoginName(login));
    const credential = staff ? data.credentials[staff.id] : undefined;
    const password = process.env.MEDIATION_VERIFY_PASSWORD ?? (await ask('密码：', true));
    const checked = credential ? await checkPassword(password, credential.password) : { ok: false as const };
    if (!staff || !credential?.dataKey || !checked.ok) fail('登录名或密码不正确');
    dataKey = unwrapFor(keyring, staff!.id, (checked as { kek: Buffer }).kek, credential!.dataKey!);
    if (!dataKey) fail('该账号的数据密钥无法解开，请使用恢复密钥');
  }
  await ws.openWithKey(dataKey!);
  let lastShown = 0;
  const report = await checkAllData(ws.cases, () => new Date(), ({ done, total }) => {
    if (json || Date.now() - lastShown < 200) return;
    lastShown = Date.now();
    const width = 30;
    const filled = total ? Math.round((done / total) * width) : width;
    process.stderr.write(`\r核验 [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}`);
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
