// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { clockStartingAt } from '../../electron/shared/time/clock';
import { setClock } from '../../renderer/src/lib/clock';
import { requestLock } from '../../renderer/src/lib/idle-lock';
import { INFO, STAFF, fakeWorkstation, renderScreen, stubBrowserApis } from './harness';
import { OTHER, SETTINGS, TestDesk, fail, ok, renderGate, signedIn } from './auth-fixtures';
import { AppHeader } from '../../renderer/src/app/AppHeader';
import { setLockHandler } from '../../renderer/src/lib/idle-lock';

vi.mock('../../renderer/src/app/AppLayout', () => ({ AppLayout: () => <TestDesk /> }));

beforeAll(stubBrowserApis);
afterEach(() => {
  cleanup();
  vi.useRealTimers();
  delete window.workstationHost;
});

const MINUTE = 60_000;
const PASSWORD = 'Qingshan2026';
const type = (label: string | RegExp, value: string) => fireEvent.change(screen.getByLabelText(label), { target: { value } });
const lockScreen = () => screen.queryByRole('dialog', { name: '锁屏' });

/** A signed-in desk whose host remembers locking like main does (LOCKED for everything but housekeeping). */
function deskHost({ idleLockMinutes = 10 } = {}) {
  const host = { locked: false, staff: STAFF };
  const api = fakeWorkstation({
    'app:info': () => ok(INFO),
    'auth:current': () => ok(signedIn(host.staff, { locked: host.locked })),
    'settings:get': () => (host.locked ? fail('LOCKED', '工作台已锁定') : ok(SETTINGS(idleLockMinutes))),
    'staff:list': () => (host.locked ? fail('LOCKED', '工作台已锁定') : ok([STAFF, OTHER])),
    'drafts:save': () => (host.locked ? fail('LOCKED', '工作台已锁定') : ok({ savedAt: '2026-11-25T02:00:00.000Z' }) as never),
    'drafts:discard': () => (host.locked ? fail('LOCKED', '工作台已锁定') : ok(null)),
    'cases:list': () => (host.locked ? fail('LOCKED', '工作台已锁定，请输入密码解锁') : ok({ items: [], total: 0, page: 1, pageSize: 20 }) as never),
    'auth:lock': () => ((host.locked = true), ok(null)),
    'auth:unlock': ({ password }) => (password === PASSWORD ? ((host.locked = false), ok(signedIn(host.staff))) : fail('SIGN_IN_FAILED', '密码不正确')),
    'auth:sign-in': ({ loginName, password }) => {
      if (loginName !== 'lixy' || password !== 'Hetang-2026') return fail('SIGN_IN_FAILED', '登录名或密码不正确');
      host.staff = OTHER;
      host.locked = false;
      return ok(signedIn(OTHER));
    },
    'auth:sign-out': () => ok(null),
  });
  return { host, api };
}

async function typeInDesk(text: string) {
  await screen.findByRole('heading', { name: `工作台：${STAFF.name}` });
  type('调解记录', text);
}

