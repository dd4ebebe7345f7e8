import { describe, expect, it } from 'vitest';
import { amountInCapitals, amountInFigures, formatAmountCn } from '../../../../electron/shared/format/amount';

const yuan = (s: string) => Math.round(Number(s) * 100);

describe('amountInCapitals (banking rules, 《正确填写票据和结算凭证的基本规定》)', () => {
  it.each([
    // the brief's example and the plain cases
    ['12345.67', '人民币壹万贰仟叁佰肆拾伍元陆角柒分'],
    ['86500', '人民币捌万陆仟伍佰元整'],
    ['1', '人民币壹元整'],
    ['0', '人民币零元整'],
    // 壹拾 leading, also inside a group
    ['10', '人民币壹拾元整'],
    ['15', '人民币壹拾伍元整'],
    ['110', '人民币壹佰壹拾元整'],
    ['100000', '人民币壹拾万元整'],
    ['150000', '人民币壹拾伍万元整'],
    ['100000000', '人民币壹亿元整'],
    // one 零 for a run of zeros inside the number
    ['10005', '人民币壹万零伍元整'],
    ['1000500', '人民币壹佰万零伍佰元整'],
    ['6007.14', '人民币陆仟零柒元壹角肆分'],
    ['1409.50', '人民币壹仟肆佰零玖元伍角整'],
    ['100000007', '人民币壹亿零柒元整'],
    ['100070000', '人民币壹亿零柒万元整'],
    ['10001000', '人民币壹仟万壹仟元整'],
    ['10000500', '人民币壹仟万零伍佰元整'],
    // 万 marks the place: no 零 when the lower group starts with a non-zero digit
    ['107000', '人民币壹拾万柒仟元整'],
    ['100700', '人民币壹拾万零柒佰元整'],
    // 元 digit 0 with 角/分 following: 零 after 元 (both forms allowed; we write it)
    ['1680.32', '人民币壹仟陆佰捌拾元零叁角贰分'],
    ['107000.53', '人民币壹拾万柒仟元零伍角叁分'],
    ['100000.10', '人民币壹拾万元零壹角整'],
    // 角 0, 分 not: 零 required
    ['16409.02', '人民币壹万陆仟肆佰零玖元零贰分'],
    ['325.04', '人民币叁佰贰拾伍元零肆分'],
    ['100.05', '人民币壹佰元零伍分'],
    // no 元
    ['0.50', '人民币伍角整'],
    ['0.05', '人民币伍分'],
    ['0.56', '人民币伍角陆分'],
    // the upper bound of the amount field (100 亿元)
    ['10000000000', '人民币壹佰亿元整'],
    ['9999999999.99', '人民币玖拾玖亿玖仟玖佰玖拾玖万玖仟玖佰玖拾玖元玖角玖分'],
  ])('¥%s → %s', (figures, capitals) => {
    expect(amountInCapitals(yuan(figures))).toBe(capitals);
  });

  it('never writes 整 after 分 and never two 零 in a row', () => {
    for (let fen = 1; fen < 2_000_000; fen += 997) {
      const s = amountInCapitals(fen);
      expect(s).not.toMatch(/分整|零零|零元|零[万亿]/);
      expect(s.startsWith('人民币')).toBe(true);
    }
  });

  it('rejects negative and fractional fen', () => {
    expect(() => amountInCapitals(-1)).toThrow(RangeError);
    expect(() => amountInCapitals(1.5)).toThrow(RangeError);
  });
});

describe('amountInFigures / formatAmountCn', () => {
  it('formats figures with the yuan sign and separators', () => {
    expect(amountInFigures(8650000)).toBe('¥86,500.00');
    expect(amountInFigures(5)).toBe('¥0.05');
  });

  it('combines capitals and figures from the typed amount', () => {
    expect(formatAmountCn('86500')).toBe('人民币捌万陆仟伍佰元整（¥86,500.00）');
    expect(formatAmountCn('12,345.6')).toBe('人民币壹万贰仟叁佰肆拾伍元陆角整（¥12,345.60）');
    expect(formatAmountCn('')).toBeNull();
    expect(formatAmountCn('abc')).toBeNull();
  });
});
