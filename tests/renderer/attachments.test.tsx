// @vitest-environment jsdom
import type { ReactNode } from 'react';
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Attachment } from '../../electron/shared/domain/attachment';
import type { CaseRecord } from '../../electron/shared/domain/case';
import type { ApiErrorCode } from '../../electron/shared/ipc/result';
import type { ValidationIssue } from '../../electron/shared/validation/issue';
import { AttachmentsSection } from '../../renderer/src/features/attachments/AttachmentsSection';
import { labelFromFileName, mimeTypeOf } from '../../renderer/src/features/attachments/attachment-file';
import { makePng } from '../fixtures/png';
import { STAFF, fakeWorkstation, renderScreen, stubBrowserApis, testCaseRecord } from './harness';

vi.mock('../../renderer/src/components/PdfViewer', () => ({
  PdfViewer: ({ pdfBase64, label }: { pdfBase64: string; label: string; actions?: ReactNode }) => <div data-testid="pdf-viewer" data-pdf={pdfBase64} aria-label={label} />,
}));

beforeAll(() => {
  stubBrowserApis();
  URL.createObjectURL = vi.fn(() => 'blob:test-file');
  URL.revokeObjectURL = vi.fn();
});
afterEach(cleanup);

const ok = <T,>(value: T) => ({ ok: true as const, value });
const failure = (code: ApiErrorCode, message: string, issues: ValidationIssue[] = []) => ({ ok: false as const, error: { code, message, issues } });

const CASE_ID = '0b4c1a9e-1111-4222-8333-944455556666';
const S1 = 'c1c1c1c1-1111-4111-8111-111111111111';
const PHOTO_ID = 'f6f6f6f6-6666-4666-8666-666666666661';
const SCAN_ID = 'f6f6f6f6-6666-4666-8666-666666666662';

const PHOTO: Attachment = {
  id: PHOTO_ID,
  file: `${PHOTO_ID}.png`,
  sha256: '0123456789ab'.padEnd(64, 'c'),
  size: 1_258_291,
  mimeType: 'image/png',
  category: 'evidence',
  label: '事故现场照片',
  sessionId: S1,
  statementId: null,
  documentId: null,
  addedAt: '2026-11-20T01:40:00.000Z',
  addedBy: STAFF.id,
};
const SCAN: Attachment = { ...PHOTO, id: SCAN_ID, file: `${SCAN_ID}.pdf`, sha256: 'fedcba987654'.padEnd(64, 'd'), size: 73_000, mimeType: 'application/pdf', category: 'identity', label: '身份证复印件', sessionId: null, addedAt: '2026-11-16T01:20:00.000Z' };

function record(over: Partial<CaseRecord> = {}): CaseRecord {
  return testCaseRecord({
    id: CASE_ID,
    revision: 3,
    createdAt: '2026-11-16T01:12:00.000Z',
    updatedAt: '2026-11-20T01:40:00.000Z',
    sessions: [{ id: S1, kind: 'session', number: 1, status: 'closed', scheduledAt: '2026-11-20T01:00:00.000Z', place: '交通事故调解室', mediatorIds: [], startedAt: '2026-11-20T01:02:00.000Z', endedAt: '2026-11-20T02:30:00.000Z', outcome: 'continue', subjectLabel: '' }],
    attachments: [SCAN, PHOTO],
    ...over,
  });
}

const renderSection = (r: CaseRecord) => renderScreen(<AttachmentsSection record={r} staffName={() => STAFF.name} />, { route: { name: 'case', id: r.id } });

/** Picks a file in the dialog's (hidden) file input. */
async function pick(dialog: HTMLElement, file: File) {
  const input = dialog.querySelector('input[type="file"]') as HTMLInputElement;
  await act(async () => {
    fireEvent.change(input, { target: { files: [file] } });
  });
}

async function openAdd() {
  fireEvent.click(screen.getByRole('button', { name: '添加材料' }));
  return screen.findByRole('dialog', { name: '添加材料' });
}

describe('证据与材料: the list', () => {
  it('lists every attachment, newest first, with category, where it belongs, type and size, who added it and the SHA-256 prefix', () => {
    fakeWorkstation({});
    renderSection(record());
    const items = within(screen.getByRole('list', { name: '证据与材料' })).getAllByRole('listitem');
    expect(items.map((li) => within(li).getByRole('button').getAttribute('aria-label'))).toEqual(['查看 事故现场照片', '查看 身份证复印件']);
    const photo = within(items[0]!);
    expect(photo.getByText('证据材料')).toBeTruthy();
    expect(photo.getByText(/^第1次调解 · PNG 1\.2 MB · 2026-11-20 \d\d:40 · 添加人：王建国/)).toBeTruthy();
    expect(photo.getByText('SHA-256 0123456789ab')).toBeTruthy();
    const scan = within(items[1]!);
    expect(scan.getByText('身份证明')).toBeTruthy();
    expect(scan.getByText(/^案件材料 · PDF 71 KB/)).toBeTruthy();
  });

  it('says so when there is nothing yet', () => {
    fakeWorkstation({});
    renderSection(record({ attachments: [] }));
    expect(screen.getByText('尚未添加材料')).toBeTruthy();
  });
});

