import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { GENERATIONS_DIR, GENERATION_ID } from './layout';
import { type Manifest, ManifestError, manifestAuthentic, readManifest } from './manifest';

/** What a run writes first into generations/<id>.partial: who started it and when. */
export interface PartialMarker {
  id: string;
  startedAt: string;
  host: string;
  pid: number;
}

export type GenerationInfo =
  /** Its manifest is there and whole (and, when a key was given, authentic). */
  | { id: string; status: 'complete'; manifest: Manifest }
  /** Started, never finished (the run was stopped, the machine lost power, or it is still running). */
  | { id: string; status: 'incomplete'; marker: PartialMarker | null }
  /** Its manifest is there but damaged or, with a key, not authentic. */
  | { id: string; status: 'damaged'; reason: string };

/**
 * Every generation of a target, oldest first. A manifest is written last, so a generation is complete exactly when its
 * manifest is there and whole; its .partial marker may outlive it by a crash right after (then it means nothing).
 * With `dataKey`, manifests are also checked against their HMAC.
 */
export async function listGenerations(target: string, dataKey?: Buffer): Promise<GenerationInfo[]> {
  const names = await readdir(path.join(target, GENERATIONS_DIR)).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [] as string[];
    throw error;
  });
  const ids = new Set<string>();
  for (const name of names) {
    const id = name.replace(/\.(json|partial)$/, '');
    if (id !== name && GENERATION_ID.test(id)) ids.add(id);
  }
  const found: GenerationInfo[] = [];
  for (const id of [...ids].sort()) {
    if (names.includes(`${id}.json`)) {
      try {
        const manifest = await readManifest(target, id);
        if (dataKey && !manifestAuthentic(manifest, dataKey)) found.push({ id, status: 'damaged', reason: `备份 ${id} 的清单未通过完整性校验` });
        else found.push({ id, status: 'complete', manifest });
      } catch (error) {
        if (!(error instanceof ManifestError)) throw error;
        found.push({ id, status: 'damaged', reason: error.message });
      }
    } else {
      found.push({ id, status: 'incomplete', marker: await readMarker(target, id) });
    }
  }
  return found;
}

async function readMarker(target: string, id: string): Promise<PartialMarker | null> {
  try {
    const parsed = JSON.parse(await readFile(path.join(target, GENERATIONS_DIR, `${id}.partial`), 'utf8')) as PartialMarker;
    return typeof parsed.startedAt === 'string' && typeof parsed.host === 'string' ? parsed : null;
  } catch {
    // Cut off while being written (the run was killed at its very start): still an incomplete generation.
    return null;
  }
}
