/**
 * Reading the signature dictionary around a /ByteRange: the ByteRange itself, where its /Contents hex string is, and
 * the descriptive entries (/Reason, /Name, /Location, /M). Plain byte scanning within a bounded window, as
 * verifiers of PDF signatures commonly do; nothing here throws on odd input (callers treat null as "absent").
 */

/** How far around the /ByteRange the rest of its dictionary is looked for. */
const WINDOW = 8192;

export type ByteRange = [number, number, number, number];

/** Offset of the last "/ByteRange" in the file, or -1. */
export const lastByteRangeAt = (pdf: Buffer): number => pdf.lastIndexOf('/ByteRange');

/** The four integers of `/ByteRange [a b c d]` at `at`, or null. */
export function readByteRange(pdf: Buffer, at: number): ByteRange | null {
  const text = pdf.subarray(at, Math.min(pdf.length, at + 128)).toString('latin1');
  const m = /^\/ByteRange\s*\[\s*(\d{1,15})\s+(\d{1,15})\s+(\d{1,15})\s+(\d{1,15})\s*\]/.exec(text);
  if (!m) return null;
  const range = m.slice(1, 5).map(Number) as ByteRange;
  return range.every(Number.isSafeInteger) ? range : null;
}

/** PDF white-space characters (ISO 32000 7.2.2). */
const isSpace = (c: number) => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09 || c === 0x0c || c === 0x00;

/**
 * The text between `<` and `>` when the gap between the two ranges is exactly one hex string that is the value of a
 * /Contents key; null otherwise. The raw text, whitespace included: what follows the signature in it is checked too.
 */
export function contentsHexText(pdf: Buffer, gapStart: number, gapEnd: number): string | null {
  if (gapStart < 0 || gapEnd > pdf.length || gapEnd - gapStart < 2) return null;
  if (pdf[gapStart] !== 0x3c || pdf[gapEnd - 1] !== 0x3e) return null;
  let k = gapStart - 1;
  while (k >= 0 && isSpace(pdf[k]!)) k--;
  if (pdf.subarray(Math.max(0, k - 8), k + 1).toString('latin1') !== '/Contents') return null;
  return pdf.subarray(gapStart + 1, gapEnd - 1).toString('latin1');
}

/** The bytes of a hex string's text (whitespace allowed between digits, as in any PDF hex string), or null. */
export function hexTextBytes(text: string): Buffer | null {
  const hex = text.replace(/[\x00\x09\x0a\x0c\x0d\x20]+/g, ''); // PDF white-space characters, as isSpace
  if (hex.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(hex)) return null;
  return Buffer.from(hex, 'hex');
}

/**
 * Whether everything in the hex string after the first `derLength` bytes' digits is the digit 0 and nothing else (no
 * whitespace either). The signature does not cover its own hex string, so anything there other than the signature
 * and the signer's zero padding is a change the signature cannot reveal.
 */
export function onlyZerosAfter(text: string, derLength: number): boolean {
  let digits = 0;
  let at = 0;
  for (; at < text.length && digits < 2 * derLength; at++) if (!isSpace(text.charCodeAt(at))) digits++;
  if (digits !== 2 * derLength) return false;
  for (; at < text.length; at++) if (text.charCodeAt(at) !== 0x30) return false;
  return true;
}

/** The dictionary text around the ByteRange, without the Contents gap: [start of object, gap) + [gap end, endobj). */
export function dictionaryText(pdf: Buffer, byteRangeAt: number, gapStart: number, gapEnd: number): string {
  const beforeEnd = gapStart > byteRangeAt && gapStart - byteRangeAt < WINDOW ? gapStart : Math.min(pdf.length, byteRangeAt + 256);
  let before = pdf.subarray(Math.max(0, byteRangeAt - WINDOW), beforeEnd).toString('latin1');
  const objAt = before.lastIndexOf(' obj');
  if (objAt >= 0) before = before.slice(objAt);
  let after = gapEnd > byteRangeAt && gapEnd <= pdf.length ? pdf.subarray(gapEnd, Math.min(pdf.length, gapEnd + WINDOW)).toString('latin1') : '';
  const endAt = after.indexOf('endobj');
  if (endAt >= 0) after = after.slice(0, endAt);
  return `${before}\n${after}`;
}

