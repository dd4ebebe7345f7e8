// @vitest-environment jsdom
import type { ReactNode } from 'react';
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { CaseRecord } from '../../electron/shared/domain/case';
import type { DocumentVersion } from '../../electron/shared/domain/document';
import type { CenterImage } from '../../electron/shared/domain/images';
import { defaultSettings } from '../../electron/shared/domain/settings';
import type { ApiErrorCode } from '../../electron/shared/ipc/result';
import type { ValidationIssue } from '../../electron/shared/validation/issue';
import { useRouter } from '../../renderer/src/app/router';
import { DocumentsSection } from '../../renderer/src/features/documents/DocumentsSection';
import { CenterImages } from '../../renderer/src/features/staff/components/CenterImages';
import { SettingsForm } from '../../renderer/src/features/staff/components/SettingsForm';
import { makePng } from '../fixtures/png';
import { STAFF, fakeWorkstation, renderScreen, stubBrowserApis, testCaseRecord } from './harness';

// pdf.js cannot draw in jsdom: the viewer is replaced by a stand-in that shows which PDF it was given and its toolbar actions.
vi.mock('../../renderer/src/components/PdfViewer', () => ({
  PdfViewer: ({ pdfBase64, label, actions }: { pdfBase64: string; label: string; actions?: ReactNode }) => (
    <div data-testid="pdf-viewer" data-pdf={pdfBase64} aria-label={label}>
      {actions}
    </div>
  ),
}));

beforeAll(() => {
  stubBrowserApis();
  // jsdom has no blob: URLs; 保存PDF only needs one to exist.
  URL.createObjectURL = vi.fn(() => 'blob:test-pdf');
  URL.revokeObjectURL = vi.fn();
});
afterEach(cleanup);

const ok = <T,>(value: T) => ({ ok: true as const, value });
const failure = (code: ApiErrorCode, message: string, issues: ValidationIssue[] = [], missing?: string[]) => ({ ok: false as const, error: { code, message, issues, ...(missing ? { missing } : {}) } });

const CASE_ID = '0b4c1a9e-1111-4222-8333-944455556666';
const PREVIEW_PDF = btoa('%PDF-1.7 preview');
const ISSUED_PDF = btoa('%PDF-1.7 issued');
const HASH = 'ab12cd34ef56'.padEnd(64, '0');

function record(over: Partial<CaseRecord> = {}): CaseRecord {
  return testCaseRecord({ id: CASE_ID, revision: 3, ...over });
}

const version: DocumentVersion = {
  id: 'e5e5e5e5-5555-4555-8555-555555555555',
  caseId: CASE_ID,
  template: 'acceptance-register',
  templateVersion: 1,
  version: 1,
  subjectId: null,
  title: '人民调解受理登记表',
  createdAt: '2026-11-25T06:10:00.000Z',
  createdBy: STAFF.id,
  files: [
    { format: 'pdf', file: 'acceptance-register-v1-0a0b0c0d.pdf', sha256: HASH },
    { format: 'docx', file: 'acceptance-register-v1-0a0b0c0d.docx', sha256: 'f'.repeat(64) },
  ],
  data: { file: 'acceptance-register-v1-0a0b0c0d.json', sha256: 'e'.repeat(64) },
};

/** Shows the current route, so that a test sees where a link went. */
function RouteProbe() {
  const { route } = useRouter();
  return <output data-testid="route">{JSON.stringify(route)}</output>;
}

const renderSection = (r: CaseRecord) =>
  renderScreen(
    <>
      <DocumentsSection record={r} staffName={() => STAFF.name} />
      <RouteProbe />
    </>,
    { route: { name: 'case', id: r.id } },
  );

