/**
 * The statuses a case can be in, as plain data: the policy table and the renderer's start-up code read them without
 * loading the schemas (zod) that case-actions.ts builds on them.
 */
export const CASE_STATUSES = {
  registered: '待受理',
  accepted: '待分派',
  mediating: '调解中',
  suspended: '已中止',
  agreed: '已达成协议',
  terminated: '调解终止',
  refused: '不予受理',
  transferred: '已转办',
  closed: '已结案',
  archived: '已归档',
} as const;
export type CaseStatus = keyof typeof CASE_STATUSES;
export const CASE_STATUS_KEYS = Object.keys(CASE_STATUSES) as [CaseStatus, ...CaseStatus[]];
