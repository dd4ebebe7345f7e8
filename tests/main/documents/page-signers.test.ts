/**
 * Signatures on every page of a record (TemplateDefinition.pageSigners, page-signers.ts): the grid (2 to 10 signers
 * in rows of at most four), every page of a long record holding every signer — parties with a fingerprint box — and
 * its number, nothing of the text block running into the footer, in the PDF and in the DOCX as LibreOffice prints it.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { checkDefinition } from '../../../electron/main/documents/check';
import { buildDocumentData } from '../../../electron/main/documents/document-data';
import type { DocumentData, SignerEntry, TemplateDefinition } from '../../../electron/main/documents/model';
import { bottomMarginOf, signerGrid } from '../../../electron/main/documents/page-signers';
import { renderDocx } from '../../../electron/main/documents/render-docx';
import { PAGE_MARGINS, renderPdf } from '../../../electron/main/documents/render-pdf';
import { recordExtras } from '../../../electron/main/documents/session-extras';
import type { SessionRecord } from '../../../electron/shared/domain';
import { TEMPLATES } from '../../../templates';
import { DOCUMENT_STAFF, documentSettings, investigationRecordFixture, mediatedRecord, sessionRecordFixture } from '../../fixtures/documents';
import { type WordBox, convertWithSoffice, docxParts, docxText, findSoffice, pdfBodyText, pdfFooterText, pdfPages, pdfWordBoxes, squash } from './helpers';

const A4_HEIGHT = 841.89;
const record = mediatedRecord();
const dataFor = (session: SessionRecord): DocumentData =>
  buildDocumentData({ record, settings: documentSettings(), staff: DOCUMENT_STAFF, today: '2026-05-08', extras: recordExtras(record, session, '2026-05-08') });

/** 120 statements (two of them caucus, one empty): 14 pages. */
const longSession = sessionRecordFixture(102);
/** 60 questions and answers. */
const longInvestigation = investigationRecordFixture((s) => ({
  ...s,
  statements: Array.from({ length: 10 }, (_, k) => s.statements.map((st, i) => ({ ...st, id: `5e55101a-0000-4000-a000-${String(k * 10 + i).padStart(12, '0')}` }))).flat(),
}));

const signers = (n: number): SignerEntry[] => Array.from({ length: n }, (_, i) => ({ label: `参加人${i + 1}`, fingerprint: i % 3 === 0 }));

describe('the grid', () => {
  it.each([
    [1, [1]],
    [2, [2]],
    [3, [3]],
    [4, [4]],
    [5, [3, 2]],
    [6, [3, 3]],
    [7, [4, 3]],
    [8, [4, 4]],
    [9, [3, 3, 3]],
    [10, [4, 4, 2]],
  ])('%i signers: rows of %j', (n, rows) => {
    const grid = signerGrid(signers(n));
    expect(grid.rows.map((r) => r.length)).toEqual(rows);
    expect(grid.rows.flat()).toEqual(signers(n));
  });

  it('the bottom margin grows by a row at a time; ten signers still leave most of the page to the text', () => {
    const margins = [2, 5, 10].map((n) => signerGrid(signers(n)).bottomMargin);
    expect(margins[0]!).toBeGreaterThan(PAGE_MARGINS[3]);
    expect(margins[1]! - margins[0]!).toBeCloseTo(margins[2]! - margins[1]!, 5);
    expect(A4_HEIGHT - PAGE_MARGINS[1] - margins[2]!).toBeGreaterThan(A4_HEIGHT * 0.55);
  });

  it('the checker wants a signer list, and page numbers to go with it', () => {
    const base = TEMPLATES['session-record'];
    expect(checkDefinition({ ...base, pageSigners: { source: 'sessionParties' as never } })).toContain('pageSigners source sessionParties is not a signer list');
    expect(checkDefinition({ ...base, pageNumbers: false })).toContain('pageSigners needs page numbers (the signatures sit in the page footer)');
    const undeclared: TemplateDefinition = { ...base, requires: base.requires.filter((f) => f !== 'sessionSigners') };
    expect(checkDefinition(undeclared)).toContain('uses sessionSigners without declaring it in requires or optional');
  });
});

/** What the footer of page `page` prints: every signer in order, （指印） after those with a box, the page number. */
const expectedFooter = (list: SignerEntry[], page: number) => squash(`${list.map((s) => `${s.label}${s.fingerprint ? '（指印）' : ''}`).join('')}—${page}—`);

/**
 * Nothing straddles the top of the footer, and what lies under it is the footer: words of the text block end above
 * it, the footer's words start below it (pdftotext -bbox).
 */
function collisions(pages: WordBox[][], bottomMargin: number): string[] {
  const top = A4_HEIGHT - bottomMargin;
  return pages.flatMap((words, p) => words.filter((w) => w.yMin < top && w.yMax > top).map((w) => `page ${p + 1}: ${w.text} (${w.yMin}–${w.yMax}, footer at ${top.toFixed(1)})`));
}

