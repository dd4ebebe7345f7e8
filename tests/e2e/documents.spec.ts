import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { makePng } from '../fixtures/png';
import { expect, test } from './fixtures';
import { AppPage } from './pages/app';
import { DocumentsPanel } from './pages/documents';

const APPLICANT = { name: '张秀英', id: '11010519491231002X', phone: '13812345678', address: '青山县城关镇幸福小区3栋2单元501室' };
const RESPONDENT = { name: '李明', id: '110101199003070011', phone: '0571-87654321', address: '青山县城关镇建设路18号' };

/** A scratch directory for files the test hands to the browser or gets back from it. */
function scratch(): { dir: string; file: (name: string) => string; done: () => void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'mw-docs-e2e-'));
  return { dir, file: (name) => path.join(dir, name), done: () => rmSync(dir, { recursive: true, force: true }) };
}

async function registerCase(app: AppPage, page: Page): Promise<string> {
  await app.openRegisterForm();
  await app.fillDispute({ type: '邻里纠纷', subType: '噪音纠纷', summary: '申请人反映楼上住户长期深夜发出噪音，影响休息，多次协商未果。' });
  await app.fillPerson('申请人 1', APPLICANT);
  await app.fillPerson('被申请人 1', RESPONDENT);
  await app.submitRegistration();
  const banner = page.getByText(/已登记\s*（\d{4}）青调字第0001号/);
  await expect(banner).toBeVisible();
  const caseNumber = (await banner.textContent())!.match(/（\d{4}）青调字第0001号/)![0];
  await expect(page.getByRole('heading', { name: caseNumber })).toBeVisible();
  return caseNumber;
}

/** Notifications fade on their own; screenshots wait for them so that they show the screen itself. */
const noNotifications = (page: Page) => expect(page.locator('.mantine-Notification-root')).toHaveCount(0, { timeout: 15_000 });