describe('文书: preview before issuing', () => {
  it('offers 预览 for the forms the case allows, shows the preview PDF marked 预览（尚未出具）, and 出具 issues it and shows the issued version', async () => {
    const api = fakeWorkstation({
      'documents:preview': () => ok({ title: '人民调解受理登记表', pdfBase64: PREVIEW_PDF }),
      'documents:issue': () => ok({ document: version, pdfBase64: ISSUED_PDF, intact: true }),
    });
    renderSection(record());
    const section = within(screen.getByRole('region', { name: '文书' }));
    // A written application: the register and the rights notice, not an app-made 申请书.
    expect(section.getByRole('button', { name: '预览 人民调解受理登记表' })).toBeTruthy();
    expect(section.getByRole('button', { name: '预览 人民调解当事人权利义务告知书' })).toBeTruthy();
    expect(section.queryByRole('button', { name: '预览 人民调解申请书' })).toBeNull();

    await act(async () => {
      fireEvent.click(section.getByRole('button', { name: '预览 人民调解受理登记表' }));
    });
    const dialog = within(await screen.findByRole('dialog'));
    expect(dialog.getByText('预览（尚未出具）')).toBeTruthy();
    expect(dialog.getByText('人民调解受理登记表')).toBeTruthy();
    expect(dialog.getByTestId('pdf-viewer').getAttribute('data-pdf')).toBe(PREVIEW_PDF);
    expect(api['documents:preview']).toHaveBeenCalledWith({ caseId: CASE_ID, template: 'acceptance-register' });
    // Nothing is issued (stored) by previewing, and a preview is neither printed nor saved.
    expect(api['documents:issue']).not.toHaveBeenCalled();
    expect(dialog.queryByRole('button', { name: /打印/ })).toBeNull();
    expect(dialog.getByText('按案件当前信息生成；出具后存档为第1版')).toBeTruthy();

    await act(async () => {
      fireEvent.click(dialog.getByRole('button', { name: '出具' }));
    });
    await waitFor(() => expect(api['documents:issue']).toHaveBeenCalledWith({ caseId: CASE_ID, template: 'acceptance-register' }));
    expect(api['documents:preview'].mock.invocationCallOrder[0]!).toBeLessThan(api['documents:issue'].mock.invocationCallOrder[0]!);

    // The viewer now shows the issued version: its number, its hash, verified, with 打印 and 保存PDF.
    await waitFor(() => expect(dialog.getByTestId('pdf-viewer').getAttribute('data-pdf')).toBe(ISSUED_PDF));
    expect(dialog.queryByText('预览（尚未出具）')).toBeNull();
    expect(dialog.getByText('第1版')).toBeTruthy();
    expect(dialog.getByText('文件校验一致')).toBeTruthy();
    expect(dialog.getByText('SHA-256 ab12cd34ef56')).toBeTruthy();
    expect(dialog.getByRole('button', { name: /打印/ })).toBeTruthy();
    const save = dialog.getByRole('link', { name: /保存PDF/ });
    expect(save.getAttribute('download')).toBe('人民调解受理登记表-（2026）青调字第0001号-第1版.pdf');
    expect(save.getAttribute('href')).toBe('blob:test-pdf');
  });

  it('shows missing center settings (named by key) and case data in the viewer, with a way to 人员与设置 at the field', async () => {
    const api = fakeWorkstation({
      'documents:preview': () =>
        failure(
          'INVALID_INPUT',
          '无法出具《人民调解当事人权利义务告知书》，案件缺少以下信息：中心联系电话、申请人李秀兰的联系方式',
          [{ code: 'REQUIRED', path: ['caseId'], message: '缺少申请人李秀兰的联系方式' }],
          ['center.phone'],
        ),
    });
    renderSection(record());
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: '预览 人民调解当事人权利义务告知书' }));
    });
    const dialog = within(await screen.findByRole('dialog'));
    const alert = within(await dialog.findByRole('alert'));
    expect(alert.getByText('暂时无法生成《人民调解当事人权利义务告知书》')).toBeTruthy();
    expect(within(alert.getByTestId('missing-settings')).getByText('中心联系电话')).toBeTruthy();
    expect(within(alert.getByTestId('missing-case')).getByText('申请人李秀兰的联系方式')).toBeTruthy();
    expect(within(alert.getByTestId('missing-case')).queryByText('中心联系电话')).toBeNull();
    expect(dialog.queryByRole('button', { name: '出具' })).toBeNull();
    expect(api['documents:issue']).not.toHaveBeenCalled();

    await act(async () => {
      fireEvent.click(alert.getByRole('button', { name: '前往人员与设置' }));
    });
    expect(JSON.parse(screen.getByTestId('route').textContent!)).toEqual({ name: 'staff', focus: 'phone' });
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  });

  it('a refusal naming the seal image by key (not by its wording) links to the seal setting', async () => {
    fakeWorkstation({ 'documents:preview': () => failure('NOT_ALLOWED', '任意措辞', [], ['center.seal']) });
    renderSection(record());
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: '预览 人民调解当事人权利义务告知书' }));
    });
    const alert = within(await within(await screen.findByRole('dialog')).findByRole('alert'));
    expect(within(alert.getByTestId('missing-settings')).getByText('人民调解委员会印章')).toBeTruthy();
    await act(async () => {
      fireEvent.click(alert.getByRole('button', { name: '前往人员与设置' }));
    });
    expect(JSON.parse(screen.getByTestId('route').textContent!)).toEqual({ name: 'staff', focus: 'seal' });
  });

  it('re-opens an issued version with documents:read and shows tampering in red when the stored file no longer matches', async () => {
    fakeWorkstation({ 'documents:read': () => ok({ document: version, pdfBase64: ISSUED_PDF, intact: false }) });
    renderSection(record({ documents: [version] }));
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: '查看 人民调解受理登记表 第1版' }));
    });
    const dialog = within(await screen.findByRole('dialog'));
    expect(await dialog.findByRole('alert')).toBeTruthy();
    expect(dialog.getAllByText('文件校验不一致（可能被篡改）').length).toBeGreaterThan(0);
    expect(dialog.queryByText('文件校验一致')).toBeNull();
    // Not printed as if it were the issued document.
    expect((dialog.getByRole('button', { name: /打印/ }) as HTMLButtonElement).disabled).toBe(true);
    // The list flags it too.
    expect(within(screen.getByRole('button', { name: '查看 人民调解受理登记表 第1版' })).getByText('文件校验不一致（可能被篡改）')).toBeTruthy();
  });
});

