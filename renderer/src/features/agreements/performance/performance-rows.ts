/**
 * The obligations of an effective agreement as lines to track (人民调解法 art. 31: the committee supervises
 * performance): one line per obligation, or per instalment of a payment by instalments, with its due date, what was
 * recorded about it and whether it needs attention (overdue, or due within a week). Pure, for the panel and its tests.
 */
import type { AgreementItem, PerformanceEntry } from '../../../../../electron/shared/domain/agreement';
import { isObligation, itemDueDates } from '../../../../../electron/shared/domain/agreement-clauses';
import { checkAmountYuan, formatFen } from '../../../../../electron/shared/validation/amount';
import type { AgreementView } from '../../../../../electron/shared/ipc/contract';
import { type Urgency, confirmationUrgency, obligationUrgency } from '../../../../../electron/shared/domain/reminders';

export type PerformanceStatus = PerformanceEntry['status'];


export interface PerformanceLine {
  itemId: string;
  /** 1-based number of the item as printed (第N项). */
  itemNumber: number;
  /** Index of the instalment, or null for the whole item. */
  instalment: number | null;
  /** ¥50,000.00 for an instalment, '' otherwise. */
  amount: string;
  /** ISO date or ''. */
  dueOn: string;
  entry: PerformanceEntry | null;
  status: PerformanceStatus;
  urgency: Urgency;
  /** Days until due (negative: overdue), null without a due date. */
  days: number | null;
}

export interface PerformanceGroup {
  itemId: string;
  itemNumber: number;
  /** The clause as printed. */
  clause: string;
  lines: PerformanceLine[];
}

function figures(raw: string): string {
  const parsed = checkAmountYuan(raw);
  return parsed.ok ? `¥${formatFen(parsed.value)}` : raw;
}

/** The shared reminder rule, for a line's status (only a performed obligation needs no reminder). */
export const urgencyOf = (status: PerformanceStatus, dueOn: string, today: string) => obligationUrgency(status === 'done', dueOn, today);

function linesOf(item: AgreementItem, itemNumber: number, performance: readonly PerformanceEntry[], today: string): PerformanceLine[] {
  const instalments = item.type === 'payment' && item.plan === 'instalments';
  return itemDueDates(item).map((dueOn, k) => {
    const instalment = instalments ? k : null;
    const entry = performance.find((p) => p.itemId === item.id && p.instalment === instalment) ?? null;
    const status = entry?.status ?? 'pending';
    return {
      itemId: item.id,
      itemNumber,
      instalment,
      amount: instalments && item.type === 'payment' ? figures(item.instalments[k]!.amount) : '',
      dueOn,
      entry,
      status,
      ...urgencyOf(status, dueOn, today),
    };
  });
}

/** Every obligation of the agreement with its lines, in the printed order (items that oblige nobody are left out). */
export function performanceGroups(view: Pick<AgreementView, 'agreement' | 'clauses'>, today: string): PerformanceGroup[] {
  const { items } = view.agreement.content;
  return items.flatMap((item, i) =>
    isObligation(item) ? [{ itemId: item.id, itemNumber: i + 1, clause: view.clauses[i] ?? '', lines: linesOf(item, i + 1, view.agreement.performance, today) }] : [],
  );
}

/** How many lines are overdue and how many fall due within the week (today included), for the reminder line. */
export function reminderCounts(groups: readonly PerformanceGroup[]): { overdue: number; soon: number } {
  const lines = groups.flatMap((g) => g.lines);
  return { overdue: lines.filter((l) => l.urgency === 'overdue').length, soon: lines.filter((l) => l.urgency === 'soon' || l.urgency === 'today').length };
}

/** The judicial-confirmation deadline's colour: the shared rule's urgency, red when past, orange in its last days. */
export function confirmationState(due: string, today: string): { days: number; color: 'gray' | 'orange' | 'red' } {
  const { days, urgency } = confirmationUrgency(due, today);
  return { days, color: urgency === 'past' ? 'red' : urgency === 'soon' ? 'orange' : 'gray' };
}
