import path from 'node:path';
import { Low } from 'lowdb';
import { z } from 'zod';
import { CenterSettingsSchema, StaffSchema } from '../../shared/domain';
import { type DurableFs, realFs } from './durable-fs';
import { DurableJsonFile, type FileProblem } from './durable-json-file';

export const WorkstationSchema = z.strictObject({
  schemaVersion: z.literal(1),
  settings: CenterSettingsSchema.nullable(),
  staff: z.array(StaffSchema),
});
export type WorkstationData = z.infer<typeof WorkstationSchema>;

/** Center settings and staff: small, read once, written through lowdb with the durable adapter. */
export async function openWorkstationFile(dataDir: string, onProblem: (p: FileProblem) => void, fs: DurableFs = realFs): Promise<Low<WorkstationData>> {
  const adapter = new DurableJsonFile(path.join(dataDir, 'workstation.json'), WorkstationSchema, {
    fs,
    quarantineDir: path.join(dataDir, 'quarantine'),
    onProblem,
    describe: '中心设置与人员名单',
  });
  const db = new Low<WorkstationData>(adapter, { schemaVersion: 1, settings: null, staff: [] });
  await db.read();
  return db;
}
