/** Records to hand the store directly (no Workstation): a registered case and a scheduled session. */
import { randomBytes, randomUUID } from 'node:crypto';
import {
  CASE_SCHEMA_VERSION,
  type CaseRecord,
  DEFAULT_CASE_NUMBER_PATTERN,
  SESSION_SCHEMA_VERSION,
  type SessionRecord,
  formatCaseNumber,
  normaliseCaseInput,
} from '../../../../electron/shared/domain';
import type { CaseAudit, NewCaseNumber } from '../../../../electron/main/storage/case-store';
import { FIXTURE_TODAY, roadTrafficCaseInput, seededRng, syntheticCase } from '../../../fixtures/cases';

export const CLERK = { actorId: '7b0d6c1e-3f2a-4b5c-9d8e-1a2b3c4d5e6f', actorName: '刘晓梅' };
export const AT = '2026-05-01T01:30:00.000Z';

export const auditOf = (action: string, detail = action): CaseAudit => ({ ...CLERK, action, detail });

/** `build` for CaseStore.create: the i-th synthetic case (i = -1: the road-traffic case with known parties). */
export function caseBuild(i: number): (n: NewCaseNumber) => CaseRecord {
  const input = normaliseCaseInput(i < 0 ? roadTrafficCaseInput() : syntheticCase(i, seededRng(100 + i)), FIXTURE_TODAY);
  return ({ id, year, seq }) => ({
    schemaVersion: CASE_SCHEMA_VERSION,
    id,
    caseNumber: formatCaseNumber(DEFAULT_CASE_NUMBER_PATTERN, year, 'X', seq),
    year,
    seq,
    revision: 1,
    createdAt: AT,
    updatedAt: AT,
    dispute: input.dispute,
    parties: input.parties,
    agents: input.agents,
    assignment: null,
    deadlines: { mediationDue: null, transferReplyDue: null },
    decision: null,
    sessions: [],
    attachments: [],
    termination: null,
    agreement: null,
    documents: [],
    actions: [{ id: randomUUID(), type: 'REGISTERED', at: AT, by: CLERK.actorId, note: '' }],
  });
}

export function sessionOf(caseId: string): SessionRecord {
  return {
    schemaVersion: SESSION_SCHEMA_VERSION,
    id: randomUUID(),
    caseId,
    number: 1,
    kind: 'session',
    scheduledAt: '2026-05-06T09:00:00+08:00',
    place: '交通事故调解室',
    purpose: '',
    mediatorIds: [randomUUID()],
    recorderId: randomUUID(),
    subject: null,
    status: 'scheduled',
    attendees: [],
    statements: [],
    startedAt: null,
    endedAt: null,
    outcome: null,
    revision: 0,
    createdAt: AT,
    createdBy: CLERK.actorId,
    updatedAt: AT,
  };
}

export const newRecordsKey = () => randomBytes(32);
