import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

/**
 * The Electron entry's wiring, with Electron and the window/security/IPC glue replaced by recorders, and the real
 * data-dir lock and Workstation on a temp dir: start-up order, single instance, visible start-up errors, clean quit.
 */

const h = vi.hoisted(() => {
  const calls: string[] = [];
  const state = { gotLock: true, userData: '', errorBoxes: [] as [string, string][], exitCodes: [] as number[], quits: 0 };
  return { calls, state, getMainWindow: (() => null) as () => unknown };
});

vi.mock('electron', async () => {
  const { EventEmitter } = await import('node:events');
  const app = Object.assign(new EventEmitter(), {
    isPackaged: false,
    enableSandbox: () => h.calls.push('enableSandbox'),
    requestSingleInstanceLock: () => (h.calls.push('requestSingleInstanceLock'), h.state.gotLock),
    setAppUserModelId: () => undefined,
    whenReady: () => Promise.resolve(),
    getPath: (name: string) => (name === 'userData' ? h.state.userData : '/nonexistent'),
    setPath: (name: string, value: string) => {
      h.calls.push(`setPath:${name}:${value}`);
      if (name === 'userData') h.state.userData = value;
    },
    getVersion: () => '1.2.3',
    getAppPath: () => '/app',
    quit: () => {
      h.state.quits += 1;
    },
    exit: (code: number) => h.state.exitCodes.push(code),
  });
  return {
    app,
    BrowserWindow: class {},
    dialog: { showErrorBox: (title: string, message: string) => h.state.errorBoxes.push([title, message]) },
    ipcMain: {},
    powerMonitor: new EventEmitter(),
    session: { defaultSession: {} },
    shell: {},
  };
});

vi.mock('../../../electron/main/security', () => ({ installSecurity: () => h.calls.push('installSecurity') }));
vi.mock('../../../electron/main/ipc', () => ({
  registerIpc: (deps: { getMainWindow: () => unknown }) => {
    h.calls.push('registerIpc');
    h.getMainWindow = deps.getMainWindow;
  },
}));
// The window's live events start before its page loads, so the first screen misses none.
vi.mock('../../../electron/main/live-ipc', () => ({ forwardLiveEvents: () => h.calls.push('forwardLiveEvents') }));
vi.mock('../../../electron/main/window', async () => {
  const { EventEmitter } = await import('node:events');
  return {
    // The IPC sender check must already know the main window when the page starts loading.
    loadApp: () => h.calls.push(h.getMainWindow() ? 'loadApp' : 'loadApp before the main window was known'),
    createMainWindow: () => {
      h.calls.push('createMainWindow');
      return Object.assign(new EventEmitter(), { isMinimized: () => true, restore: () => h.calls.push('restore'), show: () => h.calls.push('show'), focus: () => h.calls.push('focus') });
    },
  };
});
vi.mock('../../../electron/main/storage/data-dir-lock', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../../electron/main/storage/data-dir-lock')>();
  return {
    ...real,
    lockDataDir: async (dataDir: string) => {
      h.calls.push(`lockDataDir:${dataDir}`);
      const release = await real.lockDataDir(dataDir);
      return () => {
        h.calls.push('releaseLock');
        release();
      };
    },
  };
});
vi.mock('../../../electron/main/services/workstation', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../../electron/main/services/workstation')>();
  const open = real.Workstation.open.bind(real.Workstation);
  real.Workstation.open = async (opts) => {
    h.calls.push(`Workstation.open:${opts.host}:${opts.version}:${opts.dataDir}`);
    const ws = await open(opts);
    const close = ws.close.bind(ws);
    ws.close = async () => {
      h.calls.push('ws.close');
      await close();
    };
    return ws;
  };
  return real;
});

/** Opening the store takes a while on a loaded 2-core machine: vi.waitFor's default 1 s flaked there. */
const STARTED = { timeout: 15_000 };

let dir: string;
const argv = process.argv;

beforeEach(async () => {
  // The mocked electron module outlives resetModules: drop the listeners earlier imports of index.ts added.
  ((await import('electron')).app as unknown as import('node:events').EventEmitter).removeAllListeners();
  vi.resetModules();
  h.calls.length = 0;
  dir = await mkdtemp(path.join(os.tmpdir(), 'electron-start-'));
  Object.assign(h.state, { gotLock: true, userData: path.join(dir, 'default-user-data'), errorBoxes: [], exitCodes: [], quits: 0 });
  process.argv = [argv[0]!, '.', '--data-dir', dir];
  vi.stubEnv('MEDIATION_DATA_DIR', undefined);
  vi.spyOn(console, 'error').mockImplementation(() => undefined);
});

afterEach(async () => {
  process.argv = argv;
  vi.unstubAllEnvs();
  process.removeAllListeners('SIGINT');
  process.removeAllListeners('SIGTERM');
  await rm(dir, { recursive: true, force: true });
});

