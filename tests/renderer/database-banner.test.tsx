// @vitest-environment jsdom
/**
 * 数据库连接中断，正在重连 (issue #14, item 4): a desk of a center database says at once, on every screen, that the
 * database is away (the host's live event, or a call answered DATABASE_UNAVAILABLE), keeps what is on the page, asks
 * the host every few seconds, and says when it is back.
 */
import { act, cleanup, screen } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { call, noteDatabaseConnection } from '../../renderer/src/api/client';
import { HostStatusBanner } from '../../renderer/src/components/HostStatusBanner';
import { INFO, fakeWorkstation, renderScreen, stubBrowserApis } from './harness';
import { fail, ok } from './auth-fixtures';

beforeAll(stubBrowserApis);
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

describe('the database banner', () => {
  it('shows on the live event, keeps asking, and says when the database is back', async () => {
    let away = true;
    const api = fakeWorkstation({ 'app:info': () => (away ? fail('DATABASE_UNAVAILABLE', '数据库连接中断') : ok(INFO)) });
    renderScreen(<HostStatusBanner />);
    expect(screen.queryByTestId('host-banner')).toBeNull();
    vi.useFakeTimers();
    act(() => noteDatabaseConnection(false));
    expect(screen.getByRole('alert').textContent).toContain('数据库连接中断，正在重连');
    expect(screen.getByRole('alert').textContent).toContain('已输入的内容保留在本屏');
    await act(async () => void (await vi.advanceTimersByTimeAsync(3100)));
    expect(api['app:info']).toHaveBeenCalled();
    expect(screen.getByRole('alert').textContent).toContain('数据库连接中断');
    away = false;
    await act(async () => void (await vi.advanceTimersByTimeAsync(3100)));
    expect(screen.getByRole('status').textContent).toContain('已重新连接到中心数据库');
  });

  it('a call answered DATABASE_UNAVAILABLE raises it too; the host outage keeps its own words', async () => {
    fakeWorkstation({ 'staff:list': () => fail('DATABASE_UNAVAILABLE', '数据库连接中断，本次操作未保存'), 'app:info': () => fail('HOST_UNREACHABLE', '无法连接') });
    renderScreen(<HostStatusBanner />);
    await act(async () => void (await call('staff:list').catch(() => undefined)));
    expect(screen.getByRole('alert').textContent).toContain('数据库连接中断，正在重连');
    await act(async () => void (await call('app:info').catch(() => undefined)));
    expect(screen.getByRole('alert').textContent).toContain('无法连接到工作台服务');
  });
});
