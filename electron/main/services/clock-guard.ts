/**
 * The clock guard. Case numbers and signatures are stamped with the workstation's clock, and both must stay in order:
 * a （2026）…第0001号 issued after （2027）…第0001号, or an agreement signed "before" the one signed yesterday, is
 * wrong on paper. So the latest time stamped so far is kept (storage/clock-mark.ts); when the clock reads earlier than
 * that by more than an NTP step, registering and signing are refused (CLOCK_BEHIND) and every screen says why
 * (AppInfo.clockWarning), until the clock is corrected or an administrator confirms that the time now shown is right
 * (clock:confirm, audited). Time is always `ws.clock`.
 */
import type { Staff } from '../../shared/domain';
import { formatDateTimeCn } from '../../shared/format';
import type { ClockWarning } from '../../shared/ipc/contract';
import { ApiFailure } from '../../shared/ipc/result';
import { decide } from '../../shared/policy/policy';
import { ClockMark } from '../storage/clock-mark';
import type { FileProblem } from '../storage/durable-json-file';
import type { Workstation } from './workstation';

/** How far the clock may read behind the mark: NTP corrects a drifting clock by steps of seconds, rarely more. */
export const CLOCK_TOLERANCE_MS = 2 * 60_000;

const marks = new WeakMap<Workstation, Promise<ClockMark>>();
const problems = new WeakMap<Workstation, FileProblem[]>();

/** The workstation's mark, read at the first use (a data folder from before the mark starts from its newest case). */
function markOf(ws: Workstation): Promise<ClockMark> {
  let mark = marks.get(ws);
  if (!mark) {
    const found: FileProblem[] = [];
    problems.set(ws, found);
    mark = ClockMark.open(ws.opts.dataDir, {
      ...(ws.opts.fs ? { fs: ws.opts.fs } : {}),
      onProblem: (p) => found.push(p),
      seed: async () => (await ws.cases.query({ limit: 1 })).items[0]?.registeredAt ?? null,
    });
    marks.set(ws, mark);
    // A mark that could not be read (a disk error) is tried again at the next call rather than remembered.
    mark.catch(() => marks.delete(ws));
  }
  return mark;
}

/** A damaged clock.json, for the store problems every screen lists. */
export function clockProblems(ws: Workstation): string[] {
  return (problems.get(ws) ?? []).map((p) => p.message);
}

/** What the screens show while the clock reads earlier than the mark; null when it does not. */
export async function clockWarning(ws: Workstation): Promise<ClockWarning | null> {
  const highWater = (await markOf(ws)).highWater;
  const now = ws.clock.now();
  if (highWater === null || now.getTime() >= Date.parse(highWater) - CLOCK_TOLERANCE_MS) return null;
  return { now: now.toISOString(), highWater };
}

/** 3天2小时, 5小时12分钟, 7分钟. */
function gap(ms: number): string {
  const minutes = Math.floor(ms / 60_000);
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  if (days > 0) return `${days}天${hours ? `${hours}小时` : ''}`;
  return hours > 0 ? `${hours}小时${minutes % 60 ? `${minutes % 60}分钟` : ''}` : `${minutes}分钟`;
}

/**
 * Before something is stamped with the clock (a case number, a signature, the seal): refuses with CLOCK_BEHIND while
 * the clock reads behind the mark, else raises the mark to now (durably) and lets it go on.
 */
export async function stampClock(ws: Workstation, what: '登记案件' | '签署或盖章'): Promise<void> {
  const warning = await clockWarning(ws);
  if (warning) {
    throw new ApiFailure(
      'CLOCK_BEHIND',
      `本机系统时间（${formatDateTimeCn(warning.now)}）早于工作台已记录的时间（${formatDateTimeCn(warning.highWater)}），可能被调回过。` +
        `为保证案件编号和签署时间不倒序，暂不能${what}。请先核对本机时间：时间有误的，请校正后重试；时间确实正确的，请中心管理员确认后继续。`,
    );
  }
  await (await markOf(ws)).raise(ws.clock.now());
}

/**
 * clock:confirm: an administrator confirms that the time the clock reads now is right (the mark was set by a clock
 * that ran ahead). `highWater` is the mark the warning they saw named, so that a stale screen confirms nothing. Audited
 * in the workstation trail, then the mark is set to now. Nothing to confirm: answers null and writes nothing.
 */
export async function confirmClock(ws: Workstation, input: { highWater: string }, actor: Staff): Promise<ClockWarning | null> {
  // dispatch asks the policy table first; asked again here for direct callers.
  const refusal = decide('clock:confirm', { roles: actor.roles });
  if (refusal) throw new ApiFailure('FORBIDDEN', refusal.message);
  const warning = await clockWarning(ws);
  if (!warning) return null;
  if (Date.parse(input.highWater) !== Date.parse(warning.highWater)) throw new ApiFailure('CONFLICT', '系统时间提示已更新，请刷新页面后重新确认');
  const behind = Date.parse(warning.highWater) - Date.parse(warning.now);
  await ws.audit({
    actorId: actor.id,
    actorName: actor.name,
    action: 'clock:confirm',
    detail: `确认本机当前时间正确：当前时间${formatDateTimeCn(warning.now)}，早于此前记录的最晚时间${formatDateTimeCn(warning.highWater)}约${gap(behind)}；此后以当前时间为准继续登记案件和签署`,
  });
  await (await markOf(ws)).reset(new Date(warning.now));
  return null;
}
