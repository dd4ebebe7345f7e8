import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { writeFileDurable } from '../main/storage/durable-fs';

/**
 * Browser mode keeps its port per data folder. The page keeps its copy of unsaved statements in localStorage, which
 * the browser binds to the origin, port included: a server that came back on a new random port after a crash left
 * that copy out of reach. So the port chosen the first time is kept in the data folder and asked for again.
 */
export const PORT_FILE = 'web-port.json';

/** The kept port from the file's text, or null (no file, damaged, not a user port). */
export function parseKeptPort(text: string | null): number | null {
  if (text === null) return null;
  try {
    const port = (JSON.parse(text) as { port?: unknown }).port;
    return typeof port === 'number' && Number.isInteger(port) && port >= 1024 && port <= 65535 ? port : null;
  } catch {
    return null;
  }
}

export type PortChoice = { port: number; source: 'explicit' | 'kept' | 'new' };

/**
 * Which port to listen on: MEDIATION_WEB_PORT when it names one (tests, an administrator's choice), else the one kept
 * for this data folder, else any free one (0). An empty, '0' or malformed variable names none.
 */
export function choosePort(envPort: string | undefined, kept: number | null): PortChoice {
  const explicit = Number(envPort ?? '');
  if (envPort && Number.isInteger(explicit) && explicit > 0 && explicit <= 65535) return { port: explicit, source: 'explicit' };
  if (kept !== null) return { port: kept, source: 'kept' };
  return { port: 0, source: 'new' };
}

/** What to print when the kept port is taken and another was used, so the person knows where their old page was. */
export function portMovedMessage(kept: number, actual: number): string {
  return (
    `本数据目录上次使用的端口 ${kept} 已被其他程序占用，本次改用端口 ${actual}（以后将沿用新端口）。` +
    `如果旧地址 http://127.0.0.1:${kept}/ 的页面中有尚未保存的记录，请先关闭占用该端口的程序，再重新启动调解工作台，用旧地址打开即可找回。`
  );
}

export async function readKeptPort(dataDir: string): Promise<number | null> {
  const text = await readFile(path.join(dataDir, PORT_FILE), 'utf8').catch(() => null);
  return parseKeptPort(text);
}

export async function keepPort(dataDir: string, port: number): Promise<void> {
  await writeFileDurable(path.join(dataDir, PORT_FILE), JSON.stringify({ port }) + '\n');
}
