import type { CaseRecord } from '../../../../../electron/shared/domain/case';
import type { CaseStatus } from '../../../../../electron/shared/domain/case-actions';
import type { Staff } from '../../../../../electron/shared/domain/staff';
import { allows } from '../../../../../electron/shared/policy/policy';

/** Whether this person may correct this case's registration now: the policy table's answer, as main gives it. */
export function mayCorrect(staff: Pick<Staff, 'id' | 'roles'>, record: Pick<CaseRecord, 'assignment'>, status: CaseStatus): boolean {
  return allows('cases:update', staff.roles, status, { isCaseMediator: record.assignment?.mediatorIds.includes(staff.id) ?? false });
}
