import { expect, test } from './fixtures';
import type { AgreementView } from '../../electron/shared/ipc/contract';
import { AgreementsPage, chinaDate } from './pages/agreements';
import { apiAs, approveAsSecondAdvisor } from './pages/api';

/**
 * The legal advisor drafts the written agreement of a road-traffic case that reached agreement: the instalment clause
 * from the library, the legal checks naming the instalment left without a due date (and 提交审核 waiting for it),
 * the live preview of the real PDF, then review up to 进入签署.
 */
test('draft a written agreement from the clause library, fix what the checks name, submit and approve it', async ({ page, server }) => {
  test.setTimeout(120_000);
  const a = new AgreementsPage(page, server);
  await a.app.open();
  await a.app.completeSetup();
  const { caseId, caseNumber } = await a.seedAgreedRoadTrafficCase();
  await a.openCase(caseNumber);

  // ── the case page: no agreement yet ──
  await expect(a.card().getByText(/调解达成一致后/)).toBeVisible();
  await a.card().getByRole('button', { name: '起草书面协议' }).click();
  await expect(page.getByRole('heading', { name: '人民调解协议书' })).toBeVisible();
  await expect(a.status()).toHaveText('草拟中');
  // Prefilled from intake and the session's 争议焦点.
  await expect(page.getByRole('textbox', { name: '争议事项' })).toHaveValue('双方争议焦点是误工费、护理费的计算标准和赔偿款的支付期限。');
  await expect(page.getByRole('textbox', { name: '协议份数' })).toHaveValue('4 份');
  await expect(a.issue('请至少添加一项协议内容')).toBeVisible();
  await expect(page.getByRole('button', { name: '提交审核' })).toBeDisabled();

  // ── the instalment clause from the library, the second instalment left without a due date ──
  await a.insertClause('交通事故损害赔偿（分期）');
  const payment = a.item(1);
  await expect(payment.getByRole('group', { name: '付款方' }).getByRole('checkbox', { name: '被申请人 义乌市顺达货运有限公司' })).toBeChecked();
  await payment.getByLabel('总金额').fill('86500');
  await payment.getByLabel('第1期金额（元）').fill('50000');
  await payment.getByLabel('第2期金额（元）').fill('36500');
  await expect(payment.getByTestId('instalment-tally')).toHaveAttribute('data-matches', 'true');
  await a.fillDate(payment.getByLabel('第1期履行期限'), chinaDate(20));

  await expect(a.issue('第1项：第2期缺少履行期限')).toBeVisible();
  await expect(a.checks().getByRole('button')).toHaveCount(1);
  await expect(page.getByRole('button', { name: '提交审核' })).toBeDisabled();
  await expect(page.getByText('还有 1 个问题须解决')).toBeVisible();

  // The check leads to the field, which shows the same message in place.
  await a.issue('第1项：第2期缺少履行期限').click();
  const secondDue = payment.getByLabel('第2期履行期限');
  await expect(secondDue).toBeFocused();
  await expect(secondDue).toHaveAttribute('aria-invalid', 'true');
  await expect(payment.getByText('第2期缺少履行期限', { exact: true })).toBeVisible();

  await a.fillDate(secondDue, chinaDate(51));
  await expect(a.checks().getByText('未发现问题，可以提交审核')).toBeVisible();
  await expect(payment.getByTestId('clause-text')).toContainText('赔偿各项损失共计人民币捌万陆仟伍佰元整（¥86,500.00），分两期支付');
  await a.waitSaved();

  // The preview is the real PDF, re-rendered after the save.
  await expect(page.getByRole('region', { name: /调解协议预览/ })).toBeVisible({ timeout: 20_000 });
  await expect(page.getByTestId('agreement-preview').getByTestId('pdf-page-counter')).toHaveText(/第 1 页/, { timeout: 20_000 });

  // ── review: submitted; the administrator drafted it, so 四眼审核 keeps 审核通过 from her; a second advisor approves ──
  await page.getByRole('button', { name: '提交审核' }).click();
  await expect(a.status()).toHaveText('待审核');
  await expect(page.getByRole('button', { name: '审核通过' })).toBeDisabled();
  await expect(page.getByText('您起草了本协议，须由其他法律顾问审核通过（四眼审核）')).toBeVisible();
  await page.locator('header').filter({ hasText: '四眼审核' }).screenshot({ path: 'test-results/screens/four-eyes-approve-disabled.png' });
  const submitted = await apiAs<AgreementView>(page, server, 'agreements:get', { caseId });
  await approveAsSecondAdvisor(page, server, caseId, submitted.agreement.revision);
  // Back to the case and into the agreement again: it is read afresh.
  await page.getByRole('button', { name: '返回案件' }).click();
  await a.card().getByRole('button', { name: '打开协议' }).click();
  await expect(a.status()).toHaveText('待签署');
  const review = page.getByRole('region', { name: '审核记录' });
  await expect(review.getByText('提交审核')).toBeVisible();
  await expect(review.getByText('审核通过')).toBeVisible();
  await expect(page.getByRole('button', { name: '进入签署' })).toBeVisible();

  // The case page says where it stands and offers the signing too.
  await page.getByRole('button', { name: '返回案件' }).click();
  await expect(a.card().getByTestId('agreement-card-status')).toHaveText('待签署');
  await expect(a.card().getByRole('button', { name: '进入签署' })).toBeVisible();
});
