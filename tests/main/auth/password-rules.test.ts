/** The shared password rules (electron/shared/domain/password.ts): the renderer shows them, main refuses with them. */
import { describe, expect, it } from 'vitest';
import { PASSWORD_MAX_LENGTH, PASSWORD_MESSAGES, PASSWORD_MIN_LENGTH, passwordProblem } from '../../../electron/shared/domain/password';

describe('passwordProblem', () => {
  it.each([
    ['Yiwu-admin-2026', 'zhouhy'],
    ['Chushi-mima-01', 'user1'],
    ['调解中心2026年', 'zhouhy'],
    ['a1b2c3d4', 'zhouhy'],
  ])('accepts %s (login %s)', (password, login) => {
    expect(passwordProblem(password, login)).toBeNull();
  });

  it.each([
    ['', 'TOO_SHORT'],
    ['Ab1-xyz', 'TOO_SHORT'],
    // Length counts characters, not UTF-16 units: seven astral characters are seven.
    ['𠜎𠜱𠝹😀1a2', 'TOO_SHORT'],
    [`a1${'x'.repeat(PASSWORD_MAX_LENGTH - 1)}`, 'TOO_LONG'],
    ['password', 'TOO_COMMON'],
    ['Password1', 'TOO_COMMON'],
    ['P@ssw0rd', 'TOO_COMMON'],
    ['123qwerty!', 'TOO_COMMON'],
    ['Tiaojie', 'TOO_SHORT'],
    ['tiaojie2026', 'TOO_COMMON'],
    // The product's own word stays common with symbols and digits around it.
    ['Tiaojie-2026!', 'TOO_COMMON'],
    ['12345678', 'TOO_COMMON'],
    ['88888888', 'TOO_COMMON'],
    ['5201314520', 'TOO_COMMON'],
    ['woaini1314', 'TOO_COMMON'],
    ['abcdefghij', 'TOO_SIMPLE'],
    ['98765432', 'TOO_SIMPLE'],
    ['aaaa1111', 'TOO_SIMPLE'],
    ['abababab', 'TOO_SIMPLE'],
    ['11111111a', 'TOO_SIMPLE'],
    ['只有汉字没有数字', 'TOO_SIMPLE'],
    ['qrstuvwx', 'TOO_SIMPLE'],
    ['abababab1', 'TOO_SIMPLE'],
    ['ab12ab12', 'TOO_SIMPLE'],
    ['aab1aab1', 'TOO_SIMPLE'],
  ])('refuses %j: %s', (password, problem) => {
    expect(passwordProblem(password, 'zhouhy')).toBe(problem);
  });

  it('refuses a password that contains the login name, whatever its letter case or surrounding space', () => {
    expect(passwordProblem('zhouhy2026!', 'zhouhy')).toBe('SAME_AS_LOGIN');
    expect(passwordProblem('2026-ZhouHY-x', ' ZHOUHY ')).toBe('SAME_AS_LOGIN');
    // A one-letter login name is not a reason to refuse every password holding that letter.
    expect(passwordProblem('Yiwu-admin-2026', 'y')).toBeNull();
  });

  it('the boundaries: exactly the minimum and the maximum length are accepted', () => {
    expect(passwordProblem(`a1${'bcdefghijk'.slice(0, PASSWORD_MIN_LENGTH - 2)}`, 'zhouhy')).toBeNull();
    const longest = `a1-${'mediation'.repeat(20)}`.slice(0, PASSWORD_MAX_LENGTH);
    expect([...longest]).toHaveLength(PASSWORD_MAX_LENGTH);
    expect(passwordProblem(longest, 'zhouhy')).toBeNull();
  });

  it('every problem has a Chinese message', () => {
    for (const message of Object.values(PASSWORD_MESSAGES)) expect(message).toMatch(/[\u4e00-\u9fff]/);
  });
});