test('preview the 受理登记表 page by page (pdf.js, no PDF plugin), issue it from the viewer, print and save it; the rights notice asks for the center phone, set in 人员与设置', async ({ page, server }) => {
  test.setTimeout(180_000);
  const tmp = scratch();
  const app = new AppPage(page, server);
  const docs = new DocumentsPanel(page);
  await app.open();
  await app.completeSetup();
  const caseNumber = await registerCase(app, page);

  // ── 预览: the real PDF as pages on canvases, marked as not issued; nothing is stored ──
  let issueCalls = 0;
  page.on('request', (req) => {
    if (req.url().endsWith('/api/documents:issue')) issueCalls += 1;
  });
  await docs.preview('人民调解受理登记表');
  const viewer = docs.viewer();
  await expect(viewer.getByText('预览（尚未出具）')).toBeVisible();
  const pages = await docs.pageCount();
  expect(pages).toBeGreaterThanOrEqual(1);
  await expect(docs.pageCanvases()).toHaveCount(pages);
  await docs.waitForPainted();
  // No plugin anywhere: no <iframe>, <embed> or <object> shows the PDF.
  await expect(page.locator('iframe, embed, object')).toHaveCount(0);
  expect(issueCalls).toBe(0);
  await expect(viewer.getByRole('button', { name: '打印' })).toHaveCount(0);
  await noNotifications(page);
  await page.screenshot({ path: 'test-results/screens/documents-preview.png' });
  if (pages > 1) {
    await viewer.getByRole('region', { name: /文书页面/ }).focus();
    await page.keyboard.press('PageDown');
    await expect(viewer.getByText(`第 2 页 / 共 ${pages} 页`)).toBeVisible();
    await page.keyboard.press('PageUp');
    await expect(viewer.getByText(`第 1 页 / 共 ${pages} 页`)).toBeVisible();
  }

  // ── 出具 in the viewer: the issued version replaces the preview, verified against its hash ──
  await noNotifications(page);
  const issuedResponse = page.waitForResponse((res) => res.url().endsWith('/api/documents:issue'));
  await viewer.getByRole('button', { name: '出具' }).click();
  const issued = await (await issuedResponse).json();
  expect(issued.ok, JSON.stringify(issued.error)).toBe(true);
  const hash = issued.value.document.files.find((f: { format: string }) => f.format === 'pdf').sha256 as string;
  await expect(viewer.getByText('预览（尚未出具）')).toHaveCount(0);
  await expect(viewer.getByText('第1版', { exact: true })).toBeVisible();
  await expect(viewer.getByText('文件校验一致')).toBeVisible();
  await expect(viewer.getByText(`SHA-256 ${hash.slice(0, 12)}`)).toBeVisible();
  await docs.waitForPainted();

  // 打印: the pages as images in a print-only container, one per A4 sheet, no margins added.
  await page.evaluate(() => {
    (window as unknown as { printCalls: number }).printCalls = 0;
    window.print = () => void ((window as unknown as { printCalls: number }).printCalls += 1);
  });
  await viewer.getByRole('button', { name: '打印' }).click();
  await expect.poll(() => page.evaluate(() => (window as unknown as { printCalls: number }).printCalls)).toBe(1);
  await expect(page.locator('.print-pages img')).toHaveCount(pages);
  await page.emulateMedia({ media: 'print' });
  const printed = tmp.file('printed.pdf');
  await page.pdf({ path: printed, preferCSSPageSize: true, printBackground: true });
  await page.emulateMedia({ media: 'screen' });
  // Back on screen after printing, the pages are still drawn (they were unmounted while the viewer had no width).
  await docs.waitForPainted();
  const info = execFileSync('pdfinfo', [printed], { encoding: 'utf8' });
  expect(Number(info.match(/Pages:\s+(\d+)/)![1])).toBe(pages);
  expect(info).toMatch(/Page size:\s+59[45](\.\d+)? x 84[12](\.\d+)? pts \(A4\)/);

  // 保存PDF: the stored bytes, under a readable Chinese name.
  const save = viewer.getByRole('link', { name: '保存PDF' });
  await expect(save).toHaveAttribute('download', `人民调解受理登记表-${caseNumber}-第1版.pdf`);
  const [download] = await Promise.all([page.waitForEvent('download'), save.click()]);
  expect(download.suggestedFilename()).toBe(`人民调解受理登记表-${caseNumber}-第1版.pdf`);
  await download.saveAs(tmp.file('saved.pdf'));
  expect(readFileSync(tmp.file('saved.pdf')).toString('base64')).toBe(issued.value.pdfBase64);

  // 下载Word: the DOCX stored beside the PDF, under the same name pattern, byte for byte the hashed file.
  const [word] = await Promise.all([page.waitForEvent('download'), viewer.getByRole('button', { name: '下载Word' }).click()]);
  expect(word.suggestedFilename()).toBe(`人民调解受理登记表-${caseNumber}-第1版.docx`);
  await word.saveAs(tmp.file('saved.docx'));
  const docxBytes = readFileSync(tmp.file('saved.docx'));
  expect(docxBytes.subarray(0, 2).toString('latin1')).toBe('PK');
  const docxHash = issued.value.document.files.find((f: { format: string }) => f.format === 'docx').sha256;
  expect(createHash('sha256').update(docxBytes).digest('hex')).toBe(docxHash);
  await viewer.getByRole('button', { name: '下载Word' }).scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'test-results/screens/documents-viewer-buttons.png' });

  await noNotifications(page);
  await page.screenshot({ path: 'test-results/screens/documents-issued.png' });
  await page.keyboard.press('Escape');
  await expect(viewer).toBeHidden();

  // ── The list of versions: re-opened with documents:read, still intact ──
  await expect(docs.section()).toContainText('第1版');
  await docs.openVersion('人民调解受理登记表', 1);
  await expect(viewer.getByText('文件校验一致')).toBeVisible();
  expect(await docs.pageCount()).toBe(pages);
  await page.keyboard.press('Escape');

  // ── The rights notice needs the center's phone: said by name, with the way to 人员与设置 ──
  await docs.preview('人民调解当事人权利义务告知书');
  const missing = viewer.getByRole('alert');
  await expect(missing).toContainText('暂时无法生成《人民调解当事人权利义务告知书》');
  await expect(missing.getByTestId('missing-settings')).toContainText('中心联系电话');
  await expect(viewer.getByRole('button', { name: '出具' })).toHaveCount(0);
  await noNotifications(page);
  await page.waitForTimeout(400); // the modal's fade-in
  await page.screenshot({ path: 'test-results/screens/documents-missing-phone.png' });
  await missing.getByRole('button', { name: '前往人员与设置' }).click();
  await expect(page.getByRole('heading', { name: '人员与设置' })).toBeVisible();
  const phone = page.getByLabel('中心联系电话');
  await expect(phone).toBeFocused();
  // A wrong number is refused at the field, in Chinese.
  await phone.fill('12345');
  await phone.blur();
  await expect(page.getByText('手机号码应为以13至19开头的11位数字')).toBeVisible();
  await phone.fill('0571-87654321');
  await page.getByLabel('中心地址').fill('青山县城关镇人民路1号');
  await page.getByRole('region', { name: '中心设置' }).getByRole('button', { name: '保存' }).click();
  await expect(page.getByText('中心设置已保存')).toBeVisible();

  await app.nav('案件列表');
  await page.getByRole('button', { name: `打开案件 ${caseNumber}`, exact: true }).click();
  await expect(page.getByRole('heading', { name: caseNumber })).toBeVisible();
  await docs.preview('人民调解当事人权利义务告知书');
  await expect(viewer.getByText('预览（尚未出具）')).toBeVisible();
  expect(await docs.pageCount()).toBeGreaterThanOrEqual(1);
  await docs.waitForPainted();
  await expect(viewer.getByRole('alert')).toHaveCount(0);
  tmp.done();
});

