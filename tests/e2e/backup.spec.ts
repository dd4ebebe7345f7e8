import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AgreementView, CaseView, DocumentFile } from '../../electron/shared/ipc/contract';
import { ROAD_TRAFFIC_IDS, roadTrafficCaseInput } from '../fixtures/cases';
import { makePng } from '../fixtures/png';
import { AppServer } from './app-server';
import { expect, test } from './fixtures';
import { E2E_ADMIN } from './pages/api';
import { SigningDesk } from './pages/signing';

const SHOTS = 'test-results/screens';
const strokes = [{ points: [{ x: 10, y: 10, time: 1 }, { x: 60, y: 30, time: 20 }] }];

/**
 * Issue 15, done when: the administrator sets a backup folder, a backup runs, the desk shows its time; on a fresh data
 * folder 从备份恢复 with the recovery key brings back every case, and 文书核验 still verifies a signed agreement from it.
 */
test('the administrator backs the center up from 人员与设置; a new desk restores it with the recovery key, every case back, the signed agreement still verifies', async ({ page, server }) => {
  test.setTimeout(300_000);
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'mw-backup-e2e-'));
  const backupFolder = path.join(tmp, 'usb', '调解备份');
  const fresh = new AppServer(path.join(tmp, 'new-desk'));
  try {
    await page.setViewportSize({ width: 1440, height: 1000 });
    const desk = new SigningDesk(page, server);
    await desk.app.open();
    await desk.app.completeSetup();
    const recoveryKey = desk.app.recoveryKey;

    // ── a signed agreement (parties on paper with a reason, the mediator on the pad, the seal) and a second case ──
    const { caseId, caseNumber } = await desk.approvedAgreement();
    let view = await desk.api<AgreementView>('agreements:get', { caseId });
    const paper = { pngBase64: null, strokes: null, paperReason: '当事人在纸质协议上签署，扫描件稍后上传' };
    view = await desk.api<AgreementView>('agreements:sign', { caseId, revision: view.agreement.revision, signerId: ROAD_TRAFFIC_IDS.applicant1, method: 'paper_fingerprint', ...paper });
    view = await desk.api<AgreementView>('agreements:sign', { caseId, revision: view.agreement.revision, signerId: ROAD_TRAFFIC_IDS.applicant2, method: 'paper_fingerprint', ...paper });
    view = await desk.api<AgreementView>('agreements:sign', { caseId, revision: view.agreement.revision, signerId: ROAD_TRAFFIC_IDS.respondent, method: 'paper_sealed', ...paper });
    const admin = (await desk.api<{ staff: { id: string } }>('auth:current')).staff;
    view = await desk.api<AgreementView>('agreements:sign', { caseId, revision: view.agreement.revision, signerId: admin.id, method: 'drawn', pngBase64: makePng(40).toString('base64'), strokes });
    view = await desk.api<AgreementView>('agreements:seal', { caseId, revision: view.agreement.revision });
    expect(view.agreement.status).toBe('effective');
    let signed: string | undefined;
    await expect(async () => {
      const record = (await desk.api<CaseView>('cases:get', { id: caseId })).record;
      signed = record.documents.find((d) => d.signed)?.id;
      expect(signed).toBeTruthy();
    }).toPass({ timeout: 30_000 });
    const file = await desk.api<DocumentFile>('documents:file', { caseId, documentId: signed!, format: 'pdf' });
    const pdf = path.join(tmp, 'signed.pdf');
    writeFileSync(pdf, Buffer.from(file.base64, 'base64'));
    await desk.api('cases:create', roadTrafficCaseInput());

    // ── 人员与设置: no backup yet (red), the folder set, 立即备份, the time shown ──
    await desk.app.nav('人员与设置');
    const card = page.locator('#backup');
    await expect(page.getByTestId('backup-alert')).toContainText('尚未设置备份目录');
    await expect(page.getByTestId('backup-header-line')).toHaveAttribute('data-alert', 'true');
    await page.screenshot({ path: `${SHOTS}/backup-page-alert.png` });
    await card.getByRole('textbox', { name: '备份目录' }).fill(path.join(server.dataDir, 'backup'));
    await card.getByRole('button', { name: '保存备份设置' }).click();
    await expect(card.getByText('备份目录不能是数据目录或在数据目录之内')).toBeVisible();
    await card.getByRole('textbox', { name: '备份目录' }).fill(backupFolder);
    await card.getByRole('button', { name: '保存备份设置' }).click();
    await expect(card.getByTestId('backup-status-line')).toContainText('上次备份：尚无');
    await card.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SHOTS}/backup-card-before.png` });
    await card.getByRole('button', { name: '立即备份' }).click();
    const line = card.getByTestId('backup-status-line');
    await expect(line).toHaveAttribute('data-alert', 'false', { timeout: 60_000 });
    await expect(line).toContainText(/上次备份：\d{4}-\d{2}-\d{2} \d{2}:\d{2}/);
    await expect(page.getByTestId('backup-header-line')).toContainText(/上次备份 \d{4}-\d{2}-\d{2} \d{2}:\d{2}/);
    await expect(card.getByTestId('backup-generations').getByRole('row')).toHaveCount(2);
    await expect(page.getByTestId('backup-alert')).toHaveCount(0);
    await expect(page.getByTestId('drill-reminder')).toBeVisible();
    await card.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SHOTS}/backup-card-after.png` });
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.getByTestId('drill-reminder').scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SHOTS}/backup-page-drill-reminder.png` });

    // ── the restore drill, one click ──
    await card.getByRole('button', { name: '开始恢复演练' }).click();
    await expect(card.getByTestId('drill-report')).toContainText('结论：备份可用', { timeout: 60_000 });
    await expect(page.getByTestId('drill-reminder')).toHaveCount(0);
    await card.getByTestId('drill-report').scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SHOTS}/backup-drill.png` });

    // ── one case back from the backup: its registration as in the backup (the password asked again) ──
    const restoreForm = card.getByRole('form', { name: '从备份恢复单个案件' });
    await restoreForm.getByRole('combobox', { name: '备份' }).click();
    await page.getByRole('option').first().click();
    await restoreForm.getByRole('textbox', { name: '案号' }).fill(caseNumber);
    await restoreForm.getByRole('textbox', { name: '恢复原因' }).fill('核对登记信息');
    await restoreForm.getByRole('button', { name: '恢复该案件' }).click();
    await expect(restoreForm.getByText(`案件${caseNumber}与备份相同，无需恢复`)).toBeVisible();
    await restoreForm.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SHOTS}/backup-restore-case.png` });

    // ── a new desk, a fresh data folder: 从备份恢复 with the recovery key ──
    await fresh.start();
    const page2 = await page.context().newPage();
    await page2.setViewportSize({ width: 1280, height: 1000 });
    const desk2 = new SigningDesk(page2, fresh);
    await desk2.app.open();
    await expect(page2.getByRole('heading', { name: '初始设置' })).toBeVisible();
    await page2.getByText('从备份恢复', { exact: true }).click();
    await page2.getByRole('textbox', { name: '备份目录' }).fill(backupFolder);
    await page2.getByRole('button', { name: '读取备份' }).click();
    await expect(page2.getByRole('combobox', { name: '选择备份' })).toHaveValue(/个文件/);
    await page2.getByRole('textbox', { name: '恢复密钥' }).fill('AAAA-BBBB');
    await page2.getByRole('button', { name: '开始恢复' }).click();
    await expect(page2.getByText('恢复密钥应为36位')).toBeVisible();
    await page2.screenshot({ path: `${SHOTS}/backup-first-run-wrong-key.png` });
    await page2.getByRole('textbox', { name: '恢复密钥' }).fill(recoveryKey);
    await page2.screenshot({ path: `${SHOTS}/backup-first-run-restore.png` });
    await page2.getByRole('button', { name: '开始恢复' }).click();
    await expect(page2.getByRole('button', { name: '登录' })).toBeVisible({ timeout: 60_000 });
    await page2.screenshot({ path: `${SHOTS}/backup-first-run-restored.png` });
    await desk2.app.signIn(E2E_ADMIN.loginName, E2E_ADMIN.password);

    // Every case is back…
    await desk2.app.nav('案件列表');
    await expect(desk2.app.caseRows().filter({ has: page2.getByRole('cell') })).toHaveCount(2);
    await expect(page2.getByRole('row', { name: new RegExp(caseNumber.replace(/[()（）]/g, '.')) })).toBeVisible();
    // …and the signed agreement still verifies as the center's, unchanged.
    await page2.getByRole('navigation').getByRole('button', { name: '文书核验' }).click();
    const verdict = await desk2.verify(pdf);
    await expect(verdict).toHaveAttribute('data-verdict', 'issued_intact');
    await expect(verdict).toContainText('本中心出具，未被修改');
    await page2.close();
  } finally {
    await fresh.stop().catch(() => undefined);
    rmSync(tmp, { recursive: true, force: true });
  }
});
