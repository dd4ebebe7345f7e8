import path from 'node:path';
import type { Staff } from '../../shared/domain';
import { ApiFailure } from '../../shared/ipc/result';
import { hashPasswordWithKey } from '../auth/password-hash';
import { type KeyWrap, type Keyring, newDataKey, newKeyring, subKey, unwrapKey, wrapKey, wrapLabel } from '../crypto/keyring';
import { newRecoveryKey, recoveryKek } from '../crypto/recovery-key';
import { isSealed } from '../crypto/sealing';
import { type DurableFs, isTempName, realFs, writeFileDurable } from '../storage/durable-fs';
import { sealedFs } from '../storage/sealed-fs';
import type { Credential } from '../storage/workstation-file';
import type { Workstation } from './workstation';
import { newPersonBox, recoveryBoxPublic, rewrapPersonBox } from './seal-key';

/** Whose wrap this is (bound into it, so that one person's wrap cannot stand for another's). */
export const staffHolder = (staffId: string) => `staff:${staffId}`;
const RECOVERY = 'recovery';

/** A person's box pair to keep under a new password (their own change: what was boxed to them stays theirs). */
export interface KeptBox {
  box: NonNullable<Credential['box']>;
  scalar: Buffer;
}

/** A new credential for `password`; it carries the data key wrapped for this person whenever the key is held. */
export async function credentialFor(ws: Workstation, staffId: string, password: string, mustChange: boolean, nowIso: string, keepBox?: KeptBox): Promise<Credential> {
  const keyring = ws.state.data.keyring;
  // Without the key at hand (a folder still being sealed) a new password would leave the person without a wrap.
  if (keyring && !ws.unlocked) ws.cases;
  const { hash, kek } = await hashPasswordWithKey(password);
  const dataKey = keyring ? wrapKey(kek, ws.heldKey(), wrapLabel(keyring, staffHolder(staffId))) : null;
  return { password: hash, mustChange, changedAt: nowIso, failedAttempts: 0, lockedUntil: null, lastSignInAt: null, dataKey, box: keepBox ? rewrapPersonBox(staffId, keepBox.box, keepBox.scalar, kek) : newPersonBox(staffId, kek) };
}

/** A new data key, its keyring and the recovery key that also unwraps it (shown once, for the center's safe). */
export function newKeys(nowIso: string, sealedAt: string | null): { dataKey: Buffer; keyring: Keyring; recoveryKey: string } {
  const dataKey = newDataKey();
  const keyring = newKeyring(dataKey, sealedAt);
  const recovery = newRecoveryKey();
  keyring.recovery = { wrap: wrapKey(recoveryKek(recovery.secret, keyring.keyId), dataKey, wrapLabel(keyring, RECOVERY)), createdAt: nowIso };
  keyring.recoveryBox = recoveryBoxPublic(recovery.secret);
  return { dataKey, keyring, recoveryKey: recovery.text };
}

export const wrapFor = (keyring: Keyring, staffId: string, kek: Buffer, dataKey: Buffer): KeyWrap => wrapKey(kek, dataKey, wrapLabel(keyring, staffHolder(staffId)));

/** The data key from a person's wrap and the key their password derives (null: not theirs, or altered). */
export const unwrapFor = (keyring: Keyring, staffId: string, kek: Buffer, wrap: KeyWrap): Buffer | null => unwrapKey(kek, wrap, wrapLabel(keyring, staffHolder(staffId)));

export function unwrapWithRecovery(keyring: Keyring, secret: Buffer): Buffer | null {
  return keyring.recovery ? unwrapKey(recoveryKek(secret, keyring.keyId), keyring.recovery.wrap, wrapLabel(keyring, RECOVERY)) : null;
}

/**
 * At a successful sign-in: opens the store with the key this password unwraps (the first sign-in since start), or
 * answers the wrap to store for a person who has none yet while the key is held (someone else unlocked it).
 */
export async function unlockAtSignIn(ws: Workstation, staff: Staff, credential: Credential, kek: Buffer): Promise<KeyWrap | null> {
  const keyring = ws.state.data.keyring!;
  if (credential.dataKey) {
    if (!ws.unlocked && !ws.sealing) {
      const key = unwrapFor(keyring, staff.id, kek, credential.dataKey);
      if (!key) throw new ApiFailure('SIGN_IN_FAILED', '您账号的数据密钥记录无法解开（可能已被改动），请中心管理员用恢复密钥登录后为您重置密码');
      // An interrupted sealing of a folder from before encryption goes on where it stopped.
      if (!keyring.sealedAt) void ws.beginSealing(key, staff);
      else await ws.openWithKey(key);
    }
    return null;
  }
  if (!ws.unlocked) {
    throw new ApiFailure('SIGN_IN_FAILED', '您的账号尚未获得数据密钥：请先由已登录过的工作人员在本工作台登录一次，或由中心管理员用恢复密钥登录');
  }
  return wrapFor(keyring, staff.id, kek, ws.heldKey());
}

// ---------------------------------------------------------------------------------------------------------------
// Sealing a data folder from before encryption
// ---------------------------------------------------------------------------------------------------------------

/** Folders whose files are records (sealed); certificates, the workstation file and its audit stay as they are. */
const RECORD_AREAS = ['cases', 'index', 'drafts', 'quarantine'];
const RECORD_FILES = [/^sequence\.json(\.1)?$/, /^document-hashes\.jsonl$/];

async function recordFiles(fs: DurableFs, dataDir: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (dir: string): Promise<void> => {
    let names: string[];
    try {
      names = await fs.readdir(dir);
    } catch {
      return; // a file, or gone
    }
    for (const name of names) {
      const full = path.join(dir, name);
      if (isTempName(name)) continue;
      const inner = await fs.readdir(full).then(
        () => true,
        () => false,
      );
      if (inner) await walk(full);
      else out.push(full);
    }
  };
  for (const area of RECORD_AREAS) await walk(path.join(dataDir, area));
  for (const name of await fs.readdir(dataDir).catch(() => [] as string[])) if (RECORD_FILES.some((re) => re.test(name))) out.push(path.join(dataDir, name));
  return out;
}

export interface SealingProgress {
  done: number;
  total: number;
}

/**
 * Encrypts a data folder from before encryption in place, file by file: each file is replaced atomically by its
 * sealed form (temp, fsync, rename) and read back through the sealed store before the next, so a crash at any
 * point leaves every file either as it was or sealed and verified; the next run skips what is already sealed.
 * The keyring (with the administrator's wrap and the recovery wrap) is durable before the first file is touched.
 */
export async function sealFolder(dataDir: string, dataKey: Buffer, onProgress: (p: SealingProgress) => void, fs: DurableFs = realFs): Promise<SealingProgress> {
  const sealed = sealedFs(fs, dataDir, subKey(dataKey, 'records'));
  const files = await recordFiles(fs, dataDir);
  const progress = { done: 0, total: files.length };
  onProgress(progress);
  for (const file of files) {
    const raw = await fs.readFile(file);
    if (!isSealed(raw)) {
      await writeFileDurable(file, raw, {}, sealed);
      const back = await sealed.readFile(file);
      if (!back.equals(raw)) throw new Error(`sealing ${file} did not read back the same content`);
    }
    progress.done += 1;
    if (progress.done % 200 === 0 || progress.done === progress.total) onProgress({ ...progress });
  }
  return progress;
}
