import type { Page } from '@playwright/test';
import type { Staff } from '../../electron/shared/domain/staff';
import { roadTrafficCaseInput } from '../fixtures/cases';
import { expect, test } from './fixtures';
import { apiAs } from './pages/api';
import { chinaDate } from './pages/agreements';
import { AppPage } from './pages/app';

const FIRST_PASSWORD = 'Chushi-mima-01';

/** A new tab where `person` signs in with the first password, replaces it, and lands on `landing`. */
async function deskOf(page: Page, server: Parameters<typeof apiAs>[1], person: { loginName: string; password: string }, landing: string): Promise<Page> {
  const tab = await page.context().newPage();
  await tab.goto(server.origin + '/');
  await new AppPage(tab, server).signIn(person.loginName, FIRST_PASSWORD, '请修改初始密码');
  await tab.getByRole('textbox', { name: '当前密码', exact: true }).fill(FIRST_PASSWORD);
  await tab.getByRole('textbox', { name: '新密码', exact: true }).fill(person.password);
  await tab.getByRole('textbox', { name: '确认新密码', exact: true }).fill(person.password);
  await tab.getByRole('button', { name: '修改密码', exact: true }).click();
  await expect(tab.getByRole('heading', { name: landing })).toBeVisible();
  return tab;
}

test('registers a returning visitor with 带入当事人信息 and finds the first case by ID number, phone and credit code in the list', async ({ page, server }) => {
  test.setTimeout(180_000);
  const app = new AppPage(page, server);
  await app.open();
  await app.completeSetup();
  const input = roadTrafficCaseInput();
  const [zhang, , company] = input.parties;
  if (zhang?.kind !== 'person' || company?.kind !== 'organization') throw new Error('fixture');
  const first = await apiAs<{ id: string; caseNumber: string }>(page, server, 'cases:create', input);

  // ── The same man comes back: his ID number is recognised at once ──
  await app.openRegisterForm();
  await app.party('申请人 1').getByLabel('证件号码').fill(zhang.idNumber);
  const panel = page.getByRole('complementary', { name: '关联案件' });
  await expect(panel.getByTestId('related-strong')).toContainText(first.caseNumber);
  await panel.getByRole('button', { name: `带入当事人信息（${first.caseNumber}）` }).click();
  const dialog = page.getByRole('dialog', { name: `从案件 ${first.caseNumber} 带入当事人信息` });
  await expect(dialog.getByRole('radio', { name: /申请人\s+张建国/ })).toBeChecked();
  await expect(dialog.getByRole('combobox', { name: '填入本次登记的' })).toHaveValue('申请人 1');
  // What will be filled, with the ID number and phone masked.
  const preview = dialog.getByRole('table', { name: '带入当事人信息' });
  await expect(preview).toContainText('139****2345');
  await expect(preview).toContainText(`${zhang.idNumber.slice(0, 4)}**********${zhang.idNumber.slice(-4)}`);
  await expect(preview).not.toContainText(zhang.idNumber);
  await expect(preview).toContainText(zhang.address);
  await page.screenshot({ path: 'test-results/screens/front-desk-bring-party.png' });
  await dialog.getByRole('button', { name: '确认带入' }).click();
  await expect(dialog).toHaveCount(0);
  const card = app.party('申请人 1');
  await expect(card.getByLabel('姓名')).toHaveValue('张建国');
  await expect(card.getByLabel('联系电话')).toHaveValue(zhang.phone);
  await expect(card.getByLabel('出生日期')).toHaveValue('1968-03-15');
  await expect(card.getByLabel('职业')).toHaveValue('个体经营');
  await expect(card.getByLabel('住址')).toHaveValue(zhang.address);

  // ── 同上: his wife lives at the same address ──
  await app.addParty('申请人');
  await app.party('申请人 2').getByLabel('姓名').fill('李秀兰');
  await app.party('申请人 2').getByRole('button', { name: '与申请人 1的住所相同' }).click();
  await expect(app.party('申请人 2').getByLabel('住址')).toHaveValue(zhang.address);
  await app.party('申请人 2').scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'test-results/screens/front-desk-same-address.png' });

  // The look-up is in the earlier case's trail.
  const audit = await apiAs<{ action: string; detail: string }[]>(page, server, 'cases:audit', { id: first.id });
  expect(audit.at(-1)).toMatchObject({ action: 'intake:related-party', detail: '登记新案件时带入申请人张建国的当事人信息' });

  // ── 清空重填 asks first; cancelling keeps everything ──
  await page.getByRole('button', { name: '清空重填' }).click();
  const reset = page.getByRole('dialog', { name: '清空重填' });
  await expect(reset).toContainText('删除自动保存的草稿');
  await page.screenshot({ path: 'test-results/screens/front-desk-reset-confirm.png' });
  await reset.getByRole('button', { name: '取消' }).click();
  await expect(card.getByLabel('姓名')).toHaveValue('张建国');
  await page.getByRole('button', { name: '清空重填' }).click();
  await page.getByRole('dialog', { name: '清空重填' }).getByRole('button', { name: '清空并删除草稿' }).click();
  await expect(app.party('申请人 1').getByLabel('姓名')).toHaveValue('');

  // ── The list finds the first case by what the visitor hands over ──
  await app.nav('案件列表');
  const search = page.getByRole('searchbox', { name: '搜索' });
  for (const text of [zhang.idNumber, '139 5791 2345', company.usccCode, '吴晓东']) {
    await search.fill(text);
    await expect(page.getByText('共 1 件')).toBeVisible();
    await expect(app.caseRows().filter({ hasText: first.caseNumber })).toHaveCount(1);
  }
  await search.fill(zhang.idNumber);
  await expect(page.getByText('共 1 件')).toBeVisible();
  await page.screenshot({ path: 'test-results/screens/front-desk-search-by-id.png' });
  await search.fill(zhang.idNumber.slice(0, 12));
  await expect(page.getByText('没有符合条件的案件')).toBeVisible();
});