describe('文书: 下载Word', () => {
  it('downloads the DOCX stored beside the PDF under the PDF\'s name pattern; a version issued without one says why it has none', async () => {
    const api = fakeWorkstation({
      'documents:read': () => ok({ document: version, pdfBase64: ISSUED_PDF, intact: true }),
      'documents:file': () => ok({ document: version, format: 'docx', file: version.files[1]!.file, suggestedName: 'x.docx', base64: btoa('PK docx'), intact: true }),
    });
    const clicked: string[] = [];
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push(this.download);
    });
    renderSection(record({ documents: [version] }));
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: '查看 人民调解受理登记表 第1版' }));
    });
    const dialog = within(await screen.findByRole('dialog'));
    await act(async () => {
      fireEvent.click(await dialog.findByRole('button', { name: /下载Word/ }));
    });
    await waitFor(() => expect(clicked).toEqual([`人民调解受理登记表-${record().caseNumber}-第1版.docx`]));
    expect(api['documents:file']).toHaveBeenCalledWith({ caseId: CASE_ID, documentId: version.id, format: 'docx' });
    click.mockRestore();
  });

  it('a version without a DOCX keeps the button, disabled, and does not ask the host', async () => {
    const pdfOnly = { ...version, files: [version.files[0]!] };
    const api = fakeWorkstation({ 'documents:read': () => ok({ document: pdfOnly, pdfBase64: ISSUED_PDF, intact: true }) });
    renderSection(record({ documents: [pdfOnly] }));
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: '查看 人民调解受理登记表 第1版' }));
    });
    const dialog = within(await screen.findByRole('dialog'));
    const button = await dialog.findByRole('button', { name: /下载Word/ });
    expect(button.getAttribute('data-disabled')).not.toBeNull();
    fireEvent.click(button);
    expect(api['documents:file']).not.toHaveBeenCalled();
  });
});

