import { createHash, hkdfSync, randomBytes } from 'node:crypto';

/**
 * The recovery key printed at setup for the center's safe: 160 random bits and a 16-bit checksum, written in
 * Crockford's base32 (no I, L, O, U: nothing to misread on paper) as nine groups of four, e.g.
 * `7K3M-Q9XD-…`. Typing is forgiving (case, spaces, dashes, I/L for 1, O for 0); a typo fails the checksum
 * with its own message instead of a wrong key.
 */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const SECRET_BYTES = 20;

function encode(bytes: Buffer): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += ALPHABET[(value << (5 - bits)) & 31];
  return out;
}

function decode(text: string): Buffer | null {
  let bits = 0;
  let value = 0;
  const out: number[] = [];
  for (const ch of text) {
    const v = ALPHABET.indexOf(ch);
    if (v < 0) return null;
    value = ((value << 5) | v) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

const checksum = (secret: Buffer) => createHash('sha256').update(secret).digest().subarray(0, 2);

export function newRecoveryKey(): { text: string; secret: Buffer } {
  const secret = randomBytes(SECRET_BYTES);
  const text = encode(Buffer.concat([secret, checksum(secret)]))
    .match(/.{1,4}/g)!
    .join('-');
  return { text, secret };
}

export type RecoveryKeyParse = { ok: true; secret: Buffer } | { ok: false; problem: 'length' | 'characters' | 'checksum' };

export function parseRecoveryKey(input: string): RecoveryKeyParse {
  const cleaned = input
    .toUpperCase()
    .replace(/[\s\-－—_]/g, '')
    .replace(/[IL]/g, '1')
    .replace(/O/g, '0');
  if (cleaned.length !== 36) return { ok: false, problem: 'length' };
  const bytes = decode(cleaned);
  if (!bytes) return { ok: false, problem: 'characters' };
  const secret = bytes.subarray(0, SECRET_BYTES);
  return bytes.subarray(SECRET_BYTES, SECRET_BYTES + 2).equals(checksum(secret)) ? { ok: true, secret: Buffer.from(secret) } : { ok: false, problem: 'checksum' };
}

/** The key that wraps the data key for recovery (the secret is already 160 random bits: no slow derivation needed). */
export function recoveryKek(secret: Buffer, keyId: string): Buffer {
  return Buffer.from(hkdfSync('sha256', secret, Buffer.from(keyId, 'utf8'), 'mediation-workstation recovery v1', 32));
}