describe('添加材料', () => {
  it('sends the photo as base64 with its type; the label defaults to the file name without its extension', async () => {
    const png = makePng(40);
    const added: Attachment = { ...PHOTO, id: 'f6f6f6f6-6666-4666-8666-666666666663', label: '车辆受损照片 2', sessionId: null };
    const api = fakeWorkstation({ 'attachments:add': () => ok(added) });
    renderSection(record());
    const dialog = await openAdd();
    await pick(dialog, new File([new Uint8Array(png)], '车辆受损照片_2.png', { type: 'image/png' }));
    const label = within(dialog).getByLabelText(/材料名称/) as HTMLInputElement;
    expect(label.value).toBe('车辆受损照片 2');
    await act(async () => {
      fireEvent.click(within(dialog).getByRole('button', { name: '添加' }));
    });
    await waitFor(() => expect(api['attachments:add']).toHaveBeenCalledTimes(1));
    expect(api['attachments:add'].mock.calls[0]![0]).toEqual({ caseId: CASE_ID, sessionId: null, statementId: null, category: 'evidence', label: '车辆受损照片 2', mimeType: 'image/png', base64: png.toString('base64') });
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  });

  it('refuses a file over 15 MB and one that is neither a photo nor a PDF at the field, before sending anything', async () => {
    const api = fakeWorkstation({});
    renderSection(record());
    const dialog = await openAdd();
    const big = new File(['%PDF-1.7'], '扫描件.pdf', { type: 'application/pdf' });
    Object.defineProperty(big, 'size', { value: 16 * 1024 * 1024 });
    await pick(dialog, big);
    expect(await within(dialog).findByText('文件不能超过15MB，请压缩后或分开添加')).toBeTruthy();
    await pick(dialog, new File(['GIF89a'], '照片.gif', { type: 'image/gif' }));
    expect(await within(dialog).findByText('只能添加照片（PNG、JPEG）或PDF文件')).toBeTruthy();
    await act(async () => {
      fireEvent.click(within(dialog).getByRole('button', { name: '添加' }));
    });
    expect(api['attachments:add']).not.toHaveBeenCalled();
  });

  it('shows the host refusing the content at the file field', async () => {
    const message = '文件内容不是PNG图片，请选择照片（PNG、JPEG）或PDF文件';
    fakeWorkstation({ 'attachments:add': () => failure('INVALID_INPUT', message, [{ code: 'INVALID_FILE', path: ['base64'], message }]) });
    renderSection(record());
    const dialog = await openAdd();
    await pick(dialog, new File(['not really a png'], '照片.png', { type: 'image/png' }));
    await act(async () => {
      fireEvent.click(within(dialog).getByRole('button', { name: '添加' }));
    });
    expect(await within(dialog).findByText(message)).toBeTruthy();
    expect(screen.getByRole('dialog')).toBeTruthy();
  });
});

describe('viewing an attachment', () => {
  it('shows a photo whole, checked against its hash', async () => {
    const api = fakeWorkstation({ 'attachments:file': () => ok({ attachment: PHOTO, base64: makePng(20).toString('base64'), intact: true }) });
    renderSection(record());
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: '查看 事故现场照片' }));
    });
    expect(api['attachments:file']).toHaveBeenCalledWith({ caseId: CASE_ID, attachmentId: PHOTO_ID });
    const dialog = within(await screen.findByRole('dialog'));
    expect((await dialog.findByRole('img', { name: '事故现场照片（图片）' })).getAttribute('src')).toBe('blob:test-file');
    expect(dialog.getByText('文件校验一致')).toBeTruthy();
    expect(dialog.getByRole('link', { name: /保存文件/ }).getAttribute('download')).toBe('事故现场照片.png');
  });

  it('shows a PDF in the PDF viewer, and an altered file in red, in the viewer and in the list', async () => {
    const pdf = btoa('%PDF-1.7 scan');
    fakeWorkstation({ 'attachments:file': () => ok({ attachment: SCAN, base64: pdf, intact: false }) });
    renderSection(record());
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: '查看 身份证复印件' }));
    });
    const dialog = within(await screen.findByRole('dialog'));
    expect((await dialog.findByTestId('pdf-viewer')).getAttribute('data-pdf')).toBe(pdf);
    expect(dialog.getByRole('alert').textContent).toContain('文件校验不一致（可能被篡改）');
    expect(within(screen.getByRole('button', { name: '查看 身份证复印件' })).getByText('文件校验不一致（可能被篡改）')).toBeTruthy();
  });
});

describe('attachment-file', () => {
  it('takes the type from the MIME type, or from the extension when the system gives none', () => {
    expect(mimeTypeOf({ name: 'a.jpg', type: 'image/jpeg' })).toBe('image/jpeg');
    expect(mimeTypeOf({ name: 'SCAN0001.PDF', type: '' })).toBe('application/pdf');
    expect(mimeTypeOf({ name: 'a.jpeg', type: 'application/octet-stream' })).toBe('image/jpeg');
    expect(mimeTypeOf({ name: 'a.png', type: 'image/gif' })).toBeNull();
    expect(mimeTypeOf({ name: 'a.docx', type: '' })).toBeNull();
  });

  it('makes a label of the file name only', () => {
    expect(labelFromFileName('IMG_20261120_0940.jpg')).toBe('IMG 20261120 0940');
    expect(labelFromFileName('../../etc/passwd.pdf')).toBe('../../etc/passwd');
    expect(labelFromFileName('事故现场照片.PNG')).toBe('事故现场照片');
  });
});
