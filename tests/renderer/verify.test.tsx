// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { CertificateInfo, DocumentVerification, EarlierCertificateInfo, VerificationReason, VerificationReasonCode } from '../../electron/shared/ipc/contract';
import { CertificateCard } from '../../renderer/src/features/staff/components/CertificateCard';
import { VerifyPage } from '../../renderer/src/features/verify/VerifyPage';
import { looksLikePdf, verifyFileProblem } from '../../renderer/src/features/verify/verify-file';
import { REASON_TONES } from '../../renderer/src/features/verify/VerifyReasons';
import { useRouter } from '../../renderer/src/app/router';
import { fakeWorkstation, renderScreen, stubBrowserApis } from './harness';

beforeAll(stubBrowserApis);
afterEach(cleanup);

const ok = <T,>(value: T) => ({ ok: true as const, value });
/** The page also lists the 数据完整性凭证 (CheckpointsCard) for those who keep the records. */
const NO_CHECKPOINTS = { 'integrity:checkpoints': () => ok({ checkpoints: [], total: 0, running: null, lastRun: null }) };
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
    const api = fakeWorkstation({ ...NO_CHECKPOINTS, 'documents:verify': () => ok(RESULTS.issued_intact) });
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
    fakeWorkstation({ ...NO_CHECKPOINTS, 'documents:verify': () => ok(RESULTS[verdict]) });
    renderScreen(<VerifyPage />, { route: { name: 'verify' } });
    await pick(pdf());
    const box = await screen.findByTestId('verdict');
    expect(box.getAttribute('data-verdict')).toBe(verdict);
    expect(within(box).getByText(words)).toBeTruthy();
    expect(screen.getByText(detail)).toBeTruthy();
    expect(within(box).queryByRole('button', { name: '打开案件' })).toBeNull();
  });

  it('lists why, in Chinese, from the reason codes: the signature, its signer, the registry', async () => {
    fakeWorkstation({ ...NO_CHECKPOINTS, 'documents:verify': () => ok(RESULTS.issued_intact) });
    renderScreen(<VerifyPage />, { route: { name: 'verify' } });
    await pick(pdf());
    const reasons = within(await screen.findByRole('list', { name: '核验依据' }));
    const items = reasons.getAllByRole('listitem');
    expect(items.map((i) => i.getAttribute('data-reason'))).toEqual(['signature_intact', 'signer_current_certificate', 'registered']);
    expect(items.map((i) => i.textContent)).toEqual([
      '数字签章完好：签章覆盖签章值以外的整个文件，签名验证通过，文件摘要与签章一致',
      '签章证书是本中心现用的签章证书',
      '本中心出具登记中有这份文件，与案件记录和存档文件一致',
    ]);
  });

  it('the forged PDFs of the review: a registry hit does not hide a broken signature; a changed padding is called out', async () => {
    const brokenButRegistered: DocumentVerification = { ...RESULTS.signed_but_changed, match: RESULTS.issued_intact.match, reasons: [{ code: 'signature_broken' }, { code: 'registered' }] };
    fakeWorkstation({ ...NO_CHECKPOINTS, 'documents:verify': () => ok(brokenButRegistered) });
    renderScreen(<VerifyPage />, { route: { name: 'verify' } });
    await pick(pdf());
    let box = await screen.findByTestId('verdict');
    expect(box.getAttribute('data-verdict')).toBe('signed_but_changed');
    expect(within(box).getByText('文件已被修改')).toBeTruthy();
    expect(within(box).queryByText('本中心出具，未被修改')).toBeNull();
    expect(within(box).getByText('数字签章无效：签章后文件内容被改动，或签章数据已损坏').closest('li')!.getAttribute('data-tone')).toBe('bad');
    cleanup();

    fakeWorkstation({ ...NO_CHECKPOINTS, 'documents:verify': () => ok({ ...RESULTS.signed_but_changed, reasons: [{ code: 'padding_not_zero' }, { code: 'not_registered' }] }) });
    renderScreen(<VerifyPage />, { route: { name: 'verify' } });
    await pick(pdf());
    box = await screen.findByTestId('verdict');
    expect(within(box).getByText('签章数据区在签章值之后写有其他内容（应全部为 0）：签章后文件被改动过')).toBeTruthy();
    expect(within(box).getByText('本中心出具登记中没有这份文件')).toBeTruthy();
    expect(screen.getByText('签章数据区被改动')).toBeTruthy();
    expect(screen.getByText('签章已失效，无法认定')).toBeTruthy();
  });

  it('an earlier certificate of the center: named with its fingerprint and validity, and 本中心以前使用的证书', async () => {
    const earlier: EarlierCertificateInfo = { subject: 'C=CN, CN=青山县人民调解委员会文书签章', fingerprintSha256: '0a1b2c3d4e5f6789'.padEnd(64, 'e'), notBefore: '2016-05-08T04:20:00.000Z', notAfter: '2026-05-08T04:20:00.000Z', source: 'generated', replacedAt: '2026-04-01T02:00:00.000Z' };
    const result: DocumentVerification = { ...RESULTS.issued_intact, reasons: [{ code: 'signature_intact' }, { code: 'signer_earlier_certificate', certificate: earlier }, { code: 'registered' }] };
    fakeWorkstation({ ...NO_CHECKPOINTS, 'documents:verify': () => ok(result) });
    renderScreen(<VerifyPage />, { route: { name: 'verify' } });
    await pick(pdf());
    const box = within(await screen.findByTestId('verdict'));
    expect(box.getByText('本中心出具，未被修改')).toBeTruthy();
    expect(box.getByText('签章证书是本中心以前使用的签章证书（指纹 0A:1B:2C:3D:4E:5F:67:89…，有效期 2016-05-08 至 2026-05-08）')).toBeTruthy();
    expect(screen.getByText('本中心以前使用的证书')).toBeTruthy();
  });

  it('every verdict and every reason code has its words (no code shown raw)', async () => {
    const earlier: EarlierCertificateInfo = { subject: 'CN=x', fingerprintSha256: 'a'.repeat(64), notBefore: '2020-01-01T00:00:00.000Z', notAfter: '2030-01-01T00:00:00.000Z', source: 'imported', replacedAt: '2026-01-01T00:00:00.000Z' };
    const all = Object.keys(REASON_TONES) as VerificationReasonCode[];
    const reasons = all.map((code): VerificationReason => (code === 'signer_earlier_certificate' ? { code, certificate: earlier } : { code }));
    for (const verdict of Object.keys(RESULTS) as DocumentVerification['verdict'][]) {
      fakeWorkstation({ ...NO_CHECKPOINTS, 'documents:verify': () => ok({ ...RESULTS[verdict], reasons }) });
      renderScreen(<VerifyPage />, { route: { name: 'verify' } });
      await pick(pdf());
      const box = await screen.findByTestId('verdict');
      expect(box.getAttribute('data-tone'), verdict).toMatch(/^(good|bad|warn|neutral)$/);
      const items = within(box).getAllByRole('listitem');
      expect(items).toHaveLength(all.length);
      for (const item of items) {
        expect(item.textContent!.length, item.getAttribute('data-reason')!).toBeGreaterThan(6);
        expect(item.textContent).not.toMatch(/[a-z]+_[a-z]+/);
      }
      cleanup();
    }
  });

  it('a changed file is not said to be another signer’s: its certificate cannot be judged', async () => {
    fakeWorkstation({ ...NO_CHECKPOINTS, 'documents:verify': () => ok(RESULTS.signed_but_changed) });
    renderScreen(<VerifyPage />, { route: { name: 'verify' } });
    await pick(pdf());
    await screen.findByTestId('verdict');
    expect(screen.getByText('签章已失效，无法认定')).toBeTruthy();
    expect(screen.queryByText('非本中心证书')).toBeNull();
  });

  it('refuses a file that is not a PDF (by name or by its bytes) before sending anything', async () => {
    const api = fakeWorkstation({ ...NO_CHECKPOINTS });
    renderScreen(<VerifyPage />, { route: { name: 'verify' } });
    await pick(new File(['hello'], 'notes.txt', { type: 'text/plain' }));
    expect(within(await screen.findByRole('alert')).getByText('请选择PDF文件')).toBeTruthy();
    await pick(pdf('renamed.pdf', new TextEncoder().encode('PK\u0003\u0004 a word file')));
    await waitFor(() => expect(within(screen.getByRole('alert')).getByText(/renamed\.pdf/)).toBeTruthy());
    expect(api['documents:verify']).not.toHaveBeenCalled();
  });

  it('takes a dropped file', async () => {
    const api = fakeWorkstation({ ...NO_CHECKPOINTS, 'documents:verify': () => ok(RESULTS.unknown) });
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

  it('shows the earlier certificates too: subject, fingerprint prefix, validity, when replaced', async () => {
    const earlier: EarlierCertificateInfo = { subject: 'C=CN, CN=青山县人民调解委员会文书签章', fingerprintSha256: 'fedcba9876543210'.padEnd(64, '0'), notBefore: '2016-05-08T04:20:00.000Z', notAfter: '2026-05-08T04:20:00.000Z', source: 'generated', replacedAt: '2026-11-20T02:00:00.000Z' };
    fakeWorkstation({ 'settings:certificate': () => ok({ ...cert, source: 'imported' as const, earlier: [earlier] }) });
    renderScreen(<CertificateCard />, { route: { name: 'staff' } });
    const list = within(await screen.findByTestId('certificate-earlier'));
    expect(list.getByText('以前使用的签章证书')).toBeTruthy();
    const row = within(list.getAllByRole('row')[1]!);
    expect(row.getByText(earlier.subject)).toBeTruthy();
    expect(row.getByText('FE:DC:BA:98:76:54:32:10…')).toBeTruthy();
    expect(row.getByText('2016-05-08 至 2026-05-08')).toBeTruthy();
    expect(row.getByText('2026-11-20 停用')).toBeTruthy();
  });

  it('no earlier list while there is none', async () => {
    fakeWorkstation({ 'settings:certificate': () => ok({ ...cert, earlier: [] }) });
    renderScreen(<CertificateCard />, { route: { name: 'staff' } });
    await screen.findByTestId('certificate-details');
    expect(screen.queryByTestId('certificate-earlier')).toBeNull();
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
