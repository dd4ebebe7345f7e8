import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Workstation } from '../../../electron/main/services/workstation';
import type { AgreementContent, AgreementItem } from '../../../electron/shared/domain';
import type { AgreementView } from '../../../electron/shared/ipc/contract';
import { signaturesAwaitingScan } from '../../../electron/shared/domain/signing';
import { ROAD_TRAFFIC_IDS, roadTrafficCaseInput } from '../../fixtures/cases';
import { makePng } from '../../fixtures/png';
import { call, callError, makeTempDir, openWorkstation, removeDir, setUp, addStaff, approveAsReviewer, signInAs } from '../../fixtures/workstation';

let dir = '';
let ws: Workstation;
let admin: Awaited<ReturnType<typeof setUp>>;

beforeEach(async () => {
  dir = await makeTempDir();
  ws = await openWorkstation(dir);
  admin = await setUp(ws);
});
afterEach(async () => {
  await ws.close();
  await removeDir(dir);
});

/** A road-traffic case whose first session ended 达成协议, with a focus statement to prefill from. */
async function agreedCase() {
  const created = await call(ws, 'cases:create', roadTrafficCaseInput());
  await call(ws, 'cases:accept', { id: created.id, revision: created.revision, mediatorIds: [admin.id], room: '交通事故调解室', mediationDue: '2026-05-31', note: '' });
  const scheduled = await call(ws, 'sessions:schedule', { caseId: created.id, plan: { kind: 'session', scheduledAt: '2026-05-01T14:00:00+08:00', place: '交通事故调解室', purpose: '', mediatorIds: [admin.id], recorderId: admin.id, subject: null } });
  const opened = await call(ws, 'sessions:open', { caseId: created.id, sessionId: scheduled.session.id, revision: scheduled.session.revision });
  const attendees = opened.session.attendees.map((a) => ({ ...a, presence: 'present' as const }));
  const statements = [
    { id: crypto.randomUUID(), speakerId: admin.id, kind: 'question' as const, text: '双方争议焦点是误工费和精神损害抚慰金的数额。', startedAt: '2026-05-01T06:05:00.000Z', marks: ['focus' as const], caucus: null },
    { id: crypto.randomUUID(), speakerId: ROAD_TRAFFIC_IDS.respondent, kind: 'answer' as const, text: '背对背：公司最多出九万。', startedAt: '2026-05-01T06:10:00.000Z', marks: ['focus' as const], caucus: 'respondent' as const },
    { id: crypto.randomUUID(), speakerId: ROAD_TRAFFIC_IDS.respondent, kind: 'answer' as const, text: '交警认定我方驾驶员负事故主要责任，我方没有异议。', startedAt: '2026-05-01T06:12:00.000Z', marks: [], caucus: null },
    { id: crypto.randomUUID(), speakerId: ROAD_TRAFFIC_IDS.respondent, kind: 'answer' as const, text: '背对背：其实我们也有责任。', startedAt: '2026-05-01T06:14:00.000Z', marks: [], caucus: 'respondent' as const },
  ];
  await call(ws, 'sessions:close', { caseId: created.id, sessionId: opened.session.id, revision: opened.session.revision, content: { attendees, statements }, outcome: { type: 'agreement', note: '' } });
  return created;
}

const payment = (over: Partial<Extract<AgreementItem, { type: 'payment' }>> = {}): AgreementItem => ({
  id: crypto.randomUUID(),
  type: 'payment',
  payerIds: [ROAD_TRAFFIC_IDS.respondent],
  payeeIds: [ROAD_TRAFFIC_IDS.applicant1, ROAD_TRAFFIC_IDS.applicant2],
  purpose: '赔偿',
  total: '86500',
  plan: 'instalments',
  dueOn: '',
  instalments: [
    { amount: '50000', dueOn: '2026-05-15' },
    { amount: '36500', dueOn: '2026-06-15' },
  ],
  method: '银行转账',
  place: '',
  ...over,
});

async function save(view: AgreementView, content: Partial<AgreementContent>) {
  return call(ws, 'agreements:save', { caseId: view.agreement.caseId, revision: view.agreement.revision, content: { ...view.agreement.content, ...content } });
}

