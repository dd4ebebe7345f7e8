/**
 * Tampering with backups (issue 15): someone with the backup disk and no password (or a disk going bad) damages a
 * real backup in every way tried here, and a restore must never use it. One base target is made through the real
 * store and engine: a data folder filled by the services, two complete generations (the second after more work, so
 * objects of another generation exist) and one run that failed half-way (an incomplete generation, its .partial
 * marker there). Each trial copies the target, applies one change to one generation, then
 * - checks it as `npm run restore -- --check` does (openGeneration, then every object's SHA-256: verifyObjects), and
 * - restores it (restoreBackup, the generation asked for by its id) into a new folder;
 * both must refuse with a coded reason (RestoreRefusedError), nothing may be restored, and the destination must be
 * left empty (no folder, no temporary sibling). Untouched copies (controls) must restore with 0 problems.
 */
import { cp, readFile, readdir, rm, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { FolderBackupSource } from '../../electron/main/backup/folder-source';
import { listGenerations } from '../../electron/main/backup/generations';
import { objectPath, manifestPath, partialPath } from '../../electron/main/backup/layout';
import type { Manifest } from '../../electron/main/backup/manifest';
import { RestoreRefusedError, openGeneration, verifyObjects } from '../../electron/main/backup/open-generation';
import { restoreBackup } from '../../electron/main/backup/restore';
import { runBackup } from '../../electron/main/backup/run-backup';
import type { BackupSource, SourceEntry } from '../../electron/main/backup/source';
import { fixedClock } from '../../electron/main/services/clock';
import { FIXTURE_NOW, type Rng, seededRng } from '../../tests/fixtures/cases';
import { makeTempDir, removeDir } from '../../tests/fixtures/workstation';
import { seededWorkstation } from '../../tests/main/backup/fixture';
import { runWorkload } from './workload';

export const BACKUP_TAMPER_KINDS = [
  'object-byte-flip',
  'object-truncated',
  'object-emptied',
  'object-extended',
  'object-deleted',
  'object-from-other-generation',
  'objects-swapped',
  'workstation-object-edited',
  'manifest-file-hash-edited',
  'manifest-file-dropped',
  'manifest-field-edited',
  'manifest-truncated',
  'manifest-deleted',
  'manifest-swapped',
  'manifest-mac-replaced',
  'partial-marker-removed',
  'incomplete-given-manifest',
] as const;
export type BackupTamperKind = (typeof BACKUP_TAMPER_KINDS)[number];

export interface BackupTamperingOptions {
  trials: number;
  seed?: number;
  /** Untouched copies restored as controls (default: one per 15 trials, at least 2). */
  controls?: number;
  log?: (line: string) => void;
}

export interface BackupTamperingFigures {
  trials: number;
  /** Refused both by the check and by the restore, each with a RestoreRefusedError code. */
  refused: number;
  /** A restore that went through (must be 0), and checks that passed (must be 0). */
  restored: number;
  checkPassed: number;
  /** Refusals without a code (another error thrown): must be 0. */
  uncoded: number;
  /** Destinations (or temporary siblings) left with something in them after a refusal: must be 0. */
  destinationNotEmpty: number;
  byKind: Record<string, { trials: number; refused: number; codes: Record<string, number> }>;
  controls: number;
  controlsRestored: number;
  examples: string[];
  ms: number;
}

interface Base {
  target: string;
  dataKey: Buffer;
  /** The two complete generations, oldest first, and the incomplete one. */
  complete: [Manifest, Manifest];
  incomplete: string;
}

/** A source that fails after `after` entries: a run stopped half-way, its .partial marker left. */
function failingAfter(source: BackupSource, after: number): BackupSource {
  let read = 0;
  return {
    kind: source.kind,
    label: source.label,
    listEntries: () => source.listEntries(),
    readEntry: async (entry: SourceEntry) => {
      if (++read > after) throw new Error('stopped on purpose (backup tampering base)');
      return source.readEntry(entry);
    },
  };
}

async function makeBase(root: string): Promise<Base> {
  const dataDir = path.join(root, 'data');
  const target = path.join(root, 'target');
  const { ws, admin, dataKey } = await seededWorkstation(dataDir, { workloadOps: 15 });
  try {
    const retention = { daily: 1000, weekly: 0, monthly: 0 };
    const day = (n: number) => fixedClock(new Date(Date.parse(FIXTURE_NOW) + n * 86_400_000).toISOString());
    const first = await runBackup({ source: new FolderBackupSource(dataDir), target, dataKey, clock: day(1), retention });
    await runWorkload(ws, seededRng(77), admin.id, () => undefined, { ops: 8, maxFileBytes: 8 * 1024 });
    const second = await runBackup({ source: new FolderBackupSource(dataDir), target, dataKey, clock: day(2), retention });
    await runWorkload(ws, seededRng(78), admin.id, () => undefined, { ops: 3, maxFileBytes: 8 * 1024 });
    const broken = await runBackup({ source: failingAfter(new FolderBackupSource(dataDir), 5), target, dataKey, clock: day(3), retention });
    if (!first.ok || !second.ok || broken.ok) throw new Error(`base backups: ${JSON.stringify([first.reason, second.reason, broken.reason])}`);
    const generations = await listGenerations(target, dataKey);
    const complete = generations.flatMap((g) => (g.status === 'complete' ? [g.manifest] : []));
    const incomplete = generations.find((g) => g.status === 'incomplete');
    if (complete.length !== 2 || !incomplete) throw new Error(`base: expected 2 complete and 1 incomplete generation, got ${JSON.stringify(generations.map((g) => g.status))}`);
    return { target, dataKey, complete: [complete[0]!, complete[1]!], incomplete: incomplete.id };
  } finally {
    await ws.close();
  }
}

const pick = <T>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng.next() * items.length)]!;