test('印章与标志: a transparent PNG seal is stored and shown on a checkerboard, an opaque one is refused at the seal; the logo shows in the header', async ({ page, server }) => {
  const tmp = scratch();
  const app = new AppPage(page, server);
  await app.open();
  await app.completeSetup();
  writeFileSync(tmp.file('seal.png'), makePng(200));
  writeFileSync(tmp.file('opaque.png'), makePng(100, { alpha: false }));
  writeFileSync(tmp.file('logo.png'), makePng(64));

  await app.nav('人员与设置');
  const card = page.getByRole('region', { name: '印章与标志' });
  const seal = card.getByRole('group', { name: '人民调解委员会印章' });
  await expect(seal).toContainText('尚未设置');

  let setImageCalls = 0;
  // Counted: the attempts the host judged (the first answer asks for the password again, then the same call is made).
  page.on('response', async (res) => {
    if (!res.url().endsWith('/api/settings:set-image')) return;
    const body = (await res.json().catch(() => null)) as { error?: { code: string } } | null;
    if (body?.error?.code !== 'REAUTH_REQUIRED') setImageCalls += 1;
  });
  await seal.locator('input[type="file"]').setInputFiles(tmp.file('opaque.png'));
  await expect(seal.getByRole('alert')).toHaveText('印章图片须为透明背景的PNG，以免遮挡文字：此图片没有透明通道。请用图片软件去除白色背景后另存为PNG再上传');
  expect(setImageCalls).toBe(1);
  await expect(seal.getByRole('img', { name: '人民调解委员会印章（当前图片）' })).toHaveCount(0);

  await seal.locator('input[type="file"]').setInputFiles(tmp.file('seal.png'));
  await expect(seal.getByRole('img', { name: '人民调解委员会印章（当前图片）' })).toBeVisible();
  await expect(seal.getByRole('alert')).toHaveCount(0);
  await expect(seal).toContainText('200 × 200 像素');
  const images = await page.request.post(`${server.origin}/api/settings:images`, { headers: await server.apiHeaders(page), data: {} });
  const stored = (await images.json()).value.seal;
  expect(stored.pngBase64).toBe(makePng(200).toString('base64'));
  await expect(seal).toContainText(`SHA-256 ${stored.sha256.slice(0, 12)}`);

  // The logo: shown in the header next to the app name once set.
  const header = page.getByRole('banner');
  await expect(header.getByRole('img', { name: '中心标志' })).toHaveCount(0);
  const logo = card.getByRole('group', { name: '中心标志' });
  await logo.locator('input[type="file"]').setInputFiles(tmp.file('logo.png'));
  await expect(logo.getByRole('img', { name: '中心标志（当前图片）' })).toBeVisible();
  await expect(header.getByRole('img', { name: '中心标志' })).toBeVisible();
  expect((await header.getByRole('img', { name: '中心标志' }).boundingBox())!.height).toBeLessThanOrEqual(28.5);

  await noNotifications(page);
  await card.scrollIntoViewIfNeeded();
  await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
  await page.screenshot({ path: 'test-results/screens/settings-seal-logo.png' });

  // 清除 takes the logo away again, header included.
  await logo.getByRole('button', { name: '清除中心标志' }).click();
  await expect(logo).toContainText('尚未设置');
  await expect(header.getByRole('img', { name: '中心标志' })).toHaveCount(0);
  tmp.done();
});
