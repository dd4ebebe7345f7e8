// @vitest-environment jsdom
import type { ReactNode } from 'react';
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { CaseRecord } from '../../electron/shared/domain/case';
import type { CaseStatus } from '../../electron/shared/domain/case-actions';
import type { DocumentVersion } from '../../electron/shared/domain/document';
import type { SessionRecord, SessionSummary } from '../../electron/shared/domain/session';
import { defaultSettings } from '../../electron/shared/domain/settings';
import type { Staff } from '../../electron/shared/domain/staff';
import type { SessionView } from '../../electron/shared/ipc/contract';
import type { ApiErrorCode } from '../../electron/shared/ipc/result';
import type { ValidationIssue } from '../../electron/shared/validation/issue';
import { useRouter } from '../../renderer/src/app/router';
import { CaseTimeline } from '../../renderer/src/features/cases/components/CaseTimeline';
import { SessionsSection } from '../../renderer/src/features/sessions/list/SessionsSection';
import { STAFF, fakeWorkstation, renderScreen, stubBrowserApis, testCaseRecord } from './harness';

// pdf.js cannot draw in jsdom: the viewer is replaced by a stand-in that shows which PDF it was given.
vi.mock('../../renderer/src/components/PdfViewer', () => ({
  PdfViewer: ({ pdfBase64, label, actions }: { pdfBase64: string; label: string; actions?: ReactNode }) => (
    <div data-testid="pdf-viewer" data-pdf={pdfBase64} aria-label={label}>
      {actions}
    </div>
  ),
}));

beforeAll(() => {
  stubBrowserApis();
  URL.createObjectURL = vi.fn(() => 'blob:test');
  URL.revokeObjectURL = vi.fn();
});
afterEach(cleanup);

const ok = <T,>(value: T) => ({ ok: true as const, value });
const failure = (code: ApiErrorCode, message: string, issues: ValidationIssue[] = []) => ({ ok: false as const, error: { code, message, issues } });

const CASE_ID = '0b4c1a9e-1111-4222-8333-944455556666';
const LI: Staff = { id: '7a2d3c0f-4e5b-4c6d-9e8f-0a1b2c3d4e5f', name: '李娜', loginName: 'lina', roles: ['mediator'], active: true, createdAt: '2026-11-01T01:00:00.000Z' };
const WANG: Staff = { id: '8b3e4d1a-5f6c-4d7e-8f90-1a2b3c4d5e6f', name: '王志强', loginName: 'wangzq', roles: ['mediator'], active: true, createdAt: '2026-11-01T01:00:00.000Z' };
const GONE: Staff = { id: '9c4f5e2b-6a7d-4e8f-9a01-2b3c4d5e6f70', name: '赵退休', loginName: 'zhaotx', roles: ['mediator'], active: false, createdAt: '2026-11-01T01:00:00.000Z' };
const STAFF_LIST = [STAFF, LI, WANG, GONE];
const staffName = (id: string) => STAFF_LIST.find((s) => s.id === id)?.name ?? '未知';
const APPLICANT_ID = 'a1a1a1a1-1111-4111-8111-111111111111';
const RESPONDENT_ID = 'b2b2b2b2-2222-4222-8222-222222222222';

const S1 = 'c1c1c1c1-1111-4111-8111-111111111111';
const S2 = 'c2c2c2c2-2222-4222-8222-222222222222';
const INV1 = 'c3c3c3c3-3333-4333-8333-333333333333';
const S_CANCELLED = 'c4c4c4c4-4444-4444-8444-444444444444';

function summary(over: Partial<SessionSummary> & Pick<SessionSummary, 'id' | 'kind' | 'number' | 'status' | 'scheduledAt'>): SessionSummary {
  return { place: '交通事故调解室', mediatorIds: [LI.id, WANG.id], startedAt: null, endedAt: null, outcome: null, subjectLabel: '', ...over };
}

