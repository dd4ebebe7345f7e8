/**
 * "Verify a document": given any PDF, say whether this center issued exactly these bytes (and which case and
 * version), and whether its digital signature is intact and the center's (its current certificate or an earlier one).
 * The hash registry, confirmed by the case record and the archived file, answers the first; the PAdES check
 * (inspectPdfSignature) the second; verdict.ts weighs them, the signature first.
 */
import type { CertificateInfo, DocumentVerification } from '../../shared/ipc/contract';
import { ApiFailure } from '../../shared/ipc/result';
import {
  CertificateError,
  type CenterCertificateInfo,
  type EarlierCertificate,
  importCenterCertificate,
  inspectPdfSignature,
  loadCenterCertificates,
} from '../signing';
import type { Workstation } from './workstation';
import { sha256Hex } from '../storage/sha256';
import type { Staff } from '../../shared/domain';
import { type RegistryStatus, earlierInfo, judge } from './verdict';
import { certificatesDir } from '../signing/sealing-certificate';
import { newSealKey, sealKeyHolders, sealRecipientsExist } from './seal-key';
import type { WorkstationData } from '../storage/workstation-file';

function info(cert: CenterCertificateInfo, earlier: readonly EarlierCertificate[], data: WorkstationData): CertificateInfo {
  return { subject: cert.subject, fingerprintSha256: cert.fingerprintSha256, notBefore: cert.notBefore, notAfter: cert.notAfter, source: cert.source, earlier: earlier.map(earlierInfo), sealKey: sealKeyHolders(data) };
}

export async function getCertificate(ws: Workstation): Promise<CertificateInfo | null> {
  const { current, earlier } = await loadCenterCertificates(certificatesDir(ws), ws.centerFs);
  return current ? info(current, earlier, ws.state.data) : null;
}

/**
 * An administrator imports a PKCS#12: its key is sealed under a new seal key, boxed at once to every person who may
 * seal and to the recovery key (the administrator holds none of it). The certificate is stored first, then the new
 * seal key: a crash in between leaves a certificate no one can open, which signing reports and a new import mends.
 */
export async function importCertificate(ws: Workstation, input: { p12Base64: string; password: string }, actor: Staff): Promise<CertificateInfo> {
  if (!actor.roles.includes('admin')) throw new ApiFailure('FORBIDDEN', '只有中心管理员可以导入签章证书');
  if (!sealRecipientsExist(ws.state.data)) throw new ApiFailure('NOT_ALLOWED', '尚无可以持有签章密钥的工作人员（法律顾问或中心负责人须先登录一次），暂不能导入证书');
  const draft = structuredClone(ws.state.data);
  const sealKey = newSealKey(draft, ws.clock.now().toISOString());
  let cert: CenterCertificateInfo;
  try {
    cert = await importCenterCertificate(certificatesDir(ws), Buffer.from(input.p12Base64, 'base64'), input.password, { now: ws.clock.now(), sealKey, fs: ws.centerFs });
  } catch (error) {
    if (error instanceof CertificateError) throw new ApiFailure('INVALID_INPUT', error.message, [{ code: 'INVALID_FILE', path: [error.code === 'WRONG_PASSWORD' ? 'password' : 'p12Base64'], message: error.message }]);
    throw error;
  }
  await ws.updateState((data) => void (data.keyring!.seal = draft.keyring!.seal), {
    actorId: actor.id,
    actorName: actor.name,
    action: 'settings:import-certificate',
    detail: `导入签章证书（指纹SHA-256前16位 ${cert.fingerprintSha256.slice(0, 16)}，有效期至${cert.notAfter.slice(0, 10)}）；生成新的签章密钥，仅发放给可以盖章的工作人员与恢复密钥`,
  });
  return info(cert, (await loadCenterCertificates(certificatesDir(ws), ws.centerFs)).earlier, ws.state.data);
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
  const { current, earlier } = await loadCenterCertificates(certificatesDir(ws), ws.centerFs);
  const judged = judge({ check, center: { current: current?.fingerprintSha256 ?? null, earlier }, registry: lookup });
  const signature = check.signed
    ? { intact: check.intact, coversWholeFile: check.coversWholeFile, byThisCenter: judged.byThisCenter, signerSubject: check.signerSubject, signedAt: check.signedAt }
    : null;
  return { sha256, match: judged.registered ? lookup.match : null, signature, verdict: judged.verdict, reasons: judged.reasons };
}
