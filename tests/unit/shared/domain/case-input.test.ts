import { describe, expect, it } from 'vitest';
import { type CaseInput, caseInputSchema, normaliseCaseInput } from '../../../../electron/shared/domain';
import type { Agent, OrganizationParty, PersonParty } from '../../../../electron/shared/domain/party';
import { issuesFromZod } from '../../../../electron/shared/ipc/result';
import { TODAY, makeResidentId } from '../fixtures';

const IDS = {
  applicant1: '0b7d2c5e-6f1a-4b3c-8d9e-0a1b2c3d4e01',
  applicant2: '0b7d2c5e-6f1a-4b3c-8d9e-0a1b2c3d4e02',
  respondent: '0b7d2c5e-6f1a-4b3c-8d9e-0a1b2c3d4e03',
  agent: '0b7d2c5e-6f1a-4b3c-8d9e-0a1b2c3d4e04',
  stranger: '0b7d2c5e-6f1a-4b3c-8d9e-0a1b2c3d4e99',
};

function applicant1(): PersonParty {
  return {
    id: IDS.applicant1,
    role: 'applicant',
    kind: 'person',
    name: '王秀英',
    gender: 'female',
    ethnicity: '汉族',
    birthDate: '1949-12-31',
    idType: 'resident_id',
    idNumber: '11010519491231002X',
    phone: '13812345678',
    address: '北京市朝阳区某街道1号',
    requests: '赔偿医疗费12345.67元',
    occupation: '退休',
    workUnit: '',
  };
}

function applicant2(): PersonParty {
  return {
    id: IDS.applicant2,
    role: 'applicant',
    kind: 'person',
    name: '李强',
    gender: 'male',
    ethnicity: '回族',
    birthDate: '',
    idType: 'resident_id',
    idNumber: '410326199507103197',
    phone: '0379-65432100',
    address: '河南省洛阳市',
    requests: '',
    occupation: '',
    workUnit: '',
  };
}

function respondent(): OrganizationParty {
  return {
    id: IDS.respondent,
    role: 'respondent',
    kind: 'organization',
    name: '某某运输有限公司',
    usccCode: '91350100M000100Y43',
    legalRepresentative: '陈某',
    representativeTitle: '总经理',
    phone: '',
    address: '福建省福州市',
    requests: '',
  };
}

function agent(): Agent {
  return {
    id: IDS.agent,
    principalId: IDS.applicant1,
    name: '赵律师',
    idType: 'resident_id',
    idNumber: '34052419800101001X',
    phone: '0551-62345678',
    workUnitOrRelation: '某某律师事务所',
    authority: 'special',
  };
}

function validInput(): CaseInput {
  return {
    dispute: {
      disputeType: '13',
      disputeSubType: '人身损害赔偿纠纷',
      source: 'application',
      summary: '申请人在道路交通事故中受伤，就赔偿数额与被申请人协商未果。',
      occurredOn: '2026-04-20',
      occurredPlace: '某路口',
      amount: '12345.67',
      peopleInvolved: 3,
      riskLevel: 'low',
      complexity: 'simple',
      escalation: [],
      applicationForm: 'written',
    },
    parties: [applicant1(), applicant2(), respondent()],
    agents: [agent()],
  };
}

function parse(input: unknown, today = TODAY) {
  return caseInputSchema(today).safeParse(input);
}

function errorOf(input: unknown, today = TODAY) {
  const result = parse(input, today);
  if (result.success) throw new Error('expected the input to be rejected');
  return result.error;
}

function issuesOf(input: unknown, today = TODAY) {
  return errorOf(input, today).issues;
}

const samePath = (a: readonly PropertyKey[], b: readonly PropertyKey[]) => JSON.stringify(a) === JSON.stringify(b);

/** The custom issue codes (params.code) at a path. */
function codesAt(input: unknown, path: (string | number)[], today = TODAY): string[] {
  return issuesOf(input, today)
    .filter((i) => samePath(i.path, path))
    .map((i) => (i.code === 'custom' ? String((i.params as { code?: string } | undefined)?.code) : i.code));
}