/** 第1次调解 held (继续调解), 第1次调查 held, 第2次调解 ahead, a cancelled one; listed in the order scheduled. */
const SESSIONS: SessionSummary[] = [
  summary({ id: S1, kind: 'session', number: 1, status: 'closed', scheduledAt: '2026-11-20T01:00:00.000Z', startedAt: '2026-11-20T01:02:00.000Z', endedAt: '2026-11-20T02:30:00.000Z', outcome: 'continue' }),
  summary({ id: S2, kind: 'session', number: 2, status: 'scheduled', scheduledAt: '2026-11-28T01:00:00.000Z' }),
  summary({ id: INV1, kind: 'investigation', number: 1, status: 'closed', scheduledAt: '2026-11-19T02:00:00.000Z', startedAt: '2026-11-19T02:04:00.000Z', endedAt: '2026-11-19T02:48:00.000Z', place: '事故路口', mediatorIds: [WANG.id], subjectLabel: '证人王五' }),
  summary({ id: S_CANCELLED, kind: 'session', number: 3, status: 'cancelled', scheduledAt: '2026-11-22T01:00:00.000Z' }),
];

function record(over: Partial<CaseRecord> = {}): CaseRecord {
  return testCaseRecord({
    id: CASE_ID,
    revision: 7,
    createdAt: '2026-11-16T01:12:00.000Z',
    updatedAt: '2026-11-20T02:30:00.000Z',
    parties: [
      { id: APPLICANT_ID, role: 'applicant', kind: 'person', name: '张秀英', phone: '', address: '', requests: '', gender: 'female', ethnicity: '汉族', birthDate: '1949-12-31', idType: 'resident_id', idNumber: '11010519491231002X', occupation: '', workUnit: '' },
      { id: RESPONDENT_ID, role: 'respondent', kind: 'person', name: '李明', phone: '', address: '', requests: '', gender: 'male', ethnicity: '汉族', birthDate: '1990-03-07', idType: 'resident_id', idNumber: '110101199003070011', occupation: '', workUnit: '' },
    ],
    assignment: { mediatorIds: [LI.id, GONE.id], room: '交通事故调解室' },
    deadlines: { mediationDue: '2026-12-16', transferReplyDue: null },
    sessions: SESSIONS,
    ...over,
  });
}

function sessionRecord(over: Partial<SessionRecord> = {}): SessionRecord {
  return {
    schemaVersion: 1,
    id: S2,
    caseId: CASE_ID,
    number: 2,
    kind: 'session',
    scheduledAt: '2026-11-28T01:00:00.000Z',
    place: '交通事故调解室',
    purpose: '调解张秀英与李明道路交通事故纠纷',
    mediatorIds: [LI.id, WANG.id],
    recorderId: STAFF.id,
    subject: null,
    status: 'scheduled',
    attendees: [],
    statements: [],
    startedAt: null,
    endedAt: null,
    outcome: null,
    revision: 4,
    createdAt: '2026-11-20T02:30:00.000Z',
    createdBy: STAFF.id,
    updatedAt: '2026-11-20T02:30:00.000Z',
    ...over,
  };
}

const view = (session: SessionRecord): SessionView => ({ session, caseNumber: '（2026）青调字第0001号', caseTitle: '张秀英与李明道路交通事故纠纷', caseStatus: 'mediating', attachments: [], editable: true });

function RouteProbe() {
  const { route } = useRouter();
  return <output data-testid="route">{JSON.stringify(route)}</output>;
}

const renderSection = (r: CaseRecord, status: CaseStatus = 'mediating') =>
  renderScreen(
    <>
      <SessionsSection record={r} status={status} caseTitle="张秀英与李明道路交通事故纠纷" staffName={staffName} />
      <RouteProbe />
    </>,
    { route: { name: 'case', id: r.id } },
  );

const baseApi = { 'settings:get': () => ok(defaultSettings('青山县矛盾纠纷调处化解中心', '青山县人民调解委员会', '青')), 'staff:list': () => ok(STAFF_LIST) };

const rows = () => within(screen.getByRole('list', { name: '调解与调查' })).getAllByRole('listitem');
const row = (name: string) => screen.getByRole('listitem', { name });