async function setSeal() {
  await call(ws, 'settings:set-image', { kind: 'seal', pngBase64: makePng(64).toString('base64') });
}

const strokes = [{ points: [{ x: 10, y: 10, time: 1 }, { x: 60, y: 30, time: 20 }] }];
const drawn = (view: AgreementView, signerId: string) =>
  call(ws, 'agreements:sign', { caseId: view.agreement.caseId, revision: view.agreement.revision, signerId, method: 'drawn', pngBase64: makePng(40).toString('base64'), strokes });

/** The approved text issued as a version (打印供手写签署) and the scan of the signed copy filed against it. */
async function uploadScan(caseId: string, agreementId: string) {
  const issued = await call(ws, 'documents:issue', { caseId, template: 'agreement', subjectId: agreementId });
  return call(ws, 'attachments:add', { caseId, sessionId: null, statementId: null, documentId: issued.document.id, category: 'signed', label: '签署后的协议扫描件', mimeType: 'image/png', base64: makePng(40).toString('base64') });
}

describe('drafting', () => {
  it('a draft is prefilled from intake and the joint sessions (never a caucus statement), with copies = parties + 1', async () => {
    const created = await agreedCase();
    const view = await call(ws, 'agreements:create', { caseId: created.id, kind: 'written' });
    expect(view.agreement).toMatchObject({ status: 'draft', number: created.caseNumber, mediatorIds: [admin.id], recorderId: admin.id });
    expect(view.agreement.content.facts).toBe(roadTrafficCaseInput().dispute.summary);
    expect(view.agreement.content.disputedMatters).toBe('双方争议焦点是误工费和精神损害抚慰金的数额。');
    expect(view.agreement.content.responsibility).toBe('交警认定我方驾驶员负事故主要责任，我方没有异议。');
    expect(view.agreement.content.copies).toBe(4);
    expect(view.signers.map((s) => [s.kind, s.required])).toEqual([
      ['party', true],
      ['party', true],
      ['party', true],
      ['agent', false],
      ['mediator', true],
    ]);
    expect((await call(ws, 'cases:get', { id: created.id })).record.agreement).toMatchObject({ status: 'draft', effectiveOn: null });
    expect(await callError(ws, 'agreements:create', { caseId: created.id, kind: 'written' })).toMatchObject({ code: 'NOT_ALLOWED' });
  });

  it('the legal check names a missing due date, instalments that do not add up, too few copies; each at its item', async () => {
    const created = await agreedCase();
    let view = await call(ws, 'agreements:create', { caseId: created.id, kind: 'written' });
    expect(view.issues.map((i) => i.code)).toContain('NO_ITEMS');
    view = await save(view, { items: [payment({ instalments: [{ amount: '50000', dueOn: '2026-05-15' }, { amount: '30000', dueOn: '' }] })], copies: 2 });
    const errors = view.issues.filter((i) => i.severity === 'error');
    expect(errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ code: 'NO_DEADLINE', path: ['content', 'items', 0, 'instalments', 1, 'dueOn'], message: '第1项：第2期缺少履行期限' }),
        expect.objectContaining({ code: 'INSTALMENTS_SUM', message: expect.stringContaining('与总额86500.00元不一致') }),
        expect.objectContaining({ code: 'COPIES_TOO_FEW' }),
      ]),
    );
    const refused = await callError(ws, 'agreements:submit', { caseId: created.id, revision: view.agreement.revision });
    expect(refused.code).toBe('INVALID_INPUT');
    expect(refused.message).toMatch(/第2期缺少履行期限/);
    view = await save(view, { items: [payment()], copies: 4 });
    expect(view.issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(view.clauses[0]).toBe(
      '被申请人义乌市顺达货运有限公司向申请人张建国、李秀兰赔偿共计人民币捌万陆仟伍佰元整（¥86,500.00），分两期支付：第一期于2026年5月15日前支付人民币伍万元整（¥50,000.00）；第二期于2026年6月15日前支付人民币叁万陆仟伍佰元整（¥36,500.00）。以上款项以银行转账方式支付。',
    );
  });

  it('content a court will not confirm is warned about, not blocked', async () => {
    const created = await agreedCase();
    let view = await call(ws, 'agreements:create', { caseId: created.id, kind: 'written' });
    view = await save(view, { items: [payment(), { id: crypto.randomUUID(), type: 'free', text: '确认涉案车辆所有权归申请人张建国。', obligorIds: [], dueOn: '', manner: '', place: '' }] });
    expect(view.issues).toEqual([expect.objectContaining({ code: 'NOT_CONFIRMABLE', severity: 'warning', message: expect.stringContaining('物权确认') })]);
  });
});

