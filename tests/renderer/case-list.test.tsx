// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { CaseRecord } from '../../electron/shared/domain/case';
import type { AuditEvent } from '../../electron/shared/domain/audit';
import type { CaseListItem } from '../../electron/shared/ipc/contract';
import { CaseDetailPage } from '../../renderer/src/features/cases/CaseDetailPage';
import { CaseListPage } from '../../renderer/src/features/cases/CaseListPage';
import { STAFF, fakeWorkstation, renderScreen, stubBrowserApis } from './harness';

beforeAll(stubBrowserApis);
afterEach(cleanup);

function item(over: Partial<CaseListItem>): CaseListItem {
  return {
    id: '0b4c1a9e-1111-4222-8333-944455556666',
    caseNumber: '（2026）青调字第0001号',
    year: 2026,
    seq: 1,
    revision: 1,
    status: 'registered',
    disputeType: '13',
    disputeSubType: '人身损害赔偿纠纷',
    source: 'application',
    riskLevel: 'high',
    complexity: 'simple',
    escalation: [],
    title: '张秀英与李明道路交通事故纠纷',
    applicants: ['张秀英'],
    respondents: ['李明'],
    mediatorIds: [],
    room: '',
    registeredAt: '2026-11-25T06:03:00.000Z',
    updatedAt: '2026-11-25T06:03:00.000Z',
    mediationDue: null,
    decidedAt: null,
    agreementDue: null,
    confirmationDue: null,
    agents: [],
    agreementStatus: null,
    scanAwaitedSince: null,
    sessions: [],
    ...over,
  };
}

describe('案件列表', () => {
  it('shows escalated cases in red with their flags, ordinary ones not', async () => {
    const escalated = item({ escalation: ['criminal', 'group'] });
    const ordinary = item({ id: '9a8b7c6d-2222-4333-8444-955566667777', caseNumber: '（2026）青调字第0002号', title: '陈伟与刘芳邻里纠纷', disputeType: '02', disputeSubType: '噪音纠纷', riskLevel: 'low' });
    const api = fakeWorkstation({ 'cases:list': () => ({ ok: true, value: { items: [ordinary, escalated], total: 2, page: 1, pageSize: 20 } }) });
    renderScreen(<CaseListPage />);

    const red = (await screen.findByText('（2026）青调字第0001号')).closest('tr')!;
    const plain = screen.getByText('（2026）青调字第0002号').closest('tr')!;
    expect(red.getAttribute('data-escalated')).toBe('true');
    expect(within(red).getByText('可能民转刑')).toBeTruthy();
    expect(within(red).getByText('可能引发群体性事件')).toBeTruthy();
    expect(plain.hasAttribute('data-escalated')).toBe(false);
    expect(within(plain).getByText('邻里纠纷')).toBeTruthy();
    expect(screen.getByText('共 2 件')).toBeTruthy();
    expect(api['cases:list']).toHaveBeenCalledWith({ page: 1, pageSize: 20 });
  });

  it('offers to register a case when there is none', async () => {
    fakeWorkstation({ 'cases:list': () => ({ ok: true, value: { items: [], total: 0, page: 1, pageSize: 20 } }) });
    renderScreen(<CaseListPage />);
    expect(await screen.findByText('暂无案件')).toBeTruthy();
    expect(screen.getAllByRole('button', { name: '登记案件' }).length).toBeGreaterThan(0);
  });

  it('sends the status filter to cases:list', async () => {
    const api = fakeWorkstation({ 'cases:list': () => ({ ok: true, value: { items: [item({})], total: 1, page: 1, pageSize: 20 } }) });
    renderScreen(<CaseListPage />);
    await screen.findByText('（2026）青调字第0001号');
    fireEvent.click(screen.getByRole('combobox', { name: '状态' }));
    fireEvent.click(screen.getByRole('option', { name: '调解中' }));
    await waitFor(() => expect(api['cases:list']).toHaveBeenLastCalledWith({ page: 1, pageSize: 20, status: 'mediating' }));
  });

  it('searches as typed, but not the pinyin an IME is still composing', async () => {
    const api = fakeWorkstation({ 'cases:list': () => ({ ok: true, value: { items: [item({})], total: 1, page: 1, pageSize: 20 } }) });
    renderScreen(<CaseListPage />);
    await screen.findByText('（2026）青调字第0001号');
    const search = screen.getByRole('searchbox', { name: '搜索' });
    fireEvent.change(search, { target: { value: '张' } });
    await waitFor(() => expect(api['cases:list']).toHaveBeenLastCalledWith(expect.objectContaining({ page: 1, text: '张' })));
    const calls = api['cases:list'].mock.calls.length;
    fireEvent.compositionStart(search);
    fireEvent.change(search, { target: { value: '张xiu' } });
    expect((search as HTMLInputElement).value).toBe('张xiu');
    expect(api['cases:list']).toHaveBeenCalledTimes(calls);
    fireEvent.change(search, { target: { value: '张秀' } });
    fireEvent.compositionEnd(search);
    await waitFor(() => expect(api['cases:list']).toHaveBeenLastCalledWith(expect.objectContaining({ page: 1, text: '张秀' })));
    expect(api['cases:list'].mock.calls.map((c) => c[0].text)).not.toContain('张xiu');
  });
});

