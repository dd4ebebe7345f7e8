// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD_MESSAGES } from '../../electron/shared/domain/password';
import { defaultSettings } from '../../electron/shared/domain/settings';
import type { Staff, StaffAccount } from '../../electron/shared/domain/staff';
import type { ApiErrorCode } from '../../electron/shared/ipc/result';
import type { ValidationIssue } from '../../electron/shared/validation/issue';
import { Providers } from '../../renderer/src/app/Providers';
import { RouterProvider } from '../../renderer/src/app/router';
import { SessionProvider } from '../../renderer/src/app/session';
import { StaffSettingsPage } from '../../renderer/src/features/staff/StaffSettingsPage';
import { formatTime } from '../../renderer/src/lib/format';
import { PINNED_NOW } from '../setup/pin-clock';
import { INFO, fakeWorkstation, stubBrowserApis } from './harness';

const ok = <T,>(value: T) => ({ ok: true as const, value });
const failure = (code: ApiErrorCode, message: string, issues: ValidationIssue[] = []) => ({ ok: false as const, error: { code, message, issues } });

const CREATED = '2026-11-01T01:00:00.000Z';
const ADMIN: Staff = { id: '6f1c2b9e-3d4a-4b5c-8d7e-9f0a1b2c3d4e', name: '王建国', loginName: 'wangjg', roles: ['admin'], active: true, createdAt: CREATED };

function account(staff: Omit<Staff, 'active' | 'createdAt'> & Partial<StaffAccount>): StaffAccount {
  return {
    active: true,
    createdAt: CREATED,
    mustChangePassword: false,
    lockedUntil: null,
    failedAttempts: 0,
    lastSignInAt: '2026-11-24T01:30:00.000Z',
    passwordChangedAt: CREATED,
    hasPassword: true,
    ...staff,
  };
}

const LOCKED_UNTIL = new Date(Date.parse(PINNED_NOW) + 12 * 60_000).toISOString();
const ME = account({ ...ADMIN });
const LI = account({ id: '7a2d3c0f-4e5b-4c6d-9e8f-0a1b2c3d4e5f', name: '李娜', loginName: 'lina', roles: ['mediator'] });
const ZHAO = account({ id: '8b3e4d1a-5f6c-4d7e-8f90-1a2b3c4d5e6f', name: '赵刚', loginName: 'zhaogang', roles: ['clerk'], lockedUntil: LOCKED_UNTIL });
const GONE = account({ id: '9c4f5e2b-6a7d-4e8f-9a01-2b3c4d5e6f70', name: '孙退休', loginName: 'sunty', roles: ['mediator'], active: false });
const NEW = account({ id: 'ad5f6e3c-7b8e-4f90-8b12-3c4d5e6f7081', name: '陈新', loginName: 'chenxin', roles: ['legal_advisor'], mustChangePassword: true, lastSignInAt: null });
const ACCOUNTS = [ME, LI, ZHAO, GONE, NEW];

const SETTINGS = { ...defaultSettings('青山县矛盾纠纷调处化解中心', '青山县人民调解委员会', '青'), phone: '0571-88886666' };

function setUp(handlers: Parameters<typeof fakeWorkstation>[0] = {}) {
  const api = fakeWorkstation({
    'staff:accounts': () => ok(ACCOUNTS),
    'settings:get': () => ok(SETTINGS),
    'settings:images': () => ok({ seal: null, logo: null }),
    'settings:certificate': () => ok(null),
    ...handlers,
  });
  render(
    <Providers env="test">
      <SessionProvider value={{ info: INFO, staff: ADMIN, signOut: () => {}, refreshInfo: () => {} }}>
        <RouterProvider initial={{ name: 'staff' }}>
          <StaffSettingsPage />
        </RouterProvider>
      </SessionProvider>
    </Providers>,
  );
  return api;
}

const row = async (loginName: string) => within(await screen.findByTestId(`account-${loginName}`));
const addForm = () => within(screen.getByRole('form', { name: '新增人员' }));

/** Opens a row's 操作 menu and picks an item. */
async function pick(name: string, item: string) {
  fireEvent.click(screen.getByRole('button', { name: `${name}的账号操作` }));
  fireEvent.click(await screen.findByRole('menuitem', { name: item }));
  return within(await screen.findByRole('dialog'));
}

beforeAll(() => {
  stubBrowserApis();
});
afterEach(cleanup);

