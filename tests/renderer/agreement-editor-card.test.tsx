// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { AgreementSummary } from '../../electron/shared/domain/agreement';
import type { CaseRecord } from '../../electron/shared/domain/case';
import type { CaseStatus } from '../../electron/shared/domain/case-actions';
import { useRouter } from '../../renderer/src/app/router';
import { AgreementCard } from '../../renderer/src/features/agreements/case-card/AgreementCard';
import { blankItem, moveItem, splitEvenly, tallyInstalments } from '../../renderer/src/features/agreements/editor/items/item-model';
import { roadTrafficCaseInput } from '../fixtures/cases';
import { fakeWorkstation, renderScreen, stubBrowserApis } from './harness';

// Another feature's panel (履行情况 and the judicial-confirmation deadline): only where the card puts it matters here.
vi.mock('../../renderer/src/features/agreements/performance/PerformancePanel', () => ({
  PerformancePanel: ({ caseId }: { caseId: string }) => <div data-testid="performance-panel" data-case-id={caseId} />,
}));

beforeAll(stubBrowserApis);
afterEach(cleanup);

const CASE_ID = '0b4c1a9e-1111-4222-8333-944455556666';
const AGREEMENT_ID = 'a9a9a9a9-1111-4111-8111-111111111111';

function record(agreement: AgreementSummary | null): CaseRecord {
  const input = roadTrafficCaseInput();
  return { id: CASE_ID, caseNumber: '（2026）青调字第0001号', parties: input.parties, agents: input.agents, dispute: input.dispute, agreement, documents: [] } as unknown as CaseRecord;
}

const effective = (effectiveOn: string, confirmationDue: string): AgreementSummary => ({ id: AGREEMENT_ID, kind: 'written', number: '（2026）青调字第0001号', status: 'effective', effectiveOn, confirmationDue, nextDueOn: '2026-12-15', scanAwaitedSince: null });

function RouteName() {
  const { route } = useRouter();
  return <output data-testid="route">{JSON.stringify(route)}</output>;
}

const renderCard = (summary: AgreementSummary | null, status: CaseStatus = 'agreed') =>
  renderScreen(
    <>
      <AgreementCard record={record(summary)} status={status} />
      <RouteName />
    </>,
    { route: { name: 'case', id: CASE_ID } },
  );

describe('case card with an agreement', () => {
  it('an effective agreement: status, number, effective date, next due date, and the performance panel with the deadline', () => {
    renderCard(effective('2026-11-10', '2026-12-10'));
    const card = screen.getByRole('region', { name: '调解协议' });
    expect(within(card).getByTestId('agreement-card-status').textContent).toBe('已生效');
    expect(within(card).getByText('（2026）青调字第0001号')).toBeTruthy();
    expect(within(card).getByText('2026-11-10')).toBeTruthy();
    expect(within(card).getByText('2026-12-15')).toBeTruthy();
    expect(within(card).getByTestId('performance-panel').dataset.caseId).toBe(CASE_ID);
    // The panel shows the deadline (with 出具司法确认申请书); the summary does not repeat it.
    expect(within(card).queryByText('司法确认申请期限')).toBeNull();
  });

  it('before effect the deadline is explained; an approved one offers the signing; an oral one has no deadline to track', () => {
    renderCard({ id: AGREEMENT_ID, kind: 'written', number: 'N', status: 'approved', effectiveOn: null, confirmationDue: null, nextDueOn: null, scanAwaitedSince: null });
    expect(screen.getByText('协议生效之日起30日内')).toBeTruthy();
    expect(screen.queryByTestId('performance-panel')).toBeNull();
    fireEvent.click(within(screen.getByRole('region', { name: '调解协议' })).getByRole('button', { name: '进入签署' }));
    expect(JSON.parse(screen.getByTestId('route').textContent!)).toEqual({ name: 'agreement-signing', caseId: CASE_ID });
    cleanup();
    renderCard({ id: AGREEMENT_ID, kind: 'oral', number: 'N', status: 'draft', effectiveOn: null, confirmationDue: null, nextDueOn: null, scanAwaitedSince: null });
    expect(screen.queryByText('司法确认申请期限')).toBeNull();
    expect(screen.getByRole('button', { name: '打开登记' })).toBeTruthy();
  });
});

describe('case card without an agreement', () => {
  it('offers 起草书面协议 / 登记口头协议 once the case is in mediation, and opens the new draft', async () => {
    const api = fakeWorkstation({ 'agreements:create': () => ({ ok: true, value: {} as never }) });
    renderCard(null, 'mediating');
    fireEvent.click(screen.getByRole('button', { name: '登记口头协议' }));
    await waitFor(() => expect(JSON.parse(screen.getByTestId('route').textContent!)).toEqual({ name: 'agreement', caseId: CASE_ID }));
    expect(api['agreements:create']).toHaveBeenCalledWith({ caseId: CASE_ID, kind: 'oral' });
  });

  it('is not shown before mediation', () => {
    renderCard(null, 'accepted');
    expect(screen.queryByRole('region', { name: '调解协议' })).toBeNull();
  });
});

describe('item edits', () => {
  const parties = roadTrafficCaseInput().parties;
  it('a new item binds the respondents towards the applicants', () => {
    const item = blankItem('payment', parties, 'c1c1c1c1-1111-4111-8111-111111111111');
    expect(item).toMatchObject({ payerIds: [parties[2]!.id], payeeIds: [parties[0]!.id, parties[1]!.id], plan: 'lump' });
    expect(blankItem('free', parties, 'x')).toMatchObject({ obligorIds: [] });
  });

  it('moves, tallies and splits', () => {
    expect(moveItem(['a', 'b', 'c'], 2, 0)).toEqual(['c', 'a', 'b']);
    expect(moveItem(['a', 'b'], 0, -1)).toEqual(['a', 'b']);
    expect(tallyInstalments('1,000', [{ amount: '300.5', dueOn: '' }, { amount: '', dueOn: '' }])).toEqual({ sum: 30050, complete: false, total: 100000, difference: 69950 });
    expect(splitEvenly('86500', [{ amount: '', dueOn: '2026-12-15' }, { amount: '1', dueOn: '' }])).toEqual([
      { amount: '43250', dueOn: '2026-12-15' },
      { amount: '43250', dueOn: '' },
    ]);
    expect(splitEvenly('0.05', [{ amount: '', dueOn: '' }, { amount: '', dueOn: '' }])?.map((i) => i.amount)).toEqual(['0.02', '0.03']);
    expect(splitEvenly('', [{ amount: '', dueOn: '' }])).toBeNull();
  });
});
