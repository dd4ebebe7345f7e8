/**
 * The session record editor (调解记录) at each record size, entered from the case page as a mediator does:
 * - open: click 进入记录 on the session's row → the statements shown and the composer usable (median of 3 passes,
 *   back to the case in between);
 * - typing: ~60 ASCII characters into the composer, one key every 60–80 ms; per key, key → the next painted frame;
 *   then the composer is emptied without committing (select all, Delete), so the record keeps its size;
 * - scrolling: the statement list from top to bottom by mouse wheel, 300 px a step, a frame between steps, with rAF
 *   frame gaps and long tasks;
 * - the JS heap after a forced GC and the number of DOM elements, with the editor open.
 */
import type { Page } from '@playwright/test';
import type { AppServer } from '../../../tests/e2e/app-server';
import { SessionsPage } from '../../../tests/e2e/pages/sessions';
import { frames, heapAndDom, mark } from './probes';
import type { Seeded } from './seed';
import { type Metrics, median, percentile } from './stats';

/** What a recorder types without an IME (pinyin, figures): plain keys, one character each. */
const TYPED = 'shenqingren tongyi fenqi zhifu peichang kuan 45800 yuan ok';
const SCROLL_STEP = 300;
const LONG = 180_000;

async function openEditor(page: Page, sessions: SessionsPage, ordinal: string): Promise<number> {
  await page.evaluate(() =>
    window.__bench.watch('editor', () => {
      const list = document.querySelector('ol[aria-label="调解笔录"]');
      const composer = document.querySelector<HTMLTextAreaElement>('textarea[aria-label="发言内容"]');
      return !!list?.querySelector('li[data-statement-id]') && !!composer && !composer.disabled && !composer.readOnly && composer.offsetParent !== null;
    }),
  );
  await sessions.sessionsSection().getByRole('listitem', { name: ordinal }).getByRole('button', { name: '进入记录' }).click({ timeout: LONG });
  const shown = await mark(page, 'editor');
  return shown - (await page.evaluate(() => window.__bench.clickAt));
}

async function backToCase(page: Page, caseNumber: string): Promise<void> {
  await page.getByRole('button', { name: '返回案件' }).click({ timeout: LONG });
  await page.getByRole('heading', { name: caseNumber }).waitFor({ timeout: LONG });
}

async function typing(page: Page, sessions: SessionsPage): Promise<Metrics> {
  await sessions.composer().click();
  await frames(page, 3);
  await page.evaluate(() => {
    window.__bench.keyLatencies = [];
    window.__bench.events = [];
    window.__bench.longTasks = [];
  });
  for (const [i, ch] of [...TYPED].entries()) {
    await page.keyboard.type(ch);
    await page.waitForTimeout(60 + ((i * 7) % 21));
  }
  // A slow page is still working through the keys: wait for every latency (and for late Event Timing entries).
  await page.waitForFunction((n) => (window.__bench.keyLatencies?.length ?? 0) >= n, TYPED.length, { timeout: LONG, polling: 100 });
  await page.waitForTimeout(300);
  const { latencies, events, longTasks } = await page.evaluate(() => {
    const b = window.__bench;
    const out = { latencies: b.keyLatencies ?? [], events: b.events ?? [], longTasks: b.longTasks ?? [] };
    b.keyLatencies = null;
    b.events = null;
    b.longTasks = null;
    return out;
  });
  // Empty the composer without committing: the record keeps its size for the next pass and the next run.
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
  await page.waitForFunction(() => document.querySelector<HTMLTextAreaElement>('textarea[aria-label="发言内容"]')?.value === '', null, { timeout: LONG });
  // Event Timing: the longest entry of each interaction (a key press is keydown + keyup), as INP counts them.
  const perInteraction = new Map<number, number>();
  for (const e of events) if (e.interactionId > 0) perInteraction.set(e.interactionId, Math.max(perInteraction.get(e.interactionId) ?? 0, e.duration));
  const slow = [...perInteraction.values()];
  return {
    typing_p50_ms: percentile(latencies, 0.5),
    typing_p95_ms: percentile(latencies, 0.95),
    typing_max_ms: Math.max(...latencies),
    typing_keys: latencies.length,
    event_timing_count: slow.length,
    event_timing_p95_ms: slow.length > 0 ? percentile(slow, 0.95) : Number.NaN,
    // What kept the main thread busy meanwhile (renders, the autosave and its backup copy): a key waits for it.
    typing_long_tasks: longTasks.length,
    typing_longest_task_ms: longTasks.reduce((max, t) => Math.max(max, t.duration), 0),
  };
}