describe('a long record (PDF): every page carries every signer, and no text runs into the signatures', () => {
  const cases = [
    ['session-record', longSession, 'sessionSigners'],
    ['investigation-record', longInvestigation, 'invSigners'],
  ] as const;
  const rendered = new Map<string, { pdf: Buffer; data: DocumentData }>();

  beforeAll(async () => {
    for (const [key, session] of cases) {
      const data = dataFor(session);
      rendered.set(key, { pdf: await renderPdf(TEMPLATES[key], data), data });
    }
  }, 60_000);

  it.each(cases)('%s', (key, _session, field) => {
    const { pdf, data } = rendered.get(key)!;
    const list = data[field];
    const bottom = bottomMarginOf(TEMPLATES[key], data);
    const pages = pdfPages(pdf);
    expect(pages).toBeGreaterThanOrEqual(3);
    for (let p = 1; p <= pages; p++) expect(squash(pdfFooterText(pdf, bottom, p)), `page ${p}`).toBe(expectedFooter(list, p));
    expect(collisions(pdfWordBoxes(pdf), bottom)).toEqual([]);
    // and the text block holds every statement (none lost under the footer)
    const body = squash(pdfBodyText(pdf, bottom, 'raw'));
    const statements = key === 'session-record' ? data.sessionStatements : data.invStatements;
    const missing = statements.filter((s) => !body.includes(squash(`${s.speaker}：${s.text}`)));
    expect(missing).toEqual([]);
  });

  it('a grid of ten: three rows, every page', async () => {
    const extra = Array.from({ length: 2 }, (_, i) => ({ id: `5e55101a-0000-4000-8000-0000000000b${i}`, kind: 'participant' as const, name: `村委会干部${['甲', '乙'][i]}`, relation: '稠城街道宾王社区', presence: 'present' as const, note: '' }));
    const session = sessionRecordFixture(40, (s) => ({ ...s, attendees: [...s.attendees, ...extra] }));
    const data = dataFor(session);
    expect(data.sessionSigners).toHaveLength(10);
    const pdf = await renderPdf(TEMPLATES['session-record'], data);
    const bottom = bottomMarginOf(TEMPLATES['session-record'], data);
    expect(bottom).toBe(signerGrid(data.sessionSigners).bottomMargin);
    for (let p = 1; p <= pdfPages(pdf); p++) expect(squash(pdfFooterText(pdf, bottom, p)), `page ${p}`).toBe(expectedFooter(data.sessionSigners, p));
    expect(collisions(pdfWordBoxes(pdf), bottom)).toEqual([]);
  });

  it('the signatures at the end stay, once, in the text block', () => {
    const { pdf, data } = rendered.get('session-record')!;
    const body = squash(pdfBodyText(pdf, bottomMarginOf(TEMPLATES['session-record'], data)));
    for (const label of ['申请人张建国（签名或按指印）', '委托代理人吴晓东（签名）', '申请人李秀兰（签名或按指印）', '参加人张磊（签名）', '调解员王志强、周海燕（签名）', '记录人叶晓敏（签名）', '义乌市人民调解委员会（印章）']) {
      expect(body.split(label)).toHaveLength(2);
    }
  });
});

const SOFFICE = findSoffice();

describe('a long record (DOCX): the footer of every page', () => {
  it('is a table in the odd- and even-page footers with every signer and a box for each party', async () => {
    const data = dataFor(longSession);
    const parts = docxParts(await renderDocx(TEMPLATES['session-record'], data));
    const footers = [...parts].filter(([name]) => /^word\/footer\d+\.xml$/.test(name)).map(([, xml]) => xml);
    expect(footers).toHaveLength(2);
    for (const xml of footers) {
      expect(xml).toContain('<w:tbl>');
      const text = docxText(xml);
      for (const s of data.sessionSigners) expect(squash(text)).toContain(s.label);
      expect(text.match(/（指印）/g)).toHaveLength(2);
    }
    const margin = /<w:pgMar ([^>]*)\/>/.exec(parts.get('word/document.xml')!)![1]!;
    expect(Number(/w:bottom="(\d+)"/.exec(margin)![1])).toBe(Math.round(bottomMarginOf(TEMPLATES['session-record'], data) * 20));
  });

  it.skipIf(!SOFFICE)(`converts with LibreOffice, every page holding every signer, no text running into them${SOFFICE ? '' : ' (skipped: soffice is not installed)'}`, async () => {
    const session = dataFor(longSession);
    const investigation = dataFor(longInvestigation);
    const converted = convertWithSoffice(SOFFICE!, {
      session: await renderDocx(TEMPLATES['session-record'], session),
      investigation: await renderDocx(TEMPLATES['investigation-record'], investigation),
    });
    for (const [name, key, list, data] of [
      ['session', 'session-record', session.sessionSigners, session],
      ['investigation', 'investigation-record', investigation.invSigners, investigation],
    ] as const) {
      const pdf = converted.get(name);
      expect(pdf, `LibreOffice did not convert ${name}`).toBeDefined();
      const bottom = bottomMarginOf(TEMPLATES[key], data);
      const pages = pdfPages(pdf!);
      expect(pages).toBeGreaterThanOrEqual(3);
      for (let p = 1; p <= pages; p++) {
        const footer = squash(pdfFooterText(pdf!, bottom, p));
        for (const s of list) expect(footer, `${name} page ${p}`).toContain(s.label);
        expect(footer.match(/（指印）/g), `${name} page ${p}`).toHaveLength(list.filter((s) => s.fingerprint).length);
        expect(footer, `${name} page ${p}`).toMatch(new RegExp(`—${p}—$`));
      }
      expect(collisions(pdfWordBoxes(pdf!), bottom)).toEqual([]);
    }
  }, 120_000);
});
