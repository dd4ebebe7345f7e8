/** The lines describing a party in a text form, shared by the PDF and DOCX renderers so both print the same words. */
import type { Align, PartyEntry } from './model';

/** "label：value" pairs on one line, separated by an ideographic space; pairs with empty values are left out. */
export function pairs(items: [string, string][]): string {
  return items
    .filter(([, v]) => v.trim())
    .map(([k, v]) => (k ? `${k}：${v}` : v))
    .join('\u3000');
}

export const idText = (p: PartyEntry) => [p.idType, p.idNumber].filter(Boolean).join(' ');

/** The lines describing one party in a text form (申请书), in the order of the official form. */
export function partyLines(p: PartyEntry): string[] {
  if (p.kind === 'person') {
    return [
      pairs([['', p.name], ['性别', p.gender], ['民族', p.ethnicity], ['年龄', p.age]]),
      pairs([['职业或职务', p.occupation], ['工作单位', p.workUnit]]),
      pairs([['身份证件', idText(p)]]),
      pairs([['联系方式', p.phone]]),
      pairs([['住址', p.address]]),
    ].filter(Boolean);
  }
  if (p.kind === 'organization') {
    return [
      p.name,
      pairs([['统一社会信用代码', p.usccCode]]),
      pairs([['法定代表人', p.legalRepresentative], ['职务', p.representativeTitle]]),
      pairs([['联系方式', p.phone]]),
      pairs([['住所地', p.address]]),
    ].filter(Boolean);
  }
  return [
    `${p.name}（${p.principal}的委托代理人，${p.authority}）`,
    pairs([['工作单位或与当事人关系', p.workUnitOrRelation]]),
    pairs([['身份证件', idText(p)]]),
    pairs([['联系方式', p.phone]]),
  ].filter(Boolean);
}

/** How a renderer makes the two kinds of cell of a form table (label centred; value with span and alignment). */
export interface GridCells<C> {
  label(text: string): C;
  value(text: string, span?: number, align?: Align): C;
}

/**
 * The rows of one party (or agent) on the 8-column party grid of the form tables (受理登记表), without the role
 * column: the same fields in the same columns in both renderers, each making its own cells.
 */
export function partyGridRows<C>(p: PartyEntry, { label, value }: GridCells<C>): C[][] {
  const idLabel = () => label(p.idType || '证件号码');
  if (p.kind === 'person') {
    return [
      [label('姓名'), value(p.name, 2), label('性别'), value(p.gender, 1, 'center'), label('民族'), value(p.ethnicity, 1, 'center')],
      [label('出生日期'), value(p.birthDate, 2), label('年龄'), value(p.age, 1, 'center'), label('联系电话'), value(p.phone)],
      [idLabel(), value(p.idNumber, 6)],
      [label('职业'), value(p.occupation, 2), label('单位'), value(p.workUnit, 3)],
      [label('住址'), value(p.address, 6)],
    ];
  }
  if (p.kind === 'organization') {
    return [
      [label('名称'), value(p.name, 6)],
      [label('信用代码'), value(p.usccCode, 4), label('联系电话'), value(p.phone)],
      [label('法定代表人'), value(p.legalRepresentative, 2), label('职务'), value(p.representativeTitle, 3)],
      [label('住所地'), value(p.address, 6)],
    ];
  }
  return [
    [label('姓名'), value(p.name, 2), label('权限'), value(p.authority, 1, 'center'), label('被代理人'), value(p.principal)],
    [idLabel(), value(p.idNumber, 4), label('联系电话'), value(p.phone)],
    [label('单位或关系'), value(p.workUnitOrRelation, 6)],
  ];
}

/** The role label of a party block, broken after two characters when long (被申请人 → 被申\n请人). */
export const roleLabel = (role: string): string => (role.length > 3 ? `${role.slice(0, 2)}\n${role.slice(2)}` : role);
