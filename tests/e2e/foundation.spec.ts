import { expect, test } from './fixtures';
import { AppPage } from './pages/app';

const APPLICANT = { name: '张秀英', id: '11010519491231002X', phone: '13812345678', address: '青山县城关镇幸福小区3栋2单元501室' };
const RESPONDENT = { name: '李明', id: '110101199003070011', phone: '0571-87654321' };

test('register a case, see it listed, restart the server, it is still there', async ({ page, server }) => {
  const app = new AppPage(page, server);
  await app.open();
  await app.completeSetup();

  await app.nav('登记案件');
  await app.fillDispute({ type: '邻里纠纷', subType: '噪音纠纷', summary: '申请人反映楼上住户长期深夜发出噪音，影响休息，多次协商未果。' });
  await app.fillPerson('申请人 1', APPLICANT);
  await app.fillPerson('被申请人 1', RESPONDENT);
  await app.submitRegistration();
  await expect(page.getByText('已登记 （2026）青调字第0001号').or(page.getByText(/已登记\s*（\d{4}）青调字第0001号/))).toBeVisible();

  await app.nav('案件列表');
  await expect(page.getByText('共 1 件')).toBeVisible();
  const row = app.caseRows().filter({ hasText: '张秀英与李明邻里纠纷' });
  await expect(row).toContainText(/（\d{4}）青调字第0001号/);
  await expect(row).toContainText('待受理');

  await server.stop();
  await server.start();
  // The server comes back on the port it keeps for its data folder: the same address, so the page is reloaded.
  await page.goto(server.url);
  await page.reload();
  // The browser kept the page; after a restart the staff member signs in again.
  await app.signIn();
  await expect(app.caseRows().filter({ hasText: '张秀英与李明邻里纠纷' })).toContainText(/青调字第0001号/);
  await expect(page.getByText('共 1 件')).toBeVisible();
  await page.screenshot({ path: 'test-results/screens/case-list-after-restart.png' });
});

test('a bad ID number shows the Chinese error at the field and nothing is saved', async ({ page, server }) => {
  const app = new AppPage(page, server);
  await app.open();
  await app.completeSetup();

  await app.nav('登记案件');
  await app.fillDispute({ type: '邻里纠纷', subType: '噪音纠纷', summary: '噪音扰民。' });
  await app.fillPerson('申请人 1', { ...APPLICANT, id: '110105194912310021' });
  await app.fillPerson('被申请人 1', RESPONDENT);
  const idField = app.party('申请人 1').getByLabel('证件号码');
  await idField.blur();
  const error = app.party('申请人 1').getByText('身份证号码校验位错误：最后一位应为“X”，请核对号码');
  await expect(error).toBeVisible();

  let createCalls = 0;
  page.on('request', (req) => {
    if (req.url().endsWith('/api/cases:create')) createCalls += 1;
  });
  await app.submitRegistration();
  await expect(idField).toBeFocused();
  await expect(error).toBeVisible();
  await page.screenshot({ path: 'test-results/screens/register-bad-id.png', fullPage: true });

  await app.nav('案件列表');
  await expect(page.getByText('暂无案件')).toBeVisible();
  expect(createCalls).toBe(0);
});

test('the API refuses calls without the launch token', async ({ request, server }) => {
  const res = await request.post(`${server.origin}/api/cases:list`, { data: { input: { page: 1, pageSize: 20 } } });
  expect(res.status()).toBe(401);
  expect((await res.json()).error.code).toBe('FORBIDDEN');
});
