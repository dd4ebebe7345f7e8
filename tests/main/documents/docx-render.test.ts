/**
 * The DOCX renderer: page set-up, fonts Windows has, tables, keeps, the footer and document properties (read from the
 * package XML); then every template converted by LibreOffice in one run, which must succeed and print the same text
 * as the PDF (every field value, and the very same characters); hostile text (markup and control characters, a very
 * long summary) must still give a DOCX LibreOffice converts; and the seal never opens a page on its own.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDocumentData } from '../../../electron/main/documents/document-data';
import type { DocumentData, PartyEntry, TemplateDefinition } from '../../../electron/main/documents/model';
import { cleanText, renderDocx } from '../../../electron/main/documents/render-docx';
import { PAGE_MARGINS, renderPdf } from '../../../electron/main/documents/render-pdf';
import type { CaseRecord, DocumentTemplateKey } from '../../../electron/shared/domain';
import { TEMPLATES } from '../../../templates';
import { completeDocumentInput } from '../../fixtures/documents';
import { bottomMarginOf } from '../../../electron/main/documents/page-signers';
import { CLERK, MEDIATOR, docxText, fixtureRecord, fixtureSettings, pdfBodyText, pdfPages, pdfText, squash } from './helpers';

// ---------------------------------------------------------------------------------------------------------------
// Fixtures: a complete case for every template
// ---------------------------------------------------------------------------------------------------------------

const withAction = (r: CaseRecord, type: CaseRecord['actions'][number]['type'], id: string): CaseRecord['actions'] => [
  ...r.actions,
  { id, type, at: '2026-05-01T03:00:00.000Z', by: CLERK.id, note: '' },
];

const RECORDS = {
  refused: () =>
    fixtureRecord((r) => ({
      ...r,
      decision: { kind: 'refused', ground: 'already_handled', body: '义乌市人民法院', note: '' },
      actions: withAction(r, 'REFUSED', '6b7c8d9e-0f1a-4b2c-9d3e-4f5a6b7c8d9e'),
    })),
  transferred: () =>
    fixtureRecord((r) => ({
      ...r,
      decision: { kind: 'transferred', ground: null, body: '义乌市公安局交通警察大队', note: '' },
      deadlines: { ...r.deadlines, transferReplyDue: '2026-05-15' },
      actions: withAction(r, 'TRANSFERRED', '7c8d9e0f-1a2b-4c3d-8e4f-5a6b7c8d9e0f'),
    })),
};

const dataOf = (record: CaseRecord): DocumentData => buildDocumentData({ record, settings: fixtureSettings(), staff: [CLERK, MEDIATOR], today: '2026-05-01' });

/**
 * The complete fixture data for a template: the refused or transferred case for those notices, the mediated case with
 * every extra (tests/fixtures/documents.ts) for the rest of the form set.
 */
function fixtureData(key: DocumentTemplateKey): DocumentData {
  if (key === 'refusal-notice') return dataOf(RECORDS.refused());
  if (key === 'transfer-notice') return dataOf(RECORDS.transferred());
  return buildDocumentData(completeDocumentInput());
}

const KEYS = Object.keys(TEMPLATES) as DocumentTemplateKey[];

// ---------------------------------------------------------------------------------------------------------------
// Reading the package
// ---------------------------------------------------------------------------------------------------------------

