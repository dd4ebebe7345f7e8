/**
 * The agreement's documents on the real Workstation, through the API: a draft previewed (草稿, （待填写）), the
 * agreement drafted, reviewed, signed on screen and on paper, sealed — and the signed original that is made when it
 * takes effect: every drawn signature in its box, the paper signatures noted, the committee seal over the date, the PDF
 * signed with the center's certificate (pdfsig), stored as a version marked signed, registered for "verify a
 * document". Then the 司法确认申请书 to the court of the settings, and the 口头协议登记表 of an oral agreement.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DocumentSnapshot } from '../../../electron/main/documents/issue';
import type { Workstation } from '../../../electron/main/services/workstation';
import { inspectPdfSignature } from '../../../electron/main/signing';
import type { AgreementContent, AgreementItem, CaseRecord, Staff } from '../../../electron/shared/domain';
import type { AgreementView } from '../../../electron/shared/ipc/contract';
import { ROAD_TRAFFIC_IDS, roadTrafficCaseInput } from '../../fixtures/cases';
import { CONNECTION, call, callError, makeTempDir, openWorkstation, removeDir, setUp, addStaff, approveAsReviewer, signInAs, storeFiles } from '../../fixtures/workstation';
import { sealPng, signaturePng } from './agreement-images';
import { docxParts, missingValues, pdfPages, pdfText, squash, withoutPageNumbers } from './helpers';

const RECORDER_CONNECTION = 'window-recorder';
let dir: string;
let ws: Workstation;
let admin: Staff;
let recorder: Staff;
let seal: Buffer;
const signatures = new Map<string, Buffer>();

const pdfOf = (issued: { pdfBase64: string }) => Buffer.from(issued.pdfBase64, 'base64');

/** With AGREEMENT_LOOK_DIR set, the PDFs are kept there to be looked at (pdftoppm). */
function keep(name: string, pdf: Buffer): Buffer {
  if (process.env.AGREEMENT_LOOK_DIR) writeFileSync(path.join(process.env.AGREEMENT_LOOK_DIR, `${name}.pdf`), pdf);
  return pdf;
}

