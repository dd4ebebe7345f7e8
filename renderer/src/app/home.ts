import type { StaffRole } from '../../../electron/shared/domain/codes';
import { allows } from '../../../electron/shared/policy/policy';
import type { Route } from './router';

/**
 * Where a person lands after sign-in: their own work first. Someone with several posts lands on the first of 接待
 * (clerk: 今日接待), 调解 / 法律审查 (mediator, legal advisor: 我的工作台), then the case list; 中心管理员 alone reads
 * no case and starts at 人员与设置.
 */
export function homeRoute(roles: readonly StaffRole[]): Route {
  if (roles.includes('clerk')) return { name: 'desk' };
  if (roles.includes('mediator') || roles.includes('legal_advisor')) return { name: 'mine' };
  if (allows('cases:list', roles)) return { name: 'cases' };
  return { name: 'staff' };
}

/** Who has a 我的工作台: the posts whose own work it lists (承办 cases and sessions, agreements to draft and review). */
export const hasMyDesk = (roles: readonly StaffRole[]) => roles.includes('mediator') || roles.includes('legal_advisor') || roles.includes('head');
