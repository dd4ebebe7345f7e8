// @vitest-environment jsdom
import dayjs from 'dayjs';
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { CaseRecord } from '../../electron/shared/domain/case';
import { defaultSettings } from '../../electron/shared/domain/settings';
import type { CaseListItem, DeskQueue, RelatedCase, RelatedQuery } from '../../electron/shared/ipc/contract';
import { CaseDetailPage } from '../../renderer/src/features/cases/CaseDetailPage';
import { DeskPage } from '../../renderer/src/features/desk/DeskPage';
import { RegisterCasePage } from '../../renderer/src/features/intake/RegisterCasePage';
import { initialIntakeValues } from '../../renderer/src/features/intake/intake-form';
import { STAFF, TODAY, fakeWorkstation, renderScreen, stubBrowserApis } from './harness';

beforeAll(stubBrowserApis);
afterEach(cleanup);

const ok = <T,>(value: T) => ({ ok: true as const, value });

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
    riskLevel: 'low',
    complexity: 'simple',
    escalation: [],
    title: '张秀英与青山运输有限公司道路交通事故纠纷',
    applicants: ['张秀英'],
    respondents: ['青山运输有限公司'],
    mediatorIds: [],
    room: '',
    registeredAt: '2026-11-20T02:00:00.000Z',
    updatedAt: '2026-11-20T02:00:00.000Z',
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

const party = (title: string) => screen.getByText(title, { selector: '[id$="-title"] *' }).closest<HTMLElement>('[role="group"]')!;
const formReady = () => screen.findByText('申请人 1', { selector: '[id$="-title"] *' });
const DRAFTS = { 'drafts:save': () => ok({ savedAt: '2026-11-25T06:03:00.000Z' }), 'drafts:discard': () => ok(null) };