/** The parts of a DOCX (a zip): name → bytes. Enough of the zip format for what docx writes (stored or deflated). */
function unzip(bytes: Buffer): Map<string, Buffer> {
  const eocd = bytes.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  expect(eocd).toBeGreaterThan(0);
  const count = bytes.readUInt16LE(eocd + 10);
  let at = bytes.readUInt32LE(eocd + 16);
  const parts = new Map<string, Buffer>();
  for (let i = 0; i < count; i++) {
    expect(bytes.readUInt32LE(at)).toBe(0x02014b50);
    const method = bytes.readUInt16LE(at + 10);
    const size = bytes.readUInt32LE(at + 20);
    const nameLength = bytes.readUInt16LE(at + 28);
    const extraLength = bytes.readUInt16LE(at + 30);
    const commentLength = bytes.readUInt16LE(at + 32);
    const local = bytes.readUInt32LE(at + 42);
    const name = bytes.toString('utf8', at + 46, at + 46 + nameLength);
    const start = local + 30 + bytes.readUInt16LE(local + 26) + bytes.readUInt16LE(local + 28);
    const raw = bytes.subarray(start, start + size);
    parts.set(name, method === 8 ? inflateRawSync(raw) : Buffer.from(raw));
    at += 46 + nameLength + extraLength + commentLength;
  }
  return parts;
}

function part(bytes: Buffer, name: string): string {
  const found = unzip(bytes).get(name);
  if (!found) throw new Error(`no ${name} in the package`);
  return found.toString('utf8');
}

/** The first paragraph (<w:p>…</w:p>) of document.xml whose text contains `text` (or is `text`, when exact). */
function paragraphWith(xml: string, text: string, exact = false): string {
  const paragraphs = xml.match(/<w:p>.*?<\/w:p>|<w:p [^>]*>.*?<\/w:p>/gs) ?? [];
  const textOf = (p: string) => (p.match(/<w:t[^>]*>([^<]*)<\/w:t>/g) ?? []).map((t) => t.replace(/<[^>]+>/g, '')).join('');
  const found = paragraphs.find((p) => (exact ? textOf(p) === text : textOf(p).includes(text)));
  if (!found) throw new Error(`no paragraph with ${text}`);
  return found;
}

const twips = (pt: number) => Math.round(pt * 20);

// ---------------------------------------------------------------------------------------------------------------
// Structure
// ---------------------------------------------------------------------------------------------------------------

