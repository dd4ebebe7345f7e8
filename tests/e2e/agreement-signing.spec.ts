import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { formatDateCn } from '../../electron/shared/format/dates';
import { addDays } from '../../electron/shared/validation/dates';
import { makePng } from '../fixtures/png';
import { expect, test } from './fixtures';
import { E2E_ADMIN } from './pages/api';
import { SigningDesk } from './pages/signing';

/** The curated screenshots in docs/ are refreshed only on request (UPDATE_SCREENSHOTS=1); a normal run keeps its own. */
const SHOTS = process.env.UPDATE_SCREENSHOTS ? 'docs/screenshots' : 'test-results/screens';

/** pdfsig's report on a file (it exits non-zero for a bad signature, so the output is what counts). */
function pdfsig(file: string): string {
  const run = spawnSync('pdfsig', [file], { encoding: 'utf8' });
  return `${run.stdout}${run.stderr}`;
}

/** A copy with one byte changed inside the signed range: the first stream's data, well clear of the signature. */
function flipOneByte(bytes: Buffer): Buffer {
  const copy = Buffer.from(bytes);
  const at = copy.indexOf('stream\n') + 'stream\n'.length + 40;
  expect(at).toBeGreaterThan(100);
  copy[at] = copy[at]! ^ 0x01;
  return copy;
}

/** A copy whose last /Contents padding digit (a 0 the signature does not cover) is a 7. */
function changePadding(bytes: Buffer): Buffer {
  const copy = Buffer.from(bytes);
  const gapEnd = Number(/\/ByteRange \[0 \d+ (\d+) \d+\]/.exec(copy.toString('latin1'))![1]);
  expect(String.fromCharCode(copy[gapEnd - 2]!)).toBe('0');
  copy[gapEnd - 2] = '7'.charCodeAt(0);
  return copy;
}

/** A self-signed PKCS#12 made with the openssl CLI, as a CA-issued file would come. */
function opensslP12(dir: string, password: string): string {
  const [key, cert, p12] = ['key.pem', 'cert.pem', 'imported.p12'].map((f) => path.join(dir, f)) as [string, string, string];
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '365', '-subj', '/C=CN/CN=Imported Seal', '-sha256'], { stdio: 'pipe' });
  execFileSync('openssl', ['pkcs12', '-export', '-inkey', key, '-in', cert, '-out', p12, '-passout', `pass:${password}`], { stdio: 'pipe' });
  return p12;
}

