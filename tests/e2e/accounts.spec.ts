import type { Page } from '@playwright/test';
import { roadTrafficCaseInput } from '../fixtures/cases';
import { expect, test } from './fixtures';
import { E2E_ADMIN, apiAs } from './pages/api';
import { AppPage } from './pages/app';

const FIRST_PASSWORD = 'Chushi-mima-01';
const CLERK = { name: '李娜', loginName: 'lina', roles: ['clerk'], password: 'Dengji-mima-2026' };

/** A raw call on a tab, returning the Result (no re-authentication, no assertion). */
async function raw(page: Page, server: { origin: string; apiHeaders(p: Page): Promise<Record<string, string>> }, method: string, input?: unknown) {
  const res = await page.request.post(`${server.origin}/api/${method}`, { headers: await server.apiHeaders(page), data: input === undefined ? {} : { input } });
  return (await res.json()) as { ok: boolean; value?: unknown; error?: { code: string; message: string; refusal?: { reason: string } } };
}

test('accounts: a pure administrator sets up staff; each person signs in on their own tab, acts and is audited as themselves; the table refuses the rest', async ({ page, server }) => {
  // Five sign-ins with scrypt, a password change and ten throttled failures: past the default minute on a busy 2-core machine.
  test.setTimeout(180_000);
  const admin = new AppPage(page, server);
  await admin.open();
  // A pure administrator manages accounts and reads no case: she lands on 人员与设置.
  await admin.completeSetup({ otherRoles: [], landing: '人员与设置' });
  await expect(page.getByRole('navigation').getByRole('button', { name: '案件列表' })).toHaveCount(0);
  for (const person of [
    { name: CLERK.name, loginName: CLERK.loginName, roles: CLERK.roles },
    { name: '赵志刚', loginName: 'zhaozg', roles: ['mediator'] },
    { name: '孙丽', loginName: 'sunli', roles: ['mediator'] },
    { name: '周律', loginName: 'zhoulv', roles: ['legal_advisor'] },
  ]) {
    await apiAs(page, server, 'staff:create', { ...person, password: FIRST_PASSWORD });
  }
  await page.reload();
  await expect(page.getByRole('heading', { name: '登录', exact: true }).or(page.getByRole('heading', { name: '人员与设置' }))).toBeVisible();
  if (await page.getByRole('heading', { name: '登录', exact: true }).isVisible()) await admin.signIn(E2E_ADMIN.loginName, E2E_ADMIN.password, '人员与设置');
  await expect(page.getByRole('cell', { name: 'zhoulv' })).toBeVisible();
  await page.screenshot({ path: 'test-results/screens/accounts-staff.png', fullPage: true });

  // ── a second tab of the same browser: the clerk signs in on her own and must replace the first password ──
  const tab = await page.context().newPage();
  const clerk = new AppPage(tab, server);
  await tab.goto(server.origin + '/');
  await expect(tab.getByRole('heading', { name: '登录', exact: true })).toBeVisible();
  await tab.screenshot({ path: 'test-results/screens/accounts-sign-in.png' });
  await clerk.signIn(CLERK.loginName, FIRST_PASSWORD, '请修改初始密码');
  await tab.getByRole('textbox', { name: '当前密码', exact: true }).fill(FIRST_PASSWORD);
  await tab.getByRole('textbox', { name: '新密码', exact: true }).fill(CLERK.password);
  await tab.getByRole('textbox', { name: '确认新密码', exact: true }).fill(CLERK.password);
  await tab.getByRole('button', { name: '修改密码', exact: true }).click();
  // A clerk starts at 今日接待.
  await expect(tab.getByRole('heading', { name: '今日接待' })).toBeVisible();

  // Two tabs, two people: the clerk registers, the administrator's tab is still the administrator.
  const created = await apiAs<{ id: string }>(tab, server, 'cases:create', roadTrafficCaseInput());
  expect((await raw(page, server, 'auth:current')).value).toMatchObject({ staff: { loginName: E2E_ADMIN.loginName } });
  expect((await raw(tab, server, 'auth:current')).value).toMatchObject({ staff: { loginName: CLERK.loginName } });
  // The administrator cannot read the case; the clerk's registration is audited as hers.
  expect(await raw(page, server, 'cases:get', { id: created.id })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', refusal: { reason: 'ROLE' } } });
  const trail = (await raw(tab, server, 'cases:audit', { id: created.id })).value as { actorName: string; action: string }[];
  expect(trail.find((e) => e.action === 'cases:create')?.actorName).toBe(CLERK.name);
  // The clerk has no approve or seal: the same calls made through the API are refused by the table.
  for (const method of ['agreements:review', 'agreements:seal']) {
    const refused = await raw(tab, server, method, { caseId: created.id, revision: 1, decision: 'approved', comment: '' });
    expect(refused, method).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  }

  // ── the lock: text being typed survives locking and unlocking ──
  await clerk.openRegisterForm();
  await clerk.fillPerson('申请人 1', { name: '陈建华' });
  await tab.getByRole('button', { name: '锁屏' }).click();
  const lock = tab.getByRole('dialog', { name: '锁屏' });
  await expect(lock).toBeVisible();
  await expect(raw(tab, server, 'cases:list', { page: 1, pageSize: 20 })).resolves.toMatchObject({ ok: false, error: { code: 'LOCKED' } });
  await tab.screenshot({ path: 'test-results/screens/accounts-lock.png' });
  await lock.getByRole('textbox', { name: '密码', exact: true }).fill(CLERK.password);
  await lock.getByRole('button', { name: '解锁' }).click();
  await expect(lock).toHaveCount(0);
  await expect(clerk.party('申请人 1').getByLabel('姓名')).toHaveValue('陈建华');

  // ── ten wrong passwords lock the legal advisor's account ──
  const third = await page.context().newPage();
  const guesser = new AppPage(third, server);
  await third.goto(server.origin + '/');
  await expect(third.getByRole('heading', { name: '登录', exact: true })).toBeVisible();
  for (let i = 0; i < 10; i++) await raw(third, server, 'auth:sign-in', { loginName: 'zhoulv', password: `Wrong-guess-${i}` });
  // Even the right password is refused now, and the screen says why.
  await guesser.signIn('zhoulv', FIRST_PASSWORD, '');
  await expect(third.getByText(/账号已锁定/)).toBeVisible({ timeout: 30_000 });
  const accounts = await apiAs<{ loginName: string; lockedUntil: string | null }[]>(page, server, 'staff:accounts');
  expect(accounts.find((a) => a.loginName === 'zhoulv')?.lockedUntil).not.toBeNull();
});
