import { mkdirSync } from 'node:fs';
import { expect, test } from './fixtures';
import { SessionsPage } from './pages/sessions';

const SCREENS = 'test-results/screens';
const texts = async (s: SessionsPage) => (await s.statementTexts()).map((line) => line.split('|')[2]);

test('a browser-mode server killed (SIGKILL) and restarted by the README command loses nothing typed before or after the kill', async ({ page, server }) => {
  test.setTimeout(300_000);
  mkdirSync(SCREENS, { recursive: true });
  // From here on the server runs as the README says: `npm run web -- --data-dir DIR`, on the port kept for the folder.
  const firstPort = server.port;
  await server.stop();
  await server.start({ readme: true });
  expect(server.port, 'the port kept in the data folder').toBe(firstPort);

  const s = new SessionsPage(page, server);
  await s.app.open();
  await s.app.completeSetup();
  const { caseNumber } = await s.registerRoadTrafficCase();
  await s.scheduleSession('10:00');
  await s.enter('第1次调解');
  for (const who of ['申请人张秀英', '被申请人刘建华']) await s.presence(who, '到场');
  await page.getByRole('button', { name: '开始调解' }).click();

  // ── before the kill: two statements committed, a third half-typed in the composer, all autosaved ──
  await s.say(1, '请申请人陈述事故经过。');
  await s.say(2, '我骑电动车正常通过路口，被申请人的货车右转时把我撞倒。');
  await s.composer().focus();
  await page.keyboard.press('Alt+Digit1');
  await page.keyboard.type('被申请人对此');
  await s.waitSaved();

  // ── the kill: nothing can finish ──
  await server.crash();

  // ── after the kill: the mediator goes on typing; the editor says at once that it is kept here, not saved ──
  await s.composer().focus();
  await page.keyboard.type('有无异议？');
  await page.keyboard.press('Enter');
  await s.say(4, '对事故经过没有异议，但赔偿数额太高。');
  await s.composer().focus();
  await page.keyboard.press('Alt+Digit1');
  await page.keyboard.type('双方的分歧主要在误工');
  const banner = page.getByTestId('save-banner');
  await expect(banner).toContainText('记录尚未存入工作台', { timeout: 20_000 });
  await expect(banner).toContainText('已输入的内容暂存在本机，不会丢失');
  // One banner only: the editor's speaks for the app-wide one.
  await expect(page.getByTestId('host-banner')).toHaveCount(0);
  await page.screenshot({ path: `${SCREENS}/restart-banner-offline.png` });

  // ── restarted by the README command: same data folder, same port, no rebuild of an unchanged renderer ──
  await server.start({ readme: true });
  expect(server.port).toBe(firstPort);
  expect(server.output).toContain('界面文件未改动');
  expect(server.output).not.toContain('已被其他程序占用');
  // The page left open reaches it again; it forgot who signed in, so it asks.
  await expect(page.getByRole('heading', { name: '登录', exact: true })).toBeVisible({ timeout: 40_000 });
  await s.app.signIn();
  await page.getByRole('button', { name: `打开案件 ${caseNumber}` }).click();
  await s.enter('第1次调解');
  await s.waitSaved();
  const committed = ['请申请人陈述事故经过。', '我骑电动车正常通过路口，被申请人的货车右转时把我撞倒。', '被申请人对此有无异议？', '对事故经过没有异议，但赔偿数额太高。'];
  expect(await texts(s)).toEqual(committed);
  // The half-typed one is back in the composer, not a finished statement.
  await expect(s.composer()).toHaveValue('双方的分歧主要在误工');

  // ── and again from the host alone: a fresh load of the page shows the same ──
  await page.reload();
  await page.getByRole('button', { name: `打开案件 ${caseNumber}` }).click();
  await s.enter('第1次调解');
  expect(await texts(s)).toEqual(committed);
  await expect(s.composer()).toHaveValue('双方的分歧主要在误工');
  await expect(page.getByText('上次未记入的发言已放回输入框')).toBeVisible();
  await page.screenshot({ path: `${SCREENS}/restart-composer-restored.png` });
  // The README server is stopped by its whole process tree (npm does not pass every signal on).
  await server.crash();
});

test('the save banner says when the words are saved again after the server came back', async ({ page, server }) => {
  test.setTimeout(180_000);
  const s = new SessionsPage(page, server);
  await s.app.open();
  await s.app.completeSetup();
  await s.registerRoadTrafficCase();
  await s.scheduleSession('10:00');
  await s.enter('第1次调解');
  await page.getByRole('button', { name: '开始调解' }).click();
  await s.say(1, '今天就赔偿问题进行调解。');
  await s.waitSaved();
  // Only the connection drops (the server keeps the sign-in): calls fail, then the host answers again.
  await page.route('**/api/**', (route) => route.abort('connectionrefused'));
  await s.say(1, '各方是否申请回避？');
  const banner = page.getByTestId('save-banner');
  await expect(banner).toContainText('记录尚未存入工作台', { timeout: 20_000 });
  await page.unroute('**/api/**');
  await expect(banner).toContainText(/已重新保存到工作台（\d{2}:\d{2}:\d{2}）/, { timeout: 20_000 });
  await page.screenshot({ path: `${SCREENS}/restart-banner-saved-again.png` });
  await s.waitSaved();
  expect(await texts(s)).toEqual(['今天就赔偿问题进行调解。', '各方是否申请回避？']);
});

test.describe('under an English browser', () => {
  test.use({ locale: 'en-US' });

  test('time fields are on the 24-hour clock (no AM/PM)', async ({ page, server }) => {
    test.setTimeout(120_000);
    const s = new SessionsPage(page, server);
    await s.app.open();
    await s.app.completeSetup();
    await s.registerRoadTrafficCase();
    expect(await page.evaluate(() => navigator.language)).toBe('en-US');
    await s.sessionsSection().getByRole('button', { name: '安排调解' }).click();
    const dialog = page.getByRole('dialog', { name: '安排调解' });
    const time = dialog.getByLabel('时间');
    await time.fill('1430');
    await time.blur();
    await expect(time).toHaveValue('14:30');
    await expect(dialog).not.toContainText(/AM|PM/);
    await page.screenshot({ path: `${SCREENS}/time-24h-en-US.png` });
    await dialog.getByRole('button', { name: '安排', exact: true }).click();
    await expect(dialog).toBeHidden();
    await expect(s.sessionsSection()).toContainText('14:30');
  });
});
