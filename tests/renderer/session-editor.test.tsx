// @vitest-environment jsdom
import { loadBackup } from '../../renderer/src/features/sessions/editor/local-backup';
import type { ReactNode } from 'react';
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Attendee, SessionContent, SessionRecord } from '../../electron/shared/domain/session';
import { type SessionChanges, applySessionChanges } from '../../electron/shared/domain/session-changes';
import type { SessionView } from '../../electron/shared/ipc/contract';
import type { ApiErrorCode } from '../../electron/shared/ipc/result';
import { SessionEditorPage } from '../../renderer/src/features/sessions/editor/SessionEditorPage';
import { STAFF, fakeWorkstation, renderScreen, stubBrowserApis } from './harness';

vi.mock('../../renderer/src/components/PdfViewer', () => ({
  PdfViewer: ({ pdfBase64, label, actions }: { pdfBase64: string; label: string; actions?: ReactNode }) => (
    <div data-testid="pdf-viewer" data-pdf={pdfBase64} aria-label={label}>
      {actions}
    </div>
  ),
}));

beforeAll(() => {
  stubBrowserApis();
  window.HTMLElement.prototype.scrollIntoView = function scrollIntoView() {};
});
afterEach(() => {
  cleanup();
  window.localStorage.clear();
});

const ok = <T,>(value: T) => ({ ok: true as const, value });
const failure = (code: ApiErrorCode, message: string) => ({ ok: false as const, error: { code, message, issues: [] } });

const CASE_ID = '0b4c1a9e-1111-4222-8333-944455556666';
const SESSION_ID = 'c1c1c1c1-1111-4111-8111-111111111111';
const MEDIATOR = STAFF.id;

const person = (id: string, kind: Attendee['kind'], name: string, relation: string, presence: Attendee['presence'] = 'present'): Attendee => ({ id, kind, name, relation, presence, note: '' });

function session(over: Partial<SessionRecord> = {}): SessionRecord {
  return {
    schemaVersion: 1,
    id: SESSION_ID,
    caseId: CASE_ID,
    number: 1,
    kind: 'session',
    scheduledAt: '2026-11-25T01:00:00.000Z',
    place: '交通事故调解室',
    purpose: '调解交通事故赔偿纠纷',
    mediatorIds: [MEDIATOR],
    recorderId: MEDIATOR,
    subject: null,
    status: 'open',
    attendees: [person('p1', 'party', '张秀英', '申请人'), person('p2', 'party', '刘建华', '被申请人'), person(MEDIATOR, 'mediator', '王建国', '')],
    statements: [],
    startedAt: '2026-11-25T01:02:00.000Z',
    endedAt: null,
    outcome: null,
    revision: 3,
    createdAt: '2026-11-24T01:00:00.000Z',
    createdBy: MEDIATOR,
    updatedAt: '2026-11-25T01:02:00.000Z',
    ...over,
  };
}

/** What the host stored after each autosave (sessions:save-changes applied to its copy), in order. */
let saved: SessionContent[] = [];

/** The host's side of the autosave: each change set applied to its copy of the record, unless `fails` says otherwise. */
function savingHost(s: SessionRecord, fails: () => [ApiErrorCode, string] | null = () => null) {
  let copy: SessionContent = { attendees: s.attendees, statements: s.statements, composer: s.composer ?? null };
  saved = [];
  return (input: { revision: number; changes: SessionChanges }) => {
    const failed = fails();
    if (failed) return failure(...failed);
    copy = applySessionChanges(copy, input.changes);
    saved.push(copy);
    return ok({ revision: input.revision + 1, updatedAt: '2026-11-25T01:10:05.000Z' });
  };
}

const viewOf = (s: SessionRecord): SessionView => ({ session: s, caseNumber: '（2026）青调字第0001号', caseTitle: '张秀英与刘建华道路交通事故纠纷', caseStatus: 'mediating', attachments: [], editable: s.status === 'open' || s.status === 'scheduled' });

