/**
 * Money as written on Chinese documents, following the banking rules for capital amounts (中国人民银行《支付结算办法》
 * 附一《正确填写票据和结算凭证的基本规定》):
 * - digits 零壹贰叁肆伍陆柒捌玖, units 拾佰仟万亿, 元角分, prefixed 人民币;
 * - a leading ten is written 壹拾 (¥15 → 壹拾伍元整);
 * - one 零 for a run of zeros between non-zero digits (¥10005 → 壹万零伍元整, ¥1000500 → 壹佰万零伍佰元整);
 * - when the 元 digit is 0 and 角 or 分 follows, 零 is written after 元 (¥1680.32 → 壹仟陆佰捌拾元零叁角贰分;
 *   the rules allow either form there, this is the one that leaves no gap for alteration);
 * - when 角 is 0 and 分 is not, 零 after 元 is required (¥16409.02 → 壹万陆仟肆佰零玖元零贰分);
 * - 整 after 元 when there are no 角 and 分, and after 角 when there is no 分; never after 分.
 */
import { checkAmountYuan, formatFen } from '../validation/amount';
import { groupedNumeral } from './numerals';

const CAPITAL_DIGITS = ['零', '壹', '贰', '叁', '肆', '伍', '陆', '柒', '捌', '玖'] as const;

/** Integer fen (分) → 人民币…, e.g. 1234567 → 人民币壹万贰仟叁佰肆拾伍元陆角柒分. */
export function amountInCapitals(fen: number): string {
  if (!Number.isSafeInteger(fen) || fen < 0) throw new RangeError(`amount must be a non-negative whole number of fen: ${fen}`);
  const yuan = Math.floor(fen / 100);
  const jiao = Math.floor(fen / 10) % 10;
  const cents = fen % 10;
  if (fen === 0) return '人民币零元整';
  let out = '人民币';
  if (yuan > 0) {
    out += `${groupedNumeral(yuan, CAPITAL_DIGITS, ['', '拾', '佰', '仟'], ['', '万', '亿', '万亿'], true)}元`;
    if (jiao === 0 && cents === 0) return `${out}整`;
    if (yuan % 10 === 0 || jiao === 0) out += '零';
  }
  if (jiao > 0) out += `${CAPITAL_DIGITS[jiao]}角`;
  if (cents > 0) return `${out}${CAPITAL_DIGITS[cents]}分`;
  return `${out}整`;
}

/** Integer fen → ¥86,500.00 */
export function amountInFigures(fen: number): string {
  return `¥${formatFen(fen)}`;
}

/**
 * An amount as typed in the case ("86500", "12,345.6") in capitals with figures, the form agreements use:
 * 人民币捌万陆仟伍佰元整（¥86,500.00）. Returns null for an empty or malformed amount.
 */
export function formatAmountCn(raw: string): string | null {
  if (!raw.trim()) return null;
  const parsed = checkAmountYuan(raw);
  if (!parsed.ok) return null;
  return `${amountInCapitals(parsed.value)}（${amountInFigures(parsed.value)}）`;
}