describe('caseInputSchema: a complete valid case', () => {
  it('accepts two applicants with resident IDs, an organisation respondent with a USCC and an agent', () => {
    const result = parse(validInput());
    if (!result.success) throw new Error(JSON.stringify(result.error.issues, null, 2));
    expect(result.data.parties).toHaveLength(3);
    expect(result.data.agents[0]!.principalId).toBe(IDS.applicant1);
  });

  it('accepts a lower-case x in a resident ID', () => {
    const input = validInput();
    (input.parties[0] as PersonParty).idNumber = '11010519491231002x';
    expect(parse(input).success).toBe(true);
  });

  it('accepts a respondent organisation without a credit code (often unknown at intake)', () => {
    const input = validInput();
    (input.parties[2] as OrganizationParty).usccCode = '';
    expect(parse(input).success).toBe(true);
  });

  it('accepts gender "unknown" next to a resident ID (gender is derived later)', () => {
    const input = validInput();
    (input.parties[0] as PersonParty).gender = 'unknown';
    expect(parse(input).success).toBe(true);
  });

  it('accepts no amount, no agents and a third party without documents', () => {
    const input = validInput();
    input.dispute.amount = '';
    input.agents = [];
    input.parties.push({ ...applicant2(), id: IDS.stranger, role: 'third_party', idNumber: '', phone: '', name: '第三人' });
    expect(parse(input).success).toBe(true);
  });

  it('trims text fields', () => {
    const input = validInput();
    input.dispute.summary = '  情况说明  ';
    const result = parse(input);
    expect(result.success && result.data.dispute.summary).toBe('情况说明');
  });
});

