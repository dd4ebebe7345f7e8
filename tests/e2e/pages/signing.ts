import { type Locator, type Page, expect } from '@playwright/test';
import { apiAs, approveAsSecondAdvisor } from './api';
import type { AgreementItem } from '../../../electron/shared/domain';
import type { AgreementView, AppInfo, SessionView } from '../../../electron/shared/ipc/contract';
import { addDays } from '../../../electron/shared/validation/dates';
import { ROAD_TRAFFIC_IDS, roadTrafficCaseInput } from '../../fixtures/cases';
import { makePng } from '../../fixtures/png';
import type { AppServer } from '../app-server';
import { AppPage } from './app';

export interface ApprovedAgreement {
  caseId: string;
  caseNumber: string;
  today: string;
  adminId: string;
}

/**
 * Page model of 协议签署 (the signing desk), the seal, the signed original and 文书核验, with the API set-up that brings
 * a road-traffic case to an approved written agreement (as tests/main/api/agreements.test.ts does it).
 */
export class SigningDesk {
  readonly app: AppPage;

  constructor(
    readonly page: Page,
    readonly server: AppServer,
  ) {
    this.app = new AppPage(page, server);
  }

  /** An API call from the test, in the browser's signed-in connection (set-up only). */
  api<T = unknown>(method: string, input?: unknown): Promise<T> {
    return apiAs<T>(this.page, this.server, method, input);
  }

  /**
   * 张建国 and 李秀兰 against 义乌市顺达货运有限公司 (agent 吴晓东 for 张建国), accepted with the signed-in admin as
   * mediator, a session closed with 达成协议, the seal image set, and a written agreement — damages in two instalments
   * (the first due in 3 days) and a written apology due today — saved, submitted and approved.
   */
  async approvedAgreement(): Promise<ApprovedAgreement> {
    const info = await this.api<AppInfo>('app:info');
    const today = info.today;
    const admin = (await this.api<{ staff: { id: string } }>('auth:current')).staff;
    const created = await this.api<{ id: string; revision: number; caseNumber: string }>('cases:create', roadTrafficCaseInput());
    await this.api('cases:accept', { id: created.id, revision: created.revision, mediatorIds: [admin.id], room: '交通事故调解室', mediationDue: addDays(today, 30), note: '' });
    const scheduled = await this.api<SessionView>('sessions:schedule', {
      caseId: created.id,
      plan: { kind: 'session', scheduledAt: new Date(Date.now() + 3_600_000).toISOString(), place: '交通事故调解室', purpose: '', mediatorIds: [admin.id], recorderId: admin.id, subject: null },
    });
    const opened = await this.api<SessionView>('sessions:open', { caseId: created.id, sessionId: scheduled.session.id, revision: scheduled.session.revision });
    const attendees = opened.session.attendees.map((a) => ({ ...a, presence: 'present' as const }));
    const statements = [{ id: crypto.randomUUID(), speakerId: admin.id, kind: 'question' as const, text: '双方争议焦点是误工费和精神损害抚慰金的数额。', startedAt: new Date().toISOString(), marks: ['focus' as const], caucus: null }];
    await this.api('sessions:close', { caseId: created.id, sessionId: opened.session.id, revision: opened.session.revision, content: { attendees, statements }, outcome: { type: 'agreement', note: '' } });
    await this.api('settings:set-image', { kind: 'seal', pngBase64: makePng(160).toString('base64') });

    let view = await this.api<AgreementView>('agreements:create', { caseId: created.id, kind: 'written' });
    const items: AgreementItem[] = [
      {
        id: crypto.randomUUID(),
        type: 'payment',
        payerIds: [ROAD_TRAFFIC_IDS.respondent],
        payeeIds: [ROAD_TRAFFIC_IDS.applicant1, ROAD_TRAFFIC_IDS.applicant2],
        purpose: '赔偿',
        total: '86500',
        plan: 'instalments',
        dueOn: '',
        instalments: [
          { amount: '50000', dueOn: addDays(today, 3) },
          { amount: '36500', dueOn: addDays(today, 33) },
        ],
        method: '银行转账',
        place: '',
      },
      { id: crypto.randomUUID(), type: 'apology', fromIds: [ROAD_TRAFFIC_IDS.respondent], toIds: [ROAD_TRAFFIC_IDS.applicant1, ROAD_TRAFFIC_IDS.applicant2], manner: '书面', dueOn: today },
    ];
    view = await this.api<AgreementView>('agreements:save', { caseId: created.id, revision: view.agreement.revision, content: { ...view.agreement.content, items } });
    view = await this.api<AgreementView>('agreements:submit', { caseId: created.id, revision: view.agreement.revision });
    // 四眼审核: the administrator drafted it, a second legal advisor approves it.
    await approveAsSecondAdvisor(this.page, this.server, created.id, view.agreement.revision);
    return { caseId: created.id, caseNumber: created.caseNumber, today, adminId: admin.id };
  }

