import { text, z } from './zod-setup';

/**
 * A case's history is an append-only list of actions; its status is derived from it (never stored).
 * Each action names who did it and when, so the history doubles as the case's procedural record.
 */
export const CASE_ACTION_TYPES = [
  'REGISTERED', // 登记
  'DETAILS_UPDATED', // 修改登记信息
  'ACCEPTED', // 受理
  'REFUSED', // 不予受理
  'TRANSFERRED', // 转办
  'TRANSFER_REPLIED', // 转办单位反馈
  'ASSIGNED', // 指派调解员 / 调解室
  'SESSION_RECORDED', // 调解会次
  'DEADLINE_EXTENDED', // 经各方同意延长调解期限
  'SUSPENDED', // 中止
  'RESUMED', // 恢复调解
  'AGREEMENT_REACHED', // 达成协议
  'MEDIATION_TERMINATED', // 调解终止 (调解不成 / 一方拒绝)
  'CLOSED', // 结案
  'ARCHIVED', // 归档
] as const;
export const CaseActionTypeSchema = z.enum(CASE_ACTION_TYPES);
export type CaseActionType = z.infer<typeof CaseActionTypeSchema>;

export const CaseActionSchema = z.strictObject({
  id: z.uuid(),
  type: CaseActionTypeSchema,
  at: z.iso.datetime({ offset: true }),
  by: z.string().min(1),
  /** Human-readable note shown in the timeline (e.g. the refusal reason). */
  note: text(2000),
});
export type CaseAction = z.infer<typeof CaseActionSchema>;

import { CASE_STATUSES, CASE_STATUS_KEYS, type CaseStatus } from './case-status';

export { CASE_STATUSES, CASE_STATUS_KEYS, type CaseStatus };

/** The only place that says which action may happen in which status; main enforces it, the renderer asks it. */
export const ALLOWED_ACTIONS_BY_STATUS = {
  registered: ['DETAILS_UPDATED', 'ACCEPTED', 'REFUSED', 'TRANSFERRED'],
  accepted: ['DETAILS_UPDATED', 'ASSIGNED', 'MEDIATION_TERMINATED'],
  mediating: ['DETAILS_UPDATED', 'ASSIGNED', 'SESSION_RECORDED', 'DEADLINE_EXTENDED', 'SUSPENDED', 'AGREEMENT_REACHED', 'MEDIATION_TERMINATED'],
  // A correction of what was typed at registration (修改登记信息) is possible until the file is archived.
  suspended: ['DETAILS_UPDATED', 'RESUMED', 'MEDIATION_TERMINATED'],
  agreed: ['DETAILS_UPDATED', 'CLOSED'],
  terminated: ['DETAILS_UPDATED', 'CLOSED'],
  refused: ['DETAILS_UPDATED', 'CLOSED'],
  transferred: ['DETAILS_UPDATED', 'TRANSFER_REPLIED', 'CLOSED'],
  closed: ['DETAILS_UPDATED', 'ARCHIVED'],
  archived: [],
} as const satisfies Record<CaseStatus, readonly CaseActionType[]>;

/** Status after applying one action; throws on an action the table does not allow (a programming error here). */
function next(status: CaseStatus | null, action: CaseActionType): CaseStatus {
  if (status === null) {
    if (action !== 'REGISTERED') throw new Error(`a case history must start with REGISTERED, not ${action}`);
    return 'registered';
  }
  if (action !== 'REGISTERED' && !isActionAllowed(status, action)) {
    throw new Error(`action ${action} is not allowed in status ${status}`);
  }
  switch (action) {
    case 'REGISTERED':
      throw new Error('REGISTERED may only be the first action');
    case 'DETAILS_UPDATED':
    case 'SESSION_RECORDED':
    case 'DEADLINE_EXTENDED':
    case 'TRANSFER_REPLIED':
      return status;
    case 'ACCEPTED':
      return 'accepted';
    case 'REFUSED':
      return 'refused';
    case 'TRANSFERRED':
      return 'transferred';
    case 'ASSIGNED':
    case 'RESUMED':
      return 'mediating';
    case 'SUSPENDED':
      return 'suspended';
    case 'AGREEMENT_REACHED':
      return 'agreed';
    case 'MEDIATION_TERMINATED':
      return 'terminated';
    case 'CLOSED':
      return 'closed';
    case 'ARCHIVED':
      return 'archived';
    default:
      throw new Error(`unhandled case action: ${String(action satisfies never)}`);
  }
}

/** Derives the status from the history. */
export function getCaseStatus(actions: readonly Pick<CaseAction, 'type'>[]): CaseStatus {
  let status: CaseStatus | null = null;
  for (const action of actions) status = next(status, action.type);
  if (status === null) throw new Error('a case without history has no status');
  return status;
}

export function isActionAllowed(status: CaseStatus, action: CaseActionType): boolean {
  return (ALLOWED_ACTIONS_BY_STATUS[status] as readonly CaseActionType[]).includes(action);
}

export function getAvailableActions(status: CaseStatus): readonly CaseActionType[] {
  return ALLOWED_ACTIONS_BY_STATUS[status];
}

/** Statuses in which the case still needs work (counted as a mediator's open cases). */
export const OPEN_STATUSES: readonly CaseStatus[] = ['registered', 'accepted', 'mediating', 'suspended', 'transferred'];
