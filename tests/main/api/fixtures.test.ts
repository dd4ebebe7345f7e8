import { describe, expect, it } from 'vitest';
import { CASE_SOURCES, ESCALATION_FLAGS, caseInputSchema, keysOf } from '../../../electron/shared/domain';
import { checkResidentId } from '../../../electron/shared/validation/id-card';
import { checkUscc } from '../../../electron/shared/validation/uscc';
import { ALL_SUBTYPES, FIXTURE_TODAY, ROAD_TRAFFIC_IDS, roadTrafficCaseInput, seededRng, syntheticCase } from '../../fixtures/cases';

function issuesOf(input: unknown) {
  const result = caseInputSchema(FIXTURE_TODAY).safeParse(input);
  return result.success ? [] : result.error.issues;
}

describe('fixtures: the road-traffic case', () => {
  it('is valid as a whole under the registration schema', () => {
    expect(issuesOf(roadTrafficCaseInput())).toEqual([]);
  });

  it('has two natural-person applicants with valid resident IDs, a company respondent with a valid USCC and a special agent', () => {
    const input = roadTrafficCaseInput();
    const applicants = input.parties.filter((p) => p.role === 'applicant');
    expect(applicants).toHaveLength(2);
    for (const p of applicants) {
      expect(p.kind).toBe('person');
      if (p.kind !== 'person') continue;
      const id = checkResidentId(p.idNumber, FIXTURE_TODAY);
      expect(id.ok).toBe(true);
      if (id.ok) {
        expect(id.value.birthDate).toBe(p.birthDate);
        expect(id.value.gender).toBe(p.gender);
      }
    }
    const respondent = input.parties.find((p) => p.role === 'respondent');
    expect(respondent?.kind).toBe('organization');
    if (respondent?.kind === 'organization') expect(checkUscc(respondent.usccCode)).toEqual({ ok: true, value: respondent.usccCode });
    expect(input.agents).toEqual([expect.objectContaining({ principalId: ROAD_TRAFFIC_IDS.applicant1, authority: 'special' })]);
    expect(input.dispute.disputeType).toBe('13');
  });
});

describe('fixtures: syntheticCase', () => {
  const N = 1500;
  const cases = Array.from({ length: N }, (_, i) => syntheticCase(i, seededRng(i + 1)));

  it(`produces ${N} cases that all pass the registration schema`, () => {
    const bad = cases.map((c, i) => ({ i, issues: issuesOf(c) })).filter((x) => x.issues.length > 0);
    expect(bad.slice(0, 3)).toEqual([]);
  });

  it('is deterministic for a given index and seed', () => {
    expect(syntheticCase(42, seededRng(7))).toEqual(syntheticCase(42, seededRng(7)));
    expect(syntheticCase(42, seededRng(7))).not.toEqual(syntheticCase(42, seededRng(8)));
  });

  it('covers every dispute type and sub-type, every source and every escalation flag', () => {
    const pairs = new Set(cases.map((c) => `${c.dispute.disputeType}/${c.dispute.disputeSubType}`));
    for (const { code, subType } of ALL_SUBTYPES) expect(pairs).toContain(`${code}/${subType}`);
    expect(new Set(cases.map((c) => c.dispute.source))).toEqual(new Set(keysOf(CASE_SOURCES)));
    expect(new Set(cases.flatMap((c) => c.dispute.escalation))).toEqual(new Set(keysOf(ESCALATION_FLAGS)));
    expect(new Set(cases.map((c) => c.dispute.riskLevel))).toEqual(new Set(['low', 'medium', 'high']));
  });

  it('has realistic variety: organisations, agents, repeat parties, oral applications', () => {
    const parties = cases.flatMap((c) => c.parties);
    const persons = parties.filter((p) => p.kind === 'person');
    expect(parties.some((p) => p.kind === 'organization' && p.usccCode)).toBe(true);
    expect(cases.filter((c) => c.agents.length > 0).length).toBeGreaterThan(N * 0.2);
    expect(cases.filter((c) => c.dispute.applicationForm === 'oral').length).toBeGreaterThan(N * 0.2);
    const ids = persons.map((p) => (p.kind === 'person' ? p.idNumber : ''));
    expect(new Set(ids).size).toBeLessThan(ids.length); // recurring people
    expect(new Set(persons.map((p) => p.name)).size).toBeGreaterThan(300);
  });
});