  /** The case page, from the case list. */
  async openCase(caseNumber: string): Promise<void> {
    // Through another screen: the list loads its rows when it is opened (cases made by the API meanwhile included).
    await this.app.nav('今日接待');
    await this.app.nav('案件列表');
    // Only once the list is shown: 今日接待 lists the same case in two tables, and a click racing the navigation finds both.
    await expect(this.page.getByRole('heading', { name: '案件列表' })).toBeVisible();
    await this.page.getByRole('table').getByRole('row', { name: new RegExp(caseNumber.replace(/[()（）]/g, '.')) }).click();
    await expect(this.page.getByRole('heading', { name: caseNumber })).toBeVisible();
  }

  /** 协议签署 from the case page (its agreement card, or the agreement page's 进入签署). */
  async openSigning(caseNumber: string): Promise<void> {
    await this.openCase(caseNumber);
    await this.page.getByRole('button', { name: /进入签署/ }).first().click();
    await expect(this.page.getByRole('heading', { name: '协议签署' })).toBeVisible();
  }

  signers(): Locator {
    return this.page.getByRole('list', { name: '签署人' });
  }

  signerRow(label: string): Locator {
    return this.signers().getByRole('listitem', { name: `签署人 ${label}`, exact: true });
  }

  signPanel(): Locator {
    return this.page.getByRole('region', { name: /^当前签署：/ });
  }

  pad(): Locator {
    return this.page.getByTestId('signature-pad');
  }

  /** Writes a signature-like scribble on the pad with the mouse (signature_pad listens to pointer events). */
  async drawSignature(seed = 0): Promise<void> {
    const pad = this.pad();
    await pad.scrollIntoViewIfNeeded();
    const box = (await pad.boundingBox())!;
    const strokes: [number, number][][] = [
      [[0.12, 0.62], [0.16, 0.4], [0.2, 0.3], [0.24, 0.45], [0.26, 0.66], [0.3, 0.5], [0.34, 0.36]],
      [[0.38, 0.58], [0.44, 0.34], [0.5, 0.58], [0.54, 0.38], [0.6, 0.6], [0.66, 0.4]],
      [[0.7, 0.5], [0.76, 0.36], [0.82, 0.62], [0.88, 0.44]],
    ];
    for (const stroke of strokes) {
      const [first, ...rest] = stroke.map(([x, y]) => [box.x + box.width * x, box.y + box.height * (y + (seed % 3) * 0.03)] as const);
      await this.page.mouse.move(first![0], first![1]);
      await this.page.mouse.down();
      for (const [x, y] of rest) await this.page.mouse.move(x, y, { steps: 6 });
      await this.page.mouse.up();
    }
  }

  /** Draws and confirms the current signer's signature; waits until their row says 已签署. */
  async signDrawn(label: string, seed = 0): Promise<void> {
    await expect(this.signPanel()).toHaveAccessibleName(`当前签署：${label}`);
    await this.drawSignature(seed);
    await this.signPanel().getByRole('button', { name: '确认签名' }).click();
    await expect(this.signerRow(label)).toContainText('已签署');
    await expect(this.signerRow(label).getByRole('img', { name: `${label}的签名`, exact: true })).toBeVisible();
  }

  /** Registers a signature made on the paper copy (the only way for an organisation: its seal). */
  /** Registers a paper signature; with no scan uploaded yet the dialog asks why, and `reason` is given. */
  async signOnPaper(label: string, reason?: string): Promise<void> {
    await expect(this.signPanel()).toHaveAccessibleName(`当前签署：${label}`);
    await this.signPanel().getByText('我已核对纸质协议上的签署').click();
    await this.signPanel().getByRole('button', { name: '登记纸质签署' }).click();
    const dialog = this.page.getByRole('dialog', { name: '登记纸质签署' });
    if (reason !== undefined) await dialog.getByRole('textbox', { name: '扫描件稍后上传的原因' }).fill(reason);
    await dialog.getByRole('button', { name: '登记纸质签署' }).click();
    await expect(dialog).toBeHidden();
    await expect(this.signerRow(label)).toContainText('已签署');
  }