function withTemp<T>(bytes: Uint8Array, run: (file: string) => T): T {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'agreement-flow-'));
  try {
    const file = path.join(tmp, 'doc.pdf');
    writeFileSync(file, bytes);
    return run(file);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

/** pdfsig's report (its exit status is not the verdict: it says so in words). */
export function pdfsig(bytes: Uint8Array): string {
  return withTemp(bytes, (file) => {
    try {
      return execFileSync('pdfsig', [file], { encoding: 'utf8' });
    } catch (error) {
      const e = error as { stdout?: string; stderr?: string };
      return `${e.stdout ?? ''}${e.stderr ?? ''}`;
    }
  });
}

/** `pdfimages -list` rows: page, type, width, height, … (one per image and per soft mask). */
function pdfImages(bytes: Uint8Array): { page: number; type: string; width: number; height: number }[] {
  const out = withTemp(bytes, (file) => execFileSync('pdfimages', ['-list', file], { encoding: 'utf8' }));
  return out
    .split('\n')
    .slice(2)
    .filter((l) => l.trim())
    .map((l) => l.trim().split(/\s+/))
    .map((c) => ({ page: Number(c[0]), type: c[2]!, width: Number(c[3]), height: Number(c[4]) }));
}

beforeAll(async () => {
  dir = await makeTempDir('agreement-flow-');
  ws = await openWorkstation(dir);
  admin = await setUp(ws);
  const settings = await call(ws, 'settings:get');
  await call(ws, 'settings:update', { ...settings, phone: '0579-85181234', address: '浙江省义乌市稠城街道县前街1号' });
  recorder = await addStaff(ws, { name: '叶晓敏', roles: ['clerk'] });
  await signInAs(ws, recorder.loginName, RECORDER_CONNECTION);
  seal = await sealPng();
  for (const name of ['张建国', '吴晓东', '周海燕', '叶晓敏']) signatures.set(name, await signaturePng(name));
}, 60_000);

afterAll(async () => {
  await ws?.close();
  await removeDir(dir);
});

/** A road-traffic case whose session ended 达成协议 (the admin mediates, 叶晓敏 records). */
async function agreedCase(): Promise<CaseRecord> {
  const created = await call(ws, 'cases:create', roadTrafficCaseInput());
  await call(ws, 'cases:accept', { id: created.id, revision: created.revision, mediatorIds: [admin.id], room: '交通事故调解室', mediationDue: '2026-05-31', note: '' });
  const scheduled = await call(ws, 'sessions:schedule', {
    caseId: created.id,
    plan: { kind: 'session', scheduledAt: '2026-05-01T14:00:00+08:00', place: '交通事故调解室', purpose: '', mediatorIds: [admin.id], recorderId: recorder.id, subject: null },
  });
  const opened = await call(ws, 'sessions:open', { caseId: created.id, sessionId: scheduled.session.id, revision: scheduled.session.revision });
  const attendees = opened.session.attendees.map((a) => ({ ...a, presence: 'present' as const }));
  const statements = [
    { id: crypto.randomUUID(), speakerId: admin.id, kind: 'question' as const, text: '误工费和精神损害抚慰金的数额', startedAt: '2026-05-01T06:05:00.000Z', marks: ['focus' as const], caucus: null },
    { id: crypto.randomUUID(), speakerId: admin.id, kind: 'question' as const, text: '赔偿款的支付期限', startedAt: '2026-05-01T06:06:00.000Z', marks: ['focus' as const], caucus: null },
  ];
  await call(ws, 'sessions:close', { caseId: created.id, sessionId: opened.session.id, revision: opened.session.revision, content: { attendees, statements }, outcome: { type: 'agreement', note: '' } });
  return (await call(ws, 'cases:get', { id: created.id })).record;
}

const { applicant1, applicant2, respondent, agent } = ROAD_TRAFFIC_IDS;

const ITEMS: AgreementItem[] = [
  {
    id: crypto.randomUUID(),
    type: 'payment',
    payerIds: [respondent],
    payeeIds: [applicant1, applicant2],
    purpose: '赔偿医疗费、误工费、护理费、电动自行车维修费和精神损害抚慰金等各项损失',
    total: '86500',
    plan: 'instalments',
    dueOn: '',
    instalments: [
      { amount: '50000', dueOn: '2026-05-15' },
      { amount: '36500', dueOn: '2026-06-15' },
    ],
    method: '银行转账',
    place: '',
  },
  { id: crypto.randomUUID(), type: 'apology', fromIds: [respondent], toIds: [applicant1, applicant2], manner: '书面', dueOn: '2026-05-10' },
  { id: crypto.randomUUID(), type: 'free', text: '申请人张建国、李秀兰收到全部款项后，不再就本次事故向被申请人及其驾驶员主张其他权利。', obligorIds: [], dueOn: '', manner: '', place: '' },
];

const CONTENT: Partial<AgreementContent> = {
  responsibility: '经义乌市公安局交通警察大队认定，被申请人驾驶员负事故主要责任，申请人张建国负事故次要责任，申请人李秀兰不负事故责任。',
  items: ITEMS,
  breach: '被申请人逾期未支付任何一期款项的，申请人可以就未支付的全部款项向人民法院提起诉讼。',
  copies: 4,
};

const save = (view: AgreementView, content: Partial<AgreementContent>) =>
  call(ws, 'agreements:save', { caseId: view.agreement.caseId, revision: view.agreement.revision, content: { ...view.agreement.content, ...content } });

const drawn = (view: AgreementView, signerId: string, name: string, connection = CONNECTION) =>
  call(
    ws,
    'agreements:sign',
    { caseId: view.agreement.caseId, revision: view.agreement.revision, signerId, method: 'drawn', pngBase64: signatures.get(name)!.toString('base64'), strokes: [{ points: [{ x: 1, y: 1, time: 1 }, { x: 40, y: 12, time: 30 }] }] },
    connection,
  );

const onPaper = (view: AgreementView, signerId: string, method: 'paper_signed' | 'paper_fingerprint' | 'paper_sealed') =>
  // No scan is filed in these flows: the paper signature is registered with the reason (see agreements.test.ts).
  call(ws, 'agreements:sign', { caseId: view.agreement.caseId, revision: view.agreement.revision, signerId, method, pngBase64: null, strokes: null, paperReason: '扫描件稍后上传' });

async function approvedAgreement(): Promise<{ record: CaseRecord; view: AgreementView }> {
  const record = await agreedCase();
  let view = await call(ws, 'agreements:create', { caseId: record.id, kind: 'written' });
  view = await save(view, CONTENT);
  view = await call(ws, 'agreements:submit', { caseId: record.id, revision: view.agreement.revision });
  view = await approveAsReviewer(ws, record.id, view.agreement.revision);
  return { record, view };
}

/** Every party, the agent, the mediator and the recorder sign (on screen or on paper), then the seal: effective. */
async function signAndSeal(view: AgreementView): Promise<AgreementView> {
  view = await drawn(view, applicant1, '张建国');
  view = await onPaper(view, applicant2, 'paper_fingerprint');
  view = await onPaper(view, respondent, 'paper_sealed');
  view = await drawn(view, agent, '吴晓东');
  view = await drawn(view, recorder.id, '叶晓敏', RECORDER_CONNECTION);
  view = await drawn(view, admin.id, '周海燕');
  expect(view.agreement.status).toBe('approved');
  return call(ws, 'agreements:seal', { caseId: view.agreement.caseId, revision: view.agreement.revision });
}

describe('the agreement before it takes effect', () => {
  it('a draft previews with a 草稿 mark and （待填写） where something is missing; it cannot be issued', async () => {
    const record = await agreedCase();
    const view = await call(ws, 'agreements:create', { caseId: record.id, kind: 'written' });
    const subject = { caseId: record.id, template: 'agreement' as const, subjectId: view.agreement.id };
    const preview = await call(ws, 'documents:preview', subject);
    expect(preview.title).toBe('人民调解协议书');
    const text = withoutPageNumbers(pdfText(keep('draft-agreement', pdfOf(preview))));
    expect(text).toContain('草稿（草拟中）：仅供核对，不作为协议文本签署');
    expect(text).toContain('草稿');
    // the prefilled facts and the disputed matters from the session's focus marks, numbered
    expect(text).toContain(squash(`纠纷主要事实、争议事项：${roadTrafficCaseInput().dispute.summary}`));
    expect(text).toContain('争议事项：（一）误工费和精神损害抚慰金的数额；（二）赔偿款的支付期限。');
    // no clause yet: the list says so instead of refusing the preview
    expect(text).toContain('经调解，自愿达成如下协议：1.（待填写）');
    // a draft is dated today (the fixture clock: 2026-05-01)
    expect(text).toContain('2026年5月1日');
    const refused = await callError(ws, 'documents:issue', subject);
    expect(refused).toMatchObject({ code: 'NOT_ALLOWED', message: expect.stringContaining('调解协议尚未审核通过（当前为“草拟中”），只能预览') });
    // the agreement's forms name the agreement, of the right kind
    expect(await callError(ws, 'documents:preview', { caseId: record.id, template: 'agreement' })).toMatchObject({ code: 'INVALID_INPUT', issues: [expect.objectContaining({ path: ['subjectId'] })] });
    expect(await callError(ws, 'documents:preview', { ...subject, subjectId: crypto.randomUUID() })).toMatchObject({ code: 'NOT_FOUND', message: '本案中没有所选的调解协议，请重新选择' });
    expect(await callError(ws, 'documents:preview', { ...subject, template: 'oral-agreement' })).toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining('所选的是书面协议，《人民调解口头协议登记表》只能针对口头协议出具') });
    expect(await callError(ws, 'documents:preview', { ...subject, template: 'judicial-confirmation' })).toMatchObject({ code: 'NOT_ALLOWED', message: expect.stringContaining('协议生效后才能申请司法确认') });
    expect(await callError(ws, 'documents:preview', { ...subject, template: 'rights-notice' })).toMatchObject({ code: 'INVALID_INPUT' });
  }, 60_000);

  it('approved: the copy to sign on paper has no 草稿 mark and a blank for the date, and may be issued (not as the signed original)', async () => {
    const { record, view } = await approvedAgreement();
    const issued = await call(ws, 'documents:issue', { caseId: record.id, template: 'agreement', subjectId: view.agreement.id });
    expect(issued.document).toMatchObject({ template: 'agreement', subjectId: view.agreement.id, version: 1, title: '人民调解协议书', templateVersion: 3 });
    expect(issued.document.signed).toBeUndefined();
    const text = pdfText(keep('approved-agreement', pdfOf(issued)));
    expect(text).not.toContain('草稿');
    expect(squash(text)).toContain('义乌市人民调解委员会（印）年月日');
    expect(pdfsig(pdfOf(issued))).toMatch(/does not contain any signatures/);
    expect((await call(ws, 'agreements:get', { caseId: record.id })).agreement.signedDocumentId).toBeNull();
  }, 60_000);
});