describe('idle lock', () => {
  beforeEach(() => {
    // Only the interval and Date are faked: Testing Library's waitFor keeps its real timeouts.
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'Date'] });
    setClock(clockStartingAt('2026-11-25T02:00:00.000Z'));
  });

  it('locks after the center’s idle minutes without input: saves first, then auth:lock; the page stays below as left', async () => {
    const { api } = deskHost({ idleLockMinutes: 10 });
    renderGate();
    await typeInDesk('申请人称对方拖欠工资三个月');
    await waitFor(() => expect(api['settings:get']).toHaveBeenCalled());

    // Input restarts the count: 9 + 9 minutes with a key press between do not lock.
    await act(async () => vi.advanceTimersByTime(9 * MINUTE));
    fireEvent.keyDown(window, { key: 'a' });
    await act(async () => vi.advanceTimersByTime(9 * MINUTE));
    expect(lockScreen()).toBeNull();
    expect(api['auth:lock']).not.toHaveBeenCalled();

    await act(async () => vi.advanceTimersByTime(1 * MINUTE + 15_000));
    expect(lockScreen()).not.toBeNull();
    expect(screen.getByText(`${STAFF.name} 已锁定工作台`)).toBeTruthy();
    await waitFor(() => expect(api['auth:lock']).toHaveBeenCalledTimes(1));
    // The before-lock save ran, and before the lock.
    const saved = api['drafts:save'].mock.invocationCallOrder.at(-1)!;
    expect(saved).toBeLessThan(api['auth:lock'].mock.invocationCallOrder[0]!);

    // Below: still mounted with what was typed, but hidden and inert.
    const editor = screen.getByLabelText('调解记录') as HTMLTextAreaElement;
    expect(editor.value).toBe('申请人称对方拖欠工资三个月');
    expect(editor.closest('[inert]')).not.toBeNull();
    expect(screen.queryByRole('heading', { name: `工作台：${STAFF.name}` })).toBeNull();
  });

  it('reads the idle time from the center settings', async () => {
    const { api } = deskHost({ idleLockMinutes: 3 });
    renderGate();
    await typeInDesk('x');
    await waitFor(() => expect(api['settings:get']).toHaveBeenCalled());
    await act(async () => {});
    await act(async () => vi.advanceTimersByTime(3 * MINUTE + 15_000));
    expect(lockScreen()).not.toBeNull();
  });

  it('unlocks with the same person’s password (a wrong one is told), the page as it was', async () => {
    const { api } = deskHost();
    renderGate();
    await typeInDesk('第一项：被申请人于十二月底前支付');
    const editor = screen.getByLabelText('调解记录');
    await act(async () => vi.advanceTimersByTime(10 * MINUTE + 15_000));
    await waitFor(() => expect(api['auth:lock']).toHaveBeenCalled());

    type('密码', 'nope-2026');
    fireEvent.click(screen.getByRole('button', { name: '解锁' }));
    expect((await screen.findByRole('alert')).textContent).toContain('密码不正确');
    expect(lockScreen()).not.toBeNull();

    type('密码', PASSWORD);
    fireEvent.click(screen.getByRole('button', { name: '解锁' }));
    await waitFor(() => expect(lockScreen()).toBeNull());
    expect(api['auth:unlock']).toHaveBeenLastCalledWith({ password: PASSWORD });
    // The very same element, with the text, usable again.
    expect(screen.getByLabelText('调解记录')).toBe(editor);
    expect((editor as HTMLTextAreaElement).value).toBe('第一项：被申请人于十二月底前支付');
    expect(editor.closest('[inert]')).toBeNull();
    expect(screen.getByRole('heading', { name: `工作台：${STAFF.name}` })).toBeTruthy();
    // Mounted once: no reload of the page.
    expect(api['staff:list']).toHaveBeenCalledTimes(1);

    // The idle count starts again after the unlock.
    await act(async () => vi.advanceTimersByTime(9 * MINUTE));
    expect(lockScreen()).toBeNull();
  });
});

