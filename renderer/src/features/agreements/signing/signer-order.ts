/**
 * Who signs next at this desk (pure, so it is tested without a screen). The rules themselves — how each signer may
 * sign, what the agreement still needs — live in electron/shared/domain/signing.ts, which the host enforces.
 */
import type { CaseStatus } from '../../../../../electron/shared/domain/case-actions';
import { conditionsOfEffect, isStaffSigner, signingMethods } from '../../../../../electron/shared/domain/signing';
import type { Staff } from '../../../../../electron/shared/domain/staff';
import type { AgreementView, SignerSlot } from '../../../../../electron/shared/ipc/contract';
import { allows } from '../../../../../electron/shared/policy/policy';

/** Whether the signed-in staff member may take this signature at the desk now. */
export function canTake(slot: SignerSlot, staffId: string): boolean {
  if (slot.signature) return false;
  return !isStaffSigner(slot) || slot.signerId === staffId;
}

/** The signer in turn: the first in the printed order (parties, agents, mediators, recorder) this desk can take. */
export function nextSigner(slots: readonly SignerSlot[], staffId: string, skipped: ReadonlySet<string> = new Set()): SignerSlot | null {
  return slots.find((s) => canTake(s, staffId) && !skipped.has(s.signerId)) ?? null;
}

/** Progress towards effect: the shared conditions (every required signature and the seal), counted. */
export function progressOf(view: Pick<AgreementView, 'signers' | 'agreement'>): { done: number; total: number } {
  const { total, pending } = conditionsOfEffect(view.signers, view.agreement.seal !== null);
  return { done: total - pending.length, total };
}

/** Who applies the committee's seal, in which case status: the policy table's answer (the host enforces the same). */
export const canSeal = (staff: Pick<Staff, 'roles'>, caseStatus?: CaseStatus) => allows('agreements:seal', staff.roles, caseStatus);

/** The shared rules under the names the signing screens use. */
export { isStaffSigner as isStaffSlot, signingMethods as methodsFor };
