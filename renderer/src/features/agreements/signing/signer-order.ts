/**
 * Who signs next and how (pure, so the rules are tested without a screen). The host enforces the same rules
 * (electron/main/services/agreements.ts signAgreement); these only decide what the screen offers.
 */
import type { SigningMethod } from '../../../../../electron/shared/domain/agreement';
import type { CaseStatus } from '../../../../../electron/shared/domain/case-actions';
import type { Staff } from '../../../../../electron/shared/domain/staff';
import type { AgreementView, SignerSlot } from '../../../../../electron/shared/ipc/contract';
import { allows } from '../../../../../electron/shared/policy/policy';

/** Mediators and the recorder sign only for themselves: their signature is a condition of effectiveness. */
export const isStaffSlot = (slot: Pick<SignerSlot, 'kind'>) => slot.kind === 'mediator' || slot.kind === 'recorder';

/** Whether the signed-in staff member may take this signature at the desk now. */
export function canTake(slot: SignerSlot, staffId: string): boolean {
  if (slot.signature) return false;
  return !isStaffSlot(slot) || slot.signerId === staffId;
}

/**
 * The ways a signer may sign, the usual first: a person on screen or on paper (signed or fingerprinted), an
 * organisation by its seal on the paper copy, an agent or a member of staff by their own hand only.
 */
export function methodsFor(slot: Pick<SignerSlot, 'kind' | 'organization'>): SigningMethod[] {
  if (slot.kind === 'party') return slot.organization ? ['paper_sealed'] : ['drawn', 'paper_signed', 'paper_fingerprint'];
  return ['drawn', 'paper_signed'];
}

/** The signer in turn: the first in the printed order (parties, agents, mediators, recorder) this desk can take. */
export function nextSigner(slots: readonly SignerSlot[], staffId: string, skipped: ReadonlySet<string> = new Set()): SignerSlot | null {
  return slots.find((s) => canTake(s, staffId) && !skipped.has(s.signerId)) ?? null;
}

/** Progress towards effectiveness: every required signature and the seal. */
export function progressOf(view: Pick<AgreementView, 'signers' | 'agreement'>): { done: number; total: number } {
  const required = view.signers.filter((s) => s.required);
  return { done: required.filter((s) => s.signature).length + (view.agreement.seal ? 1 : 0), total: required.length + 1 };
}

/** Who applies the committee's seal, in which case status: the policy table's answer (the host enforces the same). */
export const canSeal = (staff: Pick<Staff, 'roles'>, caseStatus?: CaseStatus) => allows('agreements:seal', staff.roles, caseStatus);
