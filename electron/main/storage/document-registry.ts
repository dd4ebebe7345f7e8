import path from 'node:path';
import { type DurableFs, appendLineDurable, realFs, writeFileDurable } from './durable-fs';
import { isTampered } from './sealed-fs';

/** One issued file: which case and document version has these exact bytes. */
export interface RegisteredFile {
  sha256: string;
  caseId: string;
  documentId: string;
}

/**
 * Every issued file's SHA-256 → its case and document, so that "verify a document" can tell whether a PDF someone
 * hands in is one this center issued, without opening 100k case folders. Append-only JSON Lines, fsynced; written
 * before the case records the document (like the files themselves), so a crash can leave an entry for a version
 * that was never recorded — callers confirm a hit against the case. A missing file (data from before the registry)
 * is rebuilt once from the case records by `rebuild`.
 */
export class DocumentRegistry {
  private byHash: Map<string, RegisteredFile> | null = null;
  private readonly file: string;

  constructor(
    dataDir: string,
    private readonly rebuild: () => Promise<RegisteredFile[]>,
    private readonly fs: DurableFs = realFs,
    /** Told when the registry failed authentication and was rebuilt from the (authenticated) case records. */
    private readonly onTampered: () => void = () => undefined,
  ) {
    this.file = path.join(dataDir, 'document-hashes.jsonl');
  }

  private async load(): Promise<Map<string, RegisteredFile>> {
    if (this.byHash) return this.byHash;
    const map = new Map<string, RegisteredFile>();
    let raw: string | null = null;
    let tampered = false;
    try {
      raw = (await this.fs.readFile(this.file)).toString('utf8');
    } catch (error) {
      if (isTampered(error)) tampered = true;
      else if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    if (raw === null) {
      // Missing (data from before the registry, or deleted) or altered: the case records, which are authenticated,
      // say which versions were issued; an altered registry is replaced, never trusted.
      const entries = await this.rebuild();
      for (const e of entries) map.set(e.sha256, e);
      const text = entries.map((e) => JSON.stringify(e)).join('\n') + '\n';
      if (tampered) {
        await writeFileDurable(this.file, text, {}, this.fs);
        this.onTampered();
      } else await appendLineDurable(this.file, text.slice(0, -1), this.fs);
    } else {
      for (const line of raw.split('\n')) {
        if (!line.trim()) continue;
        try {
          const e = JSON.parse(line) as RegisteredFile;
          if (typeof e.sha256 === 'string' && typeof e.caseId === 'string' && typeof e.documentId === 'string') map.set(e.sha256, e);
        } catch {
          // a torn last line after a crash mid-append: that entry was never acknowledged
        }
      }
    }
    this.byHash = map;
    return map;
  }

  async register(entries: readonly RegisteredFile[]): Promise<void> {
    const map = await this.load();
    const fresh = entries.filter((e) => !map.has(e.sha256));
    if (fresh.length === 0) return;
    // A leading newline keeps an entry whole after a torn last line.
    await appendLineDurable(this.file, '\n' + fresh.map((e) => JSON.stringify(e)).join('\n'), this.fs);
    for (const e of fresh) map.set(e.sha256, e);
  }

  async find(sha256: string): Promise<RegisteredFile | null> {
    return (await this.load()).get(sha256) ?? null;
  }
}
