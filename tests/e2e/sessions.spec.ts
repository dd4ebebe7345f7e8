import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { makePng } from '../fixtures/png';
import { expect, test } from './fixtures';
import { SessionsPage } from './pages/sessions';

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

const noNotifications = (page: Page) => expect(page.locator('.mantine-Notification-root')).toHaveCount(0, { timeout: 15_000 });

const SCREENS = 'test-results/screens';
/** The curated screenshots in docs/ are refreshed only on request (UPDATE_SCREENSHOTS=1); a normal run keeps its own. */
const DOCS_SCREENS = process.env.UPDATE_SCREENSHOTS ? 'docs/screenshots' : 'test-results/screens';

/** The center's today plus `days`, as the date field wants it. */
function dateAfter(days: number): string {
  const d = new Date(Date.now() + days * 86_400_000);
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(d);
}

// What is said at the first session: [Alt+digit, speaker as printed, 问/答, text]. Numbers follow the attendance
// panel: 1 调解员王建国, 2 申请人张秀英, 3 申请人李明, 4 被申请人刘建华, 5 代理人赵志强, 6 参加人（交警）, 7 记录人李娜.
const FIRST: [number, string, '问' | '答' | '陈述', string][] = [
  [1, '调解员王建国', '问', '今天就11月20日建设路口交通事故的赔偿问题进行调解。各方的权利义务已经告知，对调解员和记录人是否申请回避？'],
  [2, '申请人张秀英', '答', '不申请回避。'],
  [4, '被申请人刘建华', '答', '不申请。'],
  [1, '调解员王建国', '问', '请申请人陈述事故经过和赔偿请求。'],
  [2, '申请人张秀英', '答', '11月20日上午8点左右，我骑电动车正常通过建设路口，被申请人的货车右转时把我撞倒，左腿骨折，住院12天。'],
  [5, '申请人张秀英的委托代理人赵志强', '答', '申请人医疗费18600元、误工费9800元、护理费4200元、电动车维修费1200元，合计33800元，另有后续治疗费。'],
  [1, '调解员王建国', '问', '被申请人对事故经过和赔偿数额有什么意见？'],
  [4, '被申请人刘建华', '答', '交警认定我负主要责任，我没有异议。但误工费按每天350元算太高了，申请人已经退休。'],
  [6, '参加人（城关交警中队民警）王海', '答', '事故认定书已经出具，被申请人负主要责任，申请人负次要责任。'],
];
const CAUCUS_Q = '如果对方一次性付清，申请人一方最低能接受多少？';
const CAUCUS_A = '一次性付清的话，三万元可以考虑。';
const CLOSING = '双方对误工费分歧较大，本次调解到此，三日后继续调解，请双方准备收入证明。';

