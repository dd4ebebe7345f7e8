/**
 * 案件列表 over the generated cases:
 * - open: the nav click → the first page of rows and the total (共 N 件) painted;
 * - filter: a case-number fragment typed into 搜索 one key every 70 ms; from the last key to the filtered page (its
 *   total and its first row) painted, and to the last DOM change under the page's main area (the loading overlay
 *   fading out and the like: "settled"). Median of 3 passes, each a different text (no answer cached).
 * The list filters on the server as the search is typed (renderer/src/features/cases/CaseListPage.tsx).
 */
import type { Page } from '@playwright/test';
import type { AppPage } from '../../../tests/e2e/pages/app';
import { mark } from './probes';
import type { Seeded } from './seed';
import { type Metrics, median } from './stats';

const LONG = 180_000;
/** Long enough after the result for anything still changing (a loading overlay fading out) to have done so. */
const SETTLE_MS = 1500;

/** Installs a watch for a list page showing `total` cases with `first` (a case number) on top, or any row if null. */
function watchList(page: Page, name: string, total: number, first: string | null): Promise<void> {
  return page.evaluate(
    ({ name, total, first }) =>
      window.__bench.watch(name, () => {
        const main = document.querySelector('main');
        const top = main?.querySelector('table tbody tr button[aria-label]');
        if (!main || !top || !main.textContent?.includes(`共 ${total} 件`)) return false;
        return first === null || top.getAttribute('aria-label') === `打开案件 ${first}`;
      }),
    { name, total, first },
  );
}

const searchBox = (page: Page) => page.getByRole('searchbox', { name: '搜索' });

async function clearSearch(page: Page, total: number): Promise<void> {
  await searchBox(page).click();
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
  await watchList(page, 'cleared', total, null);
  await mark(page, 'cleared');
}

export async function measureList(page: Page, app: AppPage, seeded: Seeded, log: (msg: string) => void): Promise<Metrics> {
  const m: Metrics = {};
  await watchList(page, 'list', seeded.total, null);
  await app.nav('案件列表');
  m.list_open_ms = (await mark(page, 'list')) - (await page.evaluate(() => window.__bench.clickAt));
  log(`case list: shown in ${m.list_open_ms.toFixed(0)} ms`);

  const results: number[] = [];
  const settled: number[] = [];
  for (const search of seeded.searches) {
    await searchBox(page).click();
    await watchList(page, 'filter', search.total, search.first);
    await page.evaluate(() => window.__bench.observe(document.querySelector('main')!));
    for (const ch of search.text) {
      await page.keyboard.type(ch);
      await page.waitForTimeout(70);
    }
    const shown = await mark(page, 'filter');
    await page.waitForTimeout(SETTLE_MS);
    const { keyAt, lastMutation } = await page.evaluate(() => ({ keyAt: window.__bench.keyAt, lastMutation: window.__bench.lastMutation }));
    results.push(shown - keyAt);
    settled.push(Math.max(shown, lastMutation) - keyAt);
    log(`case list: "${search.text}" → ${search.total} cases in ${results.at(-1)!.toFixed(0)} ms`);
    await clearSearch(page, seeded.total);
  }
  m.list_filter_ms = median(results);
  m.list_filter_max_ms = Math.max(...results);
  m.list_filter_settled_ms = median(settled);
  m.list_cases = seeded.total;
  return m;
}

/** Opens the seeded case from 案件列表 by its number (not timed). */
export async function openCase(page: Page, app: AppPage, caseNumber: string): Promise<void> {
  await app.nav('案件列表');
  await searchBox(page).fill(caseNumber, { timeout: LONG });
  await page.getByRole('button', { name: `打开案件 ${caseNumber}`, exact: true }).click({ timeout: LONG });
  await page.getByRole('heading', { name: caseNumber }).waitFor({ timeout: LONG });
}
