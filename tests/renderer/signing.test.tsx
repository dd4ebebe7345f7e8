// @vitest-environment jsdom
import type { ReactNode } from 'react';
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AgreementRecord, Signature } from '../../electron/shared/domain/agreement';
import type { CaseRecord } from '../../electron/shared/domain/case';
import type { DocumentVersion } from '../../electron/shared/domain/document';
import type { AgreementView, SignerSlot } from '../../electron/shared/ipc/contract';
import type { Staff } from '../../electron/shared/domain/staff';
import { Providers } from '../../renderer/src/app/Providers';
import { RouterProvider, useRouter } from '../../renderer/src/app/router';
import { SessionProvider } from '../../renderer/src/app/session';
import { SigningPage } from '../../renderer/src/features/agreements/signing/SigningPage';
import { agreementScans, currentPaperVersion } from '../../renderer/src/features/agreements/signing/paper-versions';
import { dataUrlToBase64, inkBounds, strokesForApi } from '../../renderer/src/features/agreements/signing/signature-capture';
import { canSeal, canTake, methodsFor, nextSigner, progressOf } from '../../renderer/src/features/agreements/signing/signer-order';
import { INFO, STAFF, fakeWorkstation, stubBrowserApis, testCaseRecord } from './harness';

// pdf.js cannot draw in jsdom: a stand-in shows which PDF it was given.
vi.mock('../../renderer/src/components/PdfViewer', () => ({
  PdfViewer: ({ pdfBase64, label, actions }: { pdfBase64: string; label: string; actions?: ReactNode }) => (
    <div data-testid="pdf-viewer" data-pdf={pdfBase64} aria-label={label}>
      {actions}
    </div>
  ),
}));

// jsdom has no canvas: a stand-in signature_pad whose ink the test decides.
const pad = vi.hoisted(() => ({
  ink: [] as { points: { x: number; y: number; time: number; pressure: number }[] }[],
  listeners: new Map<string, () => void>(),
}));
vi.mock('signature_pad', () => ({
  default: class FakeSignaturePad {
    addEventListener(type: string, fn: () => void) {
      pad.listeners.set(type, fn);
    }
    removeEventListener(type: string) {
      pad.listeners.delete(type);
    }
    off() {}
    clear() {
      pad.ink = [];
    }
    isEmpty() {
      return pad.ink.length === 0;
    }
    toData() {
      return pad.ink.map((s) => ({ penColor: '#101828', dotSize: 0, minWidth: 1.2, maxWidth: 3.4, velocityFilterWeight: 0.6, compositeOperation: 'source-over', points: s.points }));
    }
    fromData() {}
  },
}));

/** Writes on the stand-in pad and tells the component, as signature_pad does at the end of a stroke. */
function write() {
  pad.ink = [{ points: [{ x: 10, y: 20, time: 1, pressure: 0.5 }, { x: 60, y: 40, time: 30, pressure: 0.5 }] }];
  act(() => pad.listeners.get('endStroke')?.());
}

const PNG_URL = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUg==';
beforeAll(() => {
  stubBrowserApis();
  URL.createObjectURL = vi.fn(() => 'blob:test-pdf');
  URL.revokeObjectURL = vi.fn();
  HTMLCanvasElement.prototype.getContext = (() => null) as unknown as HTMLCanvasElement['getContext'];
  HTMLCanvasElement.prototype.toDataURL = () => PNG_URL;
});
beforeEach(() => {
  pad.ink = [];
  pad.listeners.clear();
});
afterEach(cleanup);

const ok = <T,>(value: T) => ({ ok: true as const, value });

const CASE_ID = '0b4c1a9e-1111-4222-8333-944455556666';
const AGREEMENT_ID = 'a0a0a0a0-1111-4111-8111-111111111111';
const P1 = 'a1a1a1a1-0000-4000-8000-000000000001';
const P2 = 'b2b2b2b2-0000-4000-8000-000000000002';
const ORG = 'c3c3c3c3-0000-4000-8000-000000000003';
const AGENT = 'd4d4d4d4-0000-4000-8000-000000000004';
const OTHER_MEDIATOR = 'e5e5e5e5-0000-4000-8000-000000000005';
/** The seal is applied by 法律顾问 or 中心负责人 (the policy table); the harness's 王建国 is 中心管理员 and 登记员. */
const SEALER: Staff = { ...STAFF, roles: ['head', 'mediator'] };

