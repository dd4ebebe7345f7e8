/**
 * Issuing documents end to end on a real data directory: every template rendered from complete cases, the PDF checked
 * with poppler and qpdf, versions, write-once files, integrity on read, refusals before rendering.
 */
import { createHash } from 'node:crypto';
import { readFile, readdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueDocument, readDocument } from '../../../electron/main/documents/issue';
import { acceptCase, refuseCase, transferCase } from '../../../electron/main/services/decisions';
import type { Workstation } from '../../../electron/main/services/workstation';
import type { CaseRecord, DocumentTemplateKey, Staff } from '../../../electron/shared/domain';
import { ApiFailure } from '../../../electron/shared/ipc/result';
import { oralRoadTrafficCaseInput } from '../../fixtures/cases';
import { call, makeTempDir, openWorkstation, removeDir, setUp, storeFiles } from '../../fixtures/workstation';
import { pdfFonts, pdfInfo, pdfPages, pdfText, qpdfCheck, squash } from './helpers';

let dir: string;
let ws: Workstation;
let admin: Staff;
let accepted: CaseRecord;
let refused: CaseRecord;
let transferred: CaseRecord;
let registered: CaseRecord;

const documentsDir = (caseId: string) => path.join(dir, 'cases', caseId, 'documents');
const pdfOf = (issued: { pdfBase64: string }) => Buffer.from(issued.pdfBase64, 'base64');

async function failure(promise: Promise<unknown>): Promise<ApiFailure> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ApiFailure) return error;
    throw error;
  }
  throw new Error('expected an ApiFailure');
}

beforeAll(async () => {
  dir = await makeTempDir('documents-');
  ws = await openWorkstation(dir);
  admin = await setUp(ws);
  const settings = await call(ws, 'settings:get');
  await call(ws, 'settings:update', { ...settings, phone: '0579-85181234', address: '浙江省义乌市稠城街道县前街1号' });
  const one = await call(ws, 'cases:create', oralRoadTrafficCaseInput());
  accepted = await acceptCase(ws, { id: one.id, revision: one.revision, mediatorIds: [admin.id], room: '交通事故调解室', mediationDue: '2026-05-31', note: '' }, admin);
  const two = await call(ws, 'cases:create', oralRoadTrafficCaseInput());
  refused = await refuseCase(ws, { id: two.id, revision: two.revision, ground: 'already_handled', referTo: '义乌市人民法院', note: '' }, admin);
  const three = await call(ws, 'cases:create', oralRoadTrafficCaseInput());
  transferred = await transferCase(ws, { id: three.id, revision: three.revision, receivingBody: '义乌市公安局交通警察大队', replyDue: '2026-05-15', note: '' }, admin);
  registered = await call(ws, 'cases:create', oralRoadTrafficCaseInput());
}, 60_000);

afterAll(async () => {
  await ws?.close();
  await removeDir(dir);
});

/** Every value of the road-traffic case that identifies a party. */
function partyValues(record: CaseRecord): string[] {
  const values: string[] = [];
  for (const p of record.parties) {
    values.push(p.name, p.phone, p.address);
    if (p.kind === 'person') values.push(p.idNumber, p.ethnicity);
    else values.push(p.usccCode, p.legalRepresentative, p.representativeTitle);
  }
  for (const a of record.agents) values.push(a.name, a.idNumber, a.phone, a.workUnitOrRelation);
  return values.filter(Boolean);
}

function expectSoundPdf(bytes: Buffer, title: string) {
  expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
  const check = qpdfCheck(bytes);
  expect(check.ok, check.output).toBe(true);
  expect(check.output).toContain('No syntax or stream encoding errors');
  const fonts = pdfFonts(bytes);
  expect(fonts.length).toBeGreaterThan(0);
  for (const font of fonts) {
    expect(font.name).toMatch(/^[A-Z]{6}\+NotoSerifSC-(Regular|Bold)$/);
    expect(font).toMatchObject({ type: 'CID TrueType', embedded: true, subset: true });
  }
  const info = pdfInfo(bytes);
  expect(info).toMatch(new RegExp(`Title:\\s+${title}`));
  expect(info).toMatch(/Creator:\s+调解工作台/);
  expect(info).toMatch(/Page size:\s+595\.28 x 841\.89 pts \(A4\)/);
}

