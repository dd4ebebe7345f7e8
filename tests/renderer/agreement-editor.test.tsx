// @vitest-environment jsdom
import type { ReactNode } from 'react';
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { AgreementContent, AgreementItem, AgreementRecord } from '../../electron/shared/domain/agreement';
import { checkAgreement } from '../../electron/shared/domain/agreement-checks';
import { clausePlainText, renderClause } from '../../electron/shared/domain/agreement-clauses';
import type { CaseRecord } from '../../electron/shared/domain/case';
import { defaultSettings } from '../../electron/shared/domain/settings';
import type { Staff } from '../../electron/shared/domain/staff';
import type { AgreementView, DocumentPreview } from '../../electron/shared/ipc/contract';
import type { Result } from '../../electron/shared/ipc/result';
import { Providers } from '../../renderer/src/app/Providers';
import { RouterProvider, useRouter } from '../../renderer/src/app/router';
import { SessionProvider } from '../../renderer/src/app/session';
import { AgreementPage } from '../../renderer/src/features/agreements/editor/AgreementPage';
import { ROAD_TRAFFIC_IDS, roadTrafficCaseInput } from '../fixtures/cases';
import { INFO, STAFF, TODAY, fakeWorkstation, stubBrowserApis } from './harness';

vi.mock('../../renderer/src/components/PdfViewer', () => ({
  PdfViewer: ({ pdfBase64, label }: { pdfBase64: string; label: string; actions?: ReactNode }) => <div data-testid="pdf-viewer" data-pdf={pdfBase64} aria-label={label} />,
}));

beforeAll(() => {
  stubBrowserApis();
  window.HTMLElement.prototype.scrollIntoView = function scrollIntoView() {};
});
afterEach(cleanup);

const ok = <T,>(value: T) => ({ ok: true as const, value });

const CASE_ID = '0b4c1a9e-1111-4222-8333-944455556666';
const AGREEMENT_ID = 'a9a9a9a9-1111-4111-8111-111111111111';
const ADVISOR: Staff = { id: '7a1c2b9e-3d4a-4b5c-8d7e-9f0a1b2c3d4e', name: '陈律', loginName: 'chenlv', roles: ['legal_advisor'], active: true, createdAt: '2026-11-01T01:00:00.000Z' };
const MEDIATOR: Staff = { id: '8b1c2b9e-3d4a-4b5c-8d7e-9f0a1b2c3d4e', name: '李娜', loginName: 'lina', roles: ['mediator', 'clerk'], active: true, createdAt: '2026-11-01T01:00:00.000Z' };

function caseRecord(): CaseRecord {
  const input = roadTrafficCaseInput();
  return {
    schemaVersion: 3,
    id: CASE_ID,
    caseNumber: '（2026）青调字第0001号',
    year: 2026,
    seq: 1,
    revision: 9,
    createdAt: '2026-11-16T01:12:00.000Z',
    updatedAt: '2026-11-20T02:30:00.000Z',
    dispute: input.dispute,
    parties: input.parties,
    agents: input.agents,
    assignment: { mediatorIds: [STAFF.id], room: '交通事故调解室' },
    deadlines: { mediationDue: '2026-12-16', transferReplyDue: null },
    decision: null,
    sessions: [],
    attachments: [],
    termination: null,
    agreement: { id: AGREEMENT_ID, kind: 'written', number: '（2026）青调字第0001号', status: 'draft', effectiveOn: null, confirmationDue: null, nextDueOn: null, scanAwaitedSince: null },
    documents: [],
    actions: [{ id: 'd4d4d4d4-4444-4444-8444-444444444444', type: 'REGISTERED', at: '2026-11-16T01:12:00.000Z', by: STAFF.id, note: '' }],
  } as CaseRecord;
}

