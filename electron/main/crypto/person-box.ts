import { type KeyObject, createCipheriv, createDecipheriv, createPrivateKey, createPublicKey, diffieHellman, generateKeyPairSync, hkdfSync, randomBytes } from 'node:crypto';
import { z } from 'zod';

/**
 * Boxes: a secret encrypted to one holder's public key (X25519 + HKDF-SHA256 + AES-256-GCM), so that whoever holds
 * the secret can give it to another holder without knowing that holder's password. Each staff member has an X25519
 * key pair whose private half is wrapped under the key their password derives; the recovery key derives one too.
 * The center's seal key is boxed to those who may seal (signing/seal-key.ts): a new legal advisor receives it the
 * next time someone who holds it unlocks it, and no password or file beside the certificate opens it.
 */
export const BoxSchema = z.strictObject({ ephemeral: z.base64(), nonce: z.base64(), sealed: z.base64() });
export type Box = z.infer<typeof BoxSchema>;

/** X25519 private keys as PKCS#8: this fixed prefix and the 32-byte scalar (RFC 8410). */
const PKCS8_PREFIX = Buffer.from('302e020100300506032b656e04220420', 'hex');

export const privateKeyOf = (scalar: Buffer): KeyObject => createPrivateKey({ key: Buffer.concat([PKCS8_PREFIX, scalar]), format: 'der', type: 'pkcs8' });

const publicKeyOf = (raw: string): KeyObject => createPublicKey({ key: { kty: 'OKP', crv: 'X25519', x: Buffer.from(raw, 'base64').toString('base64url') }, format: 'jwk' });

const rawPublic = (key: KeyObject): string => Buffer.from(key.export({ format: 'jwk' }).x!, 'base64url').toString('base64');

/** A new key pair: the 32-byte private scalar (to be wrapped) and the public key (base64 of the raw 32 bytes). */
export function newBoxPair(): { scalar: Buffer; publicKey: string } {
  const { privateKey, publicKey } = generateKeyPairSync('x25519');
  const d = privateKey.export({ format: 'jwk' }).d!;
  return { scalar: Buffer.from(d, 'base64url'), publicKey: rawPublic(publicKey) };
}

/** The public key of a private scalar. */
export const publicOf = (scalar: Buffer): string => rawPublic(createPublicKey(privateKeyOf(scalar)));

/** The recovery key's pair, derived from its secret (nothing of it is stored but the public half). */
export function recoveryBoxScalar(secret: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', secret, Buffer.alloc(0), 'mediation-workstation recovery box v1', 32));
}

function boxKey(shared: Buffer, ephemeral: string, recipient: string, label: string): Buffer {
  const salt = Buffer.concat([Buffer.from(ephemeral, 'base64'), Buffer.from(recipient, 'base64')]);
  return Buffer.from(hkdfSync('sha256', shared, salt, `mw-box-v1\0${label}`, 32));
}

/** `secret` encrypted to the holder of `recipient`'s private key; `label` (what and for whom) is bound into it. */
export function boxTo(recipient: string, secret: Buffer, label: string): Box {
  const pair = generateKeyPairSync('x25519');
  const ephemeral = rawPublic(pair.publicKey);
  const key = boxKey(diffieHellman({ privateKey: pair.privateKey, publicKey: publicKeyOf(recipient) }), ephemeral, recipient, label);
  const nonce = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  const sealed = Buffer.concat([cipher.update(secret), cipher.final(), cipher.getAuthTag()]);
  return { ephemeral, nonce: nonce.toString('base64'), sealed: sealed.toString('base64') };
}

/** The secret in a box, or null when `scalar` is not its recipient's or the box (or its label) was altered. */
export function openBox(scalar: Buffer, box: Box, label: string): Buffer | null {
  try {
    const privateKey = privateKeyOf(scalar);
    const key = boxKey(diffieHellman({ privateKey, publicKey: publicKeyOf(box.ephemeral) }), box.ephemeral, publicOf(scalar), label);
    const sealed = Buffer.from(box.sealed, 'base64');
    if (sealed.length < 17) return null;
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(box.nonce, 'base64'));
    decipher.setAuthTag(sealed.subarray(sealed.length - 16));
    return Buffer.concat([decipher.update(sealed.subarray(0, sealed.length - 16)), decipher.final()]);
  } catch {
    return null;
  }
}
