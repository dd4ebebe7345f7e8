/**
 * How an agreement is signed and what it still needs to take effect (人民调解法 art. 29), once for main (which refuses
 * anything else) and the signing desk (which offers only this).
 */
import type { SignerKind, SigningMethod } from './agreement';

/** Mediators and the recorder sign only for themselves: their signature is a condition of effect. */
export const isStaffSigner = (slot: { kind: SignerKind }): boolean => slot.kind === 'mediator' || slot.kind === 'recorder';

/**
 * The ways a signer may sign, the usual first: a person on screen or on paper (signed or fingerprinted), an
 * organisation by its seal on the paper copy, an agent or a member of staff by their own hand only.
 */
export function signingMethods(slot: { kind: SignerKind; organization: boolean }): SigningMethod[] {
  if (slot.kind === 'party') return slot.organization ? ['paper_sealed'] : ['drawn', 'paper_signed', 'paper_fingerprint'];
  return ['drawn', 'paper_signed'];
}

/** One condition of effect still to be met: a signer's signature or the committee seal. */
export type PendingCondition = 'seal' | `signature:${string}`;

/**
 * The conditions of effect of a written agreement: every required signature (parties and mediators) and the seal.
 * `pending` lists those not yet met, in the printed order, the seal last.
 */
export function conditionsOfEffect(
  slots: readonly { signerId: string; required: boolean; signature: unknown }[],
  sealed: boolean,
): { total: number; pending: PendingCondition[] } {
  const required = slots.filter((s) => s.required);
  const pending: PendingCondition[] = required.filter((s) => !s.signature).map((s) => `signature:${s.signerId}` as const);
  if (!sealed) pending.push('seal');
  return { total: required.length + 1, pending };
}
