// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { PASSWORD_MESSAGES, PASSWORD_RULE_TEXT } from '../../electron/shared/domain/password';
import { INFO, STAFF, fakeWorkstation, stubBrowserApis } from './harness';
import { OTHER, SETTINGS, TestDesk, fail, ok, renderGate, signedIn } from './auth-fixtures';

vi.mock('../../renderer/src/app/AppLayout', () => ({ AppLayout: () => <TestDesk /> }));

beforeAll(stubBrowserApis);
afterEach(cleanup);

const type = (label: string | RegExp, value: string) => fireEvent.change(screen.getByLabelText(label), { target: { value } });

describe('sign-in', () => {
  it('asks for login name and password (no list of staff), shows the host’s refusal at the form, then enters', async () => {
    const api = fakeWorkstation({
      'app:info': () => ok(INFO),
      'auth:current': () => ok(null),
      'auth:sign-in': ({ password }) => (password === 'Qingshan2026' ? ok(signedIn()) : fail('SIGN_IN_FAILED', '登录名或密码不正确；再错3次账号将被锁定15分钟')),
      'settings:get': () => ok(SETTINGS()),
      'staff:list': () => ok([STAFF]),
    });
    renderGate();
    expect(await screen.findByRole('heading', { name: '登录' })).toBeTruthy();
    expect(screen.getByText(INFO.centerName)).toBeTruthy();
    expect(screen.queryByText(STAFF.name)).toBeNull();

    // Empty: told at the fields, nothing sent.
    fireEvent.click(screen.getByRole('button', { name: '登录' }));
    expect(await screen.findByText('请填写登录名')).toBeTruthy();
    expect(screen.getByText('请填写密码')).toBeTruthy();
    expect(api['auth:sign-in']).not.toHaveBeenCalled();

    type('登录名', ' wangjg ');
    type('密码', 'wrong-pass1');
    // Enter in a field submits the form (its button is the submit button).
    expect(screen.getByRole('button', { name: '登录' }).getAttribute('type')).toBe('submit');
    fireEvent.submit(screen.getByLabelText('密码').closest('form')!);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('登录名或密码不正确；再错3次账号将被锁定15分钟');
    expect(api['auth:sign-in']).toHaveBeenLastCalledWith({ loginName: 'wangjg', password: 'wrong-pass1' });
    expect((screen.getByLabelText('密码') as HTMLInputElement).value).toBe('');
    expect((screen.getByLabelText('登录名') as HTMLInputElement).value).toBe(' wangjg ');

    // The password can be shown while typing.
    const password = screen.getByLabelText('密码') as HTMLInputElement;
    expect(password.type).toBe('password');
    fireEvent.mouseDown(screen.getByRole('button', { name: '显示或隐藏密码', hidden: true }));
    expect((screen.getByLabelText('密码') as HTMLInputElement).type).toBe('text');

    type('密码', 'Qingshan2026');
    fireEvent.click(screen.getByRole('button', { name: '登录' }));
    expect(await screen.findByRole('heading', { name: `工作台：${STAFF.name}` })).toBeTruthy();
  });

  it('with a first or reset password, asks for a new one before the workstation', async () => {
    const api = fakeWorkstation({
      'app:info': () => ok(INFO),
      'auth:current': () => ok(null),
      'auth:sign-in': () => ok(signedIn(OTHER, { mustChangePassword: true })),
      'auth:change-password': ({ currentPassword }) =>
        currentPassword === 'Initial2026x'
          ? ok(signedIn(OTHER))
          : fail('INVALID_INPUT', '当前密码不正确', [{ code: 'INVALID_VALUE', path: ['currentPassword'], message: '当前密码不正确' }]),
      'settings:get': () => ok(SETTINGS()),
      'staff:list': () => ok([OTHER]),
    });
    renderGate();
    await screen.findByRole('heading', { name: '登录' });
    type('登录名', 'lixy');
    type('密码', 'Initial2026x');
    fireEvent.click(screen.getByRole('button', { name: '登录' }));

    expect(await screen.findByRole('heading', { name: '请修改初始密码' })).toBeTruthy();
    expect(screen.queryByRole('heading', { name: /工作台：/ })).toBeNull();

    // The rules, live at the field, checked against the person's login name.
    expect(screen.getByText(PASSWORD_RULE_TEXT)).toBeTruthy();
    type(/^新密码/, 'short1');
    expect(screen.getByText(PASSWORD_MESSAGES.TOO_SHORT)).toBeTruthy();
    type(/^新密码/, 'lixy2026abc');
    expect(screen.getByText(PASSWORD_MESSAGES.SAME_AS_LOGIN)).toBeTruthy();
    type(/^新密码/, 'Hetang-2026');
    expect(screen.getByText('密码符合要求')).toBeTruthy();

    type(/^确认新密码/, 'Hetang-2025');
    type(/^当前密码/, 'wrong');
    fireEvent.click(screen.getByRole('button', { name: '修改密码' }));
    expect(await screen.findByText('两次输入的密码不一致')).toBeTruthy();
    expect(api['auth:change-password']).not.toHaveBeenCalled();

    type(/^确认新密码/, 'Hetang-2026');
    fireEvent.click(screen.getByRole('button', { name: '修改密码' }));
    // The host's field problem goes to its field.
    const current = screen.getByLabelText(/^当前密码/);
    expect((await screen.findByText('当前密码不正确')).id).toBe(current.getAttribute('aria-describedby')?.split(' ').find((id) => id.endsWith('-error')));
    expect(document.activeElement).toBe(current);

    type(/^当前密码/, 'Initial2026x');
    fireEvent.click(screen.getByRole('button', { name: '修改密码' }));
    expect(await screen.findByRole('heading', { name: `工作台：${OTHER.name}` })).toBeTruthy();
    expect(api['auth:change-password']).toHaveBeenLastCalledWith({ currentPassword: 'Initial2026x', newPassword: 'Hetang-2026' });
  });

  it('goes to the change of password when any call answers PASSWORD_CHANGE_REQUIRED', async () => {
    let mustChange = false;
    fakeWorkstation({
      'app:info': () => ok(INFO),
      'auth:current': () => ok(signedIn(STAFF, { mustChangePassword: mustChange })),
      'settings:get': () => ok(SETTINGS()),
      'staff:list': () => ok([STAFF]),
      'cases:list': () => ((mustChange = true), fail('PASSWORD_CHANGE_REQUIRED', '请先修改初始密码')),
    });
    renderGate();
    fireEvent.click(await screen.findByRole('button', { name: '加载案件' }));
    expect(await screen.findByRole('heading', { name: '请修改初始密码' })).toBeTruthy();
  });
});

