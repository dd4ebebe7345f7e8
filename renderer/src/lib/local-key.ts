import { call } from '../api/client';

/**
 * The key this tab encrypts its local copies of unsaved words with (AES-GCM, Web Crypto), fetched from the host once
 * per sign-in and kept in memory only: localStorage is readable by the next person using the same OS account, the key
 * is not. It is fetched when the desk opens, so that a copy can still be written while the host is unreachable (the
 * moment such copies are for). Forgotten when the desk changes hands.
 */
let key: Promise<CryptoKey> | null = null;

export function localKey(): Promise<CryptoKey> {
  key ??= call('auth:local-key').then(({ key: raw }) =>
    crypto.subtle.importKey('raw', Uint8Array.from(atob(raw), (c) => c.charCodeAt(0)), { name: 'AES-GCM' }, false, ['encrypt', 'decrypt']),
  );
  key.catch(() => (key = null));
  return key;
}

export function forgetLocalKey(): void {
  key = null;
}

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  // In slices: a long hearing's copy is far more bytes than a call may take arguments.
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}
const fromBase64 = (text: string) => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));

/** `{ v: 2, iv, data }`: the text sealed under the key, bound to `label` (a copy cannot be moved to another record). */
export async function sealLocal(text: string, label: string): Promise<string> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const data = await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: new TextEncoder().encode(label) }, await localKey(), new TextEncoder().encode(text));
  return JSON.stringify({ v: 2, iv: toBase64(iv), data: toBase64(new Uint8Array(data)) });
}

/** The text of a sealed copy, or null when it does not open (another person's, another record's, or altered). */
export async function openLocal(stored: { iv: string; data: string }, label: string): Promise<string | null> {
  try {
    const plain = await crypto.subtle.decrypt({ name: 'AES-GCM', iv: fromBase64(stored.iv), additionalData: new TextEncoder().encode(label) }, await localKey(), fromBase64(stored.data));
    return new TextDecoder().decode(plain);
  } catch {
    return null;
  }
}