  /** Makes `label` the signer at the pad (the 签署 button on their row). */
  async choose(label: string): Promise<void> {
    await this.signerRow(label).getByRole('button', { name: `签署 ${label}`, exact: true }).click();
    await expect(this.signPanel()).toHaveAccessibleName(`当前签署：${label}`);
  }

  /** 加盖人民调解委员会印章, confirmed. */
  async applySeal(): Promise<void> {
    await this.page.getByRole('button', { name: '加盖人民调解委员会印章' }).click();
    const dialog = this.page.getByRole('dialog', { name: '加盖人民调解委员会印章' });
    await expect(dialog).toContainText('加盖后协议即告生效');
    await dialog.getByRole('button', { name: '确认加盖' }).click();
    // The first seal makes the center's certificate (an RSA key) and the signed PDF: seconds on a loaded 2-core runner.
    await expect(dialog).toBeHidden({ timeout: 30_000 });
  }

  /** 文书核验 with a file: the verdict element once the host answered. */
  async verify(file: string): Promise<Locator> {
    await this.page.getByLabel('选择PDF文件').setInputFiles(file);
    const verdict = this.page.getByTestId('verdict');
    await expect(verdict).toBeVisible({ timeout: 20_000 });
    return verdict;
  }

  /** The agreement's pages scrolled to the last one (the signatures and the seal), once painted. */
  async showLastPage(): Promise<void> {
    const pages = this.page.getByRole('region', { name: /文书页面/ }).first();
    await expect(this.page.getByTestId('pdf-page-counter').first()).toContainText('共', { timeout: 20_000 });
    await pages.focus();
    await this.page.keyboard.press('End');
    await expect(this.page.getByTestId('pdf-page-counter').first()).toHaveText(/第 (\d+) 页 \/ 共 \1 页/);
    // The focus ring of the page area is for keyboard users; the screenshots show the pages without it.
    await pages.evaluate((el) => (el as HTMLElement).blur());
    await this.page.waitForTimeout(500);
  }

  paperCard(): Locator {
    return this.page.getByRole('region', { name: '纸质签署' });
  }

  /**
   * 打印供手写签署: the approved text previewed, issued as a version (paper always matches a stored file), ready to
   * print; then 上传签署后的扫描件 files a scan against that version.
   */
  async printAndUploadScan(file: string): Promise<void> {
    const card = this.paperCard();
    await card.scrollIntoViewIfNeeded();
    await card.getByRole('button', { name: '打印供手写签署' }).click();
    const viewer = this.page.getByRole('dialog');
    await expect(viewer.getByText('预览（尚未出具）')).toBeVisible({ timeout: 20_000 });
    await viewer.getByRole('button', { name: '出具' }).click();
    await expect(viewer.getByText('第1版', { exact: true })).toBeVisible({ timeout: 20_000 });
    await expect(viewer.getByRole('button', { name: '打印' })).toBeEnabled();
    await this.page.keyboard.press('Escape');
    await expect(viewer).toBeHidden();
    await expect(card).toContainText('已出具供签署的第1版');
    await card.getByRole('button', { name: '上传签署后的扫描件' }).click();
    const form = this.page.getByRole('form', { name: '上传签署后的扫描件' });
    await expect(form).toContainText('对应文书：《人民调解协议书》第1版');
    await form.locator('input[type="file"]').setInputFiles(file);
    await form.getByRole('button', { name: '上传' }).click();
    await expect(form).toBeHidden();
    await expect(card.getByRole('list', { name: '已上传的扫描件' })).toContainText('签署后的人民调解协议书扫描件');
    await expect(card.getByRole('list', { name: '已上传的扫描件' })).toContainText('第1版');
  }

  /** Waits until no notification is shown (they fade), so screenshots show the screen itself. */
  async noNotifications(): Promise<void> {
    await expect(this.page.locator('.mantine-Notification-root')).toHaveCount(0, { timeout: 15_000 });
  }
}
