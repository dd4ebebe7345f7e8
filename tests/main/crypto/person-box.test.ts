import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { boxTo, newBoxPair, openBox, publicOf, recoveryBoxScalar } from '../../../electron/main/crypto/person-box';

describe('person boxes', () => {
  it('opens only for its recipient and its label', () => {
    const alice = newBoxPair();
    const bob = newBoxPair();
    const secret = randomBytes(32);
    const box = boxTo(alice.publicKey, secret, 'seal:staff:a');
    expect(openBox(alice.scalar, box, 'seal:staff:a')?.equals(secret)).toBe(true);
    expect(openBox(bob.scalar, box, 'seal:staff:a')).toBeNull();
    expect(openBox(alice.scalar, box, 'seal:staff:b')).toBeNull();
  });

  it('refuses an altered box', () => {
    const alice = newBoxPair();
    const box = boxTo(alice.publicKey, randomBytes(32), 'x');
    const sealed = Buffer.from(box.sealed, 'base64');
    sealed[3]! ^= 1;
    expect(openBox(alice.scalar, { ...box, sealed: sealed.toString('base64') }, 'x')).toBeNull();
    expect(openBox(alice.scalar, { ...box, ephemeral: newBoxPair().publicKey }, 'x')).toBeNull();
  });

  it('derives the recovery pair from its secret alone', () => {
    const secret = randomBytes(20);
    const pub = publicOf(recoveryBoxScalar(secret));
    const box = boxTo(pub, Buffer.from('k'), 'seal:recovery');
    expect(openBox(recoveryBoxScalar(secret), box, 'seal:recovery')?.toString()).toBe('k');
    expect(publicOf(newBoxPair().scalar)).toMatch(/^[A-Za-z0-9+/]{43}=$/);
  });
});
