import { execFileSync } from 'node:child_process';
import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { AppPage } from './pages/app';

const APPLICANT_1 = { name: '张秀英', id: '11010519491231002X', phone: '13812345678', address: '青山县城关镇幸福小区3栋2单元501室', requests: '赔偿医疗费、误工费共计45800元' };
const APPLICANT_2 = { name: '李明', id: '110101199003070011', phone: '13900001111', address: '青山县城关镇建设路18号' };
const COMPANY = { name: '青山运输有限公司', code: '91350100M000100Y43', representative: '陈国强', phone: '0591-87654321' };
const AGENT = { principal: /^申请人 1 张秀英/, name: '赵志强', id: '110101198001010010', phone: '13700002222', unit: '青山律师事务所', special: true };
const SUMMARY = '2026年11月20日，被申请人公司车辆在城关镇建设路口与申请人骑行的电动车相撞，造成申请人受伤、车辆损坏，双方就赔偿金额协商未果。';

/** The text of a PDF, via poppler's pdftotext. */
function pdfText(base64: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'mw-pdf-'));
  try {
    const file = path.join(dir, 'doc.pdf');
    writeFileSync(file, Buffer.from(base64, 'base64'));
    return execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** pdftotext may break a long line or put spaces between CJK glyphs; compare without whitespace. */
const squash = (s: string) => s.replace(/\s+/g, '');

async function fillRoadTrafficDispute(app: AppPage, page: Page) {
  // Keyboard first: the form opens with 纠纷类型 focused; typing filters, Enter takes the match, Enter moves on.
  await expect(page.getByRole('combobox', { name: '纠纷类型' })).toBeFocused();
  await page.keyboard.type('交通');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('combobox', { name: '纠纷类型' })).toHaveValue('13 道路交通事故纠纷');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('combobox', { name: '子类型' })).toBeFocused();
  await page.keyboard.press('ArrowDown');
  // Enter must reach the open list's active option, not the closed field: on a loaded machine the list opens, and
  // marks its first option active, a frame or two later; if it opened without one, ArrowDown makes the first active.
  const first = page.getByRole('option', { name: '人身损害赔偿纠纷' });
  await expect(first).toBeVisible();
  // A late first ArrowDown and a second one would pass the first option: step back up to it rather than guess.
  await expect(async () => {
    if ((await first.getAttribute('data-combobox-selected')) !== 'true') {
      await page.keyboard.press((await page.locator('[data-combobox-selected]').count()) === 0 ? 'ArrowDown' : 'ArrowUp');
    }
    await expect(first).toHaveAttribute('data-combobox-selected', 'true', { timeout: 1500 });
  }).toPass({ timeout: 20_000 });
  await page.keyboard.press('Enter');
  await expect(page.getByRole('combobox', { name: '子类型' })).toHaveValue('人身损害赔偿纠纷');
  await page.getByLabel('发生地点').fill('青山县城关镇建设路口');
  await page.getByLabel('纠纷简要情况').fill(SUMMARY);
  await page.getByLabel('涉及金额（元）').fill('45800');
}

