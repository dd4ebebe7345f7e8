import path from 'node:path';
import { openUnits, sealUnit } from '../crypto/sealing';
import type { DurableFs } from './durable-fs';

/** A file in the data folder that is not what this store sealed: edited, swapped, rolled over by plain text. */
export class TamperedFileError extends Error {
  readonly code = 'EMWTAMPER';
  constructor(
    readonly file: string,
    readonly reason: string,
    /** The bytes on disk, for the quarantine. */
    readonly raw: Buffer,
    /** What authenticated before the damage (an append log's earlier entries). */
    readonly authentic: Buffer,
  ) {
    super(`${file} failed authentication: ${reason}`);
    this.name = 'TamperedFileError';
  }
}

export const isTampered = (error: unknown): error is TamperedFileError => error instanceof TamperedFileError;

/**
 * Files of the data folder kept in clear: read before anyone has signed in, and holding no visitor's data (settings,
 * staff and wrapped keys; the workstation's own trail; the clock guard's mark; browser mode's port and cookie key).
 */
const CLEAR = [/^(workstation|clock)\.json(\.1)?(\.\d+-\d+\.tmp)?$/, /^audit\/workstation\.jsonl$/, /^\.lock$/, /^web-port\.json$/, /^web-session\.key$/];

/**
 * The name a file is sealed under, the same through every rename the store makes: a temp file becomes the file, the
 * file becomes its previous generation (`.1`), the index journal is set aside as `journal.1.jsonl`.
 */
export function logicalName(rel: string): string {
  return rel
    .split(path.sep)
    .join('/')
    .replace(/\.\d+-\d+\.tmp$/, '')
    .replace(/\.1$/, '')
    .replace(/(^|\/)journal\.1\.jsonl$/, '$1journal.jsonl');
}

const aadOf = (name: string) => `mw-sealed-v1\0${name}`;

/**
 * Seals a whole file's content as the store writes it (for tools that write a data folder without the store: the
 * benchmark's generated cases). `file` is the path the bytes will be read from.
 */
export function sealerFor(root: string, recordsKey: Buffer): (file: string, data: Uint8Array) => Buffer {
  return (file, data) => sealUnit(recordsKey, aadOf(logicalName(path.relative(root, file))), data);
}

/**
 * The store's file operations with every file under `root` sealed (sealing.ts): written as authenticated ciphertext,
 * read back only if it authenticates under the file's own name. Everything above the DurableFs interface (the
 * durable writers, the case store, the index, the registry, the audit logs) is unchanged and never sees a key.
 */
export function sealedFs(base: DurableFs, root: string, recordsKey: Buffer): DurableFs {
  const nameOf = (file: string): string | null => {
    const rel = path.relative(root, file);
    if (!rel || rel.startsWith('..') || path.isAbsolute(rel)) return null;
    const name = logicalName(rel);
    return CLEAR.some((re) => re.test(rel.split(path.sep).join('/'))) ? null : name;
  };
  return {
    // Delegated one by one: a test's file system may be a class, whose methods a spread would not copy.
    rename: (from, to) => base.rename(from, to),
    readdir: (dir) => base.readdir(dir),
    mkdir: (dir, opts) => base.mkdir(dir, opts),
    unlink: (file) => base.unlink(file),
    rmdir: (dir) => base.rmdir(dir),
    stat: (file) => base.stat(file),
    ...(base.realpath ? { realpath: (file: string) => base.realpath!(file) } : {}),
    async open(file, flags) {
      const handle = await base.open(file, flags);
      const name = nameOf(file);
      if (!name || flags === 'r') return handle;
      return {
        writeFile: (data) => handle.writeFile(sealUnit(recordsKey, aadOf(name), typeof data === 'string' ? Buffer.from(data, 'utf8') : data)),
        sync: () => handle.sync(),
        close: () => handle.close(),
      };
    },
    async readFile(file) {
      const bytes = await base.readFile(file);
      const name = nameOf(file);
      if (!name) return bytes;
      const appendLog = name.endsWith('.jsonl');
      if (appendLog && bytes.length === 0) return bytes;
      const opened = openUnits(recordsKey, aadOf(name), bytes, { appendLog });
      if (opened.damage) throw new TamperedFileError(file, opened.damage, bytes, opened.plaintext);
      return opened.plaintext;
    },
  };
}