function slot(over: Partial<SignerSlot> & Pick<SignerSlot, 'signerId' | 'label' | 'name'>): SignerSlot {
  return { kind: 'party', required: true, organization: false, signature: null, ...over };
}

function signature(signerId: string, method: Signature['method'], over: Partial<Signature> = {}): Signature {
  const drawn = method === 'drawn';
  return {
    signerId,
    kind: 'party',
    name: '申请人张建国',
    method,
    at: '2026-11-25T02:00:00.000Z',
    takenBy: STAFF.id,
    image: drawn ? { file: 'abc.png', sha256: 'a'.repeat(64) } : null,
    strokes: drawn ? { file: 'abc.json', sha256: 'b'.repeat(64) } : null,
    paperReason: null,
    ...over,
  };
}

function agreement(over: Partial<AgreementRecord> = {}): AgreementRecord {
  return {
    schemaVersion: 1,
    id: AGREEMENT_ID,
    caseId: CASE_ID,
    kind: 'written',
    number: '（2026）青调字第0001号',
    status: 'approved',
    content: { facts: '事实', disputedMatters: '', responsibility: '', items: [], breach: '', copies: 4, place: '', reachedOn: '' },
    review: [
      { type: 'submitted', at: '2026-11-25T01:00:00.000Z', by: STAFF.id, comment: '' },
      { type: 'approved', at: '2026-11-25T01:10:00.000Z', by: STAFF.id, comment: '' },
    ],
    signatures: [],
    seal: null,
    effectiveOn: null,
    signedDocumentId: null,
    performance: [],
    mediatorIds: [STAFF.id],
    recorderId: OTHER_MEDIATOR,
    revision: 7,
    createdAt: '2026-11-25T00:00:00.000Z',
    createdBy: STAFF.id,
    editors: [],
    updatedAt: '2026-11-25T01:10:00.000Z',
    ...over,
  };
}

const SIGNERS: SignerSlot[] = [
  slot({ signerId: P1, label: '申请人张建国', name: '张建国' }),
  slot({ signerId: P2, label: '申请人李秀兰', name: '李秀兰' }),
  slot({ signerId: ORG, label: '被申请人义乌市顺达货运有限公司', name: '义乌市顺达货运有限公司', organization: true }),
  slot({ signerId: AGENT, kind: 'agent', label: '申请人张建国的委托代理人吴晓东', name: '吴晓东', required: false }),
  slot({ signerId: STAFF.id, kind: 'mediator', label: `人民调解员${STAFF.name}`, name: STAFF.name }),
  slot({ signerId: OTHER_MEDIATOR, kind: 'recorder', label: '记录人李娜', name: '李娜', required: false }),
];

function view(over: Partial<AgreementView> = {}, agreementOver: Partial<AgreementRecord> = {}): AgreementView {
  return {
    agreement: agreement(agreementOver),
    caseNumber: '（2026）青调字第0001号',
    caseTitle: '张建国、李秀兰与义乌市顺达货运有限公司道路交通事故纠纷',
    caseStatus: 'mediating',
    issues: [],
    clauses: [],
    signers: SIGNERS,
    effectiveness: {
      effective: false,
      effectiveOn: null,
      missing: ['申请人张建国签名或按指印', '申请人李秀兰签名或按指印', '被申请人义乌市顺达货运有限公司盖章', `人民调解员${STAFF.name}签名`, '人民调解委员会印章'],
      missingKeys: [`signature:${P1}`, `signature:${P2}`, `signature:${ORG}`, `signature:${STAFF.id}`, 'seal'],
    },
    sealConfigured: true,
    ...over,
  };
}

