/**
 * The agreement of a case: drafted (prefilled from intake and the sessions), checked against the law, reviewed by a
 * legal advisor, signed at the desk or on paper, sealed, and then it takes effect (人民调解法 art. 29) — or, for an
 * oral agreement, registered and effective the day it was reached (art. 30). Then its performance is tracked.
 * The record is a file of its own (store.saveAgreement); the case keeps an AgreementSummary.
 */
import { randomUUID } from 'node:crypto';
import {
  AGREEMENT_SCHEMA_VERSION,
  AGREEMENT_STATUSES,
  type AgreementContent,
  type AgreementRecord,
  type AgreementSummary,
  CASE_STATUSES,
  type CaseRecord,
  PARTY_ROLES,
  PERFORMANCE_STATUSES,
  SIGNING_METHODS,
  type Signature,
  type Staff,
  blockingIssues,
  checkAgreement,
  clausePlainText,
  disputeTypeLabel,
  getCaseStatus,
  getCaseSummary,
  itemDueDates,
  renderClause,
  REVIEW_CONFLICT_MESSAGES,
  reviewConflict,
} from '../../shared/domain';
import { chinaDateOf } from '../../shared/format';
import { addDays } from '../../shared/validation/dates';
import type { AgreementView, Effectiveness, PerformanceInput, SignAgreementInput, SignatureImage, SignerSlot } from '../../shared/ipc/contract';
import { ApiFailure } from '../../shared/ipc/result';
import { approvedTextScans, conditionsOfEffect, isStaffSigner, paperSignatureCheck, signingMethods } from '../../shared/domain/signing';
import { decide } from '../../shared/policy/policy';
import { AgreementNotFoundError, type CaseAudit, type CaseUnit, RevisionConflictError } from '../storage/case-store';
import { inspectPng } from '../settings/png';
import type { Workstation } from './workstation';
import { sealingCertificate } from '../signing/sealing-certificate';
import { sha256Hex } from '../storage/sha256';
import { stampClock } from './clock-guard';
import { checkpointAfterSeal, checkpointFailed } from './checkpoints';

/** Hooks run when an agreement takes effect (the signed PDF is issued there); set by the documents module. */
export interface AgreementHooks {
  onEffective?: (ws: Workstation, record: CaseRecord, agreement: AgreementRecord, actor: Staff) => Promise<AgreementRecord>;
}
export const agreementHooks: AgreementHooks = {};

const CONFIRMATION_DAYS = 30;
const audit = (actor: Staff, action: string, detail: string): CaseAudit => ({ actorId: actor.id, actorName: actor.name, action, detail });

/** Who reviews and seals is the policy table's answer (dispatch asks it first; asked again here for direct callers). */
function assertTableAllows(method: 'agreements:review' | 'agreements:seal', actor: Staff): void {
  const refusal = decide(method, { roles: actor.roles });
  if (refusal) throw new ApiFailure('FORBIDDEN', refusal.message);
}

// ---------------------------------------------------------------------------------------------------------------
// Derived views
// ---------------------------------------------------------------------------------------------------------------

export function signerSlots(record: CaseRecord, agreement: AgreementRecord, staff: readonly Pick<Staff, 'id' | 'name'>[]): SignerSlot[] {
  const signed = (id: string) => agreement.signatures.find((s) => s.signerId === id) ?? null;
  const staffName = (id: string) => staff.find((s) => s.id === id)?.name ?? '（已停用人员）';
  const slots: SignerSlot[] = record.parties.map((p) => ({
    signerId: p.id,
    kind: 'party',
    label: `${PARTY_ROLES[p.role]}${p.name}`,
    name: p.name,
    required: true,
    organization: p.kind === 'organization',
    signature: signed(p.id),
  }));
  if (agreement.kind === 'written') {
    for (const a of record.agents) {
      const principal = record.parties.find((p) => p.id === a.principalId);
      slots.push({ signerId: a.id, kind: 'agent', label: `${principal ? `${PARTY_ROLES[principal.role]}${principal.name}的` : ''}委托代理人${a.name}`, name: a.name, required: false, organization: false, signature: signed(a.id) });
    }
  }
  for (const id of agreement.mediatorIds) slots.push({ signerId: id, kind: 'mediator', label: `人民调解员${staffName(id)}`, name: staffName(id), required: true, organization: false, signature: signed(id) });
  if (!agreement.mediatorIds.includes(agreement.recorderId)) {
    slots.push({ signerId: agreement.recorderId, kind: 'recorder', label: `记录人${staffName(agreement.recorderId)}`, name: staffName(agreement.recorderId), required: false, organization: false, signature: signed(agreement.recorderId) });
  }
  return slots;
}

