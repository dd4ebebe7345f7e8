/**
 * Where checkpoints live: `<data dir>/checkpoints/000001.json`, one file each, written once (temp file, fsync,
 * rename, directory fsync: a crash leaves the file whole or absent, never torn) and never replaced. They go through
 * the sealed file access like the case records, so an edited file fails authentication before its signature is
 * even looked at.
 */
import path from 'node:path';
import { type DurableFs, ensureDirDurable, removeStaleTemps, writeFileDurable } from '../storage/durable-fs';
import { isTampered } from '../storage/sealed-fs';
import { type Checkpoint, CheckpointSchema } from './checkpoint-record';

export const CHECKPOINTS_DIR = 'checkpoints';
const NAME = /^(\d{6,})\.json$/;

export const checkpointsDir = (dataDir: string) => path.join(dataDir, CHECKPOINTS_DIR);
export const checkpointFile = (dataDir: string, number: number) => path.join(checkpointsDir(dataDir), `${String(number).padStart(6, '0')}.json`);

/** The numbers of the checkpoint files present, ascending. */
export async function checkpointNumbers(fs: DurableFs, dataDir: string): Promise<number[]> {
  let names: string[];
  try {
    names = await fs.readdir(checkpointsDir(dataDir));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  return names
    .map((n) => NAME.exec(n)?.[1])
    .filter((n): n is string => n !== undefined)
    .map(Number)
    .sort((a, b) => a - b);
}

export type ReadCheckpoint = { ok: true; record: Checkpoint } | { ok: false; problem: string };

/** One checkpoint, or why it cannot be used (in Chinese). */
export async function readCheckpoint(fs: DurableFs, dataDir: string, number: number): Promise<ReadCheckpoint> {
  let bytes: Buffer;
  try {
    bytes = await fs.readFile(checkpointFile(dataDir, number));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { ok: false, problem: `数据完整性凭证第${number}号缺失` };
    if (isTampered(error)) return { ok: false, problem: `数据完整性凭证第${number}号的文件未通过完整性校验（已损坏或在本软件之外被改动）` };
    throw error;
  }
  try {
    const record = CheckpointSchema.parse(JSON.parse(bytes.toString('utf8')));
    if (record.number !== number) return { ok: false, problem: `数据完整性凭证第${number}号的文件内容是第${record.number}号（文件被调换）` };
    return { ok: true, record };
  } catch {
    return { ok: false, problem: `数据完整性凭证第${number}号的文件无法读取（格式不正确）` };
  }
}

/** Stores a checkpoint under its number; one already there is never replaced (the caller numbers them one at a time). */
export async function writeCheckpoint(fs: DurableFs, dataDir: string, record: Checkpoint): Promise<void> {
  const dir = checkpointsDir(dataDir);
  await ensureDirDurable(dir, fs);
  await removeStaleTemps(dir, fs);
  const file = checkpointFile(dataDir, record.number);
  const exists = await fs.stat(file).then(
    () => true,
    () => false,
  );
  if (exists) throw new Error(`checkpoint ${record.number} exists already`);
  await writeFileDurable(file, JSON.stringify(record), {}, fs);
}
