import { randomBytes } from 'node:crypto';
import { FileCaseStore } from '../../../../electron/main/storage/file-case-store';
import { realFs } from '../../../../electron/main/storage/durable-fs';
import { sealedFs } from '../../../../electron/main/storage/sealed-fs';
import { makeTempDir, removeDir } from '../../../fixtures/workstation';
import { describeCaseStoreContract } from './case-store-contract';

describeCaseStoreContract('file (sealed)', async () => {
  const dir = await makeTempDir('contract-file-');
  const recordsKey = randomBytes(32);
  return {
    open: () => FileCaseStore.open({ dataDir: dir, fs: sealedFs(realFs, dir, recordsKey) }),
    dispose: () => removeDir(dir),
  };
});
