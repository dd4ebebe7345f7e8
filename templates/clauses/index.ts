import type { ClauseTemplate } from '../../electron/shared/domain/agreement-library';

/**
 * 协议条款库: common clauses by dispute type (domain.md §3.1, §6.4). Wording follows the sample agreements: the
 * obligor, a time limit, the manner, amounts in capitals with figures (added when printed). Amounts and dates are
 * left empty on purpose: the advisor fills them, and the legal checks name any left out.
 */
export const CLAUSE_LIBRARY: readonly ClauseTemplate[] = [
  {
    id: 'road-traffic-lump',
    title: '交通事故损害赔偿（一次性）',
    disputeTypes: ['13', '06'],
    description: '被申请人一次性赔偿医疗费、误工费、护理费、交通费等各项损失',
    items: [
      { type: 'payment', payerIds: 'respondents', payeeIds: 'applicants', purpose: '赔偿医疗费、误工费、护理费、交通费、财产损失等各项损失', total: '', plan: 'lump', dueOn: '', instalments: [], method: '银行转账', place: '' },
      { type: 'free', text: '本协议履行完毕后，双方就本次交通事故再无其他争议，申请人不再以任何理由向被申请人主张权利。', obligorIds: null, dueOn: '', manner: '', place: '' },
    ],
  },
  {
    id: 'road-traffic-instalments',
    title: '交通事故损害赔偿（分期）',
    disputeTypes: ['13', '06'],
    description: '赔偿款分两期支付，逾期一期即全部到期',
    items: [
      { type: 'payment', payerIds: 'respondents', payeeIds: 'applicants', purpose: '赔偿各项损失', total: '', plan: 'instalments', dueOn: '', instalments: [{ amount: '', dueOn: '' }, { amount: '', dueOn: '' }], method: '银行转账', place: '' },
      { type: 'free', text: '被申请人任何一期未按时足额支付的，申请人有权就全部未付款项一并主张。', obligorIds: null, dueOn: '', manner: '', place: '' },
    ],
  },
  {
    id: 'wage-arrears',
    title: '拖欠劳动报酬',
    disputeTypes: ['10'],
    description: '用人单位支付拖欠的工资，并出具工资结算清单',
    items: [
      { type: 'payment', payerIds: 'respondents', payeeIds: 'applicants', purpose: '支付拖欠的劳动报酬', total: '', plan: 'lump', dueOn: '', instalments: [], method: '银行转账至申请人本人工资账户', place: '' },
      { type: 'act', obligorIds: 'respondents', beneficiaryIds: 'applicants', mode: 'perform', description: '向申请人出具工资结算清单', dueOn: '', manner: '书面', place: '' },
    ],
  },
  {
    id: 'loan-instalments',
    title: '民间借贷分期还款',
    disputeTypes: ['04'],
    description: '借款人分期归还借款本金，按期付清后出借人退还借条',
    items: [
      { type: 'payment', payerIds: 'respondents', payeeIds: 'applicants', purpose: '归还借款本金', total: '', plan: 'instalments', dueOn: '', instalments: [{ amount: '', dueOn: '' }, { amount: '', dueOn: '' }, { amount: '', dueOn: '' }], method: '银行转账', place: '' },
      { type: 'return', fromIds: 'applicants', toIds: 'respondents', property: '借条原件', dueOn: '', manner: '当面交付', place: '' },
    ],
  },
  {
    id: 'neighbour-boundary',
    title: '相邻关系（界址、通行）',
    disputeTypes: ['02', '03'],
    description: '拆除越界构筑物、恢复通行、停止妨碍',
    items: [
      { type: 'act', obligorIds: 'respondents', beneficiaryIds: 'applicants', mode: 'perform', description: '自行拆除越过双方宅基地界址线的围墙并恢复原状', dueOn: '', manner: '自行拆除、自担费用', place: '' },
      { type: 'act', obligorIds: 'respondents', beneficiaryIds: 'applicants', mode: 'cease', description: '在双方共用通道堆放杂物', dueOn: '', manner: '', place: '' },
    ],
  },
  {
    id: 'divorce-property',
    title: '离婚财产分割',
    disputeTypes: ['01'],
    description: '共同财产分割与折价补偿（注意：不涉及婚姻关系本身的确认）',
    items: [
      { type: 'payment', payerIds: 'respondents', payeeIds: 'applicants', purpose: '支付共同财产分割折价款', total: '', plan: 'lump', dueOn: '', instalments: [], method: '银行转账', place: '' },
      { type: 'return', fromIds: 'respondents', toIds: 'applicants', property: '申请人的个人物品（衣物、证件等）', dueOn: '', manner: '当面交付', place: '' },
    ],
  },
  {
    id: 'medical-compensation',
    title: '医疗损害赔偿',
    disputeTypes: ['12'],
    description: '医疗机构一次性补偿，患方撤回投诉',
    items: [
      { type: 'payment', payerIds: 'respondents', payeeIds: 'applicants', purpose: '一次性赔偿各项损失', total: '', plan: 'lump', dueOn: '', instalments: [], method: '银行转账', place: '' },
      { type: 'act', obligorIds: 'applicants', beneficiaryIds: 'respondents', mode: 'perform', description: '撤回就本次医疗纠纷向有关部门提出的投诉', dueOn: '', manner: '书面', place: '' },
      { type: 'apology', fromIds: 'respondents', toIds: 'applicants', manner: '书面', dueOn: '' },
    ],
  },
  {
    id: 'property-fees',
    title: '物业服务费',
    disputeTypes: ['14'],
    description: '业主补交物业费，物业公司整改服务问题',
    items: [
      { type: 'payment', payerIds: 'respondents', payeeIds: 'applicants', purpose: '补交拖欠的物业服务费', total: '', plan: 'lump', dueOn: '', instalments: [], method: '至物业服务中心缴纳或银行转账', place: '' },
      { type: 'act', obligorIds: 'applicants', beneficiaryIds: 'respondents', mode: 'perform', description: '对业主反映的楼道照明、电梯维保问题进行整改', dueOn: '', manner: '整改完毕后书面告知业主', place: '' },
    ],
  },
  {
    id: 'costs',
    title: '费用承担',
    disputeTypes: [],
    description: '鉴定费等费用由一方承担',
    items: [{ type: 'costs', bearerIds: 'respondents', description: '本案鉴定费', amount: '' }],
  },
  {
    id: 'apology',
    title: '赔礼道歉',
    disputeTypes: [],
    description: '一方向另一方赔礼道歉',
    items: [{ type: 'apology', fromIds: 'respondents', toIds: 'applicants', manner: '当面', dueOn: '' }],
  },
];

/** Entries for a dispute type first, then the rest. */
export function clausesFor(disputeType: string): ClauseTemplate[] {
  const mine = CLAUSE_LIBRARY.filter((c) => c.disputeTypes.includes(disputeType));
  return [...mine, ...CLAUSE_LIBRARY.filter((c) => !mine.includes(c))];
}