describe('文书: records of sessions and the termination notice', () => {
  const S1 = 'c1c1c1c1-1111-4111-8111-111111111111';
  const INV1 = 'c3c3c3c3-3333-4333-8333-333333333333';
  const sessions: CaseRecord['sessions'] = [
    { id: S1, kind: 'session', number: 1, status: 'closed', scheduledAt: '2026-11-20T01:00:00.000Z', place: '交通事故调解室', mediatorIds: [], startedAt: '2026-11-20T01:02:00.000Z', endedAt: '2026-11-20T02:30:00.000Z', outcome: 'failed', subjectLabel: '' },
    { id: INV1, kind: 'investigation', number: 1, status: 'open', scheduledAt: '2026-11-19T02:00:00.000Z', place: '事故路口', mediatorIds: [], startedAt: '2026-11-19T02:04:00.000Z', endedAt: null, outcome: null, subjectLabel: '证人王五' },
    { id: 'c2c2c2c2-2222-4222-8222-222222222222', kind: 'session', number: 2, status: 'scheduled', scheduledAt: '2026-11-28T01:00:00.000Z', place: '交通事故调解室', mediatorIds: [], startedAt: null, endedAt: null, outcome: null, subjectLabel: '' },
  ];
  const recordVersion = (n: number): DocumentVersion => ({ ...version, id: `e5e5e5e5-5555-4555-8555-55555555555${n}`, template: 'session-record', version: n, subjectId: S1, title: '人民调解记录（第1次调解）' });

  it('offers a 人民调解记录 per session and a 调查记录 per investigation that has begun, previewed and issued with its subjectId', async () => {
    const api = fakeWorkstation({
      'documents:preview': () => ok({ title: '人民调解调查记录', pdfBase64: PREVIEW_PDF }),
      'documents:issue': () => ok({ document: { ...version, template: 'investigation-record', subjectId: INV1, title: '人民调解调查记录（第1次调查）' }, pdfBase64: ISSUED_PDF, intact: true }),
    });
    renderSection(record({ sessions, documents: [recordVersion(1), recordVersion(2)] }));
    const section = within(screen.getByRole('region', { name: '文书' }));
    expect(section.getByRole('button', { name: '预览 第1次调解记录' })).toBeTruthy();
    expect(section.getByText('人民调解记录 · 已出具 2 版')).toBeTruthy();
    // A session not held yet has no record to print.
    expect(section.queryByRole('button', { name: '预览 第2次调解记录' })).toBeNull();
    await act(async () => {
      fireEvent.click(section.getByRole('button', { name: '预览 第1次调查记录' }));
    });
    expect(api['documents:preview']).toHaveBeenCalledWith({ caseId: CASE_ID, template: 'investigation-record', subjectId: INV1 });
    const dialog = within(await screen.findByRole('dialog'));
    expect(dialog.getByText('第1次调查')).toBeTruthy();
    expect(dialog.getByText('按案件当前信息生成；出具后存档为第1版')).toBeTruthy();
    await act(async () => {
      fireEvent.click(dialog.getByRole('button', { name: '出具' }));
    });
    expect(api['documents:issue']).toHaveBeenCalledWith({ caseId: CASE_ID, template: 'investigation-record', subjectId: INV1 });
  });

  it('names issued records by their session (第1次调解记录 第2版) and numbers the next version per session', async () => {
    fakeWorkstation({ 'documents:preview': () => ok({ title: '人民调解记录', pdfBase64: PREVIEW_PDF }) });
    renderSection(record({ sessions, documents: [version, recordVersion(1), recordVersion(2)] }));
    expect(screen.getByRole('button', { name: '查看 第1次调解记录 第2版' })).toBeTruthy();
    expect(screen.getByRole('button', { name: '查看 第1次调解记录 第1版' })).toBeTruthy();
    expect(screen.getByRole('button', { name: '查看 人民调解受理登记表 第1版' })).toBeTruthy();
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: '预览 第1次调解记录' }));
    });
    expect(within(await screen.findByRole('dialog')).getByText('按案件当前信息生成；出具后存档为第3版')).toBeTruthy();
  });

  it('offers the 终止调解告知书 once mediation was terminated', () => {
    fakeWorkstation({});
    renderSection(record());
    expect(screen.queryByRole('button', { name: '预览 终止调解告知书' })).toBeNull();
    cleanup();
    // A terminated case was accepted first (the shared rule checks both).
    const accepted = [...record().actions, { id: 'd5d5d5d5-5555-4555-8555-555555555555', type: 'ACCEPTED' as const, at: '2026-11-18T02:00:00.000Z', by: STAFF.id, note: '' }];
    renderSection(record({ sessions, actions: accepted, termination: { reason: '被申请人明确拒绝继续调解', routes: '', date: '2026-11-20', sessionId: S1 } }));
    expect(screen.getByRole('button', { name: '预览 终止调解告知书' })).toBeTruthy();
  });
});

