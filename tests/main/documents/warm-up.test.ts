import { describe, expect, it } from 'vitest';
import { FLAG_FIELDS, PARTY_LIST_FIELDS, SCALAR_FIELDS } from '../../../electron/main/documents/model';
import { templateDefinition } from '../../../electron/main/documents/prepare';
import { renderPdf } from '../../../electron/main/documents/render-pdf';
import { warmUpData, warmUpDocuments } from '../../../electron/main/documents/warm-up';
import { pdfText, squash } from './helpers';

describe('warming the document engine at start', () => {
  it('fills every field of the sample data and turns every condition on, so the whole form is laid out', () => {
    const data = warmUpData();
    for (const field of SCALAR_FIELDS) expect(data[field], field).not.toBe('');
    for (const field of FLAG_FIELDS) expect(data[field], field).toBe(true);
    for (const field of PARTY_LIST_FIELDS) expect(data[field], field).toHaveLength(1);
  });

  it('renders the 受理登记表 from it: a real page with the sample party, not an empty or failed one', async () => {
    const text = squash(pdfText(await renderPdf(templateDefinition('acceptance-register'), warmUpData())));
    expect(text).toContain('人民调解受理登记表');
    expect(text).toContain('张三');
  });

  it('makes the PDF and the DOCX without storing anything (it is given no data folder at all)', async () => {
    await expect(warmUpDocuments()).resolves.toBeUndefined();
  }, 60_000);
});