const payment = (over: Partial<Extract<AgreementItem, { type: 'payment' }>> = {}): AgreementItem => ({
  id: 'c1c1c1c1-1111-4111-8111-111111111111',
  type: 'payment',
  payerIds: [ROAD_TRAFFIC_IDS.respondent],
  payeeIds: [ROAD_TRAFFIC_IDS.applicant1, ROAD_TRAFFIC_IDS.applicant2],
  purpose: '赔偿各项损失',
  total: '86500',
  plan: 'instalments',
  dueOn: '',
  instalments: [
    { amount: '50000', dueOn: '2026-12-15' },
    { amount: '36500', dueOn: '2027-01-15' },
  ],
  method: '银行转账',
  place: '',
  ...over,
});

function agreement(over: Partial<AgreementRecord> = {}, content: Partial<AgreementContent> = {}): AgreementRecord {
  return {
    schemaVersion: 1,
    id: AGREEMENT_ID,
    caseId: CASE_ID,
    kind: 'written',
    number: '（2026）青调字第0001号',
    status: 'draft',
    content: { facts: '交通事故致两申请人受伤。', disputedMatters: '误工费、护理费的计算标准。', responsibility: '', items: [], breach: '', copies: 4, place: '', reachedOn: '', ...content },
    review: [],
    signatures: [],
    seal: null,
    effectiveOn: null,
    signedDocumentId: null,
    performance: [],
    mediatorIds: [STAFF.id],
    recorderId: STAFF.id,
    revision: 3,
    createdAt: '2026-11-24T01:00:00.000Z',
    createdBy: STAFF.id,
    editors: [],
    updatedAt: '2026-11-25T01:02:00.000Z',
    ...over,
  };
}

function viewOf(a: AgreementRecord): AgreementView {
  const record = caseRecord();
  return {
    agreement: a,
    caseNumber: record.caseNumber,
    caseTitle: '张建国、李秀兰与义乌市顺达货运有限公司道路交通事故纠纷',
    caseStatus: 'agreed',
    issues: checkAgreement(a, { record, today: TODAY, requirePerformancePlace: false }),
    clauses: a.content.items.map((item) => clausePlainText(renderClause(item, record.parties))),
    signers: [],
    effectiveness: { effective: false, effectiveOn: null, missing: [], missingKeys: [] },
    sealConfigured: false,
  };
}

function RouteName() {
  const { route } = useRouter();
  return (
    <output data-testid="route" data-focus={route.name === 'case-edit' ? JSON.stringify(route.focus ?? null) : undefined}>
      {route.name}
    </output>
  );
}

async function open(a: AgreementRecord, { staff = STAFF, handlers = {} as Parameters<typeof fakeWorkstation>[0] } = {}) {
  let current = a;
  const api = fakeWorkstation({
    'agreements:get': () => ok(viewOf(current)),
    'agreements:save': (input) => {
      current = { ...current, content: input.content, revision: input.revision + 1, updatedAt: '2026-11-25T02:00:00.000Z' };
      return ok(viewOf(current));
    },
    'cases:get': () => ok({ record: caseRecord(), status: 'agreed', availableActions: [] }),
    'settings:get': () => ({ ok: false, error: { code: 'INTERNAL', message: 'not needed' } }),
    'staff:list': () => ok([STAFF, ADVISOR, MEDIATOR]),
    'documents:preview': () => ok({ title: '人民调解协议书', pdfBase64: 'JVBERi0x' }),
    ...handlers,
  });
  render(
    <Providers env="test">
      <SessionProvider value={{ info: INFO, staff, signOut: () => {}, refreshInfo: () => {} }}>
        <RouterProvider initial={{ name: 'agreement', caseId: CASE_ID }}>
          <AgreementPage caseId={CASE_ID} />
          <RouteName />
        </RouterProvider>
      </SessionProvider>
    </Providers>,
  );
  await screen.findByRole('heading', { name: '人民调解协议书' });
  return api;
}

const checks = () => screen.getByRole('region', { name: '法定内容检查' });
const item = (n: number) => screen.getByRole('group', { name: new RegExp(`^第${n}项 `) });
const savedContent = (api: Awaited<ReturnType<typeof open>>) => (api['agreements:save'].mock.calls.at(-1)?.[0] as { content: AgreementContent }).content;

