/**
 * The 人民调解受理登记表 in the case's 文书 section (renderer/src/features/documents), 3 passes:
 * - preview: the click on 预览 → the viewer's first page drawn (pdf.js paints the page white, so a drawn canvas has
 *   opaque pixels where an undrawn one is transparent);
 * - issue: the click on 出具 → the issued state shown (第N版 with 文件校验一致), and → its first page drawn again.
 * Each pass issues a new version (第1版, 第2版, …), as a clerk re-issuing the form would.
 */
import type { Page } from '@playwright/test';
import { DocumentsPanel } from '../../../tests/e2e/pages/documents';
import { mark } from './probes';
import { type Metrics, median } from './stats';

const TITLE = '人民调解受理登记表';
const LONG = 180_000;

/** Watches for a canvas in the viewer that was not there when the watch began, once drawn. */
function watchNewPage(page: Page, name: string): Promise<void> {
  return page.evaluate((name) => {
    for (const c of document.querySelectorAll('[role="dialog"] canvas')) c.setAttribute('data-bench-seen', '');
    window.__bench.watch(name, () => {
      const canvas = document.querySelector<HTMLCanvasElement>('[role="dialog"] canvas:not([data-bench-seen])');
      if (!canvas || canvas.width < 10 || canvas.height < 10) return false;
      return canvas.getContext('2d')!.getImageData(1, 1, 1, 1).data[3]! > 0;
    });
  }, name);
}

export async function measureDocuments(page: Page, log: (msg: string) => void): Promise<Metrics> {
  const docs = new DocumentsPanel(page);
  const previews: number[] = [];
  const issues: number[] = [];
  const issuedPainted: number[] = [];
  for (let pass = 0; pass < 3; pass++) {
    await watchNewPage(page, 'preview');
    await docs.section().getByRole('button', { name: `预览 ${TITLE}`, exact: true }).click({ timeout: LONG });
    previews.push((await mark(page, 'preview')) - (await page.evaluate(() => window.__bench.clickAt)));

    await watchNewPage(page, 'issued-page');
    await page.evaluate(() => window.__bench.watch('issued', () => !!document.querySelector('[role="dialog"]')?.textContent?.includes('文件校验一致')));
    await docs.viewer().getByRole('button', { name: '出具', exact: true }).click({ timeout: LONG });
    const clicked = await page.evaluate(() => window.__bench.clickAt);
    issues.push((await mark(page, 'issued')) - clicked);
    issuedPainted.push((await mark(page, 'issued-page')) - clicked);
    await docs.viewer().getByText(`第${pass + 1}版`, { exact: true }).first().waitFor({ timeout: LONG });
    log(`documents: preview ${previews.at(-1)!.toFixed(0)} ms, issue ${issues.at(-1)!.toFixed(0)} ms`);

    await page.keyboard.press('Escape');
    await docs.viewer().waitFor({ state: 'hidden', timeout: LONG });
  }
  return {
    doc_preview_ms: median(previews),
    doc_preview_first_ms: previews[0]!,
    doc_issue_ms: median(issues),
    doc_issue_first_ms: issues[0]!,
    doc_issue_page_drawn_ms: median(issuedPainted),
  };
}
