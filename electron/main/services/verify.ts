/**
 * "Verify a document": given any PDF, say whether this center issued exactly these bytes (and which case and
 * version), and whether its digital signature is intact and the center's. The hash registry answers the first;
 * the PAdES check (inspectPdfSignature) the second. A PDF that is not byte-identical to an issued version but whose
 * signature is intact and the center's was signed here but not registered (e.g. issued before the registry).
 */
import path from 'node:path';
import type { CertificateInfo, DocumentVerification } from '../../shared/ipc/contract';
import { ApiFailure } from '../../shared/ipc/result';
import { CertificateError, type CenterCertificate, ensureCenterCertificate, importCenterCertificate, inspectPdfSignature, loadCenterCertificate } from '../signing';
import type { Workstation } from './workstation';
import { sha256Hex } from '../storage/sha256';
import type { Staff } from '../../shared/domain';

export const certificatesDir = (ws: Workstation) => path.join(ws.opts.dataDir, 'certificates');

/** The center's signing certificate, created on first use. */
export async function centerCertificate(ws: Workstation): Promise<CenterCertificate> {
  const settings = ws.state.data.settings;
  return ensureCenterCertificate(certificatesDir(ws), { centerName: settings?.centerName ?? '', committeeName: settings?.committeeName ?? '', now: ws.clock.now() });
}

function info(cert: CenterCertificate): CertificateInfo {
  return { subject: cert.subject, fingerprintSha256: cert.fingerprintSha256, notBefore: cert.notBefore, notAfter: cert.notAfter, source: cert.source };
}

export async function getCertificate(ws: Workstation): Promise<CertificateInfo | null> {
  const cert = await loadCenterCertificate(certificatesDir(ws));
  return cert ? info(cert) : null;
}

export async function importCertificate(ws: Workstation, input: { p12Base64: string; password: string }, actor: Staff): Promise<CertificateInfo> {
  if (!actor.roles.includes('admin')) throw new ApiFailure('FORBIDDEN', '只有中心管理员可以导入签章证书');
  let cert: CenterCertificate;
  try {
    cert = await importCenterCertificate(certificatesDir(ws), Buffer.from(input.p12Base64, 'base64'), input.password, { now: ws.clock.now() });
  } catch (error) {
    if (error instanceof CertificateError) throw new ApiFailure('INVALID_INPUT', error.message, [{ code: 'INVALID_FILE', path: [error.code === 'WRONG_PASSWORD' ? 'password' : 'p12Base64'], message: error.message }]);
    throw error;
  }
  await ws.audit({ actorId: actor.id, actorName: actor.name, action: 'settings:import-certificate', detail: `导入签章证书（指纹SHA-256前16位 ${cert.fingerprintSha256.slice(0, 16)}，有效期至${cert.notAfter.slice(0, 10)}）` });
  return info(cert);
}

export async function verifyDocument(ws: Workstation, input: { pdfBase64: string }): Promise<DocumentVerification> {
  const bytes = Buffer.from(input.pdfBase64, 'base64');
  const sha256 = sha256Hex(bytes);
  let match: DocumentVerification['match'] = null;
  const hit = await ws.cases.findIssuedFile(sha256);
  if (hit) {
    // The registry is written before the case names the document: confirm against the case itself.
    const record = await ws.cases.get(hit.caseId).catch(() => null);
    const doc = record?.documents.find((d) => d.id === hit.documentId && d.files.some((f) => f.sha256 === sha256));
    if (record && doc) match = { caseId: record.id, caseNumber: record.caseNumber, documentId: doc.id, title: doc.title, version: doc.version, createdAt: doc.createdAt };
  }
  const check = inspectPdfSignature(bytes);
  const center = await loadCenterCertificate(certificatesDir(ws));
  const signature = check.signed
    ? {
        intact: check.intact,
        coversWholeFile: check.coversWholeFile,
        byThisCenter: check.intact && center !== null && check.signerFingerprintSha256 === center.fingerprintSha256,
        signerSubject: check.signerSubject,
        signedAt: check.signedAt,
      }
    : null;
  const verdict: DocumentVerification['verdict'] = match
    ? 'issued_intact'
    : signature && !signature.intact
      ? 'signed_but_changed'
      : signature?.byThisCenter
        ? 'signed_by_center_unregistered'
        : signature
          ? 'signed_by_other'
          : 'unknown';
  return { sha256, match, signature, verdict };
}