test('one-stop intake: register a road-traffic dispute, accept it, assign a mediator at the desk, print the 受理登记表; a second visit of the same person shows the first case', async ({ page, server }) => {
  test.setTimeout(180_000);
  const app = new AppPage(page, server);
  await app.open();
  await app.completeSetup();

  // ── Register: two applicants, one respondent company, an agent ──
  await app.openRegisterForm();
  await fillRoadTrafficDispute(app, page);
  await app.fillPerson('申请人 1', APPLICANT_1);
  await app.addParty('申请人');
  await app.fillPerson('申请人 2', APPLICANT_2);
  await app.fillOrganization('被申请人 1', COMPANY);
  await app.addAgent(1, AGENT);
  // A valid ID fills birth date and gender.
  await expect(app.party('申请人 2').getByLabel('出生日期')).toHaveValue('1990-03-07');
  await expect(app.relatedPanel()).toContainText('未发现关联案件');
  await expect(page.getByText('初始设置已完成')).toBeHidden({ timeout: 10_000 });
  // The whole form in one picture, as a clerk sees it scrolling (a tall viewport keeps the sticky bars in place).
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  await page.setViewportSize({ width: 1440, height });
  await page.waitForTimeout(300);
  await page.screenshot({ path: 'test-results/screens/intake-form-filled.png' });
  await page.setViewportSize({ width: 1440, height: 900 });

  let created: { caseNumber: string; id: string } | null = null;
  page.on('response', async (res) => {
    if (res.url().endsWith('/api/cases:create')) created = (await res.json()).value;
  });
  // Ctrl+Enter registers from anywhere in the form.
  await app.party('申请人 1').getByLabel('住址').focus();
  await page.keyboard.press('Control+Enter');
  await expect(page.getByText(/已登记\s*（\d{4}）青调字第0001号/)).toBeVisible();
  await expect(app.decisionPanel()).toBeVisible();
  expect(created).not.toBeNull();
  const caseNumber = created!.caseNumber;
  await expect(page.getByRole('heading', { name: caseNumber })).toBeVisible();

  // ── Accept without naming a mediator yet: the room is prefilled for the dispute type, the deadline by the rule ──
  const panel = app.decisionPanel();
  await expect(panel.getByRole('combobox', { name: '调解室' })).toHaveValue('交通事故调解室');
  await expect(panel.getByText(/一般纠纷：自受理之日起30日/)).toBeVisible();
  // A deadline in the past is refused at the field, in Chinese, and nothing is sent.
  let acceptCalls = 0;
  page.on('request', (req) => {
    if (req.url().endsWith('/api/cases:accept')) acceptCalls += 1;
  });
  await panel.getByLabel('调解期限').fill('2020-01-01');
  await panel.getByLabel('调解期限').blur();
  await panel.getByRole('button', { name: '受理', exact: true }).click();
  await expect(panel.getByText('调解期限不能早于今天')).toBeVisible();
  expect(acceptCalls).toBe(0);
  await page.screenshot({ path: 'test-results/screens/intake-decision.png', fullPage: false });
  const due = (await panel.getByText(/默认至 \d{4}-\d{2}-\d{2}/).textContent())!.match(/\d{4}-\d{2}-\d{2}/)![0];
  await panel.getByLabel('调解期限').fill(due);
  await panel.getByLabel('调解期限').blur();
  await panel.getByRole('button', { name: '受理', exact: true }).click();
  await expect(page.getByText(`已受理，调解期限至 ${due}`)).toBeVisible();
  await expect(page.getByRole('region', { name: '承办信息' })).toContainText('待分派');
  await expect(page.getByRole('region', { name: '承办信息' })).toContainText(due);

  // ── Print the 受理登记表: the PDF holds every party's name, the case number and the dispute type ──
  // 预览 first (the real PDF, not stored), then 出具 in the viewer.
  await app.documentsSection().getByRole('button', { name: '预览 人民调解受理登记表' }).click();
  const issued = page.waitForResponse((res) => res.url().endsWith('/api/documents:issue'));
  await page.getByRole('dialog').getByRole('button', { name: '出具' }).click();
  const body = await (await issued).json();
  expect(body.ok, JSON.stringify(body.error)).toBe(true);
  const text = squash(pdfText(body.value.pdfBase64));
  for (const name of [APPLICANT_1.name, APPLICANT_2.name, COMPANY.name, AGENT.name]) expect(text).toContain(name);
  expect(text).toContain(squash(caseNumber));
  expect(text).toContain('道路交通事故纠纷');
  const preview = page.getByRole('dialog');
  await expect(preview).toContainText('人民调解受理登记表');
  await expect(preview.getByText('第1版', { exact: true })).toBeVisible();
  await expect(preview.getByRole('link', { name: '保存PDF' })).toHaveAttribute('download', `人民调解受理登记表-${caseNumber}-第1版.pdf`);
  await expect(preview.getByRole('button', { name: '打印' })).toBeVisible();
  await page.waitForTimeout(500);
  await page.screenshot({ path: 'test-results/screens/intake-print-preview.png' });
  await page.keyboard.press('Escape');
  await expect(app.documentsSection()).toContainText('第1版');
  // The same bytes come back from documents:read, and they are intact.
  const read = await page.request.post(`${server.origin}/api/documents:read`, {
    headers: await server.apiHeaders(page),
    data: { input: { caseId: created!.id, documentId: body.value.document.id } },
  });
  const readBody = await read.json();
  expect(readBody.ok).toBe(true);
  expect(readBody.value.intact).toBe(true);
  expect(readBody.value.pdfBase64).toBe(body.value.pdfBase64);
  // An issued file altered on disk (it is sealed: the change fails authentication) is refused, never shown, when
  // re-opened from the list of versions; the viewer says why.
  const pdfFile = body.value.document.files.find((f: { format: string }) => f.format === 'pdf').file as string;
  appendFileSync(path.join(server.dataDir, 'cases', created!.id, 'documents', pdfFile), '%tampered\n');
  await app.documentsSection().getByRole('button', { name: /查看 人民调解受理登记表 第1版/ }).click();
  await expect(page.getByRole('dialog')).toContainText('《人民调解受理登记表》第1版的文件未通过完整性校验');
  await expect(page.getByRole('dialog').locator('canvas')).toHaveCount(0);
  await page.keyboard.press('Escape');

  // ── A second visit: a bad ID is refused at the field; the same ID shows the first case as related (strong) ──
  await app.openRegisterForm();
  await app.fillDispute({ type: '道路交通事故纠纷', subType: '财产损失赔偿纠纷', summary: '同一事故车辆维修费用争议。' });
  const id = app.party('申请人 1').getByLabel('证件号码');
  await app.fillPerson('申请人 1', { name: APPLICANT_2.name, id: '110101199003070012', phone: '13900001111' });
  await id.blur();
  await expect(app.party('申请人 1').getByText(/身份证号码校验位错误/)).toBeVisible();
  await id.fill(APPLICANT_2.id);
  await expect(app.party('申请人 1').getByText(/身份证号码校验位错误/)).toBeHidden();
  const related = app.relatedPanel();
  const strong = related.getByRole('button', { name: `打开案件 ${caseNumber}（登记草稿会保留）` });
  await expect(strong).toBeVisible();
  await expect(strong).toHaveAttribute('data-strength', 'strong');
  await expect(strong).toContainText('证件号码一致');
  await expect(strong).toContainText('待分派');
  await app.fillOrganization('被申请人 1', COMPANY);
  // The company's credit code is a match of its own.
  await expect(strong).toContainText('统一社会信用代码一致');
  await expect(page.locator('.mantine-Notification-root')).toHaveCount(0, { timeout: 10_000 });
  await page.screenshot({ path: 'test-results/screens/intake-related-strong.png', fullPage: false });
  await app.submitRegistration();
  await expect(page.getByText(/已登记\s*（\d{4}）青调字第0002号/)).toBeVisible();

  // ── Today's desk: the second visitor waits for a decision; the first case waits for a mediator ──
  await app.nav('今日接待');
  const today = page.getByRole('table', { name: '今日登记' });
  await expect(today.getByRole('row')).toHaveCount(3);
  await expect(today.getByRole('row').filter({ hasText: '青调字第0002号' })).toContainText(/已等待 (不足 1|\d+) 分钟/);
  await expect(today.getByRole('row').filter({ hasText: '青调字第0001号' })).toContainText(/用时 (不足 1|\d+) 分钟/);
  const awaiting = page.getByRole('table', { name: '待分派调解员' });
  await expect(awaiting.getByRole('row').filter({ hasText: caseNumber })).toBeVisible();
  await expect(page.locator('.mantine-Notification-root')).toHaveCount(0, { timeout: 10_000 });
  await page.screenshot({ path: 'test-results/screens/intake-desk.png', fullPage: true });

  // Assign the mediator right from the desk.
  await awaiting.getByRole('button', { name: `指派 ${caseNumber}` }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('combobox', { name: '调解员' }).click();
  await page.getByRole('option', { name: /^王建国（在办 \d+ 件）/ }).click();
  await page.keyboard.press('Escape');
  await dialog.getByRole('button', { name: '指派', exact: true }).click();
  await expect(page.getByText('已指派调解员 王建国')).toBeVisible();
  await expect(page.getByText('没有等待分派调解员的案件')).toBeVisible();
  await expect(today.getByRole('row').filter({ hasText: '青调字第0001号' })).toContainText('调解中');

  // The case shows its mediator and deadline; the list shows the deadline too.
  await today.getByRole('button', { name: `打开案件 ${caseNumber}` }).click();
  await expect(page.getByRole('region', { name: '承办信息' })).toContainText('王建国');
  await expect(page.getByRole('region', { name: '承办信息' })).toContainText(due);
  await expect(page.locator('.mantine-Notification-root')).toHaveCount(0, { timeout: 10_000 });
  await page.screenshot({ path: 'test-results/screens/intake-case-assigned.png', fullPage: true });
  await app.nav('案件列表');
  await expect(app.caseRows().filter({ hasText: caseNumber })).toContainText(due);
});

test('a half-filled registration survives a reload and can be discarded', async ({ page, server }) => {
  const app = new AppPage(page, server);
  await app.open();
  await app.completeSetup();
  await app.openRegisterForm();
  await app.fillDispute({ type: '邻里纠纷', subType: '噪音纠纷', summary: '楼上住户深夜噪音。' });
  await app.fillPerson('申请人 1', { name: '陈伟', id: '110101199003070011' });
  await expect(page.getByText(/草稿已自动保存 \d{2}:\d{2}/)).toBeVisible();

  await page.reload();
  // The host may or may not still know who is signed in (sign-in is per launch): sign in again if asked.
  const signIn = page.getByRole('heading', { name: '登录', exact: true });
  await expect(signIn.or(page.getByRole('heading', { name: '今日接待' }))).toBeVisible();
  if (await signIn.isVisible()) await app.signIn();
  await app.openRegisterForm();
  await expect(page.getByText(/已恢复未保存的登记草稿（保存于 \d{2}:\d{2}）/)).toBeVisible();
  await expect(app.party('申请人 1').getByLabel('姓名')).toHaveValue('陈伟');
  await expect(page.getByLabel('纠纷简要情况')).toHaveValue('楼上住户深夜噪音。');
  await expect(page.getByRole('combobox', { name: '子类型' })).toHaveValue('噪音纠纷');

  await page.getByRole('button', { name: '放弃草稿' }).click();
  await expect(page.getByText('草稿已放弃')).toBeVisible();
  await expect(app.party('申请人 1').getByLabel('姓名')).toHaveValue('');
  await app.nav('案件列表');
  await app.openRegisterForm();
  await expect(page.getByText(/已恢复未保存的登记草稿/)).toBeHidden();
});
