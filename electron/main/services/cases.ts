import { randomUUID } from 'node:crypto';
import {
  CASE_SCHEMA_VERSION,
  type CaseInput,
  type CaseRecord,
  type Staff,
  caseInputSchema,
  disputeTypeLabel,
  formatCaseNumber,
  getAvailableActions,
  getCaseStatus,
  normaliseCaseInput,
} from '../../shared/domain';
import type { CaseView, RegisterCaseInput } from '../../shared/ipc/contract';
import { ApiFailure, invalidInput } from '../../shared/ipc/result';
import { stampClock } from './clock-guard';
import type { Workstation } from './workstation';

export function toCaseView(record: CaseRecord): CaseView {
  const status = getCaseStatus(record.actions);
  return { record, status, availableActions: getAvailableActions(status) };
}

/** 登记: validates with the same schema as the form (plus the injected "today"), then stores with a new number. */
export async function registerCase(ws: Workstation, { requestId, ...input }: RegisterCaseInput, actor: Staff): Promise<CaseRecord> {
  const settings = ws.state.data.settings;
  if (!settings) throw new ApiFailure('SETUP_REQUIRED', '请先完成中心初始设置');
  const today = ws.clock.today();
  const parsed = caseInputSchema(today).safeParse(input);
  if (!parsed.success) throw invalidInput(parsed.error);
  const data = normaliseCaseInput(parsed.data, today);
  const now = ws.clock.now().toISOString();
  const year = Number(today.slice(0, 4));
  const applicants = data.parties.filter((p) => p.role === 'applicant').map((p) => p.name);
  // A case number is stamped with the clock: not while it reads behind the numbers already issued (clock-guard.ts).
  await stampClock(ws, '登记案件');
  return ws.cases.create(
    year,
    // The store may number the case in a later year than the clock's (see CaseStore.create).
    ({ id, year: numberYear, seq }) => ({
      schemaVersion: CASE_SCHEMA_VERSION,
      id,
      caseNumber: formatCaseNumber(settings.caseNumberPattern, numberYear, settings.caseNumberAbbr, seq),
      year: numberYear,
      seq,
      revision: 1,
      createdAt: now,
      updatedAt: now,
      dispute: data.dispute,
      parties: data.parties,
      agents: data.agents,
      assignment: null,
      deadlines: { mediationDue: null, transferReplyDue: null },
      decision: null,
      sessions: [],
      attachments: [],
      termination: null,
      agreement: null,
      documents: [],
      actions: [{ id: randomUUID(), type: 'REGISTERED', at: now, by: actor.id, note: '' }],
    }),
    {
      actorId: actor.id,
      actorName: actor.name,
      action: 'cases:create',
      detail: `登记${disputeTypeLabel(data.dispute.disputeType)}，申请人${applicants.join('、')}，当事人${data.parties.length}人`,
    },
    requestId,
  );
}