function caseRecord(over: Partial<CaseRecord> = {}): CaseRecord {
  return testCaseRecord({ id: CASE_ID, revision: 3, createdAt: '2026-11-25T00:00:00.000Z', actions: [], ...over });
}

const docVersion = (over: Partial<DocumentVersion> = {}): DocumentVersion => ({
  id: 'f6f6f6f6-0000-4000-8000-000000000001',
  caseId: CASE_ID,
  template: 'agreement',
  templateVersion: 1,
  version: 1,
  subjectId: AGREEMENT_ID,
  title: '人民调解协议书',
  createdAt: '2026-11-25T01:20:00.000Z',
  createdBy: STAFF.id,
  files: [{ format: 'pdf', file: 'agreement-v1-00000000.pdf', sha256: 'c0ffee12'.padEnd(64, '0') }],
  data: { file: 'agreement-v1-00000000.json', sha256: 'd'.repeat(64) },
  ...over,
});

function RouteProbe() {
  const { route } = useRouter();
  return <output data-testid="route">{JSON.stringify(route)}</output>;
}

function setUp(current: AgreementView, extra: Parameters<typeof fakeWorkstation>[0] = {}, record = caseRecord(), staff: Staff = STAFF) {
  const api = fakeWorkstation({
    'agreements:get': () => ok(current),
    'cases:get': () => ok({ record, status: 'mediating', availableActions: [] }),
    'staff:list': () => ok([STAFF]),
    'settings:images': () => ok({ seal: null, logo: null }),
    'documents:preview': () => ok({ title: '人民调解协议书', pdfBase64: 'UFJFVklFVw==' }),
    'agreements:signature': () => ok({ signature: signature(P1, 'drawn'), pngBase64: 'iVBORw0KGgo=', intact: true }),
    ...extra,
  });
  render(
    <Providers env="test">
      <SessionProvider value={{ info: INFO, staff, signOut: () => {}, refreshInfo: () => {} }}>
        <RouterProvider initial={{ name: 'agreement-signing', caseId: CASE_ID }}>
          <SigningPage caseId={CASE_ID} />
          <RouteProbe />
        </RouterProvider>
      </SessionProvider>
    </Providers>,
  );
  return api;
}

const panel = () => screen.findByRole('region', { name: /^当前签署：/ });

describe('who signs next and how (signer-order)', () => {
  it('takes parties and agents at the desk, staff only for themselves, in the printed order, skipping who was skipped', () => {
    expect(canTake(SIGNERS[0]!, STAFF.id)).toBe(true);
    expect(canTake(SIGNERS[4]!, STAFF.id)).toBe(true);
    expect(canTake(SIGNERS[5]!, STAFF.id)).toBe(false);
    expect(canTake({ ...SIGNERS[0]!, signature: signature(P1, 'drawn') }, STAFF.id)).toBe(false);
    expect(nextSigner(SIGNERS, STAFF.id)?.signerId).toBe(P1);
    const signed = SIGNERS.map((s, i) => (i < 3 ? { ...s, signature: signature(s.signerId, 'paper_signed') } : s));
    expect(nextSigner(signed, STAFF.id)?.signerId).toBe(AGENT);
    expect(nextSigner(signed, STAFF.id, new Set([AGENT]))?.signerId).toBe(STAFF.id);
    expect(nextSigner(signed.map((s) => (s.signerId === STAFF.id || s.signerId === AGENT ? { ...s, signature: signature(s.signerId, 'drawn') } : s)), STAFF.id)).toBeNull();
  });

  it('offers a person the pad or paper, an organisation its seal on paper, agents and staff their own hand', () => {
    expect(methodsFor({ kind: 'party', organization: false })).toEqual(['drawn', 'paper_signed', 'paper_fingerprint']);
    expect(methodsFor({ kind: 'party', organization: true })).toEqual(['paper_sealed']);
    expect(methodsFor({ kind: 'agent', organization: false })).toEqual(['drawn', 'paper_signed']);
    expect(methodsFor({ kind: 'mediator', organization: false })).toEqual(['drawn', 'paper_signed']);
  });

  it('counts progress over the required signatures and the seal; only advisors and admins seal', () => {
    expect(progressOf(view())).toEqual({ done: 0, total: 5 });
    expect(progressOf(view({ signers: SIGNERS.map((s) => ({ ...s, signature: signature(s.signerId, 'paper_signed') })) }, { seal: { at: '2026-11-25T03:00:00.000Z', by: STAFF.id } }))).toEqual({ done: 5, total: 5 });
    expect(canSeal({ roles: ['legal_advisor'] })).toBe(true);
    expect(canSeal({ roles: ['mediator', 'clerk'] })).toBe(false);
  });
});

