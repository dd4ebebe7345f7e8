/**
 * The one way to get the center's certificate *with its private key* for signing (agreements' signed originals,
 * integrity checkpoints). It signs only inside a call a sealer confirmed with their password (seal-scope.ts): the
 * seal key their box gave up then opens center.key. The first signing of a center that has no seal key yet makes
 * one (boxed to every sealer and the recovery key); a folder from before sealed keys has its certificate sealed.
 */
import path from 'node:path';
import { ApiFailure } from '../../shared/ipc/result';
import { createSealKey } from '../services/seal-unlock';
import type { Workstation } from '../services/workstation';
import { type CenterCertificate, CertificateError, ensureCenterCertificate, sealLegacyCertificate } from './center-certificate';
import { heldSealKey } from './seal-scope';

export const certificatesDir = (ws: Workstation) => path.join(ws.opts.dataDir, 'certificates');

export const SEAL_KEY_MESSAGES = {
  notUnlocked: '签章须由法律顾问或中心负责人输入本人密码解开中心签章密钥后进行',
  noBox: '您尚未获得中心签章密钥：待已持有签章密钥的法律顾问或中心负责人下次盖章（或中心管理员使用恢复密钥登录）后即自动授予，请稍后再试或请其代为签章',
} as const;

export async function sealingCertificate(ws: Workstation): Promise<CenterCertificate> {
  const held = heldSealKey();
  if (!held) throw new ApiFailure('NOT_ALLOWED', SEAL_KEY_MESSAGES.notUnlocked);
  let key = held.key;
  if (!key) {
    if (ws.state.data.keyring?.seal) throw new ApiFailure('NOT_ALLOWED', SEAL_KEY_MESSAGES.noBox);
    const actor = ws.state.data.staff.find((s) => s.id === held.staffId);
    key = await createSealKey(ws, { id: held.staffId, name: actor?.name ?? held.staffId });
    held.key = key;
  }
  const dir = certificatesDir(ws);
  const now = ws.clock.now();
  const fs = ws.centerFs;
  await sealLegacyCertificate(dir, key, now, fs);
  const settings = ws.state.data.settings;
  try {
    return await ensureCenterCertificate(dir, { centerName: settings?.centerName ?? '', committeeName: settings?.committeeName ?? '', now, sealKey: key, ...(fs ? { fs } : {}) });
  } catch (error) {
    if (error instanceof CertificateError) throw new ApiFailure('NOT_ALLOWED', error.message);
    throw error;
  }
}
