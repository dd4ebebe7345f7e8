import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { subKey } from '../crypto/keyring';
import { type CaseBundle, checkBundle, exportCase } from '../storage/case-bundle';
import { realFs } from '../storage/durable-fs';
import { FileCaseStore } from '../storage/file-case-store';
import { sealedFs } from '../storage/sealed-fs';
import { restoreCase } from './restore';

/**
 * One case of a generation as a bundle that the live store's importCase accepts (case-bundle.ts): its sealed files are
 * put in a scratch data folder that holds only this case, opened with the real file store (which authenticates every
 * file, rolls a pending unit forward and checks each record against the trail), exported through the port and checked
 * as an import would check it. The scratch folder holds only sealed bytes and is removed afterwards.
 */
export async function restoreCaseBundle(backup: string, generation: string, caseId: string, dataKey: Buffer, now: () => Date): Promise<CaseBundle> {
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
