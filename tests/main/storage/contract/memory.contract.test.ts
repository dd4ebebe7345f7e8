import { MemoryCaseStore, emptyMemoryState } from '../../../../electron/main/storage/memory-case-store';
import { describeCaseStoreContract } from './case-store-contract';

describeCaseStoreContract('memory', async () => {
  const state = emptyMemoryState();
  return { open: async () => new MemoryCaseStore(state), dispose: async () => undefined };
});
