/**
 * Official code lists (../shared/domain.md §3, §5.3). Labels are the official Chinese terms:
 * they are printed on documents and used in statistics, so they live with the codes, not in the UI i18n table.
 */

/** Two-level dispute classification: level 1 is the 15-category judicial-administration list (domain.md §3.1 A). */
export const DISPUTE_TYPES = [
  { code: '01', label: '婚姻家庭纠纷', subTypes: ['婚姻纠纷', '离婚财产纠纷', '抚养纠纷', '赡养纠纷', '扶养纠纷', '继承纠纷', '其他婚姻家庭纠纷'] },
  { code: '02', label: '邻里纠纷', subTypes: ['相邻通行纠纷', '相邻排水纠纷', '相邻采光通风纠纷', '噪音纠纷', '其他邻里纠纷'] },
  { code: '03', label: '房屋宅基地纠纷', subTypes: ['宅基地纠纷', '房屋买卖纠纷', '房屋租赁纠纷', '房屋装修纠纷', '其他房屋纠纷'] },
  { code: '04', label: '合同纠纷', subTypes: ['民间借贷纠纷', '买卖合同纠纷', '承揽合同纠纷', '服务合同纠纷', '其他合同纠纷'] },
  { code: '05', label: '生产经营纠纷', subTypes: ['农业生产纠纷', '个体经营纠纷', '合伙纠纷', '其他生产经营纠纷'] },
  { code: '06', label: '损害赔偿纠纷', subTypes: ['人身损害赔偿纠纷', '财产损害赔偿纠纷', '动物致害纠纷', '其他损害赔偿纠纷'] },
  { code: '07', label: '山林土地纠纷', subTypes: ['土地承包经营权纠纷', '山林权属纠纷', '其他山林土地纠纷'] },
  { code: '08', label: '征地拆迁纠纷', subTypes: ['征地补偿纠纷', '房屋拆迁纠纷', '其他征地拆迁纠纷'] },
  { code: '09', label: '环境污染纠纷', subTypes: ['噪声污染纠纷', '水污染纠纷', '大气污染纠纷', '其他环境污染纠纷'] },
  { code: '10', label: '劳动争议纠纷', subTypes: ['拖欠农民工工资纠纷', '劳动报酬纠纷', '工伤赔偿纠纷', '劳动合同解除纠纷', '社会保险纠纷', '其他劳动争议纠纷'] },
  { code: '11', label: '消费纠纷', subTypes: ['商品质量纠纷', '服务质量纠纷', '电子商务纠纷', '旅游纠纷', '其他消费纠纷'] },
  { code: '12', label: '医疗纠纷', subTypes: ['医疗损害赔偿纠纷', '医疗服务纠纷', '其他医疗纠纷'] },
  { code: '13', label: '道路交通事故纠纷', subTypes: ['人身损害赔偿纠纷', '财产损失赔偿纠纷', '其他道路交通事故纠纷'] },
  { code: '14', label: '物业纠纷', subTypes: ['物业服务费纠纷', '物业服务质量纠纷', '公共设施纠纷', '其他物业纠纷'] },
  { code: '15', label: '其他纠纷', subTypes: ['其他纠纷'] },
] as const;

export type DisputeTypeCode = (typeof DISPUTE_TYPES)[number]['code'];
export const DISPUTE_TYPE_CODES = DISPUTE_TYPES.map((t) => t.code) as [DisputeTypeCode, ...DisputeTypeCode[]];

export function disputeTypeLabel(code: string): string {
  return DISPUTE_TYPES.find((t) => t.code === code)?.label ?? code;
}

export function isSubTypeOf(code: string, subType: string): boolean {
  const type = DISPUTE_TYPES.find((t) => t.code === code);
  return !!type && (type.subTypes as readonly string[]).includes(subType);
}

/** The 8 case sources used in statistics (domain.md §3.2). */
export const CASE_SOURCES = {
  application: '依申请调解',
  initiative: '主动调解',
  entrusted: '接受委托移送调解',
  court: '法院委托移送',
  procuratorate: '检察院委托移送',
  police: '公安机关委托移送',
  petition: '信访部门委托移送',
  other_department: '其他部门委托移送',
} as const;
export type CaseSource = keyof typeof CASE_SOURCES;

