import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from './fixtures';
import { makePng } from '../fixtures/png';
import { AppPage } from './pages/app';

/** Integrity rules (issue #12 item 9) seen through the UI: the seal's pixels, 四眼审核 in the settings, credit codes. */

test('a seal with an alpha channel but an opaque white background is refused at the seal with the reason; a transparent one is taken', async ({ page, server }) => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'mw-integrity-'));
  try {
    const app = new AppPage(page, server);
    await app.open();
    await app.completeSetup();
    // Both have an alpha channel; only the second is transparent where it should be.
    writeFileSync(path.join(dir, 'scan.png'), makePng(200, { alpha: true, opaqueBackground: true }));
    writeFileSync(path.join(dir, 'seal.png'), makePng(200, { alpha: true, filters: true }));
    await app.nav('人员与设置');
    const seal = page.getByRole('region', { name: '印章与标志' }).getByRole('group', { name: '人民调解委员会印章' });
    await seal.locator('input[type="file"]').setInputFiles(path.join(dir, 'scan.png'));
    await expect(seal.getByRole('alert')).toHaveText('印章图片须为透明背景的PNG，以免遮挡文字：图片四角和边缘不透明（像是带底色的扫描件）。请用图片软件去除白色背景后另存为PNG再上传');
    await expect(seal).toContainText('尚未设置');
    await seal.screenshot({ path: 'test-results/screens/integrity-seal-opaque.png' });
    await seal.locator('input[type="file"]').setInputFiles(path.join(dir, 'seal.png'));
    await expect(seal.getByRole('img', { name: '人民调解委员会印章（当前图片）' })).toBeVisible();
    await expect(seal.getByRole('alert')).toHaveCount(0);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('四眼审核 is on in the settings; turning it off shows a warning and is saved', async ({ page, server }) => {
  const app = new AppPage(page, server);
  await app.open();
  await app.completeSetup();
  await app.nav('人员与设置');
  const form = page.getByRole('form', { name: '中心设置' });
  const box = form.getByRole('checkbox', { name: /四眼审核/ });
  await expect(box).toBeChecked();
  await expect(form.getByTestId('four-eyes-off')).toHaveCount(0);
  await box.uncheck();
  await expect(form.getByTestId('four-eyes-off')).toHaveText('四眼审核已关闭：起草人可以审核通过自己起草的协议。仅在中心只有一名法律顾问时关闭。');
  await form.getByRole('button', { name: '保存' }).click();
  await expect(page.getByText('中心设置已保存')).toBeVisible();
  await box.scrollIntoViewIfNeeded();
  await box.locator('xpath=ancestor::div[contains(@class,"mantine-Grid-col")][1]').screenshot({ path: 'test-results/screens/integrity-four-eyes-off.png' });
  await page.reload();
  await app.nav('人员与设置');
  await expect(page.getByRole('form', { name: '中心设置' }).getByRole('checkbox', { name: /四眼审核/ })).not.toBeChecked();
});

test('a credit code whose embedded organisation code has a wrong check character is refused at the field', async ({ page, server }) => {
  const app = new AppPage(page, server);
  await app.open();
  await app.completeSetup();
  await app.openRegisterForm();
  // 91350100M000100Y43 with the organisation code's check 4 changed to 7 and the outer check recomputed (C).
  await app.fillOrganization('被申请人 1', { name: '青山运输有限公司', code: '91350100M000100Y7C', representative: '陈国强', phone: '0591-87654321' });
  const code = app.party('被申请人 1').getByLabel('统一社会信用代码');
  await code.blur();
  const error = app.party('被申请人 1').getByText('统一社会信用代码第9至17位（组织机构代码）校验位错误：第17位应为“4”，请核对营业执照');
  await expect(error).toBeVisible();
  await app.party('被申请人 1').screenshot({ path: 'test-results/screens/integrity-uscc-org-code.png' });
  await code.fill('91350100M000100Y43');
  await code.blur();
  await expect(error).toBeHidden();
});
