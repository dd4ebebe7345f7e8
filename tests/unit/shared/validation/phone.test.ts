import { describe, expect, it } from 'vitest';
import { checkPhone } from '../../../../electron/shared/validation/phone';

describe('checkPhone', () => {
  describe('mobile numbers', () => {
    it.each([
      ['13812345678', '13812345678'],
      ['19912345678', '19912345678'],
      ['15000000000', '15000000000'],
      ['138 1234 5678', '13812345678'],
      ['138-1234-5678', '13812345678'],
      ['+8613812345678', '13812345678'],
      ['+86 138 1234 5678', '13812345678'],
      ['+86-138-1234-5678', '13812345678'],
      ['8613812345678', '13812345678'],
      ['0086 13812345678', '13812345678'],
      ['(+86)13812345678', '13812345678'],
    ])('accepts %j and normalises it to %s', (raw, expected) => {
      expect(checkPhone(raw)).toEqual({ ok: true, value: expected });
    });

    it.each([
      ['second digit 2', '12812345678'],
      ['second digit 1', '11012345678'],
      ['10 digits', '1381234567'],
      ['12 digits', '138123456789'],
      ['a letter', '1381234567O'],
      ['+86 followed by 10 digits', '+861381234567'],
      ['another country code', '+85213812345678'],
    ])('rejects a mobile number with %s (PHONE_FORMAT)', (_label, raw) => {
      expect(checkPhone(raw)).toMatchObject({ ok: false, code: 'PHONE_FORMAT' });
    });

    it('explains the mobile rule when the input looks like a mobile number', () => {
      const result = checkPhone('1381234567');
      if (result.ok) throw new Error('expected failure');
      expect(result.message).toContain('11位');
    });
  });

  describe('landlines', () => {
    it.each([
      ['0571-87654321', '0571-87654321'],
      ['057187654321', '057187654321'],
      ['010-62345678', '010-62345678'],
      ['01062345678', '01062345678'],
      ['0755-2345678', '0755-2345678'],
      ['0571-87654321-123', '0571-87654321-123'],
      ['057187654321-8001', '057187654321-8001'],
      ['(0571)87654321', '057187654321'],
      ['（0571）87654321', '057187654321'],
      ['0571 8765 4321', '057187654321'],
    ])('accepts %j (normalised to %s)', (raw, expected) => {
      expect(checkPhone(raw)).toEqual({ ok: true, value: expected });
    });

    it.each([
      ['no area code', '87654321'],
      ['area code without leading 0', '571-87654321'],
      ['local number starting with 1', '0571-12345678'],
      ['local number starting with 0', '0571-07654321'],
      ['local number too short', '0571-876543'],
      ['local number too long', '0571-876543210'],
      ['extension too long', '0571-87654321-1234567'],
      ['area code too long', '05712-87654321'],
      ['two dashes in a row', '0571--87654321'],
    ])('rejects a landline with %s (PHONE_FORMAT)', (_label, raw) => {
      expect(checkPhone(raw)).toMatchObject({ ok: false, code: 'PHONE_FORMAT' });
    });
  });

  it.each([['abc'], ['电话'], ['+1 202 555 0123'], ['400-810-8888'], ['110']])('rejects %j (PHONE_FORMAT)', (raw) => {
    expect(checkPhone(raw)).toMatchObject({ ok: false, code: 'PHONE_FORMAT' });
  });

  it.each(['', '   ', '()'])('reports an empty phone (%j) as REQUIRED', (raw) => {
    expect(checkPhone(raw)).toMatchObject({ ok: false, code: 'REQUIRED' });
  });
});
