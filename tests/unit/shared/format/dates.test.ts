import { describe, expect, it } from 'vitest';
import { chinaDateOf, formatDateCapital, formatDateCn, formatDateTimeCn } from '../../../../electron/shared/format/dates';
import { chineseCount, digitsToChinese, smallNumberToChinese } from '../../../../electron/shared/format/numerals';

describe('formatDateCn', () => {
  it.each([
    ['2026-11-25', '2026年11月25日'],
    ['2026-05-01', '2026年5月1日'],
    ['2026-01-09', '2026年1月9日'],
    ['2000-10-10', '2000年10月10日'],
  ])('%s → %s (no leading zeros)', (iso, cn) => expect(formatDateCn(iso)).toBe(cn));

  it('rejects what is not a real ISO date', () => {
    expect(() => formatDateCn('2026-02-30')).toThrow(RangeError);
    expect(() => formatDateCn('')).toThrow(RangeError);
    expect(() => formatDateCn('2026/5/1')).toThrow(RangeError);
  });
});

describe('formatDateCapital', () => {
  it.each([
    ['2026-11-25', '二〇二六年十一月二十五日'],
    ['2026-05-01', '二〇二六年五月一日'],
    ['2030-10-10', '二〇三〇年十月十日'],
    ['2026-12-20', '二〇二六年十二月二十日'],
    ['2026-03-31', '二〇二六年三月三十一日'],
    ['2000-01-30', '二〇〇〇年一月三十日'],
  ])('%s → %s', (iso, cn) => expect(formatDateCapital(iso)).toBe(cn));
});

describe('chinaDateOf / formatDateTimeCn (China Standard Time)', () => {
  it('takes the calendar date in UTC+8', () => {
    expect(chinaDateOf('2026-05-01T01:30:00.000Z')).toBe('2026-05-01');
    expect(chinaDateOf('2026-04-30T16:00:00.000Z')).toBe('2026-05-01');
    expect(chinaDateOf('2026-04-30T15:59:59.999Z')).toBe('2026-04-30');
    expect(chinaDateOf('2026-05-01T07:00:00+08:00')).toBe('2026-05-01');
  });

  it('formats a time of day', () => {
    expect(formatDateTimeCn('2026-05-01T01:05:00.000Z')).toBe('2026年5月1日9时05分');
  });

  it('rejects non-timestamps', () => {
    expect(() => chinaDateOf('2026-05-01')).toThrow(RangeError);
    expect(() => chinaDateOf('yesterday')).toThrow(RangeError);
  });
});

describe('numerals', () => {
  it('reads small numbers', () => {
    expect([1, 9, 10, 11, 19, 20, 21, 30, 99].map(smallNumberToChinese)).toEqual(['一', '九', '十', '十一', '十九', '二十', '二十一', '三十', '九十九']);
    expect(smallNumberToChinese(0)).toBe('零');
  });

  it('reads larger counts with standard zeros', () => {
    expect(chineseCount(105)).toBe('一百零五');
    expect(chineseCount(110)).toBe('一百一十');
    expect(chineseCount(1200)).toBe('一千二百');
    expect(chineseCount(10010)).toBe('一万零一十');
    expect(chineseCount(100010)).toBe('十万零一十');
    expect(chineseCount(107000)).toBe('十万七千');
  });

  it('spells digits one by one', () => {
    expect(digitsToChinese(2026)).toBe('二〇二六');
    expect(digitsToChinese('1900')).toBe('一九〇〇');
  });
});