describe('关联案件 / 重复来访 while typing', () => {
  it('looks up a complete ID number and shows ID matches as strong, name-only matches as weaker', async () => {
    const strong: RelatedCase = { summary: item({ status: 'mediating' }), matches: ['id', 'name'] };
    const weak: RelatedCase = { summary: item({ id: '9a8b7c6d-2222-4333-8444-955566667777', caseNumber: '（2025）青调字第0417号', title: '张秀英与王强邻里纠纷', registeredAt: '2025-06-02T02:00:00.000Z' }), matches: ['name'] };
    let asked: RelatedQuery | undefined;
    const api = fakeWorkstation({
      ...DRAFTS,
      'drafts:get': () => ok(null),
      'cases:related': (query) => {
        asked = query;
        return ok([weak, strong]);
      },
    });
    renderScreen(<RegisterCasePage />, { route: { name: 'register' } });
    await formReady();
    const applicant = within(party('申请人 1'));
    // 17 characters are not an ID yet: nothing is looked up.
    fireEvent.change(applicant.getByLabelText(/证件号码/), { target: { value: '11010519491231002' } });
    fireEvent.change(applicant.getByLabelText(/证件号码/), { target: { value: '11010519491231002X' } });
    const panel = within(screen.getByRole('complementary', { name: '关联案件 / 重复来访' }));
    const strongItem = await panel.findByRole('button', { name: /打开案件 （2026）青调字第0001号/ });
    expect(api['cases:related']).toHaveBeenCalledTimes(1);
    expect(asked).toMatchObject({ idNumbers: ['11010519491231002X'], usccCodes: [], phones: [], names: [] });

    const weakItem = panel.getByRole('button', { name: /打开案件 （2025）青调字第0417号/ });
    expect(strongItem.getAttribute('data-strength')).toBe('strong');
    expect(weakItem.getAttribute('data-strength')).toBe('weak');
    expect(within(strongItem).getByText('证件号码一致')).toBeTruthy();
    expect(within(strongItem).getByText('调解中')).toBeTruthy();
    expect(within(weakItem).getByText('仅姓名相同')).toBeTruthy();
    // Strong first, whatever order the host answered in.
    expect(strongItem.compareDocumentPosition(weakItem) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    expect(panel.getByText('仅姓名相同，可能不是同一人')).toBeTruthy();

    // A name counts once the clerk leaves the field; it is sent with the ID.
    const name = applicant.getByLabelText(/姓名/);
    fireEvent.change(name, { target: { value: '张秀英' } });
    fireEvent.blur(name);
    await waitFor(() => expect(api['cases:related']).toHaveBeenCalledTimes(2));
    expect(asked).toMatchObject({ idNumbers: ['11010519491231002X'], names: ['张秀英'] });
  });
});

describe('登记草稿', () => {
  it('restores a saved draft with a banner, and 放弃草稿 starts again from a blank form', async () => {
    const values = initialIntakeValues();
    values.dispute.summary = '楼上住户深夜噪音。';
    values.parties[0]!.name = '陈伟';
    const savedAt = '2026-11-25T06:03:00.000Z';
    const api = fakeWorkstation({ ...DRAFTS, 'drafts:get': () => ok({ savedAt, data: { v: 1, values } }), 'cases:related': () => ok([]) });
    renderScreen(<RegisterCasePage />, { route: { name: 'register' } });
    expect(await screen.findByText(`已恢复未保存的登记草稿（保存于 ${dayjs(savedAt).format('HH:mm')}）`)).toBeTruthy();
    expect((within(party('申请人 1')).getByLabelText(/姓名/) as HTMLInputElement).value).toBe('陈伟');
    expect((screen.getByLabelText(/纠纷简要情况/) as HTMLTextAreaElement).value).toBe('楼上住户深夜噪音。');

    await act(async () => {
      fireEvent.click(screen.getByText('放弃草稿', { selector: 'button *' }));
    });
    await waitFor(() => expect(api['drafts:discard']).toHaveBeenCalledTimes(1));
    await waitFor(() => expect((within(party('申请人 1')).getByLabelText(/姓名/) as HTMLInputElement).value).toBe(''));
    expect(screen.queryByText(/已恢复未保存的登记草稿/)).toBeNull();
  });
});

function acceptRecord(): CaseRecord {
  return {
    schemaVersion: 3,
    id: '0b4c1a9e-1111-4222-8333-944455556666',
    caseNumber: '（2026）青调字第0001号',
    year: 2026,
    seq: 1,
    revision: 3,
    createdAt: '2026-11-25T06:03:00.000Z',
    updatedAt: '2026-11-25T06:03:00.000Z',
    dispute: { disputeType: '13', disputeSubType: '人身损害赔偿纠纷', source: 'application', summary: '交通事故赔偿争议。', occurredOn: '', occurredPlace: '', amount: '', peopleInvolved: 2, riskLevel: 'low', complexity: 'simple', escalation: [], applicationForm: 'written' },
    parties: [
      { id: 'a1a1a1a1-1111-4111-8111-111111111111', role: 'applicant', kind: 'person', name: '张秀英', phone: '13812345678', address: '', requests: '', gender: 'female', ethnicity: '汉族', birthDate: '1949-12-31', idType: 'resident_id', idNumber: '11010519491231002X', occupation: '', workUnit: '' },
      { id: 'b2b2b2b2-2222-4222-8222-222222222222', role: 'respondent', kind: 'organization', name: '青山运输有限公司', phone: '', address: '', requests: '', usccCode: '91350100M000100Y43', legalRepresentative: '陈国强', representativeTitle: '' },
    ],
    agents: [],
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
}

describe('受理决定', () => {
  const record = acceptRecord();

  it('prefills the deadline by the rule, rejects a past deadline at the field and sends nothing', async () => {
    const api = fakeWorkstation({
      'cases:get': () => ok({ record, status: 'registered', availableActions: ['DETAILS_UPDATED', 'ACCEPTED', 'REFUSED', 'TRANSFERRED'] }),
      'cases:audit': () => ok([]),
      'staff:list': () => ok([STAFF]),
      'staff:workload': () => ok([{ id: STAFF.id, name: STAFF.name, openCases: 3 }]),
      'settings:get': () => ok(defaultSettings('青山县矛盾纠纷调处化解中心', '青山县人民调解委员会', '青')),
    });
    renderScreen(<CaseDetailPage id={record.id} />, { route: { name: 'case', id: record.id } });
    const form = within(await screen.findByRole('form', { name: '受理' }));
    const due = form.getByLabelText(/调解期限/) as HTMLInputElement;
    expect(due.value).toBe('2026-12-25');
    expect(form.getByText('一般纠纷：自受理之日起30日，默认至 2026-12-25')).toBeTruthy();
    expect((form.getByLabelText('调解室', { selector: 'input' }) as HTMLInputElement).value).toBe('交通事故调解室');

    fireEvent.change(due, { target: { value: '2026-11-01' } });
    await act(async () => {
      fireEvent.click(form.getByText('受理', { selector: 'button *' }));
    });
    expect(await form.findByText('调解期限不能早于今天')).toBeTruthy();
    expect(due.getAttribute('aria-invalid')).toBe('true');
    expect(api['cases:accept']).not.toHaveBeenCalled();
  });
});

describe('受理决定 on a case changed meanwhile', () => {
  it('reloads the case and says so when the host answers CONFLICT', async () => {
    const registered = { ...acceptRecord(), revision: 3 };
    const api = fakeWorkstation({
      'cases:get': () => ok({ record: registered, status: 'registered', availableActions: ['ACCEPTED', 'REFUSED', 'TRANSFERRED'] }),
      'cases:audit': () => ok([]),
      'staff:list': () => ok([STAFF]),
      'staff:workload': () => ok([{ id: STAFF.id, name: STAFF.name, openCases: 0 }]),
      'settings:get': () => ok(defaultSettings('青山县矛盾纠纷调处化解中心', '青山县人民调解委员会', '青')),
      'cases:accept': () => ({ ok: false, error: { code: 'CONFLICT', message: '案件已被修改' } }),
    });
    renderScreen(<CaseDetailPage id={registered.id} />, { route: { name: 'case', id: registered.id } });
    const form = within(await screen.findByRole('form', { name: '受理' }));
    await act(async () => {
      fireEvent.click(form.getByText('受理', { selector: 'button *' }));
    });
    await waitFor(() => expect(api['cases:accept']).toHaveBeenCalledTimes(1));
    expect(api['cases:accept'].mock.calls[0]![0]).toMatchObject({ id: registered.id, revision: 3, room: '交通事故调解室', mediationDue: '2026-12-25', mediatorIds: [] });
    expect(await screen.findByText('案件已被其他人修改，已重新加载最新内容，请核对后再操作')).toBeTruthy();
    await waitFor(() => expect(api['cases:get']).toHaveBeenCalledTimes(2));
  });
});

describe('今日接待', () => {
  it('shows how long each visitor has waited, or how long the decision took, and escalated cases in red', async () => {
    const queue: DeskQueue = {
      today: TODAY,
      registeredToday: [
        { item: item({ id: '11111111-1111-4111-8111-111111111111', caseNumber: '（2026）青调字第0003号', escalation: ['criminal'] }), waitedMinutes: 25, waiting: true },
        { item: item({ id: '22222222-2222-4222-8222-222222222222', caseNumber: '（2026）青调字第0002号', status: 'mediating' }), waitedMinutes: 12, waiting: false },
      ],
      awaitingMediator: [{ item: item({ id: '33333333-3333-4333-8333-333333333333', caseNumber: '（2026）青调字第0001号', status: 'accepted', room: '交通事故调解室' }), waitedMinutes: 65, waiting: true }],
      reminders: [],
    };
    fakeWorkstation({ 'desk:today': () => ok(queue) });
    renderScreen(<DeskPage />, { route: { name: 'desk' } });
    const waiting = (await screen.findByText('（2026）青调字第0003号')).closest('tr')!;
    expect(within(waiting).getByText('已等待 25 分钟')).toBeTruthy();
    expect(waiting.getAttribute('data-escalated')).toBe('true');
    const decided = screen.getByText('（2026）青调字第0002号').closest('tr')!;
    expect(within(decided).getByText('用时 12 分钟')).toBeTruthy();
    expect(decided.hasAttribute('data-escalated')).toBe(false);
    const awaiting = within(screen.getByRole('table', { name: '待分派调解员' }));
    expect(awaiting.getByText('已等待 1 小时 5 分钟')).toBeTruthy();
    expect(awaiting.getByText('指派', { selector: 'button *' })).toBeTruthy();
  });
});