/** Applies one change to a copy of the target; returns the generation to restore and what was done. */
async function tamper(kind: BackupTamperKind, target: string, base: Base, rng: Rng): Promise<{ generation: string; what: string }> {
  // Mostly the newest generation; the older one too, so damage to objects both share is tried as well.
  const [older, newer] = base.complete;
  const manifest = rng.next() < 0.7 ? newer : older;
  const other = manifest === newer ? older : newer;
  const generation = manifest.id;
  const own = new Set(manifest.files.map((f) => f.sha256));
  const file = pick(rng, manifest.files.filter((f) => f.size > 0));
  const obj = objectPath(target, file.sha256);
  const mPath = manifestPath(target, generation);
  const editManifest = async (edit: (m: Record<string, unknown> & Manifest) => void) => {
    const m = JSON.parse(await readFile(mPath, 'utf8')) as Record<string, unknown> & Manifest;
    edit(m);
    await writeFile(mPath, `${JSON.stringify(m)}\n`);
  };
  switch (kind) {
    case 'object-byte-flip': {
      const data = await readFile(obj);
      const at = Math.floor(rng.next() * data.length);
      data[at] = data[at]! ^ (1 << Math.floor(rng.next() * 8));
      await writeFile(obj, data);
      return { generation, what: `${file.path}: bit flipped at ${at}` };
    }
    case 'object-truncated': {
      const data = await readFile(obj);
      const keep = Math.floor(rng.next() * data.length);
      await writeFile(obj, data.subarray(0, keep));
      return { generation, what: `${file.path}: truncated to ${keep} of ${data.length} bytes` };
    }
    case 'object-emptied':
      await writeFile(obj, Buffer.alloc(0));
      return { generation, what: `${file.path}: emptied` };
    case 'object-extended': {
      const data = await readFile(obj);
      await writeFile(obj, Buffer.concat([data, Buffer.from('\n{"extra":true}\n')]));
      return { generation, what: `${file.path}: bytes appended` };
    }
    case 'object-deleted':
      await unlink(obj);
      return { generation, what: `${file.path}: object deleted` };
    case 'object-from-other-generation': {
      const foreign = other.files.filter((f) => !own.has(f.sha256));
      const from = foreign.length > 0 ? pick(rng, foreign) : pick(rng, other.files.filter((f) => f.sha256 !== file.sha256));
      await writeFile(obj, await readFile(objectPath(target, from.sha256)));
      return { generation, what: `${file.path}: object replaced with ${from.path} of ${other.id}` };
    }
    case 'objects-swapped': {
      const second = pick(rng, manifest.files.filter((f) => f.sha256 !== file.sha256));
      const [a, b] = [await readFile(obj), await readFile(objectPath(target, second.sha256))];
      await writeFile(obj, b);
      await writeFile(objectPath(target, second.sha256), a);
      return { generation, what: `objects of ${file.path} and ${second.path} swapped` };
    }
    case 'workstation-object-edited': {
      // The file the unlock reads: an edit that keeps it valid JSON (another staff member's hash, say).
      const ws = manifest.files.find((f) => f.path === 'workstation.json')!;
      const p = objectPath(target, ws.sha256);
      const json = JSON.parse(await readFile(p, 'utf8')) as Record<string, unknown>;
      json.tampered = true;
      await writeFile(p, JSON.stringify(json));
      return { generation, what: 'workstation.json edited (still valid JSON)' };
    }
    case 'manifest-file-hash-edited': {
      // Points a file at another generation's (existing, whole) object: every object still matches the manifest.
      const foreign = other.files.filter((f) => !own.has(f.sha256));
      const from = foreign.length > 0 ? pick(rng, foreign) : pick(rng, manifest.files.filter((f) => f.sha256 !== file.sha256));
      await editManifest((m) => {
        const entry = m.files.find((f) => f.path === file.path)!;
        entry.sha256 = from.sha256;
        entry.size = from.size;
      });
      return { generation, what: `manifest: ${file.path} pointed at ${from.path} of ${other.id}` };
    }
    case 'manifest-file-dropped':
      await editManifest((m) => {
        m.files = m.files.filter((f) => f.path !== file.path);
      });
      return { generation, what: `manifest: ${file.path} dropped` };
    case 'manifest-field-edited': {
      const field = pick(rng, ['startedAt', 'finishedAt', 'label'] as const);
      await editManifest((m) => {
        if (field === 'label') m.source = { ...m.source, label: `${m.source.label}-x` };
        else m[field] = new Date(Date.parse(m[field]) - 86_400_000).toISOString();
      });
      return { generation, what: `manifest: ${field} edited` };
    }
    case 'manifest-truncated': {
      const text = await readFile(mPath);
      const keep = Math.floor(rng.next() * (text.length - 2));
      await writeFile(mPath, text.subarray(0, keep));
      return { generation, what: `manifest truncated to ${keep} of ${text.length} bytes` };
    }
    case 'manifest-deleted':
      await unlink(mPath);
      return { generation, what: 'manifest deleted' };
    case 'manifest-swapped':
      await writeFile(mPath, await readFile(manifestPath(target, other.id)));
      return { generation, what: `manifest replaced with ${other.id}'s` };
    case 'manifest-mac-replaced': {
      const theirs = JSON.parse(await readFile(manifestPath(target, other.id), 'utf8')) as Manifest;
      await editManifest((m) => {
        m.mac = theirs.mac;
      });
      return { generation, what: `manifest's HMAC replaced with ${other.id}'s` };
    }
    case 'partial-marker-removed':
      await unlink(partialPath(target, base.incomplete));
      return { generation: base.incomplete, what: 'the incomplete generation\'s .partial marker removed' };
    case 'incomplete-given-manifest': {
      // Made to look complete: a complete generation's manifest put under its name, the marker removed.
      await writeFile(manifestPath(target, base.incomplete), await readFile(manifestPath(target, pick(rng, base.complete).id)));
      await unlink(partialPath(target, base.incomplete));
      return { generation: base.incomplete, what: 'the incomplete generation given another generation\'s manifest' };
    }
    default:
      throw new Error(`unknown kind ${String(kind satisfies never)}`);
  }
}

