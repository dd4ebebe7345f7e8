/**
 * The 2-page 人民调解协议书 (tests/fixtures/documents.ts twoPageAgreementInput): two pages, a clean PDF under 400 KB
 * with the font subset, the seal line on the page of the closing text. How fast it renders is the bench's
 * (`npm run bench -- --only documents`, doc_agreement_pdf_p50_ms < 150 ms), not a test's.
 */
import { describe, expect, it } from 'vitest';
import { buildDocumentData } from '../../../electron/main/documents/document-data';
import { renderPdf } from '../../../electron/main/documents/render-pdf';
import { TEMPLATES } from '../../../templates';
import { twoPageAgreementInput } from '../../fixtures/documents';
import { pdfPages, pdfText, qpdfCheck, squash } from './helpers';

describe('a 2-page agreement', () => {
  it('renders into two pages under 400 KB, with the seal on the page of the closing text', async () => {
    const pdf = await renderPdf(TEMPLATES.agreement, buildDocumentData(twoPageAgreementInput()));
    expect(pdfPages(pdf)).toBe(2);
    expect(qpdfCheck(pdf).ok).toBe(true);
    const last = squash(pdfText(pdf, 2));
    expect(last).toContain('之日起生效。');
    expect(last).toContain('义乌市人民调解委员会（印）');
    expect(pdf.length).toBeLessThan(400 * 1024);
  }, 60_000);
});
