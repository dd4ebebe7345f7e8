import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';

/**
 * Passwords are kept as scrypt hashes (node:crypto, no native module) with a per-user salt. The parameters are
 * stored with each hash, so they can be raised later: a hash made with weaker ones still verifies and is replaced at
 * the next sign-in (`needsRehash`).
 */
export const PasswordHashSchema = z.strictObject({
  algorithm: z.literal('scrypt'),
  N: z.int().min(1024).max(2 ** 22),
  r: z.int().min(1).max(32),
  p: z.int().min(1).max(16),
  keyLength: z.int().min(16).max(128),
  salt: z.base64(),
  hash: z.base64(),
});
export type PasswordHash = z.infer<typeof PasswordHashSchema>;

/** N=2^15, r=8: about 160 ms on these machines (stack-notes), between the 50 and 300 ms that keep guessing slow. */
export const CURRENT_PARAMS = { N: 2 ** 15, r: 8, p: 1, keyLength: 32 } as const;

function derive(password: string, salt: Buffer, params: Pick<PasswordHash, 'N' | 'r' | 'p' | 'keyLength'>): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    // maxmem: scrypt needs 128·N·r bytes; the default cap (32 MiB) is exactly that at N=2^15, r=8.
    scrypt(password.normalize('NFC'), salt, params.keyLength, { N: params.N, r: params.r, p: params.p, maxmem: 256 * params.N * params.r + 1024 * 1024 }, (err, key) =>
      err ? reject(err) : resolve(key),
    );
  });
}

/**
 * One scrypt run gives both the stored verifier and a key-encryption key that is never stored: scrypt ends in
 * PBKDF2-HMAC-SHA256, whose output blocks are independent, so the first `keyLength` bytes are exactly the hash a
 * shorter run gives (hashes made before keys existed still verify) and the next 32 bytes wrap the center's data key
 * for this person (crypto/keyring.ts). Knowing the verifier does not give the key without the password.
 */
async function deriveBoth(password: string, salt: Buffer, params: Pick<PasswordHash, 'N' | 'r' | 'p' | 'keyLength'>): Promise<{ verifier: Buffer; kek: Buffer }> {
  const out = await derive(password, salt, { ...params, keyLength: params.keyLength + 32 });
  return { verifier: out.subarray(0, params.keyLength), kek: out.subarray(params.keyLength) };
}

/** A new hash for `password` and the key it unlocks (see deriveBoth). */
export async function hashPasswordWithKey(password: string, params: Pick<PasswordHash, 'N' | 'r' | 'p' | 'keyLength'> = CURRENT_PARAMS): Promise<{ hash: PasswordHash; kek: Buffer }> {
  const salt = randomBytes(16);
  const { verifier, kek } = await deriveBoth(password, salt, params);
  return { hash: { algorithm: 'scrypt', ...params, salt: salt.toString('base64'), hash: verifier.toString('base64') }, kek };
}

export async function hashPassword(password: string, params: Pick<PasswordHash, 'N' | 'r' | 'p' | 'keyLength'> = CURRENT_PARAMS): Promise<PasswordHash> {
  return (await hashPasswordWithKey(password, params)).hash;
}

/** Checks a password; when it is right, also the key it unlocks. */
export async function checkPassword(password: string, stored: PasswordHash): Promise<{ ok: true; kek: Buffer } | { ok: false }> {
  const expected = Buffer.from(stored.hash, 'base64');
  const { verifier, kek } = await deriveBoth(password, Buffer.from(stored.salt, 'base64'), stored);
  return verifier.length === expected.length && timingSafeEqual(verifier, expected) ? { ok: true, kek } : { ok: false };
}

export async function verifyPassword(password: string, stored: PasswordHash): Promise<boolean> {
  return (await checkPassword(password, stored)).ok;
}

export function needsRehash(stored: PasswordHash): boolean {
  return stored.N < CURRENT_PARAMS.N || stored.r < CURRENT_PARAMS.r || stored.keyLength < CURRENT_PARAMS.keyLength;
}

/** Spends the same time as a real check, for a login name that does not exist (no timing hint that it doesn't). */
let dummy: Promise<PasswordHash> | null = null;
export async function spendVerifyTime(password: string): Promise<void> {
  dummy ??= hashPassword('not-a-real-account-password');
  await verifyPassword(password, await dummy);
}
