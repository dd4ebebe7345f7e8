import type { AgreementItem, AgreementItemType, Instalment } from '../../../../../../electron/shared/domain/agreement';
import type { Party } from '../../../../../../electron/shared/domain/party';
import { checkAmountYuan, formatFen } from '../../../../../../electron/shared/validation/amount';

/** Pure edits of the agreement's items, used by the item cards (tested without React). */

type Sides = { applicants: string[]; respondents: string[] };
const sidesOf = (parties: readonly Pick<Party, 'id' | 'role'>[]): Sides => ({
  applicants: parties.filter((p) => p.role === 'applicant').map((p) => p.id),
  respondents: parties.filter((p) => p.role === 'respondent').map((p) => p.id),
});

/**
 * A new, empty item of a type. Obligations usually run from the respondents to the applicants, so those are chosen
 * already (shown as chips, changed with one click); amounts, dates and text are left for the advisor.
 */
export function blankItem(type: AgreementItemType, parties: readonly Pick<Party, 'id' | 'role'>[], id: string): AgreementItem {
  const { applicants, respondents } = sidesOf(parties);
  switch (type) {
    case 'payment':
      return { id, type, payerIds: respondents, payeeIds: applicants, purpose: '', total: '', plan: 'lump', dueOn: '', instalments: [], method: '', place: '' };
    case 'act':
      return { id, type, obligorIds: respondents, beneficiaryIds: applicants, mode: 'perform', description: '', dueOn: '', manner: '', place: '' };
    case 'apology':
      return { id, type, fromIds: respondents, toIds: applicants, manner: '当面', dueOn: '' };
    case 'return':
      return { id, type, fromIds: respondents, toIds: applicants, property: '', dueOn: '', manner: '', place: '' };
    case 'costs':
      return { id, type, bearerIds: respondents, description: '', amount: '' };
    case 'free':
      return { id, type, text: '', obligorIds: [], dueOn: '', manner: '', place: '' };
    default:
      throw new Error(`unknown agreement item ${String(type satisfies never)}`);
  }
}

export function moveItem<T>(list: readonly T[], from: number, to: number): T[] {
  if (to < 0 || to >= list.length || from === to) return [...list];
  const next = [...list];
  const [moved] = next.splice(from, 1);
  next.splice(to, 0, moved!);
  return next;
}

/** An amount as typed → fen, or null when empty or not an amount. */
export function fenOf(raw: string): number | null {
  if (!raw.trim()) return null;
  const checked = checkAmountYuan(raw);
  return checked.ok ? checked.value : null;
}

export interface InstalmentTally {
  /** Sum of the instalments that are valid amounts, in fen. */
  sum: number;
  /** Whether every instalment is a valid amount. */
  complete: boolean;
  total: number | null;
  /** total − sum, when both are known. */
  difference: number | null;
}

export function tallyInstalments(total: string, list: readonly Instalment[]): InstalmentTally {
  let sum = 0;
  let complete = true;
  for (const inst of list) {
    const fen = fenOf(inst.amount);
    if (fen === null) complete = false;
    else sum += fen;
  }
  const t = fenOf(total);
  return { sum, complete, total: t, difference: t === null ? null : t - sum };
}

/** Fen → an amount as the advisor would type it: 43250, 43250.5 → "43250.50". */
export function yuanText(fen: number): string {
  const yuan = Math.floor(fen / 100);
  const cents = fen % 100;
  return cents === 0 ? String(yuan) : `${yuan}.${String(cents).padStart(2, '0')}`;
}

/** 86,500.00 for the running sum. */
export const displayFen = formatFen;

/**
 * 平均分配: the total split evenly over the instalments, in whole fen; what does not divide goes to the last one so
 * that the sum is exactly the total. Due dates are kept.
 */
export function splitEvenly(total: string, list: readonly Instalment[]): Instalment[] | null {
  const fen = fenOf(total);
  if (fen === null || list.length === 0) return null;
  const share = Math.floor(fen / list.length);
  return list.map((inst, i) => ({ ...inst, amount: yuanText(i === list.length - 1 ? fen - share * (list.length - 1) : share) }));
}
