// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { CertificateInfo, DocumentVerification } from '../../electron/shared/ipc/contract';
import { CertificateCard } from '../../renderer/src/features/staff/components/CertificateCard';
import { VerifyPage } from '../../renderer/src/features/verify/VerifyPage';
import { looksLikePdf, verifyFileProblem } from '../../renderer/src/features/verify/verify-file';
import { useRouter } from '../../renderer/src/app/router';
import { fakeWorkstation, renderScreen, stubBrowserApis } from './harness';

beforeAll(stubBrowserApis);
afterEach(cleanup);

const ok = <T,>(value: T) => ({ ok: true as const, value });
const SHA = 'ab'.repeat(32);
const CASE_ID = '0b4c1a9e-1111-4222-8333-944455556666';
const PDF_BYTES = new TextEncoder().encode('%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF');

const intactSignature = { intact: true, coversWholeFile: true, byThisCenter: true, signerSubject: 'CN=People\'s Mediation Committee Document Seal', signedAt: '2026-11-25T03:00:00.000Z' };
const RESULTS: Record<DocumentVerification['verdict'], DocumentVerification> = {
  issued_intact: {
    sha256: SHA,
    match: { caseId: CASE_ID, caseNumber: '（2026）青调字第0001号', documentId: 'f6f6f6f6-0000-4000-8000-000000000001', title: '人民调解协议书', version: 2, createdAt: '2026-11-25T03:00:00.000Z' },
    signature: intactSignature,
    verdict: 'issued_intact',
    reasons: [{ code: 'signature_intact' }, { code: 'signer_current_certificate' }, { code: 'registered' }],
  },
  signed_but_changed: { sha256: SHA, match: null, signature: { ...intactSignature, intact: false, byThisCenter: false }, verdict: 'signed_but_changed', reasons: [{ code: 'signature_broken' }, { code: 'not_registered' }] },
  signed_by_center_unregistered: { sha256: SHA, match: null, signature: intactSignature, verdict: 'signed_by_center_unregistered', reasons: [{ code: 'signature_intact' }, { code: 'signer_current_certificate' }, { code: 'not_registered' }] },
  signed_by_other: { sha256: SHA, match: null, signature: { ...intactSignature, byThisCenter: false, signerSubject: 'CN=Someone Else' }, verdict: 'signed_by_other', reasons: [{ code: 'signature_intact' }, { code: 'signer_unknown' }, { code: 'not_registered' }] },
  unknown: { sha256: SHA, match: null, signature: null, verdict: 'unknown', reasons: [{ code: 'unsigned' }, { code: 'not_registered' }] },
};

function RouteProbe() {
  const { route } = useRouter();
  return <output data-testid="route">{JSON.stringify(route)}</output>;
}

const pick = async (file: File) => {
  await act(async () => {
    fireEvent.change(screen.getByLabelText('选择PDF文件'), { target: { files: [file] } });
  });
};
const pdf = (name = '协议书.pdf', bytes: Uint8Array<ArrayBuffer> = PDF_BYTES) => new File([bytes], name, { type: 'application/pdf' });