/** Nothing at the destination and no temporary sibling of it. */
async function destinationEmpty(to: string): Promise<boolean> {
  const names = await readdir(path.dirname(to));
  const base = path.basename(to);
  if (names.some((n) => n.startsWith(`.${base}.restoring-`))) return false;
  if (!names.includes(base)) return true;
  return (await readdir(to)).length === 0;
}

export async function runBackupTampering(opts: BackupTamperingOptions): Promise<BackupTamperingFigures> {
  const started = performance.now();
  const rng = seededRng(opts.seed ?? 20261215);
  const figures: BackupTamperingFigures = {
    trials: 0, refused: 0, restored: 0, checkPassed: 0, uncoded: 0, destinationNotEmpty: 0, byKind: {}, controls: 0, controlsRestored: 0, examples: [], ms: 0,
  };
  const root = await makeTempDir('backup-tamper-');
  const clock = fixedClock(FIXTURE_NOW);
  try {
    const base = await makeBase(root);
    const unlock = async () => base.dataKey;
    const controls = opts.controls ?? Math.max(2, Math.ceil(opts.trials / 15));
    for (let c = 0; c < controls; c++) {
      const copy = path.join(root, `control-${c}`);
      await cp(base.target, copy, { recursive: true });
      const to = path.join(root, `control-restored-${c}`);
      figures.controls += 1;
      try {
        const generation = base.complete[c % 2]!.id;
        const opened = await openGeneration(copy, generation, unlock);
        await verifyObjects(copy, opened.manifest);
        const report = await restoreBackup({ backup: copy, to, generation, unlock, clock });
        if (report.problems.length === 0) figures.controlsRestored += 1;
        else figures.examples.push(`control ${c}: ${report.problems.map((p) => p.message).join('; ')}`);
      } catch (error) {
        figures.examples.push(`control ${c}: refused: ${(error as Error).message}`);
      }
      await rm(copy, { recursive: true, force: true });
      await rm(to, { recursive: true, force: true });
    }
    for (let t = 0; t < opts.trials; t++) {
      // Every kind in turn (a short run still tries each), the details drawn at random.
      const kind = BACKUP_TAMPER_KINDS[t % BACKUP_TAMPER_KINDS.length]!;
      const copy = path.join(root, `trial-${t}`);
      const to = path.join(root, `restored-${t}`);
      await cp(base.target, copy, { recursive: true });
      const { generation, what } = await tamper(kind, copy, base, rng);
      const slot = (figures.byKind[kind] ??= { trials: 0, refused: 0, codes: {} });
      figures.trials += 1;
      slot.trials += 1;
      const codes: string[] = [];
      const note = (stage: string, error: unknown) => {
        if (error instanceof RestoreRefusedError) codes.push(error.code);
        else {
          figures.uncoded += 1;
          figures.examples.push(`trial ${t} (${kind}: ${what}): ${stage} failed without a code: ${(error as Error).message}`);
        }
      };
      try {
        const opened = await openGeneration(copy, generation, unlock);
        await verifyObjects(copy, opened.manifest);
        figures.checkPassed += 1;
        figures.examples.push(`trial ${t} (${kind}: ${what}): the check passed`);
      } catch (error) {
        note('the check', error);
      }
      try {
        await restoreBackup({ backup: copy, to, generation, unlock, clock });
        figures.restored += 1;
        figures.examples.push(`trial ${t} (${kind}: ${what}): restored`);
      } catch (error) {
        note('the restore', error);
      }
      if (!(await destinationEmpty(to))) {
        figures.destinationNotEmpty += 1;
        figures.examples.push(`trial ${t} (${kind}: ${what}): the destination was left with something in it`);
      }
      if (codes.length === 2) {
        figures.refused += 1;
        slot.refused += 1;
        for (const code of new Set(codes)) slot.codes[code] = (slot.codes[code] ?? 0) + 1;
      }
      await rm(copy, { recursive: true, force: true });
      await rm(to, { recursive: true, force: true });
      if ((t + 1) % 50 === 0) opts.log?.(`backup tampering: ${t + 1}/${opts.trials}, ${figures.refused} refused, ${figures.restored} restored`);
    }
  } finally {
    await removeDir(root);
  }
  figures.ms = Math.round(performance.now() - started);
  return figures;
}

/** The thresholds: every trial refused with a code by both, none restored, destinations empty, every control restored. */
export function backupTamperingPasses(f: BackupTamperingFigures): boolean {
  return f.refused === f.trials && f.restored === 0 && f.checkPassed === 0 && f.uncoded === 0 && f.destinationNotEmpty === 0 && f.controls > 0 && f.controlsRestored === f.controls;
}
