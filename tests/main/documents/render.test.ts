/**
 * The renderer on its own: the seal is never alone on a page whatever the length of the text before it, resources
 * cannot be pulled in, fonts are loaded once, and how long a render takes.
 */
import { describe, expect, it } from 'vitest';
import { buildDocumentData } from '../../../electron/main/documents/document-data';
import { pdfmakeWithFonts } from '../../../electron/main/documents/fonts';
import type { DocumentData } from '../../../electron/main/documents/model';
import { CONTENT_WIDTH, PAGE_MARGINS, buildDocDefinition, renderPdf } from '../../../electron/main/documents/render-pdf';
import { TEMPLATES } from '../../../templates';
import { seededRng, syntheticPerson } from '../../fixtures/cases';
import { CLERK, MEDIATOR, fixtureRecord, fixtureSettings, pdfPages, pdfText, qpdfCheck, squash } from './helpers';

const MM = 72 / 25.4;

function refusedData(): DocumentData {
  const record = fixtureRecord((r) => ({
    ...r,
    decision: { kind: 'refused', ground: 'already_handled', body: '义乌市人民法院', note: '' },
    actions: [...r.actions, { id: '6b7c8d9e-0f1a-4b2c-9d3e-4f5a6b7c8d9e', type: 'REFUSED', at: '2026-05-01T03:00:00.000Z', by: CLERK.id, note: '' }],
  }));
  return buildDocumentData({ record, settings: fixtureSettings(), staff: [CLERK, MEDIATOR], today: '2026-05-01' });
}

function acceptedData(): DocumentData {
  const record = fixtureRecord((r) => ({
    ...r,
    assignment: { mediatorIds: [MEDIATOR.id], room: '交通事故调解室' },
    deadlines: { ...r.deadlines, mediationDue: '2026-05-31' },
    actions: [...r.actions, { id: '5a6b7c8d-9e0f-4a1b-8c2d-3e4f5a6b7c8d', type: 'ACCEPTED', at: '2026-05-01T02:00:00.000Z', by: CLERK.id, note: '' }],
  }));
  return buildDocumentData({ record, settings: fixtureSettings(), staff: [CLERK, MEDIATOR], today: '2026-05-01' });
}

/** Lines of a page other than the page number. */
const bodyLines = (text: string) => text.split('\n').map((l) => l.trim()).filter((l) => l && !/^—\s*\d+\s*—$/.test(l));

describe('page set-up', () => {
  it('uses A4 with GB/T 9704 margins, a 156 mm text block, 2号 title and 3号 body', () => {
    const dd = buildDocDefinition(TEMPLATES['refusal-notice'], refusedData()) as Record<string, unknown>;
    expect(dd.pageSize).toBe('A4');
    expect((dd.pageMargins as number[]).map((m) => Math.round(m / MM))).toEqual([28, 37, 26, 35]);
    expect(Math.round(CONTENT_WIDTH / MM)).toBe(156);
    expect(PAGE_MARGINS[1] / MM).toBeCloseTo(37);
    expect(dd.defaultStyle).toMatchObject({ font: 'NotoSerifSC', fontSize: 16 });
    const content = dd.content as { text?: string; fontSize?: number; bold?: boolean }[];
    expect(content.find((n) => n.text === '不予受理告知书')).toMatchObject({ fontSize: 22, bold: true });
    expect((dd.info as Record<string, string>).creator).toBe('调解工作台');
  });
});

describe('the seal never stands alone on a page', () => {
  it('refusal notice: however long the text, 特此告知 shares the page with the seal area', async () => {
    const base = refusedData();
    const pages = new Set<number>();
    for (let k = 1; k <= 44; k += 1) {
      const data: DocumentData = { ...base, respondentNames: Array.from({ length: k }, (_, i) => `义乌市第${i + 1}运输有限公司`).join('、') };
      const pdf = await renderPdf(TEMPLATES['refusal-notice'], data);
      const n = pdfPages(pdf);
      pages.add(n);
      const last = pdfText(pdf, n);
      expect(last, `k=${k}`).toContain('2026年5月1日');
      expect(squash(last), `k=${k}`).toContain('特此告知。');
      for (let p = 1; p <= n; p++) expect(bodyLines(pdfText(pdf, p)).length, `k=${k} page ${p}`).toBeGreaterThan(0);
    }
    expect([...pages].sort()).toEqual([1, 2]); // the page boundary was crossed
  }, 60_000);

  it('acceptance register: the seal row stays with the signature rows and the note whatever the summary length (受理意见 flows with the form)', async () => {
    const base = acceptedData();
    const pages = new Set<number>();
    for (let k = 0; k <= 60; k += 3) {
      const data: DocumentData = { ...base, summary: `${base.summary}${'双方当事人对赔偿项目和金额存在较大分歧。'.repeat(k)}` };
      const pdf = await renderPdf(TEMPLATES['acceptance-register'], data);
      const n = pdfPages(pdf);
      pages.add(n);
      const last = squash(pdfText(pdf, n));
      expect(last, `k=${k}`).toContain('义乌市人民调解委员会（印章）');
      expect(last, `k=${k}`).toContain('注：此表由人民调解委员会填写。');
      expect(last, `k=${k}`).toContain('当事人（签名）');
    }
    expect(pages.size).toBeGreaterThan(1);
  }, 60_000);
});

