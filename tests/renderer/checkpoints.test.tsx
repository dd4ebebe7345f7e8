// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Staff } from '../../electron/shared/domain/staff';
import type { CheckpointSummary, CheckpointsView } from '../../electron/shared/ipc/contract';
import { Providers } from '../../renderer/src/app/Providers';
import { RouterProvider } from '../../renderer/src/app/router';
import { SessionProvider } from '../../renderer/src/app/session';
import { CheckpointsCard } from '../../renderer/src/features/integrity/CheckpointsCard';
import { INFO, STAFF, fakeWorkstation, stubBrowserApis } from './harness';

beforeAll(stubBrowserApis);
afterEach(cleanup);

const ok = <T,>(value: T) => ({ ok: true as const, value });
const ROOT = '5791'.padEnd(64, 'ab');
const FIRST: CheckpointSummary = { number: 1, at: '2026-11-25T02:00:00.000Z', reason: 'seal', full: true, by: { id: 'x', name: '周海燕' }, chainCount: 3, root: ROOT, previousRoot: null, certificateSha256: 'cd'.repeat(32) };
const VIEW: CheckpointsView = { checkpoints: [FIRST], total: 1, running: null, lastRun: null };

function renderCard(roles: Staff['roles']) {
  return render(
    <Providers env="test">
      <SessionProvider value={{ info: INFO, staff: { ...STAFF, roles }, signOut: () => {}, refreshInfo: () => {} }}>
        <RouterProvider initial={{ name: 'verify' }}>
          <CheckpointsCard />
        </RouterProvider>
      </SessionProvider>
    </Providers>,
  );
}

describe('完整性凭证', () => {
  it('lists the checkpoints; 立即签署凭证 only for those the policy table lets sign', async () => {
    fakeWorkstation({ 'integrity:checkpoints': () => ok(VIEW) });
    renderCard(['admin']);
    const row = await screen.findByRole('row', { name: /第 1 号/ });
    expect(within(row).getByText('盖章后自动签署')).toBeTruthy();
    expect(within(row).getByText('5791 abab abab abab')).toBeTruthy();
    expect(screen.queryByRole('button', { name: '立即签署凭证' })).toBeNull();
    cleanup();

    fakeWorkstation({ 'integrity:checkpoints': () => ok(VIEW) });
    renderCard(['legal_advisor']);
    expect(await screen.findByRole('button', { name: '立即签署凭证' })).toBeTruthy();
    cleanup();

    const api = fakeWorkstation({});
    renderCard(['clerk']);
    expect(screen.queryByText('完整性凭证')).toBeNull();
    expect(api['integrity:checkpoints']).not.toHaveBeenCalled();
  });

  it('核对纸质凭证: a root that is not 64 hex digits, or a number that is not one, is said at its field and nothing is sent', async () => {
    const api = fakeWorkstation({ 'integrity:checkpoints': () => ok(VIEW), 'integrity:checkpoint-compare': () => ok({ number: 1, checkpoint: FIRST, problem: null, rootMatches: true, signature: 'ok', consistent: true }) });
    renderCard(['archivist']);
    fireEvent.click(await screen.findByRole('button', { name: '核对纸质凭证' }));
    const form = screen.getByRole('form', { name: '核对纸质凭证' });
    fireEvent.change(within(form).getByRole('textbox', { name: '凭证编号' }), { target: { value: '0' } });
    fireEvent.change(within(form).getByRole('textbox', { name: '根值' }), { target: { value: '5791 abab' } });
    await act(async () => fireEvent.click(within(form).getByRole('button', { name: '核对' })));
    expect(within(form).getByText('凭证编号是正整数')).toBeTruthy();
    expect(within(form).getByText(/64位十六进制数字/)).toBeTruthy();
    expect(api['integrity:checkpoint-compare']).not.toHaveBeenCalled();

    fireEvent.change(within(form).getByRole('textbox', { name: '凭证编号' }), { target: { value: '第1号' } });
    fireEvent.change(within(form).getByRole('textbox', { name: '根值' }), { target: { value: ROOT.toUpperCase().replace(/(.{4})/g, '$1　') } });
    await act(async () => fireEvent.click(within(form).getByRole('button', { name: '核对' })));
    expect((await within(form).findByRole('status')).textContent).toContain('一致：第 1 号凭证与纸质凭证相符');
    expect(api['integrity:checkpoint-compare']).toHaveBeenCalledWith({ number: 1, root: expect.any(String) });
  });
});
