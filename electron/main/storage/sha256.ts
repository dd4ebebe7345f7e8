import { createHash } from 'node:crypto';

/** SHA-256 as lower-case hex: how every stored file, issued document and signature image is fingerprinted. */
export const sha256Hex = (bytes: Uint8Array | string): string => createHash('sha256').update(bytes).digest('hex');