async function open(s: SessionRecord, handlers: Parameters<typeof fakeWorkstation>[0] = {}) {
  const api = fakeWorkstation({
    'sessions:get': () => ok(viewOf(s)),
    'sessions:save-changes': savingHost(s),
    'cases:get': () => failure('NOT_FOUND', 'not needed'),
    ...handlers,
  });
  renderScreen(<SessionEditorPage caseId={CASE_ID} sessionId={SESSION_ID} />, { route: { name: 'session', caseId: CASE_ID, sessionId: SESSION_ID } });
  await screen.findByRole('heading', { name: '第1次调解' });
  return api;
}

const composer = () => screen.getByRole('textbox', { name: '发言内容' }) as HTMLTextAreaElement;
const items = () => screen.getByRole('list', { name: '调解笔录' }).querySelectorAll('li[data-statement-id]');
const type = (text: string) => fireEvent.change(composer(), { target: { value: text } });
const press = (el: Element, init: KeyboardEventInit & { code?: string }) => fireEvent.keyDown(el, { key: '', code: '', ...init });

describe('session editor: typing the record', () => {
  it('Alt+digits choose the speaker (numbered as in the attendance), Enter commits, Shift+Enter does not, and the kind follows the speaker', async () => {
    await open(session());
    const chips = within(screen.getByRole('radiogroup', { name: '发言人' }));
    // 1 调解员王建国, 2 申请人张秀英, 3 被申请人刘建华
    expect(chips.getByRole('radio', { name: '调解员王建国' }).getAttribute('aria-keyshortcuts')).toBe('Alt+1');
    expect(chips.getByRole('radio', { name: '被申请人刘建华' }).getAttribute('aria-keyshortcuts')).toBe('Alt+3');
    expect(chips.getByRole('radio', { name: '调解员王建国' }).getAttribute('aria-checked')).toBe('true');

    type('请申请人陈述。');
    press(composer(), { key: 'Enter', shiftKey: true });
    expect(items()).toHaveLength(0);
    press(composer(), { key: 'Enter' });
    expect(items()).toHaveLength(1);
    expect(composer().value).toBe('');
    // The dialogue's next speaker is proposed: the party answers.
    expect(chips.getByRole('radio', { name: '申请人张秀英' }).getAttribute('aria-checked')).toBe('true');

    press(composer(), { key: '3', code: 'Digit3', altKey: true });
    expect(chips.getByRole('radio', { name: '被申请人刘建华' }).getAttribute('aria-checked')).toBe('true');
    type('我不同意。');
    press(composer(), { key: 'q', code: 'KeyQ', altKey: true });
    press(composer(), { key: 'j', code: 'KeyJ', altKey: true });
    press(composer(), { key: 'Enter' });

    const [first, second] = [...items()];
    expect(within(first as HTMLElement).getByText('调解员王建国')).toBeTruthy();
    expect(within(first as HTMLElement).getByText('问')).toBeTruthy();
    expect(within(second as HTMLElement).getByText('被申请人刘建华')).toBeTruthy();
    expect(within(second as HTMLElement).getByText('陈述')).toBeTruthy();
    expect(within(second as HTMLElement).getByText('争议焦点')).toBeTruthy();
  });

  it('autosaves after typing stops, with the revision it has, the draft included; the indicator says so', async () => {
    const api = await open(session());
    type('今天就赔偿问题进行调解');
    expect(screen.getByRole('status', { name: '保存状态' }).textContent).toContain('未保存的修改');
    await waitFor(() => expect(api['sessions:save-changes']).toHaveBeenCalledTimes(1), { timeout: 3000 });
    const input = api['sessions:save-changes'].mock.calls[0]![0];
    expect(input).toMatchObject({ caseId: CASE_ID, sessionId: SESSION_ID, revision: 3 });
    // Only what changed travels: here the draft, saved apart (composer): after a crash it is back in the composer.
    expect(input.changes).toEqual({ put: [], removed: [], composer: expect.objectContaining({ text: '今天就赔偿问题进行调解' }) });
    expect(saved[0]!.statements).toEqual([]);
    expect(saved[0]!.composer!.text).toBe('今天就赔偿问题进行调解');
    await waitFor(() => expect(screen.getByRole('status', { name: '保存状态' }).textContent).toMatch(/已保存 \d{2}:\d{2}:05/));

    // Committing the same statement saves it under the same id, with the next revision.
    press(composer(), { key: 'Enter' });
    await waitFor(() => expect(api['sessions:save-changes']).toHaveBeenCalledTimes(2), { timeout: 3000 });
    const second = api['sessions:save-changes'].mock.calls[1]![0];
    expect(second.revision).toBe(4);
    expect(saved[1]!.statements[0]!.id).toBe(saved[0]!.composer!.id);
    expect(saved[1]!.composer).toBeNull();
  });

  it('a conflict stops the autosave and offers, in Chinese, to copy the record and reload', async () => {
    await open(session(), { 'sessions:save-changes': () => failure('CONFLICT', '记录已被修改') });
    type('一段话');
    const alert = await screen.findByRole('alert', {}, { timeout: 3000 });
    expect(alert.textContent).toContain('记录已在别处被修改，本页的修改未能保存');
    expect(within(alert).getByRole('button', { name: '重新加载' })).toBeTruthy();
    expect(within(alert).getByRole('button', { name: '复制本页记录' })).toBeTruthy();
    expect(screen.getByRole('status', { name: '保存状态' }).textContent).toContain('保存冲突');
  });

  it('a failed save shows 保存失败 with 重试', async () => {
    let fail = true;
    const api = await open(session(), { 'sessions:save-changes': savingHost(session(), () => (fail ? ['INTERNAL', '无法连接到工作台服务'] : null)) });
    type('一段话');
    const status = screen.getByRole('status', { name: '保存状态' });
    await waitFor(() => expect(status.textContent).toContain('保存失败'), { timeout: 3000 });
    fail = false;
    await act(async () => {
      fireEvent.click(within(status).getByRole('button', { name: '重试' }));
    });
    await waitFor(() => expect(status.textContent).toMatch(/已保存/));
    expect(api['sessions:save-changes']).toHaveBeenCalledTimes(2);
  });

  it('edits a statement in place, splits it at the cursor (Alt+Enter) and merges it back (Backspace at its start)', async () => {
    const s = session({ statements: [{ id: '11111111-1111-4111-8111-111111111111', speakerId: 'p1', kind: 'answer', text: '第一句。第二句。', startedAt: '2026-11-25T01:03:00.000Z', marks: [], caucus: null }] });
    await open(s);
    const item = items()[0] as HTMLElement;
    act(() => item.focus());
    press(item, { key: 'Enter' });
    const edit = (await screen.findByRole('textbox', { name: '编辑第1条发言' })) as HTMLTextAreaElement;
    edit.setSelectionRange(4, 4);
    press(edit, { key: 'Enter', altKey: true });
    await waitFor(() => expect(items()).toHaveLength(2));
    expect([...items()].map((li) => li.querySelector('[data-part="text"]')?.textContent ?? (li.querySelector('textarea') as HTMLTextAreaElement | null)?.value)).toEqual(['第一句。', '第二句。']);
    const second = (await screen.findByRole('textbox', { name: '编辑第2条发言' })) as HTMLTextAreaElement;
    second.setSelectionRange(0, 0);
    press(second, { key: 'Backspace' });
    await waitFor(() => expect(items()).toHaveLength(1));
  });

  it('moves a statement with Alt+↓ and deletes it with Delete, with 撤销', async () => {
    const st = (n: number, text: string) => ({ id: `1111111${n}-1111-4111-8111-111111111111`, speakerId: 'p1', kind: 'answer' as const, text, startedAt: '2026-11-25T01:03:00.000Z', marks: [], caucus: null });
    await open(session({ statements: [st(1, '甲'), st(2, '乙')] }));
    const texts = () => [...items()].map((li) => li.querySelector('[data-part="text"]')?.textContent);
    press(items()[0]!, { key: 'ArrowDown', altKey: true });
    expect(texts()).toEqual(['乙', '甲']);
    press(items()[1]!, { key: 'Delete' });
    expect(texts()).toEqual(['乙']);
    fireEvent.click(screen.getByRole('button', { name: '撤销' }));
    expect(texts()).toEqual(['乙', '甲']);
  });

  it('caucus statements are marked and the composer says they are never printed', async () => {
    await open(session());
    press(composer(), { key: 'b', code: 'KeyB', altKey: true });
    expect(screen.getByText(/背对背（申请人一方）：此处记录的内容只存档，不会印入双方签字的调解记录/)).toBeTruthy();
    type('私下问一句');
    press(composer(), { key: 'Enter' });
    expect(within(items()[0] as HTMLElement).getByText('背对背（申请人一方）')).toBeTruthy();
    expect((items()[0] as HTMLElement).hasAttribute('data-caucus')).toBe(true);
  });
});

