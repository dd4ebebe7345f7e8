import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from './fixtures';
import { makePng } from '../fixtures/png';
import { AppPage } from './pages/app';
import { SessionsPage } from './pages/sessions';
import { SigningDesk } from './pages/signing';

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

test('in a caucus with the applicants the respondent cannot be picked as speaker: the chip is disabled, Alt+3 does nothing, the draft moves to one who may speak; the host refuses such a statement', async ({ page, server }) => {
  test.setTimeout(180_000);
  const s = new SessionsPage(page, server);
  await s.app.open();
  await s.app.completeSetup();
  const { caseId } = await s.registerRoadTrafficCase();
  await s.scheduleSession('09:00');
  await s.enter('第1次调解');
  for (const who of ['申请人张秀英', '被申请人刘建华', '申请人张秀英的委托代理人赵志强']) await s.presence(who, '到场');
  await page.getByRole('button', { name: '开始调解' }).click();
  await expect(s.composer()).toBeFocused();

  // Joint: 1 调解员, 2 申请人张秀英, 3 被申请人刘建华, 4 代理人赵志强. The respondent may be chosen.
  const respondent = s.speakerChip('被申请人刘建华');
  await page.keyboard.press('Alt+Digit3');
  await expect(respondent).toHaveAttribute('aria-checked', 'true');
  await page.keyboard.type('我方');
  // Alt+B: the caucus with the applicants. The respondent's chip stays numbered in place but disabled; the draft leaves them.
  await page.keyboard.press('Alt+KeyB');
  await expect(page.getByText(/背对背（申请人一方）：此处记录/)).toBeVisible();
  await expect(respondent).toBeDisabled();
  await expect(respondent).toHaveAttribute('aria-checked', 'false');
  await expect(respondent).toHaveAttribute('title', '正在与申请人一方背对背调解：只有该方当事人、代理人和调解员、记录人可以发言');
  await expect(s.composer()).toHaveValue('我方');
  await page.keyboard.press('Alt+Digit4');
  await expect(s.speakerChip('代理人赵志强')).toHaveAttribute('aria-checked', 'true');
  await page.keyboard.press('Alt+Digit3');
  await expect(s.speakerChip('代理人赵志强')).toHaveAttribute('aria-checked', 'true');
  await expect(respondent).toHaveAttribute('aria-checked', 'false');
  await page.keyboard.type('可以接受三万元。');
  await page.keyboard.press('Alt+Digit3');
  await expect(respondent).toHaveAttribute('aria-checked', 'false');
  await page.getByRole('radiogroup', { name: '发言人' }).screenshot({ path: 'test-results/screens/integrity-caucus-speakers.png' });
  await page.keyboard.press('Enter');
  await expect(s.statements()).toHaveCount(1);
  await expect(s.statements().first()).toContainText('申请人张秀英的委托代理人赵志强');
  await expect(s.statements().first()).toContainText('背对背（申请人一方）');
  await s.waitSaved();
  await page.locator('[data-caucus]').first().screenshot({ path: 'test-results/screens/integrity-caucus-composer.png' }).catch(() => undefined);

  // Back to the joint session: the respondent may speak again.
  await page.getByRole('radiogroup', { name: '记录方式' }).getByText('共同调解').click();
  await expect(respondent).toBeEnabled();

  // The host judges the same rule: a caucus statement given to the respondent is refused at the statement.
  const sessionId = (await s.api<{ record: { sessions: { id: string }[] } }>('cases:get', { id: caseId })).record.sessions[0]!.id;
  const { session } = await s.api<{ session: { id: string; revision: number; attendees: { id: string; kind: string; relation: string }[]; statements: unknown[] } }>('sessions:get', { caseId, sessionId });
  const who = session.attendees.find((a) => a.kind === 'party' && a.relation === '被申请人')!;
  const forged = { id: crypto.randomUUID(), speakerId: who.id, kind: 'answer', text: '最多两万。', startedAt: new Date().toISOString(), marks: [], caucus: 'applicant' };
  const res = await page.request.post(`${server.origin}/api/sessions:save`, {
    headers: await server.apiHeaders(page),
    data: { input: { caseId, sessionId, revision: session.revision, content: { attendees: session.attendees, statements: [...session.statements, forged] } } },
  });
  const body = (await res.json()) as { ok: boolean; error?: { code: string; issues?: { code: string; path: (string | number)[] }[] } };
  expect(body.ok).toBe(false);
  expect(body.error?.issues?.[0]).toMatchObject({ code: 'CAUCUS_SPEAKER', path: ['content', 'statements', 1, 'speakerId'] });
});

test('a company seal on paper with no scan uploaded asks why; registered with the reason, the desk shows 待上传纸质签署扫描件 until the scan is uploaded', async ({ page, server }) => {
  test.setTimeout(240_000);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'mw-integrity-'));
  try {
    const desk = new SigningDesk(page, server);
    await page.setViewportSize({ width: 1680, height: 1050 });
    await desk.app.open();
    await desk.app.completeSetup();
    const { caseNumber } = await desk.approvedAgreement();
    await desk.openSigning(caseNumber);
    const company = '被申请人义乌市顺达货运有限公司';
    await desk.choose(company);
    await desk.signPanel().getByText('我已核对纸质协议上的签署').click();
    await desk.signPanel().getByRole('button', { name: '登记纸质签署' }).click();
    const dialog = page.getByRole('dialog', { name: '登记纸质签署' });
    const reason = dialog.getByRole('textbox', { name: '扫描件稍后上传的原因' });
    await expect(reason).toBeVisible();
    await dialog.getByRole('button', { name: '登记纸质签署' }).click();
    await expect(dialog).toContainText('请填写扫描件稍后上传的原因，或先上传签署后的扫描件');
    await expect(desk.signerRow(company)).not.toContainText('已签署');
    await dialog.screenshot({ path: 'test-results/screens/integrity-paper-reason.png' });
    await reason.fill('扫描仪故障');
    await dialog.getByRole('button', { name: '登记纸质签署' }).click();
    await expect(dialog).toBeHidden();
    await expect(desk.signerRow(company)).toContainText('已签署');
    const awaited = page.getByTestId('scan-awaited');
    await expect(awaited).toContainText('待上传纸质签署扫描件');
    await expect(awaited).toContainText(`${company}的纸质签署已登记，扫描件稍后上传（扫描仪故障）`);
    await desk.noNotifications();
    await awaited.screenshot({ path: 'test-results/screens/integrity-scan-awaited.png' });
    // The scan of the printed version comes in: nothing is awaited any more.
    writeFileSync(path.join(dir, 'scan.png'), makePng(120));
    await desk.printAndUploadScan(path.join(dir, 'scan.png'));
    await expect(awaited).toHaveCount(0);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