/** Picks a file in the (hidden) file input of an image card. */
async function pick(group: HTMLElement, file: File) {
  const input = group.querySelector('input[type="file"]') as HTMLInputElement;
  await act(async () => {
    fireEvent.change(input, { target: { files: [file] } });
  });
}

describe('印章与标志', () => {
  const png = (bytes: Buffer, name = 'seal.png') => new File([new Uint8Array(bytes)], name, { type: 'image/png' });

  it('sends the PNG as base64 and shows the host refusing an opaque seal at the seal', async () => {
    const opaque = makePng(100, { alpha: false });
    const api = fakeWorkstation({
      'settings:images': () => ok({ seal: null, logo: null }),
      'settings:set-image': () =>
        failure('INVALID_INPUT', '印章图片须为透明背景的PNG（带透明通道），以免遮挡文字', [{ code: 'INVALID_VALUE', path: ['pngBase64'], message: '印章图片须为透明背景的PNG（带透明通道），以免遮挡文字' }]),
    });
    renderScreen(<CenterImages />, { route: { name: 'staff' } });
    const seal = await screen.findByRole('group', { name: '人民调解委员会印章' });
    // The group shows before the images query answers: wait for its state, not just the group.
    expect(await within(seal).findByText('尚未设置', {}, { timeout: 5000 })).toBeTruthy();
    await pick(seal, png(opaque));
    // Reading the file is asynchronous (FileReader): generous timeouts keep this steady on a loaded machine.
    await waitFor(() => expect(api['settings:set-image']).toHaveBeenCalledTimes(1), { timeout: 5000 });
    expect(api['settings:set-image'].mock.calls[0]![0]).toEqual({ kind: 'seal', pngBase64: opaque.toString('base64') });
    const error = await within(seal).findByRole('alert', {}, { timeout: 5000 });
    expect(error.textContent).toBe('印章图片须为透明背景的PNG（带透明通道），以免遮挡文字');
    // At the seal, not at the logo.
    expect(within(screen.getByRole('group', { name: '中心标志' })).queryByRole('alert')).toBeNull();
  });

  it('refuses a file that is not a PNG before sending it, and shows a set seal with its size and hash', async () => {
    const image: CenterImage = { pngBase64: makePng(200).toString('base64'), sha256: '0123456789ab'.padEnd(64, 'c'), width: 200, height: 200, updatedAt: '2026-11-25T06:00:00.000Z' };
    const api = fakeWorkstation({ 'settings:images': () => ok({ seal: image, logo: null }) });
    renderScreen(<CenterImages />, { route: { name: 'staff' } });
    const seal = await screen.findByRole('group', { name: '人民调解委员会印章' });
    expect(await within(seal).findByRole('img', { name: '人民调解委员会印章（当前图片）' })).toBeTruthy();
    expect(within(seal).getByText('200 × 200 像素')).toBeTruthy();
    expect(within(seal).getByText('SHA-256 0123456789ab')).toBeTruthy();
    await pick(seal, new File(['GIF89a not a png'], 'seal.gif', { type: 'image/gif' }));
    expect((await within(seal).findByRole('alert')).textContent).toBe('请选择PNG格式的图片（.png）');
    expect(api['settings:set-image']).not.toHaveBeenCalled();
  });
});

describe('中心设置: the center phone', () => {
  it('shows a wrong phone number in Chinese at the field and does not save', async () => {
    const api = fakeWorkstation({});
    renderScreen(<SettingsForm settings={defaultSettings('青山县矛盾纠纷调处化解中心', '青山县人民调解委员会', '青')} />, { route: { name: 'staff' } });
    const phone = screen.getByLabelText(/中心联系电话/) as HTMLInputElement;
    fireEvent.change(phone, { target: { value: '12345' } });
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: /保存/ }));
    });
    expect(await screen.findByText('手机号码应为以13至19开头的11位数字')).toBeTruthy();
    expect(api['settings:update']).not.toHaveBeenCalled();
  });
});
