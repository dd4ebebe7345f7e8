import { createHash } from 'node:crypto';
import path from 'node:path';
import type { Adapter } from 'lowdb';
import type { z } from 'zod';
import { type DurableFs, type StagedWrite, createFileDurable, ensureDirDurable, realFs, stageFileDurable, writeFileDurable } from './durable-fs';
import { isTampered } from './sealed-fs';

/** A file that failed to parse or validate, after recovery was attempted. */
export class CorruptFileError extends Error {
  constructor(
    readonly file: string,
    readonly quarantinedTo: string | null,
    reason: string,
  ) {
    super(`corrupt file ${file}: ${reason}`);
    this.name = 'CorruptFileError';
  }
}

export interface FileProblem {
  file: string;
  /** What happened, in Chinese, for the user. */
  message: string;
  quarantinedTo: string | null;
  restoredFromPrevious: boolean;
  /** It failed authentication (altered, swapped or replaced outside the app), not merely torn or unparsable. */
  tampered?: boolean;
}

export interface DurableJsonFileOptions {
  fs?: DurableFs;
  /** Where bad files are moved; they are never deleted or overwritten. */
  quarantineDir: string;
  /** Called when a file was found damaged (whether or not it could be restored). */
  onProblem?: (problem: FileProblem) => void;
  /** Human name of what the file holds, for messages, e.g. "案件（2026）X调字第0001号". */
  describe?: string;
}

type Parsed<T> = { ok: true; data: T } | { ok: false; reason: string; missing: true } | { ok: false; reason: string; missing: false; raw: Buffer; tampered: boolean };

/**
 * lowdb adapter with what lowdb's own file adapter lacks (../shared/stack-notes.md §3): fsync before and after
 * the rename, one older generation kept as `.1`, and schema validation on read. A file that fails to parse is
 * copied to the quarantine folder and the previous generation restored over it; it is never replaced by an empty
 * value. With no previous generation the damaged file stays where it is, so every later read (the next start of
 * the app included) fails the same way instead of finding "no file" and starting empty.
 */
export class DurableJsonFile<T> implements Adapter<T> {
  private readonly fs: DurableFs;

  constructor(
    readonly file: string,
    private readonly schema: z.ZodType<T>,
    private readonly opts: DurableJsonFileOptions,
  ) {
    this.fs = opts.fs ?? realFs;
  }

  async read(): Promise<T | null> {
    const current = await this.parse(this.file);
    if (current.ok) return current.data;
    const previous = await this.parse(`${this.file}.1`);
    if (current.missing) {
      // No current file but a previous one: a crash between the two renames of a write. The previous
      // generation is the last acknowledged content.
      return previous.ok ? previous.data : null;
    }
    const quarantinedTo = await this.quarantine(current.raw);
    const what = this.opts.describe ?? path.basename(this.file);
    const tampered = current.tampered;
    const damaged = tampered ? '的数据文件未通过完整性校验（已损坏或在本软件之外被改动），未予采用' : '的数据文件已损坏';
    if (previous.ok) {
      // Only overwrite the damaged file once a copy of it is safe in quarantine; otherwise leave it in place (the
      // next write moves it to `.1`) and still hand out the last good generation.
      if (quarantinedTo) await writeFileDurable(this.file, JSON.stringify(previous.data), {}, this.fs);
      this.opts.onProblem?.({
        file: this.file,
        message: `${what}${damaged}，已隔离并恢复为上一版本（最近一次修改可能需要重新录入）`,
        quarantinedTo,
        restoredFromPrevious: true,
        ...(tampered ? { tampered } : {}),
      });
      return previous.data;
    }
    this.opts.onProblem?.({ file: this.file, message: `${what}${damaged}且无可用的上一版本，已隔离，请联系管理员从备份恢复`, quarantinedTo, restoredFromPrevious: false, ...(tampered ? { tampered } : {}) });
    throw new CorruptFileError(this.file, quarantinedTo, current.reason);
  }

  async write(data: T): Promise<void> {
    await (await this.stage(data)).commit();
  }

  /** The first half of `write`: the new generation is durable under a temp name; `commit` makes it current. */
  stage(data: T): Promise<StagedWrite> {
    return stageFileDurable(this.file, JSON.stringify(data), { keepPrevious: true }, this.fs);
  }

  private async parse(file: string): Promise<Parsed<T>> {
    let raw: Buffer;
    try {
      raw = await this.fs.readFile(file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { ok: false, reason: 'missing', missing: true };
      if (isTampered(error)) return { ok: false, reason: error.reason, missing: false, raw: error.raw, tampered: true };
      throw error;
    }
    try {
      const result = this.schema.safeParse(JSON.parse(raw.toString('utf8')));
      return result.success ? { ok: true, data: result.data } : { ok: false, reason: result.error.message, missing: false, raw, tampered: false };
    } catch (error) {
      return { ok: false, reason: (error as Error).message, missing: false, raw, tampered: false };
    }
  }

  /**
   * Keeps a durable copy of the damaged bytes. The name is derived from the content, so reading the same damage
   * again (every start until an admin restores a backup) does not pile up copies; different damage gets its own.
   */
  private async quarantine(raw: Buffer): Promise<string | null> {
    const rel = path.basename(path.dirname(this.file)) + '-' + path.basename(this.file);
    const digest = createHash('sha256').update(raw).digest('hex').slice(0, 16);
    const target = path.join(this.opts.quarantineDir, `${rel}-${digest}.damaged`);
    try {
      await ensureDirDurable(this.opts.quarantineDir, this.fs);
      await createFileDurable(target, raw, this.fs);
      return target;
    } catch (error) {
      return (error as NodeJS.ErrnoException).code === 'EEXIST' ? target : null;
    }
  }
}
