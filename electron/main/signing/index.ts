/** Digital signatures of issued PDFs with the center's certificate (issue #6). */
export {
  type CenterCertificate,
  type CertificateSource,
  type CreateOptions,
  CENTER_JSON,
  CENTER_P12,
  createCenterCertificate,
  ensureCenterCertificate,
  importCenterCertificate,
  loadCenterCertificate,
} from './center-certificate';
export { CertificateError, type CertificateErrorCode } from './errors';
export { type SignatureInfo, signPdf } from './pades';
export { type PdfSignatureCheck, type SignatureProblem, inspectPdfSignature } from './verify';
