import { lockDataDir } from './data-dir-lock';
import { type DurableFs, ensureDirDurable } from './durable-fs';
import { DataFolderGuard, type FolderGuardOptions } from './folder-guard';
import { tightenFolderModes } from './folder-modes';

/** The data folder, opened by a host: locked for this process, owner-only, and the file access to hand the store. */
export interface DataFolder {
  readonly dataDir: string;
  /** Refuses writes once the folder was deleted or replaced (folder-guard.ts). */
  readonly fs: DurableFs;
  /** Releases the lock (after the store is closed). Safe to call more than once. */
  release(): void;
}

/**
 * What both hosts (Electron and browser mode) do before opening the store: create the folder if it is new (owner-only),
 * take the one-process lock (DataDirLockedError when another holds it), and make a folder left by an older version
 * owner-only, once; then its identity is recorded, so that the store never writes into a folder that replaced it.
 */
export async function openDataFolder(dataDir: string, log: (message: string) => void = console.warn, guard: FolderGuardOptions = {}): Promise<DataFolder> {
  await ensureDirDurable(dataDir);
  const releaseLock = await lockDataDir(dataDir);
  try {
    const modes = await tightenFolderModes(dataDir);
    if (modes.walked) {
      const failed = modes.failed.length ? `; ${modes.failed.length} could not be changed: ${modes.failed.slice(0, 5).join(', ')}` : '';
      log(`[data folder] made owner-only: ${modes.dirs} folders, ${modes.files} files${failed}`);
    }
    const fs = await DataFolderGuard.open(dataDir, undefined, guard);
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      fs.stop();
      releaseLock();
    };
    return { dataDir, fs, release };
  } catch (error) {
    releaseLock();
    throw error;
  }
}