describe('session editor: the copy kept on this machine', () => {
  it('offers back what was typed but never stored (the host went away), and saves it', async () => {
    const typed = { id: '22222222-2222-4222-8222-222222222222', speakerId: 'p1', kind: 'answer' as const, text: '我最多只能接受三万元。', startedAt: '2026-11-25T01:20:00.000Z', marks: [], caucus: null };
    window.localStorage.setItem(`session-record-backup:${SESSION_ID}`, JSON.stringify({ revision: 3, content: { attendees: session().attendees, statements: [typed] }, at: '2026-11-25T01:20:30.000Z' }));
    const api = await open(session());
    expect(screen.getByText(/已恢复本页上次未能保存的内容（暂存于 \d{2}:\d{2}:30）/)).toBeTruthy();
    expect(items()).toHaveLength(1);
    await waitFor(() => expect(api['sessions:save-changes']).toHaveBeenCalledTimes(1), { timeout: 3000 });
    expect(saved[0]!.statements).toEqual([typed]);
    // Stored: the copy is gone.
    await waitFor(() => expect(window.localStorage.length).toBe(0));
  });

  it('does not offer a copy typed on an older revision (someone saved since)', async () => {
    window.localStorage.setItem(`session-record-backup:${SESSION_ID}`, JSON.stringify({ revision: 2, content: { attendees: session().attendees, statements: [] }, at: '2026-11-25T01:20:30.000Z' }));
    const api = await open(session({ statements: [{ id: '22222222-2222-4222-8222-222222222222', speakerId: 'p1', kind: 'answer', text: '别处保存的', startedAt: '2026-11-25T01:20:00.000Z', marks: [], caucus: null }] }));
    expect(screen.queryByText(/已恢复/)).toBeNull();
    expect(items()).toHaveLength(1);
    expect(api['sessions:save-changes']).not.toHaveBeenCalled();
  });
});

