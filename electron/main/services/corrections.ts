import { randomUUID } from 'node:crypto';
import {
  CASE_STATUSES,
  type CaseCorrectionInput,
  type CaseRecord,
  PARTY_ROLES,
  type Staff,
  caseInputSchema,
  correctionBlocked,
  correctionNote,
  maskNumbersInText,
  diffCaseInput,
  getCaseStatus,
  isActionAllowed,
  normaliseCaseInput,
  referencedPersonIds,
} from '../../shared/domain';
import { ApiFailure, invalidInput } from '../../shared/ipc/result';
import type { ValidationIssue } from '../../shared/validation/issue';
import { RevisionConflictError } from '../storage/case-store';
import type { Workstation } from './workstation';

/** Parties and agents that are being removed although a session or the agreement refers to them. */
async function removedButReferenced(ws: Workstation, record: CaseRecord, input: CaseCorrectionInput): Promise<ValidationIssue[]> {
  const keptParties = new Set(input.parties.map((p) => p.id));
  const keptAgents = new Set(input.agents.map((a) => a.id));
  const removedParties = record.parties.filter((p) => !keptParties.has(p.id));
  const removedAgents = record.agents.filter((a) => !keptAgents.has(a.id));
  if (removedParties.length === 0 && removedAgents.length === 0) return [];
  const sessions = await Promise.all(record.sessions.map((s) => ws.cases.getSession(record.id, s.id)));
  const agreement = record.agreement ? await ws.cases.getAgreement(record.id, record.agreement.id) : null;
  const referenced = referencedPersonIds(sessions, agreement);
  const issues: ValidationIssue[] = [];
  for (const p of removedParties) {
    if (referenced.has(p.id)) {
      const message = `${PARTY_ROLES[p.role]}${p.name}已出现在调解记录或调解协议中，不能删除；如登记有误，请修改其信息`;
      issues.push({ code: 'PERSON_REFERENCED', path: ['parties'], message });
    }
  }
  for (const a of removedAgents) {
    if (referenced.has(a.id)) issues.push({ code: 'PERSON_REFERENCED', path: ['agents'], message: `代理人${a.name}已出现在调解记录或调解协议中，不能删除` });
  }
  return issues;
}

/**
 * 修改登记信息: the registration corrected or completed, validated with the same schema as registration, against the
 * revision the form was filled from. The case history gets a DETAILS_UPDATED action and the audit trail an entry,
 * both naming the reason and every change (old → new, ID numbers and phones masked).
 */
export async function correctCase(ws: Workstation, input: CaseCorrectionInput, actor: Staff): Promise<CaseRecord> {
  const today = ws.clock.today();
  const { id, revision, reason, ...candidate } = input;
  const parsed = caseInputSchema(today).safeParse(candidate);
  if (!parsed.success) throw invalidInput(parsed.error);
  const data = normaliseCaseInput(parsed.data, today);

  const before = await ws.cases.get(id);
  // A form filled from an older revision is refused at once; one that changes under us is refused by the store.
  if (before.revision !== revision) throw new RevisionConflictError(id, revision, before.revision);
  const referenced = await removedButReferenced(ws, before, input);
  if (referenced.length > 0) throw new ApiFailure('INVALID_INPUT', referenced[0]!.message, referenced);
  const names = new Map([...before.parties, ...data.parties].map((p) => [p.id, `${PARTY_ROLES[p.role]}${p.name}`]));
  const changes = diffCaseInput(before, data, (partyId) => names.get(partyId) ?? '');
  if (changes.length === 0) throw new ApiFailure('INVALID_INPUT', '登记信息没有变化，无需保存', [{ code: 'NO_CHANGE', path: ['reason'], message: '登记信息没有变化，无需保存' }]);
  // The reason is free text: a number typed into it is masked like the changes themselves.
  const note = correctionNote(maskNumbersInText(reason), changes);

  const record = await ws.cases.update(
    id,
    revision,
    (current) => {
      const status = getCaseStatus(current.actions);
      if (!isActionAllowed(status, 'DETAILS_UPDATED')) throw new ApiFailure('NOT_ALLOWED', `案件当前状态为“${CASE_STATUSES[status]}”，不能修改登记信息`);
      const blocked = correctionBlocked(current);
      if (blocked) throw new ApiFailure('NOT_ALLOWED', blocked);
      const at = ws.clock.now().toISOString();
      return {
        ...current,
        updatedAt: at,
        dispute: data.dispute,
        parties: data.parties,
        agents: data.agents,
        actions: [...current.actions, { id: randomUUID(), type: 'DETAILS_UPDATED', at, by: actor.id, note }],
      };
    },
    { actorId: actor.id, actorName: actor.name, action: 'cases:update', detail: note },
  );
  return record;
}
