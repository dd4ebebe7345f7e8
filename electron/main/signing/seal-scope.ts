import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * The seal key unlocked for one call: the sealer typed their password again just before it (auth:reauth), dispatch
 * runs that one call inside this scope, and nothing outside it (no other call, no later one) can sign. `key` is null
 * when the sealer holds no box yet or the center has no seal key yet (sealingCertificate decides what that means).
 */
export interface HeldSealKey {
  staffId: string;
  key: Buffer | null;
}

const scope = new AsyncLocalStorage<HeldSealKey>();

export const withSealKey = <T>(held: HeldSealKey, work: () => Promise<T>): Promise<T> => scope.run(held, work);

export const heldSealKey = (): HeldSealKey | undefined => scope.getStore();
