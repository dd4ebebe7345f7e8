import { describe, expect, it } from 'vitest';
import { checkAmountYuan, formatFen } from '../../../../electron/shared/validation/amount';

describe('checkAmountYuan (yuan as typed → integer fen)', () => {
  it.each([
    ['12345.67', 1234567],
    ['0.01', 1],
    ['0.1', 10],
    ['0.29', 29], // 0.29 * 100 is 28.999… as a float; the parser must not go through floats
    ['19.99', 1999],
    ['1.10', 110],
    ['1.1', 110],
    ['100', 10000],
    ['0', 0],
    ['007', 700],
    ['1,000', 100000],
    ['1,000.5', 100050],
    ['1,234,567.89', 123456789],
    ['1，000', 100000], // full-width comma from a Chinese IME
    [' 12 ', 1200],
    ['10000000000', 1_000_000_000_000], // 100 亿元, the upper bound
  ])('parses %j as %i fen', (raw, fen) => {
    expect(checkAmountYuan(raw)).toEqual({ ok: true, value: fen });
  });

  it('rejects three decimals with AMOUNT_FORMAT (money is exact to the fen)', () => {
    const result = checkAmountYuan('1.234');
    expect(result).toMatchObject({ ok: false, code: 'AMOUNT_FORMAT' });
    if (!result.ok) expect(result.message).toContain('两位小数');
  });

  it.each([
    ['a negative amount', '-5'],
    ['a negative decimal', '-0.50'],
    ['a plus sign', '+5'],
    ['letters', '12a'],
    ['only letters', 'abc'],
    ['a currency sign', '¥100'],
    ['a unit', '100元'],
    ['exponent notation', '1e3'],
    ['a leading dot', '.5'],
    ['a trailing dot', '5.'],
    ['two dots', '1.2.3'],
    ['four decimals', '0.0001'],
    ['full-width digits', '１００'],
    ['above 100 亿元', '10000000000.01'],
    ['a huge number', '99999999999999999999'],
  ])('rejects %s with AMOUNT_FORMAT', (_label, raw) => {
    expect(checkAmountYuan(raw)).toMatchObject({ ok: false, code: 'AMOUNT_FORMAT' });
  });

  it.each(['', '   ', ','])('reports an empty amount (%j) as REQUIRED', (raw) => {
    expect(checkAmountYuan(raw)).toMatchObject({ ok: false, code: 'REQUIRED' });
  });

  it('always returns a safe integer', () => {
    for (const raw of ['0.07', '0.57', '1.15', '4.35', '9.95', '1234567.89', '10000000000']) {
      const result = checkAmountYuan(raw);
      if (!result.ok) throw new Error(raw);
      expect(Number.isSafeInteger(result.value)).toBe(true);
    }
  });
});

describe('formatFen (integer fen → yuan text)', () => {
  it.each([
    [1234567, '12,345.67'],
    [0, '0.00'],
    [5, '0.05'],
    [50, '0.50'],
    [100, '1.00'],
    [99999, '999.99'],
    [100000, '1,000.00'],
    [100000000, '1,000,000.00'],
    [1_000_000_000_000, '10,000,000,000.00'],
  ])('formats %i fen as %s', (fen, text) => {
    expect(formatFen(fen)).toBe(text);
  });

  it('formats negative amounts with a single leading minus sign', () => {
    expect(formatFen(-150)).toBe('-1.50');
    expect(formatFen(-5)).toBe('-0.05');
    expect(formatFen(-123456789)).toBe('-1,234,567.89');
  });

  it.each(['12345.67', '0.05', '1,000', '19.99', '0.29', '10000000000'])('round-trips %j through checkAmountYuan', (raw) => {
    const parsed = checkAmountYuan(raw);
    if (!parsed.ok) throw new Error(raw);
    const again = checkAmountYuan(formatFen(parsed.value));
    expect(again).toEqual({ ok: true, value: parsed.value });
  });
});
