/**
 * Records sealed at rest, seen as people see them: a case file changed on disk while the app was closed is shown in
 * red on its case with the previous generation (never the edit), and every password forgotten, the printed recovery
 * key opens the center's data again.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { expect, test } from './fixtures';
import { AppPage } from './pages/app';
import { E2E_ADMIN, apiAs } from './pages/api';
import { chinaDate } from './pages/agreements';

const APPLICANT = { name: '张秀英', id: '11010519491231002X', phone: '13812345678', address: '青山县城关镇幸福小区3栋2单元501室' };
const RESPONDENT = { name: '李明', id: '110101199003070011', phone: '0571-87654321' };

async function registerOne(app: AppPage): Promise<void> {
  await app.nav('登记案件');
  await app.fillDispute({ type: '邻里纠纷', subType: '噪音纠纷', summary: '申请人反映楼上住户长期深夜发出噪音，影响休息，多次协商未果。' });
  await app.fillPerson('申请人 1', APPLICANT);
  await app.fillPerson('被申请人 1', RESPONDENT);
  await app.submitRegistration();
  await expect(app.page.getByText(/已登记\s*（\d{4}）青调字第0001号/)).toBeVisible();
}

test('a case file edited on disk while the app is closed is shown as failing its check, with the previous generation', async ({ page, server }) => {
  const app = new AppPage(page, server);
  await app.open();
  await app.completeSetup();
  await registerOne(app);
  const list = await apiAs<{ items: { id: string; revision: number }[] }>(page, server, 'cases:list', { page: 1, pageSize: 5 });
  const caseId = list.items[0]!.id;
  const me = await apiAs<{ staff: { id: string } }>(page, server, 'auth:current');
  await apiAs(page, server, 'cases:accept', { id: caseId, revision: 1, mediatorIds: [me.staff.id], room: '综合调解室', mediationDue: chinaDate(30), note: '' });

  await server.stop();
  // Someone with the data folder, without a password: the file is ciphertext; they change a byte of it.
  const file = path.join(server.dataDir, 'cases', caseId, 'case.json');
  const bytes = await readFile(file);
  expect(bytes.includes(Buffer.from(APPLICANT.name))).toBe(false);
  bytes[bytes.length - 40]! ^= 0x01;
  await writeFile(file, bytes);
  await server.start();
  await page.goto(server.url);
  await page.reload();
  await app.signIn();

  const row = app.caseRows().filter({ hasText: '张秀英与李明邻里纠纷' });
  await row.click();
  const alert = page.getByRole('alert').filter({ hasText: '未通过完整性校验' });
  await expect(alert).toBeVisible();
  await expect(alert).toContainText(/案件（\d{4}）青调字第0001号的数据未通过完整性校验/);
  await expect(alert).toContainText('已隔离并恢复为上一版本');
  // The previous generation: registered, not yet accepted.
  await expect(page.getByText('待受理').first()).toBeVisible();
  await page.screenshot({ path: 'test-results/screens/case-integrity-failed.png', fullPage: true });

  // 数据核验 finds it too, by case number.
  await app.nav('人员与设置');
  const card = page.locator('#data-check');
  await card.getByRole('button', { name: '开始核验' }).click();
  await expect(card.getByText(/发现 \d+ 个问题/)).toBeVisible();
  await expect(card).toContainText(/（\d{4}）青调字第0001号/);
  await card.scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'test-results/screens/data-check-found.png', fullPage: true });
});

test('every password forgotten: the printed recovery key sets a new administrator password and opens the data', async ({ page, server }) => {
  const app = new AppPage(page, server);
  await app.open();
  await app.completeSetup();
  await registerOne(app);
  const recoveryKey = app.recoveryKey;
  // An untouched folder: 数据核验 finds nothing.
  await app.nav('人员与设置');
  await page.locator('#data-check').getByRole('button', { name: '开始核验' }).click();
  await expect(page.locator('#data-check').getByText('未发现问题：所有记录均通过完整性校验，审计链完整')).toBeVisible();
  await server.stop();
  await server.start();
  await page.goto(server.url);
  await page.reload();

  await expect(page.getByRole('heading', { name: '登录', exact: true })).toBeVisible();
  await page.getByRole('button', { name: '所有密码都已遗忘？使用恢复密钥' }).click();
  await expect(page.getByRole('heading', { name: '使用恢复密钥' })).toBeVisible();
  // A typo in the key is named at the key's field, before anything else happens.
  const typo = recoveryKey.replace(/^./, (c) => (c === '7' ? '8' : '7'));
  await page.getByRole('textbox', { name: '恢复密钥' }).fill(typo);
  await page.getByRole('textbox', { name: '中心管理员登录名' }).fill(E2E_ADMIN.loginName);
  await page.getByRole('textbox', { name: '新密码', exact: true }).fill('Huifu-mima-2026');
  await page.getByRole('textbox', { name: '确认新密码' }).fill('Huifu-mima-2026');
  await page.getByRole('button', { name: '恢复并登录' }).click();
  await expect(page.getByText('恢复密钥有误（校验未通过），请逐组核对')).toBeVisible();
  await page.screenshot({ path: 'test-results/screens/recover-typo.png' });

  await page.getByRole('textbox', { name: '恢复密钥' }).fill(recoveryKey.toLowerCase().replace(/-/g, ' '));
  await page.getByRole('button', { name: '恢复并登录' }).click();
  await expect(page.getByRole('heading', { name: '今日接待' })).toBeVisible();
  await app.nav('案件列表');
  await expect(app.caseRows().filter({ hasText: '张秀英与李明邻里纠纷' })).toBeVisible();

  // The new password is the password from now on.
  await server.stop();
  await server.start();
  await page.goto(server.url);
  await page.reload();
  await app.signIn(E2E_ADMIN.loginName, 'Huifu-mima-2026');
  await expect(app.caseRows().filter({ hasText: '张秀英与李明邻里纠纷' })).toBeVisible();
});
