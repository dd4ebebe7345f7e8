import type { Page } from '@playwright/test';
import type { CenterSettings } from '../../electron/shared/domain/settings';
import type { Staff } from '../../electron/shared/domain/staff';
import type { AgreementView } from '../../electron/shared/ipc/contract';
import { ROAD_TRAFFIC_IDS, roadTrafficCaseInput } from '../fixtures/cases';
import { makePng } from '../fixtures/png';
import { expect, test } from './fixtures';
import { apiAs } from './pages/api';
import { AgreementsPage, chinaDate } from './pages/agreements';
import { AppPage } from './pages/app';
import { SessionsPage } from './pages/sessions';
import { SigningDesk } from './pages/signing';

const FIRST_PASSWORD = 'Chushi-mima-01';
const PEOPLE = {
  clerk: { name: '李娜', loginName: 'lina', roles: ['clerk'], password: 'Dengji-mima-2026' },
  mediator: { name: '赵志刚', loginName: 'zhaozg', roles: ['mediator'], password: 'Tiaojie-mima-2026' },
  advisor: { name: '周律', loginName: 'zhoulv', roles: ['legal_advisor'], password: 'Falv-guwen-2026' },
} as const;
type Person = (typeof PEOPLE)[keyof typeof PEOPLE];

/** A new tab of the same browser where `person` signs in with the first password and replaces it. */
async function deskOf(page: Page, server: Parameters<typeof apiAs>[1], person: Person, before?: (tab: Page) => Promise<void>): Promise<Page> {
  const tab = await page.context().newPage();
  await before?.(tab);
  await tab.goto(server.origin + '/');
  await new AppPage(tab, server).signIn(person.loginName, FIRST_PASSWORD, '请修改初始密码');
  await tab.getByRole('textbox', { name: '当前密码', exact: true }).fill(FIRST_PASSWORD);
  await tab.getByRole('textbox', { name: '新密码', exact: true }).fill(person.password);
  await tab.getByRole('textbox', { name: '确认新密码', exact: true }).fill(person.password);
  await tab.getByRole('button', { name: '修改密码', exact: true }).click();
  // Each starts at their own work: the clerk at 今日接待, the mediator and the legal advisor at 我的工作台.
  await expect(tab.getByRole('heading', { name: (person.roles as readonly string[]).includes('clerk') ? '今日接待' : '我的工作台' })).toBeVisible();
  return tab;
}

/** The password prompt of the policy table's re-authentication, answered with `password`. */
async function reenterPassword(tab: Page, password: string, screenshot?: string): Promise<void> {
  const prompt = tab.getByRole('dialog', { name: '请再次输入密码' });
  await expect(prompt).toBeVisible();
  if (screenshot) await tab.screenshot({ path: screenshot });
  await prompt.getByRole('textbox', { name: '密码', exact: true }).fill(password);
  await prompt.getByRole('button', { name: '确认', exact: true }).click();
  await expect(prompt).toHaveCount(0);
}

