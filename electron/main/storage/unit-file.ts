import path from 'node:path';
import { z } from 'zod';
import type { AuditEvent, CaseSummary } from '../../shared/domain';
import { type DurableFs, createFileDurable, ensureDirDurable, syncDir, writeFileDurable } from './durable-fs';

/**
 * A unit of work of the file store, written whole (and sealed, like every file under the data folder) before any of
 * its writes is made: after a crash part-way, the next start finds it in `units/` and makes the rest of its writes.
 * Every step can be made twice without harm (a record already holding its text is left, a file already there with
 * the same bytes is left, audit entries already in the chain are skipped), so rolling forward is safe at any point.
 */
export interface StoredUnit {
  version: 1;
  caseId: string;
  /** The case's audit entries, chained onto its head when the unit was prepared. */
  events: AuditEvent[];
  /** Record files of the case folder (case.json, sessions/…, agreements/…) and the exact text each must hold. */
  records: { rel: string; text: string }[];
  /** Write-once files (base64). */
  files: { rel: string; data: string }[];
  issued: { sha256: string; caseId: string; documentId: string }[];
  /** The case's new list row, when the unit changes the case. */
  summary: CaseSummary | null;
}

/** Relative paths inside a case folder that a unit may write: never a separator trick or a way out. */
const REL = /^(case\.json|(sessions|agreements)\/[0-9a-f-]{36}\.json|(documents|attachments|signatures)\/[a-z0-9][a-z0-9.-]{0,90})$/;

const StoredUnitSchema = z.object({
  version: z.literal(1),
  caseId: z.uuid(),
  events: z.array(z.object({ seq: z.int(), hash: z.string(), prevHash: z.string() }).passthrough()),
  records: z.array(z.object({ rel: z.string().regex(REL), text: z.string() })),
  files: z.array(z.object({ rel: z.string().regex(REL), data: z.string() })),
  issued: z.array(z.object({ sha256: z.string(), caseId: z.uuid(), documentId: z.string() })),
  summary: z.object({ id: z.uuid() }).passthrough().nullable(),
});

export function unitPath(unitsDir: string, caseId: string): string {
  return path.join(unitsDir, `${caseId}.json`);
}

export async function writeUnit(unitsDir: string, unit: StoredUnit, fs: DurableFs): Promise<void> {
  await ensureDirDurable(unitsDir, fs);
  await writeFileDurable(unitPath(unitsDir, unit.caseId), JSON.stringify(unit), {}, fs);
}

/** A unit file as stored, or null when it is not one (then it is reported and left for an administrator). */
export function parseUnit(bytes: Buffer): StoredUnit | null {
  try {
    const parsed = StoredUnitSchema.safeParse(JSON.parse(bytes.toString('utf8')));
    return parsed.success ? (parsed.data as unknown as StoredUnit) : null;
  } catch {
    return null;
  }
}

export async function dropUnit(unitsDir: string, caseId: string, fs: DurableFs): Promise<void> {
  await fs.unlink(unitPath(unitsDir, caseId));
  await syncDir(unitsDir, fs);
}

/** Makes the unit's file writes in a case folder; audit, registry and index are the store's. */
export async function applyUnitFiles(caseDir: string, unit: StoredUnit, fs: DurableFs): Promise<void> {
  for (const f of unit.files) {
    const file = path.join(caseDir, f.rel);
    const bytes = Buffer.from(f.data, 'base64');
    await ensureDirDurable(path.dirname(file), fs);
    try {
      await createFileDurable(file, bytes, fs);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      // The unit was prepared when no such file existed (under the case's lock), so this one is the unit's own,
      // written before a crash, possibly torn: made whole now.
      const there = await fs.readFile(file).catch(() => null);
      if (!there || !there.equals(bytes)) await writeFileDurable(file, bytes, {}, fs);
    }
  }
  for (const r of unit.records) {
    const file = path.join(caseDir, r.rel);
    const there = await fs.readFile(file).catch(() => null);
    if (there && there.toString('utf8') === r.text) continue;
    await ensureDirDurable(path.dirname(file), fs);
    await writeFileDurable(file, r.text, { keepPrevious: true }, fs);
  }
}
