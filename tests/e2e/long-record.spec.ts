import type { Staff } from '../../electron/shared/domain/staff';
import type { SessionView } from '../../electron/shared/ipc/contract';
import { roadTrafficCaseInput } from '../fixtures/cases';
import { expect, test } from './fixtures';
import { AgreementsPage, chinaDate } from './pages/agreements';
import { SessionsPage } from './pages/sessions';

/** How long the seeded hearing is: past what fits on a screen many times over. */
const N = 600;
const said = (i: number) => `第${i + 1}段发言：双方就赔偿数额和支付方式继续协商，调解员逐项核对票据。`;

test('a long hearing (600 statements) opens at its end with only a window of it in the page, and the keyboard, editing in place, moving and the autosave still reach every statement', async ({ page, server }) => {
  test.setTimeout(240_000);
  const s = new SessionsPage(page, server);
  await s.app.open();
  await s.app.completeSetup();

  // ── seeded through the API: a case, a session opened, 600 statements saved as one change set ──
  const admin = (await s.api<Staff[]>('staff:list', undefined)).find((x) => x.loginName === 'wangjg')!;
  const created = await s.api<{ id: string; revision: number; caseNumber: string }>('cases:create', roadTrafficCaseInput());
  await s.api('cases:accept', { id: created.id, revision: created.revision, mediatorIds: [admin.id], room: '交通事故调解室', mediationDue: chinaDate(30), note: '' });
  const plan = { kind: 'session', scheduledAt: new Date().toISOString(), place: '交通事故调解室', purpose: '', mediatorIds: [admin.id], recorderId: admin.id, subject: null };
  const scheduled = await s.api<SessionView>('sessions:schedule', { caseId: created.id, plan });
  const ref = { caseId: created.id, sessionId: scheduled.session.id };
  const opened = await s.api<SessionView>('sessions:open', { ...ref, revision: scheduled.session.revision });
  const attendees = opened.session.attendees.map((a) => ({ ...a, presence: 'present' }));
  const speakers = attendees.filter((a) => a.kind === 'mediator' || a.kind === 'party').map((a) => a.id);
  const put = Array.from({ length: N }, (_, i) => ({ id: crypto.randomUUID(), speakerId: speakers[i % speakers.length], kind: 'statement', text: said(i), startedAt: new Date(Date.now() - (N - i) * 20_000).toISOString(), marks: [], caucus: null }));
  await s.api('sessions:save-changes', { ...ref, revision: opened.session.revision, changes: { attendees, put, removed: [] } });
  const stored = async () => (await s.api<SessionView>('sessions:get', ref)).session;

  await new AgreementsPage(page, server).openCase(created.caseNumber);
  await s.enter('第1次调解');

  // ── opened at its end; the page holds a window, each item knowing its place in the whole ──
  const last = s.statements().filter({ hasText: said(N - 1) });
  await expect(last).toBeInViewport();
  await expect(last).toHaveAttribute('aria-posinset', String(N));
  await expect(last).toHaveAttribute('aria-setsize', String(N));
  expect(await s.statements().count()).toBeLessThan(60);
  await page.mouse.move(0, 0);
  await page.screenshot({ path: 'test-results/screens/session-editor-long.png' });

  // ── ↑ from the empty composer to the last statement, then up the record, past the rendered window ──
  await s.composer().focus();
  await page.keyboard.press('ArrowUp');
  await expect(page.locator('li[data-statement-id]:focus')).toHaveAttribute('aria-posinset', String(N));
  for (let i = 0; i < 40; i++) await page.keyboard.press('ArrowUp');
  const focused = page.locator('li[data-statement-id]:focus');
  await expect(focused).toHaveAttribute('aria-posinset', String(N - 40));
  await expect(focused).toContainText(said(N - 41));
  await expect(focused).toBeInViewport();
  await page.screenshot({ path: 'test-results/screens/session-editor-long-focused.png' });

  // ── edited in place there: Enter, type at the end, Enter; the autosave carries it ──
  await page.keyboard.press('Enter');
  const editor = page.getByRole('textbox', { name: `编辑第${N - 40}条发言` });
  await expect(editor).toBeFocused();
  await page.keyboard.type('（已核对）');
  await page.keyboard.press('Enter');
  await s.waitSaved();
  expect((await stored()).statements[N - 41]!.text).toBe(`${said(N - 41)}（已核对）`);

  // ── the top of the record: the first statement moved down one with Alt+↓ ──
  await page.getByRole('list', { name: '调解笔录' }).evaluate((el) => el.scrollTo(0, 0));
  const first = s.statements().filter({ hasText: said(0) });
  await expect(first).toHaveAttribute('aria-posinset', '1');
  await first.focus();
  await page.keyboard.press('Alt+ArrowDown');
  await expect(page.locator('li[data-statement-id]:focus')).toHaveAttribute('aria-posinset', '2');
  await s.waitSaved();
  const moved = await stored();
  expect(moved.statements.slice(0, 2).map((x) => x.text)).toEqual([said(1), said(0)]);

  // ── a new statement: committed at the end, which comes into view; every statement is still there ──
  await s.say(1, '今天先到这里，下次继续核对误工费。');
  await expect(s.statements().filter({ hasText: '今天先到这里' })).toBeInViewport();
  await s.waitSaved();
  const after = await stored();
  expect(after.statements).toHaveLength(N + 1);
  expect(after.statements.at(-1)!.text).toBe('今天先到这里，下次继续核对误工费。');
  expect(new Set(after.statements.map((x) => x.id)).size).toBe(N + 1);
});
