/** Why a certificate cannot be used. The message is shown to the user as is (Chinese); the code is for callers. */
export type CertificateErrorCode =
  | 'WRONG_PASSWORD'
  | 'UNSUPPORTED_PASSWORD'
  | 'NOT_PKCS12'
  | 'NO_PRIVATE_KEY'
  | 'UNPROTECTED_KEY'
  | 'UNSUPPORTED_KEY'
  | 'WEAK_KEY'
  | 'NO_CERTIFICATE'
  | 'NOT_FOR_SIGNING'
  | 'NOT_YET_VALID'
  | 'EXPIRED'
  | 'EXISTS'
  | 'CORRUPT'
  | 'SEAL_KEY';

export class CertificateError extends Error {
  constructor(
    readonly code: CertificateErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'CertificateError';
  }
}