describe('案件详情', () => {
  const record: CaseRecord = {
    schemaVersion: 3,
    id: '0b4c1a9e-1111-4222-8333-944455556666',
    caseNumber: '（2026）青调字第0001号',
    year: 2026,
    seq: 1,
    revision: 1,
    createdAt: '2026-11-25T06:03:00.000Z',
    updatedAt: '2026-11-25T06:03:00.000Z',
    dispute: {
      disputeType: '13', disputeSubType: '人身损害赔偿纠纷', source: 'application', summary: '双方因赔偿金额发生争议。', occurredOn: '2026-11-20', occurredPlace: '人民路',
      amount: '45800.00', peopleInvolved: 2, riskLevel: 'high', complexity: 'simple', escalation: ['criminal'], applicationForm: 'written',
    },
    parties: [
      { id: 'a1a1a1a1-1111-4111-8111-111111111111', role: 'applicant', kind: 'person', name: '张秀英', phone: '13812345678', address: '幸福小区', requests: '赔偿医疗费', gender: 'female', ethnicity: '汉族', birthDate: '1949-12-31', idType: 'resident_id', idNumber: '11010519491231002X', occupation: '', workUnit: '' },
      { id: 'b2b2b2b2-2222-4222-8222-222222222222', role: 'respondent', kind: 'organization', name: '青山运输有限公司', phone: '0571-87654321', address: '城关镇', requests: '', usccCode: '91330102MA2H0Y5X1L', legalRepresentative: '周强', representativeTitle: '经理' },
    ],
    agents: [{ id: 'c3c3c3c3-3333-4333-8333-333333333333', principalId: 'a1a1a1a1-1111-4111-8111-111111111111', name: '赵志强', idType: 'resident_id', idNumber: '110101199003070011', phone: '13900001111', workUnitOrRelation: '青山律师事务所', authority: 'special' }],
    assignment: null,
    deadlines: { mediationDue: null, transferReplyDue: null },
    decision: null,
    sessions: [],
    attachments: [],
    termination: null,
    agreement: null,
    documents: [],
    actions: [{ id: 'd4d4d4d4-4444-4444-8444-444444444444', type: 'REGISTERED', at: '2026-11-25T06:03:00.000Z', by: STAFF.id, note: '' }],
  };
  const audit: AuditEvent[] = [{ seq: 0, at: '2026-11-25T06:03:00.000Z', actorId: STAFF.id, actorName: STAFF.name, caseId: record.id, action: 'cases:create', detail: '登记道路交通事故纠纷，申请人张秀英，当事人2人', prevHash: '', hash: 'x' }];

  it('masks ID numbers and phones of parties and agents, and shows who did what', async () => {
    fakeWorkstation({
      'cases:get': () => ({ ok: true, value: { record, status: 'registered', availableActions: ['ACCEPTED'] } }),
      'cases:audit': () => ({ ok: true, value: audit }),
      'staff:list': () => ({ ok: true, value: [STAFF] }),
    });
    const { container } = renderScreen(<CaseDetailPage id={record.id} />, { route: { name: 'case', id: record.id } });
    await screen.findByText('（2026）青调字第0001号');
    const text = container.textContent ?? '';
    for (const secret of ['11010519491231002X', '13812345678', '110101199003070011', '13900001111', '87654321']) expect(text).not.toContain(secret);
    expect(text).toContain('1101**********002X');
    expect(text).toContain('138****5678');
    expect(text).toContain('0571-****4321');
    // Names, the organisation's public credit code and the case number are not personal secrets: shown in full.
    expect(text).toContain('张秀英');
    expect(text).toContain('91330102MA2H0Y5X1L');
    expect(text).toContain('45,800.00 元');
    expect(await screen.findByText(/经办人：王建国/)).toBeTruthy();
    expect(screen.getByText('登记道路交通事故纠纷，申请人张秀英，当事人2人')).toBeTruthy();
  });
});