async function scrolling(page: Page): Promise<Metrics> {
  const list = page.getByRole('list', { name: '调解笔录' });
  const box = (await list.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  // The editor opens at the newest statement: start from the top.
  await list.evaluate((el) => (el.scrollTop = 0));
  await frames(page, 3);
  await page.waitForTimeout(300);
  const start = await page.evaluate(() => {
    window.__bench.longTasks = [];
    window.__bench.startFrames();
    return performance.now();
  });
  let last = -1;
  let stuck = 0;
  for (;;) {
    await page.mouse.wheel(0, SCROLL_STEP);
    const pos = await list.evaluate((el) => new Promise<{ top: number; max: number }>((r) => requestAnimationFrame(() => r({ top: el.scrollTop, max: el.scrollHeight - el.clientHeight }))));
    if (pos.top >= pos.max - 1) break;
    stuck = pos.top > last ? 0 : stuck + 1;
    last = pos.top;
    if (stuck > 100) throw new Error(`the statement list does not scroll (stuck at ${pos.top} of ${pos.max} px)`);
  }
  const { end, frameTimes, longTasks } = await page.evaluate(() => {
    const b = window.__bench;
    const out = { end: performance.now(), frameTimes: b.frames ?? [], longTasks: b.longTasks ?? [] };
    b.frames = null;
    b.longTasks = null;
    return out;
  });
  const gaps = frameTimes.slice(1).map((t, i) => t - frameTimes[i]!);
  return {
    scroll_total_ms: end - start,
    scroll_max_frame_ms: gaps.length > 0 ? Math.max(...gaps) : 0,
    scroll_frames: gaps.length,
    scroll_frames_over_50ms: gaps.filter((g) => g > 50).length,
    scroll_long_tasks: longTasks.length,
    scroll_long_task_total_ms: longTasks.reduce((s, t) => s + t.duration, 0),
  };
}

/** Starts and ends on the case page. Returns the metrics of each size (the report puts the size before the unit: editor_open_2000_ms). */
export async function measureEditor(page: Page, server: AppServer, seeded: Seeded, log: (msg: string) => void): Promise<Map<number, Metrics>> {
  const sessions = new SessionsPage(page, server);
  const out = new Map<number, Metrics>();
  for (const session of seeded.sessions) {
    const m: Metrics = {};
    const opens: number[] = [];
    for (let pass = 0; pass < 3; pass++) {
      opens.push(await openEditor(page, sessions, session.ordinal));
      log(`editor ${session.size}: opened in ${opens.at(-1)!.toFixed(0)} ms`);
      if (pass < 2) await backToCase(page, seeded.caseNumber);
    }
    m.editor_open_ms = median(opens);
    m.editor_open_max_ms = Math.max(...opens);
    // The list may be virtual (only a window in the page): each item says how many there are in all.
    m.statements_shown = await page.evaluate(() => {
      const items = document.querySelectorAll('ol[aria-label="调解笔录"] li[data-statement-id]');
      return Number(items[0]?.getAttribute('aria-setsize') ?? items.length);
    });
    Object.assign(m, await typing(page, sessions));
    log(`editor ${session.size}: typing p95 ${m.typing_p95_ms!.toFixed(0)} ms`);
    Object.assign(m, await scrolling(page));
    log(`editor ${session.size}: scrolled in ${m.scroll_total_ms!.toFixed(0)} ms`);
    const { heapMb, domElements } = await heapAndDom(page);
    m.heap_mb = heapMb;
    m.dom_elements = domElements;
    await backToCase(page, seeded.caseNumber);
    out.set(session.size, m);
  }
  return out;
}