describe('caseInputSchema: rejected cases', () => {
  it('rejects a case without respondent (PARTY_MISSING on parties)', () => {
    const input = validInput();
    input.parties = input.parties.filter((p) => p.role !== 'respondent');
    expect(codesAt(input, ['parties'])).toEqual(['PARTY_MISSING']);
  });

  it('rejects a case without applicant (PARTY_MISSING on parties)', () => {
    const input = validInput();
    input.parties = [respondent()];
    input.agents = [];
    expect(codesAt(input, ['parties'])).toEqual(['PARTY_MISSING']);
  });

  it('reports both missing sides of an empty party list', () => {
    const input = validInput();
    input.parties = [];
    input.agents = [];
    expect(codesAt(input, ['parties'])).toEqual(['PARTY_MISSING', 'PARTY_MISSING']);
  });

  it.each(['', '   '])('rejects a respondent with an empty name (%j) at its name field', (name) => {
    const input = validInput();
    input.parties[2]!.name = name;
    const issues = issuesFromZod(errorOf(input)).filter((i) => samePath(i.path, ['parties', 2, 'name']));
    expect(issues).toEqual([{ code: 'REQUIRED', path: ['parties', 2, 'name'], message: '请填写单位名称' }]);
  });

  it('rejects a bad ID check digit at parties[i].idNumber with code ID_CHECK_DIGIT', () => {
    const input = validInput();
    (input.parties[1] as PersonParty).idNumber = '410326199507103190';
    const error = errorOf(input);
    expect(error.issues).toEqual([
      expect.objectContaining({ code: 'custom', path: ['parties', 1, 'idNumber'], params: { code: 'ID_CHECK_DIGIT' } }),
    ]);
    expect(error.issues[0]!.message).toContain('“7”');
    expect(issuesFromZod(error)).toContainEqual({
      code: 'ID_CHECK_DIGIT',
      path: ['parties', 1, 'idNumber'],
      message: expect.any(String),
    });
  });

  it('rejects 340524198001010013 for the first applicant at parties[0].idNumber', () => {
    const input = validInput();
    const p = input.parties[0] as PersonParty;
    p.idNumber = '340524198001010013';
    p.birthDate = '';
    expect(codesAt(input, ['parties', 0, 'idNumber'])).toEqual(['ID_CHECK_DIGIT']);
  });

  it('rejects an amount with three decimals at dispute.amount (AMOUNT_FORMAT)', () => {
    const input = validInput();
    input.dispute.amount = '1.234';
    expect(codesAt(input, ['dispute', 'amount'])).toEqual(['AMOUNT_FORMAT']);
  });

  it.each(['-100', '12万', 'abc'])('rejects the amount %j at dispute.amount', (amount) => {
    const input = validInput();
    input.dispute.amount = amount;
    expect(codesAt(input, ['dispute', 'amount'])).toEqual(['AMOUNT_FORMAT']);
  });

  it('rejects a sub-type that does not belong to the type (SUBTYPE_MISMATCH)', () => {
    const input = validInput();
    input.dispute.disputeSubType = '婚姻纠纷'; // belongs to 01 婚姻家庭纠纷, not 13 道路交通事故纠纷
    expect(codesAt(input, ['dispute', 'disputeSubType'])).toEqual(['SUBTYPE_MISMATCH']);
  });

  it('rejects an unknown dispute type', () => {
    const input = validInput() as unknown as { dispute: { disputeType: string } };
    input.dispute.disputeType = '16';
    expect(parse(input).success).toBe(false);
  });

  it.each([
    ['at the top level', (i: Record<string, unknown>) => ({ ...i, status: 'closed' }), []],
    ['in the dispute', (i: Record<string, unknown>) => ({ ...i, dispute: { ...(i.dispute as object), secret: 1 } }), ['dispute']],
    [
      'in a party',
      (i: Record<string, unknown>) => ({ ...i, parties: (i.parties as object[]).map((p, n) => (n === 0 ? { ...p, isAdmin: true } : p)) }),
      ['parties', 0],
    ],
    ['in an agent', (i: Record<string, unknown>) => ({ ...i, agents: [{ ...(i.agents as object[])[0], fee: 1 }] }), ['agents', 0]],
  ] as const)('rejects an unknown extra key %s (strict objects)', (_label, mutate, path) => {
    const issues = issuesOf(mutate(validInput() as unknown as Record<string, unknown>));
    expect(issues).toContainEqual(expect.objectContaining({ code: 'unrecognized_keys', path }));
  });

  it('rejects an agent whose principal is not a party of the case (AGENT_PRINCIPAL)', () => {
    const input = validInput();
    input.agents[0]!.principalId = IDS.stranger;
    expect(codesAt(input, ['agents', 0, 'principalId'])).toEqual(['AGENT_PRINCIPAL']);
  });

  it('rejects an agent that names another agent as principal', () => {
    const input = validInput();
    input.agents[0]!.principalId = IDS.agent;
    expect(codesAt(input, ['agents', 0, 'principalId'])).toEqual(['AGENT_PRINCIPAL']);
  });

  it('rejects a gender that does not match the 17th digit of the ID (ID_GENDER_MISMATCH)', () => {
    const input = validInput();
    (input.parties[0] as PersonParty).gender = 'male'; // ...002X: 17th digit 2 → female
    (input.parties[1] as PersonParty).gender = 'female'; // ...3197: 17th digit 9 → male
    expect(codesAt(input, ['parties', 0, 'gender'])).toEqual(['ID_GENDER_MISMATCH']);
    expect(codesAt(input, ['parties', 1, 'gender'])).toEqual(['ID_GENDER_MISMATCH']);
  });

  it('rejects a birth date that does not match the ID', () => {
    const input = validInput();
    (input.parties[0] as PersonParty).birthDate = '1949-12-30';
    expect(codesAt(input, ['parties', 0, 'birthDate'])).toEqual(['ID_BIRTH_DATE']);
  });

  it('rejects an ID whose birth date is after the injected today, and accepts it once that day has come', () => {
    const input = validInput();
    const p = input.parties[1] as PersonParty;
    p.idNumber = makeResidentId('410326', '20260601', '003');
    p.birthDate = '';
    expect(codesAt(input, ['parties', 1, 'idNumber'], '2026-05-31')).toEqual(['ID_BIRTH_DATE']);
    input.dispute.occurredOn = '2026-05-01';
    expect(parse(input, '2026-06-01').success).toBe(true);
  });

  it('rejects a dispute date after today (DATE_IN_FUTURE)', () => {
    const input = validInput();
    input.dispute.occurredOn = '2026-05-02';
    expect(codesAt(input, ['dispute', 'occurredOn'])).toEqual(['DATE_IN_FUTURE']);
  });

  it('requires a phone and a document number for an applicant, but not for a respondent', () => {
    const input = validInput();
    const p = input.parties[0] as PersonParty;
    p.phone = '';
    p.idNumber = '';
    p.birthDate = '';
    expect(codesAt(input, ['parties', 0, 'phone'])).toEqual(['REQUIRED']);
    expect(codesAt(input, ['parties', 0, 'idNumber'])).toEqual(['REQUIRED']);
  });

  it('requires a credit code for an organisation applicant', () => {
    const input = validInput();
    input.parties.push({ ...respondent(), id: IDS.stranger, role: 'applicant', usccCode: '', phone: '0591-87654321' });
    expect(codesAt(input, ['parties', 3, 'usccCode'])).toEqual(['REQUIRED']);
  });

  it('rejects a respondent with a wrong credit code check character', () => {
    const input = validInput();
    (input.parties[2] as OrganizationParty).usccCode = '91350100M000100Y44';
    expect(codesAt(input, ['parties', 2, 'usccCode'])).toEqual(['USCC_CHECK_DIGIT']);
  });

  it('rejects a malformed phone of a party and of an agent', () => {
    const input = validInput();
    input.parties[0]!.phone = '12345';
    input.agents[0]!.phone = '0551-1234';
    expect(codesAt(input, ['parties', 0, 'phone'])).toEqual(['PHONE_FORMAT']);
    expect(codesAt(input, ['agents', 0, 'phone'])).toEqual(['PHONE_FORMAT']);
  });

  it('rejects a bad agent document number', () => {
    const input = validInput();
    input.agents[0]!.idNumber = '340524198001010013';
    expect(codesAt(input, ['agents', 0, 'idNumber'])).toEqual(['ID_CHECK_DIGIT']);
  });

  it('reports every problem at once so the form can mark all fields', () => {
    const input = validInput();
    input.dispute.amount = '1.234';
    input.dispute.disputeSubType = '婚姻纠纷';
    input.agents[0]!.principalId = IDS.stranger;
    const codes = issuesOf(input).map((i) => (i.code === 'custom' ? i.params?.code : i.code));
    expect(codes).toEqual(expect.arrayContaining(['AMOUNT_FORMAT', 'SUBTYPE_MISMATCH', 'AGENT_PRINCIPAL']));
  });

  it('gives every custom issue a code known to the API layer', () => {
    const input = validInput();
    input.dispute.amount = '1.234';
    (input.parties[0] as PersonParty).gender = 'male';
    input.parties.splice(2, 1);
    for (const issue of issuesFromZod(errorOf(input))) {
      expect(issue.code).not.toBe('INVALID_VALUE');
    }
  });
});