describe('large cases lose nothing', () => {
  it('a group dispute with 12 applicants, a 5,000-character summary and long requests prints every party and every word', async () => {
    const rng = seededRng(20260501);
    const longRequest = `要求被申请人支付拖欠的工资及经济补偿，${'具体金额以双方核对的考勤记录和工资表为准，'.repeat(70)}并承担相关费用`;
    const applicants = Array.from({ length: 12 }, (_, i) => ({ ...syntheticPerson(rng, 'applicant'), occupation: '务工', requests: i === 0 ? `${longRequest}\n支付加班费` : '支付拖欠工资' }));
    const summary = `申请人等十二人在被申请人处务工。${'双方因工资结算、加班费计算和社会保险缴纳等问题多次协商未果，申请人多次到工地讨要工资。'.repeat(115)}以上情况属实。`;
    expect(summary.length).toBeGreaterThan(4900);
    const record = fixtureRecord((r) => ({
      ...r,
      dispute: { ...r.dispute, disputeType: '10', disputeSubType: '拖欠农民工工资纠纷', summary, peopleInvolved: 12, escalation: ['group'], riskLevel: 'high' },
      parties: [...applicants, ...r.parties.filter((p) => p.role === 'respondent')],
      agents: [],
      assignment: { mediatorIds: [MEDIATOR.id], room: '劳动争议调解室' },
      deadlines: { ...r.deadlines, mediationDue: '2026-05-16' },
      actions: [...r.actions, { id: '5a6b7c8d-9e0f-4a1b-8c2d-3e4f5a6b7c8d', type: 'ACCEPTED', at: '2026-05-01T02:00:00.000Z', by: CLERK.id, note: '' }],
    }));
    const data = buildDocumentData({ record, settings: fixtureSettings(), staff: [CLERK, MEDIATOR], today: '2026-05-01' });
    for (const key of ['application', 'acceptance-register', 'rights-notice'] as const) {
      const pdf = await renderPdf(TEMPLATES[key], data);
      expect(qpdfCheck(pdf).ok).toBe(true);
      const raw = squash(pdfText(pdf, undefined, 'raw').replace(/—\s*\d+\s*—/g, ''));
      for (const p of applicants) {
        expect(raw, `${key}: ${p.name}`).toContain(p.name);
        if (key !== 'rights-notice') expect(raw, `${key}: ${p.idNumber}`).toContain(p.idNumber);
      }
      if (key !== 'rights-notice') expect(raw, key).toContain(squash(summary));
      if (key === 'application') expect(raw).toContain(squash(longRequest));
      const pages = pdfPages(pdf);
      const last = squash(pdfText(pdf, pages));
      if (key === 'acceptance-register') expect(last).toContain('义乌市人民调解委员会（印章）');
      for (let p = 1; p <= pages; p++) expect(squash(pdfText(pdf, p)).replace(/—\d+—/, '').length, `${key} page ${p}`).toBeGreaterThan(10);
    }
  }, 60_000);
});

describe('fonts and access', () => {
  it('loads the fonts once into the virtual file system and reuses them', () => {
    const a = pdfmakeWithFonts();
    const b = pdfmakeWithFonts();
    expect(a).toBe(b);
    expect(a.virtualfs.existsSync('NotoSerifSC-Regular.ttf')).toBe(true);
    expect(a.virtualfs.existsSync('NotoSerifSC-Bold.ttf')).toBe(true);
  });

  it('refuses to fetch URLs or read local files named in a document', async () => {
    const pdfmake = pdfmakeWithFonts();
    const base = { defaultStyle: { font: 'NotoSerifSC' } };
    await expect(pdfmake.createPdf({ ...base, content: [{ image: 'remote' }], images: { remote: 'https://example.com/seal.png' } }).getBuffer()).rejects.toThrow(/denied/);
    await expect(pdfmake.createPdf({ ...base, content: [{ image: '/etc/hostname' }] }).getBuffer()).rejects.toThrow(/not allowed|denied|access/i);
  });
});