describe('first run and upgrade', () => {
  it('setup asks for the administrator’s login name, password (rules live) and other posts, and puts host issues at their field', async () => {
    let attempt = 0;
    const api = fakeWorkstation({
      'app:info': () => ok(attempt < 2 ? { ...INFO, setupRequired: true, centerName: '' } : INFO),
      'auth:current': () => ok(signedIn()),
      'setup:complete': () => {
        attempt += 1;
        return attempt === 1
          ? fail('INVALID_INPUT', '该登录名已被使用', [{ code: 'INVALID_VALUE', path: ['loginName'], message: '该登录名已被使用' }])
          : ok(signedIn());
      },
      'settings:get': () => ok(SETTINGS()),
      'staff:list': () => ok([STAFF]),
    });
    renderGate();
    await screen.findByRole('heading', { name: '初始设置' });
    type(/^中心名称/, INFO.centerName);
    type(/^人民调解委员会名称/, '青山县人民调解委员会');
    type(/^编号简称/, '青');
    type(/^您的姓名/, STAFF.name);
    type(/^登录名/, 'wangjg');
    expect(screen.getByText(PASSWORD_RULE_TEXT)).toBeTruthy();
    type(/^密码/, 'wangjg2026');
    expect(screen.getByText(PASSWORD_MESSAGES.SAME_AS_LOGIN)).toBeTruthy();
    type(/^密码/, 'Qingshan2026');
    expect(screen.getByText('密码符合要求')).toBeTruthy();
    type(/^确认密码/, 'Qingshan2026');

    const roles = screen.getByRole('group', { name: /同时担任/ });
    const boxes = within(roles).getAllByRole('checkbox');
    expect(boxes.map((b) => (b as HTMLInputElement).checked)).toEqual([false, false, false, false, false]);
    expect(within(roles).queryByLabelText('中心管理员')).toBeNull();
    fireEvent.click(within(roles).getByLabelText('调解员'));
    fireEvent.click(within(roles).getByLabelText('中心负责人'));

    fireEvent.click(screen.getByRole('button', { name: '完成设置' }));
    await waitFor(() => expect(screen.getByLabelText(/^登录名/).getAttribute('aria-invalid')).toBe('true'));
    expect(screen.getByText('该登录名已被使用')).toBeTruthy();
    const sent = api['setup:complete'].mock.calls[0]![0] as Record<string, unknown>;
    expect(sent).toMatchObject({ loginName: 'wangjg', password: 'Qingshan2026', adminName: STAFF.name });
    expect([...(sent.otherRoles as string[])].sort()).toEqual(['head', 'mediator']);
    expect(sent).not.toHaveProperty('passwordConfirm');

    type(/^登录名/, 'wang.jg');
    fireEvent.click(screen.getByRole('button', { name: '完成设置' }));
    expect(await screen.findByRole('heading', { name: `工作台：${STAFF.name}` })).toBeTruthy();
  });

  it('after an upgrade, the named administrator sets a login name and password', async () => {
    let set = false;
    const api = fakeWorkstation({
      'app:info': () => ok({ ...INFO, adminPasswordFor: set ? null : STAFF.name }),
      'auth:current': () => ok(set ? signedIn() : null),
      'setup:admin-password': () => ((set = true), ok(signedIn())),
      'settings:get': () => ok(SETTINGS()),
      'staff:list': () => ok([STAFF]),
    });
    renderGate();
    expect(await screen.findByText(`升级后请为中心管理员 ${STAFF.name} 设置登录名和密码`)).toBeTruthy();
    type(/^登录名/, 'wangjg');
    type(/^密码/, 'Qingshan2026');
    type(/^确认密码/, 'Qingshan2026');
    fireEvent.click(screen.getByRole('button', { name: '设置并登录' }));
    expect(await screen.findByRole('heading', { name: `工作台：${STAFF.name}` })).toBeTruthy();
    expect(api['setup:admin-password']).toHaveBeenCalledWith({ loginName: 'wangjg', password: 'Qingshan2026' });
  });
});