/** Whether someone holds the data dir's lock: the real lock is tried (and let go at once when it could be taken). */
async function isLocked(dataDir: string): Promise<boolean> {
  const real = await vi.importActual<typeof import('../../../electron/main/storage/data-dir-lock')>('../../../electron/main/storage/data-dir-lock');
  return real.lockDataDir(dataDir).then(
    (release) => {
      release();
      return false;
    },
    (error: unknown) => {
      if (error instanceof real.DataDirLockedError) return true;
      throw error;
    },
  );
}

async function boot() {
  await import('../../../electron/main/index');
  const { app } = await import('electron');
  return app as unknown as import('node:events').EventEmitter;
}

describe('electron/main/index.ts', () => {
  it('takes the single-instance lock first, then data dir lock, store, security, IPC, window — in that order', async () => {
    await boot();
    await vi.waitFor(() => expect(h.calls).toContain('loadApp'), STARTED);
    expect(h.calls).toEqual(['enableSandbox', `setPath:userData:${dir}`, 'requestSingleInstanceLock', `lockDataDir:${dir}`, `Workstation.open:electron:1.2.3:${dir}`, 'installSecurity', 'registerIpc', 'createMainWindow', 'forwardLiveEvents', 'loadApp']);
    expect(await isLocked(dir)).toBe(true);
    expect(h.state.errorBoxes).toEqual([]);
  });

  it('as a second instance, quits without touching the data dir', async () => {
    h.state.gotLock = false;
    await boot();
    await new Promise((r) => setTimeout(r, 20));
    expect(h.calls).toEqual(['enableSandbox', `setPath:userData:${dir}`, 'requestSingleInstanceLock']);
    expect(h.state.quits).toBe(1);
    expect(await isLocked(dir)).toBe(false);
  });

  it('without --data-dir uses userData as the data dir and leaves userData alone', async () => {
    process.argv = [argv[0]!, '.'];
    await boot();
    await vi.waitFor(() => expect(h.calls).toContain('loadApp'), STARTED);
    expect(h.calls.some((c) => c.startsWith('setPath'))).toBe(false);
    expect(h.calls).toContain(`lockDataDir:${h.state.userData}`);
    expect(await isLocked(h.state.userData)).toBe(true);
  });

  it('shows a dialog, not a crash, when the data dir cannot be created', async () => {
    const file = path.join(dir, 'a-file');
    await writeFile(file, '');
    process.argv = [argv[0]!, '.', `--data-dir=${path.join(file, 'sub')}`];
    await boot();
    await vi.waitFor(() => expect(h.state.exitCodes).toEqual([1]), STARTED);
    expect(h.state.errorBoxes[0]![0]).toBe('调解工作台无法启动');
    expect(h.calls).not.toContain('requestSingleInstanceLock');
  });

  it('brings the first window forward when a second instance starts', async () => {
    const app = await boot();
    await vi.waitFor(() => expect(h.calls).toContain('loadApp'), STARTED);
    app.emit('second-instance');
    expect(h.calls.slice(-3)).toEqual(['restore', 'show', 'focus']);
  });

  it('shows a Chinese dialog and exits 1 when the data dir is locked by another holder', async () => {
    const { lockDataDir } = await vi.importActual<typeof import('../../../electron/main/storage/data-dir-lock')>('../../../electron/main/storage/data-dir-lock');
    const release = await lockDataDir(dir);
    try {
      await boot();
      await vi.waitFor(() => expect(h.state.exitCodes).toEqual([1]), STARTED);
      expect(h.state.errorBoxes).toHaveLength(1);
      expect(h.state.errorBoxes[0]![0]).toBe('调解工作台无法启动');
      expect(h.state.errorBoxes[0]![1]).toContain(`进程号 ${process.pid}`);
      expect(h.calls.some((c) => c.startsWith('Workstation.open'))).toBe(false);
      // The holder's lock is left alone.
      expect(await isLocked(dir)).toBe(true);
    } finally {
      release();
    }
  });

  it('on quit holds the exit until the store is closed, then releases the lock', async () => {
    const app = await boot();
    await vi.waitFor(() => expect(h.calls).toContain('loadApp'), STARTED);
    let prevented = 0;
    const event = { preventDefault: () => (prevented += 1) };
    app.emit('will-quit', event);
    app.emit('will-quit', event);
    await vi.waitFor(() => expect(h.state.exitCodes).toEqual([0]), STARTED);
    expect(prevented).toBe(2);
    expect(h.calls.filter((c) => c === 'ws.close' || c === 'releaseLock')).toEqual(['ws.close', 'releaseLock']);
    expect(await isLocked(dir)).toBe(false);
    app.emit('will-quit', event);
    expect(prevented).toBe(2);
  });

  it('quits when the window is closed', async () => {
    const app = await boot();
    await vi.waitFor(() => expect(h.calls).toContain('loadApp'), STARTED);
    app.emit('window-all-closed');
    expect(h.state.quits).toBe(1);
  });
});
