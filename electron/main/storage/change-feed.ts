import type { StoreChange } from './case-store';

/**
 * The listeners of one store. A listener that throws is the listener's problem: it must never turn a durable write
 * into a failed call, so errors are logged, not passed on.
 */
export class ChangeFeed {
  private readonly listeners = new Set<(change: StoreChange) => void>();

  subscribe(listener: (change: StoreChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(change: StoreChange): void {
    for (const listener of this.listeners) {
      try {
        listener(change);
      } catch (error) {
        console.error('a store change listener failed', error);
      }
    }
  }
}
