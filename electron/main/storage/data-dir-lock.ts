import { createHash } from 'node:crypto';
import { realpathSync, unlinkSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export class DataDirLockedError extends Error {
  /** `pid`: the holder's process id when it told us (it answers on the lock), else null. */
  constructor(readonly dataDir: string, readonly pid: number | null) {
    super(`data directory ${dataDir} is in use by ${pid === null ? 'another process' : `process ${pid}`}`);
    this.name = 'DataDirLockedError';
  }
}

/**
 * Where the lock lives. Linux: an abstract socket (no file; the kernel frees the name when the process dies, however
 * it dies). Windows: a named pipe (the same). Elsewhere (macOS, BSD): a socket file, which a crash leaves behind;
 * it is recognised as stale because nobody answers on it.
 */
export type LockKind = 'abstract' | 'pipe' | 'socket-file';

export function defaultLockKind(platform = process.platform): LockKind {
  return platform === 'linux' ? 'abstract' : platform === 'win32' ? 'pipe' : 'socket-file';
}

/** sun_path is 104 bytes on macOS and 108 on Linux, terminator included. */
const MAX_SOCKET_PATH_BYTES = 100;

/**
 * The lock's address, from the folder's resolved path: a link to the folder or a path spelled otherwise names the same
 * lock. Windows and macOS file names ignore case, so the path is compared in lower case there.
 */
export function lockAddress(dataDir: string, kind: LockKind = defaultLockKind()): string {
  const real = realpathSync.native(dataDir);
  const key = createHash('sha256')
    .update(process.platform === 'win32' || process.platform === 'darwin' ? real.toLowerCase() : real)
    .digest('hex')
    .slice(0, 32);
  if (kind === 'abstract') return `\0mediation-workstation-${key}`;
  if (kind === 'pipe') return `\\\\.\\pipe\\mediation-workstation-${key}`;
  const inFolder = path.join(real, '.lock');
  // A folder deep enough to make the path too long for a socket gets its lock in the (per-user) temp folder.
  return Buffer.byteLength(inFolder) <= MAX_SOCKET_PATH_BYTES ? inFolder : path.join(os.tmpdir(), `mediation-workstation-${key}.sock`);
}

/** Addresses this process holds: a second lock from the same process is refused like another process's. */
const held = new Set<string>();

function listen(address: string): Promise<net.Server> {
  return new Promise((resolve, reject) => {
    // Whoever connects learns who holds the lock (for the message), then the connection is closed.
    const server = net.createServer((socket) => {
      socket.on('error', () => undefined);
      socket.end(String(process.pid));
    });
    server.once('error', reject);
    server.listen({ path: address, exclusive: true }, () => {
      server.off('error', reject);
      // The lock must not keep the process alive on its own.
      server.unref();
      resolve(server);
    });
  });
}

/** Asks the holder of a lock for its pid: a number, null when it answers oddly, 'nobody' when no one listens. */
function askHolder(address: string): Promise<number | null | 'nobody'> {
  return new Promise((resolve) => {
    let answer = '';
    const socket = net.connect({ path: address });
    const done = (value: number | null | 'nobody') => {
      clearTimeout(timer);
      socket.destroy();
      resolve(value);
    };
    const timer = setTimeout(() => done(null), 2000);
    socket.on('data', (chunk) => (answer += chunk.toString('utf8')));
    socket.on('end', () => {
      const pid = Number(answer.trim());
      done(Number.isInteger(pid) && pid > 0 ? pid : null);
    });
    socket.on('error', (error: NodeJS.ErrnoException) => done(error.code === 'ECONNREFUSED' || error.code === 'ENOENT' ? 'nobody' : null));
  });
}

/**
 * One writer per data directory (lowdb and our files assume a single process). The lock is a listening socket the
 * operating system owns: when the process ends, by a crash or a power cut included, the lock is gone with it, so
 * there is never a stale lock to judge (a pid file can name a dead process, or a live one that reused its pid).
 * Resolves to the release function; rejects with DataDirLockedError while another process, or this one, holds it.
 */
export async function lockDataDir(dataDir: string, opts: { kind?: LockKind } = {}): Promise<() => void> {
  const kind = opts.kind ?? defaultLockKind();
  const address = lockAddress(dataDir, kind);
  if (held.has(address)) throw new DataDirLockedError(dataDir, process.pid);
  // Claimed before the first await, so that two calls in one process cannot both get past the check.
  held.add(address);
  let server: net.Server | null = null;
  try {
    for (let attempt = 0; attempt < 2 && !server; attempt++) {
      try {
        server = await listen(address);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
        const holder = await askHolder(address);
        if (holder !== 'nobody') throw new DataDirLockedError(dataDir, holder);
        // Only a socket file can outlive its process: nobody answers on it, so it is left by a crash.
        if (kind !== 'socket-file' || attempt > 0) throw new DataDirLockedError(dataDir, null);
        try {
          unlinkSync(address);
        } catch (unlinkError) {
          if ((unlinkError as NodeJS.ErrnoException).code !== 'ENOENT') throw unlinkError;
        }
      }
    }
  } catch (error) {
    held.delete(address);
    throw error;
  }
  const listening = server!;
  let released = false;
  return () => {
    if (released) return;
    released = true;
    held.delete(address);
    // Closing a socket-file server removes its file (libuv); an abstract name or a pipe simply ceases to exist.
    listening.close();
  };
}
