/**
 * "Verify a document": given any PDF, say whether this center issued exactly these bytes (and which case and
 * version), and whether its digital signature is intact and the center's (its current certificate or an earlier one).
 * The hash registry, confirmed by the case record and the archived file, answers the first; the PAdES check
 * (inspectPdfSignature) the second; verdict.ts weighs them, the signature first.
 */
import path from 'node:path';
import type { CertificateInfo, DocumentVerification } from '../../shared/ipc/contract';
import { ApiFailure } from '../../shared/ipc/result';
import {
  CertificateError,
  type CenterCertificate,
  type EarlierCertificate,
  ensureCenterCertificate,
  importCenterCertificate,
  inspectPdfSignature,
  loadCenterCertificates,
} from '../signing';
import type { Workstation } from './workstation';
import { sha256Hex } from '../storage/sha256';
import type { Staff } from '../../shared/domain';
import { type RegistryStatus, earlierInfo, judge } from './verdict';

export const certificatesDir = (ws: Workstation) => path.join(ws.opts.dataDir, 'certificates');

/** The center's signing certificate, created on first use. */
export async function centerCertificate(ws: Workstation): Promise<CenterCertificate> {
  const settings = ws.state.data.settings;
  return ensureCenterCertificate(certificatesDir(ws), { centerName: settings?.centerName ?? '', committeeName: settings?.committeeName ?? '', now: ws.clock.now() });
}

function info(cert: CenterCertificate, earlier: readonly EarlierCertificate[]): CertificateInfo {
  return { subject: cert.subject, fingerprintSha256: cert.fingerprintSha256, notBefore: cert.notBefore, notAfter: cert.notAfter, source: cert.source, earlier: earlier.map(earlierInfo) };
}

export async function getCertificate(ws: Workstation): Promise<CertificateInfo | null> {
  const { current, earlier } = await loadCenterCertificates(certificatesDir(ws));
  return current ? info(current, earlier) : null;
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
  return info(cert, (await loadCenterCertificates(certificatesDir(ws))).earlier);
}

interface Lookup {
  status: RegistryStatus;
  signedOriginal: boolean;
  match: DocumentVerification['match'];
}

/**
 * The registry's entry for these bytes, confirmed against the case record (the registry is written before the case
 * names the document, so an entry alone may be a version that was never recorded) and against the archived file
 * itself (a SHA-256 edited in a case record and a rebuilt registry are not enough to make a file registered).
 */
async function lookUp(ws: Workstation, sha256: string): Promise<Lookup> {
  const hit = await ws.cases.findIssuedFile(sha256);
  if (!hit) return { status: 'not_registered', signedOriginal: false, match: null };
  const disagrees: Lookup = { status: 'registered_but_case_disagrees', signedOriginal: false, match: null };
  const record = await ws.cases.get(hit.caseId).catch(() => null);
  const doc = record?.documents.find((d) => d.id === hit.documentId);
  const file = doc?.files.find((f) => f.sha256 === sha256);
  if (!record || !doc || !file) return disagrees;
  const stored = await ws.cases.getFile(record.id, 'documents', file.file).catch(() => null);
  if (!stored || sha256Hex(stored) !== sha256) return disagrees;
  return {
    status: 'registered',
    signedOriginal: doc.signed === true && file.format === 'pdf',
    match: { caseId: record.id, caseNumber: record.caseNumber, documentId: doc.id, title: doc.title, version: doc.version, createdAt: doc.createdAt },
  };
}

export async function verifyDocument(ws: Workstation, input: { pdfBase64: string }): Promise<DocumentVerification> {
  const bytes = Buffer.from(input.pdfBase64, 'base64');
  const sha256 = sha256Hex(bytes);
  const lookup = await lookUp(ws, sha256);
  const check = inspectPdfSignature(bytes);
  const { current, earlier } = await loadCenterCertificates(certificatesDir(ws));
  const judged = judge({ check, center: { current: current?.fingerprintSha256 ?? null, earlier }, registry: lookup });
  const signature = check.signed
    ? { intact: check.intact, coversWholeFile: check.coversWholeFile, byThisCenter: judged.byThisCenter, signerSubject: check.signerSubject, signedAt: check.signedAt }
    : null;
  return { sha256, match: judged.registered ? lookup.match : null, signature, verdict: judged.verdict, reasons: judged.reasons };
}