/** Art. 29: every party signed, sealed or fingerprinted, the mediator signed, the committee seal on; the date is the last. */
export function effectivenessOf(agreement: AgreementRecord, slots: readonly SignerSlot[]): Effectiveness {
  if (agreement.kind === 'oral') {
    const effective = agreement.status === 'effective';
    return { effective, effectiveOn: agreement.effectiveOn, missing: effective ? [] : ['登记口头协议'], missingKeys: effective ? [] : ['oral-registration'] };
  }
  const { pending } = conditionsOfEffect(slots, agreement.seal !== null);
  const bySigner = new Map(slots.map((s) => [`signature:${s.signerId}`, s]));
  const missing = pending.map((key) => {
    const s = bySigner.get(key);
    return s ? `${s.label}${s.kind === 'party' ? (s.organization ? '盖章' : '签名或按指印') : '签名'}` : '人民调解委员会印章';
  });
  if (pending.length) return { effective: false, effectiveOn: null, missing, missingKeys: pending };
  const times = [...slots.filter((s) => s.required).map((s) => s.signature!.at), agreement.seal!.at].sort();
  return { effective: true, effectiveOn: chinaDateOf(times.at(-1)!), missing: [], missingKeys: [] };
}

function summaryOf(agreement: AgreementRecord): AgreementSummary {
  const done = new Set(agreement.performance.filter((p) => p.status === 'done').map((p) => `${p.itemId}/${p.instalment ?? ''}`));
  const open: string[] = [];
  for (const item of agreement.content.items) {
    const dates = itemDueDates(item);
    const instalments = item.type === 'payment' && item.plan === 'instalments';
    dates.forEach((d, k) => {
      if (d && !done.has(`${item.id}/${instalments ? k : ''}`)) open.push(d);
    });
  }
  return {
    id: agreement.id,
    kind: agreement.kind,
    number: agreement.number,
    status: agreement.status,
    effectiveOn: agreement.effectiveOn,
    confirmationDue: agreement.kind === 'written' && agreement.effectiveOn ? addDays(agreement.effectiveOn, CONFIRMATION_DAYS) : null,
    nextDueOn: agreement.status === 'effective' ? (open.sort()[0] ?? null) : null,
    scanAwaitedSince: agreement.signatures.filter((s) => s.paperReason).map((s) => s.at).sort().at(-1) ?? null,
  };
}

