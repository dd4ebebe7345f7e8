import { type Check, fail, ok } from './issue';

/** Upper bound well above any county-level dispute; guards against typos and float overflow. */
const MAX_FEN = 1_000_000_000_000; // 100 亿元

/**
 * Parses an amount in yuan with at most two decimals into integer fen (分), so money is never a float.
 * Accepts thousands separators.
 */
export function checkAmountYuan(raw: string): Check<number> {
  const s = raw.replace(/[,，\s]/g, '');
  if (!s) return fail('REQUIRED', '请填写金额');
  if (!/^\d+(\.\d+)?$/.test(s)) return fail('AMOUNT_FORMAT', '金额应为数字，单位为元，如 12345.67');
  const [int, dec = ''] = s.split('.');
  if (dec.length > 2) return fail('AMOUNT_FORMAT', '金额最多保留两位小数（精确到分）');
  const fen = Number(int) * 100 + Number(dec.padEnd(2, '0'));
  if (!Number.isSafeInteger(fen) || fen > MAX_FEN) return fail('AMOUNT_FORMAT', '金额超出允许范围');
  return ok(fen);
}

/** Formats integer fen as yuan with two decimals and thousands separators: 1234567 → "12,345.67". */
export function formatFen(fen: number): string {
  const abs = Math.abs(fen);
  const yuan = Math.floor(abs / 100).toLocaleString('en-US');
  return `${fen < 0 ? '-' : ''}${yuan}.${String(abs % 100).padStart(2, '0')}`;
}
