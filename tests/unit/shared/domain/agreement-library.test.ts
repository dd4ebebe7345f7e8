import { describe, expect, it } from 'vitest';
import { AgreementItemSchema, type AgreementItem, checkAgreement, clausePlainText, instantiateClause, renderClause } from '../../../../electron/shared/domain';
import { CLAUSE_LIBRARY, clausesFor } from '../../../../templates/clauses';
import { roadTrafficCaseInput } from '../../../fixtures/cases';

const input = roadTrafficCaseInput();
let n = 0;
const newId = () => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`;

/** What the advisor types into an inserted clause: amounts and dates. */
function fill(item: AgreementItem): AgreementItem {
  switch (item.type) {
    case 'payment':
      return item.plan === 'lump' ? { ...item, total: '12000', dueOn: '2026-06-01' } : { ...item, total: String(1000 * item.instalments.length), instalments: item.instalments.map((_, k) => ({ amount: '1000', dueOn: `2026-0${6 + k}-01` })) };
    case 'costs':
      return { ...item, amount: '800' };
    default:
      return { ...item, dueOn: '2026-06-01' } as AgreementItem;
  }
}

describe('clause library', () => {
  it.each(CLAUSE_LIBRARY.map((c) => [c.title, c] as const))('%s: inserts valid items naming the case parties, and passes the legal checks once amounts and dates are filled', (_title, template) => {
    const items = instantiateClause(template, input.parties, newId);
    for (const item of items) expect(AgreementItemSchema.safeParse(item).success).toBe(true);
    const filled = items.map(fill);
    const issues = checkAgreement(
      { kind: 'written', content: { facts: '事实', disputedMatters: '争议', responsibility: '', items: filled, breach: '', copies: 4, place: '', reachedOn: '' } },
      { record: { parties: input.parties, dispute: input.dispute }, today: '2026-05-01', requirePerformancePlace: false },
    ).filter((i) => i.severity === 'error');
    expect(issues).toEqual([]);
    for (const item of filled) expect(clausePlainText(renderClause(item, input.parties))).not.toMatch(/未指定当事人|undefined/);
  });

  it('offers the entries for the dispute type first', () => {
    expect(clausesFor('13').slice(0, 2).map((c) => c.id)).toEqual(['road-traffic-lump', 'road-traffic-instalments']);
    expect(clausesFor('10')[0]!.id).toBe('wage-arrears');
    expect(clausesFor('99')).toHaveLength(CLAUSE_LIBRARY.length);
  });
});