describe('agreement editor: items', () => {
  it('the instalment table keeps the running sum against the total; 平均分配 splits the total in whole fen', async () => {
    const api = await open(agreement({}, { items: [payment({ total: '', instalments: [{ amount: '', dueOn: '' }, { amount: '', dueOn: '' }] })] }));
    const card = item(1);
    const tally = within(card).getByTestId('instalment-tally');
    expect(tally.textContent).toContain('总金额未填写');
    expect((within(card).getByRole('button', { name: '平均分配' }) as HTMLButtonElement).disabled).toBe(true);

    fireEvent.change(within(card).getByLabelText('总金额'), { target: { value: '100000' } });
    expect(within(card).getByText('人民币壹拾万元整（¥100,000.00）')).toBeTruthy();
    fireEvent.click(within(card).getByRole('button', { name: '添加一期' }));
    fireEvent.click(within(card).getByRole('button', { name: '平均分配' }));
    const amounts = ['第1期金额（元）', '第2期金额（元）', '第3期金额（元）'].map((label) => (within(card).getByLabelText(label) as HTMLInputElement).value);
    expect(amounts).toEqual(['33333.33', '33333.33', '33333.34']);
    expect(within(card).getByTestId('instalment-sum').textContent).toBe('100,000.00 元');
    expect(tally.dataset.matches).toBe('true');
    expect(tally.textContent).toContain('与总金额一致');

    fireEvent.change(within(card).getByLabelText('第3期金额（元）'), { target: { value: '30000' } });
    expect(within(card).getByTestId('instalment-sum').textContent).toBe('96,666.66 元');
    expect(tally.textContent).toContain('少于总金额 3,333.34 元');
    // The same check main runs names it too, at the instalments.
    expect(within(checks()).getByRole('button', { name: /第1项：各期金额合计96666\.66元，与总额100000\.00元不一致/ })).toBeTruthy();

    fireEvent.click(within(card).getByRole('button', { name: '删除第3期' }));
    expect(within(card).queryByLabelText('第3期金额（元）')).toBeNull();
    // The clause below the card follows at once.
    expect(within(card).getByTestId('clause-text').textContent).toContain('共计人民币壹拾万元整（¥100,000.00），分两期支付：第一期支付人民币叁万叁仟叁佰叁拾叁元叁角叁分');
    await waitFor(() => expect(api['agreements:save']).toHaveBeenCalled(), { timeout: 3000 });
    expect((savedContent(api).items[0] as Extract<AgreementItem, { type: 'payment' }>).instalments).toEqual([
      { amount: '33333.33', dueOn: '' },
      { amount: '33333.33', dueOn: '' },
    ]);
  });

  it('the clause library offers the case type’s clauses first and inserts them resolved against the parties', async () => {
    const api = await open(agreement());
    expect(screen.getByText('尚无协议条款。可从条款库插入常用条款，或逐项添加。')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: '条款库' }));
    const dialog = await screen.findByRole('dialog', { name: '条款库' });
    const lists = within(dialog).getAllByRole('list');
    expect(lists[0]!.getAttribute('aria-label')).toBe('适用于道路交通事故纠纷');
    expect(within(lists[0]!).getAllByRole('listitem').flatMap((li) => li.getAttribute('aria-label') ?? [])).toEqual(['交通事故损害赔偿（一次性）', '交通事故损害赔偿（分期）']);
    fireEvent.click(within(dialog).getByRole('button', { name: '插入“交通事故损害赔偿（分期）”' }));

    await waitFor(() => expect(screen.queryByRole('dialog', { name: '条款库' })).toBeNull());
    const first = item(1);
    expect(within(first).getByText('给付金钱')).toBeTruthy();
    const payers = within(first).getByRole('group', { name: '付款方' });
    expect((within(payers).getByLabelText('被申请人 义乌市顺达货运有限公司') as HTMLInputElement).checked).toBe(true);
    expect((within(payers).getByLabelText('申请人 张建国') as HTMLInputElement).checked).toBe(false);
    expect(within(first).getAllByLabelText(/第\d期金额（元）/)).toHaveLength(2);
    expect(within(first).getByTestId('clause-text').textContent).toContain('被申请人义乌市顺达货运有限公司向申请人张建国、李秀兰赔偿各项损失共计');
    expect(within(item(2)).getByText('其他条款')).toBeTruthy();
    // Amounts and dates are left to fill: the checks say so, item by item.
    expect(within(checks()).getByRole('button', { name: '定位到：第1项：金额未填写' })).toBeTruthy();
    expect(within(checks()).getByRole('button', { name: '定位到：第1项：第2期缺少履行期限' })).toBeTruthy();
    await waitFor(() => expect(api['agreements:save']).toHaveBeenCalled(), { timeout: 3000 });
    expect(savedContent(api).items.map((i) => i.type)).toEqual(['payment', 'free']);
  });

  it('a check names its field: a click focuses it, the field shows the error in place, and 提交审核 waits for it', async () => {
    await open(agreement({}, { items: [payment({ instalments: [{ amount: '50000', dueOn: '2026-12-15' }, { amount: '36500', dueOn: '' }] })] }));
    const submit = screen.getByRole('button', { name: '提交审核' });
    expect((submit as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getByText('还有 1 个问题须解决')).toBeTruthy();
    const issue = within(checks()).getByRole('button', { name: '定位到：第1项：第2期缺少履行期限' });
    fireEvent.click(issue);
    const field = document.getElementById('agreement-field-content-items-0-instalments-1-dueOn');
    expect(field).not.toBeNull();
    expect(document.activeElement).toBe(field);
    expect(field!.getAttribute('aria-invalid')).toBe('true');
    expect(within(item(1)).getByText('第2期缺少履行期限')).toBeTruthy();
  });

  it('a party whose basic data is incomplete is named, and leads to the correction form at the missing field (by key)', async () => {
    const incomplete = caseRecord();
    incomplete.parties = incomplete.parties.map((p) => (p.kind === 'person' && p.name === '李秀兰' ? { ...p, phone: '' } : p));
    await open(agreement({}, { items: [payment()] }), { handlers: { 'cases:get': () => ok({ record: incomplete, status: 'agreed', availableActions: [] }) } });
    const issue = within(checks()).getByRole('button', { name: /申请人李秀兰的基本情况不完整，缺少：联系方式/ });
    fireEvent.click(issue);
    expect(document.activeElement?.textContent).toContain('到案件中补充');
    fireEvent.click(document.activeElement!);
    expect(screen.getByTestId('route').textContent).toBe('case-edit');
    const partyId = incomplete.parties.find((p) => p.name === '李秀兰')!.id;
    expect(JSON.parse(screen.getByTestId('route').dataset.focus!)).toEqual({ partyId, fields: ['phone'] });
  });
});

