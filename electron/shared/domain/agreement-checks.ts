import { checkAmountYuan } from '../validation';
import type { AgreementContent, AgreementItem, AgreementRecord } from './agreement';
import { isObligation, itemDueDates, renderClause } from './agreement-clauses';
import { PARTY_ROLES } from './codes';
import type { CaseRecord } from './case';

/**
 * The legal checks an agreement must pass before it can be submitted, approved or signed (人民调解法 art. 29;
 * 若干规定 art. 35; domain.md §2.3, §2.4). Pure: the editor runs them as the advisor types, main runs them again.
 * Errors block; warnings are shown and recorded but do not block (e.g. content a court will not confirm).
 */
export interface AgreementIssue {
  code:
    | 'PARTY_INCOMPLETE'
    | 'FACTS_MISSING'
    | 'DISPUTED_MISSING'
    | 'NO_ITEMS'
    | 'ITEM_PARTIES'
    | 'ITEM_TEXT'
    | 'AMOUNT_INVALID'
    | 'NO_DEADLINE'
    | 'NO_MANNER'
    | 'NO_PLACE'
    | 'DUE_IN_PAST'
    | 'INSTALMENTS_SUM'
    | 'INSTALMENTS_ORDER'
    | 'COPIES_TOO_FEW'
    | 'NOT_CONFIRMABLE'
    | 'ORAL_DETAILS';
  severity: 'error' | 'warning';
  /** Where to fix it, in the editor's terms: ['content', 'items', 2, 'dueOn'], ['parties', partyId]. */
  path: (string | number)[];
  message: string;
  /**
   * PARTY_INCOMPLETE: the registration fields that are missing (keys of the party, e.g. ['idNumber', 'address']), so
   * that a screen can open the correction form at them.
   */
  fields?: string[];
}

export interface AgreementCheckContext {
  record: Pick<CaseRecord, 'parties' | 'dispute'>;
  today: string;
  requirePerformancePlace: boolean;
}

const PERSON_FIELDS = { gender: '性别', ethnicity: '民族', birthDate: '出生日期（年龄）', idNumber: '身份证件号码', phone: '联系方式', address: '住址' } as const;
const ORG_FIELDS = { usccCode: '统一社会信用代码', legalRepresentative: '法定代表人或负责人', phone: '联系方式', address: '住所地' } as const;

/** Content a court will not confirm (民诉法解释: status relations; confirmation of real rights or IP rights). */
const NOT_CONFIRMABLE: { pattern: RegExp; what: string }[] = [
  { pattern: /离婚|解除婚姻|婚姻关系|婚姻(无效|有效)/, what: '婚姻关系' },
  { pattern: /亲子关系|父母子女关系|确认.{0,6}(生父|生母)/, what: '亲子关系' },
  { pattern: /收养(关系)?|解除收养/, what: '收养关系' },
  { pattern: /确认.{0,20}(所有权|使用权|物权)|(所有权|产权|物权)归|权属确认|确权/, what: '物权确认' },
  { pattern: /(专利|商标|著作权|知识产权).{0,10}(归|所有|确认)/, what: '知识产权确认' },
];

function partyIssues(ctx: AgreementCheckContext): AgreementIssue[] {
  const issues: AgreementIssue[] = [];
  for (const p of ctx.record.parties) {
    const fields = p.kind === 'person' ? PERSON_FIELDS : ORG_FIELDS;
    const missingKeys = Object.keys(fields).filter((key) => !String((p as unknown as Record<string, unknown>)[key] ?? '').trim());
    const missing = missingKeys.map((key) => (fields as Record<string, string>)[key]!);
    if (missing.length) {
      issues.push({
        code: 'PARTY_INCOMPLETE',
        severity: 'error',
        path: ['parties', p.id],
        message: `${PARTY_ROLES[p.role]}${p.name}的基本情况不完整，缺少：${missing.join('、')}（请在案件登记信息中补充）`,
        fields: missingKeys,
      });
    }
  }
  return issues;
}

function itemPartyIds(item: AgreementItem): string[][] {
  switch (item.type) {
    case 'payment':
      return [item.payerIds, item.payeeIds];
    case 'act':
      return [item.obligorIds];
    case 'apology':
    case 'return':
      return [item.fromIds, item.toIds];
    case 'costs':
      return [item.bearerIds];
    case 'free':
      return [item.obligorIds];
    default:
      throw new Error(`unknown agreement item ${String(item satisfies never)}`);
  }
}

