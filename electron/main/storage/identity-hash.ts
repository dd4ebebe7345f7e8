import { createHmac } from 'node:crypto';

/**
 * A related-case lookup key with its value replaced by a keyed hash: id:330782… → id:<HMAC>. The kind stays readable
 * (the lookup ranks an ID over a phone), the value does not, so a store's index holds no full ID number or phone
 * (PIPL) and a lookup hashes what the clerk typed the same way. `secret` is the store's own lookup key.
 */
export function hashIdentityKey(secret: Buffer, key: string): string {
  const colon = key.indexOf(':');
  return `${key.slice(0, colon)}:${createHmac('sha256', secret).update(key).digest('base64url').slice(0, 22)}`;
}
