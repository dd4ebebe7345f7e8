/**
 * A unit of work caught pending (written to units/, its writes not all made: a crash, or a failed write) is taken with
 * its case and rolled forward by the restored store at its first start, as after a crash: the restored case holds the
 * whole unit, never half of it.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FolderBackupSource } from '../../../electron/main/backup/folder-source';
import { readManifest } from '../../../electron/main/backup/manifest';
import { restoreBackup } from '../../../electron/main/backup/restore';
import { runBackup } from '../../../electron/main/backup/run-backup';
import { fixedClock } from '../../../electron/main/services/clock';
import type { Workstation } from '../../../electron/main/services/workstation';
import { type DurableFs, realFs } from '../../../electron/main/storage/durable-fs';
import { attachmentBytes } from '../../../scripts/reliability/workload';
import { FIXTURE_NOW, roadTrafficCaseInput } from '../../fixtures/cases';
import { call, callError, makeTempDir, openWorkstation, removeDir, setUp } from '../../fixtures/workstation';
import { openRestored } from './fixture';

let root: string;
let ws: Workstation;
let failAttachments = false;
/** The real file system, refusing to create attachment files while `failAttachments` is set (a disk error mid-unit). */
const flaky: DurableFs = {
  ...realFs,
  open: (file, flags) => (failAttachments && file.includes(`${path.sep}attachments${path.sep}`) ? Promise.reject(Object.assign(new Error('EIO: simulated'), { code: 'EIO' })) : realFs.open(file, flags)),
};

beforeAll(async () => {
  root = await makeTempDir('backup-unit-');
  ws = await openWorkstation(path.join(root, 'data'), { fs: flaky });
  await setUp(ws);
});
afterAll(async () => {
  await ws?.close();
  await removeDir(root);
});

describe('a unit of work pending when the backup is taken', () => {
  it('is backed up with its case and finished by the restored store', async () => {
    const created = await call(ws, 'cases:create', roadTrafficCaseInput());
    const bytes = attachmentBytes('image/png', 2000);
    failAttachments = true;
    await callError(ws, 'attachments:add', { caseId: created.id, sessionId: null, statementId: null, category: 'evidence', label: '现场照片', mimeType: 'image/png', base64: bytes.toString('base64') });
    failAttachments = false;
    const dataDir = path.join(root, 'data');
    expect(existsSync(path.join(dataDir, 'units', `${created.id}.json`))).toBe(true);

    const dataKey = ws.heldKey();
    const clock = fixedClock(FIXTURE_NOW);
    const result = await runBackup({ source: new FolderBackupSource(dataDir), target: path.join(root, 'target'), dataKey, clock });
    expect(result.ok, result.reason ?? '').toBe(true);
    expect((await readManifest(path.join(root, 'target'), result.generation!)).files.map((f) => f.path)).toContain(`units/${created.id}.json`);

    const to = path.join(root, 'restored');
    const report = await restoreBackup({ backup: path.join(root, 'target'), to, unlock: async () => dataKey, clock });
    expect(report.problems).toEqual([]);
    const restored = await openRestored(to, dataKey);
    try {
      const record = await restored.cases.get(created.id);
      expect(record.attachments).toHaveLength(1);
      expect(await restored.cases.getFile(created.id, 'attachments', record.attachments[0]!.file)).toEqual(bytes);
      expect(existsSync(path.join(to, 'units', `${created.id}.json`))).toBe(false);
    } finally {
      await restored.close();
    }
  }, 60_000);
});
