import type { CaseInput } from '../../../../../electron/shared/domain/case';
import { type IntakeValues, newAgent, newParty } from '../../intake/intake-form';

/**
 * The intake form's values for a registered case: each party card holds the fields of both kinds (as when typed),
 * so the fields of the other kind get the blank defaults; ids are the record's own and never change.
 */
export function intakeValuesOf(input: CaseInput): IntakeValues {
  return {
    dispute: { ...input.dispute, escalation: [...input.dispute.escalation] },
    parties: input.parties.map((p) => ({ ...newParty(p.role), ...p })),
    agents: input.agents.map((a) => ({ ...newAgent(a.principalId), ...a })),
  };
}
