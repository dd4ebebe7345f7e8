/**
 * Unlocking a data folder from the command line (npm run verify, migrate, backup, restore): with a staff member's password
 * (asked for on the terminal without echo, or MEDIATION_VERIFY_PASSWORD) or with the recovery key (--recovery-key,
 * or MEDIATION_RECOVERY_KEY). Returns the center's data key, or ends the process with a message in Chinese.
 */
import readline from 'node:readline';
import { checkPassword } from '../../electron/main/auth/password-hash';
import { parseRecoveryKey } from '../../electron/main/crypto/recovery-key';
import { unwrapFor, unwrapWithRecovery } from '../../electron/main/services/keys';
import type { WorkstationData } from '../../electron/main/storage/workstation-file';
import { normaliseLoginName } from '../../electron/shared/domain';

export const argOf = (args: readonly string[], name: string): string | undefined => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};

/** Prints the message and exits with 2 ("could not run"). */
export const fail = (message: string): never => {
  console.error(message);
  process.exit(2);
};

export function ask(question: string, hidden: boolean): Promise<string> {
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

/** `ws`: an open Workstation, or just a workstation file's contents (npm run backup reads a folder the app may hold). */
export async function unlockDataKey(ws: { state: { data: WorkstationData } }, args: readonly string[]): Promise<Buffer> {
  const data = ws.state.data;
  if (!data.keyring?.sealedAt) fail('该数据目录尚未完成加密升级：请先由中心管理员在调解工作台中登录一次');
  const keyring = data.keyring!;
  const recovery = argOf(args, '--recovery-key') ?? process.env.MEDIATION_RECOVERY_KEY;
  if (recovery) {
    const parsed = parseRecoveryKey(recovery);
    if (!parsed.ok) fail('恢复密钥格式有误');
    return unwrapWithRecovery(keyring, (parsed as { secret: Buffer }).secret) ?? fail('恢复密钥不正确');
  }
  const login = argOf(args, '--login') ?? (await ask('登录名：', false));
  const staff = data.staff.find((s) => normaliseLoginName(s.loginName) === normaliseLoginName(login));
  const credential = staff ? data.credentials[staff.id] : undefined;
  const password = process.env.MEDIATION_VERIFY_PASSWORD ?? (await ask('密码：', true));
  const checked = credential ? await checkPassword(password, credential.password) : { ok: false as const };
  if (!staff || !credential?.dataKey || !checked.ok) fail('登录名或密码不正确');
  return unwrapFor(keyring, staff!.id, (checked as { kek: Buffer }).kek, credential!.dataKey!) ?? fail('该账号的数据密钥无法解开，请使用恢复密钥');
}

/** A progress bar on stderr, at most five times a second. */
/**
 * Progress of a run with phases (copy, verify …), one bar each on stderr: `report` is the run's onProgress (silent
 * with --json), `end` closes the last bar's line.
 */
export function phasedProgress<P extends string>(labels: Record<P, string>, silent: boolean) {
  const bars = Object.fromEntries(Object.entries(labels).map(([phase, label]) => [phase, progressBar(label as string)])) as Record<P, ReturnType<typeof progressBar>>;
  let phase = '';
  return {
    report: (p: { phase: P; done: number; total: number }) => {
      if (silent) return;
      if (phase && phase !== p.phase) process.stderr.write('\n');
      phase = p.phase;
      bars[p.phase](p.done, p.total);
    },
    end: () => {
      if (!silent && phase) process.stderr.write('\n');
      phase = '';
    },
  };
}

export function progressBar(label: string): (done: number, total: number) => void {
  let lastShown = 0;
  return (done, total) => {
    if (Date.now() - lastShown < 200 && done !== total) return;
    lastShown = Date.now();
    const width = 30;
    const filled = total ? Math.round((done / total) * width) : width;
    process.stderr.write(`\r${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}`);
  };
}