describe('the signed original, made when the agreement takes effect (人民调解法 art. 29)', () => {
  let record: CaseRecord;
  let view: AgreementView;
  let pdf: Buffer;
  let documentId: string;

  beforeAll(async () => {
    ({ record, view } = await approvedAgreement());
    await call(ws, 'settings:set-image', { kind: 'seal', pngBase64: seal.toString('base64') });
    view = await signAndSeal(view);
    const read = await call(ws, 'documents:read', { caseId: record.id, documentId: view.agreement.signedDocumentId! });
    expect(read.intact).toBe(true);
    pdf = pdfOf(read);
    documentId = read.document.id;
    keep('signed-agreement', pdf);
  }, 120_000);

  it('is a version of the agreement marked signed, named by the agreement', async () => {
    expect(view.agreement).toMatchObject({ status: 'effective', effectiveOn: '2026-05-01', signedDocumentId: documentId });
    const docs = (await call(ws, 'cases:get', { id: record.id })).record.documents.filter((d) => d.template === 'agreement');
    expect(docs).toHaveLength(1);
    expect(docs[0]).toMatchObject({ id: documentId, subjectId: view.agreement.id, version: 1, signed: true, title: '人民调解协议书' });
    expect(docs[0]!.files.map((f) => f.file)).toEqual([expect.stringMatching(/^agreement-signed-v1-[0-9a-f]{8}\.pdf$/), expect.stringMatching(/^agreement-signed-v1-[0-9a-f]{8}\.docx$/)]);
  });

  it('pdfsig: the signature is valid, by the committee, over the whole document', () => {
    const report = pdfsig(pdf);
    console.log(report.split('\n').filter((l) => /Signature|Signer|Reason|Location|signed|Hash|Certificate/.test(l)).join('\n'));
    expect(report).toContain('Signature Validation: Signature is Valid.');
    expect(report).toMatch(/Signer full Distinguished Name: .*CN=义乌市人民调解委员会文书签章,O=义乌市矛盾纠纷调处化解中心,C=CN/);
    expect(report).toContain('Signature Type: adbe.pkcs7.detached');
    expect(report).toContain('Total document signed');
    // the reason, the signer as people know it (the committee) and the place (the center)
    expect(inspectPdfSignature(pdf)).toMatchObject({ intact: true, reason: '人民调解协议书签章', name: '义乌市人民调解委员会', location: '义乌市矛盾纠纷调处化解中心' });
  });

  it('pdfsig: one byte changed in the signed range makes it invalid', () => {
    const changed = Buffer.from(pdf);
    // a byte well inside the first signed range (the page content), not the signature's own hex string
    const at = Math.floor(changed.indexOf('/ByteRange') / 2);
    changed[at] = changed[at]! ^ 0x01;
    const report = pdfsig(changed);
    expect(report).not.toContain('Signature is Valid.');
    expect(report).toMatch(/Signature Validation: (Digest Mismatch|Signature is Invalid)/);
  });

  it('prints the parties, the clauses with amounts in capitals, the copies, the art. 29 sentence and the paper signatures', () => {
    const text = withoutPageNumbers(pdfText(pdf));
    for (const name of ['张建国', '李秀兰', '义乌市顺达货运有限公司', '吴晓东']) expect(text).toContain(name);
    expect(text).toContain(
      squash(
        '1.被申请人义乌市顺达货运有限公司向申请人张建国、李秀兰赔偿医疗费、误工费、护理费、电动自行车维修费和精神损害抚慰金等各项损失共计人民币捌万陆仟伍佰元整（¥86,500.00），分两期支付：第一期于2026年5月15日前支付人民币伍万元整（¥50,000.00）；第二期于2026年6月15日前支付人民币叁万陆仟伍佰元整（¥36,500.00）。',
      ),
    );
    expect(text).toContain('2.被申请人义乌市顺达货运有限公司于2026年5月10日前以书面方式向申请人张建国、李秀兰赔礼道歉。');
    expect(text).toContain(squash(`各方责任：${CONTENT.responsibility}`));
    expect(text).toContain('履行期限：按本协议各项约定的期限履行，最迟于2026年6月15日前全部履行完毕');
    expect(text).toContain(squash(`违约责任：${CONTENT.breach}`));
    expect(text).toContain('本协议一式四份，当事人、人民调解委员会各持一份。');
    expect(text).toContain('本协议自各方当事人签名（盖章或按指印）、人民调解员签名并加盖人民调解委员会印章之日起生效。');
    expect(text).toContain('经人民调解委员会调解达成的调解协议，具有法律约束力，当事人应当按照约定履行。');
    expect(text).toContain('双方当事人认为有必要的，可以自调解协议生效之日起三十日内共同向人民法院申请司法确认。');
    // the paper signatures noted in their boxes; the staff each on a row of their own
    expect(text).toContain('申请人李秀兰（签名盖章或按指印）：（纸质文本按指印）');
    expect(text).toContain('（纸质文本盖章）');
    expect(text).toContain('人民调解员周海燕（签名）：');
    expect(text).toContain('记录人叶晓敏（签名）：');
    expect(text).toContain('义乌市人民调解委员会（印）2026年5月1日');
    expect(text).not.toContain('草稿');
    // everything after the clauses stays on the last page with the seal
    expect(withoutPageNumbers(pdfText(pdf, pdfPages(pdf)))).toContain('本协议一式四份');
  });

  it('carries the four drawn signatures and the seal as images (each with its transparency), all on the last page', () => {
    const images = pdfImages(pdf);
    const pictures = images.filter((i) => i.type === 'image');
    const masks = images.filter((i) => i.type === 'smask');
    expect(pictures).toHaveLength(5);
    expect(masks).toHaveLength(5);
    expect(new Set(pictures.map((i) => i.page))).toEqual(new Set([pdfPages(pdf)]));
  });

  it('the registry finds its SHA-256; the verify screen says issued and signed by this center', async () => {
    const doc = (await call(ws, 'cases:get', { id: record.id })).record.documents.find((d) => d.id === documentId)!;
    const hash = doc.files.find((f) => f.format === 'pdf')!.sha256;
    expect(await ws.cases.findIssuedFile(hash)).toEqual({ sha256: hash, caseId: record.id, documentId });
    expect(await ws.cases.findIssuedFile(doc.files.find((f) => f.format === 'docx')!.sha256)).toMatchObject({ documentId });
    const verdict = await call(ws, 'documents:verify', { pdfBase64: pdf.toString('base64') });
    expect(verdict).toMatchObject({ verdict: 'issued_intact', match: { documentId, caseId: record.id }, signature: { intact: true, byThisCenter: true, coversWholeFile: true } });
    expect(verdict.reasons).toEqual([{ code: 'signature_intact' }, { code: 'signer_current_certificate' }, { code: 'registered' }]);
    const audit = await call(ws, 'cases:audit', { id: record.id });
    expect(audit.map((e) => e.detail)).toContain(`出具《人民调解协议书》第1版（签章原件：印有签名和人民调解委员会印章，已用中心证书数字签名；PDF SHA-256 ${hash}）`);
  });

  it('the snapshot records what was stamped (images by SHA-256) and the certificate; the DOCX carries no images', async () => {
    const doc = (await call(ws, 'cases:get', { id: record.id })).record.documents.find((d) => d.id === documentId)!;
    const snapshot = JSON.parse(await storeFiles(ws).text(path.join(dir, 'cases', record.id, 'documents', doc.data.file))) as DocumentSnapshot;
    expect(snapshot).toMatchObject({ signed: true, subjectId: view.agreement.id, certificateSha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    const drawnShas = view.agreement.signatures.filter((s) => s.image).map((s) => s.image!.sha256);
    expect(snapshot.stamps!.signatures.filter((s) => s.imageSha256).map((s) => s.imageSha256)).toEqual(drawnShas);
    expect(snapshot.stamps!.signatures.find((s) => s.signerId === applicant2)).toMatchObject({ method: 'paper_fingerprint', imageSha256: null });
    expect(snapshot.stamps!.seal).toMatchObject({ imageSha256: ws.state.data.images.seal!.sha256 });
    const docx = await call(ws, 'documents:file', { caseId: record.id, documentId, format: 'docx' });
    const parts = docxParts(Buffer.from(docx.base64, 'base64'));
    expect([...parts.keys()].filter((k) => k.startsWith('word/media/'))).toEqual([]);
  });

  it('is made once: issuing the agreement again is refused and points at it', async () => {
    const error = await callError(ws, 'documents:issue', { caseId: record.id, template: 'agreement', subjectId: view.agreement.id });
    expect(error).toMatchObject({ code: 'NOT_ALLOWED', message: '调解协议已生效，签章文本已出具（《人民调解协议书》第1版），请在文书列表中打开或打印' });
    // the preview still shows it as it is
    const preview = pdfText(pdfOf(await call(ws, 'documents:preview', { caseId: record.id, template: 'agreement', subjectId: view.agreement.id })));
    expect(preview).toContain('（纸质文本盖章）');
    expect(preview).not.toContain('草稿');
  });

  it('司法确认申请书: to the court of the settings, within 30 days of the effective date, with the materials of 法释〔2011〕5号', async () => {
    const subject = { caseId: record.id, template: 'judicial-confirmation' as const, subjectId: view.agreement.id };
    const noCourt = await callError(ws, 'documents:issue', subject);
    expect(noCourt).toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining('受理司法确认的基层人民法院'), issues: [expect.objectContaining({ path: ['courtName'] })] });
    const settings = await call(ws, 'settings:get');
    await call(ws, 'settings:update', { ...settings, courtName: '义乌市人民法院' });
    const issued = await call(ws, 'documents:issue', subject);
    expect(issued.document).toMatchObject({ template: 'judicial-confirmation', subjectId: view.agreement.id, templateVersion: 2 });
    expect(issued.document.signed).toBeUndefined();
    const text = withoutPageNumbers(pdfText(keep('judicial-confirmation', pdfOf(issued))));
    expect(text).toContain('此致义乌市人民法院');
    expect(text).toContain('请求确认申请人张建国、李秀兰与义乌市顺达货运有限公司于2026年5月1日经义乌市人民调解委员会主持调解达成的调解协议');
    expect(text).toContain('已于2026年5月1日依法生效');
    expect(text).toContain('在调解协议生效之日起三十日内（至2026年5月31日届满）共同向你院申请司法确认');
    // both sides' addresses and phones, for the court to serve them
    const input = roadTrafficCaseInput();
    for (const p of input.parties) {
      expect(text).toContain(squash(p.address));
      expect(text).toContain(p.phone);
    }
    expect(text).toContain('1.人民调解协议书（编号：');
    expect(text).toContain('委托代理人吴晓东的授权委托书（由委托人签名或者盖章）及身份证明');
    expect(text).toContain('与调解协议相关的财产权利证明等证明材料');
  }, 60_000);
});

