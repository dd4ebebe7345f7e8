import { createHash } from 'node:crypto';

/** SHA-256 as lower-case hex: how every stored file, issued document and signature image is fingerprinted. */
export const sha256Hex = (bytes: Uint8Array | string): string => createHash('sha256').update(bytes).digest('hex');

/** The SHA-256 of a record's canonical JSON (as parsed by its schema and written), which its audit entry records. */
export const contentSha = (record: unknown): string => sha256Hex(Buffer.from(JSON.stringify(record), 'utf8'));