describe('agreement editor: saving', () => {
  it('a save refused as CONFLICT stops the autosave, locks the form and offers 重新加载', async () => {
    const api = await open(agreement({}, { items: [payment()] }), {
      handlers: { 'agreements:save': () => ({ ok: false, error: { code: 'CONFLICT', message: '记录已被修改' } }) },
    });
    const breach = screen.getByRole('textbox', { name: '违约责任' });
    fireEvent.change(breach, { target: { value: '逾期付款的，按每日万分之五支付违约金。' } });
    const alert = await screen.findByText('调解协议已在别处被修改，本页的修改未能保存', {}, { timeout: 3000 });
    expect(screen.getByRole('status', { name: '保存状态' }).dataset.state).toBe('conflict');
    expect((screen.getByRole('textbox', { name: '违约责任' }) as HTMLTextAreaElement).readOnly).toBe(true);
    expect(api['agreements:get']).toHaveBeenCalledTimes(1);
    fireEvent.click(within(alert.closest('[role="alert"]') as HTMLElement).getByRole('button', { name: '重新加载' }));
    await waitFor(() => expect(api['agreements:get']).toHaveBeenCalledTimes(2));
    await waitFor(() => expect((screen.getByRole('textbox', { name: '违约责任' }) as HTMLTextAreaElement).value).toBe(''));
  });
});

