/**
 * The checker of the crash and power-loss harnesses (scripts/reliability/workload.ts) must see a lost session save
 * or attachment, not only a lost case: the workload runs through the real store, then the data directory is damaged
 * the way a lost write would leave it, and verifyAcks must report it. Also the typing model it relies on.
 */
import { cp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionRecord } from '../../../electron/shared/domain';
import { writeFileDurable } from '../../../electron/main/storage/durable-fs';
import { AckBook, covers, openStore, runWorkload, setUpOrSignIn, statementId, statementText, typedOf, verifyAcks, recordsFsFor } from '../../../scripts/reliability/workload';
import { seededRng } from '../../fixtures/cases';
import { makeTempDir, removeDir } from '../../fixtures/workstation';

let dir = '';
const book = new AckBook();

beforeAll(async () => {
  dir = await makeTempDir('checker-');
  const ws = await openStore(dir);
  const actor = await setUpOrSignIn(ws, (a) => book.add(a));
  // 120 operations, not 80: the workload's writers run concurrently, and with 80 the issued-document writes
  // came out at exactly 2 in one fresh-clone run.
  await runWorkload(ws, seededRng(4242), actor, (a) => book.add(a), { ops: 120, maxFileBytes: 4000, statementsPerSession: 3 });
  await ws.close();
}, 30_000);
afterAll(async () => {
  await removeDir(dir);
});

/** A copy of the data dir with `damage` applied, checked against a copy of the book. */
async function checkAfter(damage: (copy: string) => Promise<void>): Promise<string[]> {
  const copy = await makeTempDir('checker-copy-');
  try {
    await cp(dir, copy, { recursive: true });
    await damage(copy);
    const ws = await openStore(copy);
    const b = new AckBook();
    for (const [k, v] of book.cases) b.cases.set(k, v);
    for (const [k, v] of book.files) b.files.set(k, v);
    for (const [k, v] of book.sessions) b.sessions.set(k, v);
    for (const [k, v] of book.attachments) b.attachments.set(k, v);
    b.setup = book.setup;
    const v = await verifyAcks(ws, b);
    await ws.close();
    return v.lost;
  } finally {
    await rm(copy, { recursive: true, force: true });
  }
}

/** The acknowledged session with the most revisions (it has a previous generation). */
function typedSession(): { key: string; caseId: string; sessionId: string } {
  const [key] = [...book.sessions].sort(([, a], [, b]) => b.revision - a.revision)[0]!;
  const [caseId, sessionId] = key.split('/') as [string, string];
  return { key, caseId, sessionId };
}

