/**
 * The file store's unit of work across a crash: the process dies at every write step of a unit (a session, a document
 * file, its fingerprint and the case naming them) and the next start finds all of it or none of it.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CaseUnit } from '../../../electron/main/storage/case-store';
import { type DurableFs, realFs } from '../../../electron/main/storage/durable-fs';
import { FileCaseStore } from '../../../electron/main/storage/file-case-store';
import { sealedFs } from '../../../electron/main/storage/sealed-fs';
import { sha256Hex } from '../../../electron/main/storage/sha256';
import { CLERK, mediatedRecord, sessionRecordFixture } from '../../fixtures/documents';
import { makeTempDir, removeDir } from '../../fixtures/workstation';

const AUDIT = { actorId: CLERK.id, actorName: CLERK.name, action: 'test', detail: '测试' };

/**
 * The real file system until the Nth write step after `armed` is set; from then on every call fails, as if the
 * process had died.
 */
function dyingFs(afterSteps: number): DurableFs & { died: boolean; armed: boolean } {
  let steps = 0;
  const state = { died: false, armed: false };
  const step = () => {
    if (!state.armed) return;
    if (state.died || ++steps >= afterSteps) {
      state.died = true;
      throw Object.assign(new Error('killed'), { code: 'EKILLED' });
    }
  };
  const guard = () => {
    if (state.died) throw Object.assign(new Error('killed'), { code: 'EKILLED' });
  };
  return Object.assign(state, {
    async open(file: string, flags: string) {
      if (flags === 'r') guard();
      else step();
      const handle = await realFs.open(file, flags);
      return {
        writeFile: async (data: string | Uint8Array) => {
          step();
          await handle.writeFile(data);
        },
        sync: async () => {
          guard();
          await handle.sync();
        },
        close: () => handle.close(),
      };
    },
    async rename(from: string, to: string) {
      step();
      await realFs.rename(from, to);
    },
    async unlink(file: string) {
      step();
      await realFs.unlink(file);
    },
    async mkdir(dir: string, opts: { recursive: true }) {
      step();
      await realFs.mkdir(dir, opts);
    },
    readFile: async (file: string) => (guard(), realFs.readFile(file)),
    readdir: async (dir: string) => (guard(), realFs.readdir(dir)),
    stat: async (file: string) => (guard(), realFs.stat(file)),
    rmdir: async (dir: string) => (step(), realFs.rmdir(dir)),
    realpath: async (file: string) => (guard(), realFs.realpath!(file)),
  });
}

let dir: string;
const key = randomBytes(32);
const open = (fs: DurableFs = realFs) => FileCaseStore.open({ dataDir: dir, fs: sealedFs(fs, dir, key) });

beforeEach(async () => {
  dir = await makeTempDir('unit-of-work-');
});
afterEach(async () => {
  await removeDir(dir);
});

describe('a unit of work interrupted at every step', () => {
  it('is found whole or not at all at the next start, and the store works on', async () => {
    const seed = await open();
    const c = await seed.create(2026, ({ id, year, seq }) => mediatedRecord((r) => ({ ...r, id, year, seq, caseNumber: `（${year}）X调字第${seq}号`, revision: 1, documents: [] })), AUDIT);
    await seed.close();

    let outcomes = { none: 0, all: 0 };
    for (let n = 1; ; n++) {
      const session = sessionRecordFixture(2, (s) => ({ ...s, id: randomUUID(), caseId: c.id, revision: 0 }));
      const pdf = new TextEncoder().encode(`%PDF 第${n}次`);
      const name = `${randomUUID()}.pdf`;
      const unit: CaseUnit = {
        parts: [{ kind: 'session', expectedRevision: null, record: session, audit: AUDIT }],
        files: [{ area: 'documents', name, data: pdf }],
        issued: [{ sha256: sha256Hex(pdf), documentId: randomUUID() }],
        case: { expectedRevision: null, change: (r, saved) => ({ ...r, dispute: { ...r.dispute, occurredPlace: `第${saved.sessions[0]!.id}` } }), audit: AUDIT },
      };
      const before = await open();
      const revision = (await before.get(c.id)).revision;
      const trail = (await before.audit(c.id)).length;
      await before.close();

      const fs = dyingFs(n);
      const store = await open(fs);
      await store.idle();
      fs.armed = true;
      const result = await store.commit(c.id, unit).then(
        () => 'done',
        () => 'died',
      );
      // The dead process's store is abandoned, never closed: the next start sees the disk as the crash left it.
      const next = await open();
      const record = await next.get(c.id);
      const hasSession = await next.getSession(c.id, session.id).then(
        () => true,
        () => false,
      );
      const hasFile = await next.getFile(c.id, 'documents', name).then(
        () => true,
        () => false,
      );
      const found = await next.findIssuedFile(sha256Hex(pdf));
      const entries = (await next.audit(c.id)).length;
      const all = record.revision === revision + 1 && hasSession && hasFile && found !== null && entries === trail + 2 && record.dispute.occurredPlace === `第${session.id}`;
      const none = record.revision === revision && !hasSession && !hasFile && found === null && entries === trail;
      expect({ n, all, none }).toSatisfy(() => all !== none, `step ${n}: a unit half applied`);
      if (all) outcomes.all += 1;
      else outcomes.none += 1;
      expect(next.problems()).toEqual([]);
      // No unit is left pending (a temp of this test process is a write "in flight" to the sweep, which only takes
      // other processes' temps: after a real crash the pid differs).
      const pending = (await readdir(path.join(dir, 'units')).catch(() => [])).filter((f) => !f.endsWith('.tmp'));
      expect({ n, pending }).toEqual({ n, pending: [] });
      await next.close();
      if (result === 'done' && !fs.died) break;
    }
    // Interrupted before the unit was durable: nothing; after: everything.
    expect(outcomes.none).toBeGreaterThan(0);
    expect(outcomes.all).toBeGreaterThan(1);
  });
});
