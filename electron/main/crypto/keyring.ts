import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { BoxSchema } from './person-box';

/**
 * The center's data key and the ways to unwrap it. One random 256-bit key seals every record at rest
 * (storage/sealed-fs.ts). It is never on disk in clear: it is wrapped (AES-256-GCM key wrap) under a key derived
 * from each staff member's password (kept with their credential, auth/password-hash.ts) and under the recovery key
 * printed at setup for the center's safe. Signing in unwraps it; without a password or the recovery key the data
 * folder alone yields nothing.
 */
export const WrapSchema = z.strictObject({ nonce: z.base64(), sealed: z.base64() });
export type KeyWrap = z.infer<typeof WrapSchema>;

export const KeyringSchema = z.strictObject({
  version: z.literal(1),
  keyId: z.uuid(),
  /** An HMAC of a fixed label under the data key: tells the right key from a wrong one before anything is read. */
  check: z.base64(),
  recovery: z.strictObject({ wrap: WrapSchema, createdAt: z.iso.datetime({ offset: true }) }).nullable(),
  /** When every file of the data folder was sealed; null while a folder from before encryption is being sealed. */
  sealedAt: z.iso.datetime({ offset: true }).nullable(),
  /** The public half of the recovery key's box pair (crypto/person-box.ts), so that secrets can be boxed to it. */
  recoveryBox: z.base64().optional(),
  /**
   * The center's seal key (it opens the signing certificate's private key, signing/seal-key.ts), boxed to each
   * person who may seal and to the recovery key; `check` tells the right key from a wrong one.
   */
  seal: z
    .strictObject({ keyId: z.uuid(), check: z.base64(), createdAt: z.iso.datetime({ offset: true }), boxes: z.record(z.string(), z.strictObject({ to: z.base64(), box: BoxSchema })) })
    .optional(),
});
export type Keyring = z.infer<typeof KeyringSchema>;

export const newDataKey = (): Buffer => randomBytes(32);

export function keyCheck(dataKey: Buffer): string {
  return createHmac('sha256', dataKey).update('mediation-workstation data key check v1').digest('base64');
}

export function keyMatches(keyring: Keyring, dataKey: Buffer): boolean {
  const a = Buffer.from(keyCheck(dataKey), 'base64');
  const b = Buffer.from(keyring.check, 'base64');
  return a.length === b.length && timingSafeEqual(a, b);
}

export function newKeyring(dataKey: Buffer, sealedAt: string | null): Keyring {
  return { version: 1, keyId: randomUUID(), check: keyCheck(dataKey), recovery: null, sealedAt };
}

/** Separate keys for separate uses, all from the one data key (HKDF-SHA256). */
export function subKey(dataKey: Buffer, use: 'records' | 'audit' | 'heads' | 'backup'): Buffer {
  return Buffer.from(hkdfSync('sha256', dataKey, Buffer.alloc(0), `mediation-workstation ${use} v1`, 32));
}

/**
 * The key one person's tab encrypts its local copies of unsaved words with (localStorage is readable by whoever uses
 * the same OS account next): derived per person, so it is the same after a restart and unlike anyone else's.
 */
export function localCopyKey(dataKey: Buffer, staffId: string): Buffer {
  return Buffer.from(hkdfSync('sha256', dataKey, Buffer.from(staffId, 'utf8'), 'mediation-workstation local copies v1', 32));
}

/** What a wrap is for: the same key wrapped for one person cannot be passed off as another's or the recovery's. */
export const wrapLabel = (keyring: Pick<Keyring, 'keyId'>, holder: string) => `mw-wrap-v1\0${keyring.keyId}\0${holder}`;

export function wrapKey(kek: Buffer, dataKey: Buffer, label: string): KeyWrap {
  const nonce = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', kek, nonce);
  cipher.setAAD(Buffer.from(label, 'utf8'));
  const sealed = Buffer.concat([cipher.update(dataKey), cipher.final(), cipher.getAuthTag()]);
  return { nonce: nonce.toString('base64'), sealed: sealed.toString('base64') };
}

/** The data key, or null when `kek` is not the key it was wrapped under. */
export function unwrapKey(kek: Buffer, wrap: KeyWrap, label: string): Buffer | null {
  const sealed = Buffer.from(wrap.sealed, 'base64');
  if (sealed.length !== 48) return null;
  try {
    const decipher = createDecipheriv('aes-256-gcm', kek, Buffer.from(wrap.nonce, 'base64'));
    decipher.setAAD(Buffer.from(label, 'utf8'));
    decipher.setAuthTag(sealed.subarray(32));
    return Buffer.concat([decipher.update(sealed.subarray(0, 32)), decipher.final()]);
  } catch {
    return null;
  }
}
