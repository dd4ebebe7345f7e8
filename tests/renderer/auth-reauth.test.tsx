// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Providers } from '../../renderer/src/app/Providers';
import { call, holdCalls, onSignInProblem } from '../../renderer/src/api/client';
import { ApiCallError } from '../../renderer/src/api/errors';
import { ReauthHost } from '../../renderer/src/features/auth/ReauthHost';
import { STAFF, fakeWorkstation, stubBrowserApis } from './harness';
import { fail, ok } from './auth-fixtures';

beforeAll(stubBrowserApis);
afterEach(cleanup);

const ACCOUNT = { ...STAFF, mustChangePassword: false, lockedUntil: null, failedAttempts: 0, lastSignInAt: null, passwordChangedAt: null, hasPassword: true };
const INPUT = { id: STAFF.id, roles: ['admin' as const] };

/** A host that asks for the password again once per sensitive call, like main's dispatch. */
function reauthHost() {
  let granted = false;
  return fakeWorkstation({
    'staff:set-roles': () => {
      if (!granted) return fail('REAUTH_REQUIRED', '此操作须再次输入您的登录密码');
      granted = false;
      return ok(ACCOUNT);
    },
    'auth:reauth': ({ password }) => (password === 'Qingshan2026' ? ((granted = true), ok(null)) : fail('SIGN_IN_FAILED', '密码不正确')),
  });
}

const renderHost = () =>
  render(
    <Providers env="test">
      <ReauthHost />
    </Providers>,
  );

describe('re-authentication in call()', () => {
  it('asks for the password, tells a wrong one in the dialog, then repeats the call once', async () => {
    const api = reauthHost();
    renderHost();
    const result = call('staff:set-roles', INPUT);
    const dialog = await screen.findByRole('dialog', { name: '请再次输入密码' });
    expect(dialog).toBeTruthy();

    fireEvent.change(screen.getByLabelText('密码'), { target: { value: 'wrong-2026' } });
    fireEvent.click(screen.getByRole('button', { name: '确认' }));
    expect((await screen.findByRole('alert')).textContent).toContain('密码不正确');
    expect(screen.getByRole('dialog', { name: '请再次输入密码' })).toBeTruthy();
    expect((screen.getByLabelText('密码') as HTMLInputElement).value).toBe('');

    fireEvent.change(screen.getByLabelText('密码'), { target: { value: 'Qingshan2026' } });
    fireEvent.submit(screen.getByLabelText('密码').closest('form')!);
    await expect(result).resolves.toEqual(ACCOUNT);
    expect(api['auth:reauth']).toHaveBeenCalledTimes(2);
    expect(api['staff:set-roles']).toHaveBeenCalledTimes(2);
    expect(api['staff:set-roles']).toHaveBeenLastCalledWith(INPUT);
    await waitFor(() => expect(screen.queryByRole('dialog', { name: '请再次输入密码' })).toBeNull());
  });

  it('cancelling throws the original error', async () => {
    const api = reauthHost();
    renderHost();
    const result = call('staff:set-roles', INPUT);
    await screen.findByRole('dialog', { name: '请再次输入密码' });
    fireEvent.click(screen.getByRole('button', { name: '取消' }));
    const error = await result.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiCallError);
    expect((error as ApiCallError).code).toBe('REAUTH_REQUIRED');
    expect(api['staff:set-roles']).toHaveBeenCalledTimes(1);
    expect(api['auth:reauth']).not.toHaveBeenCalled();
  });

  it('without a password prompt (no ReauthHost) gives the error as it came', async () => {
    reauthHost();
    await expect(call('staff:set-roles', INPUT)).rejects.toMatchObject({ code: 'REAUTH_REQUIRED' });
  });
});

describe('call() and the sign-in state', () => {
  it('reports UNAUTHENTICATED, LOCKED and PASSWORD_CHANGE_REQUIRED to the root, other errors not', async () => {
    fakeWorkstation({
      'cases:list': () => fail('LOCKED', '工作台已锁定'),
      'cases:get': () => fail('UNAUTHENTICATED', '请先登录'),
      'cases:audit': () => fail('PASSWORD_CHANGE_REQUIRED', '请先修改初始密码'),
      'cases:related': () => fail('FORBIDDEN', '无权'),
    });
    const seen: string[] = [];
    const stop = onSignInProblem((code) => void seen.push(code));
    for (const run of [
      () => call('cases:list', { page: 1, pageSize: 20 } as never),
      () => call('cases:get', { id: STAFF.id }),
      () => call('cases:audit', { id: STAFF.id }),
      () => call('cases:related', {} as never),
    ])
      await run().catch(() => undefined);
    stop();
    expect(seen).toEqual(['LOCKED', 'UNAUTHENTICATED', 'PASSWORD_CHANGE_REQUIRED']);
  });

  it('while calls are held, only sign-in housekeeping reaches the host', async () => {
    const api = fakeWorkstation({ 'cases:get': () => ok({} as never), 'auth:current': () => ok(null) });
    const seen: string[] = [];
    const stop = onSignInProblem((code) => void seen.push(code));
    const release = holdCalls();
    await expect(call('cases:get', { id: STAFF.id })).rejects.toMatchObject({ code: 'LOCKED' });
    await expect(call('auth:current')).resolves.toBeNull();
    release();
    release();
    await expect(call('cases:get', { id: STAFF.id })).resolves.toEqual({});
    stop();
    expect(api['cases:get']).toHaveBeenCalledTimes(1);
    expect(seen).toEqual([]);
  });
});
