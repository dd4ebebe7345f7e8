// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { BackupGenerationView } from '../../electron/shared/domain/backup';
import { FirstRunRestore } from '../../renderer/src/features/setup/FirstRunRestore';
import { fakeWorkstation, renderScreen, stubBrowserApis } from './harness';

beforeAll(stubBrowserApis);
afterEach(cleanup);

const generation = (source: BackupGenerationView['source']): BackupGenerationView => ({ id: '20261207T101500Z-ab12', status: 'complete', startedAt: '2026-12-07T10:15:00.000Z', files: 120, bytes: 4096, note: null, source });

async function chooseBackup() {
  renderScreen(<FirstRunRestore onRestored={() => undefined} />, { route: { name: 'cases' } });
  fireEvent.change(screen.getByLabelText(/备份目录/), { target: { value: '/media/usb/backup' } });
  await act(async () => {
    fireEvent.click(screen.getByText('读取备份'));
  });
  fireEvent.change(await screen.findByRole('textbox', { name: /^恢复密钥/ }), { target: { value: 'ABCD-EFGH' } });
}

describe('从备份恢复 on the first-run screen', () => {
  it('a center database backup asks where to go, and sends the database with the restore', async () => {
    let sent: Record<string, unknown> | undefined;
    fakeWorkstation({
      'setup:restore-generations': () => ({ ok: true, value: [generation('postgresql')] }),
      'setup:restore': (input) => {
        sent = input as Record<string, unknown>;
        return { ok: false, error: { code: 'INVALID_INPUT', message: '输入有误', issues: [{ code: 'INVALID_VALUE', path: ['database'], message: '该数据库中已有中心“青山县”：请新建一个空数据库用于恢复（不会覆盖已有数据）' }] } };
      },
    });
    await chooseBackup();
    expect(screen.getByTestId('restore-to-database')).toBeTruthy();
    fireEvent.change(screen.getByLabelText(/服务器地址/), { target: { value: '192.168.1.20' } });
    fireEvent.change(screen.getByLabelText(/数据库名/), { target: { value: 'mediation_restored' } });
    await act(async () => {
      fireEvent.click(screen.getByText('开始恢复'));
    });
    await waitFor(() => expect(sent).toBeDefined());
    expect(sent).toMatchObject({ folder: '/media/usb/backup', unlock: { recoveryKey: 'ABCD-EFGH' }, database: { host: '192.168.1.20', database: 'mediation_restored', port: 5432 } });
    expect((await screen.findByTestId('restore-database-error')).textContent).toContain('已有中心');
  });

  it('a desk folder backup asks for no database and sends none', async () => {
    let sent: Record<string, unknown> | undefined;
    fakeWorkstation({
      'setup:restore-generations': () => ({ ok: true, value: [generation('folder')] }),
      'setup:restore': (input) => {
        sent = input as Record<string, unknown>;
        return { ok: true, value: { running: true, phase: 'write', done: 0, total: 0, result: null } };
      },
      'setup:restore-status': () => ({ ok: true, value: { running: true, phase: 'write', done: 1, total: 2, result: null } }),
    });
    await chooseBackup();
    expect(screen.queryByTestId('restore-to-database')).toBeNull();
    await act(async () => {
      fireEvent.click(screen.getByText('开始恢复'));
    });
    await waitFor(() => expect(sent).toBeDefined());
    expect(sent).not.toHaveProperty('database');
  });
});
