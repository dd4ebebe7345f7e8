import { addIssue, requiredText, text, z } from './zod-setup';
import { addDays, addWorkingDays } from '../validation/dates';

/**
 * Grounds for 不予受理 (domain.md §2.5: 若干规定 art. 22, 人民调解法 art. 17, county practice). The clerk picks one
 * and names the body the visitor should go to.
 */
export const REFUSAL_GROUNDS = {
  reserved_to_authority: '法律、法规规定只能由专门机关管辖处理，或者禁止采用民间调解方式解决的',
  already_handled: '人民法院、公安机关或者其他行政机关已经受理或者解决的',
  party_refuses: '一方当事人明确拒绝调解的',
  criminal_or_public_security: '已构成违法犯罪、应由公安司法机关依法处理的',
  submitted_to_government: '已提交乡镇人民政府（街道办事处）处理的',
  outside_civil_scope: '不属于公民之间、公民与法人或其他组织之间民事权利义务争议的',
} as const;
export type RefusalGround = keyof typeof REFUSAL_GROUNDS;

/** Bodies a visitor is usually referred or transferred to; free text is allowed too. */
export const RECEIVING_BODIES = [
  '县人民法院',
  '县人民法院诉讼服务中心',
  '县人民检察院',
  '县公安局',
  '县劳动人事争议仲裁委员会',
  '县人力资源和社会保障局',
  '县信访局',
  '县住房和城乡建设局',
  '县市场监督管理局',
  '县卫生健康局',
  '县自然资源局',
  '乡镇人民政府',
] as const;

export const AcceptInputSchema = z.strictObject({
  id: z.uuid(),
  revision: z.int().positive(),
  mediatorIds: z.array(z.uuid()).max(5),
  room: text(50),
  mediationDue: z.iso.date('请填写调解期限'),
  note: text(500),
});
export type AcceptInput = z.infer<typeof AcceptInputSchema>;

export const RefuseInputSchema = z.strictObject({
  id: z.uuid(),
  revision: z.int().positive(),
  ground: z.enum(Object.keys(REFUSAL_GROUNDS) as [RefusalGround, ...RefusalGround[]], { error: '请选择不予受理的理由' }),
  referTo: requiredText(100, '请填写告知当事人前往的机关或途径'),
  note: text(500),
});
export type RefuseInput = z.infer<typeof RefuseInputSchema>;

export const TransferInputSchema = z.strictObject({
  id: z.uuid(),
  revision: z.int().positive(),
  receivingBody: requiredText(100, '请填写接收转办的单位'),
  replyDue: z.iso.date('请填写回复期限'),
  note: text(500),
});
export type TransferInput = z.infer<typeof TransferInputSchema>;

/** Date rules that need "today": deadlines may not lie in the past, and acceptance needs someone responsible. */
export function checkDecisionDates(input: { mediationDue?: string; replyDue?: string }, today: string, ctx: z.RefinementCtx): void {
  if (input.mediationDue !== undefined && input.mediationDue < today) addIssue(ctx, ['mediationDue'], 'DATE_IN_PAST', '调解期限不能早于今天');
  if (input.replyDue !== undefined && input.replyDue < today) addIssue(ctx, ['replyDue'], 'DATE_IN_PAST', '回复期限不能早于今天');
}

/**
 * Default mediation deadline from the date of acceptance (domain.md §2.5): 医疗纠纷 30 working days
 * (医疗纠纷预防和处理条例 art. 38), 劳动争议 15 days before arbitration may be sought (劳动争议调解仲裁法 art. 14),
 * otherwise the center's setting (一般30日).
 */
export function defaultMediationDue(disputeType: string, acceptedOn: string, defaultDays: number): { due: string; rule: string } {
  if (disputeType === '12') return { due: addWorkingDays(acceptedOn, 30), rule: '医疗纠纷：自受理之日起30个工作日' };
  if (disputeType === '10') return { due: addDays(acceptedOn, 15), rule: '劳动争议：15日内未达成协议的，当事人可申请仲裁' };
  return { due: addDays(acceptedOn, defaultDays), rule: `一般纠纷：自受理之日起${defaultDays}日` };
}
