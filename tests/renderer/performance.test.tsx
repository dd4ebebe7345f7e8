// @vitest-environment jsdom
import type { ReactNode } from 'react';
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { AgreementItem, AgreementRecord, PerformanceEntry } from '../../electron/shared/domain/agreement';
import type { CaseRecord } from '../../electron/shared/domain/case';
import type { AgreementView } from '../../electron/shared/ipc/contract';
import { PerformancePanel } from '../../renderer/src/features/agreements/performance/PerformancePanel';
import { confirmationState, performanceGroups, reminderCounts, urgencyOf } from '../../renderer/src/features/agreements/performance/performance-rows';
import { STAFF, TODAY, fakeWorkstation, renderScreen, stubBrowserApis, testCaseRecord } from './harness';

vi.mock('../../renderer/src/components/PdfViewer', () => ({
  PdfViewer: ({ pdfBase64, label, actions }: { pdfBase64: string; label: string; actions?: ReactNode }) => (
    <div data-testid="pdf-viewer" data-pdf={pdfBase64} aria-label={label}>
      {actions}
    </div>
  ),
}));

beforeAll(stubBrowserApis);
afterEach(cleanup);

const ok = <T,>(value: T) => ({ ok: true as const, value });
const CASE_ID = '0b4c1a9e-1111-4222-8333-944455556666';
const AGREEMENT_ID = 'a0a0a0a0-1111-4111-8111-111111111111';
const PAY = 'b1b1b1b1-0000-4000-8000-000000000001';
const APOLOGY = 'b2b2b2b2-0000-4000-8000-000000000002';
const COSTS = 'b3b3b3b3-0000-4000-8000-000000000003';
const RETURN = 'b4b4b4b4-0000-4000-8000-000000000004';

// TODAY is 2026-11-25.
const items: AgreementItem[] = [
  {
    id: PAY,
    type: 'payment',
    payerIds: [],
    payeeIds: [],
    purpose: '赔偿',
    total: '86500',
    plan: 'instalments',
    dueOn: '',
    instalments: [
      { amount: '50000', dueOn: '2026-11-20' },
      { amount: '20000', dueOn: '2026-11-30' },
      { amount: '16500', dueOn: '2027-01-15' },
    ],
    method: '银行转账',
    place: '',
  },
  { id: APOLOGY, type: 'apology', fromIds: [], toIds: [], manner: '书面', dueOn: '2026-11-25' },
  { id: COSTS, type: 'costs', bearerIds: [], description: '鉴定费', amount: '1200' },
  { id: RETURN, type: 'return', fromIds: [], toIds: [], property: '电动自行车', dueOn: '2026-11-22', manner: '', place: '' },
];
const CLAUSES = ['被申请人向申请人赔偿共计人民币捌万陆仟伍佰元整（¥86,500.00），分三期支付。', '被申请人于2026年11月25日前向申请人书面赔礼道歉。', '鉴定费人民币壹仟贰佰元整由被申请人承担。', '申请人于2026年11月22日前返还电动自行车。'];

const entry = (itemId: string, instalment: number | null, status: PerformanceEntry['status'], note = ''): PerformanceEntry => ({ itemId, instalment, status, note, updatedAt: '2026-11-21T02:00:00.000Z', updatedBy: STAFF.id });

function agreement(over: Partial<AgreementRecord> = {}): AgreementRecord {
  return {
    schemaVersion: 1,
    id: AGREEMENT_ID,
    caseId: CASE_ID,
    kind: 'written',
    number: '（2026）青调字第0001号',
    status: 'effective',
    content: { facts: '', disputedMatters: '', responsibility: '', items, breach: '', copies: 4, place: '', reachedOn: '' },
    review: [],
    signatures: [],
    seal: null,
    effectiveOn: '2026-11-05',
    signedDocumentId: null,
    performance: [entry(PAY, 0, 'done', '已转账'), entry(RETURN, null, 'partial', '车已返还，钥匙未还')],
    mediatorIds: [STAFF.id],
    recorderId: STAFF.id,
    revision: 12,
    createdAt: '2026-11-01T00:00:00.000Z',
    createdBy: STAFF.id,
    editors: [],
    updatedAt: '2026-11-21T02:00:00.000Z',
    ...over,
  };
}

