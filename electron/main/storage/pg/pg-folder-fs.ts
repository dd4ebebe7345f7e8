import path from 'node:path';
import type pg from 'pg';
import type { DurableFs } from '../durable-fs';
import { inTransaction } from './connection';

function fsError(code: 'ENOENT' | 'EEXIST' | 'EINVAL', file: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: ${file}`), { code, path: file });
}

/**
 * The center's small shared files (certificates, integrity checkpoints, drafts) in the table `center_files`, behind
 * the same DurableFs the data folder's files go through: the services that write them (writeFileDurable, sealedFs)
 * work unchanged. Paths are taken relative to `root` (each desk's own data folder), so every desk names a file the
 * same way. A file is written when its handle closes, in one statement: there is no torn row. Directories are
 * implied by the paths under them (mkdir and rmdir have nothing to do).
 */
export function pgFolderFs(pool: pg.Pool, root: string): DurableFs {
  const key = (file: string): string => {
    const relative = path.relative(root, file).split(path.sep).join('/');
    if (!relative || relative.startsWith('..') || path.isAbsolute(relative)) throw fsError('EINVAL', file);
    return relative;
  };
  const isRoot = (dir: string) => path.resolve(dir) === path.resolve(root);

  return {
    async open(file, flags) {
      // syncDir opens a folder to fsync it: a commit in the database has made the change durable already.
      if (flags === 'r') return { writeFile: async () => undefined, sync: async () => undefined, close: async () => undefined };
      const name = key(file);
      const chunks: Buffer[] = [];
      if (flags === 'wx') {
        const exists = await pool.query('SELECT 1 FROM center_files WHERE path = $1', [name]);
        if (exists.rowCount) throw fsError('EEXIST', file);
      }
      return {
        writeFile: async (data) => void chunks.push(Buffer.from(typeof data === 'string' ? Buffer.from(data, 'utf8') : data)),
        sync: async () => undefined,
        close: async () => {
          const content = Buffer.concat(chunks);
          if (flags === 'a') {
            await pool.query(
              `INSERT INTO center_files (path, content) VALUES ($1, $2)
               ON CONFLICT (path) DO UPDATE SET content = center_files.content || EXCLUDED.content, modified_at = now()`,
              [name, content],
            );
          } else if (flags === 'wx') {
            await pool.query('INSERT INTO center_files (path, content) VALUES ($1, $2)', [name, content]).catch((error: { code?: string }) => {
              throw error.code === '23505' ? fsError('EEXIST', file) : error;
            });
          } else {
            await pool.query(
              `INSERT INTO center_files (path, content) VALUES ($1, $2) ON CONFLICT (path) DO UPDATE SET content = EXCLUDED.content, modified_at = now()`,
              [name, content],
            );
          }
        },
      };
    },
    rename: async (from, to) => {
      const source = key(from);
      const target = key(to);
      await inTransaction(pool, async (client) => {
        const row = (await client.query<{ content: Buffer }>('DELETE FROM center_files WHERE path = $1 RETURNING content', [source])).rows[0];
        if (!row) throw fsError('ENOENT', from);
        await client.query(
          `INSERT INTO center_files (path, content) VALUES ($1, $2) ON CONFLICT (path) DO UPDATE SET content = EXCLUDED.content, modified_at = now()`,
          [target, row.content],
        );
      });
    },
    readFile: async (file) => {
      const row = (await pool.query<{ content: Buffer }>('SELECT content FROM center_files WHERE path = $1', [key(file)])).rows[0];
      if (!row) throw fsError('ENOENT', file);
      return row.content;
    },
    readdir: async (dir) => {
      const prefix = isRoot(dir) ? '' : `${key(dir)}/`;
      const { rows } = await pool.query<{ path: string }>(`SELECT path FROM center_files WHERE starts_with(path, $1)`, [prefix]);
      const names = new Set(rows.map((r) => r.path.slice(prefix.length).split('/')[0]!));
      if (names.size === 0 && prefix) throw fsError('ENOENT', dir);
      return [...names].sort();
    },
    mkdir: async () => undefined,
    unlink: async (file) => {
      const done = await pool.query('DELETE FROM center_files WHERE path = $1', [key(file)]);
      if (!done.rowCount) throw fsError('ENOENT', file);
    },
    rmdir: async () => undefined,
    stat: async (file) => {
      const row = (await pool.query<{ size: number; modified: Date }>('SELECT length(content) AS size, modified_at AS modified FROM center_files WHERE path = $1', [key(file)])).rows[0];
      if (!row) throw fsError('ENOENT', file);
      return { size: Number(row.size), mtimeMs: row.modified.getTime() };
    },
  };
}