describe('session editor: attendance and ending', () => {
  it('a party marked 明确拒绝调解 raises the art. 17 alert and leaves only 调解不成 to choose', async () => {
    const api = await open(session(), {
      'sessions:close': (input) => ok({ ...viewOf(session({ ...input.content, status: 'closed', outcome: input.outcome, revision: 9 })), editable: false }),
    });
    const group = screen.getByRole('radiogroup', { name: '被申请人刘建华 到场情况' });
    fireEvent.click(within(group).getByRole('radio', { name: '拒绝调解' }));
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toContain('被申请人刘建华明确拒绝调解');
    expect(alert.textContent).toContain('第十七条');
    fireEvent.change(screen.getByRole('textbox', { name: '被申请人刘建华 当事人拒绝调解的表示' }), { target: { value: '表示要直接起诉' } });

    fireEvent.click(screen.getByRole('button', { name: '结束调解' }));
    const dialog = within(await screen.findByRole('dialog', { name: '结束调解' }));
    expect((dialog.getByRole('radio', { name: '继续调解' }) as HTMLButtonElement).disabled).toBe(true);
    expect(dialog.getByRole('radio', { name: '调解不成' }).getAttribute('aria-checked')).toBe('true');
    fireEvent.click(dialog.getByRole('button', { name: '结束调解' }));
    expect(dialog.getByText('请填写调解不成的原因')).toBeTruthy();
    fireEvent.change(dialog.getByRole('textbox', { name: /调解不成的原因/ }), { target: { value: '被申请人明确拒绝调解' } });
    fireEvent.click(dialog.getByRole('checkbox', { name: /已告知当事人可以依法通过仲裁、行政、司法等途径/ }));
    await act(async () => {
      fireEvent.click(dialog.getByRole('button', { name: '结束调解' }));
    });
    await waitFor(() => expect(api['sessions:close']).toHaveBeenCalledTimes(1));
    const input = api['sessions:close'].mock.calls[0]![0];
    expect(input.outcome).toEqual({ type: 'failed', reason: '被申请人明确拒绝调解', routesExplained: true, routes: '' });
    expect(input.content.attendees.find((a: Attendee) => a.id === 'p2')).toMatchObject({ presence: 'refused', note: '表示要直接起诉' });
    // Closed: read-only, the outcome shown.
    await screen.findByText('本次调解已结束');
    expect(screen.queryByRole('textbox', { name: '发言内容' })).toBeNull();
  });

  it('a scheduled session starts with 开始调解 (after saving attendance), naming the revision reached', async () => {
    const expected = session().attendees.map((a) => (a.kind === 'party' ? { ...a, presence: 'expected' as const } : a));
    const api = await open(session({ status: 'scheduled', startedAt: null, attendees: expected }), {
      'sessions:open': (input) => ok(viewOf(session({ revision: input.revision + 1 }))),
    });
    expect(screen.queryByRole('textbox', { name: '发言内容' })).toBeNull();
    expect(screen.getByText(/调解尚未开始/)).toBeTruthy();
    fireEvent.click(within(screen.getByRole('radiogroup', { name: '申请人张秀英 到场情况' })).getByRole('radio', { name: '到场' }));
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: '开始调解' }));
    });
    await waitFor(() => expect(api['sessions:open']).toHaveBeenCalledWith({ caseId: CASE_ID, sessionId: SESSION_ID, revision: 4 }));
    expect(api['sessions:save-changes']).toHaveBeenCalledTimes(1);
    expect(await screen.findByRole('textbox', { name: '发言内容' })).toBeTruthy();
  });

  it('adds an invited participant, numbered for Alt+N, and removes one who has not spoken', async () => {
    await open(session());
    fireEvent.click(screen.getByRole('button', { name: '添加参加人' }));
    fireEvent.change(screen.getByRole('textbox', { name: '参加人姓名' }), { target: { value: '王海' } });
    fireEvent.change(screen.getByRole('textbox', { name: '身份或关系' }), { target: { value: '城关交警中队民警' } });
    fireEvent.click(screen.getByRole('button', { name: '添加' }));
    const chip = within(screen.getByRole('radiogroup', { name: '发言人' })).getByRole('radio', { name: '参加人王海' });
    expect(chip.getAttribute('aria-keyshortcuts')).toBe('Alt+4');
    fireEvent.click(screen.getByRole('button', { name: '移除 参加人（城关交警中队民警）王海' }));
    expect(within(screen.getByRole('radiogroup', { name: '发言人' })).queryByRole('radio', { name: '参加人王海' })).toBeNull();
  });

  it('a closed session opens read-only with its outcome', async () => {
    await open(session({ status: 'closed', endedAt: '2026-11-25T02:30:00.000Z', outcome: { type: 'agreement', note: '赔偿32000元' }, statements: [{ id: '11111111-1111-4111-8111-111111111111', speakerId: 'p1', kind: 'answer', text: '同意。', startedAt: '2026-11-25T01:03:00.000Z', marks: [], caucus: null }] }));
    expect(screen.getByText('结果：达成协议')).toBeTruthy();
    expect(screen.queryByRole('textbox', { name: '发言内容' })).toBeNull();
    expect(screen.queryByRole('button', { name: '结束调解' })).toBeNull();
    expect(screen.queryByRole('radiogroup', { name: /到场情况/ })).toBeNull();
    expect((items()[0] as HTMLElement).getAttribute('tabindex')).toBe('0');
    expect(screen.queryByRole('button', { name: /附加证据材料/ })).toBeNull();
  });
});

