import { type Locator, type Page, expect } from '@playwright/test';
import { apiAs } from './api';
import type { CaseInput, CaseRecord } from '../../../electron/shared/domain/case';
import type { Staff } from '../../../electron/shared/domain/staff';
import type { CaseView, SessionView } from '../../../electron/shared/ipc/contract';
import { ROAD_TRAFFIC_IDS, roadTrafficCaseInput } from '../../fixtures/cases';
import type { AppServer } from '../app-server';
import { AppPage } from './app';

/** Today in the center's time zone (China, UTC+8), as the server computes it, plus `days`. */
export function chinaDate(days = 0): string {
  return new Date(Date.now() + 8 * 3600_000 + days * 86_400_000).toISOString().slice(0, 10);
}

/**
 * Page model of the agreement: the case page's 调解协议 card and the editor (form, 法定内容检查, preview, review).
 * Setting up the case (registration, acceptance, a session that ended 达成协议) goes through the API, as the
 * sessions' own specs cover those screens.
 */
export class AgreementsPage {
  readonly app: AppPage;

  constructor(
    readonly page: Page,
    readonly server: AppServer,
  ) {
    this.app = new AppPage(page, server);
  }

  /** An API call from the test, in the browser's signed-in connection (setup only). */
  api<T = unknown>(method: string, input?: unknown): Promise<T> {
    return apiAs<T>(this.page, this.server, method, input);
  }

  /**
   * The road-traffic case of the fixtures (张建国 and 李秀兰 against 义乌市顺达货运有限公司), accepted with the signed-in
   * staff member as mediator, and a first session that ended 达成协议 with the points in dispute marked 争议焦点.
   * `input` may change the registration (its respondent keeps the fixtures' id: the session's statements name it).
   */
  async seedAgreedRoadTrafficCase(input: CaseInput = roadTrafficCaseInput()): Promise<{ caseId: string; caseNumber: string }> {
    const me = (await this.api<{ staff: Staff }>('auth:current')).staff;
    const created = await this.api<CaseRecord>('cases:create', input);
    await this.api<CaseView>('cases:accept', { id: created.id, revision: created.revision, mediatorIds: [me.id], room: '交通事故调解室', mediationDue: chinaDate(30), note: '' });
    const plan = { kind: 'session', scheduledAt: `${chinaDate()}T09:00:00+08:00`, place: '交通事故调解室', purpose: '', mediatorIds: [me.id], recorderId: me.id, subject: null };
    const scheduled = await this.api<SessionView>('sessions:schedule', { caseId: created.id, plan });
    const opened = await this.api<SessionView>('sessions:open', { caseId: created.id, sessionId: scheduled.session.id, revision: scheduled.session.revision });
    const attendees = opened.session.attendees.map((a) => ({ ...a, presence: 'present' }));
    const at = `${chinaDate()}T01:10:00.000Z`;
    const statements = [
      { id: crypto.randomUUID(), speakerId: me.id, kind: 'question', text: '双方争议焦点是误工费、护理费的计算标准和赔偿款的支付期限。', startedAt: at, marks: ['focus'], caucus: null },
      { id: crypto.randomUUID(), speakerId: ROAD_TRAFFIC_IDS.respondent, kind: 'answer', text: '公司同意赔偿，但资金周转困难，希望分两期支付。', startedAt: at, marks: [], caucus: null },
    ];
    await this.api('sessions:close', { caseId: created.id, sessionId: opened.session.id, revision: opened.session.revision, content: { attendees, statements }, outcome: { type: 'agreement', note: '' } });
    return { caseId: created.id, caseNumber: created.caseNumber };
  }

  /** Opens a case from the case list. */
  async openCase(caseNumber: string): Promise<void> {
    // Through another screen: the list loads when shown, and a case made through the API is not in it yet.
    await this.app.nav('今日接待');
    await this.app.nav('案件列表');
    await this.page.getByRole('row', { name: new RegExp(caseNumber.replace(/[()（）]/g, '.')) }).first().click();
    await expect(this.page.getByRole('heading', { name: caseNumber })).toBeVisible();
  }

  card(): Locator {
    return this.page.getByRole('region', { name: '调解协议' });
  }

  // ── the editor ──

  form(): Locator {
    return this.page.getByRole('form', { name: '调解协议编辑' });
  }

  checks(): Locator {
    return this.page.getByRole('region', { name: '法定内容检查' });
  }

  /** The issue named by its message in the checks panel (a button that goes to the field). */
  issue(message: string | RegExp): Locator {
    return this.checks().getByRole('button', { name: typeof message === 'string' ? `定位到：${message}` : message });
  }

  item(n: number): Locator {
    return this.page.getByRole('group', { name: new RegExp(`^第${n}项 `) });
  }

  saveState(): Locator {
    return this.page.getByRole('status', { name: '保存状态' });
  }

  async waitSaved(): Promise<void> {
    await expect(this.saveState()).toHaveAttribute('data-state', 'saved', { timeout: 10_000 });
  }

  status(): Locator {
    return this.page.getByTestId('agreement-status');
  }

  /** 条款库 → 插入 the entry titled `title`. */
  async insertClause(title: string): Promise<void> {
    await this.page.getByRole('button', { name: '条款库' }).click();
    const dialog = this.page.getByRole('dialog', { name: '条款库' });
    await dialog.getByRole('button', { name: `插入“${title}”` }).click();
    await expect(dialog).toBeHidden();
  }

  /** A date field: typed as YYYY-MM-DD and confirmed (Mantine's DateInput takes the value on blur). */
  async fillDate(field: Locator, iso: string): Promise<void> {
    await field.fill(iso);
    await field.press('Tab');
    await expect(field).toHaveValue(iso);
  }
}
