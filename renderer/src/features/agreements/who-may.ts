import { STAFF_ROLES } from '../../../../electron/shared/domain/codes';
import { POLICY, type PolicyMethod } from '../../../../electron/shared/policy/policy';

/**
 * The posts that may call a method, named for a sentence (法律顾问或中心负责人), read from the policy table so the
 * text never disagrees with what the host allows.
 */
export function whoMay(method: PolicyMethod): string {
  const who = POLICY[method].who;
  return typeof who === 'string' ? '' : who.map((r) => STAFF_ROLES[r]).join('或');
}
