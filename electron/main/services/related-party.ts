import type { Party, Staff } from '../../shared/domain';
import { PARTY_ROLES } from '../../shared/domain';
import type { RelatedPartyInput } from '../../shared/ipc/contract';
import { ApiFailure } from '../../shared/ipc/result';
import type { Workstation } from './workstation';

/**
 * 带入当事人信息: a returning visitor's details, taken from the earlier case into a new registration so that the
 * clerk does not type them again. The full values (ID number, phone) leave the store, so the look-up lands in the
 * earlier case's audit trail like 查看完整号码 does (who, when, whose; never the values).
 */
export async function relatedParty(ws: Workstation, input: RelatedPartyInput, actor: Staff): Promise<Party> {
  const record = await ws.cases.get(input.caseId);
  const party = record.parties.find((p) => p.id === input.partyId);
  if (!party) throw new ApiFailure('NOT_FOUND', '未找到该当事人');
  await ws.cases.note(record.id, {
    actorId: actor.id,
    actorName: actor.name,
    action: 'intake:related-party',
    detail: `登记新案件时带入${PARTY_ROLES[party.role]}${party.name}的当事人信息`,
  });
  return party;
}
