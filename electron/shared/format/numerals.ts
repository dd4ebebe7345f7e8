/** Chinese numerals for dates and list numbers (pure; no Node or DOM). */

const DIGITS = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'] as const;

/** Each digit on its own, as years are written in the capital date form: 2026 → 二〇二六. */
export function digitsToChinese(n: number | string): string {
  return String(n).replace(/\d/g, (d) => DIGITS[Number(d)]!);
}

/**
 * A number from 0 to 99 read out (月, 日, list numbers): 1 → 一, 10 → 十, 11 → 十一, 20 → 二十, 25 → 二十五.
 * Larger numbers fall back to {@link chineseCount}.
 */
export function smallNumberToChinese(n: number): string {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`not a non-negative integer: ${n}`);
  if (n < 10) return n === 0 ? '零' : DIGITS[n]!;
  if (n < 100) {
    const tens = Math.floor(n / 10);
    const ones = n % 10;
    return `${tens === 1 ? '' : DIGITS[tens]!}十${ones === 0 ? '' : DIGITS[ones]!}`;
  }
  return chineseCount(n);
}

/** An integer read out in ordinary (lower-case) numerals: 105 → 一百零五, 1200 → 一千二百, 10010 → 一万零一十. */
export function chineseCount(n: number): string {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`not a non-negative integer: ${n}`);
  if (n < 100) return smallNumberToChinese(n);
  return groupedNumeral(n, ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'], ['', '十', '百', '千'], ['', '万', '亿', '万亿'], false);
}

/**
 * Reads an integer in groups of four digits (个, 万, 亿, 万亿). Zeros follow the standard reading: one 零 for any run of
 * zeros between non-zero digits, none at the end of a group, and one where a lower group starts with zeros after a
 * non-zero higher group (10005 → 一万零五, 107000 → 十万七千). `leadingOne` writes the "one" before a leading ten
 * (壹拾, as banks require) instead of dropping it (十).
 * @internal shared by chineseCount and the amount-in-capitals formatter.
 */
export function groupedNumeral(
  n: number,
  digits: readonly string[],
  units: readonly [string, string, string, string],
  groupUnits: readonly string[],
  leadingOne: boolean,
): string {
  if (n === 0) return digits[0]!;
  const groups: number[] = [];
  for (let rest = n; rest > 0; rest = Math.floor(rest / 10000)) groups.push(rest % 10000);
  if (groups.length > groupUnits.length) throw new RangeError(`number too large: ${n}`);
  let out = '';
  let pendingZero = false;
  for (let g = groups.length - 1; g >= 0; g--) {
    const group = groups[g]!;
    if (group === 0) {
      pendingZero = out !== '';
      continue;
    }
    const ds = [Math.floor(group / 1000), Math.floor(group / 100) % 10, Math.floor(group / 10) % 10, group % 10];
    for (let i = 0; i < 4; i++) {
      const d = ds[i]!;
      if (d === 0) {
        if (out !== '') pendingZero = true;
        continue;
      }
      if (pendingZero) out += digits[0]!;
      pendingZero = false;
      const isLeadingTen = out === '' && i === 2 && d === 1;
      out += (isLeadingTen && !leadingOne ? '' : digits[d]!) + units[3 - i]!;
    }
    out += groupUnits[g]!;
    // Zeros at the end of a group are silent: the group unit (万, 亿) marks the place. A 零 at a group boundary
    // comes only from the lower group's own leading zeros (100700 → 十万零七百, but 107000 → 十万七千).
    pendingZero = false;
  }
  return out;
}
