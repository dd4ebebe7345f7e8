/**
 * A chain read back against the head a checkpoint recorded of it: the entry at that seq must still be there with that
 * hash. A hash chain alone cannot show its tail cut off, or its history rewritten by someone who recomputes every
 * hash after the edit; the signed head can (reliability.md §3.1).
 */
import type { AuditEvent } from '../../shared/domain';
import { findBrokenLink } from '../storage/audit-log';
import type { ChainHead } from '../storage/case-store';

/** The head a checkpoint recorded, and which checkpoint (for the message). */
export interface PinnedHead extends ChainHead {
  number: number;
}

/** What a chain is called in a message: a case's trail, or the workstation's. */
export const CASE_TRAIL = '办理记录（审计链）';
export const WORKSTATION_TRAIL = '工作站日志（审计链）';

/** Why the chain no longer holds the pinned entry (in Chinese, without the case number), or null when it does. */
export function pinnedProblem(pinned: PinnedHead, events: readonly AuditEvent[], what = CASE_TRAIL): string | null {
  if (pinned.seq < 0) return null; // an empty trail pins nothing
  const entry = events.find((e) => e.seq === pinned.seq);
  if (!entry) return `${what}被截短：数据完整性凭证第${pinned.number}号记录其已有${pinned.seq + 1}条，现仅有${events.length}条`;
  if (entry.hash !== pinned.hash) return `${what}第${pinned.seq + 1}条及以前的内容与数据完整性凭证第${pinned.number}号记录的不符：此前的历史记录被改写`;
  return null;
}

export interface HeadDecision {
  /** The head the next checkpoint records (the pinned one again when the chain cannot be trusted past it), or null. */
  head: ChainHead | null;
  /** What is wrong with the chain, in Chinese, or null. */
  problem: string | null;
}

/**
 * Where a chain stands for the next checkpoint. It moves on only along an unbroken chain that still holds the pinned
 * entry: a chain cut short, rewritten or broken before it keeps the pinned head, so the damage stays visible in every
 * later checkpoint instead of being signed as the new truth. A break after the pinned entry stops the head before it.
 */
export function advanceHead(pinned: PinnedHead | undefined, events: readonly AuditEvent[], what = CASE_TRAIL): HeadDecision {
  const broken = findBrokenLink([...events]);
  const intact = broken === null ? events : events.slice(0, events.findIndex((e) => e.seq === broken));
  const last = intact.at(-1);
  const brokenAt = broken === null ? null : `${what}在第${broken + 1}条处断开：其后的记录可能被删改、重排或插入`;
  if (!pinned || pinned.seq < 0) return { head: last ? { seq: last.seq, hash: last.hash } : null, problem: brokenAt };
  const lost = pinnedProblem(pinned, events, what);
  if (lost) return { head: { seq: pinned.seq, hash: pinned.hash }, problem: lost };
  if (broken !== null && broken <= pinned.seq) return { head: { seq: pinned.seq, hash: pinned.hash }, problem: brokenAt };
  return { head: { seq: last!.seq, hash: last!.hash }, problem: brokenAt };
}
