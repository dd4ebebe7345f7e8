/**
 * 数据完整性凭证, as the people who keep the records use it: a legal advisor / head signs one (with the password
 * again), prints its page for the paper register, and later checks a root copied from the paper; a root copied wrong
 * is said not to match, and a root that is not 64 hex digits is named at the field.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from './fixtures';
import { AppPage } from './pages/app';

const APPLICANT = { name: '张秀英', id: '11010519491231002X', phone: '13812345678', address: '青山县城关镇幸福小区3栋2单元501室' };
const RESPONDENT = { name: '李明', id: '110101199003070011', phone: '0571-87654321' };

test('sign a checkpoint, print its page, and check the root copied from the paper', async ({ page, server }) => {
  const app = new AppPage(page, server);
  await app.open();
  await app.completeSetup();
  await app.nav('登记案件');
  await app.fillDispute({ type: '邻里纠纷', subType: '噪音纠纷', summary: '申请人反映楼上住户长期深夜发出噪音，影响休息，多次协商未果。' });
  await app.fillPerson('申请人 1', APPLICANT);
  await app.fillPerson('被申请人 1', RESPONDENT);
  await app.submitRegistration();
  await expect(page.getByText(/已登记\s*（\d{4}）青调字第0001号/)).toBeVisible();

  // ── 立即签署凭证 (the password again: the fixture's dialog handler answers it) ──
  await app.nav('人员与设置');
  const card = page.locator('#integrity-checkpoints');
  await expect(card.getByText('尚未签署数据完整性凭证')).toBeVisible();
  await card.getByRole('button', { name: '立即签署凭证' }).click();
  const rows = card.getByRole('table', { name: '完整性凭证' }).getByRole('row');
  await expect(rows.filter({ hasText: '第 1 号' })).toBeVisible();
  const first = rows.filter({ hasText: '第 1 号' });
  await expect(first).toContainText('手动签署');
  await expect(first).toContainText('全部核对');
  await expect(first).toContainText('王建国');
  const shortRoot = (await first.getByText(/^[0-9a-f]{4} [0-9a-f]{4} [0-9a-f]{4} [0-9a-f]{4}$/).innerText()).trim();
  await card.screenshot({ path: 'test-results/screens/checkpoints-card.png' });

  // ── 打印凭证: the page in the app's PDF viewer, one A4 sheet, printed from there ──
  await first.getByRole('button', { name: /打印凭证/ }).click();
  const viewer = page.getByRole('dialog', { name: '数据完整性凭证 第1号' });
  await expect(viewer.getByText('第 1 页 / 共 1 页')).toBeVisible();
  await expect(viewer.locator('canvas').first()).toBeVisible();
  await page.screenshot({ path: 'test-results/screens/checkpoint-pdf.png' });
  await page.evaluate(() => {
    (window as unknown as { printCalls: number }).printCalls = 0;
    window.print = () => void ((window as unknown as { printCalls: number }).printCalls += 1);
  });
  await viewer.getByRole('button', { name: '打印', exact: true }).click();
  await expect.poll(() => page.evaluate(() => (window as unknown as { printCalls: number }).printCalls)).toBe(1);
  await expect(page.locator('.print-pages img')).toHaveCount(1);

  // What was printed, read back as the register clerk would copy it: the root in 16 groups of 4.
  const response = await page.request.post(`${server.origin}/api/integrity:checkpoint-pdf`, { headers: await server.apiHeaders(page), data: { input: { number: 1 } } });
  const body = (await response.json()) as { ok: boolean; value: { pdfBase64: string } };
  expect(body.ok).toBe(true);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'mw-checkpoint-'));
  const file = path.join(dir, 'checkpoint.pdf');
  writeFileSync(file, Buffer.from(body.value.pdfBase64, 'base64'));
  const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' });
  rmSync(dir, { recursive: true, force: true });
  expect(text).toContain('数据完整性凭证');
  expect(text).toContain('青山县矛盾纠纷调处化解中心');
  // The grid stands between the label 根值 and its note, one group a cell, row by row.
  const grid = text.slice(text.indexOf('涵盖范围'), text.indexOf('SHA-256，共64位'));
  const printedRoot = grid.slice(grid.lastIndexOf('值') + 1).replace(/\s/g, '').match(/.{4}/g) ?? [];
  expect(printedRoot.join(''), JSON.stringify(grid)).toMatch(/^[0-9a-f]{64}$/);
  expect(printedRoot.slice(0, 4).join(' ')).toBe(shortRoot);
  await page.keyboard.press('Escape');
  await expect(viewer).toHaveCount(0);

  // ── 核对纸质凭证: as copied, with spaces and in capitals ──
  await card.getByRole('button', { name: '核对纸质凭证' }).click();
  const form = card.getByRole('form', { name: '核对纸质凭证' });
  await form.getByRole('textbox', { name: '凭证编号' }).fill('1');
  await form.getByRole('textbox', { name: '根值' }).fill(printedRoot.join(' ').toUpperCase());
  await form.getByRole('button', { name: '核对' }).click();
  await expect(form.getByRole('status')).toContainText('一致：第 1 号凭证与纸质凭证相符');
  await card.screenshot({ path: 'test-results/screens/checkpoint-compare-match.png' });

  // One group copied wrong.
  const typo = [...printedRoot];
  typo[5] = typo[5] === '0000' ? '1111' : '0000';
  await form.getByRole('textbox', { name: '根值' }).fill(typo.join(' '));
  await form.getByRole('button', { name: '核对' }).click();
  await expect(form.getByRole('alert')).toContainText('不一致：系统中第 1 号凭证的根值与纸质凭证不符');

  // Not a root at all: said at the field, nothing sent.
  await form.getByRole('textbox', { name: '根值' }).fill('3f9a 0c1b');
  await form.getByRole('textbox', { name: '凭证编号' }).fill('第一号');
  await form.getByRole('button', { name: '核对' }).click();
  await expect(form.getByText('请输入凭证上印的根值：64位十六进制数字（0–9、a–f），可含空格')).toBeVisible();
  await expect(form.getByText('凭证编号是正整数')).toBeVisible();
  await card.screenshot({ path: 'test-results/screens/checkpoint-compare-invalid.png' });

  // A number the system has none of.
  await form.getByRole('textbox', { name: '凭证编号' }).fill('7');
  await form.getByRole('textbox', { name: '根值' }).fill(printedRoot.join(''));
  await form.getByRole('button', { name: '核对' }).click();
  await expect(form.getByRole('alert')).toContainText('查无此凭证');
  await expect(form.getByRole('alert')).toContainText('系统中没有第7号数据完整性凭证');

  // The same card on 文书核验, where a head or legal advisor who is no administrator finds it.
  await page.getByRole('navigation').getByRole('button', { name: '文书核验' }).click();
  await expect(page.locator('#integrity-checkpoints').getByRole('row').filter({ hasText: '第 1 号' })).toBeVisible();
});
