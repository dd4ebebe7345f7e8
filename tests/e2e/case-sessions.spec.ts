import { makePng } from '../fixtures/png';
import { expect, test } from './fixtures';
import { AppPage } from './pages/app';

/**
 * The case page once a case is taken on: sessions scheduled through the dialog, material added and viewed (checked
 * against its hash), and the timeline that merges them with the history.
 */
test('schedule a session and an investigation, add a photo and view it, and see both in 办理经过', async ({ page, server }) => {
  test.setTimeout(120_000);
  const app = new AppPage(page, server);
  await app.open();
  await app.completeSetup();
  await app.openRegisterForm();
  await app.fillDispute({ type: '邻里纠纷', subType: '噪音纠纷', summary: '申请人反映楼上住户长期深夜发出噪音，影响休息，多次协商未果。' });
  await app.fillPerson('申请人 1', { name: '张秀英', id: '11010519491231002X', phone: '13812345678', address: '青山县城关镇幸福小区3栋2单元501室' });
  await app.fillPerson('被申请人 1', { name: '李明', id: '110101199003070011', phone: '13900001111', address: '青山县城关镇幸福小区3栋2单元601室' });
  await app.submitRegistration();
  await expect(page.getByRole('heading', { name: /青调字第0001号/ })).toBeVisible();

  const sessions = page.getByRole('region', { name: '调解与调查' });
  // Not assigned yet: no session can be scheduled, and the section says why.
  await app.accept();
  await expect(sessions.getByText(/案件尚未指派调解员/)).toBeVisible();
  await expect(sessions.getByRole('button', { name: '安排调解' })).toBeDisabled();
  const assign = page.getByRole('region', { name: '指派调解员' });
  await assign.getByRole('combobox', { name: '调解员' }).click();
  await page.getByRole('option', { name: /^王建国/ }).click();
  await page.keyboard.press('Escape');
  await assign.getByRole('button', { name: '指派', exact: true }).click();
  await expect(assign).toBeHidden();
  await expect(sessions.getByRole('button', { name: '安排调解' })).toBeEnabled();

  // ── 安排调解: date (today), time, the case's room and mediator by default ──
  await sessions.getByRole('button', { name: '安排调解' }).click();
  const dialog = page.getByRole('dialog', { name: '安排调解' });
  await dialog.getByLabel('时间').fill('09:30');
  await expect(dialog.getByRole('combobox', { name: '地点' })).not.toHaveValue('');
  await dialog.getByRole('button', { name: '安排', exact: true }).click();
  await expect(dialog).toBeHidden();
  const first = sessions.getByRole('listitem', { name: '第1次调解' });
  await expect(first.getByText('已安排')).toBeVisible();
  await expect(first.getByText(/9:30 · .+调解室$/)).toBeVisible();
  await expect(first.getByText('调解员 王建国')).toBeVisible();
  await expect(first.getByRole('button', { name: '进入记录' })).toBeVisible();

  // ── 安排调查 of a witness, at a place typed in ──
  await sessions.getByRole('button', { name: '安排调查' }).click();
  const inv = page.getByRole('dialog', { name: '安排调查' });
  await inv.getByLabel('时间').fill('15:00');
  await inv.getByRole('combobox', { name: '地点' }).fill('幸福小区物业办公室');
  await inv.getByText('其他人员').click();
  await inv.getByLabel('姓名').fill('赵大妈');
  await inv.getByLabel('与纠纷的关系').fill('同楼层邻居');
  await inv.getByRole('button', { name: '安排', exact: true }).click();
  await expect(inv).toBeHidden();
  await expect(sessions.getByRole('listitem', { name: '第1次调查' }).getByText('调查人 王建国 · 被调查人：证人赵大妈')).toBeVisible();

  // ── 添加材料: a photo, labelled after its file name; viewed whole and verified ──
  const attachments = page.getByRole('region', { name: '证据与材料' });
  await attachments.getByRole('button', { name: '添加材料' }).click();
  const add = page.getByRole('dialog', { name: '添加材料' });
  await add.locator('input[type="file"]').setInputFiles({ name: '楼上噪音时段记录.png', mimeType: 'image/png', buffer: makePng(120) });
  await expect(add.getByLabel('材料名称')).toHaveValue('楼上噪音时段记录');
  await add.getByRole('button', { name: '添加', exact: true }).click();
  await expect(add).toBeHidden();
  await attachments.getByRole('button', { name: '查看 楼上噪音时段记录' }).click();
  const viewer = page.getByRole('dialog');
  await expect(viewer.getByAltText('楼上噪音时段记录（图片）')).toBeVisible();
  await expect(viewer.getByText('文件校验一致')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(viewer).toBeHidden();

  // ── 办理经过: the history, the photo and the sessions in one timeline ──
  const timeline = page.getByRole('region', { name: '办理经过' });
  for (const step of ['登记', '受理', '指派调解员', '添加材料“楼上噪音时段记录”', '第1次调解', '第1次调查']) {
    await expect(timeline.getByText(step, { exact: true })).toBeVisible();
  }
  await expect(page.locator('.mantine-Notification-root')).toHaveCount(0, { timeout: 15_000 });
  await page.screenshot({ path: 'test-results/screens/case-sessions.png', fullPage: true });
});