describe('DOCX structure', () => {
  it('A4 with the GB/T 9704 margins, the same as the PDF', async () => {
    const xml = part(await renderDocx(TEMPLATES['refusal-notice'], fixtureData('refusal-notice')), 'word/document.xml');
    expect(xml).toContain('<w:pgSz w:w="11906" w:h="16838"');
    const margin = /<w:pgMar ([^>]*)\/>/.exec(xml)![1]!;
    const attr = (name: string) => Number(new RegExp(`w:${name}="(\\d+)"`).exec(margin)![1]);
    expect([attr('left'), attr('top'), attr('right'), attr('bottom')]).toEqual(PAGE_MARGINS.map(twips));
    expect(Math.round(attr('top') / 20 / (72 / 25.4))).toBe(37);
    expect(Math.round(attr('left') / 20 / (72 / 25.4))).toBe(28);
  });

  it('names fonts Windows has: title 22 pt bold SimSun, body 16 pt FangSong, Latin in Times New Roman', async () => {
    const bytes = await renderDocx(TEMPLATES['refusal-notice'], fixtureData('refusal-notice'));
    const styles = part(bytes, 'word/styles.xml');
    const defaults = /<w:docDefaults>.*?<\/w:docDefaults>/s.exec(styles)![0];
    expect(defaults).toMatch(/<w:rFonts [^>]*w:ascii="Times New Roman"[^>]*w:eastAsia="FangSong"/);
    expect(defaults).toContain('<w:sz w:val="32"/>');
    expect(defaults).toMatch(/<w:lang [^>]*w:eastAsia="zh-CN"/);
    const xml = part(bytes, 'word/document.xml');
    const title = paragraphWith(xml, '不予受理告知书');
    expect(title).toContain('<w:jc w:val="center"/>');
    expect(title).toMatch(/w:eastAsia="SimSun"/);
    expect(title).toContain('<w:b/>');
    expect(title).toContain('<w:sz w:val="44"/>');
    const body = paragraphWith(xml, '本委员会决定不予受理');
    expect(body).toMatch(/w:eastAsia="FangSong"/);
    expect(body).toContain('<w:sz w:val="32"/>');
    // long texts (the rights notice) are set in 15 pt, as in the PDF
    const compact = part(await renderDocx(TEMPLATES['rights-notice'], fixtureData('rights-notice')), 'word/styles.xml');
    expect(/<w:docDefaults>.*?<\/w:docDefaults>/s.exec(compact)![0]).toContain('<w:sz w:val="30"/>');
  });

  it('page numbers "— n —" in the footer: odd pages right, even pages left', async () => {
    const parts = unzip(await renderDocx(TEMPLATES['rights-notice'], fixtureData('rights-notice')));
    const footers = [...parts.keys()].filter((n) => /^word\/footer\d+\.xml$/.test(n)).map((n) => parts.get(n)!.toString('utf8'));
    expect(footers).toHaveLength(2);
    for (const footer of footers) {
      expect(footer).toMatch(/<w:instrText[^>]*>PAGE<\/w:instrText>/);
      expect(footer).toContain('— </w:t>');
      expect(footer).toContain(' —</w:t>');
    }
    expect(footers.map((f) => /<w:jc w:val="(\w+)"\/>/.exec(f)![1]).sort()).toEqual(['left', 'right']);
    expect(parts.get('word/settings.xml')!.toString('utf8')).toContain('<w:evenAndOddHeaders/>');
  });

  it('records title, creator and template in the document properties', async () => {
    const data = fixtureData('acceptance-register');
    const bytes = await renderDocx(TEMPLATES['acceptance-register'], data, { createdAt: new Date('2026-05-01T01:30:00Z') });
    const core = part(bytes, 'docProps/core.xml');
    expect(core).toContain(`<dc:title>人民调解受理登记表 ${data.caseNumber}</dc:title>`);
    expect(core).toContain('<dc:creator>调解工作台</dc:creator>');
    expect(core).toContain('<cp:lastModifiedBy>调解工作台</cp:lastModifiedBy>');
    const custom = part(bytes, 'docProps/custom.xml');
    expect(custom).toContain('acceptance-register');
    expect(custom).toContain('2026-05-01T01:30:00.000Z');
  });

  it('form tables: outer frame heavier than the inner rules, rows that never split, the role merged down a party', async () => {
    const xml = part(await renderDocx(TEMPLATES['acceptance-register'], fixtureData('acceptance-register')), 'word/document.xml');
    const borders = /<w:tblBorders>.*?<\/w:tblBorders>/s.exec(xml)![0];
    for (const side of ['top', 'left', 'bottom', 'right']) expect(borders).toMatch(new RegExp(`<w:${side} w:val="single"[^>]*w:sz="10"`));
    for (const side of ['insideH', 'insideV']) expect(borders).toMatch(new RegExp(`<w:${side} w:val="single"[^>]*w:sz="4"`));
    expect(xml).toContain('<w:cantSplit/>');
    expect(xml).toContain('<w:vMerge w:val="restart"/>');
    expect(xml).toContain('<w:tblLayout w:type="fixed"/>');
  });

  it('the seal area keeps with the text before it; headings keep with what follows', async () => {
    const xml = part(await renderDocx(TEMPLATES['refusal-notice'], fixtureData('refusal-notice')), 'word/document.xml');
    const closing = paragraphWith(xml, '特此告知。');
    expect(closing).toContain('<w:keepNext/>');
    expect(closing).toContain('<w:keepLines/>');
    // the issuer keeps with the date; both centred on each other
    const issuer = paragraphWith(xml, '义乌市人民调解委员会', true);
    expect(issuer).toContain('<w:keepNext/>');
    expect(issuer).toContain('<w:jc w:val="center"/>');
    expect(paragraphWith(xml, '2026年5月1日', true)).toContain('<w:jc w:val="center"/>');
    const rights = part(await renderDocx(TEMPLATES['rights-notice'], fixtureData('rights-notice')), 'word/document.xml');
    expect(paragraphWith(rights, '一、人民调解委员会的性质')).toContain('<w:keepNext/>');
  });

  it('signature rows that keep with the seal are rows of one table (LibreOffice keeps one table with the next paragraph, not a chain of tables)', async () => {
    const xml = part(await renderDocx(TEMPLATES.agreement, fixtureData('agreement')), 'word/document.xml');
    const tables = xml.match(/<w:tbl>.*?<\/w:tbl>/gs) ?? [];
    const signatures = tables.filter((t) => t.includes('（指印）'));
    expect(signatures).toHaveLength(1);
    for (const label of ['申请人张建国（签名盖章或按指印）', '记录人']) expect(signatures[0]).toContain(label);
    // every row of it keeps with the next, the last one with the seal area after the table
    const rows = signatures[0]!.match(/<w:tr>.*?<\/w:tr>/gs)!;
    for (const row of rows) expect(row).toContain('<w:keepNext/>');
    expect(xml.slice(xml.indexOf(signatures[0]!) + signatures[0]!.length)).toMatch(/^(<w:p>.*?<\/w:p>)?<w:p><w:pPr><w:keepNext\/><w:keepLines\/>/s);
  });

  it('the agreement states its binding force (art. 31) and the 30 days for judicial confirmation (art. 33), before the closing sentences', async () => {
    const xml = part(await renderDocx(TEMPLATES.agreement, fixtureData('agreement')), 'word/document.xml');
    const text = docxText(xml);
    const effective = text.indexOf('之日起生效。');
    const binding = text.indexOf('经人民调解委员会调解达成的调解协议，具有法律约束力，当事人应当按照约定履行。');
    const confirmation = text.indexOf('双方当事人认为有必要的，可以自调解协议生效之日起三十日内共同向人民法院申请司法确认。');
    expect(binding).toBeGreaterThan(0);
    expect(confirmation).toBeGreaterThan(binding);
    expect(effective).toBeGreaterThan(confirmation);
  });

  it('forms without page numbers (the file covers) have no footer', async () => {
    const cover = unzip(await renderDocx(TEMPLATES['file-cover'], fixtureData('file-cover')));
    expect([...cover.keys()].filter((n) => n.startsWith('word/footer'))).toEqual([]);
    expect(cover.get('word/document.xml')!.toString('utf8')).not.toContain('footerReference');
  });

  it('signature rows carry a bordered fingerprint box labelled （指印）', async () => {
    const xml = part(await renderDocx(TEMPLATES.application, fixtureData('application')), 'word/document.xml');
    const box = paragraphWith(xml, '（指印）');
    expect(box).toContain('<w:jc w:val="center"/>');
    expect(xml.match(/（指印）/g)).toHaveLength(2); // one per applicant
  });

  it('markup and control characters in the data are text, never XML', async () => {
    const base = fixtureData('refusal-notice');
    const data: DocumentData = { ...base, applicantNames: '<w:t>&"\'\u0007</w:t><w:p>', referTo: 'a\u0000b\u001fc\ufffed\r\ne\tf' };
    const xml = part(await renderDocx(TEMPLATES['refusal-notice'], data), 'word/document.xml');
    expect(xml).toContain('&lt;w:t&gt;&amp;&quot;&apos;&lt;/w:t&gt;&lt;w:p&gt;');
    expect(xml).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/);
    expect(cleanText('a\u0000b\u0007c\u001f\ufffe\r\nd\re\tf')).toBe('abc\nd\ne\tf');
    expect(cleanText('半\ud800边\udc00😀')).toBe('半边😀');
  });
});