describe('capturing a signature (signature-capture)', () => {
  it('keeps the stroke data the host accepts and drops empty strokes', () => {
    const strokes = strokesForApi([
      { penColor: '#000', dotSize: 0, minWidth: 1, maxWidth: 3, velocityFilterWeight: 0.7, compositeOperation: 'source-over', points: [{ x: 1, y: 2, time: 3, pressure: 0.5 }] },
      { penColor: '#000', dotSize: 0, minWidth: 1, maxWidth: 3, velocityFilterWeight: 0.7, compositeOperation: 'source-over', points: [] },
    ]);
    expect(strokes).toEqual([{ penColor: '#000', dotSize: 0, minWidth: 1, maxWidth: 3, velocityFilterWeight: 0.7, compositeOperation: 'source-over', points: [{ x: 1, y: 2, time: 3, pressure: 0.5 }] }]);
    expect(dataUrlToBase64('data:image/png;base64,QUJD')).toBe('QUJD');
  });

  it('finds the box of the ink (to crop the image to the signature)', () => {
    const w = 10;
    const h = 6;
    const data = new Uint8ClampedArray(w * h * 4);
    for (const [x, y] of [
      [2, 1],
      [7, 4],
    ] as const)
      data[(y * w + x) * 4 + 3] = 255;
    expect(inkBounds(data, w, h)).toEqual({ x: 2, y: 1, width: 6, height: 4 });
    expect(inkBounds(new Uint8ClampedArray(w * h * 4), w, h)).toBeNull();
  });
});

describe('paper copies (paper-versions)', () => {
  it('prints the version issued since the last approval; scans are those filed against any version of this agreement', () => {
    const before = docVersion({ id: 'f6f6f6f6-0000-4000-8000-000000000002', createdAt: '2026-11-25T00:30:00.000Z' });
    const after = docVersion();
    const signedOriginal = docVersion({ id: 'f6f6f6f6-0000-4000-8000-000000000003', version: 3, signed: true, createdAt: '2026-11-25T05:00:00.000Z' });
    expect(currentPaperVersion(agreement(), [before])).toBeNull();
    expect(currentPaperVersion(agreement(), [before, after, signedOriginal])?.id).toBe(after.id);
    const scan = { id: 'a1a1a1a1-0000-4000-8000-000000000001', file: 'x.pdf', sha256: 'e'.repeat(64), size: 1000, mimeType: 'application/pdf' as const, category: 'signed' as const, label: '扫描件', sessionId: null, statementId: null, documentId: after.id, addedAt: '2026-11-25T06:00:00.000Z', addedBy: STAFF.id };
    const evidence = { ...scan, id: 'a1a1a1a1-0000-4000-8000-000000000002', category: 'evidence' as const };
    expect(agreementScans(agreement(), [after], [scan, evidence]).map((a) => a.id)).toEqual([scan.id]);
  });
});