describe('review, signing and effect (art. 29)', () => {
  async function approved() {
    const created = await agreedCase();
    let view = await call(ws, 'agreements:create', { caseId: created.id, kind: 'written' });
    view = await save(view, { items: [payment()] });
    view = await call(ws, 'agreements:submit', { caseId: created.id, revision: view.agreement.revision });
    expect(view.agreement.status).toBe('in_review');
    const returned = await callError(ws, 'agreements:review', { caseId: created.id, revision: view.agreement.revision, decision: 'returned', comment: '' });
    expect(returned.issues?.[0]).toMatchObject({ path: ['comment'] });
    view = await approveAsReviewer(ws, created.id, view.agreement.revision);
    expect(view.agreement.status).toBe('approved');
    return { created, view };
  }

  it('a change after approval sends it back to review', async () => {
    const { view } = await approved();
    const changed = await save(view, { breach: '逾期付款的，按未付金额每日万分之五支付违约金。' });
    expect(changed.agreement.status).toBe('draft');
    expect(changed.agreement.review.at(-1)).toMatchObject({ type: 'reopened' });
  });

  it('each signer signs only in the ways the shared rule gives them: an organisation seals on paper, a person does not seal, staff sign by hand', async () => {
    const { created, view } = await approved();
    const sign = (signerId: string, method: string) => callError(ws, 'agreements:sign', { caseId: created.id, revision: view.agreement.revision, signerId, method, pngBase64: null, strokes: null } as never);
    expect(await sign(ROAD_TRAFFIC_IDS.respondent, 'paper_signed')).toMatchObject({ code: 'INVALID_INPUT', message: '被申请人义乌市顺达货运有限公司须在纸质协议上盖章' });
    expect(await sign(ROAD_TRAFFIC_IDS.applicant1, 'paper_sealed')).toMatchObject({ code: 'INVALID_INPUT', message: '申请人张建国不能以盖章方式签署' });
    expect(await sign(admin.id, 'paper_fingerprint')).toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining('须本人签名') });
    expect((await call(ws, 'agreements:get', { caseId: created.id })).agreement.signatures).toEqual([]);
  });

  it('every party, the mediator and the seal: effective on the date of the last; judicial confirmation due 30 days later', async () => {
    const { created } = await approved();
    let view = await call(ws, 'agreements:get', { caseId: created.id });
    expect(await callError(ws, 'agreements:seal', { caseId: created.id, revision: view.agreement.revision })).toMatchObject({ code: 'NOT_ALLOWED', message: expect.stringContaining('尚未设置') });
    await setSeal();
    view = await drawn(view, ROAD_TRAFFIC_IDS.applicant1);
    // Paper signatures are registered on the scan of the signed printed copy (see the paper-scan test for a reason instead).
    await uploadScan(created.id, view.agreement.id);
    view = await call(ws, 'agreements:sign', { caseId: created.id, revision: view.agreement.revision, signerId: ROAD_TRAFFIC_IDS.applicant2, method: 'paper_fingerprint', pngBase64: null, strokes: null });
    view = await call(ws, 'agreements:sign', { caseId: created.id, revision: view.agreement.revision, signerId: ROAD_TRAFFIC_IDS.respondent, method: 'paper_sealed', pngBase64: null, strokes: null });
    expect(view.effectiveness).toEqual({ effective: false, effectiveOn: null, missing: ['人民调解员周海燕签名', '人民调解委员会印章'], missingKeys: [`signature:${admin.id}`, 'seal'] });
    view = await drawn(view, admin.id);
    view = await call(ws, 'agreements:seal', { caseId: created.id, revision: view.agreement.revision });
    expect(view.agreement).toMatchObject({ status: 'effective', effectiveOn: '2026-05-01' });
    expect(view.effectiveness.effective).toBe(true);
    const record = (await call(ws, 'cases:get', { id: created.id })).record;
    expect(record.agreement).toMatchObject({ status: 'effective', effectiveOn: '2026-05-01', confirmationDue: '2026-05-31', nextDueOn: '2026-05-15' });
    // The seal is followed by a 数据完整性凭证 (the day's first reads every chain, in the background).
    let checkpoints = await call(ws, 'integrity:checkpoints');
    while (checkpoints.running) checkpoints = await new Promise((r) => setTimeout(r, 10)).then(() => call(ws, 'integrity:checkpoints'));
    expect(checkpoints.checkpoints[0]).toMatchObject({ number: 1, reason: 'seal', by: { id: admin.id } });
    // The drawn signature is kept as evidence: the image and its strokes, both hashed.
    const image = await call(ws, 'agreements:signature', { caseId: created.id, signerId: ROAD_TRAFFIC_IDS.applicant1 });
    expect(image).toMatchObject({ intact: true, signature: { method: 'drawn', image: { sha256: expect.any(String) }, strokes: { sha256: expect.any(String) } } });
    const audit = await call(ws, 'cases:audit', { id: created.id });
    expect(audit.filter((e) => e.action === 'agreements:sign').map((e) => e.detail)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^申请人张建国屏幕签名（签名图片SHA-256前12位 [0-9a-f]{12}）$/), '申请人李秀兰纸质按指印']),
    );
    // Performance: the first instalment paid moves the next due date on.
    const item = view.agreement.content.items[0]!;
    view = await call(ws, 'agreements:performance', { caseId: created.id, revision: view.agreement.revision, itemId: item.id, instalment: 0, status: 'done', note: '已转账' });
    expect((await call(ws, 'cases:get', { id: created.id })).record.agreement?.nextDueOn).toBe('2026-06-15');
  });

  it('a paper signature (盖章, 签名, 指印) is registered only on an uploaded scan of the printed approved text, or with a reason; with a reason it is awaited until a scan comes in', async () => {
    const { created } = await approved();
    let view = await call(ws, 'agreements:get', { caseId: created.id });
    const paper = (signerId: string, method: 'paper_sealed' | 'paper_fingerprint', paperReason?: string) =>
      ({ caseId: created.id, revision: view.agreement.revision, signerId, method, pngBase64: null, strokes: null, ...(paperReason === undefined ? {} : { paperReason }) });
    for (const reason of [undefined, '   ']) {
      const refused = await callError(ws, 'agreements:sign', paper(ROAD_TRAFFIC_IDS.respondent, 'paper_sealed', reason));
      expect(refused).toMatchObject({ code: 'NOT_ALLOWED', issues: [{ code: 'PAPER_SCAN_MISSING', path: ['paperReason'], message: '尚未上传签署后的纸质协议扫描件：请先上传扫描件，或填写扫描件稍后上传的原因' }] });
    }
    expect((await call(ws, 'agreements:get', { caseId: created.id })).agreement.signatures).toEqual([]);
    // With a reason: registered, kept on the signature and in the audit, and awaited.
    view = await call(ws, 'agreements:sign', paper(ROAD_TRAFFIC_IDS.respondent, 'paper_sealed', '扫描仪故障'));
    expect(view.agreement.signatures[0]).toMatchObject({ method: 'paper_sealed', paperReason: '扫描仪故障' });
    expect(signaturesAwaitingScan(view.agreement, [], []).map((x) => x.signerId)).toEqual([ROAD_TRAFFIC_IDS.respondent]);
    // The desk reminds of the scan still to come, counted from the day the paper was signed.
    const paperScans = async () => (await call(ws, 'desk:today')).reminders.filter((r) => r.kind === 'paper-scan').map((r) => ({ id: r.item.id, daysLeft: r.daysLeft }));
    expect(await paperScans()).toEqual([{ id: created.id, daysLeft: 0 }]);
    const audit = await call(ws, 'cases:audit', { id: created.id });
    expect(audit.filter((e) => e.action === 'agreements:sign').map((e) => e.detail)).toEqual(expect.arrayContaining([expect.stringContaining('纸质盖章（扫描件稍后上传：扫描仪故障）')]));
    // The scan of the printed version: awaited no more, and the next paper signature needs no reason.
    await uploadScan(created.id, view.agreement.id);
    let record = (await call(ws, 'cases:get', { id: created.id })).record;
    expect(signaturesAwaitingScan(view.agreement, record.documents, record.attachments)).toEqual([]);
    expect(await paperScans()).toEqual([]);
    view = await call(ws, 'agreements:sign', paper(ROAD_TRAFFIC_IDS.applicant2, 'paper_fingerprint'));
    expect(view.agreement.signatures.at(-1)).toMatchObject({ method: 'paper_fingerprint', paperReason: null });
    record = (await call(ws, 'cases:get', { id: created.id })).record;
    expect(signaturesAwaitingScan(view.agreement, record.documents, record.attachments)).toEqual([]);
  });

  it('nobody signs before approval, nobody twice, and staff sign only for themselves', async () => {
    const created = await agreedCase();
    let view = await call(ws, 'agreements:create', { caseId: created.id, kind: 'written' });
    view = await save(view, { items: [payment()] });
    expect(await callError(ws, 'agreements:sign', { caseId: created.id, revision: view.agreement.revision, signerId: ROAD_TRAFFIC_IDS.applicant1, method: 'paper_signed', pngBase64: null, strokes: null })).toMatchObject({ code: 'NOT_ALLOWED' });
    ({ view } = await (async () => {
      view = await call(ws, 'agreements:submit', { caseId: created.id, revision: view.agreement.revision });
      view = await approveAsReviewer(ws, created.id, view.agreement.revision);
      return { view };
    })());
    view = await drawn(view, ROAD_TRAFFIC_IDS.applicant1);
    expect(await callError(ws, 'agreements:sign', { caseId: created.id, revision: view.agreement.revision, signerId: ROAD_TRAFFIC_IDS.applicant1, method: 'paper_signed', pngBase64: null, strokes: null })).toMatchObject({ code: 'NOT_ALLOWED' });
    const other = await addStaff(ws, { name: '王志强', roles: ['mediator'] });
    expect(await callError(ws, 'agreements:sign', { caseId: created.id, revision: view.agreement.revision, signerId: other.id, method: 'drawn', pngBase64: makePng(40).toString('base64'), strokes })).toMatchObject({ code: 'FORBIDDEN', refusal: { rule: 'self-signer' } });
    const empty = await callError(ws, 'agreements:sign', { caseId: created.id, revision: view.agreement.revision, signerId: ROAD_TRAFFIC_IDS.applicant2, method: 'drawn', pngBase64: makePng(40).toString('base64'), strokes: [] });
    expect(empty.issues?.[0]).toMatchObject({ path: ['strokes'] });
    expect(await callError(ws, 'agreements:save', { caseId: created.id, revision: view.agreement.revision, content: { ...view.agreement.content, breach: '改' } })).toMatchObject({ code: 'NOT_ALLOWED' });
  });
});