describe('when the signed original cannot be made at once', () => {
  it('the agreement still takes effect; issuing the agreement later makes the signed original and names it', async () => {
    const { record, view: approved } = await approvedAgreement();
    let view = await drawn(approved, applicant1, '张建国');
    // the stored signature image no longer matches its hash: it must not be printed as his
    const file = path.join(dir, 'cases', record.id, 'signatures', view.agreement.signatures[0]!.image!.file);
    const original = await readFile(file);
    await writeFile(file, seal);
    view = await onPaper(view, applicant2, 'paper_signed');
    view = await onPaper(view, respondent, 'paper_sealed');
    view = await drawn(view, admin.id, '周海燕');
    view = await call(ws, 'agreements:seal', { caseId: record.id, revision: view.agreement.revision });
    expect(view.agreement).toMatchObject({ status: 'effective', signedDocumentId: null });
    const subject = { caseId: record.id, template: 'agreement' as const, subjectId: view.agreement.id };
    expect(await callError(ws, 'documents:issue', subject)).toMatchObject({ code: 'STORE_CORRUPT', message: expect.stringContaining('申请人张建国的签名图片缺失或与签署时记录的不一致') });
    await writeFile(file, original);
    // Only inside a sealer's confirmed call does the seal key open: issuing the form plainly cannot sign it.
    expect(await callError(ws, 'documents:issue', subject)).toMatchObject({ code: 'NOT_ALLOWED', message: expect.stringContaining('输入本人密码解开中心签章密钥') });
    const after = await call(ws, 'agreements:issue-signed', { caseId: record.id });
    const issued = await call(ws, 'documents:read', { caseId: record.id, documentId: after.agreement.signedDocumentId! });
    expect(issued.document).toMatchObject({ signed: true, subjectId: view.agreement.id });
    expect(pdfsig(pdfOf(issued))).toContain('Signature is Valid.');
  }, 120_000);
});