test('a mediation session typed live: attendance, speakers by Alt+digits, marks, a caucus and an evidence photo, 继续调解; the second session ends in agreement; the printed 人民调解记录 holds the joint statements in order and never the caucus', async ({ page, server }) => {
  test.setTimeout(300_000);
  mkdirSync(DOCS_SCREENS, { recursive: true });
  const s = new SessionsPage(page, server);
  await s.app.open();
  await s.app.completeSetup();
  // A clerk who keeps the record (setup only; everything recorded below is typed through the UI).
  await s.api('staff:create', { name: '李娜', loginName: 'lina', roles: ['clerk'], password: 'Chushi-mima-01' });
  const { caseId, caseNumber } = await s.registerRoadTrafficCase();

  // ── schedule the first session from the case page, with 李娜 as recorder, and enter it ──
  await s.sessionsSection().getByRole('button', { name: '安排调解' }).click();
  const schedule = page.getByRole('dialog', { name: '安排调解' });
  await schedule.getByLabel('时间').fill('09:00');
  await s.app.choose(schedule, '记录人', '李娜');
  await schedule.getByRole('button', { name: '安排', exact: true }).click();
  await expect(schedule).toBeHidden();
  await s.enter('第1次调解');
  await expect(page.getByText(`${caseNumber} · 张秀英、李明与刘建华道路交通事故纠纷`)).toBeVisible();
  await expect(page.getByText(/调解尚未开始/)).toBeVisible();
  await expect(s.composer()).toHaveCount(0);

  // ── attendance, then 开始调解 ──
  for (const who of ['申请人张秀英', '申请人李明', '被申请人刘建华', '申请人张秀英的委托代理人赵志强']) await s.presence(who, '到场');
  await page.getByRole('button', { name: '添加参加人' }).click();
  await page.getByLabel('参加人姓名').fill('王海');
  await page.getByLabel('身份或关系').fill('城关交警中队民警');
  await page.getByRole('form', { name: '添加参加人' }).getByRole('button', { name: '添加', exact: true }).click();
  await page.getByRole('button', { name: '开始调解' }).click();
  await expect(s.composer()).toBeFocused();
  await expect(page.getByText('进行中', { exact: true })).toBeVisible();

  // ── the record, typed: Alt+digit chooses the speaker, Enter commits ──
  for (const [digit, , , text] of FIRST) await s.say(digit, text);
  await expect(s.statements()).toHaveCount(FIRST.length);
  // 争议焦点 on the respondent's objection, by key on the focused statement.
  const objection = s.statements().nth(7);
  await objection.focus();
  await page.keyboard.press('Alt+KeyJ');
  await expect(objection.getByText('争议焦点')).toBeVisible();

  // ── a caucus with the applicants: Alt+B, visibly marked, never to be printed ──
  await s.composer().focus();
  await page.keyboard.press('Alt+KeyB');
  await expect(page.getByText(/背对背（申请人一方）：此处记录的内容只存档，不会印入双方签字的调解记录/)).toBeVisible();
  await s.say(1, CAUCUS_Q, '调解员王建国');
  await s.say(2, CAUCUS_A, '申请人张秀英');
  await expect(s.statements().nth(FIRST.length).getByText('背对背（申请人一方）')).toBeVisible();
  await page.getByRole('radiogroup', { name: '记录方式' }).getByText('共同调解').click();
  await expect(page.getByText(/背对背（申请人一方）：此处记录/)).toHaveCount(0);

  // ── evidence: the accident photo, attached to the policeman's statement (the record is saved first) ──
  const police = s.statements().nth(8);
  const chooser = page.waitForEvent('filechooser');
  await police.hover();
  await police.getByRole('button', { name: '为第9条发言附加证据材料' }).click();
  await (await chooser).setFiles({ name: '事故现场照片.png', mimeType: 'image/png', buffer: makePng(64, { alpha: false }) });
  await expect(police.getByRole('button', { name: '查看材料 事故现场照片' })).toBeVisible();
  await expect(police.getByText('证据', { exact: true })).toBeVisible();
  // The chip opens the stored photo (attachments:file), checked against its hash.
  await police.getByRole('button', { name: '查看材料 事故现场照片' }).click();
  await expect(page.getByRole('dialog').getByAltText('事故现场照片（图片）')).toBeVisible();
  await expect(page.getByRole('dialog').getByText('文件校验一致')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toBeHidden();

  // ── the mediator sums up; the screen as it is mid-sentence ──
  const [head, tail] = [CLOSING.slice(0, 18), CLOSING.slice(18)];
  await s.composer().focus();
  await page.keyboard.press('Alt+Digit1');
  await page.keyboard.type(head);
  await s.waitSaved();
  await page.mouse.move(0, 0);
  await page.getByRole('complementary', { name: '到场人员' }).evaluate((el) => el.scrollTo(0, 0));
  await page.getByRole('list', { name: '调解笔录' }).evaluate((el) => el.scrollTo(0, el.scrollHeight));
  await noNotifications(page);
  await page.screenshot({ path: `${DOCS_SCREENS}/session-editor-recording.png` });
  // A laptop screen: the same layout, the list shorter, nothing overlapping.
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.screenshot({ path: `${SCREENS}/session-editor-recording-1280.png` });
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.keyboard.type(tail);
  await page.keyboard.press('Enter');
  await s.waitSaved();

  // ── 结束调解: 继续调解, with the next date (the host schedules the next session) ──
  await page.getByRole('button', { name: '结束调解' }).click();
  const end = s.endDialog();
  await end.getByRole('radio', { name: '继续调解' }).click();
  await end.getByLabel('下次调解日期').fill(dateAfter(3));
  await end.getByLabel('时间').fill('09:30');
  await end.getByRole('button', { name: '结束调解' }).click();
  await expect(end).toBeHidden();
  await expect(page.getByText('本次调解已结束')).toBeVisible();
  await expect(s.composer()).toHaveCount(0);
  await expect(s.statements()).toHaveCount(FIRST.length + 3);
  await noNotifications(page);
  await page.screenshot({ path: `${SCREENS}/session-editor-closed.png` });

  // ── the second session ends in agreement ──
  await page.getByRole('button', { name: '进入第2次调解记录' }).click();
  await expect(page.getByRole('heading', { name: '第2次调解' })).toBeVisible();
  for (const who of ['申请人张秀英', '申请人李明', '被申请人刘建华', '申请人张秀英的委托代理人赵志强']) await s.presence(who, '到场');
  await page.getByRole('button', { name: '开始调解' }).click();
  await s.say(1, '双方是否已核实误工费的计算依据？', '调解员王建国');
  await s.say(4, '我同意按当地平均工资计算，总额32000元，分两期付清。', '被申请人刘建华');
  await s.say(2, '同意。', '申请人张秀英');
  await page.getByRole('button', { name: '结束调解' }).click();
  await end.getByRole('radio', { name: '达成协议' }).click();
  await end.getByLabel('协议要点').fill('被申请人赔偿申请人各项损失共计32000元，分两期支付。');
  await end.getByRole('button', { name: '结束调解' }).click();
  await expect(page.getByText('结果：达成协议')).toBeVisible();

  // ── the 人民调解记录 of the first session: every joint statement in order, with its speaker; never the caucus ──
  await page.getByRole('button', { name: '返回案件' }).click();
  const row = s.sessionsSection().getByRole('listitem', { name: '第1次调解' });
  await row.getByRole('button', { name: '打印记录' }).click();
  const viewer = page.getByRole('dialog');
  await expect(viewer.getByText('预览（尚未出具）')).toBeVisible();
  const issuedResponse = page.waitForResponse((res) => res.url().endsWith('/api/documents:issue'));
  await viewer.getByRole('button', { name: '出具' }).click();
  const issued = await (await issuedResponse).json();
  expect(issued.ok, JSON.stringify(issued.error)).toBe(true);
  expect(issued.value.document.subjectId).toBeTruthy();
  const text = squash(pdfText(issued.value.pdfBase64));
  let from = 0;
  for (const [, speaker, kind, said] of [...FIRST, [1, '调解员王建国', '问', CLOSING] as const]) {
    const line = squash(`${speaker}${kind === '陈述' ? '' : kind}：${said}`);
    const at = text.indexOf(line, from);
    expect(at, `“${line}” in order in the record`).toBeGreaterThanOrEqual(from);
    from = at + line.length;
  }
  expect(text).not.toContain(squash(CAUCUS_Q));
  expect(text).not.toContain(squash(CAUCUS_A));
  expect(caseId).toBeTruthy();
});

test('never lose a word: statements autosaved before the server is killed (SIGKILL) are all there after a restart, the one still in the composer too', async ({ page, server }) => {
  test.setTimeout(180_000);
  const s = new SessionsPage(page, server);
  await s.app.open();
  await s.app.completeSetup();
  const { caseNumber } = await s.registerRoadTrafficCase();
  await s.scheduleSession('10:00');
  await s.enter('第1次调解');
  for (const who of ['申请人张秀英', '被申请人刘建华']) await s.presence(who, '到场');
  await page.getByRole('button', { name: '开始调解' }).click();

  const said: [number, string][] = [
    [1, '请申请人陈述事故经过。'],
    [2, '我骑电动车正常通过路口，被申请人的货车右转时把我撞倒。'],
    [1, '被申请人对此有无异议？'],
  ];
  for (const [digit, text] of said) await s.say(digit, text);
  await s.waitSaved();
  // One more, committed, and autosaved on its own (no flush: the debounce).
  await s.say(3, '对事故经过没有异议，但赔偿数额太高。');
  await expect(s.saveState()).toHaveAttribute('data-state', 'pending');
  await s.waitSaved();
  // And one still being typed, not committed with Enter: the autosave keeps it too.
  await s.composer().focus();
  await page.keyboard.press('Alt+Digit1');
  await page.keyboard.type('双方的分歧主要在误工费');
  await expect(s.saveState()).toHaveAttribute('data-state', 'pending');
  await s.waitSaved();

  // ── crash: the server process is killed outright, then started again on the same data directory ──
  await server.crash();
  await server.start();
  // It comes back at the same address (the port is kept per data folder) and has forgotten who signed in.
  await page.reload();
  await s.app.signIn();
  await page.getByRole('button', { name: `打开案件 ${caseNumber}` }).click();
  await s.enter('第1次调解');

  // The committed statements are there; the one that was never committed with Enter is back in the composer, with
  // its speaker, not turned into a finished statement.
  const committed = [...said.map(([, text]) => text), '对事故经过没有异议，但赔偿数额太高。'];
  await expect(s.statements()).toHaveCount(committed.length);
  expect((await s.statementTexts()).map((line) => line.split('|')[2])).toEqual(committed);
  expect((await s.statementTexts()).map((line) => line.split('|')[0])).toEqual(['调解员王建国', '申请人张秀英', '调解员王建国', '被申请人刘建华']);
  await expect(s.composer()).toHaveValue('双方的分歧主要在误工费');
  await expect(s.speakerChip('调解员王建国')).toHaveAttribute('aria-checked', 'true');
  await expect(page.getByText('上次未记入的发言已放回输入框')).toBeVisible();
  await expect(page.getByText('进行中', { exact: true })).toBeVisible();
  await s.composer().focus();
  await page.keyboard.type('，请双方说明。');
  await page.keyboard.press('Enter');
  await expect(s.composer()).toHaveValue('');
  const expected = [...committed, '双方的分歧主要在误工费，请双方说明。'];
  await expect(s.statements()).toHaveCount(expected.length);
  await s.waitSaved();

  // ── the server dies while the mediator keeps typing: the save fails (and says so), the words stay ──
  const port = server.port;
  await server.crash();
  await s.say(3, '我最多只能赔两万元。');
  await expect(s.saveState()).toHaveAttribute('data-state', 'failed', { timeout: 15_000 });
  await expect(s.saveState()).toContainText('保存失败');
  // It comes back at the same address; it has forgotten who signed in, so the app asks again. The words typed while
  // it was down were kept on this machine and are offered back when the record is opened.
  await server.start({ port });
  await expect(page.getByRole('heading', { name: '登录', exact: true })).toBeVisible({ timeout: 40_000 });
  await s.app.signIn();
  await page.getByRole('button', { name: `打开案件 ${caseNumber}` }).click();
  await s.enter('第1次调解');
  await expect(page.getByText(/已恢复本页上次未能保存的内容（暂存于 \d{2}:\d{2}:\d{2}）/)).toBeVisible();
  await s.waitSaved();
  expect((await s.statementTexts()).map((line) => line.split('|')[2])).toEqual([...expected, '我最多只能赔两万元。']);
  // Saved now: reopened, it is simply there, with nothing to restore.
  await page.getByRole('button', { name: '返回案件' }).click();
  await s.enter('第1次调解');
  await expect(s.statements()).toHaveCount(expected.length + 1);
  await expect(page.getByText(/已恢复本页上次未能保存的内容/)).toHaveCount(0);
});

test('an investigation uses the same editor (被调查人, 调查人, no outcome); a party who clearly refuses mediation leaves only 调解不成 (人民调解法 art. 17), which terminates the case', async ({ page, server }) => {
  test.setTimeout(240_000);
  mkdirSync(DOCS_SCREENS, { recursive: true });
  const s = new SessionsPage(page, server);
  await s.app.open();
  await s.app.completeSetup();
  const { caseNumber } = await s.registerRoadTrafficCase();

  // ── 安排调查: the respondent, interviewed where the accident happened ──
  await s.sessionsSection().getByRole('button', { name: '安排调查' }).click();
  const plan = page.getByRole('dialog', { name: '安排调查' });
  await plan.getByLabel('时间').fill('15:00');
  await plan.getByRole('combobox', { name: '地点' }).fill('城关镇建设路口');
  await s.app.choose(plan, '当事人', '被申请人 刘建华');
  await plan.getByRole('button', { name: '安排', exact: true }).click();
  await expect(plan).toBeHidden();
  await s.enter('第1次调查');
  const header = page.locator('header').filter({ hasText: '第1次调查' });
  await expect(header).toContainText('被调查人被申请人刘建华');
  await expect(header).toContainText('调查人王建国');
  await expect(header).toContainText('城关镇建设路口');
  await expect(page.getByRole('radiogroup', { name: '被申请人刘建华 到场情况' }).getByRole('radio')).toHaveCount(2);
  await s.presence('被申请人刘建华', '到场');
  await page.getByRole('button', { name: '开始调查' }).click();
  await expect(page.getByRole('radiogroup', { name: '记录方式' })).toHaveCount(0);
  await s.say(1, '事故发生时你的车速是多少？', '调查人王建国');
  await s.say(2, '大约每小时二十公里，右转时没有看到电动车。', '被调查人刘建华');
  await expect(s.statements().first()).toContainText('调查人王建国');
  await expect(s.statements().nth(1)).toContainText('被调查人刘建华');
  await page.getByRole('button', { name: '结束调查' }).click();
  const endInvestigation = page.getByRole('dialog', { name: '结束调查' });
  await expect(endInvestigation.getByRole('radio')).toHaveCount(0);
  await endInvestigation.getByRole('button', { name: '结束调查' }).click();
  await expect(page.getByText('本次调查已结束')).toBeVisible();
  // Its record: previewed from the editor itself (打印记录).
  await page.getByRole('button', { name: '打印记录' }).click();
  const viewer = page.getByRole('dialog');
  await expect(viewer.getByText('人民调解调查记录')).toBeVisible();
  const issuedResponse = page.waitForResponse((res) => res.url().endsWith('/api/documents:issue'));
  await viewer.getByRole('button', { name: '出具' }).click();
  const issued = await (await issuedResponse).json();
  expect(issued.ok, JSON.stringify(issued.error)).toBe(true);
  const text = squash(pdfText(issued.value.pdfBase64));
  expect(text).toContain(squash('调查人王建国问：事故发生时你的车速是多少？'));
  expect(text).toContain(squash('被调查人刘建华答：大约每小时二十公里，右转时没有看到电动车。'));
  await page.keyboard.press('Escape');

  // ── a mediation session where the respondent clearly refuses ──
  await page.getByRole('button', { name: '返回案件' }).click();
  await s.scheduleSession('16:00');
  await s.enter('第1次调解');
  await s.presence('申请人张秀英', '到场');
  await s.presence('被申请人刘建华', '拒绝调解');
  const refusal = page.getByRole('alert').filter({ hasText: '被申请人刘建华明确拒绝调解' });
  await expect(refusal).toContainText('第十七条');
  await expect(refusal).toContainText('只能以“调解不成”终止调解');
  await page.getByRole('textbox', { name: '被申请人刘建华 当事人拒绝调解的表示' }).fill('表示不同意调解，要求直接向法院起诉');
  await page.getByRole('button', { name: '开始调解' }).click();
  await s.say(1, '被申请人是否同意由本委员会调解？', '调解员王建国');
  await s.say(3, '不同意调解，我要直接起诉。', '被申请人刘建华');
  await s.waitSaved();
  await page.mouse.move(0, 0);
  await noNotifications(page);
  await page.screenshot({ path: `${DOCS_SCREENS}/session-editor-refusal.png` });
  await page.getByRole('button', { name: '结束调解' }).click();
  const end = s.endDialog();
  for (const other of ['继续调解', '达成协议', '中止调解']) await expect(end.getByRole('radio', { name: other })).toBeDisabled();
  await expect(end.getByRole('radio', { name: '调解不成' })).toHaveAttribute('aria-checked', 'true');
  await end.getByRole('button', { name: '结束调解' }).click();
  await expect(end.getByText('请填写调解不成的原因')).toBeVisible();
  await expect(end.getByText('请确认已告知当事人其他途径')).toBeVisible();
  await end.getByLabel('调解不成的原因').fill('被申请人明确拒绝调解');
  await end.getByRole('checkbox', { name: /已告知当事人可以依法通过仲裁、行政、司法等途径维护自己的权利/ }).check();
  await end.getByLabel('告知的其他途径').fill('可向青山县人民法院提起诉讼');
  await page.mouse.move(0, 0);
  await noNotifications(page);
  await page.screenshot({ path: `${DOCS_SCREENS}/session-editor-end-failed.png` });
  await end.getByRole('button', { name: '结束调解' }).click();
  await expect(page.getByText('结果：调解不成')).toBeVisible();
  await page.getByRole('button', { name: '返回案件' }).click();
  await expect(page.getByRole('heading', { name: caseNumber })).toBeVisible();
  await expect(page.getByText('调解终止').first()).toBeVisible();
});