describe('oral agreements (art. 28/30)', () => {
  it('registered, effective the day reached, no review or signatures', async () => {
    const created = await agreedCase();
    let view = await call(ws, 'agreements:create', { caseId: created.id, kind: 'oral' });
    expect(view.agreement.content.reachedOn).toBe('2026-05-01');
    view = await save(view, { items: [payment({ plan: 'lump', dueOn: '2026-05-01', instalments: [], method: '现金' })] });
    expect(await callError(ws, 'agreements:submit', { caseId: created.id, revision: view.agreement.revision })).toMatchObject({ code: 'NOT_ALLOWED' });
    view = await call(ws, 'agreements:register-oral', { caseId: created.id, revision: view.agreement.revision });
    expect(view.agreement).toMatchObject({ status: 'effective', effectiveOn: '2026-05-01' });
    expect((await call(ws, 'cases:get', { id: created.id })).record.agreement).toMatchObject({ kind: 'oral', confirmationDue: null });
  });
});

describe('reminders on the desk', () => {
  it('an obligation due within a week is on the desk until it is performed', async () => {
    const created = await agreedCase();
    let view = await call(ws, 'agreements:create', { caseId: created.id, kind: 'oral' });
    view = await save(view, { items: [payment({ plan: 'lump', dueOn: '2026-05-05', instalments: [], method: '现金' })] });
    view = await call(ws, 'agreements:register-oral', { caseId: created.id, revision: view.agreement.revision });
    const desk = await call(ws, 'desk:today');
    expect(desk.reminders).toEqual([expect.objectContaining({ kind: 'performance', due: '2026-05-05', daysLeft: 4, item: expect.objectContaining({ id: created.id }) })]);
    await call(ws, 'agreements:performance', { caseId: created.id, revision: view.agreement.revision, itemId: view.agreement.content.items[0]!.id, instalment: null, status: 'done', note: '' });
    expect((await call(ws, 'desk:today')).reminders).toEqual([]);
  });
});