function toView(ws: Workstation, record: CaseRecord, agreement: AgreementRecord): AgreementView {
  const settings = ws.state.data.settings;
  const slots = signerSlots(record, agreement, ws.state.data.staff);
  return {
    agreement,
    caseNumber: record.caseNumber,
    caseTitle: getCaseSummary(record, disputeTypeLabel).title,
    caseStatus: getCaseStatus(record.actions),
    issues: checkAgreement(agreement, { record, today: ws.clock.today(), requirePerformancePlace: settings?.requirePerformancePlace ?? false }),
    clauses: agreement.content.items.map((item) => clausePlainText(renderClause(item, record.parties))),
    signers: slots,
    effectiveness: effectivenessOf(agreement, slots),
    sealConfigured: ws.state.data.images.seal !== null,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Loading and saving
// ---------------------------------------------------------------------------------------------------------------

async function load(ws: Workstation, caseId: string, revision?: number) {
  const record = await ws.cases.get(caseId);
  if (!record.agreement) throw new AgreementNotFoundError(caseId, '-');
  const agreement = await ws.cases.getAgreement(caseId, record.agreement.id);
  if (revision !== undefined && agreement.revision !== revision) throw new RevisionConflictError(agreement.id, revision, agreement.revision);
  return { record, agreement };
}

/**
 * Saves the agreement with the case's summary of it (and, on taking effect, the case's history): one unit of work,
 * both or neither.
 */
async function store(ws: Workstation, previous: AgreementRecord, next: AgreementRecord, actor: Staff, action: string, detail: string, files: CaseUnit['files'] = []): Promise<AgreementView> {
  const done = await ws.cases.commit(next.caseId, {
    files,
    parts: [{ kind: 'agreement', expectedRevision: previous.revision, record: { ...next, updatedAt: ws.clock.now().toISOString() }, audit: { ...audit(actor, action, detail), data: { kind: next.kind, status: next.status } } }],
    case: {
      expectedRevision: null,
      change: (c, { agreement: saved }) => {
        const reached = saved!.status === 'effective' && getCaseStatus(c.actions) === 'mediating';
        const actions = reached ? [...c.actions, { id: randomUUID(), type: 'AGREEMENT_REACHED' as const, at: ws.clock.now().toISOString(), by: actor.id, note: `调解协议于${saved!.effectiveOn}生效` }] : c.actions;
        return { ...c, updatedAt: ws.clock.now().toISOString(), agreement: summaryOf(saved!), actions };
      },
      audit: audit(actor, action, `调解协议：${AGREEMENT_STATUSES[next.status]}`),
    },
  });
  return toView(ws, done.record, done.agreement!);
}

const ALLOWED_CASE_STATUSES = ['mediating', 'agreed'] as const;

/**
 * Text prefilled from intake and the sessions (joint statements only, never a caucus): the summary as the facts;
 * the statements marked 争议焦点 (or else the parties' requests) as the disputed matters; the joint statements that
 * speak of responsibility (责任: 交警认定…负主要责任) as a start for 各方责任. All of it is edited by the advisor.
 */
async function prefill(ws: Workstation, record: CaseRecord): Promise<Pick<AgreementContent, 'facts' | 'disputedMatters' | 'responsibility'>> {
  const focus: string[] = [];
  const responsibility: string[] = [];
  for (const s of record.sessions.filter((x) => x.kind === 'session' && x.status === 'closed')) {
    const session = await ws.cases.getSession(record.id, s.id);
    for (const st of session.statements) {
      const text = st.text.trim();
      if (st.caucus !== null || !text) continue;
      if (st.marks.includes('focus')) focus.push(text);
      else if (/责任/.test(text)) responsibility.push(text);
    }
  }
  const requests = record.parties.filter((p) => p.requests.trim()).map((p) => `${PARTY_ROLES[p.role]}${p.name}请求：${p.requests.trim()}`);
  return { facts: record.dispute.summary, disputedMatters: (focus.length ? focus : requests).join('\n'), responsibility: responsibility.join('\n') };
}

// ---------------------------------------------------------------------------------------------------------------
// The steps
// ---------------------------------------------------------------------------------------------------------------

export async function createAgreement(ws: Workstation, input: { caseId: string; kind: AgreementRecord['kind'] }, actor: Staff): Promise<AgreementView> {
  const record = await ws.cases.get(input.caseId);
  const status = getCaseStatus(record.actions);
  if (!(ALLOWED_CASE_STATUSES as readonly string[]).includes(status)) throw new ApiFailure('NOT_ALLOWED', `案件当前状态为“${CASE_STATUSES[status]}”，不能起草调解协议`);
  if (record.agreement) throw new ApiFailure('NOT_ALLOWED', '本案已有调解协议，请打开继续编辑');
  const mediatorIds = record.assignment?.mediatorIds.length ? record.assignment.mediatorIds : [actor.id];
  const lastSession = [...record.sessions].reverse().find((s) => s.kind === 'session' && s.status === 'closed');
  const recorderId = lastSession ? (await ws.cases.getSession(record.id, lastSession.id)).recorderId : actor.id;
  const now = ws.clock.now().toISOString();
  const agreement: AgreementRecord = {
    schemaVersion: AGREEMENT_SCHEMA_VERSION,
    id: randomUUID(),
    caseId: record.id,
    kind: input.kind,
    number: record.caseNumber,
    status: 'draft',
    content: { ...(await prefill(ws, record)), items: [], breach: '', copies: record.parties.length + 1, place: record.assignment?.room ?? '', reachedOn: input.kind === 'oral' ? ws.clock.today() : '' },
    review: [],
    signatures: [],
    seal: null,
    effectiveOn: null,
    signedDocumentId: null,
    performance: [],
    mediatorIds,
    recorderId,
    revision: 0,
    createdAt: now,
    createdBy: actor.id,
    editors: [],
    updatedAt: now,
  };
  const done = await ws.cases.commit(record.id, {
    parts: [{ kind: 'agreement', expectedRevision: null, record: agreement, audit: audit(actor, 'agreements:create', `起草${input.kind === 'oral' ? '口头协议登记' : '人民调解协议书'}`) }],
    case: { expectedRevision: null, change: (c, { agreement: saved }) => ({ ...c, updatedAt: now, agreement: summaryOf(saved!) }), audit: audit(actor, 'agreements:create', '调解协议：草拟中') },
  });
  return toView(ws, done.record, done.agreement!);
}

export async function getAgreement(ws: Workstation, input: { caseId: string }): Promise<AgreementView> {
  const { record, agreement } = await load(ws, input.caseId);
  return toView(ws, record, agreement);
}

/** Drafting. A change after approval sends it back to review; once anyone has signed, the text is fixed. */
export async function saveAgreement(ws: Workstation, input: { caseId: string; revision: number; content: AgreementContent }, actor: Staff): Promise<AgreementView> {
  const { agreement } = await load(ws, input.caseId, input.revision);
  if (agreement.status === 'effective') throw new ApiFailure('NOT_ALLOWED', '调解协议已生效，内容不能再修改');
  if (agreement.signatures.length > 0 || agreement.seal) throw new ApiFailure('NOT_ALLOWED', '已有人签署或已盖章，协议内容不能再修改');
  const changed = JSON.stringify(agreement.content) !== JSON.stringify(input.content);
  const backToDraft = changed && (agreement.status === 'approved' || agreement.status === 'in_review');
  const review = backToDraft ? [...agreement.review, { type: 'reopened' as const, at: ws.clock.now().toISOString(), by: actor.id, comment: '审核后修改了协议内容，须重新审核' }] : agreement.review;
  // Who changed the text is kept: under 四眼审核 they may not approve it (reviewConflict).
  const editors = changed && !agreement.editors.includes(actor.id) ? [...agreement.editors, actor.id] : agreement.editors;
  const next: AgreementRecord = { ...agreement, content: input.content, status: backToDraft ? 'draft' : agreement.status, review, editors };
  return store(ws, agreement, next, actor, 'agreements:save', backToDraft ? '修改协议内容（已退回重新审核）' : `保存协议草稿（${input.content.items.length}项条款）`);
}

function assertNoErrors(ws: Workstation, record: CaseRecord, agreement: AgreementRecord, what: string): void {
  const errors = blockingIssues(checkAgreement(agreement, { record, today: ws.clock.today(), requirePerformancePlace: ws.state.data.settings?.requirePerformancePlace ?? false }));
  if (errors.length) {
    throw new ApiFailure(
      'INVALID_INPUT',
      `协议未通过法定内容检查，不能${what}：${errors.map((e) => e.message).join('；')}`,
      errors.map((e) => ({ code: 'INVALID_VALUE', path: e.path, message: e.message })),
    );
  }
}

export async function submitAgreement(ws: Workstation, input: { caseId: string; revision: number }, actor: Staff): Promise<AgreementView> {
  const { record, agreement } = await load(ws, input.caseId, input.revision);
  if (agreement.kind !== 'written') throw new ApiFailure('NOT_ALLOWED', '口头协议无需审核，请直接登记');
  if (agreement.status !== 'draft' && agreement.status !== 'returned') throw new ApiFailure('NOT_ALLOWED', `协议当前为“${AGREEMENT_STATUSES[agreement.status]}”，不能提交审核`);
  assertNoErrors(ws, record, agreement, '提交审核');
  const next: AgreementRecord = { ...agreement, status: 'in_review', review: [...agreement.review, { type: 'submitted', at: ws.clock.now().toISOString(), by: actor.id, comment: '' }] };
  return store(ws, agreement, next, actor, 'agreements:submit', '提交调解协议审核');
}

export async function reviewAgreement(ws: Workstation, input: { caseId: string; revision: number; decision: 'approved' | 'returned'; comment: string }, actor: Staff): Promise<AgreementView> {
  assertTableAllows('agreements:review', actor);
  const { record, agreement } = await load(ws, input.caseId, input.revision);
  if (agreement.status !== 'in_review') throw new ApiFailure('NOT_ALLOWED', `协议当前为“${AGREEMENT_STATUSES[agreement.status]}”，不在待审核状态`);
  if (input.decision === 'returned' && !input.comment.trim()) {
    throw new ApiFailure('INVALID_INPUT', '退回修改须写明意见', [{ code: 'REQUIRED', path: ['comment'], message: '退回修改须写明意见' }]);
  }
  if (input.decision === 'approved') {
    const conflict = reviewConflict(agreement, actor.id, ws.state.data.settings?.fourEyesReview ?? true);
    if (conflict) {
      const message = REVIEW_CONFLICT_MESSAGES[conflict];
      throw new ApiFailure('NOT_ALLOWED', message, [{ code: 'FOUR_EYES', path: ['decision'], message }]);
    }
    assertNoErrors(ws, record, agreement, '审核通过');
  }
  const next: AgreementRecord = {
    ...agreement,
    status: input.decision === 'approved' ? 'approved' : 'returned',
    review: [...agreement.review, { type: input.decision, at: ws.clock.now().toISOString(), by: actor.id, comment: input.comment }],
  };
  return store(ws, agreement, next, actor, 'agreements:review', input.decision === 'approved' ? '审核通过调解协议' : `退回修改：${input.comment}`);
}

/** After a signature or the seal: when everything art. 29 asks for is there, the agreement takes effect. */
async function afterSigning(ws: Workstation, record: CaseRecord, agreement: AgreementRecord, actor: Staff): Promise<AgreementRecord> {
  const state = effectivenessOf(agreement, signerSlots(record, agreement, ws.state.data.staff));
  if (!state.effective) return agreement;
  const effective: AgreementRecord = { ...agreement, status: 'effective', effectiveOn: state.effectiveOn };
  return agreementHooks.onEffective ? agreementHooks.onEffective(ws, record, effective, actor) : effective;
}

function decodeSignaturePng(pngBase64: string | null): Buffer {
  const fail = (message: string) => new ApiFailure('INVALID_INPUT', message, [{ code: 'INVALID_FILE', path: ['pngBase64'], message }]);
  if (!pngBase64) throw fail('请先在签名板上签名');
  const bytes = Buffer.from(pngBase64, 'base64');
  const info = inspectPng(bytes);
  if (!info.ok) throw fail('签名图片不是有效的PNG图片');
  if (info.value.width > 4000 || info.value.height > 2000) throw fail('签名图片尺寸过大');
  return bytes;
}

export async function signAgreement(ws: Workstation, input: SignAgreementInput, actor: Staff): Promise<AgreementView> {
  const { record, agreement } = await load(ws, input.caseId, input.revision);
  if (agreement.kind !== 'written') throw new ApiFailure('NOT_ALLOWED', '口头协议不需要当事人签署');
  if (agreement.status !== 'approved') throw new ApiFailure('NOT_ALLOWED', `协议当前为“${AGREEMENT_STATUSES[agreement.status]}”，审核通过后才能签署`);
  assertNoErrors(ws, record, agreement, '签署');
  const slot = signerSlots(record, agreement, ws.state.data.staff).find((s) => s.signerId === input.signerId);
  if (!slot) throw new ApiFailure('NOT_FOUND', '签署人不在本协议的签署栏中');
  if (slot.signature) throw new ApiFailure('NOT_ALLOWED', `${slot.label}已经签署`);
  if (!signingMethods(slot).includes(input.method)) {
    const how = slot.kind !== 'party' ? '须本人签名' : slot.organization ? '须在纸质协议上盖章' : '不能以盖章方式签署';
    throw new ApiFailure('INVALID_INPUT', `${slot.label}${how}`);
  }
  if (isStaffSigner(slot)) {
    // Staff sign for themselves: the mediator's signature is one of the conditions of effectiveness.
    if (input.signerId !== actor.id) throw new ApiFailure('FORBIDDEN', `请由${slot.name}本人登录后签名`);
  }
  // A signature (and the signed original it may complete) carries the clock's time: not while it reads behind.
  await stampClock(ws, '签署或盖章');
  const now = ws.clock.now().toISOString();
  let image: Signature['image'] = null;
  let strokes: Signature['strokes'] = null;
  const evidence: NonNullable<CaseUnit['files']>[number][] = [];
  if (input.method === 'drawn') {
    const png = decodeSignaturePng(input.pngBase64);
    if (!input.strokes || input.strokes.every((s) => s.points.length === 0)) throw new ApiFailure('INVALID_INPUT', '签名笔迹为空，请重新签名', [{ code: 'REQUIRED', path: ['strokes'], message: '签名笔迹为空，请重新签名' }]);
    const stem = randomUUID();
    const strokeBytes = Buffer.from(JSON.stringify({ signerId: slot.signerId, capturedAt: now, strokes: input.strokes }));
    // The evidence (write-once files) is stored with the record that names them (store: one unit of work).
    evidence.push({ area: 'signatures', name: `${stem}.png`, data: png }, { area: 'signatures', name: `${stem}.json`, data: strokeBytes });
    image = { file: `${stem}.png`, sha256: sha256Hex(png) };
    strokes = { file: `${stem}.json`, sha256: sha256Hex(strokeBytes) };
  } else if (input.pngBase64 || input.strokes) {
    throw new ApiFailure('INVALID_INPUT', '纸质签署不附签名图片');
  }
  // The paper is the evidence: registered on its scan, or on a recorded reason the scan comes later (then awaited).
  const paper = paperSignatureCheck(input.method, approvedTextScans(agreement, record.documents, record.attachments).length > 0, input.paperReason);
  if (!paper.ok) throw new ApiFailure('NOT_ALLOWED', paper.issue.message, [paper.issue]);
  const paperReason = paper.paperReason;
  const signature: Signature = { signerId: slot.signerId, kind: slot.kind, name: slot.label, method: input.method, at: now, takenBy: actor.id, image, strokes, paperReason };
  const signed = await afterSigning(ws, record, { ...agreement, signatures: [...agreement.signatures, signature] }, actor);
  const detail = `${slot.label}${SIGNING_METHODS[input.method]}${image ? `（签名图片SHA-256前12位 ${image.sha256.slice(0, 12)}）` : ''}${paperReason ? `（扫描件稍后上传：${paperReason}）` : ''}${signed.status === 'effective' ? `；协议于${signed.effectiveOn}生效` : ''}`;
  return store(ws, agreement, signed, actor, 'agreements:sign', detail, evidence);
}

export async function sealAgreement(ws: Workstation, input: { caseId: string; revision: number }, actor: Staff): Promise<AgreementView> {
  assertTableAllows('agreements:seal', actor);
  const { record, agreement } = await load(ws, input.caseId, input.revision);
  if (agreement.kind !== 'written') throw new ApiFailure('NOT_ALLOWED', '口头协议不加盖印章');
  if (agreement.status !== 'approved') throw new ApiFailure('NOT_ALLOWED', `协议当前为“${AGREEMENT_STATUSES[agreement.status]}”，审核通过后才能盖章`);
  if (agreement.seal) throw new ApiFailure('NOT_ALLOWED', '已加盖印章');
  if (!ws.state.data.images.seal) throw new ApiFailure('NOT_ALLOWED', '尚未设置人民调解委员会印章图片，请在“人员与设置”中上传', undefined, { missing: ['center.seal'] });
  assertNoErrors(ws, record, agreement, '盖章');
  await stampClock(ws, '签署或盖章');
  // The seal is the sealer's act: their password must open the seal key now (it signs the original if this seal
  // completes the agreement), else nothing is recorded.
  const cert = await sealingCertificate(ws);
  const sealed = await afterSigning(ws, record, { ...agreement, seal: { at: ws.clock.now().toISOString(), by: actor.id } }, actor);
  const view = await store(ws, agreement, sealed, actor, 'agreements:seal', `加盖人民调解委员会印章${sealed.status === 'effective' ? `；协议于${sealed.effectiveOn}生效` : ''}`);
  // The seal is done and recorded: a checkpoint that cannot be made now is said on 完整性凭证, never undoes the seal.
  await checkpointAfterSeal(ws, cert, actor).catch((error: unknown) => checkpointFailed(ws, error));
  return view;
}

/** Art. 30: an oral agreement takes effect the day it was reached; the mediator records it in the register. */
export async function registerOralAgreement(ws: Workstation, input: { caseId: string; revision: number }, actor: Staff): Promise<AgreementView> {
  const { record, agreement } = await load(ws, input.caseId, input.revision);
  if (agreement.kind !== 'oral') throw new ApiFailure('NOT_ALLOWED', '书面协议须审核、签署并盖章后生效');
  if (agreement.status === 'effective') throw new ApiFailure('NOT_ALLOWED', '口头协议已登记');
  assertNoErrors(ws, record, agreement, '登记');
  // Registering it issues the signed original (PAdES, with the clock's time).
  await stampClock(ws, '签署或盖章');
  let next: AgreementRecord = { ...agreement, status: 'effective', effectiveOn: agreement.content.reachedOn };
  if (agreementHooks.onEffective) next = await agreementHooks.onEffective(ws, record, next, actor);
  return store(ws, agreement, next, actor, 'agreements:register-oral', `登记口头协议，自${agreement.content.reachedOn}生效`);
}

/** 履行情况 of one obligation (or one instalment); the case's next due date follows. */
export async function recordPerformance(ws: Workstation, input: PerformanceInput, actor: Staff): Promise<AgreementView> {
  const { record, agreement } = await load(ws, input.caseId, input.revision);
  if (agreement.status !== 'effective') throw new ApiFailure('NOT_ALLOWED', '协议生效后才能记录履行情况');
  const index = agreement.content.items.findIndex((i) => i.id === input.itemId);
  const item = agreement.content.items[index];
  if (!item) throw new ApiFailure('NOT_FOUND', '未找到该协议条款');
  const instalments = item.type === 'payment' && item.plan === 'instalments' ? item.instalments.length : 0;
  if (input.instalment !== null && input.instalment >= instalments) throw new ApiFailure('INVALID_INPUT', '没有这一期');
  if (input.instalment === null && instalments > 0) throw new ApiFailure('INVALID_INPUT', '分期付款请按期记录履行情况');
  const entry = { itemId: item.id, instalment: input.instalment, status: input.status, note: input.note, updatedAt: ws.clock.now().toISOString(), updatedBy: actor.id };
  const performance = [...agreement.performance.filter((p) => !(p.itemId === item.id && p.instalment === input.instalment)), entry];
  const what = `第${index + 1}项${input.instalment !== null ? `第${input.instalment + 1}期` : ''}`;
  void record;
  return store(ws, agreement, { ...agreement, performance }, actor, 'agreements:performance', `履行情况：${what}${PERFORMANCE_STATUSES[input.status]}${input.note ? `（${input.note}）` : ''}`);
}

export async function readSignature(ws: Workstation, input: { caseId: string; signerId: string }): Promise<SignatureImage> {
  const { agreement } = await load(ws, input.caseId);
  const signature = agreement.signatures.find((s) => s.signerId === input.signerId);
  if (!signature?.image) throw new ApiFailure('NOT_FOUND', '没有该签署人的签名图片');
  const bytes = await ws.cases.getFile(input.caseId, 'signatures', signature.image.file);
  return { signature, pngBase64: bytes.toString('base64'), intact: sha256Hex(bytes) === signature.image.sha256 };
}