export const PARTY_ROLES = { applicant: '申请人', respondent: '被申请人', third_party: '第三人' } as const;
export type PartyRole = keyof typeof PARTY_ROLES;

/** GB/T 2261.1: 1 男, 2 女, 0 未知. */
export const GENDERS = { male: '男', female: '女', unknown: '未知' } as const;
export type Gender = keyof typeof GENDERS;

export const ID_TYPES = {
  resident_id: '居民身份证',
  hmt_residence: '港澳台居民居住证',
  foreigner_permanent: '外国人永久居留身份证',
  passport: '护照',
  hk_macau_permit: '港澳居民来往内地通行证',
  taiwan_permit: '台湾居民来往大陆通行证',
  military: '军官证',
  other: '其他证件',
} as const;
export type IdType = keyof typeof ID_TYPES;

export const AGENT_AUTHORITIES = { general: '一般代理', special: '特别授权' } as const;
export type AgentAuthority = keyof typeof AGENT_AUTHORITIES;

export const RISK_LEVELS = { low: '低', medium: '中', high: '高' } as const;
export type RiskLevel = keyof typeof RISK_LEVELS;

/** 简单 / 复杂 / 疑难 (domain.md §4.4). */
export const COMPLEXITIES = { simple: '简单', complex: '复杂', difficult: '疑难' } as const;
export type Complexity = keyof typeof COMPLEXITIES;

/** Escalation flags: a ticked flag shows the case in red on every list. */
export const ESCALATION_FLAGS = {
  criminal: '可能民转刑',
  group: '可能引发群体性事件',
  suicide: '涉及自杀风险',
} as const;
export type EscalationFlag = keyof typeof ESCALATION_FLAGS;

/** Default specialised mediation rooms; the list is a center setting. */
export const DEFAULT_ROOMS = ['交通事故调解室', '医疗纠纷调解室', '劳动争议调解室', '婚姻家庭调解室', '物业纠纷调解室', '综合调解室'] as const;

/** GB/T 3304-1991, in code order (01..56), then 97 其他 and 98 外国血统中国籍人士. */
export const ETHNICITIES = [
  '汉族', '蒙古族', '回族', '藏族', '维吾尔族', '苗族', '彝族', '壮族', '布依族', '朝鲜族',
  '满族', '侗族', '瑶族', '白族', '土家族', '哈尼族', '哈萨克族', '傣族', '黎族', '傈僳族',
  '佤族', '畲族', '高山族', '拉祜族', '水族', '东乡族', '纳西族', '景颇族', '柯尔克孜族', '土族',
  '达斡尔族', '仫佬族', '羌族', '布朗族', '撒拉族', '毛南族', '仡佬族', '锡伯族', '阿昌族', '普米族',
  '塔吉克族', '怒族', '乌孜别克族', '俄罗斯族', '鄂温克族', '德昂族', '保安族', '裕固族', '京族', '塔塔尔族',
  '独龙族', '鄂伦春族', '赫哲族', '门巴族', '珞巴族', '基诺族', '其他', '外国血统中国籍人士',
] as const;
export type Ethnicity = (typeof ETHNICITIES)[number];

/**
 * Staff roles. What each may do lives in one table (electron/shared/policy/policy.ts). One person may hold several.
 * 中心管理员 manages accounts and settings and by that alone reads no case; 中心负责人 sees every case and may approve.
 */
export const STAFF_ROLES = {
  admin: '中心管理员',
  head: '中心负责人',
  clerk: '登记员',
  mediator: '调解员',
  legal_advisor: '法律顾问',
  archivist: '档案员',
} as const;
export type StaffRole = keyof typeof STAFF_ROLES;

/** Helper: the keys of a label map as a zod-ready tuple. */
export function keysOf<T extends Record<string, string>>(map: T): [keyof T & string, ...(keyof T & string)[]] {
  return Object.keys(map) as [keyof T & string, ...(keyof T & string)[]];
}
