// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Staff } from '../../electron/shared/domain/staff';
import type { AppInfo, ClockWarning } from '../../electron/shared/ipc/contract';
import { Providers } from '../../renderer/src/app/Providers';
import { SessionProvider } from '../../renderer/src/app/session';
import { CLOCK_POLL_MS, ClockWarningBanner } from '../../renderer/src/components/ClockWarningBanner';
import { t } from '../../renderer/src/i18n';
import { formatDateTime } from '../../renderer/src/lib/format';
import { INFO, STAFF, fakeWorkstation, stubBrowserApis } from './harness';

const ok = <T,>(value: T) => ({ ok: true as const, value });

const WARNING: ClockWarning = { now: '2026-12-31T15:50:00.000Z', highWater: '2026-12-31T16:05:00.000Z' };
const ADMIN: Staff = { ...STAFF, roles: ['admin'] };
const CLERK: Staff = { ...STAFF, id: '7a2d3c0f-4e5b-4c6d-9e8f-0a1b2c3d4e5f', name: '赵刚', loginName: 'zhaogang', roles: ['clerk', 'mediator', 'head'] };

beforeAll(stubBrowserApis);
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

function show(staff: Staff, info: AppInfo = { ...INFO, clockWarning: WARNING }, handlers: Parameters<typeof fakeWorkstation>[0] = {}) {
  const api = fakeWorkstation({ 'app:info': () => ok(info), ...handlers });
  const refreshInfo = vi.fn();
  render(
    <Providers env="test">
      <SessionProvider value={{ info, staff, signOut: () => {}, refreshInfo }}>
        <ClockWarningBanner />
      </SessionProvider>
    </Providers>,
  );
  return { api, refreshInfo };
}

describe('the clock warning banner', () => {
  it('says what the clock reads and what was recorded, in Chinese; an administrator confirms, naming the warning', async () => {
    const { api, refreshInfo } = show(ADMIN, undefined, { 'clock:confirm': () => ok(null) });
    const banner = screen.getByTestId('clock-warning');
    expect(banner.textContent).toContain(t.clockGuard.title);
    expect(banner.textContent).toContain(t.clockGuard.body(formatDateTime(WARNING.now), formatDateTime(WARNING.highWater)));
    expect(banner.textContent).not.toContain(t.clockGuard.askAdmin);
    fireEvent.click(screen.getByRole('button', { name: t.clockGuard.confirm }));
    await waitFor(() => expect(screen.queryByTestId('clock-warning')).toBeNull());
    expect(api['clock:confirm']).toHaveBeenCalledWith({ highWater: WARNING.highWater });
    expect(refreshInfo).toHaveBeenCalled();
  });

  it('anyone the policy table does not let confirm (中心负责人 and all, but not 中心管理员) sees no button, only whom to ask', () => {
    const { api } = show(CLERK);
    expect(screen.getByTestId('clock-warning').textContent).toContain(t.clockGuard.askAdmin);
    expect(screen.queryByRole('button', { name: t.clockGuard.confirm })).toBeNull();
    expect(api['clock:confirm']).not.toHaveBeenCalled();
  });

  it('a refused confirmation keeps the banner and says why', async () => {
    show(ADMIN, undefined, { 'clock:confirm': () => ({ ok: false as const, error: { code: 'CONFLICT' as const, message: '系统时间提示已更新，请刷新页面后重新确认' } }) });
    fireEvent.click(screen.getByRole('button', { name: t.clockGuard.confirm }));
    await waitFor(() => expect(screen.getByText('系统时间提示已更新，请刷新页面后重新确认')).toBeTruthy());
    expect(screen.getByTestId('clock-warning')).toBeTruthy();
  });

  it('nothing while the clock is fine; a clock set back while working shows up at the next check, and goes when it is put right', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    let info: AppInfo = INFO;
    show(ADMIN, INFO, { 'app:info': () => ok(info) });
    expect(screen.queryByTestId('clock-warning')).toBeNull();
    info = { ...INFO, clockWarning: WARNING };
    await act(() => vi.advanceTimersByTimeAsync(CLOCK_POLL_MS));
    expect(screen.getByTestId('clock-warning')).toBeTruthy();
    info = INFO;
    await act(() => vi.advanceTimersByTimeAsync(CLOCK_POLL_MS));
    expect(screen.queryByTestId('clock-warning')).toBeNull();
  });
});