describe('人员与设置: the accounts', () => {
  it('lists every account with its login name, posts, state and last sign-in', async () => {
    setUp();
    const li = await row('lina');
    expect(li.getByText('李娜')).toBeTruthy();
    expect(li.getByText('调解员')).toBeTruthy();
    expect(li.getByText('在用')).toBeTruthy();
    expect((await row('zhaogang')).getByText(`已锁定至 ${formatTime(LOCKED_UNTIL)}`)).toBeTruthy();
    expect((await row('sunty')).getByText('已停用')).toBeTruthy();
    const fresh = await row('chenxin');
    expect(fresh.getByText('须修改密码')).toBeTruthy();
    expect(fresh.getByText('从未登录')).toBeTruthy();
    expect((await row('wangjg')).getByText('本人')).toBeTruthy();
  });

  it('新增人员: password rules live and at the field, the confirmation, a login name main refuses at its field', async () => {
    let attempts = 0;
    const api = setUp({
      'staff:create': (input) => {
        attempts += 1;
        if (attempts === 1) return failure('INVALID_INPUT', '该登录名已被使用', [{ code: 'INVALID_VALUE', path: ['loginName'], message: '该登录名已被使用' }]);
        return ok(account({ id: 'be6a7f4d-8c9f-4a01-9c23-4d5e6f708192', name: input.name, loginName: input.loginName, roles: input.roles, mustChangePassword: true }));
      },
    });
    await row('lina');
    const form = addForm();
    fireEvent.change(form.getByRole('textbox', { name: /姓名/ }), { target: { value: '周敏' } });
    fireEvent.change(form.getByRole('textbox', { name: /登录名/ }), { target: { value: 'zhoumin' } });
    const password = form.getByLabelText(/初始密码/);
    fireEvent.change(password, { target: { value: 'zhoumin2026' } });
    // Checked as typed, against the login name it belongs to.
    expect(form.getByTestId('password-rule').textContent).toBe(PASSWORD_MESSAGES.SAME_AS_LOGIN);
    fireEvent.change(form.getByLabelText(/确认密码/), { target: { value: 'something-else' } });
    await act(async () => {
      fireEvent.click(form.getByRole('button', { name: '新增人员' }));
    });
    expect(password.getAttribute('aria-invalid')).toBe('true');
    expect(form.getAllByText(PASSWORD_MESSAGES.SAME_AS_LOGIN).length).toBeGreaterThan(0);
    expect(form.getByText('两次输入的密码不一致')).toBeTruthy();
    expect(api['staff:create']).not.toHaveBeenCalled();

    fireEvent.change(password, { target: { value: 'Qingshan#2026' } });
    expect(form.getByTestId('password-rule').textContent).toBe('密码符合要求');
    fireEvent.change(form.getByLabelText(/确认密码/), { target: { value: 'Qingshan#2026' } });
    fireEvent.click(form.getByRole('checkbox', { name: /法律顾问/ }));
    await act(async () => {
      fireEvent.click(form.getByRole('button', { name: '新增人员' }));
    });
    // Main's refusal lands at the login name.
    await waitFor(() => expect(form.getByRole('textbox', { name: /登录名/ }).getAttribute('aria-invalid')).toBe('true'));
    expect(form.getByText('该登录名已被使用')).toBeTruthy();

    fireEvent.change(form.getByRole('textbox', { name: /登录名/ }), { target: { value: 'zhoumin2' } });
    await act(async () => {
      fireEvent.click(form.getByRole('button', { name: '新增人员' }));
    });
    await waitFor(() => expect(api['staff:create']).toHaveBeenCalledTimes(2));
    expect(api['staff:create']).toHaveBeenLastCalledWith({ name: '周敏', loginName: 'zhoumin2', roles: ['mediator', 'legal_advisor'], password: 'Qingshan#2026' });
    // The form is empty again and the accounts are read again.
    await waitFor(() => expect((form.getByRole('textbox', { name: /姓名/ }) as HTMLInputElement).value).toBe(''));
    await waitFor(() => expect(api['staff:accounts'].mock.calls.length).toBeGreaterThan(1));
  });

  it('重置密码: a new initial password checked against that person\'s login name', async () => {
    const api = setUp({ 'staff:reset-password': () => ok({ ...LI, mustChangePassword: true }) });
    await row('lina');
    const dialog = await pick('李娜', '重置密码');
    expect(dialog.getByText(/登录名：lina/)).toBeTruthy();
    const password = dialog.getByLabelText(/新的初始密码/);
    fireEvent.change(password, { target: { value: 'Lina-8888' } });
    expect(dialog.getByTestId('password-rule').textContent).toBe(PASSWORD_MESSAGES.SAME_AS_LOGIN);
    fireEvent.change(password, { target: { value: '12345678' } });
    expect(dialog.getByTestId('password-rule').textContent).toBe(PASSWORD_MESSAGES.TOO_COMMON);
    fireEvent.change(password, { target: { value: 'Green-Tea-58' } });
    fireEvent.change(dialog.getByLabelText(/确认密码/), { target: { value: 'Green-Tea-58' } });
    await act(async () => {
      fireEvent.click(dialog.getByRole('button', { name: '重置密码' }));
    });
    await waitFor(() => expect(api['staff:reset-password']).toHaveBeenCalledWith({ id: LI.id, password: 'Green-Tea-58' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  });

  it('停用 after a confirmation; one\'s own account offers neither 停用 nor 重置密码', async () => {
    const api = setUp({ 'staff:set-active': (input) => ok({ ...LI, active: input.active }) });
    await row('lina');
    fireEvent.click(screen.getByRole('button', { name: '王建国的账号操作' }));
    expect(await screen.findByRole('menuitem', { name: '编辑' })).toBeTruthy();
    expect(screen.queryByRole('menuitem', { name: '停用' })).toBeNull();
    expect(screen.queryByRole('menuitem', { name: '重置密码' })).toBeNull();
    fireEvent.keyDown(document.activeElement ?? document.body, { key: 'Escape' });

    const dialog = await pick('李娜', '停用');
    expect(dialog.getByText(/停用后此人不能再登录/)).toBeTruthy();
    expect(api['staff:set-active']).not.toHaveBeenCalled();
    await act(async () => {
      fireEvent.click(dialog.getByRole('button', { name: '停用' }));
    });
    await waitFor(() => expect(api['staff:set-active']).toHaveBeenCalledWith({ id: LI.id, active: false }));
  });

  it('重新启用 a deactivated account', async () => {
    const api = setUp({ 'staff:set-active': (input) => ok({ ...GONE, active: input.active }) });
    await row('sunty');
    const dialog = await pick('孙退休', '重新启用');
    await act(async () => {
      fireEvent.click(dialog.getByRole('button', { name: '重新启用' }));
    });
    await waitFor(() => expect(api['staff:set-active']).toHaveBeenCalledWith({ id: GONE.id, active: true }));
  });

  it('调整岗位: several posts including 中心负责人, at least one', async () => {
    const api = setUp({ 'staff:set-roles': (input) => ok({ ...LI, roles: input.roles }) });
    await row('lina');
    const dialog = await pick('李娜', '调整岗位');
    const mediator = dialog.getByRole('checkbox', { name: /调解员/ }) as HTMLInputElement;
    expect(mediator.checked).toBe(true);
    fireEvent.click(mediator);
    await act(async () => {
      fireEvent.click(dialog.getByRole('button', { name: '保存' }));
    });
    expect(dialog.getByText('请至少选择一个岗位')).toBeTruthy();
    expect(api['staff:set-roles']).not.toHaveBeenCalled();

    fireEvent.click(dialog.getByRole('checkbox', { name: /中心负责人/ }));
    fireEvent.click(mediator);
    await act(async () => {
      fireEvent.click(dialog.getByRole('button', { name: '保存' }));
    });
    await waitFor(() => expect(api['staff:set-roles']).toHaveBeenCalledWith({ id: LI.id, roles: ['head', 'mediator'] }));
  });

  it('编辑: name and login name; a login name in use is shown at its field', async () => {
    const api = setUp({
      'staff:update': () => failure('INVALID_INPUT', '该登录名已被使用', [{ code: 'INVALID_VALUE', path: ['loginName'], message: '该登录名已被使用' }]),
    });
    await row('lina');
    const dialog = await pick('李娜', '编辑');
    const login = dialog.getByRole('textbox', { name: /登录名/ });
    fireEvent.change(login, { target: { value: 'zhaogang' } });
    await act(async () => {
      fireEvent.click(dialog.getByRole('button', { name: '保存' }));
    });
    await waitFor(() => expect(api['staff:update']).toHaveBeenCalledWith({ id: LI.id, name: '李娜', loginName: 'zhaogang' }));
    await waitFor(() => expect(login.getAttribute('aria-invalid')).toBe('true'));
    expect(dialog.getByText('该登录名已被使用')).toBeTruthy();
  });

  it('解锁 a locked account from its row', async () => {
    const api = setUp({ 'staff:unlock': () => ok({ ...ZHAO, lockedUntil: null }) });
    const zhao = await row('zhaogang');
    expect((await row('lina')).queryByRole('button', { name: /解锁/ })).toBeNull();
    await act(async () => {
      fireEvent.click(zhao.getByRole('button', { name: '解锁 赵刚 的账号' }));
    });
    await waitFor(() => expect(api['staff:unlock']).toHaveBeenCalledWith({ id: ZHAO.id }));
  });
});

describe('人员与设置: 锁屏时间', () => {
  it('is a whole number of minutes from 1 to 120, saved with the settings', async () => {
    const api = setUp({ 'settings:update': (input) => ok(input) });
    const form = within(await screen.findByRole('form', { name: '中心设置' }));
    const minutes = form.getByRole('textbox', { name: /锁屏时间（分钟）/ }) as HTMLInputElement;
    expect(minutes.value).toBe('10');
    fireEvent.change(minutes, { target: { value: '150' } });
    await act(async () => {
      fireEvent.click(form.getByRole('button', { name: '保存' }));
    });
    expect(form.getByText('锁屏时间不能超过120分钟')).toBeTruthy();
    expect(api['settings:update']).not.toHaveBeenCalled();
    fireEvent.change(minutes, { target: { value: '5' } });
    await act(async () => {
      fireEvent.click(form.getByRole('button', { name: '保存' }));
    });
    await waitFor(() => expect(api['settings:update']).toHaveBeenCalledWith(expect.objectContaining({ idleLockMinutes: 5 })));
  });
});