test('a working day with accounts: the clerk registers, the mediator records a session (the idle lock mid-statement keeps the text), the legal advisor approves and seals after re-entering her password; each act is audited as its person', async ({ page, server }) => {
  test.setTimeout(240_000);
  const admin = new AppPage(page, server);
  await admin.open();
  await admin.completeSetup({ otherRoles: [], landing: '人员与设置' });
  const staff: Record<keyof typeof PEOPLE, Staff> = {} as never;
  for (const [key, person] of Object.entries(PEOPLE) as [keyof typeof PEOPLE, Person][]) {
    staff[key] = await apiAs<Staff>(page, server, 'staff:create', { name: person.name, loginName: person.loginName, roles: person.roles, password: FIRST_PASSWORD });
  }
  // The center locks an idle desk after one minute; the committee's seal image is on file.
  const settings = await apiAs<CenterSettings>(page, server, 'settings:get');
  await apiAs(page, server, 'settings:update', { ...settings, idleLockMinutes: 1 });
  await apiAs(page, server, 'settings:set-image', { kind: 'seal', pngBase64: makePng(160).toString('base64') });

  // ── the clerk registers the case and hands it to the mediator ──
  const clerkTab = await deskOf(page, server, PEOPLE.clerk);
  const created = await apiAs<{ id: string; revision: number; caseNumber: string }>(clerkTab, server, 'cases:create', roadTrafficCaseInput());
  await apiAs(clerkTab, server, 'cases:accept', { id: created.id, revision: created.revision, mediatorIds: [staff.mediator.id], room: '交通事故调解室', mediationDue: chinaDate(30), note: '' });

  // ── the mediator schedules and records a session through the UI; his browser's clock can be moved on ──
  const mediatorTab = await deskOf(page, server, PEOPLE.mediator, (tab) => tab.clock.install());
  const s = new SessionsPage(mediatorTab, server);
  await new AgreementsPage(mediatorTab, server).openCase(created.caseNumber);
  await s.scheduleSession('09:00');
  await s.enter('第1次调解');
  for (const who of ['申请人张建国', '申请人李秀兰', '被申请人义乌市顺达货运有限公司']) await s.presence(who, '到场');
  await mediatorTab.getByRole('button', { name: '开始调解' }).click();
  await s.say(1, '请双方就误工费和赔偿款的支付期限发表意见。', '调解员赵志刚');
  await s.waitSaved();

  // Half a sentence typed, then the mediator steps away: past the idle minute the desk locks over the editor.
  const half = '公司同意赔偿八万六千五百元，但希望';
  await s.composer().fill(half);
  await mediatorTab.clock.fastForward('01:05');
  const lock = mediatorTab.getByRole('dialog', { name: '锁屏' });
  await expect(lock).toBeVisible();
  await mediatorTab.screenshot({ path: 'test-results/screens/accounts-idle-lock-session.png' });
  // The typed text was kept under his name before the lock (a draft on the host), and is still in the editor after.
  await lock.getByRole('textbox', { name: '密码', exact: true }).fill(PEOPLE.mediator.password);
  await lock.getByRole('button', { name: '解锁' }).click();
  await expect(lock).toHaveCount(0);
  await expect(s.composer()).toHaveValue(half);
  await s.composer().focus();
  await mediatorTab.keyboard.press('Alt+Digit4');
  await mediatorTab.keyboard.type('分两期支付。');
  await mediatorTab.keyboard.press('Enter');
  await expect(s.composer()).toHaveValue('');
  expect(await s.statementTexts()).toContain(`被申请人义乌市顺达货运有限公司|答|${half}分两期支付。`);
  await mediatorTab.getByRole('button', { name: '结束调解' }).click();
  await s.endDialog().getByRole('radio', { name: '达成协议' }).click();
  await s.endDialog().getByLabel('协议要点').fill('被申请人赔偿申请人86500元，分两期支付。');
  await s.endDialog().getByRole('button', { name: '结束调解' }).click();
  await expect(mediatorTab.getByText('结果：达成协议')).toBeVisible();

  // ── the mediator drafts (set-up through the API); the legal advisor approves (四眼审核) and seals through the UI ──
  const advisorTab = await deskOf(page, server, PEOPLE.advisor);
  let view = await apiAs<AgreementView>(mediatorTab, server, 'agreements:create', { caseId: created.id, kind: 'written' });
  const items = [
    { id: crypto.randomUUID(), type: 'payment', payerIds: [ROAD_TRAFFIC_IDS.respondent], payeeIds: [ROAD_TRAFFIC_IDS.applicant1, ROAD_TRAFFIC_IDS.applicant2], purpose: '赔偿', total: '86500', plan: 'lump', dueOn: chinaDate(10), instalments: [], method: '银行转账', place: '' },
  ];
  view = await apiAs<AgreementView>(mediatorTab, server, 'agreements:save', { caseId: created.id, revision: view.agreement.revision, content: { ...view.agreement.content, items } });
  await apiAs<AgreementView>(mediatorTab, server, 'agreements:submit', { caseId: created.id, revision: view.agreement.revision });
  const desk = new SigningDesk(advisorTab, server);
  await desk.openCase(created.caseNumber);
  await new AgreementsPage(advisorTab, server).card().getByRole('button', { name: '打开协议' }).click();
  await advisorTab.getByRole('button', { name: '审核通过' }).click();
  await reenterPassword(advisorTab, PEOPLE.advisor.password, 'test-results/screens/accounts-reauth.png');
  await expect(advisorTab.getByTestId('agreement-status')).toHaveText('待签署');
  await desk.openSigning(created.caseNumber);
  await advisorTab.getByRole('button', { name: '加盖人民调解委员会印章' }).click();
  const confirm = advisorTab.getByRole('dialog', { name: '加盖人民调解委员会印章' });
  await confirm.getByRole('button', { name: '确认加盖' }).click();
  await reenterPassword(advisorTab, PEOPLE.advisor.password);
  await expect(confirm).toBeHidden();
  await expect(advisorTab.getByTestId('seal-status')).toContainText('已加盖');

  // ── the trail names each person for their own act ──
  const trail = await apiAs<{ actorName: string; action: string }[]>(advisorTab, server, 'cases:audit', { id: created.id });
  const actorOf = (action: string) => [...new Set(trail.filter((e) => e.action === action).map((e) => e.actorName))];
  expect(actorOf('cases:create')).toEqual([PEOPLE.clerk.name]);
  expect(actorOf('sessions:save')).toEqual([PEOPLE.mediator.name]);
  expect(actorOf('sessions:close')).toEqual([PEOPLE.mediator.name]);
  expect(actorOf('agreements:review')).toEqual([PEOPLE.advisor.name]);
  expect(actorOf('agreements:seal')).toEqual([PEOPLE.advisor.name]);
});
