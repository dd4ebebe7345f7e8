import { describe, expect, it } from 'vitest';
import { checkResidentId, residentIdCheckChar, upgradeLegacyResidentId } from '../../../../electron/shared/validation/id-card';
import { TODAY, makeResidentId, withWrongLastChar } from '../fixtures';

const CHECK_ALPHABET = '0123456789X';

function expectFail(raw: string, code: string, today = TODAY) {
  const result = checkResidentId(raw, today);
  expect(result.ok, `${raw} should be rejected`).toBe(false);
  if (!result.ok) {
    expect(result.code).toBe(code);
    expect(result.message).not.toBe('');
  }
}

function expectOk(raw: string, today = TODAY) {
  const result = checkResidentId(raw, today);
  if (!result.ok) throw new Error(`${raw} should be valid but got ${result.code}: ${result.message}`);
  return result.value;
}

describe('checkResidentId: published test vectors (GB 11643-1999)', () => {
  it.each([
    ['11010519491231002X', '1949-12-31', 'female', '110105'],
    ['34052419800101001X', '1980-01-01', 'male', '340524'],
    ['410326199507103197', '1995-07-10', 'male', '410326'],
  ] as const)('accepts %s and derives birth date, gender and region', (id, birthDate, gender, regionCode) => {
    expect(expectOk(id)).toEqual({ number: id, birthDate, gender, regionCode });
  });

  it('computes the published check characters', () => {
    expect(residentIdCheckChar('11010519491231002')).toBe('X');
    expect(residentIdCheckChar('44052418800101001')).toBe('4');
    expect(residentIdCheckChar('34052419800101001')).toBe('X');
    expect(residentIdCheckChar('41032619950710319')).toBe('7');
  });

  it('440524188001010014 has a correct check digit but a birth year (1880) no living party can have', () => {
    // The vector is checksum-valid; a person born in 1880 cannot be a party today, so the form must flag the date,
    // and must say it is implausible rather than "not a valid date" (1880-01-01 is a real date).
    expect(residentIdCheckChar('44052418800101001')).toBe('4');
    const result = checkResidentId('440524188001010014', TODAY);
    expect(result).toMatchObject({ ok: false, code: 'ID_BIRTH_DATE' });
    if (!result.ok) expect(result.message).toContain('不合理');
  });

  it('rejects 340524198001010013 and tells the user the check digit should be X', () => {
    const result = checkResidentId('340524198001010013', TODAY);
    expect(result).toMatchObject({ ok: false, code: 'ID_CHECK_DIGIT' });
    if (!result.ok) expect(result.message).toContain('X');
  });
});

describe('checkResidentId: normalisation', () => {
  it('accepts a lower-case x and stores it upper-case', () => {
    expect(expectOk('11010519491231002x').number).toBe('11010519491231002X');
    expect(expectOk('34052419800101001x').number).toBe('34052419800101001X');
  });

  it('ignores surrounding whitespace', () => {
    expect(expectOk('  410326199507103197 \n').number).toBe('410326199507103197');
  });
});

describe('checkResidentId: format', () => {
  it.each([
    ['empty', ''],
    ['17 digits', '41032619950710319'],
    ['19 digits', '4103261995071031977'],
    ['15 digits (legacy number typed into the 18-digit field)', '110105491231002'],
  ])('rejects a wrong length (%s) with ID_FORMAT', (_label, id) => {
    expectFail(id, 'ID_FORMAT');
  });

  it('names the actual length in the message', () => {
    const result = checkResidentId('41032619950710319', TODAY);
    if (result.ok) throw new Error('expected failure');
    expect(result.message).toContain('17');
  });

  it.each([
    ['X in the middle', '1101051949X231002X'],
    ['a letter other than X at the end', '11010519491231002A'],
    ['a letter in the body', '1101051949123100AX'],
    ['full-width digits', '１１０１０５１９４９１２３１００２X'],
    ['dashes', '110105-19491231-002X'],
  ])('rejects %s with ID_FORMAT', (_label, id) => {
    expectFail(id, 'ID_FORMAT');
  });
});

