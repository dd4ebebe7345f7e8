import { type Clock, systemClock } from '../../../electron/shared/time/clock';

/**
 * The renderer's time source: the same China-time clock as main (electron/shared/time/clock.ts). Every "now" in
 * the renderer goes through here, never `Date.now()` or `new Date()`, so that tests pin it (tests/renderer/setup.ts)
 * and a comparison with a date typed into a fixture means the same next year.
 */
let current: Clock = systemClock;

export const clock = {
  now: (): Date => current.now(),
  nowMs: (): number => current.now().getTime(),
  nowIso: (): string => current.now().toISOString(),
  /** The center's calendar date (China time), ISO. */
  today: (): string => current.today(),
};

/** Tests only: replaces the clock; returns a function that puts the previous one back. */
export function setClock(next: Clock): () => void {
  const previous = current;
  current = next;
  return () => {
    current = previous;
  };
}
