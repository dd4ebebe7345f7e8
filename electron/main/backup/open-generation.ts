import type { Keyring } from '../crypto/keyring';
import { keyMatches } from '../crypto/keyring';
import { type WorkstationData, WorkstationSchema } from '../storage/workstation-file';
import { listGenerations } from './generations';
import { type Manifest, ManifestError, type ManifestFile, assertAuthentic, readManifest } from './manifest';
import { type ObjectFault, ObjectStore, faultMessage } from './object-store';

export type RestoreRefusal =
  | 'NO_BACKUP'
  | 'INCOMPLETE'
  | 'MANIFEST_MISSING'
  | 'MANIFEST_DAMAGED'
  | 'MANIFEST_TAMPERED'
  | 'OBJECT_MISSING'
  | 'OBJECT_TRUNCATED'
  | 'OBJECT_TAMPERED'
  | 'NOT_A_DATA_FOLDER'
  | 'WRONG_KEY'
  | 'DESTINATION_NOT_EMPTY'
  | 'CASE_NOT_IN_BACKUP'
  | 'BUSY'
  /** A folder's backup restored into a database, or a database's into a folder. */
  | 'WRONG_KIND';

/** A backup that cannot be restored (or a destination that cannot take it), with what is wrong in Chinese. */
export class RestoreRefusedError extends Error {
  constructor(
    readonly code: RestoreRefusal,
    message: string,
  ) {
    super(message);
    this.name = 'RestoreRefusedError';
  }
}

const FAULT_CODES: Record<ObjectFault, RestoreRefusal> = { missing: 'OBJECT_MISSING', truncated: 'OBJECT_TRUNCATED', tampered: 'OBJECT_TAMPERED' };

/** An object the manifest names, checked (present, whole, its SHA-256); RestoreRefusedError otherwise. */
export async function fetchVerified(objects: ObjectStore, file: ManifestFile): Promise<Buffer> {
  const got = await objects.fetch(file);
  if ('fault' in got) throw new RestoreRefusedError(FAULT_CODES[got.fault], faultMessage(got.fault, file));
  return got.data;
}

/** Unwraps the data key from the backup's own copy of workstation.json (a staff password or the recovery key). */
export type Unlock = (workstation: WorkstationData & { keyring: Keyring }) => Promise<Buffer>;

export interface OpenedGeneration {
  manifest: Manifest;
  dataKey: Buffer;
  workstation: WorkstationData;
}

/** The newest complete generation, or the one asked for; refuses an incomplete or unknown one. */
export async function resolveGeneration(backup: string, generation?: string): Promise<Manifest> {
  try {
    if (generation) {
      const all = await listGenerations(backup);
      const found = all.find((g) => g.id === generation);
      if (!found) throw new RestoreRefusedError('NO_BACKUP', `在 ${backup} 中找不到备份 ${generation}`);
      if (found.status === 'incomplete') throw new RestoreRefusedError('INCOMPLETE', `备份 ${generation} 未完成（备份过程被中断，没有写完清单），不能用于恢复，请选用更早的备份`);
      return await readManifest(backup, generation);
    }
    const all = await listGenerations(backup);
    const complete = all.filter((g) => g.status !== 'incomplete');
    if (complete.length === 0) {
      throw all.length > 0
        ? new RestoreRefusedError('INCOMPLETE', `${backup} 中只有未完成的备份（备份过程被中断），不能用于恢复`)
        : new RestoreRefusedError('NO_BACKUP', `${backup} 中没有备份`);
    }
    return await readManifest(backup, complete.at(-1)!.id);
  } catch (error) {
    if (error instanceof ManifestError) throw new RestoreRefusedError(error.code, error.message);
    throw error;
  }
}

/**
 * Opens a generation for restoring: its manifest, the data key unlocked from the backup's own workstation.json (so a
 * backup restores on a new computer with nothing else), then the manifest's HMAC checked under that key. The
 * workstation file is only trusted after: its keyring must hold the key the person unlocked, and the manifest that
 * names it must be authentic.
 */
export async function openGeneration(backup: string, generation: string | undefined, unlock: Unlock): Promise<OpenedGeneration> {
  const manifest = await resolveGeneration(backup, generation);
  const entry = manifest.files.find((f) => f.path === 'workstation.json');
  if (!entry) throw new RestoreRefusedError('NOT_A_DATA_FOLDER', `备份 ${manifest.id} 中没有 workstation.json，不是调解工作台数据目录的备份`);
  const bytes = await fetchVerified(new ObjectStore(backup), entry);
  let workstation: WorkstationData;
  try {
    workstation = WorkstationSchema.parse(JSON.parse(bytes.toString('utf8')));
  } catch {
    throw new RestoreRefusedError('OBJECT_TAMPERED', `备份 ${manifest.id} 中的 workstation.json 无法读取（已损坏或被改动）`);
  }
  const keyring = workstation.keyring;
  if (!keyring?.sealedAt) throw new RestoreRefusedError('NOT_A_DATA_FOLDER', `备份 ${manifest.id} 的数据尚未加密，本工具不恢复这样的备份`);
  const dataKey = await unlock({ ...workstation, keyring });
  if (!keyMatches(keyring, dataKey)) throw new RestoreRefusedError('WRONG_KEY', '解开的密钥不是该备份的数据密钥');
  try {
    assertAuthentic(manifest, dataKey);
  } catch (error) {
    if (error instanceof ManifestError) throw new RestoreRefusedError(error.code, error.message);
    throw error;
  }
  return { manifest, dataKey, workstation };
}

/** Checks every object of an authentic manifest (present, whole, its SHA-256) without writing anything. */
export async function verifyObjects(backup: string, manifest: Manifest, onProgress?: (done: number, total: number) => void): Promise<void> {
  const objects = new ObjectStore(backup);
  for (let i = 0; i < manifest.files.length; i++) {
    await fetchVerified(objects, manifest.files[i]!);
    onProgress?.(i + 1, manifest.files.length);
  }
}