describe('normaliseCaseInput', () => {
  it('derives birth date and gender from a resident ID', () => {
    const input = validInput();
    const p = input.parties[1] as PersonParty;
    p.birthDate = '';
    p.gender = 'unknown';
    const out = normaliseCaseInput(input, TODAY).parties[1] as PersonParty;
    expect(out.birthDate).toBe('1995-07-10');
    expect(out.gender).toBe('male');
  });

  it('derives them from a lower-case x ID and stores the ID upper-case without spaces', () => {
    const input = validInput();
    const p = input.parties[0] as PersonParty;
    p.idNumber = ' 110105 19491231 002x ';
    p.birthDate = '';
    p.gender = 'unknown';
    const out = normaliseCaseInput(input, TODAY).parties[0] as PersonParty;
    expect(out).toMatchObject({ idNumber: '11010519491231002X', birthDate: '1949-12-31', gender: 'female' });
  });

  it('leaves birth date and gender as typed when the ID is invalid or not a Chinese ID', () => {
    const input = validInput();
    const p = input.parties[1] as PersonParty;
    p.idNumber = '410326199507103190';
    p.birthDate = '';
    p.gender = 'unknown';
    expect(normaliseCaseInput(input, TODAY).parties[1]).toMatchObject({ birthDate: '', gender: 'unknown' });
    p.idType = 'passport';
    p.idNumber = 'e12345678';
    expect(normaliseCaseInput(input, TODAY).parties[1]).toMatchObject({ idNumber: 'E12345678', birthDate: '', gender: 'unknown' });
  });

  it.each([
    ['1,000', '1000.00'],
    ['12345.67', '12345.67'],
    ['0.5', '0.50'],
    ['1，234.5', '1234.50'],
    ['0.29', '0.29'],
    ['', ''],
  ])('normalises the amount %j to %j', (amount, expected) => {
    const input = validInput();
    input.dispute.amount = amount;
    expect(normaliseCaseInput(input, TODAY).dispute.amount).toBe(expected);
  });

  it('keeps an invalid amount as typed so the error stays visible', () => {
    const input = validInput();
    input.dispute.amount = '1.234';
    expect(normaliseCaseInput(input, TODAY).dispute.amount).toBe('1.234');
  });

  it('upper-cases credit codes and agent document numbers, and removes duplicate escalation flags', () => {
    const input = validInput();
    (input.parties[2] as OrganizationParty).usccCode = '91350100m000100y43';
    input.agents[0]!.idNumber = '340524 19800101 001x';
    input.dispute.escalation = ['group', 'criminal', 'group'];
    const out = normaliseCaseInput(input, TODAY);
    expect((out.parties[2] as OrganizationParty).usccCode).toBe('91350100M000100Y43');
    expect(out.agents[0]!.idNumber).toBe('34052419800101001X');
    expect(out.dispute.escalation).toEqual(['group', 'criminal']);
  });

  it('does not modify its input', () => {
    const input = validInput();
    input.dispute.amount = '1,000';
    const before = JSON.stringify(input);
    normaliseCaseInput(input, TODAY);
    expect(JSON.stringify(input)).toBe(before);
  });

  it('produces input that still passes the schema, and is idempotent', () => {
    const input = validInput();
    input.dispute.amount = '1,000';
    (input.parties[0] as PersonParty).gender = 'unknown';
    (input.parties[0] as PersonParty).birthDate = '';
    const once = normaliseCaseInput(input, TODAY);
    expect(parse(once).success).toBe(true);
    expect(normaliseCaseInput(once, TODAY)).toEqual(once);
  });
});