const view = (over: Partial<AgreementRecord> = {}): AgreementView => ({
  agreement: agreement(over),
  caseNumber: '（2026）青调字第0001号',
  caseTitle: '道路交通事故纠纷',
  caseStatus: 'agreed',
  issues: [],
  clauses: CLAUSES,
  signers: [],
  effectiveness: { effective: true, effectiveOn: '2026-11-05', missing: [], missingKeys: [] },
  sealConfigured: true,
});

function caseRecord(confirmationDue: string | null): CaseRecord {
  return testCaseRecord({
    id: CASE_ID,
    revision: 3,
    createdAt: '2026-11-01T00:00:00.000Z',
    agreement: { id: AGREEMENT_ID, kind: 'written', number: '（2026）青调字第0001号', status: 'effective', effectiveOn: '2026-11-05', confirmationDue, nextDueOn: '2026-11-22', scanAwaitedSince: null },
    actions: [],
  });
}

function setUp(v: AgreementView, due: string | null, extra: Parameters<typeof fakeWorkstation>[0] = {}) {
  const api = fakeWorkstation({
    'agreements:get': () => ok(v),
    'cases:get': () => ok({ record: caseRecord(due), status: 'agreed', availableActions: [] }),
    'staff:list': () => ok([STAFF]),
    ...extra,
  });
  renderScreen(<PerformancePanel caseId={CASE_ID} />, { route: { name: 'case', id: CASE_ID } });
  return api;
}

describe('performance-rows', () => {
  it('one line per obligation, one per instalment, with amount, due date and what was recorded; no line for costs', () => {
    const groups = performanceGroups(view(), TODAY);
    expect(groups.map((g) => [g.itemNumber, g.lines.length])).toEqual([
      [1, 3],
      [2, 1],
      [4, 1],
    ]);
    expect(groups[0]!.clause).toBe(CLAUSES[0]);
    expect(groups[0]!.lines.map((l) => [l.instalment, l.amount, l.dueOn, l.status, l.urgency])).toEqual([
      [0, '¥50,000.00', '2026-11-20', 'done', null],
      [1, '¥20,000.00', '2026-11-30', 'pending', 'soon'],
      [2, '¥16,500.00', '2027-01-15', 'pending', null],
    ]);
    expect(groups[1]!.lines[0]).toMatchObject({ instalment: null, urgency: 'today', days: 0 });
    expect(groups[2]!.lines[0]).toMatchObject({ status: 'partial', urgency: 'overdue', days: -3, entry: { note: '车已返还，钥匙未还' } });
    expect(reminderCounts(groups)).toEqual({ overdue: 1, soon: 2 });
  });

  it('urgency: done is never overdue; a week ahead counts as soon; no date, no reminder', () => {
    expect(urgencyOf('done', '2026-11-01', TODAY).urgency).toBeNull();
    expect(urgencyOf('not', '2026-11-24', TODAY)).toEqual({ urgency: 'overdue', days: -1 });
    expect(urgencyOf('pending', '2026-12-02', TODAY)).toEqual({ urgency: 'soon', days: 7 });
    expect(urgencyOf('pending', '2026-12-03', TODAY)).toEqual({ urgency: null, days: 8 });
    expect(urgencyOf('pending', '', TODAY)).toEqual({ urgency: null, days: null });
  });

  it('judicial-confirmation deadline: orange from 10 days left, red once past', () => {
    expect(confirmationState('2026-12-06', TODAY)).toEqual({ days: 11, color: 'gray' });
    expect(confirmationState('2026-12-05', TODAY)).toEqual({ days: 10, color: 'orange' });
    expect(confirmationState('2026-11-25', TODAY)).toEqual({ days: 0, color: 'orange' });
    expect(confirmationState('2026-11-24', TODAY)).toEqual({ days: -1, color: 'red' });
  });
});

