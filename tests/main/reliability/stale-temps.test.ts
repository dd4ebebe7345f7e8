/**
 * Stale temp files left by a crash mid-write are removed at the next start (issue 7 item 1): in a case's own folder
 * (a crash during an update) and in documents/ or attachments/ (a crash during putFile), whether or not the case was
 * written since the last index snapshot. The sweep runs in the background after start-up; `idle()` waits for it.
 */
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Workstation } from '../../../electron/main/services/workstation';
import { type DurableFs, isTempName, realFs } from '../../../electron/main/storage/durable-fs';
import { roadTrafficCaseInput } from '../../fixtures/cases';
import { makePng } from '../../fixtures/png';
import { acceptCase, call, makeTempDir, openWorkstation, removeDir, setUp, signInFirst } from '../../fixtures/workstation';

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

async function leaveTempAndReopen(sub: (caseDir: string) => string, crashed = true): Promise<string[]> {
  const created = await call(ws, 'cases:create', roadTrafficCaseInput());
  await ws.close();
  // Reopen once so that the case is in the snapshot, not only in the journal.
  ws = await openWorkstation(dir);
  await signInFirst(ws);
  await ws.close();
  const folder = sub(path.join(dir, 'cases', created.id));
  await mkdir(folder, { recursive: true });
  await writeFile(path.join(folder, 'a1b2c3d4-0000-4000-8000-000000000000.pdf.4242-7.tmp'), 'half a document');
  // What a crash leaves: no mark of a clean close (only a crash leaves a temp behind).
  if (crashed) await rm(path.join(dir, 'index', 'closed-cleanly'));
  ws = await openWorkstation(dir);
  await signInFirst(ws); // the store opens with the key the sign-in unwraps
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

  it('after a clean close nothing is swept (no write was cut short): the start does not list every case folder', async () => {
    expect(await leaveTempAndReopen((c) => c, false)).toHaveLength(1);
    expect(await readdir(path.join(dir, 'index'))).not.toContain('closed-cleanly'); // taken away at open
  });
});

/**
 * BUG (found by the crash loop, reported to the lead; fix belongs in electron/main/storage): the background sweep
 * after start-up removes every `*.<pid>-<n>.tmp` in a case folder, including the temp file of a write that THIS
 * process has staged and not yet renamed into place. The write then fails at the rename (ENOENT → INTERNAL): an
 * autosave, an attachment or a case update made in the first moments after start fails and must be retried. No
 * acknowledged data is lost (the failed write is not acknowledged, and a case or session file renamed to `.1` just
 * before is read back from `.1`), but the user sees an error. Suggested fix: the sweep skips temps whose name carries
 * this process's pid (`.${process.pid}-`), which are always in-flight writes (every write removes its own temp on
 * failure); taking the case lock in the sweep would not cover putFile, which does not run under it.
 *
 * These two tests stage a write, let the sweep list the folder at that moment (a gated DurableFs), and expect the
 * write to succeed. They fail until the store is fixed.
 */
describe('the start-up sweep and writes in progress', () => {
  /** A real fs in which the sweep's listing of `folder` waits until a temp in it is about to be renamed. */
  function gatedFs(folder: () => string) {
    let releaseListing!: () => void;
    const listing = new Promise<void>((resolve) => (releaseListing = resolve));
    let tempRemoved!: () => void;
    const removed = new Promise<void>((resolve) => (tempRemoved = resolve));
    const fs: DurableFs = {
      ...realFs,
      readdir: async (d) => {
        if (d === folder()) await listing;
        return realFs.readdir(d);
      },
      unlink: async (f) => {
        await realFs.unlink(f);
        if (isTempName(path.basename(f))) tempRemoved();
      },
      rename: async (from, to) => {
        if (isTempName(path.basename(from)) && path.dirname(from) === folder()) {
          releaseListing();
          // Give the sweep its chance: it lists the folder now, and removes the temp (the bug) or leaves it.
          await Promise.race([removed, new Promise((resolve) => setTimeout(resolve, 300))]);
        }
        return realFs.rename(from, to);
      },
    };
    return { fs, release: releaseListing };
  }

  async function reopenGated(sub: (caseDir: string) => string) {
    const created = await call(ws, 'cases:create', roadTrafficCaseInput());
    await ws.close();
    const gate = gatedFs(() => sub(path.join(dir, 'cases', created.id)));
    ws = await openWorkstation(dir, { fs: gate.fs });
    await signInFirst(ws);
    return { created, release: gate.release };
  }

  it('a case update staged while the sweep lists the case folder succeeds', async () => {
    const { created, release } = await reopenGated((c) => c);
    try {
      const admin = (await call(ws, 'auth:current'))!.staff;
      await expect(acceptCase(ws, created.id, admin)).resolves.toMatchObject({ revision: 2 });
    } finally {
      release();
    }
    expect((await ws.cases.get(created.id)).revision).toBe(2);
  });

  it('an attachment stored while the sweep lists attachments/ succeeds (putFile runs outside the case lock)', async () => {
    const { created, release } = await reopenGated((c) => path.join(c, 'attachments'));
    try {
      await expect(ws.cases.putFile(created.id, 'attachments', 'f47ac10b-58cc-4372-a567-0e02b2c3d479.png', makePng(8))).resolves.toBeUndefined();
    } finally {
      release();
    }
    expect((await ws.cases.getFile(created.id, 'attachments', 'f47ac10b-58cc-4372-a567-0e02b2c3d479.png')).length).toBeGreaterThan(8);
  });
});