describe('四眼审核: the drafter does not approve her own agreement', () => {
  async function submitted() {
    const created = await agreedCase();
    let view = await call(ws, 'agreements:create', { caseId: created.id, kind: 'written' });
    view = await save(view, { items: [payment()] });
    view = await call(ws, 'agreements:submit', { caseId: created.id, revision: view.agreement.revision });
    return { created, view };
  }

  it('is on by default: the administrator who drafted and submitted may not approve, a second advisor may', async () => {
    expect((await call(ws, 'settings:get'))!.fourEyesReview).toBe(true);
    const { created, view } = await submitted();
    const refused = await callError(ws, 'agreements:review', { caseId: created.id, revision: view.agreement.revision, decision: 'approved', comment: '' });
    expect(refused).toMatchObject({ code: 'NOT_ALLOWED', issues: [{ code: 'FOUR_EYES', path: ['decision'] }] });
    expect(refused.message).toBe('本协议由您起草，按中心“四眼审核”设置须由其他法律顾问审核通过');
    // She may still send it back (returning is no approval).
    const returned = await call(ws, 'agreements:review', { caseId: created.id, revision: view.agreement.revision, decision: 'returned', comment: '请补充履行地点' });
    expect(returned.agreement.status).toBe('returned');
    const again = await call(ws, 'agreements:submit', { caseId: created.id, revision: returned.agreement.revision });
    expect((await approveAsReviewer(ws, created.id, again.agreement.revision)).agreement.status).toBe('approved');
  });

  it('someone who changed the text may not approve it either, though she did not create or submit it', async () => {
    const created = await agreedCase();
    const other = await addStaff(ws, { name: '钱法顾', roles: ['legal_advisor', 'mediator'], loginName: 'qianfg' });
    await signInAs(ws, 'qianfg', 'desk-2');
    let view = await call(ws, 'agreements:create', { caseId: created.id, kind: 'written' });
    view = await call(ws, 'agreements:save', { caseId: created.id, revision: view.agreement.revision, content: { ...view.agreement.content, items: [payment()] } }, 'desk-2');
    expect(view.agreement.editors).toEqual([other.id]);
    view = await call(ws, 'agreements:submit', { caseId: created.id, revision: view.agreement.revision });
    const refused = await callError(ws, 'agreements:review', { caseId: created.id, revision: view.agreement.revision, decision: 'approved', comment: '' }, 'desk-2');
    expect(refused).toMatchObject({ code: 'NOT_ALLOWED', issues: [{ code: 'FOUR_EYES' }] });
    expect(refused.message).toContain('您修改过本协议的内容');
  });

  it('turned off (a one-person committee), the drafter approves her own agreement', async () => {
    const settings = (await call(ws, 'settings:get'))!;
    await call(ws, 'settings:update', { ...settings, fourEyesReview: false });
    const { created, view } = await submitted();
    const approved = await call(ws, 'agreements:review', { caseId: created.id, revision: view.agreement.revision, decision: 'approved', comment: '' });
    expect(approved.agreement.status).toBe('approved');
  });

  it('a settings file from before the setting reads it as on', async () => {
    await ws.close();
    const file = path.join(dir, 'workstation.json');
    const doc = JSON.parse(await readFile(file, 'utf8'));
    delete doc.settings.fourEyesReview;
    await writeFile(file, JSON.stringify(doc));
    ws = await openWorkstation(dir);
    expect(ws.state.data.settings?.fourEyesReview).toBe(true);
    expect(ws.problems()).toEqual([]);
  });
});