// ---------------------------------------------------------------------------------------------------------------
// LibreOffice
// ---------------------------------------------------------------------------------------------------------------

function findSoffice(): string | null {
  for (const name of ['soffice', 'libreoffice']) {
    try {
      const found = execFileSync('which', [name], { encoding: 'utf8' }).trim();
      if (found) return found;
    } catch {
      // not on PATH
    }
  }
  return null;
}

const SOFFICE = findSoffice();

/**
 * Squashed text of a PDF without its page-number lines; for a record, without its footer (the signatures of every
 * page, repeated as often as there are pages, which differ with the fonts): the text block only.
 */
const bodyText = (pdf: Buffer, mode: 'layout' | 'raw' = 'layout', bottomMargin?: number) =>
  squash((bottomMargin ? pdfBodyText(pdf, bottomMargin, mode) : pdfText(pdf, undefined, mode)).replace(/^\s*—\s*\d+\s*—\s*$/gm, ''));

/** Every value a template prints from its data: text fields, list items, and the details of the parties printed. */
function fieldValues(def: TemplateDefinition, data: DocumentData): string[] {
  const out: string[] = [];
  const party = (p: PartyEntry) => {
    out.push(p.name, p.idNumber, p.phone, p.address, p.usccCode, p.legalRepresentative);
    p.agents.forEach(party);
  };
  for (const field of [...def.requires, ...def.optional]) {
    const value: unknown = data[field];
    if (typeof value === 'string') out.push(value);
    else if (Array.isArray(value)) {
      for (const item of value as unknown[]) {
        if (typeof item === 'string') out.push(item);
        else if (Array.isArray(item)) out.push(...(item as string[]));
        else if (item && typeof item === 'object' && 'agents' in item) party(item as PartyEntry);
        else if (item && typeof item === 'object' && 'text' in item) out.push(String((item as { text: unknown }).text));
      }
    }
  }
  return [...new Set(out.map((v) => v.trim()).filter((v) => v.length > 0))];
}