describe('the harness checker', () => {
  it('the workload acknowledged every kind of write, and the untouched directory checks out', async () => {
    expect(book.byKind.case).toBeGreaterThan(5);
    expect(book.byKind.session).toBeGreaterThan(5);
    expect(book.byKind.attachment).toBeGreaterThan(2);
    expect(book.byKind.file).toBeGreaterThan(2);
    expect(Math.max(...[...book.sessions.values()].map((t) => t.statements))).toBeGreaterThan(1);
    expect(await checkAfter(async () => undefined)).toEqual([]);
  });

  it('sees a session save rolled back to the previous generation', async () => {
    const { key, caseId, sessionId } = typedSession();
    const lost = await checkAfter(async (copy) => {
      const file = path.join(copy, 'cases', caseId, 'sessions', `${sessionId}.json`);
      await cp(`${file}.1`, file);
    });
    expect(lost).toEqual([expect.stringContaining(`session ${key}`)]);
  });

  it('sees a statement that lost its last typed characters, at the same revision', async () => {
    const { key, caseId, sessionId } = typedSession();
    const lost = await checkAfter(async (copy) => {
      const file = path.join(copy, 'cases', caseId, 'sessions', `${sessionId}.json`);
      const records = await recordsFsFor(copy);
      const session = JSON.parse((await records.readFile(file)).toString('utf8')) as SessionRecord;
      const last = session.statements.at(-1)!;
      last.text = last.text.slice(0, -1);
      await writeFileDurable(file, JSON.stringify(session), {}, records);
    });
    expect(lost).toEqual([expect.stringContaining(`session ${key}`)]);
  });

  it('sees an attachment whose bytes changed, and one the case no longer lists', async () => {
    const [key] = [...book.attachments][0]!;
    const [caseId, attachmentId, file] = key.split('/') as [string, string, string];
    const changed = await checkAfter(async (copy) => {
      const f = path.join(copy, 'cases', caseId, 'attachments', file);
      const records = await recordsFsFor(copy);
      const bytes = await records.readFile(f);
      bytes[bytes.length - 1] = bytes[bytes.length - 1]! ^ 1;
      await writeFileDurable(f, bytes, {}, records);
    });
    expect(changed).toEqual([expect.stringMatching(new RegExp(`attachment ${key}: content differs`))]);
    const unlisted = await checkAfter(async (copy) => {
      const f = path.join(copy, 'cases', caseId, 'case.json');
      const records = await recordsFsFor(copy);
      const record = JSON.parse((await records.readFile(f)).toString('utf8')) as { attachments: { id: string }[] };
      record.attachments = record.attachments.filter((a) => a.id !== attachmentId);
      await writeFileDurable(f, JSON.stringify(record), {}, records);
    });
    expect(unlisted).toContain(`attachment ${key}: not listed on the case`);
  });

  it('sees a missing attachment file', async () => {
    const [key] = [...book.attachments].at(-1)!;
    const [caseId, , file] = key.split('/') as [string, string, string];
    const lost = await checkAfter(async (copy) => rm(path.join(copy, 'cases', caseId, 'attachments', file)));
    expect(lost).toEqual([expect.stringContaining(`attachment ${key}`)]);
    expect(await readdir(path.join(dir, 'cases', caseId, 'attachments'))).toContain(file); // the original is intact
  });
});

describe('the typing model', () => {
  const id = '6f1c2d3e-4b5a-4c6d-8e7f-0a1b2c3d4e5f';

  it('is deterministic, trim-proof, and yields version-4 UUIDs', () => {
    expect(statementText(id, 3)).toBe(statementText(id, 3));
    expect(statementText(id, 3)).not.toBe(statementText(id, 4));
    for (let i = 0; i < 50; i++) {
      const t = statementText(id, i);
      expect(t.length).toBeGreaterThanOrEqual(30);
      expect(t).toBe(t.trim());
      expect(statementId(id, i)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    }
  });

  it('covers: a later state is fine, an earlier one or a shorter last statement is a loss', () => {
    const acked = { revision: 5, statements: 3, lastLength: 40 };
    expect(covers({ revision: 5, statements: 3, lastLength: 40 }, acked)).toBe(true);
    expect(covers({ revision: 6, statements: 3, lastLength: 41 }, acked)).toBe(true);
    expect(covers({ revision: 7, statements: 4, lastLength: 10 }, acked)).toBe(true);
    expect(covers({ revision: 4, statements: 3, lastLength: 40 }, acked)).toBe(false);
    expect(covers({ revision: 5, statements: 3, lastLength: 39 }, acked)).toBe(false);
    expect(covers({ revision: 6, statements: 2, lastLength: 400 }, acked)).toBe(false);
  });

  it('typedOf rejects a statement whose text is not what was typed', () => {
    const statements = [0, 1].map((i) => ({ id: statementId(id, i), speakerId: 'x', kind: 'answer' as const, text: statementText(id, i), startedAt: '2026-05-01T09:30:00+08:00', marks: [], caucus: null }));
    const session = { id, revision: 2, statements } as unknown as SessionRecord;
    expect(typedOf(session)).toEqual({ revision: 2, statements: 2, lastLength: statementText(id, 1).length });
    statements[0]!.text = statements[0]!.text.slice(1);
    expect(typedOf(session)).toMatch(/statement 0/);
  });
});