describe('session editor: a host that cannot be reached', () => {
  it('says across the editor that the words are kept on this machine and not yet saved, keeps them there, and says when they are saved again', async () => {
    let down = true;
    const api = await open(session(), {
      'sessions:save-changes': savingHost(session(), () => (down ? ['HOST_UNREACHABLE', '无法连接到工作台服务，请确认调解工作台仍在运行'] : null)),
    });
    type('我最多只能赔两万元。');
    press(composer(), { key: 'Enter' });
    const banner = await screen.findByTestId('save-banner', {}, { timeout: 3000 });
    expect(banner.getAttribute('role')).toBe('alert');
    expect(banner.textContent).toContain('记录尚未存入工作台');
    expect(banner.textContent).toContain('已输入的内容暂存在本机，不会丢失');
    // The copy on this machine holds the statement.
    // Kept on this machine, sealed: not in clear in the tab's storage, and read back with the person's key.
    await waitFor(() => expect(window.localStorage.getItem(`session-record-backup:${SESSION_ID}`)).not.toBeNull(), { timeout: 3000 });
    expect(window.localStorage.getItem(`session-record-backup:${SESSION_ID}`)).not.toContain('我最多只能赔两万元');
    await waitFor(async () => expect(JSON.stringify(await loadBackup(window.localStorage, SESSION_ID))).toContain('我最多只能赔两万元。'), { timeout: 3000 });
    // Typing on while it is down: the banner stays.
    type('继续记录');
    expect(screen.getByTestId('save-banner').textContent).toContain('记录尚未存入工作台');

    down = false;
    await act(async () => {
      fireEvent.click(within(screen.getByTestId('save-banner')).getByRole('button', { name: '立即重试' }));
    });
    await waitFor(() => expect(screen.getByTestId('save-banner').textContent).toMatch(/已重新保存到工作台（\d{2}:\d{2}:05）/));
    expect(screen.getByTestId('save-banner').getAttribute('role')).toBe('status');
    expect(api['sessions:save-changes']).toHaveBeenCalled();
    expect(saved.at(-1)!.statements.map((s) => s.text)).toEqual(['我最多只能赔两万元。']);
    expect(saved.at(-1)!.composer!.text).toBe('继续记录');
    await waitFor(() => expect(window.localStorage.getItem(`session-record-backup:${SESSION_ID}`)).toBeNull());
  });
});

