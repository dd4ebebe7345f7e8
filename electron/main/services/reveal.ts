import type { Staff } from '../../shared/domain';
import { PARTY_ROLES } from '../../shared/domain';
import type { RevealInput } from '../../shared/ipc/contract';
import { ApiFailure } from '../../shared/ipc/result';
import type { Workstation } from './workstation';

const FIELD_NAMES = { idNumber: '身份证件号码', phone: '联系电话' } as const;

/**
 * 查看完整号码: screens show ID numbers and phones masked; the full value of one party's or agent's field is
 * given on request and the request lands in the case's audit trail (who, when, whose, which field; never the value).
 */
export async function revealPersonalData(ws: Workstation, input: RevealInput, actor: Staff): Promise<{ value: string }> {
  const record = await ws.cases.get(input.caseId);
  const party = record.parties.find((p) => p.id === input.personId);
  const agent = record.agents.find((a) => a.id === input.personId);
  const person = party ?? agent;
  if (!person) throw new ApiFailure('NOT_FOUND', '未找到该当事人或代理人');
  const value = input.field === 'phone' ? person.phone : 'idNumber' in person ? person.idNumber : '';
  if (!value) throw new ApiFailure('NOT_FOUND', `未登记${FIELD_NAMES[input.field]}`);
  const who = party ? `${PARTY_ROLES[party.role]}${party.name}` : `代理人${person.name}`;
  await ws.cases.note(record.id, { actorId: actor.id, actorName: actor.name, action: 'cases:reveal', detail: `查看${who}的完整${FIELD_NAMES[input.field]}` });
  return { value };
}
