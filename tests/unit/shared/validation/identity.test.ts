import { describe, expect, it } from 'vitest';
import { ID_TYPES, type IdType } from '../../../../electron/shared/domain/codes';
import { checkIdentity } from '../../../../electron/shared/validation/identity';
import { residentIdCheckChar } from '../../../../electron/shared/validation/id-card';
import { TODAY, makeResidentId, withWrongLastChar } from '../fixtures';

/** A new-format (2023) foreigner permanent-residence number: 9 + province + 3-digit country + birth + seq + check. */
function makeForeignerId(province: string, country: string, birth: string, seq: string): string {
  const body = `9${province}${country}${birth}${seq}`;
  if (!/^\d{17}$/.test(body)) throw new Error(`bad test body: ${body}`);
  return body + residentIdCheckChar(body);
}

const residentId = makeResidentId('110105', '19800101', '001');
const hkResidence = makeResidentId('810000', '19900315', '002');
const macauResidence = makeResidentId('820000', '19850720', '013');
const taiwanResidence = makeResidentId('830000', '19770101', '124');
/** A Hong Kong residence permit whose check character is X (found by varying the sequence number). */
const hkResidenceWithX = `${Array.from({ length: 1000 }, (_, n) => `81000019900101${String(n).padStart(3, '0')}`).find(
  (body) => residentIdCheckChar(body) === 'X',
)!}X`;
const foreignerNew = makeForeignerId('11', '840', '19850615', '001');

type Case = readonly [label: string, input: string, expected: string];
type Bad = readonly [label: string, input: string, code: string];

/** For every document type: numbers that must pass (with their normalised form) and numbers that must fail. */
const TABLE: Record<IdType, { valid: Case[]; invalid: Bad[] }> = {
  resident_id: {
    valid: [
      ['an 18-digit resident ID', residentId, residentId],
      ['a published vector with X', '11010519491231002X', '11010519491231002X'],
      ['lower-case x', '11010519491231002x', '11010519491231002X'],
      ['spaces inside (as printed in groups)', '110105 19491231 002X', '11010519491231002X'],
    ],
    invalid: [
      ['a wrong check digit', '340524198001010013', 'ID_CHECK_DIGIT'],
      ['17 digits', '11010519491231002', 'ID_FORMAT'],
      ['an unknown province', makeResidentId('990105', '19800101', '001'), 'ID_REGION'],
      ['an impossible birth date', makeResidentId('110105', '19800230', '001'), 'ID_BIRTH_DATE'],
    ],
  },
  hmt_residence: {
    valid: [
      ['a Hong Kong residence permit (810000)', hkResidence, hkResidence],
      ['a Macao residence permit (820000)', macauResidence, macauResidence],
      ['a Taiwan residence permit (830000)', taiwanResidence, taiwanResidence],
      ['lower-case x', hkResidenceWithX.toLowerCase(), hkResidenceWithX],
    ],
    invalid: [
      ['an ordinary mainland resident ID', residentId, 'ID_FORMAT'],
      ['prefix 840000', makeResidentId('840000', '19900315', '002'), 'ID_FORMAT'],
      ['prefix 810100 (must be exactly 810000)', makeResidentId('810100', '19900315', '002'), 'ID_FORMAT'],
      ['a wrong check digit', withWrongLastChar(hkResidence, '0123456789X'), 'ID_CHECK_DIGIT'],
      ['an impossible birth date', makeResidentId('820000', '19900431', '002'), 'ID_BIRTH_DATE'],
      ['a birth date after today', makeResidentId('830000', '20261231', '002'), 'ID_BIRTH_DATE'],
      ['too short', hkResidence.slice(0, 17), 'ID_FORMAT'],
    ],
  },
  foreigner_permanent: {
    valid: [
      ['an old card (3 letters + 12 digits)', 'USA123456789012', 'USA123456789012'],
      ['an old card typed in lower case', 'can110085060101', 'CAN110085060101'],
      ['a 2023 card (18 digits starting with 9)', foreignerNew, foreignerNew],
      ['a 2023 card with spaces', `${foreignerNew.slice(0, 6)} ${foreignerNew.slice(6)}`, foreignerNew],
    ],
    invalid: [
      ['a 2023 card with a wrong check digit', withWrongLastChar(foreignerNew, '0123456789X'), 'ID_CHECK_DIGIT'],
      ['18 digits not starting with 9', residentId, 'ID_FORMAT'],
      ['2 letters + 12 digits', 'US123456789012', 'ID_FORMAT'],
      ['3 letters + 11 digits', 'USA12345678901', 'ID_FORMAT'],
      ['3 letters + 13 digits', 'USA1234567890123', 'ID_FORMAT'],
      ['17 digits starting with 9', foreignerNew.slice(0, 17), 'ID_FORMAT'],
    ],
  },
  passport: {
    valid: [
      ['a Chinese e-passport', 'E12345678', 'E12345678'],
      ['an older G passport', 'G1234567', 'G1234567'],
      ['a foreign passport in lower case', 'x1234567a', 'X1234567A'],
      ['5 characters (minimum)', 'AB123', 'AB123'],
      ['17 characters (maximum)', 'A1234567890123456', 'A1234567890123456'],
    ],
    invalid: [
      ['4 characters', 'E123', 'ID_FORMAT'],
      ['18 characters', 'A12345678901234567', 'ID_FORMAT'],
      ['a dash', 'E1234-5678', 'ID_FORMAT'],
      ['Chinese characters', '护照12345', 'ID_FORMAT'],
    ],
  },
  hk_macau_permit: {
    valid: [
      ['H + 8 digits', 'H12345678', 'H12345678'],
      ['M + 8 digits', 'M12345678', 'M12345678'],
      ['H + 10 digits', 'H1234567890', 'H1234567890'],
      ['lower-case h', 'h12345678', 'H12345678'],
    ],
    invalid: [
      ['another leading letter', 'K12345678', 'ID_FORMAT'],
      ['H + 7 digits', 'H1234567', 'ID_FORMAT'],
      ['H + 9 digits', 'H123456789', 'ID_FORMAT'],
      ['digits only', '12345678', 'ID_FORMAT'],
    ],
  },
  taiwan_permit: {
    valid: [
      ['8 digits', '12345678', '12345678'],
      ['10 digits', '1234567890', '1234567890'],
      ['8 digits with a space', '1234 5678', '12345678'],
    ],
    invalid: [
      ['7 digits', '1234567', 'ID_FORMAT'],
      ['9 digits', '123456789', 'ID_FORMAT'],
      ['a letter', 'T12345678', 'ID_FORMAT'],
    ],
  },
  military: {
    valid: [
      ['a number with Chinese characters', '军字第1234567号', '军字第1234567号'],
      ['4 characters (minimum)', 'AB12', 'AB12'],
      ['lower-case letters', 'ab12345', 'AB12345'],
    ],
    invalid: [
      ['3 characters', 'A12', 'ID_FORMAT'],
      ['21 characters', 'A'.repeat(21), 'ID_FORMAT'],
      ['punctuation', 'AB-1234', 'ID_FORMAT'],
    ],
  },
  other: {
    valid: [
      ['letters, digits and brackets', '（2020）证字12-3', '（2020）证字12-3'],
      ['2 characters (minimum)', 'A1', 'A1'],
      ['30 characters (maximum)', 'A'.repeat(30), 'A'.repeat(30)],
    ],
    invalid: [
      ['1 character', 'A', 'ID_FORMAT'],
      ['31 characters', 'A'.repeat(31), 'ID_FORMAT'],
      ['symbols', '@@##', 'ID_FORMAT'],
    ],
  },
};

