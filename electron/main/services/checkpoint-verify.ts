/**
 * The checkpoints themselves checked, for 数据核验 and `npm run verify`: every one present (numbers 1…n without a gap),
 * readable, signed by one of the center's certificates (current or earlier), chained to the one before by `previous`,
 * and the latest one's root agreeing with the chains recorded so far. What comes back is also the whole list of heads
 * at the latest trustworthy checkpoint, which data-check.ts holds each case's chain against as it reads it.
 *
 * A checkpoint deleted from the end leaves no gap and cannot be told from one never made: the paper register is what
 * catches that.
 */
import type { DurableFs } from '../storage/durable-fs';
import { checkpointNumbers, readCheckpoint } from './checkpoint-files';
import type { PinnedHead } from './checkpoint-heads';
import { CHECKPOINT_GENESIS, type Checkpoint, type CheckpointList, applyChanges, checkpointDigest, checkSignature, rootOf } from './checkpoint-record';

export interface CheckpointVerification {
  count: number;
  /** The latest checkpoint whose signature holds (the one the chains are held against), or null. */
  latest: { number: number; at: string } | null;
  /** In Chinese, each naming the checkpoint. */
  problems: string[];
  /** Every case chain's head as of `latest`. */
  list: CheckpointList;
  workstation: PinnedHead | null;
}

export async function verifyCheckpoints(fs: DurableFs, dataDir: string, centerFingerprints: ReadonlySet<string>): Promise<CheckpointVerification> {
  const numbers = await checkpointNumbers(fs, dataDir);
  const present = new Set(numbers);
  const problems: string[] = [];
  const list: CheckpointList = new Map();
  let workstation: PinnedHead | null = null;
  let latest: Checkpoint | null = null;
  // The record before, as stored, to check `previous` against (null when it is missing or unreadable: said already).
  let before: Checkpoint | null = null;
  let complete = true;
  for (let n = 1; n <= (numbers.at(-1) ?? 0); n++) {
    if (!present.has(n)) {
      problems.push(`数据完整性凭证第${n}号缺失（文件被删除），凭证链在此断开`);
      before = null;
      complete = false;
      continue;
    }
    const read = await readCheckpoint(fs, dataDir, n);
    if (!read.ok) {
      problems.push(read.problem);
      before = null;
      complete = false;
      continue;
    }
    const record = read.record;
    const expected = n === 1 ? CHECKPOINT_GENESIS : before ? checkpointDigest(before) : null;
    if (expected !== null && record.previous !== expected) problems.push(`数据完整性凭证第${n}号与第${n - 1}号不相衔接（凭证链断开：其间的凭证被替换或删改）`);
    before = record;
    const signature = checkSignature(record, centerFingerprints);
    if (signature !== 'ok') {
      problems.push(signature === 'invalid' ? `数据完整性凭证第${n}号的签名无效（凭证内容被改动或伪造）` : `数据完整性凭证第${n}号不是由本中心的签名证书签署的`);
      complete = false;
      continue; // an untrusted record says nothing about the chains
    }
    applyChanges(list, record);
    workstation = { ...record.workstation, number: n };
    latest = record;
  }
  // Older roots are covered by their signatures; the latest is recomputed from the replayed list (when nothing is missing).
  if (latest && complete && rootOf(latest.number, latest.previous, latest.workstation, list) !== latest.root) {
    problems.push(`数据完整性凭证第${latest.number}号的根值与其记录的各办理记录位置不符`);
  }
  return { count: numbers.length, latest: latest ? { number: latest.number, at: latest.at } : null, problems, list, workstation };
}