describe('issuing every template from complete cases', () => {
  const cases: [DocumentTemplateKey, () => CaseRecord, (r: CaseRecord) => string[]][] = [
    [
      'application',
      () => accepted,
      (r) => [
        ...partyValues(r),
        '人民调解申请书',
        r.caseNumber,
        '58岁',
        '53岁',
        '个体经营',
        '务农',
        r.dispute.summary,
        '1.赔偿医疗费、误工费、护理费共计人民币65000元（申请人张建国）',
        '2.赔偿电动自行车维修费1500元（申请人张建国）',
        '3.赔偿精神损害抚慰金20000元（申请人李秀兰）',
        '义乌市人民调解委员会已将申请人民调解的相关规定告知我，现自愿申请义乌市人民调解委员会进行调解。',
        '申请人张建国（签名盖章或按指印）',
        '申请人李秀兰（签名盖章或按指印）',
        '（指印）',
        '2026年5月1日',
      ],
    ],
    [
      'acceptance-register',
      () => accepted,
      (r) => [
        ...partyValues(r),
        '人民调解受理登记表',
        r.caseNumber,
        '2026年5月1日，本人民调解委员会经当事人同意，调解张建国、李秀兰与义乌市顺达货运有限公司之间的道路交通事故纠纷。',
        '道路交通事故纠纷',
        '人身损害赔偿纠纷',
        '公安机关委托移送',
        '人民币捌万陆仟伍佰元整（¥86,500.00）',
        '3人',
        '口头申请',
        '复杂',
        r.dispute.summary,
        '经审查，该纠纷属于人民调解范围，当事人同意调解，予以受理。',
        '2026年5月31日',
        admin.name,
        '交通事故调解室',
        '当事人（签名）',
        '登记人（签名）',
        '义乌市人民调解委员会（印章）',
        '注：此表由人民调解委员会填写。',
        '被代理人',
        '特别授权',
      ],
    ],
    [
      'rights-notice',
      () => accepted,
      () => [
        '人民调解当事人权利义务告知书',
        '张建国、李秀兰、义乌市顺达货运有限公司：',
        '群众性组织',
        '不收取任何费用',
        '不违背法律、法规和国家政策',
        '选择或者接受人民调解员',
        '接受调解、拒绝调解或者要求终止调解',
        '要求调解公开进行或者不公开进行',
        '自主表达意愿、自愿达成调解协议',
        '委托代理人参加调解',
        '如实陈述纠纷事实，提供真实的证明材料',
        '遵守调解现场秩序，尊重人民调解员',
        '尊重对方当事人行使权利',
        '第三十一条',
        '三十日内共同向人民法院申请司法确认',
        '个人信息处理者：义乌市人民调解委员会（义乌市矛盾纠纷调处化解中心），联系电话：0579-85181234，联系地址：浙江省义乌市稠城街道县前街1号。',
        '保存期限',
        '申请人张建国（签名或按指印）',
        '被申请人义乌市顺达货运有限公司（盖章）',
      ],
    ],
    [
      'refusal-notice',
      () => refused,
      (r) => [
        '义乌市人民调解委员会',
        '不予受理告知书',
        r.caseNumber,
        '张建国、李秀兰：',
        '你（们）与义乌市顺达货运有限公司之间的道路交通事故纠纷（人身损害赔偿纠纷）',
        '“人民法院、公安机关或者其他行政机关已经受理或者解决的”',
        '本委员会决定不予受理',
        '你（们）可以向义乌市人民法院反映或者申请处理，也可以依法通过仲裁、行政、司法等途径维护自己的权利。',
        '特此告知。',
        '2026年5月1日',
      ],
    ],
    [
      'transfer-notice',
      () => transferred,
      (r) => [
        '义乌市矛盾纠纷调处化解中心',
        '矛盾纠纷转办告知书',
        r.caseNumber,
        '张建国、李秀兰、义乌市顺达货运有限公司：',
        '转交义乌市公安局交通警察大队办理',
        '于2026年5月15日前将办理情况反馈本中心',
        '跟踪督办',
        '联系电话：0579-85181234',
        '特此告知。',
      ],
    ],
  ];

  it.each(cases)('%s: every value is printed, the PDF is sound and the fonts are embedded subsets', async (template, record, expected) => {
    const issued = await issueDocument(ws, { caseId: record().id, template }, admin);
    const bytes = pdfOf(issued);
    expectSoundPdf(bytes, issued.document.title);
    // -layout keeps table rows on their lines; a long value wrapped inside a cell is interleaved there with the
    // label beside it, so long values may also be found in the content-stream order (-raw)
    const layout = withoutPageNumbers(pdfText(bytes));
    const raw = withoutPageNumbers(pdfText(bytes, undefined, 'raw'));
    const missing = expected(record()).filter((v) => !layout.includes(squash(v)) && !(v.length > 25 && raw.includes(squash(v))));
    expect(missing).toEqual([]);
    const text = layout;
    // no code or placeholder leaked onto the page
    expect(text).not.toMatch(/\{[A-Za-z]+\}|undefined|null|NaN|\[object/);
    // page numbers in the GB/T 9704 form on every page
    const pages = pdfPages(bytes);
    for (let p = 1; p <= pages; p++) expect(pdfText(bytes, p)).toMatch(new RegExp(`—\\s*${p}\\s*—\\s*$`));
    expect(issued.intact).toBe(true);
  });

  it('records the version with its file, and stores the data it was made from next to it', async () => {
    const record = await ws.cases.get(accepted.id);
    const doc = record.documents.find((d) => d.template === 'acceptance-register')!;
    expect(doc).toMatchObject({ caseId: accepted.id, templateVersion: 2, version: 1, title: '人民调解受理登记表', createdBy: admin.id });
    expect(doc.files.map((f) => f.format)).toEqual(['pdf', 'docx']); // the DOCX is covered by docx-issue.test.ts
    const [file] = doc.files;
    expect(file!.file).toMatch(/^acceptance-register-v1-[0-9a-f]{8}\.pdf$/);
    const stored = await storeFiles(ws).read(path.join(documentsDir(accepted.id), file!.file));
    expect(createHashHex(stored)).toBe(file!.sha256);
    const snapshot = JSON.parse(await storeFiles(ws).text(path.join(documentsDir(accepted.id), file!.file.replace(/\.pdf$/, '.json'))));
    expect(snapshot).toMatchObject({ template: 'acceptance-register', version: 1, templateVersion: 2, caseId: accepted.id, createdBy: admin.id });
    expect(snapshot.data.caseNumber).toBe(accepted.caseNumber);
    expect(snapshot.data.applicants[0].idNumber).toBe((accepted.parties[0] as { idNumber: string }).idNumber);
    const audit = await ws.cases.audit(accepted.id);
    expect(audit.map((e) => e.action)).toContain('documents:issue');
    expect(audit.find((e) => e.action === 'documents:issue' && e.detail.includes('受理登记表'))?.detail).toBe(`出具《人民调解受理登记表》第1版（SHA-256 前12位 ${file!.sha256.slice(0, 12)}）`);
  });
});

/** Squashed text without the page-number lines (a paragraph that runs onto the next page is read as one). */
function withoutPageNumbers(text: string): string {
  return squash(text.replace(/^\s*—\s*\d+\s*—\s*$/gm, ''));
}

function createHashHex(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

describe('versions are never overwritten', () => {
  it('issuing twice gives versions 1 and 2 and leaves the first file byte for byte as it was', async () => {
    const first = await issueDocument(ws, { caseId: registered.id, template: 'application' }, admin);
    const firstPath = path.join(documentsDir(registered.id), first.document.files[0]!.file);
    const firstBytes = await readFile(firstPath);
    const second = await issueDocument(ws, { caseId: registered.id, template: 'application' }, admin);
    expect([first.document.version, second.document.version]).toEqual([1, 2]);
    expect(second.document.files[0]!.file).toMatch(/^application-v2-[0-9a-f]{8}\.pdf$/);
    expect(second.document.id).not.toBe(first.document.id);
    expect(await readFile(firstPath)).toEqual(firstBytes);
    const record = await ws.cases.get(registered.id);
    expect(record.documents.filter((d) => d.template === 'application').map((d) => d.version)).toEqual([1, 2]);
    // another template counts its own versions
    const register = await issueDocument(ws, { caseId: registered.id, template: 'acceptance-register' }, admin);
    expect(register.document.version).toBe(1);
    const files = (await readdir(documentsDir(registered.id))).sort();
    expect(files.filter((f) => f.endsWith('.pdf'))).toHaveLength(3);
    expect(files.filter((f) => f.endsWith('.json'))).toHaveLength(3);
  });

  it('reads a document back with its bytes and intact: true', async () => {
    const record = await ws.cases.get(registered.id);
    const doc = record.documents[0]!;
    const read = await readDocument(ws, { caseId: registered.id, documentId: doc.id });
    expect(read.intact).toBe(true);
    expect(read.document).toEqual(doc);
    expect(pdfOf(read)).toEqual(await storeFiles(ws).read(path.join(documentsDir(registered.id), doc.files[0]!.file)));
  });

  it('a stored PDF changed on disk is refused (never served); changed by someone holding the key, it reads back as intact: false', async () => {
    const issued = await issueDocument(ws, { caseId: registered.id, template: 'rights-notice' }, admin);
    const file = path.join(documentsDir(registered.id), issued.document.files[0]!.file);
    const sealed = await readFile(file);
    const flipped = Buffer.from(sealed);
    flipped.writeUInt8(flipped.readUInt8(flipped.length - 10) ^ 0x01, flipped.length - 10);
    await writeFile(file, flipped);
    await expect(readDocument(ws, { caseId: registered.id, documentId: issued.document.id })).rejects.toMatchObject({ code: 'STORE_CORRUPT', message: expect.stringContaining('未通过完整性校验') });
    await writeFile(file, sealed); // the genuine file back
    // one changed byte (a digit in the trailer's startxref offset) is enough
    const tampered = Buffer.from(await storeFiles(ws).read(file));
    const at = tampered.length - 10;
    tampered.writeUInt8(tampered.readUInt8(at) ^ 0x01, at);
    await storeFiles(ws).write(file, tampered);
    const read = await readDocument(ws, { caseId: registered.id, documentId: issued.document.id });
    expect(read.intact).toBe(false);
    expect(pdfOf(read)).toEqual(tampered);
  });

  it('an altered data snapshot (what the document was made from) also reads back as intact: false', async () => {
    const issued = await issueDocument(ws, { caseId: registered.id, template: 'rights-notice' }, admin);
    const file = path.join(documentsDir(registered.id), issued.document.data.file);
    const snapshot = JSON.parse(await storeFiles(ws).text(file));
    snapshot.createdBy = 'someone-else';
    await storeFiles(ws).write(file, JSON.stringify(snapshot, null, 2));
    expect((await readDocument(ws, { caseId: registered.id, documentId: issued.document.id })).intact).toBe(false);
  });

  it('two issues at the same moment become versions 1 and 2 (the later one is made again from the new state)', async () => {
    const record = await call(ws, 'cases:create', oralRoadTrafficCaseInput());
    const [a, b] = await Promise.all([
      issueDocument(ws, { caseId: record.id, template: 'rights-notice' }, admin),
      issueDocument(ws, { caseId: record.id, template: 'rights-notice' }, admin),
    ]);
    expect([a.document.version, b.document.version].sort()).toEqual([1, 2]);
    const stored = await ws.cases.get(record.id);
    expect(stored.documents.map((d) => d.version)).toEqual([1, 2]);
    for (const doc of stored.documents) expect((await readDocument(ws, { caseId: record.id, documentId: doc.id })).intact).toBe(true);
  });

  it('a stored PDF that has gone missing is reported, not read as an empty document', async () => {
    const record = await call(ws, 'cases:create', oralRoadTrafficCaseInput());
    const issued = await issueDocument(ws, { caseId: record.id, template: 'application' }, admin);
    await rm(path.join(documentsDir(record.id), issued.document.files[0]!.file));
    const error = await failure(readDocument(ws, { caseId: record.id, documentId: issued.document.id }));
    expect(error.code).toBe('STORE_CORRUPT');
    expect(error.message).toContain('《人民调解申请书》第1版的文件缺失');
  });

  it('an unknown document is NOT_FOUND', async () => {
    const error = await failure(readDocument(ws, { caseId: registered.id, documentId: '00000000-0000-4000-8000-000000000000' }));
    expect(error.code).toBe('NOT_FOUND');
  });
});

describe('refusals before rendering', () => {
  it('a template needing a field the case lacks names it, and nothing is written', async () => {
    const settings = await call(ws, 'settings:get');
    await call(ws, 'settings:update', { ...settings, phone: '' });
    try {
      const before = await ws.cases.get(transferred.id);
      const filesBefore = await readdir(documentsDir(transferred.id)).catch(() => []);
      const error = await failure(issueDocument(ws, { caseId: transferred.id, template: 'transfer-notice' }, admin));
      expect(error.code).toBe('INVALID_INPUT');
      expect(error.message).toBe('无法出具《矛盾纠纷转办告知书》，案件缺少以下信息：中心联系电话');
      // A center setting is named by key for the screen to link to; the case's own gaps are the input's issues.
      expect(error.extra.missing).toEqual(['center.phone']);
      expect(error.issues ?? []).toEqual([]);
      expect((await ws.cases.get(transferred.id)).revision).toBe(before.revision);
      expect(await readdir(documentsDir(transferred.id)).catch(() => [])).toEqual(filesBefore);
    } finally {
      await call(ws, 'settings:update', settings);
    }
  });

  it('names missing party details', async () => {
    const input = oralRoadTrafficCaseInput();
    input.parties = input.parties.map((p) => (p.role === 'applicant' ? { ...p, requests: '' } : p));
    const record = await call(ws, 'cases:create', input);
    const error = await failure(issueDocument(ws, { caseId: record.id, template: 'application' }, admin));
    expect(error.message).toContain('申请事项');
  });

  it.each([
    ['refusal-notice', () => accepted, '只有作出不予受理决定的案件才能出具《不予受理告知书》'],
    ['refusal-notice', () => transferred, '只有作出不予受理决定的案件才能出具《不予受理告知书》'],
    ['transfer-notice', () => refused, '只有已转办的案件才能出具《矛盾纠纷转办告知书》'],
    ['application', () => refused, '该案件已不予受理，不能出具《人民调解申请书》'],
    ['acceptance-register', () => transferred, '该案件已转办，不能出具《人民调解受理登记表》'],
    ['rights-notice', () => refused, '该案件已不予受理，不能出具《人民调解当事人权利义务告知书》'],
  ] as const)('%s does not fit every case: NOT_ALLOWED', async (template, record, message) => {
    const error = await failure(issueDocument(ws, { caseId: record().id, template }, admin));
    expect(error.code).toBe('NOT_ALLOWED');
    expect(error.message).toContain(message);
  });
  it('a written application keeps the visitor\'s own 申请书: the app does not make a second one', async () => {
    const written = await call(ws, 'cases:create', { ...oralRoadTrafficCaseInput(), dispute: { ...oralRoadTrafficCaseInput().dispute, applicationForm: 'written' } });
    const error = await failure(issueDocument(ws, { caseId: written.id, template: 'application' }, admin));
    expect(error).toMatchObject({ code: 'NOT_ALLOWED', message: expect.stringContaining('书面申请') });
  });
});
