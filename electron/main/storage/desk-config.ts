import path from 'node:path';
import type pg from 'pg';
import { z } from 'zod';
import { type CenterDatabase, CenterDatabaseSchema } from '../../shared/ipc/auth-inputs';
import { type DurableFs, realFs, writeFileDurable } from './durable-fs';

/**
 * How this desk keeps the center's data: in its own data folder (单机, the default: no file at all), or in the center's
 * PostgreSQL database shared by its desks (中心数据库). Kept in the desk's data folder as desk.json, owner-only like
 * every file there; it holds the desk's database password, which a desk needs before anyone signs in.
 */
const DeskConfigSchema = z.discriminatedUnion('store', [
  z.strictObject({ schemaVersion: z.literal(1), store: z.literal('file') }),
  z.strictObject({ schemaVersion: z.literal(1), store: z.literal('postgres'), database: CenterDatabaseSchema }),
]);
export type DeskConfig = z.infer<typeof DeskConfigSchema>;

const FILE = 'desk.json';

export class DeskConfigUnreadableError extends Error {
  constructor(file: string, reason: string) {
    super(`本工作台的数据库设置（${file}）无法读取：${reason}。请删除该文件后重新选择“单机”或“中心数据库”，或从备份中取回`);
    this.name = 'DeskConfigUnreadableError';
  }
}

/** The desk's choice; a folder without desk.json is a single desk. A damaged file stops the start (never a silent 单机). */
export async function readDeskConfig(dataDir: string, fs: DurableFs = realFs): Promise<DeskConfig> {
  const file = path.join(dataDir, FILE);
  let raw: Buffer;
  try {
    raw = await fs.readFile(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { schemaVersion: 1, store: 'file' };
    throw error;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw.toString('utf8'));
  } catch {
    throw new DeskConfigUnreadableError(file, '不是有效的JSON');
  }
  const result = DeskConfigSchema.safeParse(parsed);
  if (!result.success) throw new DeskConfigUnreadableError(file, result.error.issues.map((i) => i.message).join('；'));
  return result.data;
}

export async function writeDeskConfig(dataDir: string, config: DeskConfig, fs: DurableFs = realFs): Promise<void> {
  await writeFileDurable(path.join(dataDir, FILE), `${JSON.stringify(config, null, 2)}\n`, {}, fs);
}

/** node-postgres settings for a center database, with a short connect timeout so that a wrong address fails fast. */
export function pgConfigOf(db: CenterDatabase): pg.PoolConfig {
  return {
    host: db.host,
    port: db.port,
    database: db.database,
    user: db.user,
    password: db.password,
    ssl: db.tls === 'off' ? false : { rejectUnauthorized: db.tls === 'verify' },
    connectionTimeoutMillis: 5_000,
  };
}
