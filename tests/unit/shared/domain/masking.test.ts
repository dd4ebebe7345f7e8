import { describe, expect, it } from 'vitest';
import { maskIdNumber, maskPhone } from '../../../../electron/shared/domain/masking';

describe('maskIdNumber', () => {
  it('keeps the first 4 and last 4 characters of an 18-digit ID: 1101**********002X', () => {
    expect(maskIdNumber('11010519491231002X')).toBe('1101**********002X');
  });

  it('hides the birth date and keeps the length', () => {
    const masked = maskIdNumber('410326199507103197');
    expect(masked).toBe('4103**********3197');
    expect(masked).toHaveLength(18);
    expect(masked).not.toContain('19950710');
  });

  it.each([
    ['a 15-digit legacy number', '110105491231002', '1101*******1002'],
    ['a passport', 'E12345678', 'E123*5678'],
    ['an old foreigner card', 'USA123456789012', 'USA1*******9012'],
  ])('masks %s', (_label, id, masked) => {
    expect(maskIdNumber(id)).toBe(masked);
  });

  it.each(['12345678', 'H1234', 'A1', ''])('hides short numbers (%j) completely', (id) => {
    expect(maskIdNumber(id)).toBe('*'.repeat(id.length));
  });
});

describe('maskPhone', () => {
  it.each([
    ['13812345678', '138****5678'],
    ['138-1234-5678', '138****5678'],
    ['138 1234 5678', '138****5678'],
    ['19900001111', '199****1111'],
  ])('masks the mobile %j as %s', (phone, masked) => {
    expect(maskPhone(phone)).toBe(masked);
  });

  it.each([
    ['0571-87654321', '0571-****4321'],
    ['010-62345678', '010-****5678'],
    ['0755-2345678', '0755-***5678'],
    ['057187654321', '********4321'],
  ])('masks the landline %j as %s, keeping the area code when it is separated', (phone, masked) => {
    expect(maskPhone(phone)).toBe(masked);
  });

  it('never shows the middle digits of the local number of a landline with extension', () => {
    const masked = maskPhone('0571-87654321-123');
    expect(masked.startsWith('0571-')).toBe(true);
    expect(masked).not.toContain('8765');
    expect(masked).not.toContain('4321');
  });

  it.each(['12345', '110', ''])('hides numbers too short to be a phone (%j) completely', (phone) => {
    expect(maskPhone(phone)).toBe('*'.repeat(phone.length));
  });

  it.each(['13812345678', '138-1234-5678', '+8613812345678', '+86 138 1234 5678'])(
    'does not reveal the middle four digits of the mobile %j',
    (phone) => {
      const masked = maskPhone(phone);
      expect(masked).not.toContain('1234');
      expect(masked.endsWith('5678')).toBe(true);
    },
  );
});