describe('协议签署 at the desk', () => {
  it('shows the approved text beside the signers in order; the first signer is at the pad; staff rows say 请本人登录后签名', async () => {
    const api = setUp(view());
    const current = within(await panel());
    expect(current.getByText('请 张建国 本人在下方签名')).toBeTruthy();
    expect(current.getByRole('img', { name: '申请人张建国的签名板' })).toBeTruthy();
    const list = within(screen.getByRole('list', { name: '签署人' }));
    expect(list.getAllByRole('listitem').map((li) => li.getAttribute('aria-label'))).toEqual(SIGNERS.map((s) => `签署人 ${s.label}`));
    expect(within(list.getByRole('listitem', { name: '签署人 记录人李娜' })).getByText('请本人登录后签名')).toBeTruthy();
    expect(within(list.getByRole('listitem', { name: '签署人 记录人李娜' })).queryByRole('button')).toBeNull();
    await waitFor(() => expect(screen.getByTestId('pdf-viewer').getAttribute('data-pdf')).toBe('UFJFVklFVw=='));
    expect(api['documents:preview']).toHaveBeenCalledWith({ caseId: CASE_ID, template: 'agreement', subjectId: AGREEMENT_ID });
    expect(within(screen.getByTestId('missing')).getByText('人民调解委员会印章')).toBeTruthy();
  });

  it('will not confirm an empty pad; a written signature is sent as the cropped PNG with its strokes', async () => {
    const api = setUp(view(), { 'agreements:sign': () => ok(view()) });
    const current = within(await panel());
    await act(async () => {
      fireEvent.click(current.getByRole('button', { name: '确认签名' }));
    });
    expect(current.getByRole('alert').textContent).toBe('请先在签名板上签名');
    expect(api['agreements:sign']).not.toHaveBeenCalled();
    write();
    expect(current.queryByRole('alert')).toBeNull();
    await act(async () => {
      fireEvent.click(current.getByRole('button', { name: '确认签名' }));
    });
    await waitFor(() => expect(api['agreements:sign']).toHaveBeenCalledTimes(1));
    expect(api['agreements:sign']).toHaveBeenCalledWith({
      caseId: CASE_ID,
      revision: 7,
      signerId: P1,
      method: 'drawn',
      pngBase64: 'iVBORw0KGgoAAAANSUhEUg==',
      strokes: [expect.objectContaining({ points: [{ x: 10, y: 20, time: 1, pressure: 0.5 }, { x: 60, y: 40, time: 30, pressure: 0.5 }] })],
    });
  });

  it('shows the host refusing the image at the pad', async () => {
    setUp(view(), { 'agreements:sign': () => ({ ok: false as const, error: { code: 'INVALID_INPUT' as const, message: '签名图片不是有效的PNG图片', issues: [{ code: 'INVALID_FILE', path: ['pngBase64'], message: '签名图片不是有效的PNG图片' }] } }) });
    const current = within(await panel());
    write();
    await act(async () => {
      fireEvent.click(current.getByRole('button', { name: '确认签名' }));
    });
    expect((await current.findByRole('alert')).textContent).toBe('签名图片不是有效的PNG图片');
  });

  it('registers an organisation sealing the paper copy after a check and a confirmation (no image)', async () => {
    const api = setUp(view(), { 'agreements:sign': () => ok(view()) });
    await panel();
    fireEvent.click(screen.getByRole('button', { name: '签署 被申请人义乌市顺达货运有限公司' }));
    const current = within(await screen.findByRole('region', { name: '当前签署：被申请人义乌市顺达货运有限公司' }));
    expect(current.queryByRole('img', { name: /签名板/ })).toBeNull();
    expect(current.getByText('被申请人义乌市顺达货运有限公司已在纸质协议上加盖公章')).toBeTruthy();
    const register = current.getByRole('button', { name: '登记纸质签署' }) as HTMLButtonElement;
    expect(register.disabled).toBe(true);
    fireEvent.click(current.getByLabelText('我已核对纸质协议上的签署'));
    fireEvent.click(register);
    const dialog = within(await screen.findByRole('dialog', { name: '登记纸质签署' }));
    expect(dialog.getByText(/登记后不能撤销/)).toBeTruthy();
    // No scan of the printed copy yet: the reason it comes later is asked for, and sent with the signature.
    fireEvent.change(dialog.getByLabelText(/扫描件稍后上传的原因/), { target: { value: '扫描仪故障' } });
    await act(async () => {
      fireEvent.click(dialog.getByRole('button', { name: '登记纸质签署' }));
    });
    await waitFor(() => expect(api['agreements:sign']).toHaveBeenCalledWith({ caseId: CASE_ID, revision: 7, signerId: ORG, method: 'paper_sealed', pngBase64: null, strokes: null, paperReason: '扫描仪故障' }));
  });

  it('an agent signs by hand only (no fingerprint); an optional signer can be skipped; signed rows show the image, the paper mark and who took it', async () => {
    const signedParties = SIGNERS.map((s, i) => (i < 3 ? { ...s, signature: signature(s.signerId, i === 2 ? 'paper_sealed' : 'drawn') } : s));
    setUp(view({ signers: signedParties }));
    const current = within(await panel());
    expect(current.getByText('当前签署：申请人张建国的委托代理人吴晓东')).toBeTruthy();
    expect(current.queryByText('纸质按指印')).toBeNull();
    fireEvent.click(current.getByRole('button', { name: '跳过（可不签）' }));
    expect(within(await panel()).getByText(`${STAFF.name}，请在下方签名`)).toBeTruthy();
    // Signed rows: a drawn signature's image, a paper one's mark, who took it.
    const list = within(screen.getByRole('list', { name: '签署人' }));
    expect(await within(list.getByRole('listitem', { name: '签署人 申请人张建国' })).findByRole('img', { name: '申请人张建国的签名' })).toBeTruthy();
    expect(within(list.getByRole('listitem', { name: '签署人 被申请人义乌市顺达货运有限公司' })).getByText('纸质盖章')).toBeTruthy();
    expect(within(list.getByRole('listitem', { name: '签署人 申请人李秀兰' })).getByText(/经办：王建国/)).toBeTruthy();
  });

  it('flags a signature image that no longer matches its hash', async () => {
    setUp(view({ signers: SIGNERS.map((s, i) => (i === 0 ? { ...s, signature: signature(P1, 'drawn') } : s)) }), {
      'agreements:signature': () => ok({ signature: signature(P1, 'drawn'), pngBase64: 'iVBORw0KGgo=', intact: false }),
    });
    expect(await screen.findByLabelText('签名图片校验不一致')).toBeTruthy();
  });

  it('the seal: confirmation names the consequence (effective now when it is the last condition), then agreements:seal', async () => {
    const allSigned = SIGNERS.map((s) => (s.required ? { ...s, signature: signature(s.signerId, 'paper_signed') } : s));
    const api = setUp(
      view({ caseStatus: 'agreed', signers: allSigned, effectiveness: { effective: false, effectiveOn: null, missing: ['人民调解委员会印章'], missingKeys: ['seal'] } }),
      { 'agreements:seal': () => ok(view()) },
      caseRecord(),
      SEALER,
    );
    fireEvent.click(await screen.findByRole('button', { name: '加盖人民调解委员会印章' }));
    const dialog = within(await screen.findByRole('dialog', { name: '加盖人民调解委员会印章' }));
    expect(dialog.getByText(/加盖后协议即告生效/)).toBeTruthy();
    expect(dialog.getByText(/印章不能撤销/)).toBeTruthy();
    await act(async () => {
      fireEvent.click(dialog.getByRole('button', { name: '确认加盖' }));
    });
    await waitFor(() => expect(api['agreements:seal']).toHaveBeenCalledWith({ caseId: CASE_ID, revision: 7 }));
  });

  it('the seal before the last signature: the confirmation names what is still missing, told apart by key', async () => {
    setUp(
      view({
        caseStatus: 'agreed',
        effectiveness: { effective: false, effectiveOn: null, missing: [`人民调解员${STAFF.name}签名`, '人民调解委员会印章'], missingKeys: [`signature:${STAFF.id}`, 'seal'] },
      }),
      {},
      caseRecord(),
      SEALER,
    );
    fireEvent.click(await screen.findByRole('button', { name: '加盖人民调解委员会印章' }));
    const dialog = within(await screen.findByRole('dialog', { name: '加盖人民调解委员会印章' }));
    expect(dialog.getByText(`加盖后，待 人民调解员${STAFF.name}签名 完成，协议即告生效。`)).toBeTruthy();
  });

  it('the seal is offered only to the posts the policy table names (中心管理员 is not one of them)', async () => {
    setUp(view({ caseStatus: 'agreed' }));
    expect(await screen.findByText('印章由法律顾问或中心负责人加盖。')).toBeTruthy();
    expect(screen.queryByRole('button', { name: '加盖人民调解委员会印章' })).toBeNull();
  });

  it('without the seal image: no seal button, a hint and a way to the seal setting', async () => {
    setUp(view({ sealConfigured: false }));
    expect(await screen.findByText('尚未设置人民调解委员会印章图片')).toBeTruthy();
    expect(screen.queryByRole('button', { name: '加盖人民调解委员会印章' })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: '前往设置印章' }));
    expect(JSON.parse(screen.getByTestId('route').textContent!)).toEqual({ name: 'staff', focus: 'seal' });
  });

  it('once effective: the date large, the signed PDF with 已数字签章, its SHA-256 prefix and a download; no pad', async () => {
    const signed = docVersion({ id: 'f6f6f6f6-0000-4000-8000-000000000009', version: 2, signed: true, files: [{ format: 'pdf', file: 'agreement-v2-00000000.pdf', sha256: '0123456789abcdef'.padEnd(64, '9') }] });
    const api = setUp(
      view(
        { signers: SIGNERS.map((s) => ({ ...s, signature: signature(s.signerId, 'paper_signed') })), effectiveness: { effective: true, effectiveOn: '2026-11-25', missing: [], missingKeys: [] } },
        { status: 'effective', effectiveOn: '2026-11-25', signedDocumentId: signed.id, seal: { at: '2026-11-25T03:00:00.000Z', by: STAFF.id } },
      ),
      { 'documents:read': () => ok({ document: signed, pdfBase64: 'U0lHTkVE', intact: true }) },
    );
    expect((await screen.findByTestId('effective-date')).textContent).toBe('2026年11月25日');
    expect(screen.getByText(/2026年12月25日 前共同向人民法院提出/)).toBeTruthy();
    await waitFor(() => expect(screen.getByTestId('pdf-viewer').getAttribute('data-pdf')).toBe('U0lHTkVE'));
    expect(api['documents:read']).toHaveBeenCalledWith({ caseId: CASE_ID, documentId: signed.id });
    expect(screen.getAllByText('已数字签章').length).toBeGreaterThan(0);
    expect(screen.getByTestId('signed-hash').textContent).toBe('SHA-256 0123456789abcdef…');
    const download = screen.getByRole('link', { name: /下载签章PDF/ });
    expect(download.getAttribute('download')).toBe('人民调解协议书-（2026）青调字第0001号-签章版.pdf');
    expect(screen.queryByRole('region', { name: /^当前签署：/ })).toBeNull();
    expect(api['documents:preview']).not.toHaveBeenCalled();
  });

  it('effective without its signed PDF: says so and offers a sealer to issue it (their password opens the seal key)', async () => {
    const effective = view({ effectiveness: { effective: true, effectiveOn: '2026-11-25', missing: [], missingKeys: [] } }, { status: 'effective', effectiveOn: '2026-11-25' });
    const api = setUp(effective, { 'agreements:issue-signed': () => ok(effective) }, caseRecord(), SEALER);
    expect(await screen.findByText('协议已生效，签章版PDF尚未出具')).toBeTruthy();
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: '出具签章版' }));
    });
    await waitFor(() => expect(api['agreements:issue-signed']).toHaveBeenCalledWith({ caseId: CASE_ID }));
  });

  it('effective without its signed PDF, seen by someone who may not seal: names who can issue it, no button', async () => {
    setUp(view({ effectiveness: { effective: true, effectiveOn: '2026-11-25', missing: [], missingKeys: [] } }, { status: 'effective', effectiveOn: '2026-11-25' }));
    expect(await screen.findByText('请法律顾问或中心负责人登录后出具签章版。')).toBeTruthy();
    expect(screen.queryByRole('button', { name: '出具签章版' })).toBeNull();
  });

  it('not yet approved: says so and leads back to the agreement', async () => {
    setUp(view({}, { status: 'in_review' }));
    expect(await screen.findByText('协议当前为“待审核”，审核通过后才能签署')).toBeTruthy();
    expect(screen.queryByRole('list', { name: '签署人' })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: '打开调解协议' }));
    expect(JSON.parse(screen.getByTestId('route').textContent!)).toEqual({ name: 'agreement', caseId: CASE_ID });
  });
});

