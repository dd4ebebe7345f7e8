// @vitest-environment jsdom
import { Suspense } from 'react';
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { AppLayout } from '../../renderer/src/app/AppLayout';
import { ChunkLoadError, lazyPage } from '../../renderer/src/app/lazy-page';
import { PageErrorBoundary } from '../../renderer/src/app/PageErrorBoundary';
import { PAGE_FALLBACK_DELAY_MS, PageFallback } from '../../renderer/src/app/PageFallback';
import { Providers } from '../../renderer/src/app/Providers';
import { fakeWorkstation, renderScreen, stubBrowserApis } from './harness';

// The 文书核验 screen's chunk is gone (the app was rebuilt while this window was open): importing it fails.
vi.mock('../../renderer/src/features/verify/VerifyPage', () => {
  throw new TypeError('Failed to fetch dynamically imported module: http://127.0.0.1:4173/assets/VerifyPage-0ld.js');
});

beforeAll(stubBrowserApis);
afterEach(() => {
  cleanup();
  vi.useRealTimers();
  vi.restoreAllMocks();
});

const renderBoundary = (ui: React.ReactNode, resetKey = 'a', onReload = vi.fn()) => ({
  onReload,
  ...render(
    <Providers env="test">
      <PageErrorBoundary resetKey={resetKey} onReload={onReload}>
        <Suspense fallback={<PageFallback />}>{ui}</Suspense>
      </PageErrorBoundary>
    </Providers>,
  ),
});

describe('screens loaded when first opened', () => {
  it('a screen whose code cannot be loaded says so in Chinese, with 重新加载 (never a blank window)', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const Missing = lazyPage<object>(() => Promise.reject(new TypeError('Failed to fetch dynamically imported module')));
    const { onReload } = renderBoundary(<Missing />);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('页面无法打开');
    expect(alert.textContent).toContain('此页面的程序文件未能加载，可能是调解工作台刚更新或重新启动过。请重新加载工作台后再打开。');
    fireEvent.click(within(alert).getByRole('button', { name: '重新加载' }));
    expect(onReload).toHaveBeenCalledTimes(1);
  });

  it('turns any failure to load into a ChunkLoadError, and loads a screen once however often it is asked for', async () => {
    const load = vi.fn(() => Promise.reject(new Error('404')));
    const page = lazyPage<object>(load);
    await expect(page.preload()).rejects.toBeInstanceOf(ChunkLoadError);
    const ok = vi.fn(async () => () => <p>ok</p>);
    const good = lazyPage<object>(ok);
    await Promise.all([good.preload(), good.preload()]);
    expect(ok).toHaveBeenCalledTimes(1);
  });

  it('a screen whose code is already loaded renders at once, without passing through the spinner', async () => {
    const Loaded = lazyPage<{ name: string }>(async () => ({ name }: { name: string }) => <h2>{name}</h2>);
    await Loaded.preload();
    renderBoundary(<Loaded name="今日接待" />);
    expect(screen.getByRole('heading', { name: '今日接待' })).toBeTruthy();
    expect(screen.queryByRole('status')).toBeNull();
  });

  it('a screen that fails while rendering gets the general message; another screen clears it', async () => {
    const Crashing = () => {
      throw new Error('boom');
    };
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const { rerender, onReload } = renderBoundary(<Crashing />, 'case-1');
    expect((await screen.findByRole('alert')).textContent).toContain('页面出错');
    rerender(
      <Providers env="test">
        <PageErrorBoundary resetKey="case-2" onReload={onReload}>
          <p>另一个页面</p>
        </PageErrorBoundary>
      </Providers>,
    );
    expect(screen.queryByRole('alert')).toBeNull();
    expect(screen.getByText('另一个页面')).toBeTruthy();
  });

  it('while a screen loads: nothing at first, then a quiet spinner', () => {
    vi.useFakeTimers();
    render(
      <Providers env="test">
        <PageFallback />
      </Providers>,
    );
    const status = screen.getByRole('status', { name: '正在打开页面…' });
    expect(status.querySelector('.mantine-Loader-root')).toBeNull();
    act(() => void vi.advanceTimersByTime(PAGE_FALLBACK_DELAY_MS));
    expect(status.querySelector('.mantine-Loader-root')).not.toBeNull();
  });

  it('in the workstation: the header and navigation stay, the failed screen says why, and other screens still open', async () => {
    fakeWorkstation({});
    vi.spyOn(console, 'error').mockImplementation(() => {});
    renderScreen(<AppLayout />);
    const nav = screen.getByRole('navigation', { name: '主导航' });
    fireEvent.click(within(nav).getByRole('button', { name: '文书核验' }));
    const alert = await screen.findByRole('alert', {}, { timeout: 5000 });
    expect(alert.textContent).toContain('页面无法打开');
    expect(within(alert).getByRole('button', { name: '重新加载' })).toBeTruthy();
    expect(screen.getByRole('banner')).toBeTruthy();
    fireEvent.click(within(nav).getByRole('button', { name: '人员与设置' }));
    expect(await screen.findByRole('heading', { name: '人员与设置' }, { timeout: 10_000 })).toBeTruthy();
    expect(screen.queryByText('页面无法打开')).toBeNull();
  });
});
