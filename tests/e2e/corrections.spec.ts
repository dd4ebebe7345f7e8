import type { AgreementView } from '../../electron/shared/ipc/contract';
import { ROAD_TRAFFIC_IDS, residentId, sparseRespondentCaseInput } from '../fixtures/cases';
import { expect, test } from './fixtures';
import { AgreementsPage, chinaDate } from './pages/agreements';
import { apiAs, approveAsSecondAdvisor } from './pages/api';

const RESPONDENT_ID_NUMBER = residentId('330782', '1979-06-08', 215);


/**
 * 修改登记信息 from the agreement's checks: a registration with the respondent's ID number and address missing is
 * walked through to a written agreement; the checks name the gap, their link opens the correction form at the ID
 * number, the data is completed with a reason, the agreement passes its checks and is approved, and the 受理登记表
 * issued before the correction is shown marked out of date, with a new version offered.
 */
test('a registration missing the respondent’s ID and address is completed from the agreement checks’ link; the earlier 受理登记表 is marked out of date', async ({ page, server }) => {
  test.setTimeout(150_000);
  const a = new AgreementsPage(page, server);
  await a.app.open();
  await a.app.completeSetup();
  const { caseId, caseNumber } = await a.seedAgreedRoadTrafficCase(sparseRespondentCaseInput());
  // The desk issued the 受理登记表 at registration, with what was known then.
  await a.api('documents:issue', { caseId, template: 'acceptance-register' });
  await a.openCase(caseNumber);

  // ── the agreement: the checks name the respondent's missing data ──
  await a.card().getByRole('button', { name: '起草书面协议' }).click();
  await expect(page.getByRole('heading', { name: '人民调解协议书' })).toBeVisible();
  const gap = a.issue(/被申请人王海涛的基本情况不完整，缺少：.*身份证件号码.*住址/);
  await expect(gap).toBeVisible();
  await gap.click();
  const partyBox = page.locator(`[id="agreement-field-parties-${ROAD_TRAFFIC_IDS.respondent}"]`);
  await partyBox.getByRole('button', { name: /到案件中补充/ }).click();

  // ── the correction form opens at the respondent's ID number ──
  await expect(page.getByRole('heading', { name: '修改登记信息' })).toBeVisible();
  const form = page.getByRole('form', { name: '修改登记信息' });
  const respondentCard = form.getByRole('group', { name: /被申请人 1/ });
  const idNumber = respondentCard.getByRole('textbox', { name: '证件号码' });
  await expect(idNumber).toBeFocused();
  // Filled from the record: what was registered is there to correct.
  await expect(respondentCard.getByRole('textbox', { name: '姓名' })).toHaveValue('王海涛');
  await expect(respondentCard.getByRole('textbox', { name: '联系电话' })).toHaveValue('13700001111');

  await idNumber.fill(RESPONDENT_ID_NUMBER);
  await respondentCard.getByRole('textbox', { name: '住址' }).fill('浙江省义乌市江东街道青口村8号');
  // The reason is required.
  await form.getByRole('button', { name: '保存修改' }).click();
  const reason = form.getByRole('textbox', { name: '修改原因' });
  await expect(reason).toHaveAttribute('aria-invalid', 'true');
  await expect(form.getByText('请填写修改原因')).toBeVisible();
  await reason.fill('被申请人到场签署协议前出示身份证，补充证件号码和住址');
  await page.screenshot({ path: 'test-results/screens/correction-form.png', fullPage: true });
  await form.getByRole('button', { name: '保存修改' }).click();

  // ── back in the agreement: the gap is gone; the agreement is completed and approved ──
  await expect(page.getByRole('heading', { name: '人民调解协议书' })).toBeVisible();
  await expect(gap).toHaveCount(0);
  await a.insertClause('交通事故损害赔偿（分期）');
  const payment = a.item(1);
  await payment.getByLabel('总金额').fill('86500');
  await payment.getByLabel('第1期金额（元）').fill('50000');
  await payment.getByLabel('第2期金额（元）').fill('36500');
  await a.fillDate(payment.getByLabel('第1期履行期限'), chinaDate(20));
  await a.fillDate(payment.getByLabel('第2期履行期限'), chinaDate(51));
  await expect(a.checks().getByText('未发现问题，可以提交审核')).toBeVisible();
  await a.waitSaved();
  await page.getByRole('button', { name: '提交审核' }).click();
  await expect(a.status()).toHaveText('待审核');
  // 四眼审核: the drafter does not approve her own text; a second legal advisor does.
  await expect(page.getByRole('button', { name: '审核通过' })).toBeDisabled();
  const submitted = await apiAs<AgreementView>(page, server, 'agreements:get', { caseId });
  await approveAsSecondAdvisor(page, server, caseId, submitted.agreement.revision);
  await page.getByRole('button', { name: '返回案件' }).click();
  await a.card().getByRole('button', { name: '打开协议' }).click();
  await expect(a.status()).toHaveText('待签署');

  // ── the case page: new data, the correction in the history, the earlier 受理登记表 out of date ──
  await page.getByRole('button', { name: '返回案件' }).click();
  await expect(page.getByRole('heading', { name: caseNumber })).toBeVisible();
  await expect(page.getByText('浙江省义乌市江东街道青口村8号', { exact: true })).toBeVisible();
  const timeline = page.getByRole('list', { name: '办理经过' }).or(page.locator('#timeline'));
  await expect(timeline.getByText('修改登记信息').first()).toBeVisible();
  await expect(timeline.getByText(/修改原因：被申请人到场签署协议前出示身份证/)).toBeVisible();
  await expect(timeline.getByText(/被申请人王海涛 身份证件号码：（空） → 3307\*+2155/)).toBeVisible();
  await expect(page.getByText(RESPONDENT_ID_NUMBER)).toHaveCount(0);

  const documents = page.locator('#documents');
  const version1 = documents.getByRole('listitem').filter({ hasText: '人民调解受理登记表' }).filter({ hasText: '第1版' });
  await expect(version1.getByText('信息已修改')).toBeVisible();
  await expect(version1.getByRole('button', { name: '按新信息出具 人民调解受理登记表 新版本' })).toBeVisible();
  await documents.scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'test-results/screens/correction-outdated.png', fullPage: true });
  // An approved agreement carries the parties' particulars: no more corrections, the button is gone.
  await expect(page.getByRole('button', { name: '修改登记信息' })).toHaveCount(0);

  // The new version is offered from the marked one and issued from the new data.
  await version1.getByRole('button', { name: '按新信息出具 人民调解受理登记表 新版本' }).click();
  const viewer = page.getByRole('dialog');
  await viewer.getByRole('button', { name: '出具', exact: true }).click();
  await expect(documents.getByRole('listitem').filter({ hasText: '第2版' })).toBeVisible({ timeout: 20_000 });
  const version2 = documents.getByRole('listitem').filter({ hasText: '人民调解受理登记表' }).filter({ hasText: '第2版' });
  await expect(version2.getByText('信息已修改')).toHaveCount(0);
});
