import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { subKey } from '../crypto/keyring';
import { type CaseBundle, checkBundle, exportCase } from '../storage/case-bundle';
import { realFs } from '../storage/durable-fs';
import { FileCaseStore } from '../storage/file-case-store';
import { sealedFs } from '../storage/sealed-fs';
import { ObjectStore } from './object-store';
import { RestoreRefusedError, fetchVerified, openGeneration } from './open-generation';
import { PG_BACKUP_KIND, caseBundlePath, openBundle } from './pg-source';
import { restoreCase } from './restore';

/**
 * One case of a generation as a bundle that the live store's importCase accepts (case-bundle.ts): its sealed files are
 * put in a scratch data folder that holds only this case, opened with the real file store (which authenticates every
 * file, rolls a pending unit forward and checks each record against the trail), exported through the port and checked
 * as an import would check it. The scratch folder holds only sealed bytes and is removed afterwards.
 */
export async function restoreCaseBundle(backup: string, generation: string, caseId: string, dataKey: Buffer, now: () => Date): Promise<CaseBundle> {
  const { manifest } = await openGeneration(backup, generation, async () => dataKey);
  if (manifest.source.kind === PG_BACKUP_KIND) {
    // A center database's generation holds the bundle itself (pg-source.ts): checked, opened, checked again.
    const file = manifest.files.find((f) => f.path === caseBundlePath(caseId));
    if (!file) throw new RestoreRefusedError('CASE_NOT_IN_BACKUP', `备份 ${manifest.id} 中没有这件案件（${caseId}）`);
    const bundle = openBundle(subKey(dataKey, 'records'), caseId, await fetchVerified(new ObjectStore(backup), file));
    checkBundle(bundle);
    return bundle;
  }
  const files = await restoreCase(backup, generation, caseId, dataKey);
  const scratch = await mkdtemp(path.join(os.tmpdir(), 'mws-case-restore-'));
  try {
    for (const f of files) {
      const file = path.join(scratch, ...f.path.split('/'));
      await mkdir(path.dirname(file), { recursive: true });
      await writeFile(file, f.data);
    }
    const store = await FileCaseStore.open({ dataDir: scratch, fs: sealedFs(realFs, scratch, subKey(dataKey, 'records')), now });
    try {
      const bundle = await exportCase(store, caseId);
      checkBundle(bundle);
      return bundle;
    } finally {
      await store.close();
    }
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}