/** Text of a PDF string's bytes: UTF-16BE with BOM, UTF-8 with BOM (PDF 2.0), else PDFDocEncoding (≈ Latin-1). */
function decodeTextBytes(bytes: Buffer): string {
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
    const body = Buffer.from(bytes.subarray(2, 2 + ((bytes.length - 2) & ~1)));
    return body.swap16().toString('utf16le');
  }
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return bytes.subarray(3).toString('utf8');
  return bytes.toString('latin1');
}

const ESCAPES: Record<string, number> = { n: 0x0a, r: 0x0d, t: 0x09, b: 0x08, f: 0x0c, '(': 0x28, ')': 0x29, '\\': 0x5c };

/** Bytes of the literal string starting at text[at] === '('. */
function literalBytes(text: string, at: number): Buffer | null {
  const out: number[] = [];
  let depth = 0;
  for (let i = at; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '\\') {
      const next = text[i + 1];
      if (next === undefined) return null;
      if (next in ESCAPES) {
        out.push(ESCAPES[next]!);
        i++;
      } else if (/[0-7]/.test(next)) {
        const oct = /^[0-7]{1,3}/.exec(text.slice(i + 1, i + 4))![0];
        out.push(parseInt(oct, 8) & 0xff);
        i += oct.length;
      } else if (next === '\r' || next === '\n') {
        i += next === '\r' && text[i + 2] === '\n' ? 2 : 1; // line continuation
      } else {
        i++; // unknown escape: the backslash is ignored
        out.push(next.charCodeAt(0) & 0xff);
      }
      continue;
    }
    if (ch === '(') {
      depth++;
      if (depth === 1) continue;
    } else if (ch === ')') {
      depth--;
      if (depth === 0) return Buffer.from(out);
    }
    out.push(ch.charCodeAt(0) & 0xff);
  }
  return null;
}

/** The text value of `/Key (…)` or `/Key <…>` in the dictionary text, or null. */
export function textEntry(dict: string, key: string): string | null {
  const m = new RegExp(`/${key}\\s*([(<])`).exec(dict);
  if (!m) return null;
  const at = m.index + m[0].length - 1;
  if (m[1] === '(') {
    const bytes = literalBytes(dict, at);
    return bytes ? decodeTextBytes(bytes) : null;
  }
  const end = dict.indexOf('>', at);
  if (end < 0) return null;
  const hex = dict.slice(at + 1, end).replace(/\s+/g, '');
  if (!/^[0-9a-fA-F]*$/.test(hex)) return null;
  return decodeTextBytes(Buffer.from(hex.length % 2 ? `${hex}0` : hex, 'hex'));
}

/** A PDF date (D:YYYYMMDDHHmmSS+08'00' or …Z) as ISO 8601, or null. */
export function pdfDate(value: string | null): string | null {
  const m = value && /^D:(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?(Z|[+-]\d{2}'?\d{2}'?)?/.exec(value);
  if (!m) return null;
  let offsetMinutes = 0;
  if (m[7] && m[7] !== 'Z') {
    const [h, min] = [Number(m[7].slice(1, 3)), Number(m[7].replace(/'/g, '').slice(3, 5))];
    offsetMinutes = (m[7][0] === '-' ? -1 : 1) * (h * 60 + min);
  }
  const utc = Date.UTC(Number(m[1]), Number(m[2] ?? 1) - 1, Number(m[3] ?? 1), Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0)) - offsetMinutes * 60_000;
  return Number.isNaN(utc) ? null : new Date(utc).toISOString();
}
