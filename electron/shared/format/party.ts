/** One-line descriptions of parties and agents as written at the head of Chinese legal documents. */
import { AGENT_AUTHORITIES, GENDERS, ID_TYPES } from '../domain/codes';
import type { Agent, OrganizationParty, Party, PersonParty } from '../domain/party';
import { ageOn, parseIsoDate } from '../validation/dates';
import { formatDateCn } from './dates';

/** Full years on `onDate` as printed: "58岁"; empty when the birth date is unknown or after `onDate`. */
export function ageText(birthDate: string, onDate: string): string {
  if (!parseIsoDate(birthDate) || !parseIsoDate(onDate)) return '';
  const age = ageOn(birthDate, onDate);
  return age >= 0 ? `${age}岁` : '';
}

/** "居民身份证号码330782196803151315"; empty without a number. */
export function idDocumentText(idType: keyof typeof ID_TYPES, idNumber: string): string {
  return idNumber ? `${ID_TYPES[idType]}号码${idNumber}` : '';
}

const join = (items: (string | false | null | undefined)[]) => items.filter((s): s is string => !!s).join('，');

/** 张建国，男，汉族，1968年3月15日出生，个体经营，住浙江省…，居民身份证号码…，联系电话…… (no trailing 。) */
export function personLine(p: PersonParty): string {
  return join([
    p.name,
    p.gender !== 'unknown' && GENDERS[p.gender],
    p.ethnicity,
    parseIsoDate(p.birthDate) && `${formatDateCn(p.birthDate)}出生`,
    p.occupation,
    p.workUnit && `工作单位${p.workUnit}`,
    p.address && `住${p.address}`,
    idDocumentText(p.idType, p.idNumber),
    p.phone && `联系电话${p.phone}`,
  ]);
}

/** 义乌市顺达货运有限公司，住所地…，统一社会信用代码…，法定代表人陈国平（执行董事兼总经理），联系电话… */
export function organizationLine(o: OrganizationParty): string {
  return join([
    o.name,
    o.address && `住所地${o.address}`,
    o.usccCode && `统一社会信用代码${o.usccCode}`,
    `法定代表人（负责人）${o.legalRepresentative}${o.representativeTitle ? `（${o.representativeTitle}）` : ''}`,
    o.phone && `联系电话${o.phone}`,
  ]);
}

/** 吴晓东，浙江稠州律师事务所，居民身份证号码…，联系电话…，系张建国的委托代理人（特别授权） */
export function agentLine(a: Agent, principalName: string): string {
  return join([
    a.name,
    a.workUnitOrRelation,
    idDocumentText(a.idType, a.idNumber),
    a.phone && `联系电话${a.phone}`,
    `系${principalName}的委托代理人（${AGENT_AUTHORITIES[a.authority]}）`,
  ]);
}

export function partyLine(p: Party): string {
  return p.kind === 'person' ? personLine(p) : organizationLine(p);
}

/** Names joined the Chinese way: 张建国、李秀兰 */
export function joinNames(names: readonly string[]): string {
  return names.filter(Boolean).join('、');
}