test("the mediator's start page lists their cases and today's sessions", async ({ page, server }) => {
  test.setTimeout(180_000);
  const admin = new AppPage(page, server);
  await admin.open();
  await admin.completeSetup({ otherRoles: [], landing: '人员与设置' });
  const clerkPerson = { name: '李娜', loginName: 'lina', password: 'Dengji-mima-2026' };
  const mediatorPerson = { name: '赵志刚', loginName: 'zhaozg', password: 'Tiaojie-mima-2026' };
  await apiAs<Staff>(page, server, 'staff:create', { name: clerkPerson.name, loginName: clerkPerson.loginName, roles: ['clerk'], password: FIRST_PASSWORD });
  const mediator = await apiAs<Staff>(page, server, 'staff:create', { name: mediatorPerson.name, loginName: mediatorPerson.loginName, roles: ['mediator'], password: FIRST_PASSWORD });

  const clerkTab = await deskOf(page, server, clerkPerson, '今日接待');
  const mine = await apiAs<{ id: string; revision: number; caseNumber: string }>(clerkTab, server, 'cases:create', roadTrafficCaseInput());
  await apiAs(clerkTab, server, 'cases:accept', { id: mine.id, revision: mine.revision, mediatorIds: [mediator.id], room: '交通事故调解室', mediationDue: chinaDate(30), note: '' });
  const plan = { kind: 'session', scheduledAt: `${chinaDate()}T14:00:00+08:00`, place: '交通事故调解室', purpose: '', mediatorIds: [mediator.id], recorderId: mediator.id, subject: null };
  await apiAs(clerkTab, server, 'sessions:schedule', { caseId: mine.id, plan });
  // Another case, not his: it must not appear on his desk.
  const other = await apiAs<{ caseNumber: string }>(clerkTab, server, 'cases:create', roadTrafficCaseInput());

  const tab = await deskOf(page, server, mediatorPerson, '我的工作台');
  const today = tab.getByRole('table', { name: /^今日调解/ });
  await expect(today).toContainText(mine.caseNumber);
  await expect(today).toContainText('14:00');
  await expect(today).toContainText('第1次调解');
  await expect(today).toContainText('交通事故调解室');
  const cases = tab.getByRole('table', { name: '我承办的在办案件' });
  await expect(cases).toContainText(mine.caseNumber);
  await expect(cases).not.toContainText(other.caseNumber);
  await expect(tab.getByRole('navigation').getByRole('button', { name: '我的工作台' })).toHaveAttribute('aria-current', 'page');
  await tab.screenshot({ path: 'test-results/screens/front-desk-mediator-start.png', fullPage: true });

  // The case list filters by 承办人 and 调解室 (server side).
  const app = new AppPage(tab, server);
  await app.nav('案件列表');
  await expect(tab.getByText('共 2 件')).toBeVisible();
  await app.choose(tab, '承办人', '赵志刚');
  await expect(tab.getByText('共 1 件')).toBeVisible();
  await expect(app.caseRows().filter({ hasText: mine.caseNumber })).toHaveCount(1);
  await app.choose(tab, '调解室', '交通事故调解室');
  await expect(tab.getByText('共 1 件')).toBeVisible();
  await tab.screenshot({ path: 'test-results/screens/front-desk-list-filters.png' });

  // From the desk into the session's record.
  await app.nav('我的工作台');
  await today.getByRole('button', { name: '进入记录' }).click();
  await expect(tab.getByText('第1次调解').first()).toBeVisible();
});
