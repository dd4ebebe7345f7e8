/**
 * The center's seal key: a random 256-bit key that opens the signing certificate's private key (center.key,
 * signing/center-certificate.ts). It is boxed (crypto/person-box.ts) to every active person the policy table lets
 * seal and to the recovery key, and to no one else: the data key alone (an administrator, a clerk, anyone with a
 * copied folder and one password) cannot sign. A sealer's password unlocks it only for the one call they confirmed
 * with it (auth:reauth → signing/seal-scope.ts), or for a moment at their sign-in (the daily checkpoint).
 *
 * Whoever unlocks it also hands it on: boxes are made for sealers who have none yet (a new legal advisor, a reset
 * password) and dropped for those who may no longer seal, so the set of holders follows the staff list.
 */
import { createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import type { Staff } from '../../shared/domain';
import { decide } from '../../shared/policy/policy';
import { unwrapKey, wrapKey, type Keyring } from '../crypto/keyring';
import { boxTo, newBoxPair, openBox, publicOf, recoveryBoxScalar } from '../crypto/person-box';
import type { Credential, WorkstationData } from '../storage/workstation-file';

type SealRecord = NonNullable<Keyring['seal']>;

export const RECOVERY_HOLDER = 'recovery';
const staffHolder = (staffId: string) => `staff:${staffId}`;
const personLabel = (staffId: string) => `mw-box-secret-v1\0${staffId}`;
const sealLabel = (keyId: string, holder: string) => `mw-seal-v1\0${keyId}\0${holder}`;

/** Whether the policy table lets this person seal (the row of agreements:seal, whatever the case). */
export const maySeal = (staff: Pick<Staff, 'roles' | 'active'>): boolean => staff.active && decide('agreements:seal', { roles: staff.roles }) === null;

/** A new box pair for a person, its private half wrapped under the key their password derives. */
export function newPersonBox(staffId: string, kek: Buffer): NonNullable<Credential['box']> {
  const pair = newBoxPair();
  return { publicKey: pair.publicKey, secret: wrapKey(kek, pair.scalar, personLabel(staffId)) };
}

/** The person's private scalar (null: no pair, or not this password's). */
export function personScalar(staffId: string, credential: Credential | undefined, kek: Buffer): Buffer | null {
  return credential?.box ? unwrapKey(kek, credential.box.secret, personLabel(staffId)) : null;
}

/** The same pair under a new password's key (the person keeps what was boxed to them). */
export function rewrapPersonBox(staffId: string, box: NonNullable<Credential['box']>, scalar: Buffer, kek: Buffer): NonNullable<Credential['box']> {
  return { publicKey: box.publicKey, secret: wrapKey(kek, scalar, personLabel(staffId)) };
}

export const recoveryBoxPublic = (recoverySecret: Buffer): string => publicOf(recoveryBoxScalar(recoverySecret));

const sealCheck = (key: Buffer) => createHmac('sha256', key).update('mediation-workstation seal key check v1').digest('base64');

function checked(seal: SealRecord, key: Buffer | null): Buffer | null {
  if (!key) return null;
  const a = Buffer.from(sealCheck(key), 'base64');
  const b = Buffer.from(seal.check, 'base64');
  return a.length === b.length && timingSafeEqual(a, b) ? key : null;
}

/** The seal key from this person's box (null: no seal key yet, no box for them, or altered). */
export function openSealKey(data: WorkstationData, staffId: string, scalar: Buffer): Buffer | null {
  const seal = data.keyring?.seal;
  const entry = seal?.boxes[staffHolder(staffId)];
  return seal && entry ? checked(seal, openBox(scalar, entry.box, sealLabel(seal.keyId, staffHolder(staffId)))) : null;
}

/** The seal key from the recovery key's box. */
export function openSealKeyWithRecovery(data: WorkstationData, recoverySecret: Buffer): Buffer | null {
  const seal = data.keyring?.seal;
  const entry = seal?.boxes[RECOVERY_HOLDER];
  return seal && entry ? checked(seal, openBox(recoveryBoxScalar(recoverySecret), entry.box, sealLabel(seal.keyId, RECOVERY_HOLDER))) : null;
}

/** Who should hold the seal key now: holder → public key. */
function wantedHolders(data: WorkstationData): Map<string, string> {
  const wanted = new Map<string, string>();
  for (const staff of data.staff) {
    const box = data.credentials[staff.id]?.box;
    if (box && maySeal(staff)) wanted.set(staffHolder(staff.id), box.publicKey);
  }
  if (data.keyring?.recoveryBox) wanted.set(RECOVERY_HOLDER, data.keyring.recoveryBox);
  return wanted;
}

/** Drops the boxes of those who may no longer seal or whose pair changed (no key needed). Returns whether any went. */
export function dropStaleSealBoxes(draft: WorkstationData): boolean {
  const seal = draft.keyring?.seal;
  if (!seal) return false;
  const wanted = wantedHolders(draft);
  let dropped = false;
  for (const [holder, entry] of Object.entries(seal.boxes)) {
    if (wanted.get(holder) !== entry.to) {
      delete seal.boxes[holder];
      dropped = true;
    }
  }
  return dropped;
}

/** Boxes the key for every holder that lacks one (and drops stale ones). Returns the staff ids newly given it. */
export function grantSealKey(draft: WorkstationData, key: Buffer): string[] {
  const seal = draft.keyring?.seal;
  if (!seal || !checked(seal, key)) return [];
  dropStaleSealBoxes(draft);
  const granted: string[] = [];
  for (const [holder, publicKey] of wantedHolders(draft)) {
    if (seal.boxes[holder]) continue;
    seal.boxes[holder] = { to: publicKey, box: boxTo(publicKey, key, sealLabel(seal.keyId, holder)) };
    if (holder !== RECOVERY_HOLDER) granted.push(holder.slice('staff:'.length));
  }
  return granted;
}

/** Whether the key would give anyone a new box (so that a grant is written only when it changes something). */
export function sealGrantsPending(data: WorkstationData): boolean {
  const seal = data.keyring?.seal;
  if (!seal) return false;
  const wanted = wantedHolders(data);
  return [...wanted].some(([holder, to]) => seal.boxes[holder]?.to !== to) || Object.keys(seal.boxes).some((h) => !wanted.has(h));
}

/** Whether anyone could receive a new seal key (a sealer with a box pair, or the recovery key). */
export const sealRecipientsExist = (data: WorkstationData): boolean => wantedHolders(data).size > 0;

/** A new seal key, boxed to every holder (replacing any earlier one: the certificate it opened is replaced too). */
export function newSealKey(draft: WorkstationData, nowIso: string): Buffer {
  if (!draft.keyring) throw new Error('no keyring: the data folder is not encrypted yet');
  const key = randomBytes(32);
  draft.keyring.seal = { keyId: randomUUID(), check: sealCheck(key), createdAt: nowIso, boxes: {} };
  grantSealKey(draft, key);
  return key;
}

/** Who holds the seal key by name, who may seal and waits for it, and whether the recovery key opens it. */
export function sealKeyHolders(data: WorkstationData): { holders: string[]; waiting: string[]; recovery: boolean } {
  const boxes = data.keyring?.seal?.boxes ?? {};
  const sealers = data.staff.filter((s) => maySeal(s));
  return {
    holders: sealers.filter((s) => boxes[staffHolder(s.id)]?.to === data.credentials[s.id]?.box?.publicKey).map((s) => s.name),
    waiting: sealers.filter((s) => boxes[staffHolder(s.id)]?.to !== data.credentials[s.id]?.box?.publicKey || !data.credentials[s.id]?.box).map((s) => s.name),
    recovery: Boolean(boxes[RECOVERY_HOLDER]),
  };
}
