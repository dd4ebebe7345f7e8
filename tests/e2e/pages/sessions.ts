import { type Locator, type Page, expect } from '@playwright/test';
import { apiAs } from './api';
import type { AppServer } from '../app-server';
import { AppPage } from './app';

export const APPLICANT_1 = { name: '张秀英', id: '11010519491231002X', phone: '13812345678', address: '青山县城关镇幸福小区3栋2单元501室', requests: '赔偿医疗费、误工费、电动车维修费共计45800元' };
export const APPLICANT_2 = { name: '李明', id: '110101199003070011', phone: '13900001111', address: '青山县城关镇幸福小区3栋2单元501室' };
export const RESPONDENT = { name: '刘建华', id: '110101198502140016', phone: '13655556666', address: '青山县城关镇建设路18号' };
export const AGENT = { principal: /^申请人 1 张秀英/, name: '赵志强', id: '110101198001010010', phone: '13700002222', unit: '青山律师事务所', special: true };
export const SUMMARY = '2026年11月20日，被申请人驾驶小型货车在城关镇建设路口与申请人张秀英骑行的电动车相撞，造成申请人受伤、车辆损坏，双方就赔偿金额协商未果。';

/**
 * Page model of the case's 调解与调查 section and the session record editor (调解记录): attendance, the composer with
 * its keyboard (Alt+digits choose the speaker, Enter commits), the list of statements, the end dialog.
 */
export class SessionsPage {
  readonly app: AppPage;

  constructor(
    readonly page: Page,
    readonly server: AppServer,
  ) {
    this.app = new AppPage(page, server);
  }

  /** An API call from the test, in the browser's signed-in connection (setup only, never the record itself). */
  api<T = unknown>(method: string, input: unknown): Promise<T> {
    return apiAs<T>(this.page, this.server, method, input);
  }

  /** Registers the road-traffic case (two applicants, one respondent, an agent) and accepts it with 王建国 as mediator. */
  async registerRoadTrafficCase(): Promise<{ caseId: string; caseNumber: string }> {
    const { app, page } = this;
    await app.openRegisterForm();
    await app.fillDispute({ type: '道路交通事故纠纷', subType: '人身损害赔偿纠纷', summary: SUMMARY, amount: '45800' });
    await app.fillPerson('申请人 1', APPLICANT_1);
    await app.addParty('申请人');
    await app.fillPerson('申请人 2', APPLICANT_2);
    await app.fillPerson('被申请人 1', RESPONDENT);
    await app.addAgent(1, AGENT);
    const created = page.waitForResponse((res) => res.url().endsWith('/api/cases:create'));
    await app.submitRegistration();
    const value = (await (await created).json()).value as { id: string; caseNumber: string };
    await expect(page.getByRole('heading', { name: value.caseNumber })).toBeVisible();
    await app.accept({ mediator: '王建国' });
    await expect(page.getByText(/已受理/).first()).toBeVisible();
    return { caseId: value.id, caseNumber: value.caseNumber };
  }

  sessionsSection(): Locator {
    return this.page.getByRole('region', { name: '调解与调查' });
  }

  /** 安排调解 on the case page: today at `time`, in the case's room, with its mediator; the signed-in clerk records. */
  async scheduleSession(time: string): Promise<void> {
    await this.sessionsSection().getByRole('button', { name: '安排调解' }).click();
    const dialog = this.page.getByRole('dialog', { name: '安排调解' });
    await dialog.getByLabel('时间').fill(time);
    await dialog.getByRole('button', { name: '安排', exact: true }).click();
    await expect(dialog).toBeHidden();
  }

  /** 进入记录 of the session named 第N次调解. */
  async enter(ordinal: string): Promise<void> {
    const row = this.sessionsSection().getByRole('listitem', { name: ordinal });
    await row.getByRole('button', { name: '进入记录' }).click();
    await expect(this.page.getByRole('heading', { name: ordinal })).toBeVisible();
  }

  // ── the editor ──

  composer(): Locator {
    return this.page.getByRole('textbox', { name: '发言内容' });
  }

  statements(): Locator {
    return this.page.getByRole('list', { name: /调解笔录|调查笔录/ }).locator('li[data-statement-id]');
  }

  speakerChip(name: string): Locator {
    return this.page.getByRole('radiogroup', { name: '发言人' }).getByRole('radio', { name, exact: true });
  }

  saveState(): Locator {
    return this.page.getByRole('status', { name: '保存状态' });
  }

  /** Waits for 已保存 HH:MM:SS (nothing pending, nothing in flight). */
  async waitSaved(): Promise<void> {
    await expect(this.saveState()).toHaveAttribute('data-state', 'saved', { timeout: 10_000 });
    await expect(this.saveState()).toContainText(/已保存 \d{2}:\d{2}:\d{2}/);
  }

  /** Marks someone 到场 / 未到场 / 拒绝调解 in the attendance panel. */
  async presence(who: string, value: '到场' | '未到场' | '拒绝调解'): Promise<void> {
    const group = this.page.getByRole('radiogroup', { name: `${who} 到场情况` });
    await group.getByText(value, { exact: true }).click();
    await expect(group.getByRole('radio', { name: value, exact: true })).toBeChecked();
  }

  /**
   * Says one statement by keyboard: Alt+digit for the speaker, the text typed, Enter. `expectSpeaker` checks the chip
   * the digit chose.
   */
  async say(digit: number, text: string, expectSpeaker?: string): Promise<void> {
    const composer = this.composer();
    await composer.focus();
    await this.page.keyboard.press(`Alt+Digit${digit}`);
    if (expectSpeaker) await expect(this.speakerChip(expectSpeaker)).toHaveAttribute('aria-checked', 'true');
    await this.page.keyboard.type(text);
    await this.page.keyboard.press('Enter');
    await expect(composer).toHaveValue('');
  }

  /** The statements as shown: "speaker|kind|text" each. */
  async statementTexts(): Promise<string[]> {
    return this.statements().evaluateAll((items) =>
      items.map((li) => {
        const part = (name: string) => li.querySelector(`[data-part="${name}"]`)?.textContent?.trim() ?? '';
        const [speaker, kind, text] = [part('speaker'), part('kind'), part('text')];
        return `${speaker}|${kind}|${text}`;
      }),
    );
  }

  endDialog(): Locator {
    return this.page.getByRole('dialog', { name: /结束调解|结束调查/ });
  }
}