describe('agreement editor: live preview', () => {
  it('renders the real PDF again after each save, keeps the last one on screen when a render fails', async () => {
    const answers: Result<DocumentPreview>[] = [ok({ title: 'x', pdfBase64: 'UERGLUE=' }), { ok: false, error: { code: 'INVALID_INPUT', message: '缺少：人民调解委员会名称' } }, ok({ title: 'x', pdfBase64: 'UERGLUI=' })];
    const api = await open(agreement({}, { items: [payment()] }), { handlers: { 'documents:preview': () => answers.shift()! } });
    await waitFor(() => expect(screen.getByTestId('agreement-preview').querySelector('[data-testid="pdf-viewer"]')!.getAttribute('data-pdf')).toBe('UERGLUE='));
    expect(api['documents:preview']).toHaveBeenCalledWith({ caseId: CASE_ID, template: 'agreement', subjectId: AGREEMENT_ID });

    fireEvent.change(screen.getByRole('textbox', { name: '违约责任' }), { target: { value: '逾期付款的，按每日万分之五支付违约金。' } });
    const alert = await screen.findByRole('alert', {}, { timeout: 5000 });
    expect(alert.textContent).toContain('预览暂时无法生成');
    expect(alert.textContent).toContain('缺少：人民调解委员会名称');
    expect(screen.getByTestId('agreement-preview').querySelector('[data-testid="pdf-viewer"]')!.getAttribute('data-pdf')).toBe('UERGLUE=');

    fireEvent.click(within(alert).getByRole('button', { name: '重新生成' }));
    await waitFor(() => expect(screen.getByTestId('agreement-preview').querySelector('[data-testid="pdf-viewer"]')!.getAttribute('data-pdf')).toBe('UERGLUI='));
    expect(screen.queryByText('预览暂时无法生成')).toBeNull();
  });
});

