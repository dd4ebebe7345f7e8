import { afterEach, describe, expect, it, vi } from 'vitest';
import { systemClock } from '../../../electron/main/services/clock';

afterEach(() => vi.useRealTimers());

describe('the center clock', () => {
  it('counts days in China Standard Time whatever the machine time zone: 17:00 UTC is already tomorrow', () => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2026-04-30T17:00:00Z'));
    expect(systemClock.today()).toBe('2026-05-01');
    vi.setSystemTime(new Date('2026-04-30T15:59:59Z'));
    expect(systemClock.today()).toBe('2026-04-30');
  });
});
