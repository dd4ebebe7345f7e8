/** Digital signatures of issued PDFs with the center's certificate (issue #6). */
export {
  type CenterCertificate,
  type CenterCertificateInfo,
  type CenterCertificates,
  type CertificateSource,
  type CreateOptions,
  CENTER_JSON,
  CENTER_KEY,
  LEGACY_P12,
  createCenterCertificate,
  ensureCenterCertificate,
  hasLegacyCertificate,
  importCenterCertificate,
  loadCenterCertificate,
  loadCenterCertificates,
  sealLegacyCertificate,
  unlockCenterCertificate,
} from './center-certificate';
export { type EarlierCertificate, HISTORY_JSON } from './certificate-history';
export { CertificateError, type CertificateErrorCode } from './errors';
export { type SignatureInfo, signPdf } from './pades';
export { type PdfSignatureCheck, type SignatureProblem, inspectPdfSignature } from './verify';
