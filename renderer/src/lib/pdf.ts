/** Base64 (as the API sends files) → bytes. */
export function base64ToBytes(base64: string): Uint8Array<ArrayBuffer> {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** Bytes → base64, in slices (String.fromCharCode with a whole file as arguments overflows the stack). */
export function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  const SLICE = 0x8000;
  for (let i = 0; i < bytes.length; i += SLICE) binary += String.fromCharCode(...bytes.subarray(i, i + SLICE));
  return btoa(binary);
}

/** A base64 PDF (as documents:issue / documents:read return it) → a blob: URL for a download link. */
export function pdfObjectUrl(base64: string): string {
  return URL.createObjectURL(new Blob([base64ToBytes(base64)], { type: 'application/pdf' }));
}
