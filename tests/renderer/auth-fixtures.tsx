import { useEffect, useState } from 'react';
import { render } from '@testing-library/react';
import type { Staff } from '../../electron/shared/domain/staff';
import { defaultSettings } from '../../electron/shared/domain/settings';
import type { SignedIn } from '../../electron/shared/ipc/contract';
import type { ApiErrorCode } from '../../electron/shared/ipc/result';
import { Providers } from '../../renderer/src/app/Providers';
import { AppGate } from '../../renderer/src/app/AppGate';
import { useSession } from '../../renderer/src/app/session';
import { call } from '../../renderer/src/api/client';
import { registerBeforeLock } from '../../renderer/src/lib/idle-lock';
import { STAFF } from './harness';

/** Shared by the auth-*.test.tsx files: results, people, and a stand-in for the workstation's pages. */

export const ok = <T,>(value: T) => ({ ok: true as const, value });
export const fail = (code: ApiErrorCode, message: string, issues?: { code: 'INVALID_VALUE'; path: string[]; message: string }[]) => ({
  ok: false as const,
  error: { code, message, ...(issues ? { issues } : {}) },
});

export const OTHER: Staff = { id: '7a2d3c0f-4e5b-4c6d-9e8f-0a1b2c3d4e5f', name: '李秀英', loginName: 'lixy', roles: ['mediator'], active: true, createdAt: '2026-11-02T01:00:00.000Z' };
export const signedIn = (staff: Staff = STAFF, over: Partial<SignedIn> = {}): SignedIn => ({ staff, locked: false, mustChangePassword: false, ...over });
export const SETTINGS = (idleLockMinutes = 10) => ({ ...defaultSettings('青山县矛盾纠纷调处化解中心', '青山县人民调解委员会', '青'), idleLockMinutes });

/**
 * Stands in for AppLayout (vi.mock in each test file), so that these tests do not depend on every page: shows who
 * is signed in, keeps typed text in state (like the session editor), saves it before the desk locks, loads once on
 * mount and saves once on unmount (like an editor leaving).
 */
export function TestDesk() {
  const { staff, signOut } = useSession();
  const [text, setText] = useState('');
  useEffect(() => {
    void call('staff:list').catch(() => undefined);
    const unregister = registerBeforeLock(async () => {
      await call('drafts:save', { form: { text: 'before-lock' } } as never);
    });
    return () => {
      unregister();
      void call('drafts:discard').catch(() => undefined);
    };
  }, []);
  return (
    <main>
      <h2>{`工作台：${staff.name}`}</h2>
      <textarea aria-label="调解记录" value={text} onChange={(event) => setText(event.currentTarget.value)} />
      <button type="button" onClick={() => void call('cases:list', { page: 1, pageSize: 20 } as never).catch(() => undefined)}>
        加载案件
      </button>
      <button type="button" onClick={signOut}>
        退出
      </button>
    </main>
  );
}

export function renderGate() {
  return render(
    <Providers env="test">
      <AppGate />
    </Providers>,
  );
}
