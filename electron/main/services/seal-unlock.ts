/**
 * When a password is at hand (a sign-in, a confirmation before sealing), what it does for the seal key
 * (seal-key.ts): a sealer's box gives up the key, which is then handed on to sealers still waiting for a box, and a
 * certificate from before sealed keys is sealed as soon as a seal key can exist. Never at any other time.
 */
import type { Staff } from '../../shared/domain';
import { hasLegacyCertificate, sealLegacyCertificate } from '../signing/center-certificate';
import { certificatesDir, sealingCertificate } from '../signing/sealing-certificate';
import { withSealKey } from '../signing/seal-scope';
import { checkpointFailed, dailyCheckpointDue, runDailyCheckpoint } from './checkpoints';
import { grantSealKey, maySeal, newSealKey, openSealKey, personScalar, sealGrantsPending, sealRecipientsExist } from './seal-key';
import type { Workstation } from './workstation';

const nameOf = (ws: Workstation, id: string) => ws.state.data.staff.find((s) => s.id === id)?.name ?? id;

/** Boxes the key for every sealer who lacks one (audited by name), when there is anyone. */
async function handOn(ws: Workstation, key: Buffer, actor: Staff): Promise<void> {
  if (!sealGrantsPending(ws.state.data)) return;
  const names = grantSealKey(structuredClone(ws.state.data), key).map((id) => nameOf(ws, id));
  await ws.updateState((draft) => void grantSealKey(draft, key), {
    actorId: actor.id,
    actorName: actor.name,
    action: 'keys:seal-key-granted',
    detail: names.length ? `向${names.join('、')}发放中心签章密钥` : '更新中心签章密钥的持有人（收回不再可以盖章者的密钥）',
  });
}

/** The seal key this person's password opens (null: may not seal, holds no box, or none exists), handed on. */
export async function unlockSealKey(ws: Workstation, staff: Staff, kek: Buffer): Promise<Buffer | null> {
  if (!maySeal(staff)) return null;
  const scalar = personScalar(staff.id, ws.state.data.credentials[staff.id], kek);
  const key = scalar ? openSealKey(ws.state.data, staff.id, scalar) : null;
  if (key) await handOn(ws, key, staff);
  return key;
}

/** The recovery key's box opens the seal key too: an administrator recovering access hands it on to the sealers. */
export async function handOnWithKey(ws: Workstation, key: Buffer | null, actor: Staff): Promise<void> {
  if (key) await handOn(ws, key, actor);
}

/** A new seal key boxed to every sealer and the recovery key (the center's first signing, or sealing a legacy certificate). */
export async function createSealKey(ws: Workstation, actor: Pick<Staff, 'id' | 'name'>): Promise<Buffer> {
  let made: Buffer | null = null;
  await ws.updateState((draft) => void (made = newSealKey(draft, ws.clock.now().toISOString())), {
    actorId: actor.id,
    actorName: actor.name,
    action: 'keys:seal-key-created',
    detail: '生成中心签章密钥（仅发放给可以盖章的工作人员与恢复密钥）',
  });
  return made!;
}

/**
 * After a sign-in: a sealer's key is handed on; a certificate from before sealed keys (its password in clear beside
 * it) is sealed under the seal key, made now if the center has none and anyone could hold it. Returns the seal key
 * when this person's box opened it (for the day's integrity checkpoint), else null. Never fails the sign-in.
 */
export async function sealKeyAtSignIn(ws: Workstation, staff: Staff, kek: Buffer): Promise<Buffer | null> {
  try {
    let key = await unlockSealKey(ws, staff, kek);
    const dir = certificatesDir(ws);
    if (await hasLegacyCertificate(dir, ws.centerFs)) {
      const data = ws.state.data;
      const made = !key && !data.keyring?.seal && sealRecipientsExist(data) ? await createSealKey(ws, staff) : null;
      const sealWith = key ?? made;
      if (sealWith) await sealLegacyCertificate(dir, sealWith, ws.clock.now(), ws.centerFs);
      if (made && maySeal(staff)) key = made;
    }
    return key;
  } catch (error) {
    console.error('[seal key] at sign-in:', error);
    return null;
  }
}

/**
 * The day's first sign-in of someone holding the seal key signs a checkpoint of every audit chain (数据完整性凭证,
 * checkpoints.ts) with the certificate their password just opened; it runs in the background and never fails the
 * sign-in (a failure is shown on the 完整性凭证 card).
 */
export async function dailyCheckpointAtSignIn(ws: Workstation, staff: Staff, key: Buffer | null): Promise<void> {
  if (!key || !ws.unlocked) return;
  try {
    if (!(await dailyCheckpointDue(ws))) return;
    const cert = await withSealKey({ staffId: staff.id, key }, () => sealingCertificate(ws));
    await runDailyCheckpoint(ws, cert, staff);
  } catch (error) {
    await checkpointFailed(ws, error);
  }
}
