import { addIssue, requiredText, text, z } from './zod-setup';
import { AGENT_AUTHORITIES, ETHNICITIES, GENDERS, ID_TYPES, PARTY_ROLES, keysOf } from './codes';
import { checkIdentity, checkPhone, checkUscc, normaliseDocumentNumber, normalisePhone } from '../validation';

export const PartyRoleSchema = z.enum(keysOf(PARTY_ROLES));
export const IdTypeSchema = z.enum(keysOf(ID_TYPES));

const partyBase = {
  id: z.uuid(),
  role: PartyRoleSchema,
  phone: text(40),
  address: text(200),
  /** 当事人诉求 / 申请事项: one per line. */
  requests: text(2000),
};

/** 自然人 (natural person). Birth date and gender are derived from a resident ID when there is one. */
export const PersonPartySchema = z.strictObject({
  ...partyBase,
  kind: z.literal('person'),
  name: requiredText(50, '请填写当事人姓名'),
  gender: z.enum(keysOf(GENDERS)),
  ethnicity: z.enum(ETHNICITIES),
  birthDate: z.union([z.iso.date('出生日期格式应为YYYY-MM-DD'), z.literal('')]),
  idType: IdTypeSchema,
  idNumber: text(40),
  /** 职业或职务 */
  occupation: text(100),
  /** 工作单位 */
  workUnit: text(100),
});

/** 法人或其他组织 (legal person or other organisation). */
export const OrganizationPartySchema = z.strictObject({
  ...partyBase,
  kind: z.literal('organization'),
  name: requiredText(100, '请填写单位名称'),
  usccCode: text(18 + 4),
  legalRepresentative: requiredText(50, '请填写法定代表人或负责人姓名'),
  representativeTitle: text(50),
});

export const PartySchema = z.discriminatedUnion('kind', [PersonPartySchema, OrganizationPartySchema]);
export type PersonParty = z.infer<typeof PersonPartySchema>;
export type OrganizationParty = z.infer<typeof OrganizationPartySchema>;
export type Party = z.infer<typeof PartySchema>;

/** 代理人: acts for one party, with general or special authority (特别授权 may admit, waive or settle claims). */
export const AgentSchema = z.strictObject({
  id: z.uuid(),
  principalId: z.uuid(),
  name: requiredText(50, '请填写代理人姓名'),
  idType: IdTypeSchema,
  idNumber: text(40),
  phone: text(40),
  /** 律师事务所 / 工作单位 or relation to the principal (近亲属 …). */
  workUnitOrRelation: text(100),
  authority: z.enum(keysOf(AGENT_AUTHORITIES)),
});
export type Agent = z.infer<typeof AgentSchema>;

/**
 * Field rules that need more than a type: document numbers per type, codes, phones, and consistency between a
 * resident ID and the gender / birth date typed beside it. Applied to parties at `path` within the case input.
 */
export function refineParty(party: Party, path: (string | number)[], today: string, ctx: z.RefinementCtx): void {
  if (party.phone) {
    const phone = checkPhone(party.phone);
    if (!phone.ok) addIssue(ctx, [...path, 'phone'], phone.code, phone.message);
  } else if (party.role === 'applicant') {
    addIssue(ctx, [...path, 'phone'], 'REQUIRED', '请填写申请人的联系电话');
  }
  if (party.kind === 'organization') {
    if (party.usccCode) {
      const code = checkUscc(party.usccCode);
      if (!code.ok) addIssue(ctx, [...path, 'usccCode'], code.code, code.message);
    } else if (party.role === 'applicant') {
      addIssue(ctx, [...path, 'usccCode'], 'REQUIRED', '请填写申请单位的统一社会信用代码');
    }
    return;
  }
  if (!party.idNumber) {
    if (party.role === 'applicant') addIssue(ctx, [...path, 'idNumber'], 'REQUIRED', '请填写申请人的证件号码');
    return;
  }
  const id = checkIdentity(party.idType, party.idNumber, today);
  if (!id.ok) {
    addIssue(ctx, [...path, 'idNumber'], id.code, id.message);
    return;
  }
  if (id.value.gender && party.gender !== 'unknown' && party.gender !== id.value.gender) {
    addIssue(ctx, [...path, 'gender'], 'ID_GENDER_MISMATCH', '性别与身份证号码不一致（第17位奇数为男，偶数为女）');
  }
  if (id.value.birthDate && party.birthDate && party.birthDate !== id.value.birthDate) {
    addIssue(ctx, [...path, 'birthDate'], 'ID_BIRTH_DATE', `出生日期与身份证号码不一致，应为${id.value.birthDate}`);
  }
  if (party.birthDate && party.birthDate > today) {
    addIssue(ctx, [...path, 'birthDate'], 'DATE_IN_FUTURE', '出生日期不能晚于今天');
  }
}

export function refineAgent(agent: Agent, path: (string | number)[], today: string, ctx: z.RefinementCtx): void {
  if (agent.idNumber) {
    const id = checkIdentity(agent.idType, agent.idNumber, today);
    if (!id.ok) addIssue(ctx, [...path, 'idNumber'], id.code, id.message);
  }
  if (agent.phone) {
    const phone = checkPhone(agent.phone);
    if (!phone.ok) addIssue(ctx, [...path, 'phone'], phone.code, phone.message);
  }
}

/** Normalises what the clerk typed: upper-case document numbers, derived birth date and gender. */
export function normaliseParty(party: Party, today: string): Party {
  // One canonical phone form, so that related-case lookup matches "+86 138…" with "138…".
  const phone = normalisePhone(party.phone);
  if (party.kind === 'organization') return { ...party, phone, usccCode: normaliseDocumentNumber(party.usccCode) };
  const idNumber = normaliseDocumentNumber(party.idNumber);
  const id = idNumber ? checkIdentity(party.idType, idNumber, today) : null;
  if (id?.ok && id.value.birthDate && id.value.gender) {
    return { ...party, phone, idNumber, birthDate: id.value.birthDate, gender: id.value.gender };
  }
  return { ...party, phone, idNumber };
}

/** Display name with role, e.g. "申请人 张三". */
export function partyLabel(party: Pick<Party, 'role' | 'name'>): string {
  return `${PARTY_ROLES[party.role]} ${party.name}`;
}
