/**
 * Slows down guessing: every failed sign-in of an account or at a desk makes the next attempt there wait a little
 * longer (150 ms more per failure, at most 2 s), on top of scrypt's own ~160 ms. Attempts on one account or one desk
 * run one at a time (the caller holds their locks), so parallel guesses queue up behind the delay.
 * In memory: a restart forgets the delays, never the account lock after 10 failures (that is stored).
 */
export const STEP_MS = 150;
export const MAX_DELAY_MS = 2000;

export class SignInThrottle {
  private readonly failures = new Map<string, number>();

  constructor(private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms))) {}

  delayFor(keys: readonly string[]): number {
    const count = Math.max(0, ...keys.map((k) => this.failures.get(k) ?? 0));
    return Math.min(count * STEP_MS, MAX_DELAY_MS);
  }

  async wait(keys: readonly string[]): Promise<void> {
    const ms = this.delayFor(keys);
    if (ms > 0) await this.sleep(ms);
  }

  failed(keys: readonly string[]): void {
    for (const k of keys) this.failures.set(k, (this.failures.get(k) ?? 0) + 1);
  }

  succeeded(keys: readonly string[]): void {
    for (const k of keys) this.failures.delete(k);
  }
}
