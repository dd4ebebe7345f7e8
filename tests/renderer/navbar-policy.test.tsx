// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { StaffRole } from '../../electron/shared/domain/codes';
import type { Staff } from '../../electron/shared/domain/staff';
import { AppNavbar } from '../../renderer/src/app/AppNavbar';
import { Providers } from '../../renderer/src/app/Providers';
import { RouterProvider } from '../../renderer/src/app/router';
import { SessionProvider } from '../../renderer/src/app/session';
import { INFO, stubBrowserApis } from './harness';

const ITEMS = ['今日接待', '登记案件', '案件列表', '文书核验', '人员与设置'] as const;

function navFor(roles: StaffRole[]): string[] {
  const staff: Staff = { id: '6f1c2b9e-3d4a-4b5c-8d7e-9f0a1b2c3d4e', name: '王建国', loginName: 'wangjg', roles, active: true, createdAt: '2026-11-01T01:00:00.000Z' };
  render(
    <Providers env="test">
      <SessionProvider value={{ info: INFO, staff, signOut: () => {}, refreshInfo: () => {} }}>
        <RouterProvider initial={{ name: 'verify' }}>
          <AppNavbar />
        </RouterProvider>
      </SessionProvider>
    </Providers>,
  );
  const shown = ITEMS.filter((name) => screen.queryByRole('button', { name }) !== null);
  cleanup();
  return shown;
}

beforeAll(() => {
  stubBrowserApis();
});
afterEach(cleanup);

describe('the navigation follows the policy table', () => {
  it('中心管理员 alone: no case screens, only 文书核验 and 人员与设置', () => {
    expect(navFor(['admin'])).toEqual(['文书核验', '人员与设置']);
  });

  it('登记员 registers; 调解员, 法律顾问, 档案员 and 中心负责人 do not', () => {
    expect(navFor(['clerk'])).toEqual(['今日接待', '登记案件', '案件列表', '文书核验']);
    expect(navFor(['mediator'])).toEqual(['今日接待', '案件列表', '文书核验']);
    expect(navFor(['legal_advisor'])).toEqual(['今日接待', '案件列表', '文书核验']);
    expect(navFor(['archivist'])).toEqual(['今日接待', '案件列表', '文书核验']);
    expect(navFor(['head'])).toEqual(['今日接待', '案件列表', '文书核验']);
  });

  it('several posts: the union (a small center\'s administrator who also registers)', () => {
    expect(navFor(['admin', 'clerk'])).toEqual([...ITEMS]);
    expect(navFor(['admin', 'mediator'])).toEqual(['今日接待', '案件列表', '文书核验', '人员与设置']);
  });

  it('drops a group with nothing left in it', () => {
    render(
      <Providers env="test">
        <SessionProvider value={{ info: INFO, staff: { id: '6f1c2b9e-3d4a-4b5c-8d7e-9f0a1b2c3d4e', name: '王建国', loginName: 'wangjg', roles: ['admin'], active: true, createdAt: '2026-11-01T01:00:00.000Z' }, signOut: () => {}, refreshInfo: () => {} }}>
          <RouterProvider initial={{ name: 'staff' }}>
            <AppNavbar />
          </RouterProvider>
        </SessionProvider>
      </Providers>,
    );
    expect(screen.queryByText('受理登记')).toBeNull();
    expect(screen.getByText('案件办理')).toBeTruthy();
    expect(screen.getByText('系统管理')).toBeTruthy();
  });
});
