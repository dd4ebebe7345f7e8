/**
 * Every test starts at a pinned "now" that runs on from there (the renderer's clock; main's is injected per Workstation through fixedClock).
 * A test that compares a fixture's date with the real clock would pass this week and fail next month.
 * A test that needs another moment calls setClock itself.
 */
import { afterEach } from 'vitest';
import { clockStartingAt } from '../../electron/shared/time/clock';
import { setClock } from '../../renderer/src/lib/clock';

export const PINNED_NOW = '2026-11-25T02:00:00.000Z';

let restore = setClock(clockStartingAt(PINNED_NOW));
afterEach(() => {
  restore();
  restore = setClock(clockStartingAt(PINNED_NOW));
});
