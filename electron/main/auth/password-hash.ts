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

export async function hashPassword(password: string, params: Pick<PasswordHash, 'N' | 'r' | 'p' | 'keyLength'> = CURRENT_PARAMS): Promise<PasswordHash> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, params);
  return { algorithm: 'scrypt', ...params, salt: salt.toString('base64'), hash: key.toString('base64') };
}

export async function verifyPassword(password: string, stored: PasswordHash): Promise<boolean> {
  const expected = Buffer.from(stored.hash, 'base64');
  const key = await derive(password, Buffer.from(stored.salt, 'base64'), stored);
  return key.length === expected.length && timingSafeEqual(key, expected);
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