describe('session editor: a statement left half-typed', () => {
  it('comes back in the composer (not as a finished statement) with its speaker, and Enter commits it under its id', async () => {
    const half = { id: '33333333-3333-4333-8333-333333333333', speakerId: 'p2', kind: 'answer' as const, text: '双方的分歧主要在误工', startedAt: '2026-11-25T01:20:00.000Z', marks: [], caucus: null };
    const api = await open(session({ composer: half }));
    expect(items()).toHaveLength(0);
    expect(composer().value).toBe('双方的分歧主要在误工');
    expect(within(screen.getByRole('radiogroup', { name: '发言人' })).getByRole('radio', { name: '被申请人刘建华' }).getAttribute('aria-checked')).toBe('true');
    expect(screen.getByText('上次未记入的发言已放回输入框，检查后按 Enter 记入笔录。')).toBeTruthy();
    type('双方的分歧主要在误工费。');
    press(composer(), { key: 'Enter' });
    expect(items()).toHaveLength(1);
    expect(screen.queryByText(/上次未记入的发言/)).toBeNull();
    await waitFor(() => expect(api['sessions:save-changes']).toHaveBeenCalled(), { timeout: 3000 });
    const last = saved.at(-1)!;
    expect(last.statements.map((s) => [s.id, s.text])).toEqual([[half.id, '双方的分歧主要在误工费。']]);
    expect(last.composer).toBeNull();
  });
});
