/**
 * The 人民调解受理登记表 of a case with four parties (2 applicants, 2 respondents): party blocks may break between their
 * pieces (never inside a row), the decision rows flow with the form, and only the signatures, the seal and the note are
 * kept together, so the form takes two pages where whole blocks kept together took three (page 2 a third empty).
 */
import { describe, expect, it } from 'vitest';
import { buildDocumentData } from '../../../electron/main/documents/document-data';
import { renderPdf } from '../../../electron/main/documents/render-pdf';
import type { CaseRecord } from '../../../electron/shared/domain';
import { TEMPLATES } from '../../../templates';
import { completeDocumentInput, mediatedRecord } from '../../fixtures/documents';
import { pdfPages, pdfText, pdfWordBoxes, squash } from './helpers';

const DRIVER_ID = '7c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f';

/** The fixture case with the lorry's driver as a second respondent (a natural person); agents only when asked. */
function fourParties(withAgent: boolean): CaseRecord {
  return mediatedRecord((r) => {
    const zhang = r.parties.find((p) => p.name === '张建国')!;
    const driver = { ...zhang, id: DRIVER_ID, role: 'respondent' as const, name: '刘德福', address: '浙江省义乌市北苑街道春华路388号员工宿舍2幢105室', occupation: '货车驾驶员', workUnit: '义乌市顺达货运有限公司', requests: '' };
    return { ...r, parties: [...r.parties, driver], agents: withAgent ? r.agents : [] };
  });
}

const render = (withAgent: boolean) => renderPdf(TEMPLATES['acceptance-register'], buildDocumentData({ ...completeDocumentInput(), record: fourParties(withAgent) }));

/** The lowest text line of a page above its page number, in points from the top. */
const lowestLine = (boxes: { text: string; yMax: number }[]) => Math.max(...boxes.filter((b) => !/^[—\d]+$/.test(b.text)).map((b) => b.yMax));

/** The foot of the text block: A4 less the 35 mm bottom margin. */
const BLOCK_BOTTOM = 841.89 - (35 * 72) / 25.4;

describe('人民调解受理登记表 with four parties', () => {
  it('takes at most two pages; the first page is filled to its foot; every party and the closing rows are printed', async () => {
    const pdf = await render(false);
    expect(pdfPages(pdf)).toBeLessThanOrEqual(2);
    const boxes = pdfWordBoxes(pdf);
    // no large gap at the foot of page 1: its last line is within about three rows of the text block's foot
    expect(BLOCK_BOTTOM - lowestLine(boxes[0]!)).toBeLessThan(80);
    const text = squash(pdfText(pdf));
    for (const v of ['张建国', '李秀兰', '义乌市顺达货运有限公司', '刘德福', '受理意见', '调解员', '当事人（签名）', '义乌市人民调解委员会（印章）', '注：此表由人民调解委员会填写。']) expect(text).toContain(v);
  });

  it('keeps the signatures, the seal and the note on one page, and a broken party keeps its label with its name', async () => {
    for (const withAgent of [false, true]) {
      const pdf = await render(withAgent);
      const n = pdfPages(pdf);
      const last = squash(pdfText(pdf, n));
      for (const v of ['当事人（签名）', '登记人（签名）', '义乌市人民调解委员会（印章）', '2026年5月1日', '注：此表由人民调解委员会填写。']) expect(last, `agent: ${withAgent}`).toContain(v);
      // 刘德福's block may straddle pages 1 and 2: his name, the role label and his ID stay on one page
      for (let p = 1; p <= n; p++) {
        const page = squash(pdfText(pdf, p));
        if (page.includes('刘德福')) expect(page).toMatch(/被申.*请人/);
        expect(page.replace(/—\d+—/, '').length).toBeGreaterThan(0);
      }
    }
  });

  it('with an agent as well (five blocks) it flows onto a third page only for the kept signatures and seal', async () => {
    const pdf = await render(true);
    const n = pdfPages(pdf);
    expect(n).toBeLessThanOrEqual(3);
    const boxes = pdfWordBoxes(pdf);
    for (let p = 0; p < n - 1; p++) expect(BLOCK_BOTTOM - lowestLine(boxes[p]!), `page ${p + 1}`).toBeLessThan(200);
    if (n === 3) expect(squash(pdfText(pdf, 3))).not.toContain('受理意见');
  });
});