function charCounts(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const ch of text) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  return counts;
}

/** Characters one text has more often than the other: "x: 3 vs 1". Empty when both have the same characters. */
function charDiff(a: string, b: string): string[] {
  const ca = charCounts(a);
  const cb = charCounts(b);
  return [...new Set([...ca.keys(), ...cb.keys()])].filter((ch) => ca.get(ch) !== cb.get(ch)).map((ch) => `${ch}: ${ca.get(ch) ?? 0} vs ${cb.get(ch) ?? 0}`);
}

const HOSTILE_NAME = '<w:t>&"\'\u0007';
const HOSTILE_SUMMARY = `事故经过：${'甲方<b>称</b> & 乙方"否认"，\u0001双方争执不下。'.repeat(80)}`.slice(0, 2000);

/** The complete mediated case with the first applicant named in markup (and a control character) and a long summary. */
function hostileData(): DocumentData {
  const input = completeDocumentInput();
  const record: CaseRecord = {
    ...input.record,
    dispute: { ...input.record.dispute, summary: HOSTILE_SUMMARY },
    parties: input.record.parties.map((p, i) => (i === 0 ? { ...p, name: HOSTILE_NAME, address: `${p.address}</w:t></w:r></w:p>` } : p)),
  };
  return buildDocumentData({ ...input, record });
}

const HOSTILE_FORMS = ['application', 'acceptance-register', 'rights-notice', 'agreement', 'session-record'] as const satisfies readonly DocumentTemplateKey[];

