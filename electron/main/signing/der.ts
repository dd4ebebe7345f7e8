/**
 * A minimal DER reader for the verifier: it gives byte offsets, which the verifier needs (the signed attributes are
 * verified as their exact original bytes; the signer certificate is found by comparing encoded issuer and serial).
 * Every read is bounds-checked and throws DerError on anything malformed; no recursion, so hostile nesting cannot
 * exhaust the stack.
 */
export class DerError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DerError';
  }
}

export interface DerNode {
  /** The identifier octet (e.g. 0x30 SEQUENCE, 0x31 SET, 0xa0 [0] constructed). */
  tag: number;
  /** Offset of the identifier octet. */
  start: number;
  /** Offset of the first content octet. */
  contentStart: number;
  /** Offset just past the last content octet. */
  end: number;
}

export const TAG = {
  INTEGER: 0x02,
  OCTET_STRING: 0x04,
  OID: 0x06,
  UTC_TIME: 0x17,
  GENERALIZED_TIME: 0x18,
  SEQUENCE: 0x30,
  SET: 0x31,
  CONTEXT_0: 0xa0,
  CONTEXT_1: 0xa1,
  CONTEXT_0_PRIMITIVE: 0x80,
} as const;

/** Reads the element starting at `at`, which must end by `limit`. */
export function readDer(buf: Uint8Array, at: number, limit: number = buf.length): DerNode {
  if (at < 0 || at + 2 > limit) throw new DerError('truncated');
  const tag = buf[at]!;
  if ((tag & 0x1f) === 0x1f) throw new DerError('multi-byte tag');
  let length = buf[at + 1]!;
  let p = at + 2;
  if (length & 0x80) {
    const count = length & 0x7f;
    // 0: indefinite length (BER, not DER); more than 4 octets: larger than any file we read
    if (count === 0 || count > 4) throw new DerError('unsupported length');
    if (p + count > limit) throw new DerError('truncated');
    length = 0;
    for (let i = 0; i < count; i++) length = length * 256 + buf[p++]!;
  }
  if (p + length > limit) throw new DerError('truncated');
  return { tag, start: at, contentStart: p, end: p + length };
}

/**
 * Whether the element's length octets are the shortest form of its length, as DER requires (BER allows longer ones):
 * with a longer form the same signature could be written in more than one way.
 */
export function hasMinimalLength(buf: Uint8Array, node: DerNode): boolean {
  const octets = node.contentStart - node.start - 1;
  const length = node.end - node.contentStart;
  if (octets === 1) return length < 0x80;
  // long form: needed (128 or more) and without leading zero octets
  return length >= 0x80 && buf[node.start + 2] !== 0;
}

/** The elements inside a constructed element. */
export function derChildren(buf: Uint8Array, node: DerNode): DerNode[] {
  if (!(node.tag & 0x20)) throw new DerError('not constructed');
  const out: DerNode[] = [];
  for (let p = node.contentStart; p < node.end; ) {
    const child = readDer(buf, p, node.end);
    out.push(child);
    p = child.end;
  }
  return out;
}

/** The element's whole encoding (identifier, length, content). */
export const derBytes = (buf: Uint8Array, node: DerNode): Uint8Array => buf.subarray(node.start, node.end);

export const derContent = (buf: Uint8Array, node: DerNode): Uint8Array => buf.subarray(node.contentStart, node.end);

export function expectTag(node: DerNode | undefined, tag: number): DerNode {
  if (!node || node.tag !== tag) throw new DerError(`expected tag 0x${tag.toString(16)}`);
  return node;
}

/** Dotted form of an OBJECT IDENTIFIER's content. */
export function decodeOid(content: Uint8Array): string {
  if (content.length === 0 || content.length > 64) throw new DerError('bad OID');
  const arcs: number[] = [];
  let value = 0;
  for (const byte of content) {
    value = value * 128 + (byte & 0x7f);
    if (value > Number.MAX_SAFE_INTEGER / 128) throw new DerError('bad OID');
    if (!(byte & 0x80)) {
      arcs.push(value);
      value = 0;
    }
  }
  if (content[content.length - 1]! & 0x80) throw new DerError('bad OID');
  const first = arcs.shift()!;
  const head = first < 80 ? [Math.floor(first / 40), first % 40] : [2, first - 80];
  return [...head, ...arcs].join('.');
}

/** UTCTime or GeneralizedTime as ISO 8601, or null. */
export function decodeTime(tag: number, content: Uint8Array): string | null {
  const text = Buffer.from(content).toString('latin1');
  const m = tag === TAG.UTC_TIME ? /^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})?Z$/.exec(text) : /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})?(?:\.\d+)?Z$/.exec(text);
  if (!m) return null;
  let year = Number(m[1]);
  if (tag === TAG.UTC_TIME) year += year < 50 ? 2000 : 1900;
  const date = new Date(Date.UTC(year, Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6] ?? 0)));
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}