describe('checkIdentity', () => {
  it('has test cases for every document type in ID_TYPES', () => {
    expect(Object.keys(TABLE).sort()).toEqual(Object.keys(ID_TYPES).sort());
  });

  describe.each(Object.keys(ID_TYPES) as IdType[])('%s', (idType) => {
    it.each(TABLE[idType].valid)('accepts %s', (_label, input, expected) => {
      const result = checkIdentity(idType, input, TODAY);
      if (!result.ok) throw new Error(`expected ${input} to pass, got ${result.code}: ${result.message}`);
      expect(result.value.number).toBe(expected);
    });

    it.each(TABLE[idType].invalid)('rejects %s', (_label, input, code) => {
      const result = checkIdentity(idType, input, TODAY);
      expect(result).toMatchObject({ ok: false, code });
      if (!result.ok) expect(result.message).not.toBe('');
    });

    it.each(['', '   ', '\t'])('reports an empty number (%j) as REQUIRED', (input) => {
      expect(checkIdentity(idType, input, TODAY)).toMatchObject({ ok: false, code: 'REQUIRED' });
    });
  });

  it('derives birth date and gender from a resident ID', () => {
    expect(checkIdentity('resident_id', '11010519491231002X', TODAY)).toEqual({
      ok: true,
      value: { number: '11010519491231002X', birthDate: '1949-12-31', gender: 'female', regionCode: '110105' },
    });
  });

  it('derives birth date and gender from a Hong Kong / Macao / Taiwan residence permit', () => {
    expect(checkIdentity('hmt_residence', hkResidence, TODAY)).toMatchObject({
      ok: true,
      value: { birthDate: '1990-03-15', gender: 'female' },
    });
    expect(checkIdentity('hmt_residence', taiwanResidence, TODAY)).toMatchObject({
      ok: true,
      value: { birthDate: '1977-01-01', gender: 'female' },
    });
    expect(checkIdentity('hmt_residence', macauResidence, TODAY)).toMatchObject({
      ok: true,
      value: { birthDate: '1985-07-20', gender: 'male' },
    });
  });

  it.each(['passport', 'hk_macau_permit', 'taiwan_permit', 'military', 'other', 'foreigner_permanent'] as const)(
    'does not claim a birth date or gender for %s numbers',
    (idType) => {
      const input = TABLE[idType].valid[0]![1];
      const result = checkIdentity(idType, input, TODAY);
      expect(result.ok).toBe(true);
      if (result.ok) {
        expect(result.value.birthDate).toBeUndefined();
        expect(result.value.gender).toBeUndefined();
      }
    },
  );

  it('checks the birth date in a resident ID against the injected today', () => {
    const id = makeResidentId('110105', '20260601', '001');
    expect(checkIdentity('resident_id', id, '2026-05-31')).toMatchObject({ ok: false, code: 'ID_BIRTH_DATE' });
    expect(checkIdentity('resident_id', id, '2026-06-01')).toMatchObject({ ok: true });
  });
});