describe('checkResidentId: region code', () => {
  it.each(['99', '00', '10', '16', '20', '24', '30', '38', '40', '47', '49', '55', '60', '66', '70', '72', '80', '84', '90'])(
    'rejects a number whose province code is %s with ID_REGION, even with a correct check digit',
    (province) => {
      expectFail(makeResidentId(`${province}0105`, '19800101', '001'), 'ID_REGION');
    },
  );

  it.each([
    '11', '12', '13', '14', '15', '21', '22', '23', '31', '32', '33', '34', '35', '36', '37',
    '41', '42', '43', '44', '45', '46', '50', '51', '52', '53', '54', '61', '62', '63', '64', '65',
    '71', '81', '82', '83',
  ])('accepts province code %s', (province) => {
    expect(expectOk(makeResidentId(`${province}0102`, '19800101', '001')).regionCode).toBe(`${province}0102`);
  });

  it('accepts an unknown or abolished county code inside a valid province (not rejected outright)', () => {
    expectOk(makeResidentId('119999', '19800101', '001'));
  });
});

describe('checkResidentId: birth date', () => {
  it.each([
    ['30 February', '19900230'],
    ['29 February in a non-leap year (2023)', '20230229'],
    ['29 February 1900 (century, not leap)', '19000229'],
    ['month 13', '19901301'],
    ['month 00', '19900001'],
    ['day 00', '19900100'],
    ['31 April', '19900431'],
    ['day 32', '19900132'],
  ])('rejects an impossible birth date (%s) with ID_BIRTH_DATE', (_label, birth) => {
    expectFail(makeResidentId('110105', birth, '001'), 'ID_BIRTH_DATE');
  });

  it.each([
    ['29 February 2024', '20240229', '2024-02-29'],
    ['29 February 2000', '20000229', '2000-02-29'],
    ['31 December', '19991231', '1999-12-31'],
  ])('accepts a real birth date (%s)', (_label, birth, iso) => {
    expect(expectOk(makeResidentId('110105', birth, '001')).birthDate).toBe(iso);
  });

  it('rejects a birth date after the injected today', () => {
    expectFail(makeResidentId('110105', '20260502', '001'), 'ID_BIRTH_DATE', '2026-05-01');
  });

  it('accepts a birth date equal to today (a newborn)', () => {
    expect(expectOk(makeResidentId('110105', '20260501', '001'), '2026-05-01').birthDate).toBe('2026-05-01');
  });

  it('judges "future" against the injected today, not the machine clock', () => {
    const id = makeResidentId('110105', '20300101', '001');
    expectFail(id, 'ID_BIRTH_DATE', '2029-12-31');
    expect(expectOk(id, '2030-01-01').birthDate).toBe('2030-01-01');
  });

  it('rejects implausible ages (over 130 years, or born before 1900)', () => {
    expectFail(makeResidentId('110105', '18950101', '001'), 'ID_BIRTH_DATE');
    expectOk(makeResidentId('110105', '19000101', '001'), '2030-01-01'); // 130 years: still accepted
    expectFail(makeResidentId('110105', '19000101', '001'), 'ID_BIRTH_DATE', '2031-01-01'); // 131 years
  });
});

describe('checkResidentId: check digit', () => {
  it('rejects every wrong check character with ID_CHECK_DIGIT', () => {
    const id = '410326199507103197';
    for (const c of CHECK_ALPHABET) {
      if (c === '7') continue;
      expectFail(id.slice(0, 17) + c, 'ID_CHECK_DIGIT');
    }
  });

  it('detects every single-digit typo in the 17-digit body', () => {
    const id = makeResidentId('330106', '19850615', '123');
    for (let i = 0; i < 17; i++) {
      for (let d = 0; d <= 9; d++) {
        if (String(d) === id[i]) continue;
        const typo = id.slice(0, i) + d + id.slice(i + 1);
        expect(checkResidentId(typo, TODAY).ok, `typo at position ${i + 1}: ${typo}`).toBe(false);
      }
    }
  });

  it('detects swapped neighbouring digits in the body', () => {
    const id = makeResidentId('330106', '19850615', '123');
    for (let i = 0; i < 16; i++) {
      if (id[i] === id[i + 1]) continue;
      const swapped = id.slice(0, i) + id[i + 1] + id[i] + id.slice(i + 2);
      expect(checkResidentId(swapped, TODAY).ok, `swap at ${i + 1}/${i + 2}: ${swapped}`).toBe(false);
    }
  });

  it('produces X when the weighted sum leaves remainder 2', () => {
    // Find a body with remainder 2 by varying the sequence number, then check the full number validates.
    const body = Array.from({ length: 1000 }, (_, n) => `11010519900101${String(n).padStart(3, '0')}`).find(
      (b) => residentIdCheckChar(b) === 'X',
    );
    expect(body).toBeDefined();
    expectOk(`${body}X`);
    expectOk(`${body}x`);
  });
});