describe('调解与调查: the list', () => {
  it('lists sessions and investigations in time order with status, outcome, time, place and people; actions fit each status', async () => {
    fakeWorkstation(baseApi);
    renderSection(record());
    // Time order: the investigation of 19 Nov, the session of 20 Nov, the cancelled one of 22 Nov, the one ahead.
    expect(rows().map((li) => li.getAttribute('aria-labelledby') && within(li).getAllByText(/^第\d次(调解|调查)$/)[0]!.textContent)).toEqual(['第1次调查', '第1次调解', '第3次调解', '第2次调解']);

    const held = within(row('第1次调解'));
    expect(held.getByText('已结束')).toBeTruthy();
    expect(held.getByText('继续调解')).toBeTruthy();
    // China time, the time it ran: 9:02–10:30.
    expect(held.getByText('2026年11月20日 9:02–10:30 · 交通事故调解室')).toBeTruthy();
    expect(held.getByText('调解员 李娜、王志强')).toBeTruthy();
    expect(held.getByRole('button', { name: '打印记录' })).toBeTruthy();
    expect(held.queryByRole('button', { name: '修改安排' })).toBeNull();

    const investigation = within(row('第1次调查'));
    expect(investigation.getByText('调查人 王志强 · 被调查人：证人王五')).toBeTruthy();

    const ahead = within(row('第2次调解'));
    expect(ahead.getByText('已安排')).toBeTruthy();
    expect(ahead.getByText('2026年11月28日 9:00 · 交通事故调解室')).toBeTruthy();
    expect(ahead.getByRole('button', { name: '修改安排' })).toBeTruthy();
    expect(ahead.getByRole('button', { name: '取消安排' })).toBeTruthy();
    expect(ahead.queryByRole('button', { name: '打印记录' })).toBeNull();

    const cancelled = within(row('第3次调解'));
    expect(cancelled.getByText('已取消')).toBeTruthy();
    expect(cancelled.queryByRole('button')).toBeNull();
  });

  it('进入记录 opens the session editor route', async () => {
    fakeWorkstation(baseApi);
    renderSection(record());
    fireEvent.click(within(row('第2次调解')).getByRole('button', { name: '进入记录' }));
    expect(JSON.parse(screen.getByTestId('route').textContent!)).toEqual({ name: 'session', caseId: CASE_ID, sessionId: S2 });
  });

  it('says why sessions cannot be scheduled before a mediator is assigned, and still allows an investigation', async () => {
    fakeWorkstation(baseApi);
    renderSection(record({ sessions: [], assignment: null }), 'accepted');
    expect((screen.getByRole('button', { name: '安排调解' }) as HTMLButtonElement).disabled).toBe(true);
    expect((screen.getByRole('button', { name: '安排调查' }) as HTMLButtonElement).disabled).toBe(false);
    expect(screen.getByText(/案件尚未指派调解员/)).toBeTruthy();
    expect(screen.getByText('尚未安排调解或调查')).toBeTruthy();
  });

  it('offers nothing to schedule once the case ended', async () => {
    fakeWorkstation(baseApi);
    renderSection(record(), 'agreed');
    expect((screen.getByRole('button', { name: '安排调解' }) as HTMLButtonElement).disabled).toBe(true);
    expect((screen.getByRole('button', { name: '安排调查' }) as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getByText('案件已达成协议，不能再安排调解或调查。')).toBeTruthy();
  });
});

describe('安排调解', () => {
  it('defaults to the case room, its active mediators and the signed-in recorder, and sends the plan in China time', async () => {
    const scheduled = sessionRecord({ id: 'c5c5c5c5-5555-4555-8555-555555555555', number: 4, scheduledAt: '2026-11-27T01:30:00.000Z' });
    const api = fakeWorkstation({ ...baseApi, 'sessions:schedule': () => ok(view(scheduled)) });
    renderSection(record());
    fireEvent.click(screen.getByRole('button', { name: '安排调解' }));
    const dialog = within(await screen.findByRole('dialog'));
    await dialog.findByLabelText(/时间/);
    expect((dialog.getByLabelText(/日期/) as HTMLInputElement).value).toBe('2026-11-25');
    expect((dialog.getByRole('combobox', { name: /地点/ }) as HTMLInputElement).value).toBe('交通事故调解室');
    // 赵退休 left: not offered, not defaulted.
    const pills = [...screen.getByRole('dialog').querySelectorAll('.mantine-Pill-label')].map((p) => p.textContent);
    expect(pills).toEqual(['李娜']);
    expect(dialog.queryByText('赵退休')).toBeNull();
    expect((dialog.getByRole('combobox', { name: /记录人/ }) as HTMLInputElement).value).toBe(STAFF.name);
    expect((dialog.getByLabelText('事由') as HTMLInputElement).placeholder).toBe('不填写时为：调解张秀英与李明道路交通事故纠纷');

    fireEvent.change(dialog.getByLabelText(/日期/), { target: { value: '2026-11-27' } });
    fireEvent.blur(dialog.getByLabelText(/日期/));
    fireEvent.change(dialog.getByLabelText(/时间/), { target: { value: '09:30' } });
    await act(async () => {
      fireEvent.click(dialog.getByRole('button', { name: '安排' }));
    });
    await waitFor(() => expect(api['sessions:schedule']).toHaveBeenCalledTimes(1));
    expect(api['sessions:schedule'].mock.calls[0]![0]).toEqual({
      caseId: CASE_ID,
      plan: { kind: 'session', scheduledAt: '2026-11-27T09:30:00+08:00', place: '交通事故调解室', purpose: '', mediatorIds: [LI.id], recorderId: STAFF.id, subject: null },
    });
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  });

  it('asks for the time before sending, and shows the host refusing a mediator at the field', async () => {
    const api = fakeWorkstation({
      ...baseApi,
      'sessions:schedule': () => failure('INVALID_INPUT', '所选调解员不存在或不具有调解员岗位', [{ code: 'INVALID_VALUE', path: ['plan', 'mediatorIds'], message: '所选调解员不存在或不具有调解员岗位' }]),
    });
    renderSection(record());
    fireEvent.click(screen.getByRole('button', { name: '安排调解' }));
    const dialog = within(await screen.findByRole('dialog'));
    await dialog.findByLabelText(/时间/);
    await act(async () => {
      fireEvent.click(dialog.getByRole('button', { name: '安排' }));
    });
    expect(await dialog.findByText('请填写时间')).toBeTruthy();
    expect(api['sessions:schedule']).not.toHaveBeenCalled();

    fireEvent.change(dialog.getByLabelText(/时间/), { target: { value: '14:00' } });
    await act(async () => {
      fireEvent.click(dialog.getByRole('button', { name: '安排' }));
    });
    await waitFor(() => expect(api['sessions:schedule']).toHaveBeenCalledTimes(1));
    const mediators = dialog.getByRole('combobox', { name: /调解员/ });
    expect(await dialog.findByText('所选调解员不存在或不具有调解员岗位')).toBeTruthy();
    expect(mediators.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByRole('dialog')).toBeTruthy();
  });
});

describe('安排调查', () => {
  it('interviews another person: name, relation and contact go into the plan as a witness; the place may be typed', async () => {
    const api = fakeWorkstation({ ...baseApi, 'sessions:schedule': () => ok(view(sessionRecord({ kind: 'investigation', number: 2 }))) });
    renderSection(record());
    fireEvent.click(screen.getByRole('button', { name: '安排调查' }));
    const dialog = within(await screen.findByRole('dialog'));
    await dialog.findByLabelText(/时间/);
    expect(dialog.getByText('调查人')).toBeTruthy();
    fireEvent.change(dialog.getByLabelText(/时间/), { target: { value: '10:00' } });
    fireEvent.change(dialog.getByRole('combobox', { name: /地点/ }), { target: { value: '事故路口' } });
    fireEvent.click(dialog.getByLabelText('其他人员'));
    fireEvent.change(await dialog.findByLabelText(/姓名/), { target: { value: '王五' } });
    fireEvent.change(dialog.getByLabelText(/与纠纷的关系/), { target: { value: '事故目击者' } });
    fireEvent.change(dialog.getByLabelText('联系电话'), { target: { value: '13605791234' } });
    await act(async () => {
      fireEvent.click(dialog.getByRole('button', { name: '安排' }));
    });
    await waitFor(() => expect(api['sessions:schedule']).toHaveBeenCalledTimes(1));
    expect(api['sessions:schedule'].mock.calls[0]![0]).toMatchObject({
      plan: { kind: 'investigation', scheduledAt: '2026-11-25T10:00:00+08:00', place: '事故路口', subject: { kind: 'witness', name: '王五', relation: '事故目击者', idNumber: '', phone: '13605791234', address: '' } },
    });
  });

  it('interviewing a party needs the party chosen', async () => {
    const api = fakeWorkstation(baseApi);
    renderSection(record());
    fireEvent.click(screen.getByRole('button', { name: '安排调查' }));
    const dialog = within(await screen.findByRole('dialog'));
    await dialog.findByLabelText(/时间/);
    fireEvent.change(dialog.getByLabelText(/时间/), { target: { value: '10:00' } });
    fireEvent.change(dialog.getByRole('combobox', { name: /地点/ }), { target: { value: '第一调解室' } });
    await act(async () => {
      fireEvent.click(dialog.getByRole('button', { name: '安排' }));
    });
    expect(await dialog.findByText('请选择被调查的当事人')).toBeTruthy();
    expect(api['sessions:schedule']).not.toHaveBeenCalled();
  });
});

describe('修改安排 and 取消安排', () => {
  it('修改安排 reads the session, shows its plan and saves with its revision', async () => {
    const api = fakeWorkstation({ ...baseApi, 'sessions:get': () => ok(view(sessionRecord())), 'sessions:update-plan': () => ok(view(sessionRecord({ revision: 5 }))) });
    renderSection(record());
    await act(async () => {
      fireEvent.click(within(row('第2次调解')).getByRole('button', { name: '修改安排' }));
    });
    const dialog = within(await screen.findByRole('dialog', { name: '修改第2次调解的安排' }));
    await dialog.findByLabelText(/时间/);
    expect((dialog.getByLabelText(/日期/) as HTMLInputElement).value).toBe('2026-11-28');
    expect((dialog.getByLabelText(/时间/) as HTMLInputElement).value).toBe('09:00');
    fireEvent.change(dialog.getByLabelText(/时间/), { target: { value: '15:00' } });
    await act(async () => {
      fireEvent.click(dialog.getByRole('button', { name: '保存' }));
    });
    await waitFor(() => expect(api['sessions:update-plan']).toHaveBeenCalledTimes(1));
    expect(api['sessions:update-plan'].mock.calls[0]![0]).toEqual({
      caseId: CASE_ID,
      sessionId: S2,
      revision: 4,
      plan: { kind: 'session', scheduledAt: '2026-11-28T15:00:00+08:00', place: '交通事故调解室', purpose: '调解张秀英与李明道路交通事故纠纷', mediatorIds: [LI.id, WANG.id], recorderId: STAFF.id, subject: null },
    });
  });

  it('取消安排 asks for the reason, then cancels with the revision read from the session', async () => {
    const api = fakeWorkstation({ ...baseApi, 'sessions:get': () => ok(view(sessionRecord())), 'sessions:cancel': () => ok(view(sessionRecord({ status: 'cancelled', revision: 5 }))) });
    renderSection(record());
    fireEvent.click(within(row('第2次调解')).getByRole('button', { name: '取消安排' }));
    const dialog = within(await screen.findByRole('dialog', { name: '取消第2次调解' }));
    expect(dialog.getByText('第2次调解原定于2026年11月28日 9:00。取消后不能恢复，如需要可重新安排。')).toBeTruthy();
    await act(async () => {
      fireEvent.click(dialog.getByRole('button', { name: '确认取消' }));
    });
    expect(await dialog.findByText('请填写取消原因')).toBeTruthy();
    expect(api['sessions:cancel']).not.toHaveBeenCalled();
    fireEvent.change(dialog.getByLabelText(/取消原因/), { target: { value: '被申请人因病请假' } });
    await act(async () => {
      fireEvent.click(dialog.getByRole('button', { name: '确认取消' }));
    });
    await waitFor(() => expect(api['sessions:cancel']).toHaveBeenCalledWith({ caseId: CASE_ID, sessionId: S2, revision: 4, reason: '被申请人因病请假' }));
  });
});

describe('打印记录', () => {
  const issued = (createdAt: string, version: number): DocumentVersion => ({
    id: `e5e5e5e5-5555-4555-8555-55555555555${version}`,
    caseId: CASE_ID,
    template: 'session-record',
    templateVersion: 1,
    version,
    subjectId: S1,
    title: '人民调解记录（第1次调解）',
    createdAt,
    createdBy: STAFF.id,
    files: [{ format: 'pdf', file: `session-record-v${version}.pdf`, sha256: 'a'.repeat(64) }],
    data: { file: `session-record-v${version}.json`, sha256: 'b'.repeat(64) },
  });

  it('previews the record of that session (subjectId) when none was issued since it ended, and issues it from the viewer', async () => {
    const api = fakeWorkstation({ ...baseApi, 'documents:preview': () => ok({ title: '人民调解记录', pdfBase64: 'UFJFVklFVw==' }), 'documents:issue': () => ok({ document: issued('2026-11-25T03:00:00.000Z', 1), pdfBase64: 'SVNTVUVE', intact: true }) });
    renderSection(record());
    await act(async () => {
      fireEvent.click(within(row('第1次调解')).getByRole('button', { name: '打印记录' }));
    });
    expect(api['documents:preview']).toHaveBeenCalledWith({ caseId: CASE_ID, template: 'session-record', subjectId: S1 });
    const dialog = within(await screen.findByRole('dialog'));
    expect(dialog.getByText('第1次调解')).toBeTruthy();
    await act(async () => {
      fireEvent.click(await dialog.findByRole('button', { name: '出具' }));
    });
    expect(api['documents:issue']).toHaveBeenCalledWith({ caseId: CASE_ID, template: 'session-record', subjectId: S1 });
  });

  it('opens the version issued after the session ended, ready to print', async () => {
    const api = fakeWorkstation({ ...baseApi, 'documents:read': () => ok({ document: issued('2026-11-20T02:40:00.000Z', 1), pdfBase64: 'SVNTVUVE', intact: true }) });
    renderSection(record({ documents: [issued('2026-11-20T02:40:00.000Z', 1)] }));
    await act(async () => {
      fireEvent.click(within(row('第1次调解')).getByRole('button', { name: '打印记录' }));
    });
    expect(api['documents:read']).toHaveBeenCalledWith({ caseId: CASE_ID, documentId: 'e5e5e5e5-5555-4555-8555-555555555551' });
    expect(api['documents:preview']).not.toHaveBeenCalled();
    const dialog = within(await screen.findByRole('dialog'));
    expect(await dialog.findByRole('button', { name: /打印/ })).toBeTruthy();
  });
});

describe('办理经过', () => {
  it('merges the history, sessions (upcoming last), records issued and material added', () => {
    const r = record({
      actions: [
        { id: 'd4d4d4d4-4444-4444-8444-444444444441', type: 'REGISTERED', at: '2026-11-16T01:12:00.000Z', by: STAFF.id, note: '' },
        { id: 'd4d4d4d4-4444-4444-8444-444444444442', type: 'ACCEPTED', at: '2026-11-16T01:30:00.000Z', by: STAFF.id, note: '材料齐全，予以受理' },
        { id: 'd4d4d4d4-4444-4444-8444-444444444443', type: 'SESSION_RECORDED', at: '2026-11-20T02:30:00.000Z', by: LI.id, note: '第1次调解：继续调解；下次调解时间2026年11月28日9时00分' },
      ],
      documents: [
        {
          id: 'e5e5e5e5-5555-4555-8555-555555555551',
          caseId: CASE_ID,
          template: 'session-record',
          templateVersion: 1,
          version: 2,
          subjectId: S1,
          title: '人民调解记录（第1次调解）',
          createdAt: '2026-11-20T02:40:00.000Z',
          createdBy: STAFF.id,
          files: [],
          data: { file: 'x.json', sha256: 'b'.repeat(64) },
        },
      ],
      attachments: [{ id: 'f6f6f6f6-6666-4666-8666-666666666666', file: 'f6f6f6f6-6666-4666-8666-666666666666.png', sha256: 'c'.repeat(64), size: 2048, mimeType: 'image/png', category: 'evidence', label: '事故现场照片', sessionId: S1, statementId: null, documentId: null, addedAt: '2026-11-20T01:40:00.000Z', addedBy: LI.id }],
    });
    const { container } = renderScreen(<CaseTimeline record={r} staffName={staffName} now="2026-11-25T00:00:00.000Z" />, { route: { name: 'case', id: r.id } });
    const titles = [...container.querySelectorAll('.mantine-Timeline-itemTitle')].map((n) => n.textContent);
    // Sessions with their outcome or state; the record names its session on the line below.
    expect(titles).toEqual(['登记', '受理', '第1次调查', '第1次调解继续调解', '添加材料“事故现场照片”', '出具《人民调解记录》第2版', '第3次调解已取消', '第2次调解已安排']);
    expect(screen.getByText(/待进行 · 安排于 2026年11月28日 9:00/)).toBeTruthy();
    expect(screen.getByText('证据材料 · 附于第1次调解')).toBeTruthy();
    // The SESSION_RECORDED step is the session itself, not listed twice: what its note adds shows under the session.
    expect(screen.queryByText(/第1次调解：继续调解/)).toBeNull();
    expect(screen.getByText('下次调解时间2026年11月28日9时00分')).toBeTruthy();
  });
});