test('signing at the desk: two applicants and the mediator sign on the pad, the company seals on paper, the seal makes it effective; the signed PDF passes pdfsig, a changed byte does not, and 文书核验 says which is which', async ({ page, server }) => {
  test.setTimeout(240_000);
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'mw-signing-e2e-'));
  const desk = new SigningDesk(page, server);
  // A common desktop screen (1680×1050): the screenshots show what a mediator sees at the desk.
  await page.setViewportSize({ width: 1680, height: 1050 });
  await desk.app.open();
  await desk.app.completeSetup();
  const { caseNumber, today } = await desk.approvedAgreement();

  // ── the signing desk: the approved text beside the signers in order ──
  await desk.openSigning(caseNumber);
  await expect(desk.signers().getByRole('listitem')).toHaveCount(5);
  await expect(desk.page.getByTestId('missing')).toContainText('人民调解委员会印章');
  await desk.signDrawn('申请人张建国', 0);
  // The company seals a printed copy: printed (issued as a version) for wet ink, its scan filed against that version.
  const scan = path.join(tmp, 'scan.png');
  writeFileSync(scan, makePng(120));
  await desk.printAndUploadScan(scan);
  await desk.noNotifications();
  await page.screenshot({ path: 'test-results/screens/agreement-signing-paper.png' });
  await desk.choose('被申请人义乌市顺达货运有限公司');
  await expect(desk.pad()).toHaveCount(0);
  await desk.signOnPaper('被申请人义乌市顺达货运有限公司');
  await expect(desk.signPanel()).toHaveAccessibleName('当前签署：申请人李秀兰');
  await desk.drawSignature(1);
  await desk.noNotifications();
  await desk.showLastPage();
  await desk.signPanel().evaluate((el) => el.scrollIntoView({ block: 'start' }));
  await page.screenshot({ path: `${SHOTS}/agreement-signing-midway.png`, fullPage: false });
  await desk.signPanel().getByRole('button', { name: '确认签名' }).click();
  await expect(desk.signerRow('申请人李秀兰')).toContainText('已签署');

  // The agent need not sign: skipped; the mediator is the signed-in admin and signs for himself.
  await expect(desk.signPanel()).toHaveAccessibleName(/委托代理人吴晓东/);
  await desk.signPanel().getByRole('button', { name: '跳过（可不签）' }).click();
  await desk.signDrawn('人民调解员王建国', 2);
  await expect(desk.page.getByTestId('missing')).toHaveText('人民调解委员会印章');

  // ── the seal: the last condition; effective today, the signed original issued ──
  await desk.applySeal();
  const effective = desk.page.getByTestId('effective-panel');
  await expect(effective).toBeVisible();
  await expect(desk.page.getByTestId('effective-date')).toHaveText(formatDateCn(today));
  await expect(effective.getByText('已数字签章')).toBeVisible({ timeout: 30_000 });
  await expect(desk.page.getByTestId('seal-status')).toContainText('已加盖');
  await desk.noNotifications();
  await desk.showLastPage();
  await page.screenshot({ path: `${SHOTS}/agreement-signing-effective.png`, fullPage: false });

  // ── the signed PDF: downloaded, valid for pdfsig; one byte changed, invalid ──
  const downloading = page.waitForEvent('download');
  await effective.getByRole('link', { name: '下载签章PDF' }).click();
  const download = await downloading;
  const original = path.join(tmp, 'signed.pdf');
  await download.saveAs(original);
  const bytes = readFileSync(original);
  expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  const report = pdfsig(original);
  console.log(`pdfsig (original):\n${report}`);
  expect(report).toContain('Signature is Valid.');
  const changed = path.join(tmp, 'changed.pdf');
  writeFileSync(changed, flipOneByte(bytes));
  const changedReport = pdfsig(changed);
  console.log(`pdfsig (one byte changed):\n${changedReport}`);
  expect(changedReport).not.toContain('Signature is Valid.');
  expect(changedReport).toMatch(/Signature is Invalid|Digest Mismatch/);

  // ── 文书核验: the original is the center's, unchanged; the changed copy is called out ──
  await desk.page.getByRole('navigation').getByRole('button', { name: '文书核验' }).click();
  await expect(page.getByRole('heading', { name: '文书核验' })).toBeVisible();
  let verdict = await desk.verify(original);
  await expect(verdict).toHaveAttribute('data-verdict', 'issued_intact');
  await expect(verdict).toContainText('本中心出具，未被修改');
  await expect(verdict).toContainText(caseNumber);
  await expect(verdict).toContainText('人民调解协议书');
  await expect(verdict).toContainText(/第\d+版/);
  await expect(verdict.locator('[data-reason]')).toHaveText([/^数字签章完好/, '签章证书是本中心现用的签章证书', /^本中心出具登记中有这份文件/]);
  await page.screenshot({ path: `${SHOTS}/verify-issued-intact.png`, fullPage: true });
  verdict = await desk.verify(changed);
  await expect(verdict).toHaveAttribute('data-verdict', 'signed_but_changed');
  await expect(verdict).toContainText('文件已被修改');
  await expect(verdict.locator('[data-reason]')).toHaveText([/^数字签章无效/, '本中心出具登记中没有这份文件']);
  await page.screenshot({ path: `${SHOTS}/verify-changed.png`, fullPage: true });
  // One zero of the /Contents padding changed, which no signature covers: pdfsig may still call it valid, 文书核验 does not
  const padded = path.join(tmp, 'padded.pdf');
  writeFileSync(padded, changePadding(bytes));
  console.log(`pdfsig (a /Contents padding digit changed):\n${pdfsig(padded)}`);
  verdict = await desk.verify(padded);
  await expect(verdict).toHaveAttribute('data-verdict', 'signed_but_changed');
  await expect(verdict.locator('[data-reason]')).toHaveText([/^签章数据区在签章值之后写有其他内容/, '本中心出具登记中没有这份文件']);
  await page.screenshot({ path: 'test-results/screens/verify-padding.png', fullPage: true });

  // ── 人员与设置: the certificate that signed it (made here on first use) ──
  await desk.app.nav('人员与设置');
  const certificate = page.getByRole('region', { name: '签章证书' });
  await certificate.scrollIntoViewIfNeeded();
  await expect(certificate.getByTestId('certificate-details')).toContainText('本机生成');
  await expect(certificate.getByTestId('certificate-details')).toContainText('CN=青山县人民调解委员会文书签章');
  await page.screenshot({ path: 'test-results/screens/certificate-card.png' });

  // ── a certificate imported in its place: the generated one is listed as earlier, and what it signed is still ours ──
  const importForm = certificate.getByRole('form', { name: '导入证书' });
  await importForm.locator('input[type="file"]').setInputFiles(opensslP12(tmp, 'Imported-p12-2026'));
  await importForm.getByLabel('证书密码').fill('Imported-p12-2026');
  await importForm.getByRole('button', { name: '导入证书' }).click();
  // The import asks for the password again: the fixture's handler answers it (answering it here as well raced the
  // handler, which had already closed the dialog this spec was still typing into).
  await expect(certificate.getByTestId('certificate-details')).toContainText('CN=Imported Seal');
  await expect(certificate.getByTestId('certificate-earlier')).toContainText('CN=青山县人民调解委员会文书签章');
  await certificate.scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'test-results/screens/certificate-card-earlier.png' });
  await desk.page.getByRole('navigation').getByRole('button', { name: '文书核验' }).click();
  verdict = await desk.verify(original);
  await expect(verdict).toHaveAttribute('data-verdict', 'issued_intact');
  await expect(verdict.locator('[data-reason="signer_earlier_certificate"]')).toContainText('签章证书是本中心以前使用的签章证书（指纹');

  // ── the case page: the judicial-confirmation deadline, 30 days from today ──
  await desk.openCase(caseNumber);
  const due = addDays(today, 30);
  await expect(page.getByText(new RegExp(`${due}|${formatDateCn(due)}`)).first()).toBeVisible();

  // ── 履行情况 in the case's agreement card (PerformancePanel, rendered there by the case page) ──
  const performance = page.getByTestId('performance-panel');
  await expect(performance.getByTestId('confirmation-deadline')).toContainText(`${due} 前`);
  await expect(performance.getByTestId('confirmation-deadline')).toContainText('剩余 30 天');
  await expect(performance.getByRole('listitem', { name: '第1项第1期' })).toHaveAttribute('data-urgency', 'soon');
  await expect(performance.getByRole('listitem', { name: '第2项' })).toContainText('今天到期');
  await performance.getByRole('button', { name: '记录 第1项第1期' }).click();
  const record = page.getByRole('dialog', { name: '记录履行情况：第1项第1期' });
  await record.getByText('部分履行').click();
  await record.getByLabel('说明').fill('已转账30000元，余款20000元约定本周内付清');
  await record.getByRole('button', { name: '保存' }).click();
  await expect(record).toBeHidden();
  await expect(performance.getByRole('listitem', { name: '第1项第1期' })).toContainText('部分履行');
  await expect(performance.getByRole('listitem', { name: '第1项第1期' })).toContainText('已转账30000元');
  await desk.noNotifications();
  await performance.scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SHOTS}/agreement-signing-performance.png` });
  rmSync(tmp, { recursive: true, force: true });
});
