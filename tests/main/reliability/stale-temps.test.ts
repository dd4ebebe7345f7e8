/**
 * Stale temp files left by a crash mid-write are removed at the next start (issue 7 item 1): in a case's own folder
 * (a crash during an update) and in documents/ or attachments/ (a crash during putFile), whether or not the case was
 * written since the last index snapshot. The sweep runs in the background after start-up; `idle()` waits for it.
 */
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Workstation } from '../../../electron/main/services/workstation';
import { roadTrafficCaseInput } from '../../fixtures/cases';
import { call, makeTempDir, openWorkstation, removeDir, setUp } from '../../fixtures/workstation';

let dir = '';
let ws: Workstation;
beforeEach(async () => {
  dir = await makeTempDir();
  ws = await openWorkstation(dir);
  await setUp(ws);
});
afterEach(async () => {
  await ws.close();
  await removeDir(dir);
});

async function leaveTempAndReopen(sub: (caseDir: string) => string): Promise<string[]> {
  const created = await call(ws, 'cases:create', roadTrafficCaseInput());
  await ws.close();
  // Reopen once so that the case is in the snapshot, not only in the journal.
  ws = await openWorkstation(dir);
  await ws.close();
  const folder = sub(path.join(dir, 'cases', created.id));
  await mkdir(folder, { recursive: true });
  await writeFile(path.join(folder, 'a1b2c3d4-0000-4000-8000-000000000000.pdf.4242-7.tmp'), 'half a document');
  ws = await openWorkstation(dir);
  await ws.cases.idle();
  return (await readdir(folder)).filter((n) => n.endsWith('.tmp'));
}

describe('stale temps after a crash are removed at the next start', () => {
  it('in a case’s documents/ folder (crash during putFile)', async () => {
    expect(await leaveTempAndReopen((c) => path.join(c, 'documents'))).toEqual([]);
  });

  it('in the folder of a case already in the index snapshot (crash during an update before its journal append)', async () => {
    expect(await leaveTempAndReopen((c) => c)).toEqual([]);
  });
});