describe('locking by hand, by the host, by another person', () => {
  it('the 锁屏 request locks at once; another person signing in gets a fresh desk, and the old page writes nothing as them', async () => {
    const { api } = deskHost();
    renderGate();
    await typeInDesk('王某的陈述');
    await waitFor(() => expect(api['staff:list']).toHaveBeenCalledTimes(1));

    act(() => requestLock('manual'));
    expect(lockScreen()).not.toBeNull();
    await waitFor(() => expect(api['auth:lock']).toHaveBeenCalledTimes(1));

    fireEvent.click(screen.getByRole('button', { name: '其他人员登录' }));
    expect(screen.getByText(/其他人员登录后，将关闭 王建国 正在使用的页面/)).toBeTruthy();
    type('登录名', 'lixy');
    type('密码', 'wrong-2026');
    fireEvent.click(screen.getByRole('button', { name: '登录' }));
    expect((await screen.findByRole('alert')).textContent).toContain('登录名或密码不正确');
    // A failed attempt leaves the locked desk as it was.
    expect((screen.getByLabelText('调解记录') as HTMLTextAreaElement).value).toBe('王某的陈述');

    type('密码', 'Hetang-2026');
    fireEvent.click(screen.getByRole('button', { name: '登录' }));
    expect(await screen.findByRole('heading', { name: `工作台：${OTHER.name}` })).toBeTruthy();
    expect(lockScreen()).toBeNull();
    expect((screen.getByLabelText('调解记录') as HTMLTextAreaElement).value).toBe('');
    // The leaving page's unmount save was held back; the new page's first load went through.
    expect(api['drafts:discard']).not.toHaveBeenCalled();
    await waitFor(() => expect(api['staff:list']).toHaveBeenCalledTimes(2));
  });

  it('locks when a call answers LOCKED (the host’s own idle lock), without saving or calling auth:lock', async () => {
    const { host, api } = deskHost();
    renderGate();
    await typeInDesk('x');
    host.locked = true;
    fireEvent.click(screen.getByRole('button', { name: '加载案件' }));
    await waitFor(() => expect(lockScreen()).not.toBeNull());
    expect(api['auth:lock']).not.toHaveBeenCalled();
    expect(api['drafts:save']).not.toHaveBeenCalled();

    type('密码', PASSWORD);
    fireEvent.click(screen.getByRole('button', { name: '解锁' }));
    await waitFor(() => expect(lockScreen()).toBeNull());
  });

  it('locks when the Electron host asks (the OS locked or suspends)', async () => {
    let hostListener: (() => void) | null = null;
    window.workstationHost = {
      onLockRequest: (listener) => {
        hostListener = listener;
        return () => {
          hostListener = null;
        };
      },
      onLiveEvent: () => () => undefined,
    };
    const { api } = deskHost();
    renderGate();
    await typeInDesk('x');
    expect(hostListener).not.toBeNull();
    act(() => hostListener!());
    expect(lockScreen()).not.toBeNull();
    await waitFor(() => expect(api['auth:lock']).toHaveBeenCalledTimes(1));
    expect(api['drafts:save'].mock.invocationCallOrder[0]!).toBeLessThan(api['auth:lock'].mock.invocationCallOrder[0]!);
  });

  it('opens locked when the host says the sign-in is locked (a reload while locked)', async () => {
    const { host } = deskHost();
    host.locked = true;
    renderGate();
    expect(await screen.findByText(`${STAFF.name} 已锁定工作台`)).toBeTruthy();
  });

  it('signing out saves first', async () => {
    const { api } = deskHost();
    renderGate();
    await typeInDesk('x');
    api['auth:current'].mockImplementation(async () => ok(null));
    fireEvent.click(screen.getByRole('button', { name: '退出' }));
    expect(await screen.findByRole('heading', { name: '登录' })).toBeTruthy();
    expect(api['drafts:save'].mock.invocationCallOrder[0]!).toBeLessThan(api['auth:sign-out'].mock.invocationCallOrder[0]!);
    expect(api['drafts:discard']).not.toHaveBeenCalled();
  });
});

describe('header', () => {
  it('has 锁屏 and, in the user menu, 修改密码 as a dialog', async () => {
    fakeWorkstation({ 'settings:images': () => ok({ seal: null, logo: null }) as never });
    const handler = vi.fn();
    const stop = setLockHandler(handler);
    renderScreen(<AppHeader />);
    fireEvent.click(screen.getByRole('button', { name: '锁屏' }));
    expect(handler).toHaveBeenCalledWith('manual');
    stop();

    fireEvent.click(screen.getByRole('button', { name: `用户菜单：${STAFF.name}` }));
    fireEvent.click(await screen.findByRole('menuitem', { name: '修改密码' }));
    const dialog = await screen.findByRole('dialog', { name: '修改密码' });
    expect(dialog).toBeTruthy();
    expect(screen.getByLabelText(/^新密码/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: '取消' }));
    await waitFor(() => expect(screen.queryByRole('dialog', { name: '修改密码' })).toBeNull());
  });
});
