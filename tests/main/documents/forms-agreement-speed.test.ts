/**
 * The budget for a 2-page 人民调解协议书 (tests/fixtures/documents.ts twoPageAgreementInput): warm render under
 * 150 ms (median of 20 after warm-up) and a PDF under 400 KB with the font subset. The figures are logged.
 */
import { describe, expect, it } from 'vitest';
import { buildDocumentData } from '../../../electron/main/documents/document-data';
import { renderPdf } from '../../../electron/main/documents/render-pdf';
import { TEMPLATES } from '../../../templates';
import { twoPageAgreementInput } from '../../fixtures/documents';
import { pdfPages, pdfText, qpdfCheck, squash } from './helpers';

describe('a 2-page agreement', () => {
  it('renders warm in under 150 ms (median of 20) into under 400 KB, with the seal on the page of the closing text', async () => {
    const data = buildDocumentData(twoPageAgreementInput());
    const def = TEMPLATES.agreement;
    const t0 = performance.now();
    const first = await renderPdf(def, data);
    const cold = performance.now() - t0;
    for (let i = 0; i < 3; i++) await renderPdf(def, data);
    const times: number[] = [];
    let pdf = first;
    for (let i = 0; i < 20; i++) {
      const t = performance.now();
      pdf = await renderPdf(def, data);
      times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    const median = (times[9]! + times[10]!) / 2;
    console.log(
      `agreement (2 pages): first ${cold.toFixed(0)} ms, warm median ${median.toFixed(1)} ms (min ${times[0]!.toFixed(1)}, max ${times.at(-1)!.toFixed(1)}), ${(pdf.length / 1024).toFixed(1)} KB`,
    );
    expect(pdfPages(pdf)).toBe(2);
    expect(qpdfCheck(pdf).ok).toBe(true);
    const last = squash(pdfText(pdf, 2));
    expect(last).toContain('之日起生效。');
    expect(last).toContain('义乌市人民调解委员会（印）');
    expect(median).toBeLessThan(150);
    expect(pdf.length).toBeLessThan(400 * 1024);
  }, 60_000);
});
