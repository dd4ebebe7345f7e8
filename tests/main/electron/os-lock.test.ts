import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { forwardOsLock } from '../../../electron/main/os-lock';

/** The OS locking or suspending reaches the main window as a lock request, and nothing else does. */

function fakeWindow() {
  const sent: unknown[][] = [];
  const win = {
    destroyed: false,
    contentsDestroyed: false,
    isDestroyed: () => win.destroyed,
    webContents: { isDestroyed: () => win.contentsDestroyed, send: (...args: unknown[]) => void sent.push(args) },
  };
  return { win, sent };
}

describe('forwardOsLock', () => {
  it('sends host:lock-request to the main window on lock-screen and suspend, not on resume or unlock', () => {
    const power = new EventEmitter();
    const { win, sent } = fakeWindow();
    forwardOsLock(power, () => win);
    power.emit('lock-screen');
    power.emit('suspend');
    power.emit('resume');
    power.emit('unlock-screen');
    expect(sent).toEqual([['host:lock-request'], ['host:lock-request']]);
  });

  it('does nothing without a live window, and stops when asked', () => {
    const power = new EventEmitter();
    const { win, sent } = fakeWindow();
    let current: typeof win | null = null;
    const stop = forwardOsLock(power, () => current);
    power.emit('lock-screen');
    current = win;
    win.destroyed = true;
    power.emit('lock-screen');
    win.destroyed = false;
    win.contentsDestroyed = true;
    power.emit('suspend');
    expect(sent).toEqual([]);
    win.contentsDestroyed = false;
    stop();
    power.emit('lock-screen');
    expect(sent).toEqual([]);
    expect(power.listenerCount('lock-screen') + power.listenerCount('suspend')).toBe(0);
  });
});
