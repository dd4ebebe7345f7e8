import { type Locator, type Page, expect } from '@playwright/test';

/** Page model of a case's 文书 section and the document viewer (pdf.js pages on canvases, no PDF plugin). */
export class DocumentsPanel {
  constructor(readonly page: Page) {}

  section(): Locator {
    return this.page.getByRole('region', { name: '文书' });
  }

  viewer(): Locator {
    return this.page.getByRole('dialog');
  }

  /** 预览 a form: opens the viewer with the PDF as it would be issued now. */
  async preview(title: string): Promise<void> {
    await this.section().getByRole('button', { name: `预览 ${title}`, exact: true }).click();
    await expect(this.viewer()).toBeVisible();
  }

  /** Re-opens an issued version from the list (documents:read). */
  async openVersion(title: string, version: number): Promise<void> {
    await this.section().getByRole('button', { name: `查看 ${title} 第${version}版` }).click();
    await expect(this.viewer()).toBeVisible();
  }

  pageCanvases(): Locator {
    return this.viewer().locator('canvas');
  }

  /** Waits for the pages to be laid out and returns N of "第 x 页 / 共 N 页". */
  async pageCount(): Promise<number> {
    const counter = this.viewer().getByText(/第 \d+ 页 \/ 共 \d+ 页/);
    await expect(counter).toBeVisible({ timeout: 20_000 });
    return Number((await counter.textContent())!.match(/共 (\d+) 页/)![1]);
  }

  /** Whether every page canvas has been drawn on (has dark pixels: text and rules), checked in the page. */
  async pagesPainted(): Promise<boolean[]> {
    return this.pageCanvases().evaluateAll((canvases) =>
      (canvases as HTMLCanvasElement[]).map((canvas) => {
        if (canvas.width < 10 || canvas.height < 10) return false;
        const { data } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
        let dark = 0;
        for (let i = 0; i < data.length; i += 16) if (data[i]! < 128 && data[i + 3]! > 0) dark += 1;
        return dark > 100;
      }),
    );
  }

  /** Waits until every page canvas is drawn. */
  async waitForPainted(): Promise<void> {
    await expect.poll(async () => (await this.pagesPainted()).every(Boolean) && (await this.pageCanvases().count()) > 0, { timeout: 20_000 }).toBe(true);
  }
}
