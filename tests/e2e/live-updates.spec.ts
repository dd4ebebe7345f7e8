import type { Browser, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { apiAs } from './pages/api';
import { AppPage } from './pages/app';
import type { AppServer } from './app-server';

/**
 * Live updates (issue #14, item 3) with one server and two browsers: what one desk does shows on the other's screen
 * without a reload, and an administrator's deactivation sends that person's window to sign-in at once.
 */

const FIRST_PASSWORD = 'Chushi-mima-01';
const CLERK = { name: '李娜', loginName: 'lina', password: 'Dengji-mima-2026' };
const APPLICANT = { name: '周美玲', id: '11010519491231002X', phone: '13812345678', address: '青山县城关镇幸福小区3栋2单元501室' };
const COMPANY = { name: '青山物业服务有限公司', code: '91350100M000100Y43', representative: '陈国强' };

/** The clerk at her own browser (a context of its own: its own cookie, from a fresh one-time address), at 今日接待. */
async function clerkBrowser(browser: Browser, server: AppServer): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const page = await context.newPage();
  await page.goto(await server.nextLaunchUrl());
  await new AppPage(page, server).signIn(CLERK.loginName, FIRST_PASSWORD, '请修改初始密码');
  await page.getByRole('textbox', { name: '当前密码', exact: true }).fill(FIRST_PASSWORD);
  await page.getByRole('textbox', { name: '新密码', exact: true }).fill(CLERK.password);
  await page.getByRole('textbox', { name: '确认新密码', exact: true }).fill(CLERK.password);
  await page.getByRole('button', { name: '修改密码', exact: true }).click();
  await expect(page.getByRole('heading', { name: '今日接待' })).toBeVisible();
  return page;
}

test('a case registered at one desk appears on 今日接待 at another without reload; a deactivated clerk’s window goes to sign-in', async ({ page, server, browser }) => {
  // Three scrypt sign-ins and a password change on a busy 2-core machine.
  test.setTimeout(180_000);
  // ── The administrator (also 登记员 and 调解员) sets up the center and stays on 今日接待 ──
  const admin = new AppPage(page, server);
  await admin.open();
  await admin.completeSetup({ landing: '今日接待' });
  await apiAs(page, server, 'staff:create', { name: CLERK.name, loginName: CLERK.loginName, roles: ['clerk'], password: FIRST_PASSWORD });
  const today = page.getByRole('table', { name: '今日登记' });

  // ── The clerk, in another browser, registers a visitor through the form ──
  const clerkPage = await clerkBrowser(browser, server);
  const clerk = new AppPage(clerkPage, server);
  await clerk.openRegisterForm();
  await clerk.fillDispute({ type: '物业纠纷', subType: '物业服务费纠纷', summary: '业主认为物业公司未按约定提供保洁和安保服务，拒绝缴纳2026年度物业费，双方协商未果。' });
  await clerk.fillPerson('申请人 1', APPLICANT);
  await clerk.fillOrganization('被申请人 1', COMPANY);
  await clerk.submitRegistration();
  const registered = clerkPage.getByText(/已登记\s*（\d{4}）青调字第0001号/);
  await expect(registered).toBeVisible();

  // ── The administrator's desk shows it without a reload (the page was never navigated since setup) ──
  const row = today.getByRole('row').filter({ hasText: '青调字第0001号' });
  await expect(row).toBeVisible();
  await expect(row).toContainText(APPLICANT.name);
  await expect(row).toContainText(/已等待 (不足 1|\d+) 分钟/);
  await clerkPage.screenshot({ path: '/tmp/live-clerk-registered.png' });
  await page.screenshot({ path: '/tmp/live-admin-desk.png' });

  // ── The clerk goes back to her desk; the administrator deactivates her account in 人员与设置 ──
  await clerk.nav('今日接待');
  await expect(clerkPage.getByRole('table', { name: '今日登记' }).getByRole('row').filter({ hasText: '青调字第0001号' })).toBeVisible();
  await admin.nav('人员与设置');
  await page.getByRole('button', { name: `${CLERK.name}的账号操作` }).click();
  await page.getByRole('menuitem', { name: '停用' }).click();
  const confirm = page.getByRole('dialog', { name: `停用 ${CLERK.name} 的账号` });
  await confirm.getByRole('button', { name: '停用', exact: true }).click();
  await expect(page.getByText(`已停用 ${CLERK.name} 的账号`)).toBeVisible();

  // Her open window goes to sign-in by itself (no call of hers, no reload) and says why.
  await expect(clerkPage.getByRole('heading', { name: '登录', exact: true })).toBeVisible();
  await expect(clerkPage.getByText('您的账号已被中心管理员停用')).toBeVisible();
  await clerkPage.screenshot({ path: '/tmp/live-clerk-signed-out.png' });
  // And she cannot sign in again.
  await clerk.signIn(CLERK.loginName, CLERK.password, '');
  await expect(clerkPage.getByRole('heading', { name: '登录', exact: true })).toBeVisible();
  await clerkPage.context().close();
});