describe('oral agreements (人民调解法 art. 28, 30)', () => {
  it('registered, it takes effect; a sealer then issues its 口头协议登记表, signed with the center certificate and named by the agreement', async () => {
    const record = await agreedCase();
    let view = await call(ws, 'agreements:create', { caseId: record.id, kind: 'oral' });
    const lump: AgreementItem = { ...(ITEMS[0] as Extract<AgreementItem, { type: 'payment' }>), id: crypto.randomUUID(), purpose: '赔偿电动自行车维修费', total: '1500', plan: 'lump', dueOn: '2026-05-01', instalments: [], method: '现金' };
    view = await save(view, { items: [lump] });
    const draft = pdfText(pdfOf(await call(ws, 'documents:preview', { caseId: record.id, template: 'oral-agreement', subjectId: view.agreement.id })));
    expect(draft).toContain('草稿');
    view = await call(ws, 'agreements:register-oral', { caseId: record.id, revision: view.agreement.revision });
    // Registering needs no seal key (a mediator registers): the signed form waits for a sealer's password.
    expect(view.agreement).toMatchObject({ status: 'effective', effectiveOn: '2026-05-01', signedDocumentId: null });
    view = await call(ws, 'agreements:issue-signed', { caseId: record.id });
    expect(view.agreement).toMatchObject({ signedDocumentId: expect.any(String) });
    const read = await call(ws, 'documents:read', { caseId: record.id, documentId: view.agreement.signedDocumentId! });
    expect(read.document).toMatchObject({ template: 'oral-agreement', subjectId: view.agreement.id, signed: true, title: '人民调解口头协议登记表' });
    const pdf = keep('oral-agreement', pdfOf(read));
    expect(pdfsig(pdf)).toContain('Signature is Valid.');
    expect(
      missingValues(pdf, [
        '人民调解口头协议登记表',
        '1.被申请人义乌市顺达货运有限公司于2026年5月1日前一次性向申请人张建国、李秀兰赔偿电动自行车维修费人民币壹仟伍佰元整（¥1,500.00），以现金方式支付。',
        '履行方式：现金，按本协议各项约定履行',
        '履行期限：按本协议各项约定的期限履行，最迟于2026年5月1日前全部履行完毕',
        '本口头协议自各方当事人达成之日（2026年5月1日）起生效',
        '人民调解员周海燕登记人叶晓敏',
      ]),
    ).toEqual([]);
    expect(pdfText(pdf)).not.toContain('草稿');
    expect(await callError(ws, 'documents:issue', { caseId: record.id, template: 'oral-agreement', subjectId: view.agreement.id })).toMatchObject({ code: 'NOT_ALLOWED' });
    expect(await callError(ws, 'documents:issue', { caseId: record.id, template: 'judicial-confirmation', subjectId: view.agreement.id })).toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining('所选的是口头协议') });
  }, 60_000);
});