function itemIssues(item: AgreementItem, i: number, ctx: AgreementCheckContext): AgreementIssue[] {
  const issues: AgreementIssue[] = [];
  const n = `第${i + 1}项`;
  const path = (...rest: (string | number)[]) => ['content', 'items', i, ...rest];
  const err = (code: AgreementIssue['code'], p: (string | number)[], message: string) => issues.push({ code, severity: 'error', path: p, message });
  const known = new Set(ctx.record.parties.map((p) => p.id));

  const groups = itemPartyIds(item);
  const required = item.type === 'free' ? [] : groups;
  if (required.some((ids) => ids.length === 0)) err('ITEM_PARTIES', path('parties'), `${n}：请选择义务人和权利人`);
  if (groups.flat().some((id) => !known.has(id))) err('ITEM_PARTIES', path('parties'), `${n}：所选当事人不是本案当事人`);
  if (item.type === 'payment' && item.payerIds.some((id) => item.payeeIds.includes(id))) err('ITEM_PARTIES', path('parties'), `${n}：付款人与收款人不能是同一当事人`);

  const text = item.type === 'act' ? item.description : item.type === 'return' ? item.property : item.type === 'costs' ? item.description : item.type === 'free' ? item.text : 'x';
  if (!text.trim()) err('ITEM_TEXT', path(item.type === 'free' ? 'text' : item.type === 'return' ? 'property' : 'description'), `${n}：请填写具体内容`);

  const amountOk = (raw: string, p: (string | number)[], label: string): number | null => {
    const checked = checkAmountYuan(raw);
    if (!raw.trim() || !checked.ok || checked.value <= 0) {
      err('AMOUNT_INVALID', p, `${n}：${label}${!raw.trim() ? '未填写' : '格式不正确（最多两位小数，大于零）'}`);
      return null;
    }
    return checked.value;
  };
  if (item.type === 'payment') {
    const total = amountOk(item.total, path('total'), '金额');
    if (item.plan === 'instalments') {
      if (item.instalments.length < 2) err('INSTALMENTS_SUM', path('instalments'), `${n}：分期付款至少应有两期`);
      let sum = 0;
      let valid = true;
      item.instalments.forEach((inst, k) => {
        const v = amountOk(inst.amount, path('instalments', k, 'amount'), `第${k + 1}期金额`);
        if (v === null) valid = false;
        else sum += v;
      });
      if (valid && total !== null && sum !== total) {
        err('INSTALMENTS_SUM', path('instalments'), `${n}：各期金额合计${(sum / 100).toFixed(2)}元，与总额${(total / 100).toFixed(2)}元不一致`);
      }
      const dates = item.instalments.map((x) => x.dueOn).filter(Boolean);
      if (dates.some((d, k) => k > 0 && d <= dates[k - 1]!)) {
        issues.push({ code: 'INSTALMENTS_ORDER', severity: 'warning', path: path('instalments'), message: `${n}：各期履行日期应依次在后` });
      }
    }
  }
  if (item.type === 'costs' && item.amount.trim()) amountOk(item.amount, path('amount'), '金额');

  if (isObligation(item)) {
    const dueField = item.type === 'payment' && item.plan === 'instalments' ? 'instalments' : 'dueOn';
    const dates = itemDueDates(item);
    dates.forEach((d, k) => {
      const p = dueField === 'instalments' ? path('instalments', k, 'dueOn') : path('dueOn');
      const label = dueField === 'instalments' ? `第${k + 1}期` : '';
      if (!d) err('NO_DEADLINE', p, `${n}：${label}缺少履行期限`);
      else if (d < ctx.today) err('DUE_IN_PAST', p, `${n}：${label}履行期限${d}早于今天`);
    });
    const manner = item.type === 'payment' ? item.method : item.type === 'costs' ? 'x' : item.manner;
    // An act to stop (不作为) has no manner of its own: stopping is the manner.
    const needsManner = !(item.type === 'act' && item.mode === 'cease');
    if (needsManner && !manner.trim()) err('NO_MANNER', path(item.type === 'payment' ? 'method' : 'manner'), `${n}：缺少履行方式`);
    const place = item.type === 'apology' ? 'x' : (item as { place?: string }).place ?? 'x';
    if (ctx.requirePerformancePlace && !place.trim()) err('NO_PLACE', path('place'), `${n}：缺少履行地点（本中心要求写明履行地点）`);
  }
  return issues;
}

export function checkAgreement(agreement: Pick<AgreementRecord, 'kind'> & { content: AgreementContent }, ctx: AgreementCheckContext): AgreementIssue[] {
  const { content } = agreement;
  const issues: AgreementIssue[] = [...partyIssues(ctx)];
  if (!content.facts.trim()) issues.push({ code: 'FACTS_MISSING', severity: 'error', path: ['content', 'facts'], message: '请填写纠纷主要事实' });
  if (!content.disputedMatters.trim()) issues.push({ code: 'DISPUTED_MISSING', severity: 'error', path: ['content', 'disputedMatters'], message: '请填写争议事项' });
  if (content.items.length === 0) issues.push({ code: 'NO_ITEMS', severity: 'error', path: ['content', 'items'], message: '请至少添加一项协议内容' });
  content.items.forEach((item, i) => issues.push(...itemIssues(item, i, ctx)));
  const minCopies = ctx.record.parties.length + 1;
  if (agreement.kind === 'written' && content.copies < minCopies) {
    issues.push({ code: 'COPIES_TOO_FEW', severity: 'error', path: ['content', 'copies'], message: `协议份数至少为${minCopies}份（当事人${ctx.record.parties.length}方各一份，人民调解委员会留存一份）` });
  }
  if (agreement.kind === 'oral') {
    if (!content.reachedOn) issues.push({ code: 'ORAL_DETAILS', severity: 'error', path: ['content', 'reachedOn'], message: '请填写达成口头协议的日期' });
    else if (content.reachedOn > ctx.today) issues.push({ code: 'ORAL_DETAILS', severity: 'error', path: ['content', 'reachedOn'], message: '达成口头协议的日期不能晚于今天' });
    if (!content.place.trim()) issues.push({ code: 'ORAL_DETAILS', severity: 'error', path: ['content', 'place'], message: '请填写达成口头协议的地点' });
  }
  const allText = [content.facts, content.disputedMatters, content.responsibility, content.breach, ...content.items.map((item) => renderClause(item, ctx.record.parties).filter((p) => typeof p === 'string').join(''))].join('\n');
  const hits = NOT_CONFIRMABLE.filter((r) => r.pattern.test(allText)).map((r) => r.what);
  if (hits.length) {
    issues.push({
      code: 'NOT_CONFIRMABLE',
      severity: 'warning',
      path: ['content'],
      message: `协议内容涉及${hits.join('、')}，人民法院不予受理此类司法确认申请；协议本身仍可依法签署生效`,
    });
  }
  return issues;
}

export const blockingIssues = (issues: readonly AgreementIssue[]) => issues.filter((i) => i.severity === 'error');

