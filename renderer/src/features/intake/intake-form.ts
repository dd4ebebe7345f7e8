import type { FormErrors } from '@mantine/form';
import type { RefinementCtx } from 'zod';
import { type CaseInput, caseInputSchema, refineCaseInput } from '../../../../electron/shared/domain/case';
import {
  type AgentAuthority,
  type CaseSource,
  type Complexity,
  type DisputeTypeCode,
  type EscalationFlag,
  type Ethnicity,
  type Gender,
  type IdType,
  type PartyRole,
  type RiskLevel,
} from '../../../../electron/shared/domain/codes';
import { t } from '../../i18n';
import { issuesToFormErrors } from '../../lib/zod-form';

/**
 * The intake form's values. Field names and nesting are exactly those of CaseInput, so that issue paths from the
 * shared schema ("parties.0.idNumber") are form paths as they are. Differences: a party card holds the fields of
 * both kinds (switching kind keeps what was typed), and unchosen selects are ''.
 */
export interface PartyDraft {
  id: string;
  role: PartyRole;
  kind: 'person' | 'organization';
  name: string;
  phone: string;
  address: string;
  requests: string;
  gender: Gender;
  ethnicity: Ethnicity;
  birthDate: string;
  idType: IdType;
  idNumber: string;
  occupation: string;
  workUnit: string;
  usccCode: string;
  legalRepresentative: string;
  representativeTitle: string;
}

export interface AgentDraft {
  id: string;
  principalId: string;
  name: string;
  idType: IdType;
  idNumber: string;
  phone: string;
  workUnitOrRelation: string;
  authority: AgentAuthority;
}

export interface DisputeDraft {
  disputeType: DisputeTypeCode | '';
  disputeSubType: string;
  source: CaseSource;
  summary: string;
  occurredOn: string;
  occurredPlace: string;
  amount: string;
  /** NumberInput gives '' while empty. */
  peopleInvolved: number | string;
  riskLevel: RiskLevel;
  complexity: Complexity;
  escalation: EscalationFlag[];
  applicationForm: 'oral' | 'written';
}

export interface IntakeValues {
  dispute: DisputeDraft;
  parties: PartyDraft[];
  agents: AgentDraft[];
}

export function newParty(role: PartyRole): PartyDraft {
  return {
    id: crypto.randomUUID(),
    role,
    kind: 'person',
    name: '',
    phone: '',
    address: '',
    requests: '',
    gender: 'unknown',
    ethnicity: '汉族',
    birthDate: '',
    idType: 'resident_id',
    idNumber: '',
    occupation: '',
    workUnit: '',
    usccCode: '',
    legalRepresentative: '',
    representativeTitle: '',
  };
}

export function newAgent(principalId = ''): AgentDraft {
  return { id: crypto.randomUUID(), principalId, name: '', idType: 'resident_id', idNumber: '', phone: '', workUnitOrRelation: '', authority: 'general' };
}

/** A blank registration: one applicant and one respondent, the minimum a case needs. */
export function initialIntakeValues(): IntakeValues {
  return {
    dispute: {
      disputeType: '',
      disputeSubType: '',
      source: 'application',
      summary: '',
      occurredOn: '',
      occurredPlace: '',
      amount: '',
      peopleInvolved: 2,
      riskLevel: 'low',
      complexity: 'simple',
      escalation: [],
      applicationForm: 'written',
    },
    parties: [newParty('applicant'), newParty('respondent')],
    agents: [],
  };
}

/** The API payload for the current values: each party keeps only the fields of its kind (the schema is strict). */
export function toCaseInputCandidate(values: IntakeValues): unknown {
  const { dispute } = values;
  return {
    dispute: { ...dispute, peopleInvolved: dispute.peopleInvolved === '' ? undefined : Number(dispute.peopleInvolved) },
    parties: values.parties.map((p) => {
      const base = { id: p.id, role: p.role, kind: p.kind, name: p.name, phone: p.phone, address: p.address, requests: p.requests };
      if (p.kind === 'organization') {
        return { ...base, usccCode: p.usccCode, legalRepresentative: p.legalRepresentative, representativeTitle: p.representativeTitle };
      }
      const { gender, ethnicity, birthDate, idType, idNumber, occupation, workUnit } = p;
      return { ...base, gender, ethnicity, birthDate, idType, idNumber, occupation, workUnit };
    }),
    agents: values.agents,
  };
}

type Issue = { path: PropertyKey[]; message: string };

/**
 * zod skips the schema's cross-field refinements while any field still fails its type (an unchosen 纠纷类型 is
 * enough), so a bad ID number would only surface once everything else is valid. To show it at the field as soon as
 * it is typed, the shared `refineCaseInput` (the very rules main applies) is also run on its own here, on the
 * candidate as it stands. The full schema stays the authority: its issues come first, and it alone decides whether
 * the form may be sent.
 */
function earlyIssues(values: IntakeValues, today: string): Issue[] {
  const issues: Issue[] = [];
  // The shared refinements only call addIssue; a collecting stand-in is enough.
  const ctx = {
    addIssue: (issue: Issue) => void issues.push(issue),
  } as unknown as RefinementCtx;
  if (values.dispute.peopleInvolved === '') issues.push({ path: ['dispute', 'peopleInvolved'], message: t.intake.peopleInvolvedMissing });
  refineCaseInput(toCaseInputCandidate(values) as CaseInput, today, ctx);
  return issues;
}

export type IntakeCheck = { ok: true; input: CaseInput } | { ok: false; errors: FormErrors };

/** Validates with the shared `caseInputSchema(today)`, the same one main applies to cases:create. */
export function checkIntake(values: IntakeValues, today: string): IntakeCheck {
  const parsed = caseInputSchema(today).safeParse(toCaseInputCandidate(values));
  const early = earlyIssues(values, today);
  if (parsed.success && early.length === 0) return { ok: true, input: parsed.data };
  // A missing 涉及人数 and an agent without principal get their own message rather than zod's type error
  // ("无效UUID"), so they go first.
  const specific = early.filter((i) => i.path[1] === 'peopleInvolved' || i.path[2] === 'principalId');
  const ordered = [...specific, ...(parsed.success ? [] : parsed.error.issues), ...early];
  return { ok: false, errors: issuesToFormErrors(ordered) };
}

export function validateIntake(values: IntakeValues, today: string): FormErrors {
  const result = checkIntake(values, today);
  return result.ok ? {} : result.errors;
}