describe('verify-file', () => {
  it('takes PDFs by type or name, refuses anything else, empty files and files over 30 MB', () => {
    expect(verifyFileProblem({ name: 'a.pdf', type: 'application/pdf', size: 10 })).toBeNull();
    expect(verifyFileProblem({ name: 'a.PDF', type: '', size: 10 })).toBeNull();
    expect(verifyFileProblem({ name: 'a.docx', type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', size: 10 })).toBe('请选择PDF文件');
    expect(verifyFileProblem({ name: 'a.pdf', type: 'application/pdf', size: 0 })).toBe('文件是空的');
    expect(verifyFileProblem({ name: 'a.pdf', type: 'application/pdf', size: 30 * 1024 * 1024 + 1 })).toBe('文件不能超过 30 MB');
    expect(looksLikePdf(PDF_BYTES)).toBe(true);
    expect(looksLikePdf(new TextEncoder().encode('PK\u0003\u0004 word'))).toBe(false);
  });
});

describe('文书核验', () => {
  it('本中心出具，未被修改: the case, the document, its version, when; the SHA-256 and the signature; a way to the case', async () => {
    const api = fakeWorkstation({ 'documents:verify': () => ok(RESULTS.issued_intact) });
    renderScreen(
      <>
        <VerifyPage />
        <RouteProbe />
      </>,
      { route: { name: 'verify' } },
    );
    await pick(pdf());
    const verdict = within(await screen.findByTestId('verdict'));
    expect(verdict.getByText('本中心出具，未被修改')).toBeTruthy();
    expect(verdict.getByText('（2026）青调字第0001号')).toBeTruthy();
    expect(verdict.getByText('《人民调解协议书》')).toBeTruthy();
    expect(verdict.getByText('第2版')).toBeTruthy();
    expect(screen.getByTestId('verify-sha256').textContent).toBe(SHA);
    expect(screen.getByText('签章完好')).toBeTruthy();
    expect(screen.getByText('本中心证书')).toBeTruthy();
    expect(api['documents:verify']).toHaveBeenCalledWith({ pdfBase64: btoa(String.fromCharCode(...PDF_BYTES)) });
    fireEvent.click(verdict.getByRole('button', { name: '打开案件' }));
    expect(JSON.parse(screen.getByTestId('route').textContent!)).toEqual({ name: 'case', id: CASE_ID });
  });

  it.each([
    ['signed_but_changed', '文件已被修改', '签章后内容被改动'],
    ['signed_by_center_unregistered', '本中心签章有效，但不是登记在册的版本', '签章完好'],
    ['signed_by_other', '非本中心签章', '非本中心证书'],
    ['unknown', '无法确认', '无数字签章'],
  ] as const)('%s: says %s', async (verdict, words, detail) => {
    fakeWorkstation({ 'documents:verify': () => ok(RESULTS[verdict]) });
    renderScreen(<VerifyPage />, { route: { name: 'verify' } });
    await pick(pdf());
    const box = await screen.findByTestId('verdict');
    expect(box.getAttribute('data-verdict')).toBe(verdict);
    expect(within(box).getByText(words)).toBeTruthy();
    expect(screen.getByText(detail)).toBeTruthy();
    expect(within(box).queryByRole('button', { name: '打开案件' })).toBeNull();
  });

  it('a changed file is not said to be another signer’s: its certificate cannot be judged', async () => {
    fakeWorkstation({ 'documents:verify': () => ok(RESULTS.signed_but_changed) });
    renderScreen(<VerifyPage />, { route: { name: 'verify' } });
    await pick(pdf());
    await screen.findByTestId('verdict');
    expect(screen.getByText('签章已失效，无法认定')).toBeTruthy();
    expect(screen.queryByText('非本中心证书')).toBeNull();
  });

  it('refuses a file that is not a PDF (by name or by its bytes) before sending anything', async () => {
    const api = fakeWorkstation({});
    renderScreen(<VerifyPage />, { route: { name: 'verify' } });
    await pick(new File(['hello'], 'notes.txt', { type: 'text/plain' }));
    expect(within(await screen.findByRole('alert')).getByText('请选择PDF文件')).toBeTruthy();
    await pick(pdf('renamed.pdf', new TextEncoder().encode('PK\u0003\u0004 a word file')));
    await waitFor(() => expect(within(screen.getByRole('alert')).getByText(/renamed\.pdf/)).toBeTruthy());
    expect(api['documents:verify']).not.toHaveBeenCalled();
  });

  it('takes a dropped file', async () => {
    const api = fakeWorkstation({ 'documents:verify': () => ok(RESULTS.unknown) });
    renderScreen(<VerifyPage />, { route: { name: 'verify' } });
    await act(async () => {
      fireEvent.drop(screen.getByTestId('verify-drop'), { dataTransfer: { files: [pdf()] } });
    });
    expect(await screen.findByText('无法确认')).toBeTruthy();
    expect(api['documents:verify']).toHaveBeenCalledTimes(1);
  });
});

describe('签章证书 (人员与设置)', () => {
  const cert: CertificateInfo = { subject: "CN=People's Mediation Committee Document Seal, O=MW-1234", fingerprintSha256: '0a1b2c3d4e5f6789'.padEnd(64, 'f'), notBefore: '2026-11-01T00:00:00.000Z', notAfter: '2036-11-01T00:00:00.000Z', source: 'generated' };

  it('shows the certificate: subject, fingerprint prefix, validity, generated here', async () => {
    fakeWorkstation({ 'settings:certificate': () => ok(cert) });
    renderScreen(<CertificateCard />, { route: { name: 'staff' } });
    const details = within(await screen.findByTestId('certificate-details'));
    expect(details.getByText(cert.subject)).toBeTruthy();
    expect(details.getByText('0A:1B:2C:3D:4E:5F:67:89…')).toBeTruthy();
    expect(details.getByText(/2026-11-01 至 2036-11-01/)).toBeTruthy();
    expect(details.getByText('本机生成')).toBeTruthy();
  });

  it('says when none exists yet', async () => {
    fakeWorkstation({ 'settings:certificate': () => ok(null) });
    renderScreen(<CertificateCard />, { route: { name: 'staff' } });
    expect(await screen.findByText('尚未生成签章证书')).toBeTruthy();
  });

  it('imports a .p12 with its password; a wrong password is shown at the password, a broken file at the file', async () => {
    let answer: 'password' | 'file' | 'ok' = 'password';
    const api = fakeWorkstation({
      'settings:certificate': () => ok(answer === 'ok' ? { ...cert, source: 'imported' as const } : cert),
      'settings:import-certificate': () =>
        answer === 'ok'
          ? ok({ ...cert, source: 'imported' as const })
          : {
              ok: false as const,
              error: {
                code: 'INVALID_INPUT' as const,
                message: answer === 'password' ? '证书密码不正确' : '不是有效的证书文件',
                issues: [{ code: 'INVALID_FILE', path: [answer === 'password' ? 'password' : 'p12Base64'], message: answer === 'password' ? '证书密码不正确' : '不是有效的证书文件' }],
              },
            },
    });
    renderScreen(<CertificateCard />, { route: { name: 'staff' } });
    await screen.findByTestId('certificate-details');
    const form = within(screen.getByRole('form', { name: '导入证书' }));
    await act(async () => {
      fireEvent.click(form.getByRole('button', { name: '导入证书' }));
    });
    expect(form.getByText('请选择证书文件')).toBeTruthy();
    const input = screen.getByRole('form', { name: '导入证书' }).querySelector('input[type="file"]')!;
    fireEvent.change(input, { target: { files: [new File([new Uint8Array([1, 2, 3])], 'center.p12', { type: 'application/x-pkcs12' })] } });
    fireEvent.change(form.getByLabelText('证书密码'), { target: { value: 'wrong' } });
    await act(async () => {
      fireEvent.click(form.getByRole('button', { name: '导入证书' }));
    });
    expect(await form.findByText('证书密码不正确')).toBeTruthy();
    // At the password field, not the file.
    expect(form.getByLabelText('证书密码').closest('.mantine-InputWrapper-root')!.textContent).toContain('证书密码不正确');
    expect(api['settings:import-certificate']).toHaveBeenCalledWith({ p12Base64: 'AQID', password: 'wrong' });

    answer = 'file';
    await act(async () => {
      fireEvent.click(form.getByRole('button', { name: '导入证书' }));
    });
    expect(await form.findByText('不是有效的证书文件')).toBeTruthy();
    expect(form.getByLabelText('证书文件（.p12 / .pfx）').closest('.mantine-InputWrapper-root')!.textContent).toContain('不是有效的证书文件');
    expect(form.queryByText('证书密码不正确')).toBeNull();

    answer = 'ok';
    await act(async () => {
      fireEvent.click(form.getByRole('button', { name: '导入证书' }));
    });
    expect(await screen.findByText('导入')).toBeTruthy();
  });

});
