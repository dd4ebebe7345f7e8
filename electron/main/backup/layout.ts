import path from 'node:path';

/**
 * The backup target's layout:
 *
 *   objects/ab/<sha256>        each distinct file content once, named by its SHA-256 (bytes as on disk: still sealed)
 *   generations/<id>.partial   written first when a run starts, removed once its manifest is written and verified
 *   generations/<id>.json      the manifest, written last and atomically: a generation without one is incomplete
 *   generations/<id>.stamps.json  each file's stamp, for the next run's reuse (stamps.ts); never needed to restore
 *   last-result.json           what the last run did (ok or why not), for the administrator's screen
 *
 * Objects go into 256 subfolders by the first two hex digits: a USB disk formatted FAT32 holds at most 65,534 names per
 * folder, and a center with 100k cases has ~500k files.
 */
export const OBJECTS_DIR = 'objects';
export const GENERATIONS_DIR = 'generations';
export const LAST_RESULT_FILE = 'last-result.json';

export const SHA256_HEX = /^[0-9a-f]{64}$/;

/** A generation id: the UTC time it started, then a random suffix (two runs in one second stay apart); sorts by time. */
export const GENERATION_ID = /^\d{8}T\d{6}Z-[0-9a-f]{6}$/;

export function generationIdAt(at: Date, suffix: string): string {
  const iso = at.toISOString();
  return `${iso.slice(0, 10).replaceAll('-', '')}T${iso.slice(11, 19).replaceAll(':', '')}Z-${suffix}`;
}

export const objectPath = (target: string, sha256: string): string => path.join(target, OBJECTS_DIR, sha256.slice(0, 2), sha256);
export const manifestPath = (target: string, id: string): string => path.join(target, GENERATIONS_DIR, `${id}.json`);
export const partialPath = (target: string, id: string): string => path.join(target, GENERATIONS_DIR, `${id}.partial`);
export const stampsPath = (target: string, id: string): string => path.join(target, GENERATIONS_DIR, `${id}.stamps.json`);
