import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { openUnits, sealUnit } from '../../../electron/main/crypto/sealing';
import { keyMatches, newKeyring, unwrapKey, wrapKey } from '../../../electron/main/crypto/keyring';
import { newRecoveryKey, parseRecoveryKey } from '../../../electron/main/crypto/recovery-key';
import { logicalName } from '../../../electron/main/storage/sealed-fs';

const key = randomBytes(32);
const AAD = 'mw-sealed-v1\0cases/a/case.json';

describe('sealed units', () => {
  it('a whole file opens only as itself: every flipped byte, another name, plain text or a shorter file is damage', () => {
    const plain = Buffer.from(JSON.stringify({ id: 'a', revision: 3, amount: '86500.00' }));
    const sealed = sealUnit(key, AAD, plain);
    expect(openUnits(key, AAD, sealed, { appendLog: false })).toEqual({ plaintext: plain, torn: 0, damage: null });
    expect(sealed.includes(Buffer.from('86500'))).toBe(false);
    for (let i = 0; i < sealed.length; i++) {
      const flipped = Buffer.from(sealed);
      flipped[i]! ^= 1 << (i % 8);
      expect(openUnits(key, AAD, flipped, { appendLog: false }).damage, `byte ${i}`).not.toBeNull();
    }
    expect(openUnits(key, 'mw-sealed-v1\0cases/b/case.json', sealed, { appendLog: false }).damage).not.toBeNull();
    expect(openUnits(randomBytes(32), AAD, sealed, { appendLog: false }).damage).not.toBeNull();
    expect(openUnits(key, AAD, plain, { appendLog: false }).damage).toBe('not sealed by this store');
    expect(openUnits(key, AAD, sealed.subarray(0, sealed.length - 1), { appendLog: false }).damage).not.toBeNull();
    expect(openUnits(key, AAD, Buffer.concat([sealed, sealed]), { appendLog: false }).damage).not.toBeNull();
  });

  it('an append log keeps its authentic entries across a torn append (a crash), and reports an edited one', () => {
    const unit = (n: number) => sealUnit(key, AAD, Buffer.from(`{"seq":${n}}\n`));
    const [a, b, c] = [unit(0), unit(1), unit(2)];
    expect(openUnits(key, AAD, Buffer.concat([a, b, c]), { appendLog: true }).plaintext.toString()).toBe('{"seq":0}\n{"seq":1}\n{"seq":2}\n');
    // Torn last unit: dropped, not damage.
    const tornTail = openUnits(key, AAD, Buffer.concat([a, b, c.subarray(0, 20)]), { appendLog: true });
    expect(tornTail).toMatchObject({ torn: 1, damage: null });
    expect(tornTail.plaintext.toString()).toBe('{"seq":0}\n{"seq":1}\n');
    // Torn unit followed by the next run's appends: skipped, the later ones kept.
    const tornMiddle = openUnits(key, AAD, Buffer.concat([a, b.subarray(0, 25), c]), { appendLog: true });
    expect(tornMiddle).toMatchObject({ torn: 1, damage: null });
    expect(tornMiddle.plaintext.toString()).toBe('{"seq":0}\n{"seq":2}\n');
    // A flipped byte inside a complete unit: damage, with what came before it.
    const edited = Buffer.concat([a, b, c]);
    edited[a.length + 24]! ^= 0x20;
    expect(openUnits(key, AAD, edited, { appendLog: true })).toMatchObject({ damage: expect.stringContaining('authentication') });
    // Plain text appended by hand: damage.
    expect(openUnits(key, AAD, Buffer.concat([a, Buffer.from('{"seq":9}\n')]), { appendLog: true }).damage).not.toBeNull();
  });

  it('names stay the same through the store renames: temp → file → previous generation, journal set aside', () => {
    expect(logicalName('cases/x/case.json.123-4.tmp')).toBe('cases/x/case.json');
    expect(logicalName('cases/x/case.json.1')).toBe('cases/x/case.json');
    expect(logicalName('cases/x/sessions/s.json.1')).toBe('cases/x/sessions/s.json');
    expect(logicalName('index/journal.1.jsonl')).toBe('index/journal.jsonl');
    expect(logicalName('index/snapshot.bin.77-1.tmp')).toBe('index/snapshot.bin');
  });
});

describe('key wraps and the recovery key', () => {
  it('a wrap opens only with its key and for its holder', () => {
    const dataKey = randomBytes(32);
    const keyring = newKeyring(dataKey, null);
    expect(keyMatches(keyring, dataKey)).toBe(true);
    expect(keyMatches(keyring, randomBytes(32))).toBe(false);
    const kek = randomBytes(32);
    const wrap = wrapKey(kek, dataKey, 'holder-a');
    expect(unwrapKey(kek, wrap, 'holder-a')!.equals(dataKey)).toBe(true);
    expect(unwrapKey(kek, wrap, 'holder-b')).toBeNull();
    expect(unwrapKey(randomBytes(32), wrap, 'holder-a')).toBeNull();
  });

  it('the recovery key reads back however it is typed, and a typo fails its checksum', () => {
    const { text, secret } = newRecoveryKey();
    expect(text).toMatch(/^([0-9A-HJKMNP-TV-Z]{4}-){8}[0-9A-HJKMNP-TV-Z]{4}$/);
    const typed = parseRecoveryKey(` ${text.toLowerCase().replace(/-/g, ' ')} `);
    expect(typed.ok && typed.secret.equals(secret)).toBe(true);
    const swapped = text[0] === '7' ? `8${text.slice(1)}` : `7${text.slice(1)}`;
    expect(parseRecoveryKey(swapped)).toEqual({ ok: false, problem: 'checksum' });
    expect(parseRecoveryKey(text.slice(0, -5))).toEqual({ ok: false, problem: 'length' });
  });
});
