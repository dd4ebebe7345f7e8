import path from 'node:path';
import { Low } from 'lowdb';
import { z } from 'zod';
import { CenterImagesSchema, CenterSettingsSchema, StaffSchema } from '../../shared/domain';
import { type DurableFs, realFs } from './durable-fs';
import { DurableJsonFile, type FileProblem } from './durable-json-file';

const CurrentSchema = z.strictObject({
  schemaVersion: z.literal(2),
  settings: CenterSettingsSchema.nullable(),
  staff: z.array(StaffSchema),
  images: CenterImagesSchema,
});

/** Version 1 had no seal or logo: it opens with none (and is saved as version 2 on the next change). */
function migrate(raw: unknown): unknown {
  const doc = raw as Record<string, unknown> | null;
  if (doc && typeof doc === 'object' && doc.schemaVersion === 1) return { ...doc, schemaVersion: 2, images: { seal: null, logo: null } };
  return raw;
}

export const WorkstationSchema = z.preprocess(migrate, CurrentSchema);
export type WorkstationData = z.infer<typeof CurrentSchema>;

/** Center settings and staff: small, read once, written through lowdb with the durable adapter. */
export async function openWorkstationFile(dataDir: string, onProblem: (p: FileProblem) => void, fs: DurableFs = realFs): Promise<Low<WorkstationData>> {
  const adapter = new DurableJsonFile(path.join(dataDir, 'workstation.json'), WorkstationSchema, {
    fs,
    quarantineDir: path.join(dataDir, 'quarantine'),
    onProblem,
    describe: '中心设置与人员名单',
  });
  const db = new Low<WorkstationData>(adapter, { schemaVersion: 2, settings: null, staff: [], images: { seal: null, logo: null } });
  await db.read();
  return db;
}
