import '../main/threadpool';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readFileSync } from 'node:fs';
import { resolveDataDir } from '../main/data-dir';
import { DataDirLockedError } from '../main/storage/data-dir-lock';
import { type DataFolder, openDataFolder } from '../main/storage/data-folder';
import { scheduleDocumentWarmUp } from '../main/documents/warm-up';
import { Workstation } from '../main/services/workstation';
import { backupsOf } from '../main/services/backup-scheduler';
import { choosePort, keepPort, portMovedMessage, readKeptPort } from './port';
import { createWebServer } from './server';
import { LaunchCodes, launchToken, loadSessionKey } from './session';

/** `npm run web`: the app in a browser, for machines without an Electron binary (and for the e2e tests). */
async function main(): Promise<void> {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
  const version = (JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string }).version;
  const dataDir = resolveDataDir(process.argv.slice(2));
  // Tests pass a fixed launch code so that Playwright can open the page; otherwise a fresh random one per launch.
  // Either way it is good for one exchange only (electron/web/session.ts).
  const token = launchToken(process.env.MEDIATION_WEB_TOKEN);
  if (!token.ok) {
    console.error(token.message);
    process.exit(2);
  }
  let folder: DataFolder;
  try {
    folder = await openDataFolder(dataDir);
  } catch (error) {
    if (error instanceof DataDirLockedError) {
      console.error(`数据目录 ${dataDir} 正由另一个调解工作台进程${error.pid === null ? '' : `（PID ${error.pid}）`}使用，不能同时打开。`);
      process.exit(2);
    }
    throw error;
  }
  const ws = await Workstation.open({ dataDir, host: 'web', version, fs: folder.fs });
  // 定时备份 (issue 15): daily at the administrator's time, and once more (time-limited) when the server stops.
  backupsOf(ws).start({ atClose: true });
  const choice = choosePort(process.env.MEDIATION_WEB_PORT, await readKeptPort(dataDir));
  const port = choice.port;
  const sessionKey = await loadSessionKey(dataDir);
  const codes = new LaunchCodes(token.token);
  let actualPort = port;
  // Once a code is used, a fresh one is printed, for another browser (or this one after it was closed).
  const onCodeUsed = () => console.log(`启动地址已使用。如需在另一个浏览器中打开，请使用新的一次性地址：http://127.0.0.1:${actualPort}/#token=${codes.issue()}`);
  const server = createWebServer({ ws, rendererDir: path.join(root, 'out', 'renderer'), token: codes, sessionKey, port, onCodeUsed });
  const listening = () => {
    const address = server.address();
    actualPort = typeof address === 'object' && address ? address.port : port;
    if (choice.source === 'kept' && actualPort !== port) console.warn(portMovedMessage(port, actualPort));
    if (choice.source !== 'explicit' && actualPort !== port) {
      keepPort(dataDir, actualPort).catch((e) => console.error(`无法在数据目录中记下端口 ${actualPort}：`, e));
    }
    console.log(`调解工作台（浏览器模式）已启动，数据目录：${dataDir}`);
    console.log(`请在浏览器中打开（该地址只能使用一次；同一浏览器中的其他标签页直接打开 http://127.0.0.1:${actualPort}/ 即可）：`);
    console.log(`http://127.0.0.1:${actualPort}/#token=${token.token}`);
    scheduleDocumentWarmUp();
  };
  // The kept port may have been taken meanwhile by another program: then any free one, said so (listening()).
  server.once('error', (error: NodeJS.ErrnoException) => {
    if (choice.source !== 'kept' || error.code !== 'EADDRINUSE') throw error;
    server.listen(0, '127.0.0.1');
  });
  server.once('listening', listening);
  server.listen(port, '127.0.0.1');
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    server.close();
    await ws.close().catch((e) => console.error('closing the store failed', e));
    folder.release();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

main().catch((error) => {
  console.error('调解工作台启动失败：', error);
  process.exit(1);
});