describe('履行情况 (PerformancePanel)', () => {
  it('lists the obligations with their clauses, instalments, due dates and statuses; overdue and soon-due lines are highlighted', async () => {
    setUp(view(), '2026-12-05');
    const panel = within(await screen.findByTestId('performance-panel'));
    expect(panel.getByText(CLAUSES[0]!)).toBeTruthy();
    expect(panel.queryByText(CLAUSES[2]!)).toBeNull();
    const line = (name: string) => panel.getByRole('listitem', { name });
    expect(within(line('第1项第1期')).getByText('已履行')).toBeTruthy();
    expect(within(line('第1项第1期')).getByText(/已转账/)).toBeTruthy();
    expect(line('第1项第1期').getAttribute('data-urgency')).toBeNull();
    expect(within(line('第1项第2期')).getByText('5 天后到期')).toBeTruthy();
    expect(line('第1项第2期').getAttribute('data-urgency')).toBe('soon');
    expect(within(line('第2项')).getByText('今天到期')).toBeTruthy();
    expect(within(line('第4项')).getByText('已逾期 3 天')).toBeTruthy();
    expect(within(line('第4项')).getByText('部分履行')).toBeTruthy();
    expect(line('第4项').getAttribute('data-urgency')).toBe('overdue');
    expect(panel.getByRole('status').textContent).toBe('1 项已逾期，2 项 7 天内到期');
  });

  it('records a status with a note through agreements:performance (the instalment, or null for a whole item)', async () => {
    const api = setUp(view(), '2026-12-05', { 'agreements:performance': () => ok(view()) });
    const panel = within(await screen.findByTestId('performance-panel'));
    fireEvent.click(panel.getByRole('button', { name: '记录 第1项第2期' }));
    const dialog = within(await screen.findByRole('dialog', { name: '记录履行情况：第1项第2期' }));
    fireEvent.click(dialog.getByText('部分履行'));
    fireEvent.change(dialog.getByLabelText('说明'), { target: { value: '已付10000元，余款约定下周付清' } });
    await act(async () => {
      fireEvent.click(dialog.getByRole('button', { name: '保存' }));
    });
    await waitFor(() =>
      expect(api['agreements:performance']).toHaveBeenCalledWith({ caseId: CASE_ID, revision: 12, itemId: PAY, instalment: 1, status: 'partial', note: '已付10000元，余款约定下周付清' }),
    );

    fireEvent.click(panel.getByRole('button', { name: '记录 第2项' }));
    const second = within(await screen.findByRole('dialog', { name: '记录履行情况：第2项' }));
    await act(async () => {
      fireEvent.click(second.getByRole('button', { name: '保存' }));
    });
    await waitFor(() => expect(api['agreements:performance']).toHaveBeenLastCalledWith({ caseId: CASE_ID, revision: 12, itemId: APOLOGY, instalment: null, status: 'done', note: '' }));
  });

  it('the judicial-confirmation deadline in orange with days left, and 出具司法确认申请书 previews it for the agreement', async () => {
    const api = setUp(view(), '2026-12-05', { 'documents:preview': () => ok({ title: '司法确认申请书', pdfBase64: 'SkM=' }) });
    const deadline = await screen.findByTestId('confirmation-deadline');
    expect(deadline.getAttribute('data-color')).toBe('orange');
    expect(within(deadline).getByText('2026-12-05 前')).toBeTruthy();
    expect(within(deadline).getByText('剩余 10 天')).toBeTruthy();
    await act(async () => {
      fireEvent.click(within(deadline).getByRole('button', { name: '出具司法确认申请书' }));
    });
    await waitFor(() => expect(api['documents:preview']).toHaveBeenCalledWith({ caseId: CASE_ID, template: 'judicial-confirmation', subjectId: AGREEMENT_ID }));
    expect(await screen.findByText('预览（尚未出具）')).toBeTruthy();
  });

  it('past the deadline: red, with how long ago', async () => {
    setUp(view(), '2026-11-20');
    const deadline = await screen.findByTestId('confirmation-deadline');
    expect(deadline.getAttribute('data-color')).toBe('red');
    expect(within(deadline).getByText('已超过申请期限 5 天')).toBeTruthy();
  });

  it('before the agreement takes effect: only a note; an oral agreement has no deadline', async () => {
    setUp(view({ status: 'approved' }), null);
    expect(await screen.findByText('协议生效后在此记录履行情况。')).toBeTruthy();
    cleanup();
    setUp(view({ kind: 'oral' }), null);
    await screen.findByTestId('performance-panel');
    expect(screen.queryByTestId('confirmation-deadline')).toBeNull();
  });
});
