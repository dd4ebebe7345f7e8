import { chineseCount, formatAmountCn, formatDateCn } from '../format';
import { type AgreementContent, type AgreementItem, type Instalment } from './agreement';
import { PARTY_ROLES } from './codes';
import type { Party } from './party';

/**
 * Agreement items → clause text, the same in the editor's preview and in the printed agreement. A clause is text
 * parts with amounts kept apart, so that each renderer prints amounts in capitals with figures:
 * 人民币捌万陆仟伍佰元整（¥86,500.00）.
 */
export type ClausePart = string | { amount: string };
export type Clause = ClausePart[];

/** 申请人张建国、李秀兰 / 被申请人义乌市顺达货运有限公司: names grouped under their role, in the case's order. */
export function partyNames(parties: readonly Pick<Party, 'id' | 'role' | 'name'>[], ids: readonly string[]): string {
  const chosen = parties.filter((p) => ids.includes(p.id));
  const groups: string[] = [];
  for (const role of Object.keys(PARTY_ROLES) as (keyof typeof PARTY_ROLES)[]) {
    const names = chosen.filter((p) => p.role === role).map((p) => p.name);
    if (names.length) groups.push(`${PARTY_ROLES[role]}${names.join('、')}`);
  }
  return groups.join('、') || '（未指定当事人）';
}

const CN_ORDINALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
const ordinal = (i: number) => (i < 10 ? CN_ORDINALS[i]! : String(i + 1));
const by = (dueOn: string) => (dueOn ? `于${formatDateCn(dueOn)}前` : '');
const at = (place: string) => (place ? `，履行地点为${place}` : '');
const how = (manner: string) => (manner ? `，以${manner.replace(/(方式)$/, '')}方式` : '');

function instalmentParts(list: readonly Instalment[]): Clause {
  const parts: Clause = [];
  list.forEach((inst, i) => {
    parts.push(`${i === 0 ? '' : '；'}第${ordinal(i)}期${by(inst.dueOn)}支付`, { amount: inst.amount || '0' });
  });
  return parts;
}

/** The clause an item prints as (without its number). */
export function renderClause(item: AgreementItem, parties: readonly Pick<Party, 'id' | 'role' | 'name'>[]): Clause {
  const names = (ids: readonly string[]) => partyNames(parties, ids);
  switch (item.type) {
    case 'payment': {
      const purpose = item.purpose || '支付';
      if (item.plan === 'lump') {
        return [`${names(item.payerIds)}${by(item.dueOn)}一次性向${names(item.payeeIds)}${purpose}`, { amount: item.total || '0' }, `${how(item.method)}支付${at(item.place)}。`];
      }
      return [
        `${names(item.payerIds)}向${names(item.payeeIds)}${purpose}共计`,
        { amount: item.total || '0' },
        `，分${item.instalments.length === 2 ? '两' : chineseCount(item.instalments.length)}期支付：`,
        ...instalmentParts(item.instalments),
        `${how(item.method) ? `。以上款项${how(item.method).slice(1)}支付` : ''}${at(item.place)}。`,
      ];
    }
    case 'act':
      return item.mode === 'perform'
        ? [`${names(item.obligorIds)}${by(item.dueOn)}${item.description}${how(item.manner)}${at(item.place)}。`]
        : [`${names(item.obligorIds)}自${item.dueOn ? formatDateCn(item.dueOn) : '本协议生效之日'}起停止${item.description}${at(item.place)}。`];
    case 'apology':
      return [`${names(item.fromIds)}${by(item.dueOn)}以${item.manner || '书面'}方式向${names(item.toIds)}赔礼道歉。`];
    case 'return':
      return [`${names(item.fromIds)}${by(item.dueOn)}将${item.property}返还给${names(item.toIds)}${how(item.manner)}${at(item.place)}。`];
    case 'costs':
      return item.amount ? [`${item.description}`, { amount: item.amount }, `由${names(item.bearerIds)}承担。`] : [`${item.description}由${names(item.bearerIds)}承担。`];
    case 'free':
      return [item.text];
    default:
      throw new Error(`unknown agreement item ${String(item satisfies never)}`);
  }
}

/** A clause as plain text (amounts in capitals with figures), for the editor and for tests. */
export function clausePlainText(clause: Clause): string {
  return clause.map((part) => (typeof part === 'string' ? part : (formatAmountCn(part.amount) ?? `${part.amount}元`))).join('');
}

/** Every due date of an item (the instalments', or its own). */
export function itemDueDates(item: AgreementItem): string[] {
  if (item.type === 'payment' && item.plan === 'instalments') return item.instalments.map((i) => i.dueOn);
  if (item.type === 'costs') return [];
  return [item.dueOn];
}

/** Whether an item obliges someone to do something (and so needs a manner and a time limit). */
export function isObligation(item: AgreementItem): boolean {
  return item.type !== 'costs' && !(item.type === 'free' && item.obligorIds.length === 0);
}

function itemManner(item: AgreementItem): string {
  switch (item.type) {
    case 'payment':
      return item.method;
    case 'apology':
      return item.manner;
    case 'act':
    case 'return':
    case 'free':
      return item.manner;
    case 'costs':
      return '';
    default:
      throw new Error(`unknown agreement item ${String(item satisfies never)}`);
  }
}

function itemPlace(item: AgreementItem): string {
  return item.type === 'payment' || item.type === 'act' || item.type === 'return' || item.type === 'free' ? item.place : '';
}

/**
 * 履行方式、时限、地点 as printed below the clauses: each obligation's manner and limit are already in its clause,
 * so these lines sum them up (the law asks for them to be stated; 若干规定 art. 35 (4)).
 */
export function performanceSummary(content: Pick<AgreementContent, 'items'>): { manner: string; deadline: string; place: string } {
  const obligations = content.items.map((item, i) => ({ item, n: i + 1 })).filter(({ item }) => isObligation(item));
  const manners = [...new Set(obligations.map(({ item }) => itemManner(item)).filter(Boolean))];
  const dates = obligations.flatMap(({ item }) => itemDueDates(item)).filter(Boolean).sort();
  const places = [...new Set(obligations.map(({ item }) => itemPlace(item)).filter(Boolean))];
  return {
    manner: manners.length ? `${manners.join('、')}，按本协议各项约定履行` : '按本协议各项约定履行',
    deadline: dates.length ? `按本协议各项约定的期限履行，最迟于${formatDateCn(dates.at(-1)!)}前全部履行完毕` : '',
    place: places.join('；'),
  };
}