describe('agreement editor: review by role', () => {
  const inReview = () => agreement({ status: 'in_review', review: [{ type: 'submitted', at: '2026-11-25T01:00:00.000Z', by: MEDIATOR.id, comment: '' }] }, { items: [payment()] });

  it('a mediator submits but cannot review: no 审核通过 / 退回修改, a notice says who reviews', async () => {
    await open(inReview(), { staff: MEDIATOR });
    expect(screen.getByTestId('agreement-status').textContent).toBe('待审核');
    expect(screen.queryByRole('button', { name: '审核通过' })).toBeNull();
    expect(screen.queryByRole('button', { name: '退回修改' })).toBeNull();
    expect(screen.getByText(/等待法律顾问或中心负责人审核/)).toBeTruthy();
  });

  it('a legal advisor returns it with a required comment, or approves it; approved shows 进入签署', async () => {
    const api = await open(inReview(), {
      staff: ADVISOR,
      handlers: {
        'agreements:review': (input) => {
          const status = input.decision === 'approved' ? 'approved' : 'returned';
          return ok(viewOf({ ...inReview(), status, revision: input.revision + 1, review: [...inReview().review, { type: input.decision, at: '2026-11-25T03:00:00.000Z', by: ADVISOR.id, comment: input.comment }] }));
        },
      },
    });
    fireEvent.click(screen.getByRole('button', { name: '退回修改' }));
    const dialog = await screen.findByRole('dialog', { name: '退回修改' });
    fireEvent.click(within(dialog).getByRole('button', { name: '退回修改' }));
    expect(await within(dialog).findByText('退回修改须写明意见')).toBeTruthy();
    expect(api['agreements:review']).not.toHaveBeenCalled();

    fireEvent.change(within(dialog).getByLabelText(/退回意见/), { target: { value: '第二期期限请与申请人确认' } });
    fireEvent.click(within(dialog).getByRole('button', { name: '退回修改' }));
    await waitFor(() => expect(screen.getByTestId('agreement-status').textContent).toBe('退回修改'));
    expect(api['agreements:review']).toHaveBeenCalledWith({ caseId: CASE_ID, revision: 3, decision: 'returned', comment: '第二期期限请与申请人确认' });
    expect(screen.getByText('陈律退回修改：第二期期限请与申请人确认')).toBeTruthy();
    const history = screen.getByRole('region', { name: '审核记录' });
    expect(within(history).getByText('意见：第二期期限请与申请人确认')).toBeTruthy();
    expect((screen.getByRole('button', { name: '提交审核' }) as HTMLButtonElement).disabled).toBe(false);
  });

  it('四眼审核: the advisor who drafted it sees 审核通过 disabled with the reason, and may still return it', async () => {
    const mine = agreement({ status: 'in_review', createdBy: ADVISOR.id, review: [{ type: 'submitted', at: '2026-11-25T01:00:00.000Z', by: ADVISOR.id, comment: '' }] }, { items: [payment()] });
    await open(mine, { staff: ADVISOR });
    expect((screen.getByRole('button', { name: '审核通过' }) as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getByText('您起草了本协议，须由其他法律顾问审核通过（四眼审核）')).toBeTruthy();
    expect((screen.getByRole('button', { name: '退回修改' }) as HTMLButtonElement).disabled).toBe(false);
  });

  it('四眼审核: one who changed the text may not approve; with the setting off the drafter may', async () => {
    const edited = agreement({ status: 'in_review', editors: [ADVISOR.id], review: [{ type: 'submitted', at: '2026-11-25T01:00:00.000Z', by: MEDIATOR.id, comment: '' }] }, { items: [payment()] });
    await open(edited, { staff: ADVISOR });
    expect((screen.getByRole('button', { name: '审核通过' }) as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getByText('您修改过本协议，须由其他法律顾问审核通过（四眼审核）')).toBeTruthy();
    cleanup();
    const mine = agreement({ status: 'in_review', createdBy: ADVISOR.id }, { items: [payment()] });
    await open(mine, { staff: ADVISOR, handlers: { 'settings:get': () => ok({ ...defaultSettings('青山县矛盾纠纷调处化解中心', '青山县人民调解委员会', '青'), fourEyesReview: false }) } });
    await waitFor(() => expect((screen.getByRole('button', { name: '审核通过' }) as HTMLButtonElement).disabled).toBe(false));
    expect(screen.queryByText(/四眼审核/)).toBeNull();
  });

  it('approving shows the prominent 进入签署, which opens the signing page', async () => {
    const api = await open(inReview(), {
      staff: ADVISOR,
      handlers: { 'agreements:review': (input) => ok(viewOf({ ...inReview(), status: 'approved', revision: input.revision + 1 })) },
    });
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: '审核通过' }));
    });
    await waitFor(() => expect(screen.getByTestId('agreement-status').textContent).toBe('待签署'));
    expect(api['agreements:review']).toHaveBeenCalledWith({ caseId: CASE_ID, revision: 3, decision: 'approved', comment: '' });
    fireEvent.click(screen.getByRole('button', { name: '进入签署' }));
    expect(screen.getByTestId('route').textContent).toBe('agreement-signing');
  });

  it('a change after approval comes back as 草拟中: the banner says it must be reviewed again', async () => {
    let saved = 0;
    await open(agreement({ status: 'approved' }, { items: [payment()] }), {
      staff: ADVISOR,
      handlers: {
        'agreements:save': (input) => {
          saved += 1;
          return ok(viewOf(agreement({ status: 'draft', revision: input.revision + 1, review: [{ type: 'reopened', at: '2026-11-25T04:00:00.000Z', by: ADVISOR.id, comment: '审核后修改了协议内容，须重新审核' }] }, input.content)));
        },
      },
    });
    expect(screen.getByRole('button', { name: '进入签署' })).toBeTruthy();
    fireEvent.change(screen.getByRole('textbox', { name: '违约责任' }), { target: { value: '逾期付款的，按每日万分之五支付违约金。' } });
    await waitFor(() => expect(saved).toBe(1), { timeout: 3000 });
    await waitFor(() => expect(screen.getByTestId('agreement-reopened').textContent).toContain('陈律于'));
    expect(screen.getByTestId('agreement-status').textContent).toBe('草拟中');
    expect(screen.queryByRole('button', { name: '进入签署' })).toBeNull();
    expect((screen.getByRole('button', { name: '提交审核' }) as HTMLButtonElement).disabled).toBe(false);
  });
});