describe('checkResidentId: gender from the 17th digit', () => {
  it.each([
    ['1', 'male'],
    ['3', 'male'],
    ['5', 'male'],
    ['7', 'male'],
    ['9', 'male'],
    ['0', 'female'],
    ['2', 'female'],
    ['4', 'female'],
    ['6', 'female'],
    ['8', 'female'],
  ] as const)('17th digit %s means %s', (digit, gender) => {
    expect(expectOk(makeResidentId('110105', '19800101', `00${digit}`)).gender).toBe(gender);
  });
});

describe('checkResidentId: generated numbers round-trip', () => {
  const regions = ['110105', '310115', '440305', '510107', '650102', '350102', '230103', '460105'];
  const births = ['19000101', '19491001', '19720229', '19991231', '20000229', '20101010', '20251231'];
  const seqs = ['001', '002', '119', '480', '999', '000'];

  const cases = regions.flatMap((r) => births.flatMap((b) => seqs.map((s) => [r, b, s] as const)));

  it.each(cases)('region %s, birth %s, seq %s', (region, birth, seq) => {
    const id = makeResidentId(region, birth, seq);
    const info = expectOk(id);
    expect(info.number).toBe(id);
    expect(info.regionCode).toBe(region);
    expect(info.birthDate).toBe(`${birth.slice(0, 4)}-${birth.slice(4, 6)}-${birth.slice(6)}`);
    expect(info.gender).toBe(Number(seq[2]) % 2 === 1 ? 'male' : 'female');
    expectFail(withWrongLastChar(id, CHECK_ALPHABET), 'ID_CHECK_DIGIT');
  });
});

describe('upgradeLegacyResidentId (15-digit first-generation numbers)', () => {
  it('converts 110105491231002 into the published 18-digit number 11010519491231002X', () => {
    expect(upgradeLegacyResidentId('110105491231002')).toBe('11010519491231002X');
  });

  it.each([
    ['340524800101001', '34052419800101001X'],
    ['410326950710319', '410326199507103197'],
  ])('converts %s into %s', (legacy, modern) => {
    expect(upgradeLegacyResidentId(legacy)).toBe(modern);
  });

  it.each([
    ['110105', '491231', '002'],
    ['440305', '650815', '123'],
    ['510107', '960229', '457'],
    ['650102', '991231', '998'],
  ])('produces a valid 18-digit number keeping region, birth date (19xx) and gender: %s %s %s', (region, yymmdd, seq) => {
    const upgraded = upgradeLegacyResidentId(`${region}${yymmdd}${seq}`);
    expect(upgraded).toHaveLength(18);
    const info = expectOk(upgraded!);
    expect(info.regionCode).toBe(region);
    expect(info.birthDate).toBe(`19${yymmdd.slice(0, 2)}-${yymmdd.slice(2, 4)}-${yymmdd.slice(4)}`);
    expect(info.gender).toBe(Number(seq[2]) % 2 === 1 ? 'male' : 'female');
  });

  it('does not invent a valid number from a legacy number with an impossible date (the result is still rejected)', () => {
    const upgraded = upgradeLegacyResidentId('110105000229001'); // 1900-02-29 does not exist
    expect(upgraded).toHaveLength(18);
    expectFail(upgraded!, 'ID_BIRTH_DATE');
  });

  it.each([
    ['empty', ''],
    ['14 digits', '11010549123100'],
    ['16 digits', '1101054912310021'],
    ['18 digits', '11010519491231002X'],
    ['letters', '11010549123100X'],
  ])('returns null for input that is not a 15-digit number (%s)', (_label, raw) => {
    expect(upgradeLegacyResidentId(raw)).toBeNull();
  });
});
