/**
 * `npm run trial:center`: a center of three desks on one PostgreSQL server, on this machine, in browser mode, to try
 * 中心数据库 before a center installs it for real. Starts a throwaway PostgreSQL 15 cluster (Debian's package, as the
 * tests do: tests/fixtures/postgres.ts), writes each desk's desk.json pointing at it, starts three browser-mode
 * servers (接待窗口, 调解室, 法律顾问办公室), each with its own data folder, and prints their addresses. Ctrl+C stops
 * everything and removes the trial's data: nothing here is meant to be kept.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeDeskConfig } from '../electron/main/storage/desk-config';
import { PG_SUPERUSER, startPostgres } from '../tests/fixtures/postgres';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const tsxCli = createRequire(import.meta.url).resolve('tsx/cli');
const DESKS = ['接待窗口', '调解室', '法律顾问办公室'] as const;

function startDesk(name: string, dataDir: string): Promise<{ child: ChildProcess; url: string }> {
  const env: NodeJS.ProcessEnv = { ...process.env, MEDIATION_WEB_PORT: '0' };
  const child = spawn(process.execPath, [tsxCli, 'electron/web/main.ts', '--data-dir', dataDir], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name}未能启动：\n${output}`)), 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /(http:\/\/127\.0\.0\.1:\d+\/#token=\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve({ child, url: match[1]! });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (c: Buffer) => {
      output += c.toString();
      process.stderr.write(`[${name}] ${c.toString()}`);
    });
    child.on('exit', (code) => reject(new Error(`${name}已退出（${code}）：\n${output}`)));
  });
}

async function main(): Promise<void> {
  console.log('正在启动试用用的 PostgreSQL 15 数据库服务器……');
  const cluster = await startPostgres();
  const database = await cluster.createDatabase('mediation_trial');
  const folders = await mkdtemp(path.join(os.tmpdir(), 'mw-trial-'));
  const children: ChildProcess[] = [];
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    for (const child of children) child.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 1500));
    await cluster.destroy();
    await rm(folders, { recursive: true, force: true });
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());

  // The renderer is built once here, not by three servers at the same moment.
  await new Promise<void>((resolve, reject) => {
    const build = spawn(process.execPath, [tsxCli, 'scripts/ensure-renderer.ts'], { cwd: root, stdio: 'inherit' });
    build.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`renderer build failed (${code})`))));
  });
  const urls: string[] = [];
  for (const [i, name] of DESKS.entries()) {
    const dataDir = path.join(folders, `desk-${i + 1}`);
    await mkdir(dataDir, { recursive: true, mode: 0o700 });
    await writeDeskConfig(dataDir, { schemaVersion: 1, store: 'postgres', database: { host: cluster.dir, port: 5432, database, user: PG_SUPERUSER, password: '', tls: 'off' } });
    const desk = await startDesk(name, dataDir);
    children.push(desk.child);
    urls.push(`  ${i + 1}. ${name}：${desk.url}`);
  }
  console.log('\n三台工作台已连接同一个中心数据库（试用数据在退出时删除）：');
  console.log(urls.join('\n'));
  console.log('\n请先在第 1 台完成初始设置（中心管理员），再在另外两台用同一账号或新建的账号登录。');
  console.log('在一台登记的案件会在其他工作台的“今日接待”上立即出现。按 Ctrl+C 结束试用。');
}

main().catch((error) => {
  console.error('试用启动失败：', error);
  process.exit(1);
});
