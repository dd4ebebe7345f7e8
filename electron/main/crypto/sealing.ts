import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * Authenticated encryption of what the store keeps at rest (AES-256-GCM from node:crypto, a fresh 96-bit nonce per
 * unit). A file is a sequence of units, so that whole-file writes (one unit) and append-only logs (one unit per
 * append) share one format:
 *
 *   "MWS1" | ciphertext length (u32 BE) | nonce (12) | ciphertext | tag (16)
 *
 * Each unit's associated data names what the file is (its logical path in the data folder), so a unit moved to
 * another file or another case fails authentication. What a unit says about its record (the revision) is inside the
 * authenticated plaintext and is cross-checked against the audit trail by the store.
 */
export const UNIT_MAGIC = Buffer.from('MWS1', 'latin1');
const HEADER = 4 + 4 + 12;
const TAG = 16;
export const UNIT_OVERHEAD = HEADER + TAG;

/**
 * One unit. The nonce is fresh by default; a caller that needs the same bytes for the same plaintext (a backup's
 * objects are content-addressed, so an unchanged case must seal to an unchanged object) passes one derived from the
 * plaintext and its associated data (a synthetic IV: only equal plaintexts ever share a nonce).
 */
export function sealUnit(key: Buffer, aad: string, plaintext: Uint8Array, nonce: Buffer = randomBytes(12)): Buffer {
  if (nonce.length !== 12) throw new Error('a unit nonce is 12 bytes');
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  const header = Buffer.alloc(HEADER);
  UNIT_MAGIC.copy(header, 0);
  header.writeUInt32BE(body.length, 4);
  nonce.copy(header, 8);
  return Buffer.concat([header, body, cipher.getAuthTag()]);
}

export interface OpenedUnits {
  /** The plaintext of every unit that authenticated, in file order. */
  plaintext: Buffer;
  /** Units that were cut short by a crash mid-append (never acknowledged: their fsync had not returned). */
  torn: number;
  /** Why the file is not what this store wrote, or null when every unit authenticated. */
  damage: string | null;
}

function openOne(key: Buffer, aad: string, bytes: Buffer, at: number, length: number): Buffer | null {
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(at + 8, at + HEADER));
    decipher.setAAD(Buffer.from(aad, 'utf8'));
    decipher.setAuthTag(bytes.subarray(at + HEADER + length, at + HEADER + length + TAG));
    const plain = decipher.update(bytes.subarray(at + HEADER, at + HEADER + length));
    // GCM gives everything from update(); final() only checks the tag. No second copy of a 90 MB index snapshot.
    const rest = decipher.final();
    return rest.length ? Buffer.concat([plain, rest]) : plain;
  } catch {
    return null;
  }
}

/**
 * Opens a file: a whole file must be exactly one authentic unit; in an append log (one unit per append) a unit whose bytes end before its declared length is torn (a crash mid-append) when
 * it is the last one or the next unit follows right where its bytes stop; anything else that fails (a flipped
 * byte, a unit from another file, plain text where a unit belongs) is damage.
 */
export function openUnits(key: Buffer, aad: string, bytes: Buffer, opts: { appendLog: boolean }): OpenedUnits {
  if (!opts.appendLog) {
    // A whole file is exactly one unit: written under a temp name, fsynced and renamed, it is never torn.
    const length = bytes.length >= 8 && isSealed(bytes) ? bytes.readUInt32BE(4) : -1;
    const plain = length >= 0 && bytes.length === HEADER + length + TAG ? openOne(key, aad, bytes, 0, length) : null;
    if (plain) return { plaintext: plain, torn: 0, damage: null };
    return { plaintext: Buffer.alloc(0), torn: 0, damage: !isSealed(bytes) ? 'not sealed by this store' : length < 0 || bytes.length !== HEADER + length + TAG ? 'length does not match' : 'fails authentication' };
  }
  const parts: Buffer[] = [];
  let torn = 0;
  const joined = () => (parts.length === 1 ? parts[0]! : Buffer.concat(parts));
  let at = 0;
  while (at < bytes.length) {
    if (bytes.length - at < 4 || !bytes.subarray(at, at + 4).equals(UNIT_MAGIC)) {
      return { plaintext: joined(), torn, damage: at === 0 ? 'not sealed by this store' : `no unit at byte ${at}` };
    }
    const length = bytes.length - at >= 8 ? bytes.readUInt32BE(at + 4) : Number.POSITIVE_INFINITY;
    const end = at + HEADER + length + TAG;
    const next = bytes.indexOf(UNIT_MAGIC, at + 4);
    if (end > bytes.length || (next !== -1 && next < end && openOne(key, aad, bytes, at, length) === null)) {
      // Shorter than it says: the tail of an append cut off by a crash, possibly followed by later appends.
      if (next === -1) {
        torn += 1;
        break;
      }
      if (next < end) {
        torn += 1;
        at = next;
        continue;
      }
      return { plaintext: joined(), torn, damage: `unit at byte ${at} is longer than the file` };
    }
    const plain = openOne(key, aad, bytes, at, length);
    if (!plain) return { plaintext: joined(), torn, damage: `unit at byte ${at} fails authentication` };
    parts.push(plain);
    at = end;
  }
  return { plaintext: joined(), torn, damage: null };
}

export const isSealed = (bytes: Buffer): boolean => bytes.length >= 4 && bytes.subarray(0, 4).equals(UNIT_MAGIC);
