// @vitest-environment jsdom
/**
 * The host's live events at the root (app/useLiveUpdates.ts via AppGate): a change to cases refreshes what is on
 * screen without touching what is being typed, nothing is called while the desk is locked (it catches up on unlock),
 * and an administrator's deactivation takes the window to sign-in with the reason.
 */
import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { act, cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { LiveEvent } from '../../electron/shared/ipc/live-events';
import { caseQueries } from '../../renderer/src/features/cases/queries';
import { requestLock } from '../../renderer/src/lib/idle-lock';
import { INFO, STAFF, fakeWorkstation, stubBrowserApis } from './harness';
import { SETTINGS, fail, ok, renderGate, signedIn } from './auth-fixtures';

/** A desk screen: today's registrations (a query) beside a field being typed in (not a query). */
function LiveDesk() {
  const desk = useQuery(caseQueries.desk());
  const [text, setText] = useState('');
  return (
    <main>
      <h2>今日登记 {desk.data ? (desk.data as { registeredToday: unknown[] }).registeredToday.length : '…'} 件</h2>
      <textarea aria-label="纠纷简要情况" value={text} onChange={(event) => setText(event.currentTarget.value)} />
    </main>
  );
}
vi.mock('../../renderer/src/app/AppLayout', () => ({ AppLayout: () => <LiveDesk /> }));

beforeAll(stubBrowserApis);
afterEach(() => {
  cleanup();
  delete window.workstationHost;
});

const A = '0b0e5b3c-6a59-4f7e-9f0c-2f1c8f0d9a01';
const PASSWORD = 'Qingshan2026';

function liveHost() {
  const listeners = new Set<(event: LiveEvent) => void>();
  window.workstationHost = {
    onLockRequest: () => () => undefined,
    onLiveEvent: (listener) => {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
  };
  return { emit: (event: LiveEvent) => act(() => listeners.forEach((l) => l(event))) };
}

function desk() {
  const host = { registered: 0, locked: false, signedIn: true };
  const api = fakeWorkstation({
    'app:info': () => ok(INFO),
    'auth:current': () => ok(host.signedIn ? signedIn(STAFF, { locked: host.locked }) : null),
    'settings:get': () => ok(SETTINGS(10)),
    'desk:today': () => (host.locked ? fail('LOCKED', '工作台已锁定') : ok({ today: '2026-11-25', registeredToday: Array.from({ length: host.registered }, () => ({})), awaitingMediator: [], reminders: [] }) as never),
    'drafts:save': () => ok({ savedAt: '2026-11-25T02:00:00.000Z' }) as never,
    'auth:lock': () => ((host.locked = true), ok(null)),
    'auth:unlock': ({ password }) => (password === PASSWORD ? ((host.locked = false), ok(signedIn(STAFF))) : fail('SIGN_IN_FAILED', '密码不正确')),
  });
  return { host, api };
}

describe('live updates at the root', () => {
  it('a case changed elsewhere refreshes the desk; what is being typed stays', async () => {
    const live = liveHost();
    const { host, api } = desk();
    renderGate();
    await screen.findByRole('heading', { name: '今日登记 0 件' });
    fireEvent.change(screen.getByLabelText('纠纷简要情况'), { target: { value: '邻里漏水' } });
    host.registered = 1;
    live.emit({ type: 'cases-changed', caseIds: [A], truncated: false });
    await screen.findByRole('heading', { name: '今日登记 1 件' });
    expect(api['desk:today']).toHaveBeenCalledTimes(2);
    expect(screen.getByLabelText('纠纷简要情况')).toHaveProperty('value', '邻里漏水');
  });

  it('a locked desk makes no calls for changes; it catches up once unlocked', async () => {
    const live = liveHost();
    const { host, api } = desk();
    renderGate();
    await screen.findByRole('heading', { name: '今日登记 0 件' });
    act(() => requestLock('manual'));
    await waitFor(() => expect(api['auth:lock']).toHaveBeenCalled());
    host.registered = 2;
    live.emit({ type: 'cases-changed', caseIds: [A], truncated: false });
    await new Promise((r) => setTimeout(r, 50));
    expect(api['desk:today']).toHaveBeenCalledTimes(1);
    fireEvent.change(screen.getByLabelText('密码'), { target: { value: PASSWORD } });
    fireEvent.click(screen.getByRole('button', { name: '解锁' }));
    await screen.findByRole('heading', { name: '今日登记 2 件' });
    expect(api['desk:today']).toHaveBeenCalledTimes(2);
  });

  it('signed out by an administrator: the window goes to sign-in and says why', async () => {
    const live = liveHost();
    const { host } = desk();
    renderGate();
    await screen.findByRole('heading', { name: '今日登记 0 件' });
    host.signedIn = false;
    live.emit({ type: 'signed-out', reason: 'deactivated' });
    await screen.findByRole('heading', { name: '登录' });
    expect(screen.getByText(/您的账号已被中心管理员停用/)).toBeTruthy();
  });
});