describe.skipIf(!SOFFICE)(`LibreOffice converts every DOCX${SOFFICE ? '' : ' (skipped: soffice is not installed)'}`, () => {
  let dir: string;
  const pdfs = new Map<string, Buffer>();
  const converted = new Map<string, Buffer>();
  const datas = new Map<string, DocumentData>();
  let log = '';

  const REFUSAL_LENGTHS = [1, 4, 8, 12, 16, 20, 24, 28, 32, 36, 40, 44];
  const SUMMARY_REPEATS = [0, 12, 24, 36, 48, 60];
  const FACT_REPEATS = [0, 3, 6, 9, 12, 15, 18, 21, 24, 27];

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'docx-test-'));
    const jobs: [string, TemplateDefinition, DocumentData][] = KEYS.map((key) => [key, TEMPLATES[key], fixtureData(key)]);
    const hostile = hostileData();
    for (const key of HOSTILE_FORMS) jobs.push([`hostile-${key}`, TEMPLATES[key], hostile]);
    const refused = fixtureData('refusal-notice');
    for (const k of REFUSAL_LENGTHS) {
      jobs.push([`length-refusal-${k}`, TEMPLATES['refusal-notice'], { ...refused, respondentNames: Array.from({ length: k }, (_, i) => `义乌市第${i + 1}运输有限公司`).join('、') }]);
    }
    const accepted = fixtureData('acceptance-register');
    for (const k of SUMMARY_REPEATS) {
      jobs.push([`length-register-${k}`, TEMPLATES['acceptance-register'], { ...accepted, summary: `${accepted.summary}${'双方当事人对赔偿项目和金额存在较大分歧。'.repeat(k)}` }]);
    }
    const agreement = fixtureData('agreement');
    for (const k of FACT_REPEATS) {
      jobs.push([`length-agreement-${k}`, TEMPLATES.agreement, { ...agreement, agreementFacts: `${agreement.agreementFacts}${'经现场勘查和医疗机构诊断，申请人的损失与本次事故存在因果关系。'.repeat(k)}` }]);
    }
    for (const [name, def, data] of jobs) {
      datas.set(name, data);
      writeFileSync(path.join(dir, `${name}.docx`), await renderDocx(def, data));
      if (!name.startsWith('length-')) pdfs.set(name, await renderPdf(def, data));
    }
    // one LibreOffice run for every file (start-up is most of the cost), with a profile of its own
    const files = jobs.map(([name]) => path.join(dir, `${name}.docx`));
    log = execFileSync(SOFFICE!, [`-env:UserInstallation=file://${path.join(dir, 'lo-profile')}`, '--headless', '--convert-to', 'pdf', '--outdir', path.join(dir, 'out'), ...files], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 60_000,
    });
    for (const [name] of jobs) {
      const out = path.join(dir, 'out', `${name}.pdf`);
      if (existsSync(out)) converted.set(name, readFileSync(out));
    }
  }, 90_000);

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it.each(KEYS)('%s: converts, and prints every field value the PDF prints, with the very same characters', (key) => {
    const out = converted.get(key);
    expect(out, `LibreOffice did not convert ${key}.docx:\n${log}`).toBeDefined();
    expect(out!.subarray(0, 5).toString()).toBe('%PDF-');
    const pdf = pdfs.get(key)!;
    const data = datas.get(key)!;
    const footer = TEMPLATES[key].pageSigners ? bottomMarginOf(TEMPLATES[key], data) : undefined;
    const pdfLayout = bodyText(pdf, 'layout', footer);
    const pdfRaw = bodyText(pdf, 'raw', footer);
    const docxLayout = bodyText(out!, 'layout', footer);
    const docxRaw = bodyText(out!, 'raw', footer);
    const printed = fieldValues(TEMPLATES[key], data).filter((v) => pdfLayout.includes(squash(v)) || pdfRaw.includes(squash(v)));
    // names, ID numbers and the case number are among them, so the check is not empty
    expect(printed.length).toBeGreaterThanOrEqual(5);
    if (TEMPLATES[key].requires.includes('caseNumber')) expect(printed).toContain(data.caseNumber);
    const missing = printed.filter((v) => !docxLayout.includes(squash(v)) && !docxRaw.includes(squash(v)));
    expect(missing).toEqual([]);
    // the same content: the same characters, as often, as the PDF made from the same definition
    expect(charDiff(pdfLayout, docxLayout)).toEqual([]);
    expect(pdfPages(out!)).toBeGreaterThanOrEqual(1);
  });

  it('acceptance register: dates and phone numbers stay on one line in their cells (Latin digits set in Times New Roman metrics)', () => {
    const out = converted.get('acceptance-register')!;
    const lines = pdfText(out, undefined, 'layout').split('\n').map(squash);
    const values = fieldValues(TEMPLATES['acceptance-register'], datas.get('acceptance-register')!).filter((v) => /^\d{4}年\d{1,2}月\d{1,2}日$|^[\d-]{8,}$/.test(v));
    expect(values.length).toBeGreaterThanOrEqual(3);
    expect(values.filter((v) => !lines.some((line) => line.includes(v)))).toEqual([]);
  });

  it('hostile text (markup characters, a control character, a 2,000-character summary) still converts, printed as text', () => {
    expect(HOSTILE_SUMMARY.length).toBe(2000);
    for (const key of HOSTILE_FORMS) {
      const out = converted.get(`hostile-${key}`);
      expect(out, `LibreOffice did not convert hostile-${key}.docx:\n${log}`).toBeDefined();
      const text = bodyText(out!, 'raw');
      expect(text, key).toContain(squash('<w:t>&"\''));
      expect(text, key).not.toContain('\u0007');
      if (key === 'application' || key === 'acceptance-register') expect(text, key).toContain(squash(HOSTILE_SUMMARY.replace(/\u0001/g, '')));
      // and the same characters as the PDF of the same data
      const footer = TEMPLATES[key].pageSigners ? bottomMarginOf(TEMPLATES[key], datas.get(`hostile-${key}`)!) : undefined;
      expect(charDiff(bodyText(pdfs.get(`hostile-${key}`)!, 'layout', footer), bodyText(out!, 'layout', footer)), key).toEqual([]);
    }
  });

  it('the seal never opens a page: 特此告知 and the seal area share the last page whatever the length before them', () => {
    const pages = new Set<number>();
    for (const k of REFUSAL_LENGTHS) {
      const out = converted.get(`length-refusal-${k}`)!;
      const n = pdfPages(out);
      pages.add(n);
      const last = squash(pdfText(out, n));
      expect(last, `k=${k}`).toContain('特此告知。');
      expect(last, `k=${k}`).toContain('2026年5月1日');
      for (let p = 1; p <= n; p++) expect(squash(pdfText(out, p)).replace(/—\d+—/, '').length, `k=${k} page ${p}`).toBeGreaterThan(0);
    }
    expect([...pages].sort()).toEqual([1, 2]); // the page boundary was crossed
  });

  it('agreement: the closing paragraphs, every signature row and the seal area stay on one page whatever the length before them', () => {
    const pages = new Set<number>();
    for (const k of FACT_REPEATS) {
      const out = converted.get(`length-agreement-${k}`)!;
      const n = pdfPages(out);
      pages.add(n);
      const last = squash(pdfText(out, n));
      for (const text of ['本协议自各方当事人签名', '申请人张建国（签名盖章或按指印）', '记录人', '义乌市人民调解委员会（印）', '2026年5月8日']) expect(last, `k=${k}: ${text}`).toContain(text);
    }
    expect(pages.size).toBeGreaterThan(1);
  });

  it('acceptance register: the seal row stays with the signature rows and the note whatever the summary length (受理意见 flows with the form)', () => {
    const pages = new Set<number>();
    for (const k of SUMMARY_REPEATS) {
      const out = converted.get(`length-register-${k}`)!;
      const n = pdfPages(out);
      pages.add(n);
      const last = squash(pdfText(out, n));
      expect(last, `k=${k}`).toContain('义乌市人民调解委员会（印章）');
      expect(last, `k=${k}`).toContain('注：此表由人民调解委员会填写。');
      expect(last, `k=${k}`).toContain('当事人（签名）');
    }
    expect(pages.size).toBeGreaterThan(1);
  });
});
