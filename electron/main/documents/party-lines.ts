/** The lines describing a party in a text form, shared by the PDF and DOCX renderers so both print the same words. */
import type { PartyEntry } from './model';

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
