import { describe, expect, it } from 'vitest';
import { checkUscc, orgCodeCheckChar, usccCheckChar } from '../../../../electron/shared/validation/uscc';
import { makeUscc, withWrongLastChar } from '../fixtures';

const CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const VECTOR = '91350100M000100Y43';

describe('checkUscc (统一社会信用代码, GB 32100-2015)', () => {
  it('accepts the published vector 91350100M000100Y43', () => {
    expect(checkUscc(VECTOR)).toEqual({ ok: true, value: VECTOR });
    expect(usccCheckChar(VECTOR.slice(0, 17))).toBe('3');
  });

  it('rejects every wrong check character with USCC_CHECK_DIGIT and names the expected one', () => {
    for (const c of CHARSET) {
      if (c === '3') continue;
      const result = checkUscc(VECTOR.slice(0, 17) + c);
      expect(result).toMatchObject({ ok: false, code: 'USCC_CHECK_DIGIT' });
      if (!result.ok) expect(result.message).toContain('“3”');
    }
  });

  it.each(['I', 'O', 'S', 'V', 'Z'])('rejects the forbidden letter %s with USCC_FORMAT', (letter) => {
    // Put the letter in the organisation-code part and in the check position.
    const inBody = `${VECTOR.slice(0, 8)}${letter}${VECTOR.slice(9)}`;
    const inCheck = `${VECTOR.slice(0, 17)}${letter}`;
    for (const code of [inBody, inCheck]) {
      const result = checkUscc(code);
      expect(result).toMatchObject({ ok: false, code: 'USCC_FORMAT' });
      if (!result.ok) expect(result.message).toContain(letter);
    }
  });

  it.each(['i', 'o', 's', 'v', 'z'])('rejects the forbidden letter %s even when typed in lower case', (letter) => {
    expect(checkUscc(`${VECTOR.slice(0, 8)}${letter}${VECTOR.slice(9)}`)).toMatchObject({ ok: false, code: 'USCC_FORMAT' });
  });

  it('accepts lower-case input and returns it upper-case', () => {
    expect(checkUscc('91350100m000100y43')).toEqual({ ok: true, value: VECTOR });
  });

  it('removes spaces typed inside or around the code', () => {
    expect(checkUscc(' 9135 0100 M000 100Y 43 ')).toEqual({ ok: true, value: VECTOR });
  });

  it.each([
    ['17 characters', VECTOR.slice(0, 17)],
    ['19 characters', `${VECTOR}0`],
    ['a 9-character organisation code alone', 'M000100Y4'],
  ])('rejects a wrong length (%s) with USCC_FORMAT and states the length', (_label, code) => {
    const result = checkUscc(code);
    expect(result).toMatchObject({ ok: false, code: 'USCC_FORMAT' });
    if (!result.ok) expect(result.message).toContain(String(code.length));
  });

  it.each(['', '   '])('reports an empty code (%j) as REQUIRED', (code) => {
    expect(checkUscc(code)).toMatchObject({ ok: false, code: 'REQUIRED' });
  });

  it('rejects a code whose characters 3–8 (administrative division) are not digits', () => {
    expect(checkUscc(makeUscc('91AB0100M000100Y4'))).toMatchObject({ ok: false, code: 'USCC_FORMAT' });
  });

  it('rejects punctuation and full-width characters', () => {
    expect(checkUscc('91350100-M000100Y4')).toMatchObject({ ok: false, code: 'USCC_FORMAT' });
    expect(checkUscc('９1350100M000100Y43')).toMatchObject({ ok: false, code: 'USCC_FORMAT' });
  });

  describe('the embedded GB 11714 organisation code (characters 9–17)', () => {
    it('computes the published organisation code check: M000100Y → 4', () => {
      expect(orgCodeCheckChar('M000100Y')).toBe('4');
      // 11 − (sum mod 11) = 10 is written X, = 11 is written 0.
      expect(orgCodeCheckChar('MA5FXXXX')).toBe('X');
      expect(orgCodeCheckChar('12345678')).toBe(String((11 - ((1 * 3 + 2 * 7 + 3 * 9 + 4 * 10 + 5 * 5 + 6 * 8 + 7 * 4 + 8 * 2) % 11)) % 11));
    });

    it('refuses a code whose outer check is right but whose organisation code check is wrong, naming the right one', () => {
      // 91110108MA01ABCD (valid body 8) with a wrong 17th character, outer check recomputed so only the inner one fails.
      for (const wrong of ['0', '1', '9', 'X']) {
        const code = makeUscc(`91110108MA01ABCD${wrong}`);
        const result = checkUscc(code);
        expect(result, code).toMatchObject({ ok: false, code: 'USCC_ORG_CODE' });
        if (!result.ok) {
          expect(result.message).toContain('组织机构代码');
          expect(result.message).toContain('“5”');
        }
      }
    });

    it('accepts an organisation code whose check is X', () => {
      const code = makeUscc('91440300MA5FXXXXX');
      expect(checkUscc(code)).toEqual({ ok: true, value: code });
    });
  });

  describe('generated codes round-trip', () => {
    const bodies = [
      '91110108MA01ABCD5', // company, Beijing Haidian
      '91440300MA5FXXXXX', // company, Shenzhen
      '12100000400000624', // public institution
      '52330106MJ000000X', // social organisation
      '93350102MA2Y00001', // farmers' cooperative
      '92330102MA2AAAAA7', // individual business
      '31110000E00000002', // lawyer's office (judicial administration)
      '11100000000013127', // state organ
      'Y1440106MA59XXXX4',
      'N2330100MA27W0001',
    ];

    it.each(bodies)('accepts %s + its computed check character, and rejects any other', (body) => {
      const code = makeUscc(body);
      expect(checkUscc(code)).toEqual({ ok: true, value: code });
      expect(checkUscc(code.toLowerCase())).toEqual({ ok: true, value: code });
      expect(checkUscc(withWrongLastChar(code, CHARSET))).toMatchObject({ ok: false, code: 'USCC_CHECK_DIGIT' });
    });

    it('detects every single-character typo in the body', () => {
      const code = makeUscc('91110108MA01ABCD5');
      for (let i = 0; i < 17; i++) {
        for (const c of CHARSET) {
          if (c === code[i]) continue;
          const typo = code.slice(0, i) + c + code.slice(i + 1);
          expect(checkUscc(typo).ok, `typo at ${i + 1}: ${typo}`).toBe(false);
        }
      }
    });

    it("gives check character '0' when the weighted sum is a multiple of 31", () => {
      // Bodies with a valid embedded organisation code, so that only the outer check is under test.
      const withOrgCheck = (org8: string) => `91110108${org8}${orgCodeCheckChar(org8)}`;
      const body = Array.from({ length: 31 * 31 }, (_, n) => withOrgCheck(`00000${CHARSET[Math.floor(n / 31)]}${CHARSET[n % 31]}0`)).find(
        (b) => usccCheckChar(b) === '0',
      );
      expect(body).toBeDefined();
      expect(checkUscc(`${body}0`)).toEqual({ ok: true, value: `${body}0` });
    });

    it('only ever produces check characters from the GB 32100 character set', () => {
      const seen = new Set<string>();
      for (let n = 0; n < 31 * 31; n++) {
        seen.add(usccCheckChar(`9111010800000${CHARSET[Math.floor(n / 31)]}${CHARSET[n % 31]}00`));
      }
      for (const c of seen) expect(CHARSET).toContain(c);
      expect(seen.size).toBe(31);
    });
  });
});