describe('纸质签署', () => {
  const printed = docVersion();

  it('打印供手写签署 previews the agreement for issuing when no version was printed since approval; upload waits for one', async () => {
    const api = setUp(view());
    const paper = within(await screen.findByRole('region', { name: '纸质签署' }));
    expect(paper.getByRole('button', { name: '上传签署后的扫描件' }).hasAttribute('data-disabled')).toBe(true);
    await act(async () => {
      fireEvent.click(paper.getByRole('button', { name: '打印供手写签署' }));
    });
    await waitFor(() => expect(api['documents:preview']).toHaveBeenCalledTimes(2));
    expect(await screen.findByText('预览（尚未出具）')).toBeTruthy();
  });

  it('opens the printed version to print, and files a scan against it (category signed, with its documentId)', async () => {
    const scan = { id: 'a1a1a1a1-0000-4000-8000-000000000001', file: 'x.pdf', sha256: 'e'.repeat(64), size: 204800, mimeType: 'application/pdf' as const, category: 'signed' as const, label: '签署后的协议扫描件', sessionId: null, statementId: null, documentId: printed.id, addedAt: '2026-11-25T06:00:00.000Z', addedBy: STAFF.id };
    const api = setUp(view(), { 'documents:read': () => ok({ document: printed, pdfBase64: 'UFJJTlQ=', intact: true }), 'attachments:add': () => ok(scan) }, caseRecord({ documents: [printed], attachments: [scan] }));
    const paper = within(await screen.findByRole('region', { name: '纸质签署' }));
    expect(await paper.findByText('签署后的协议扫描件')).toBeTruthy();
    expect(paper.getByText(/第1版 · PDF · 200 KB/)).toBeTruthy();
    await act(async () => {
      fireEvent.click(paper.getByRole('button', { name: '打印供手写签署' }));
    });
    await waitFor(() => expect(api['documents:read']).toHaveBeenCalledWith({ caseId: CASE_ID, documentId: printed.id }));

    fireEvent.click(paper.getByRole('button', { name: '上传签署后的扫描件' }));
    const form = within(await screen.findByRole('form', { name: '上传签署后的扫描件' }));
    expect(form.getByText('对应文书：《人民调解协议书》第1版')).toBeTruthy();
    const input = document.querySelector('input[type="file"]') as HTMLInputElement;
    const file = new File([new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d])], 'scan.pdf', { type: 'application/pdf' });
    fireEvent.change(input, { target: { files: [file] } });
    await act(async () => {
      fireEvent.click(form.getByRole('button', { name: '上传' }));
    });
    await waitFor(() =>
      expect(api['attachments:add']).toHaveBeenCalledWith({ caseId: CASE_ID, sessionId: null, statementId: null, category: 'signed', documentId: printed.id, label: '签署后的人民调解协议书扫描件', mimeType: 'application/pdf', base64: 'JVBERi0=' }),
    );
  });
});

describe('another member of staff at the desk', () => {
  it('with only other staff left to sign, says they must sign in themselves', async () => {
    const partiesSigned = SIGNERS.map((s) => (s.kind === 'party' || s.kind === 'agent' ? { ...s, signature: signature(s.signerId, 'paper_signed') } : s)).map((s) =>
      s.kind === 'mediator' ? { ...s, signerId: OTHER_MEDIATOR.replace('e5', 'e6'), label: '人民调解员周海燕', name: '周海燕' } : s,
    );
    setUp(view({ signers: partiesSigned }));
    expect(await screen.findByText('其余签署须由相应工作人员本人登录后签名')).toBeTruthy();
  });
});
