import { appendFile, copyFile, mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Workstation } from '../../../electron/main/services/workstation';
import type { CaseRecord, CaseSummary } from '../../../electron/shared/domain';
import type { CaseListPage } from '../../../electron/shared/ipc/contract';
import { roadTrafficCaseInput, seededRng, syntheticCase } from '../../fixtures/cases';
import { acceptCase, call, callError, caseFolders, makeTempDir, openWorkstation, removeDir, setUp, signInFirst, addStaff, storeFiles } from '../../fixtures/workstation';
import { makePng } from '../../fixtures/png';
import { typedContent } from '../../../scripts/reliability/workload';
import { decodeSnapshot } from '../../../electron/main/storage/snapshot-codec';

let dir: string;
const opened: Workstation[] = [];

async function open(): Promise<Workstation> {
  const ws = await openWorkstation(dir);
  opened.push(ws);
  await signInFirst(ws);
  return ws;
}

const ALL = { page: 1, pageSize: 200 } as const;
const indexDir = () => path.join(dir, 'index');
const caseFile = (id: string) => path.join(dir, 'cases', id, 'case.json');
/** The key the seeded folder was sealed with: the tests below stage crash states as the store itself writes them. */
let files: ReturnType<typeof storeFiles>;
const journalLines = async () => (await files.text(path.join(indexDir(), 'journal.jsonl'))).split('\n').filter(Boolean);

/** A data dir with `n` cases (the first is the road-traffic case, which is then accepted), closed cleanly. */
async function seed(n = 4): Promise<{ cases: CaseRecord[]; list: CaseListPage }> {
  const ws = await openWorkstation(dir);
  const admin = await setUp(ws);
  files = storeFiles(ws);
  const cases: CaseRecord[] = [await call(ws, 'cases:create', roadTrafficCaseInput())];
  for (let i = 1; i < n; i++) cases.push(await call(ws, 'cases:create', syntheticCase(i, seededRng(100 + i))));
  cases[0] = await acceptCase(ws, cases[0]!.id, admin);
  const list = await call(ws, 'cases:list', ALL);
  await ws.close();
  return { cases, list };
}

beforeEach(async () => {
  dir = await makeTempDir('recovery-');
});
afterEach(async () => {
  for (const ws of opened.splice(0)) await ws.close().catch(() => undefined);
  await removeDir(dir);
});

describe('index recovery', () => {
  it('rebuilds a deleted index/ folder from the case folders, with the same list', async () => {
    const { list } = await seed();
    await rm(indexDir(), { recursive: true });
    const ws = await open();
    expect(await call(ws, 'cases:list', ALL)).toEqual(list);
    expect(decodeSnapshot(await files.read(path.join(indexDir(), 'snapshot.bin')))).toHaveLength(list.total);
  });

  it('a folder indexed before snapshot.bin (version 6, snapshot.json) is indexed again and the old snapshot removed', async () => {
    const { list } = await seed();
    await rm(path.join(indexDir(), 'snapshot.bin'));
    await files.write(path.join(indexDir(), 'snapshot.json'), JSON.stringify({ version: 6, savedAt: '2026-05-01T00:00:00Z', summaries: list.items }));
    const ws = await open();
    expect(await call(ws, 'cases:list', ALL)).toEqual(list);
    expect(await readdir(indexDir())).not.toContain('snapshot.json');
    expect(decodeSnapshot(await files.read(path.join(indexDir(), 'snapshot.bin')))).toHaveLength(list.total);
  });

  it.each([
    ['garbage', 'this is not JSON \u0000\u0000'],
    ['zero-filled', '\u0000'.repeat(4096)],
    ['empty', ''],
    ['a future version', JSON.stringify({ version: 99, savedAt: '2026-05-01T00:00:00Z', summaries: [] })],
    ['the wrong shape', JSON.stringify({ version: 1, savedAt: '2026-05-01T00:00:00Z', summaries: [{ id: 'x' }] })],
  ])('rebuilds from the case folders when the snapshot is %s', async (_label, content) => {
    const { list } = await seed();
    await writeFile(path.join(indexDir(), 'snapshot.bin'), content);
    const ws = await open();
    expect(await call(ws, 'cases:list', ALL)).toEqual(list);
  });

  it('picks up case folders newer than a rolled-back snapshot', async () => {
    let ws = await openWorkstation(dir);
    await setUp(ws);
    files = storeFiles(ws);
    await call(ws, 'cases:create', roadTrafficCaseInput());
    await ws.close();
    await copyFile(path.join(indexDir(), 'snapshot.bin'), path.join(dir, 'old-snapshot.bin'));
    ws = await open();
    await call(ws, 'cases:create', syntheticCase(1, seededRng(1)));
    await call(ws, 'cases:create', syntheticCase(2, seededRng(2)));
    const list = await call(ws, 'cases:list', ALL);
    await ws.close();
    await copyFile(path.join(dir, 'old-snapshot.bin'), path.join(indexDir(), 'snapshot.bin'));
    await writeFile(path.join(indexDir(), 'journal.jsonl'), '');
    ws = await open();
    expect(await call(ws, 'cases:list', ALL)).toEqual(list);
  });

  it('drops an index entry whose case folder is gone', async () => {
    const { cases, list } = await seed();
    await rm(path.join(dir, 'cases', cases[1]!.id), { recursive: true });
    const ws = await open();
    const after = await call(ws, 'cases:list', ALL);
    expect(after.total).toBe(list.total - 1);
    expect(after.items.map((i) => i.id)).not.toContain(cases[1]!.id);
  });
});

describe('index journal ahead of the case files (crash between journal append and case write)', () => {
  it('an existing case with a higher journal revision: the index follows the file, not the journal', async () => {
    const { cases, list } = await seed();
    const target = cases[1]!;
    const stored = list.items.find((i) => i.id === target.id)!;
    const ghost: Partial<CaseSummary> = { ...stored, identityKeys: [], revision: target.revision + 1, status: 'refused', title: '从未写入的修改' };
    await files.append(path.join(indexDir(), 'journal.jsonl'), `${JSON.stringify(ghost)}\n`);

    const ws = await open();
    expect(await call(ws, 'cases:list', ALL)).toEqual(list);
    const view = await call(ws, 'cases:get', { id: target.id });
    expect(view.record.revision).toBe(target.revision);
    // and the case can be updated from the revision the file really has
    const admin = (await call(ws, 'auth:current'))!.staff;
    expect((await acceptCase(ws, target.id, admin)).revision).toBe(target.revision + 1);
  });

  it('a journal entry for a new case that has no folder is dropped', async () => {
    const { list } = await seed();
    const stray: Partial<CaseSummary> = { ...list.items[0]!, id: randomUUID(), seq: 99, caseNumber: '（2026）X调字第0099号', identityKeys: [] };
    await files.append(path.join(indexDir(), 'journal.jsonl'), `${JSON.stringify(stray)}\n`);
    const ws = await open();
    expect(await call(ws, 'cases:list', ALL)).toEqual(list);
  });

  it('a new case whose folder, audit entry and journal entry exist but whose case.json never got written is dropped', async () => {
    const { list } = await seed();
    const id = randomUUID();
    await mkdir(path.join(dir, 'cases', id, 'documents'), { recursive: true });
    await writeFile(path.join(dir, 'cases', id, 'audit.jsonl'), '');
    const stray: Partial<CaseSummary> = { ...list.items[0]!, id, seq: 5, caseNumber: '（2026）X调字第0005号', identityKeys: [] };
    await files.append(path.join(indexDir(), 'journal.jsonl'), `${JSON.stringify(stray)}\n`);
    // In a real crash the number was durable before the audit append (see the write-order test).
    await files.write(path.join(dir, 'sequence.json'), JSON.stringify({ years: { '2026': 5 } }));
    const ws = await open();
    expect(await call(ws, 'cases:list', ALL)).toEqual(list);
    expect(await callError(ws, 'cases:get', { id })).toMatchObject({ code: 'NOT_FOUND' });
    // Its number was handed out (the sequence was durable first), so it is never handed out again.
    expect((await call(ws, 'cases:create', roadTrafficCaseInput())).seq).toBe(6);
  });

  it('ignores a torn last journal line (crash mid-append) and keeps the entries before it', async () => {
    const crashed = await openWorkstation(dir); // never closed: its changes live only in the journal
    await setUp(crashed);
    files = storeFiles(crashed);
    await call(crashed, 'cases:create', roadTrafficCaseInput());
    await call(crashed, 'cases:create', syntheticCase(3, seededRng(3)));
    const list = await call(crashed, 'cases:list', ALL);
    await files.append(path.join(indexDir(), 'journal.jsonl'), '{"id":"7d0c3c1e-6a4b-4c8e-9f0a-3b2c1d0e9f8a","caseNumber":"（20');
    const ws = await open();
    expect(await call(ws, 'cases:list', ALL)).toEqual(list);
  });

  it('does not glue the next entry onto a torn last line (the change after a crash survives the next crash)', async () => {
    const { cases } = await seed();
    await files.append(path.join(indexDir(), 'journal.jsonl'), '{"id":"7d0c3c1e-6a4b-4c8e-9f0a-3b2c1d0e9f8a","revis');
    const afterFirstCrash = await openWorkstation(dir); // never closed either
    const admin = await signInFirst(afterFirstCrash);
    await acceptCase(afterFirstCrash, cases[1]!.id, admin);
    const list = await call(afterFirstCrash, 'cases:list', ALL);
    const ws = await open();
    expect(await call(ws, 'cases:list', ALL)).toEqual(list);
    expect(list.items.find((i) => i.id === cases[1]!.id)).toMatchObject({ status: 'accepted', revision: 2 });
  });

  it('rebuilds from the folders when a journal line before the last is damaged', async () => {
    const crashed = await openWorkstation(dir);
    await setUp(crashed);
    files = storeFiles(crashed);
    await call(crashed, 'cases:create', roadTrafficCaseInput());
    await call(crashed, 'cases:create', syntheticCase(3, seededRng(3)));
    const list = await call(crashed, 'cases:list', ALL);
    const lines = await journalLines();
    expect(lines).toHaveLength(2);
    await files.write(path.join(indexDir(), 'journal.jsonl'), `${'\u0000'.repeat(40)}\n${lines[1]}\n`);
    const ws = await open();
    expect(await call(ws, 'cases:list', ALL)).toEqual(list);
  });
});

describe('a damaged case file', () => {
  it('does not affect the other cases; a case with a previous generation is restored from it, the list follows', async () => {
    const { cases } = await seed();
    const [updated, neverUpdated, healthy] = cases as [CaseRecord, CaseRecord, CaseRecord];
    expect(updated.revision).toBe(2);
    await writeFile(caseFile(updated.id), Buffer.alloc(2048, 0)); // zero-filled after a power loss
    await writeFile(caseFile(neverUpdated.id), '{"schemaVersion":1,"id":'); // truncated, and no .1 exists

    const ws = await open();
    const list = await call(ws, 'cases:list', ALL);
    expect(list.total).toBe(4);
    expect((await call(ws, 'cases:get', { id: healthy.id })).record).toEqual(healthy);

    const restored = await call(ws, 'cases:get', { id: updated.id });
    expect(restored.record.revision).toBe(1);
    expect(restored.status).toBe('registered');
    // The list shows what the restored file says, not the lost revision.
    const row = (await call(ws, 'cases:list', ALL)).items.find((i) => i.id === updated.id)!;
    expect(row).toMatchObject({ revision: 1, status: 'registered' });

    expect(await callError(ws, 'cases:get', { id: neverUpdated.id })).toMatchObject({ code: 'STORE_CORRUPT' });
    // Asking again gives the same answer (the damaged file is kept in place, not turned into "no such case").
    expect(await callError(ws, 'cases:get', { id: neverUpdated.id })).toMatchObject({ code: 'STORE_CORRUPT' });

    const problems = (await call(ws, 'app:info')).storeProblems;
    expect(problems).toHaveLength(2);
    expect(problems.find((p) => p.includes(updated.caseNumber))).toMatch(/已隔离并恢复为上一版本/);
    expect(problems.find((p) => p.includes(neverUpdated.caseNumber))).toMatch(/无可用的上一版本/);
    const quarantine = await readdir(path.join(dir, 'quarantine'));
    expect(quarantine).toHaveLength(2);
    expect(quarantine.some((f) => f.startsWith(updated.id))).toBe(true);

    // The restored case can be worked on again.
    const admin = (await call(ws, 'auth:current'))!.staff;
    expect((await acceptCase(ws, updated.id, admin)).revision).toBe(2);
  });

  it('on a full rebuild, a damaged case is restored or reported, and the others are listed', async () => {
    const { cases } = await seed();
    const [updated, neverUpdated] = cases as [CaseRecord, CaseRecord];
    await writeFile(caseFile(updated.id), 'garbage');
    await writeFile(caseFile(neverUpdated.id), Buffer.alloc(512, 0));
    await rm(indexDir(), { recursive: true });

    const ws = await open();
    const list = await call(ws, 'cases:list', ALL);
    expect(list.items.map((i) => i.id).sort()).toEqual([cases[0]!.id, cases[2]!.id, cases[3]!.id].sort());
    expect(list.items.find((i) => i.id === updated.id)).toMatchObject({ revision: 1 });
    const problems = (await call(ws, 'app:info')).storeProblems;
    expect(problems).toHaveLength(2);
    expect(problems.some((p) => p.includes(neverUpdated.id))).toBe(true);
    expect(await caseFolders(dir)).toContain(neverUpdated.id); // never deleted
  });
});

describe('case-number sequence recovery', () => {
  it('sequence.json deleted (both generations): the next number is above the highest existing one', async () => {
    await seed(3);
    await rm(path.join(dir, 'sequence.json'));
    await rm(path.join(dir, 'sequence.json.1'), { force: true });
    const ws = await open();
    expect((await call(ws, 'cases:create', roadTrafficCaseInput())).caseNumber).toBe('（2026）X调字第0004号');
  });

  it('sequence.json rolled back to an older content: no duplicate number', async () => {
    await seed(3);
    await writeFile(path.join(dir, 'sequence.json'), JSON.stringify({ years: { '2026': 1 } }));
    let ws = await open();
    const next = await call(ws, 'cases:create', roadTrafficCaseInput());
    expect(next.caseNumber).toBe('（2026）X调字第0004号');
    await ws.close();
    // Only the current generation lost: the older .1 is read, the floor from the index still wins.
    await rm(path.join(dir, 'sequence.json'));
    ws = await open();
    expect((await call(ws, 'cases:create', roadTrafficCaseInput())).seq).toBe(5);
  });

  it('sequence.json damaged with no previous generation: the store still opens and continues above the maximum', async () => {
    await seed(3);
    await writeFile(path.join(dir, 'sequence.json'), Buffer.alloc(64, 0));
    await rm(path.join(dir, 'sequence.json.1'), { force: true });
    const ws = await open();
    expect((await call(ws, 'app:info')).storeProblems).toEqual([expect.stringContaining('案件编号序列')]);
    expect((await call(ws, 'cases:create', roadTrafficCaseInput())).seq).toBe(4);
    expect((await call(ws, 'cases:create', roadTrafficCaseInput())).seq).toBe(5);
  });

  it('never reuses a number across years of restarts: numbers are distinct over many reopenings', async () => {
    const numbers: string[] = [];
    let ws = await openWorkstation(dir);
    await setUp(ws);
    files = storeFiles(ws);
    for (let round = 0; round < 4; round++) {
      numbers.push((await call(ws, 'cases:create', syntheticCase(round, seededRng(round)))).caseNumber);
      if (round % 2 === 0) await ws.close(); // alternately clean close and crash
      ws = await open();
    }
    expect(new Set(numbers).size).toBe(4);
    expect(numbers.at(-1)).toBe('（2026）X调字第0004号');
  });
});

describe('workstation.json', () => {
  it('damaged with no previous generation: opening fails loudly every time instead of offering first-run setup', async () => {
    const ws = await openWorkstation(dir);
    await setUp(ws);
    files = storeFiles(ws);
    await ws.close();
    await writeFile(path.join(dir, 'workstation.json'), '{"schemaVersion":1,"settings":{"centerName":');
    await rm(path.join(dir, 'workstation.json.1'), { force: true });
    await expect(openWorkstation(dir)).rejects.toMatchObject({ name: 'CorruptFileError' });
    await expect(openWorkstation(dir)).rejects.toMatchObject({ name: 'CorruptFileError' });
    expect(await readdir(path.join(dir, 'quarantine'))).toHaveLength(1);
  });

  it('damaged with a previous generation: restored, reported, staff still there', async () => {
    const ws = await openWorkstation(dir);
    await setUp(ws);
    files = storeFiles(ws);
    await addStaff(ws, { name: '骆晓明', roles: ['mediator'] });
    await ws.close();
    await writeFile(path.join(dir, 'workstation.json'), 'garbage');
    const reopened = await open();
    const info = await call(reopened, 'app:info');
    expect(info.setupRequired).toBe(false);
    expect(info.storeProblems).toEqual([expect.stringContaining('中心设置与人员名单')]);
    // The previous generation is the one before the last write: setup done, the new staff member not yet.
    expect((await call(reopened, 'staff:list')).map((s) => s.name)).toEqual(['周海燕']);
  });
});

describe('a damaged session file (the record of a mediation, autosaved while typed)', () => {
  /**
   * A closed data dir: the road-traffic case in mediation with a session typed and saved twice (revision 3, its
   * previous generation at revision 2), a second session only scheduled (revision 0, no previous generation), an
   * attachment of the first session, and three more cases.
   */
  async function seedSessions() {
    const ws = await openWorkstation(dir);
    const admin = await setUp(ws);
    files = storeFiles(ws);
    const created = await call(ws, 'cases:create', roadTrafficCaseInput());
    const room = (await call(ws, 'settings:get')).rooms[0]!;
    await call(ws, 'cases:accept', { id: created.id, revision: created.revision, mediatorIds: [admin.id], room, mediationDue: '2026-05-20', note: '' });
    const plan = { kind: 'session' as const, scheduledAt: '2026-05-01T10:00:00+08:00', place: room, purpose: '', mediatorIds: [admin.id], recorderId: admin.id, subject: null };
    let typed = (await call(ws, 'sessions:schedule', { caseId: created.id, plan })).session;
    typed = (await call(ws, 'sessions:open', { caseId: created.id, sessionId: typed.id, revision: typed.revision })).session;
    let revision = typed.revision;
    for (const [n, len] of [[1, 50], [2, 30]] as const) {
      revision = (await call(ws, 'sessions:save', { caseId: created.id, sessionId: typed.id, revision, content: typedContent(typed, n, len) })).revision;
    }
    const attachment = await call(ws, 'attachments:add', { caseId: created.id, sessionId: typed.id, statementId: null, category: 'evidence', label: '现场照片', mimeType: 'image/png', base64: makePng(16).toString('base64') });
    const scheduled = (await call(ws, 'sessions:schedule', { caseId: created.id, plan })).session;
    for (let i = 1; i <= 3; i++) await call(ws, 'cases:create', syntheticCase(i, seededRng(200 + i)));
    const record = (await call(ws, 'cases:get', { id: created.id })).record;
    const list = await call(ws, 'cases:list', ALL);
    await ws.close();
    const file = (sessionId: string) => path.join(dir, 'cases', created.id, 'sessions', `${sessionId}.json`);
    return { record, list, typed: { ...typed, revision }, scheduled, attachment, file };
  }

  it.each([
    ['zero-filled', (b: Buffer) => Buffer.alloc(b.length, 0)],
    ['truncated', (b: Buffer) => b.subarray(0, b.length >> 1)],
    ['garbled', (b: Buffer) => Buffer.concat([b.subarray(0, 40), Buffer.from('\u0000\uFFFD}}]]garbage'), b.subarray(80)])],
    ['empty', () => Buffer.alloc(0)],
  ])('%s, with a previous generation: the previous record is read, the bad file quarantined, the case named, typing goes on', async (_label, damageOf) => {
    const { record, list, typed, scheduled, attachment, file } = await seedSessions();
    const bad = damageOf(await readFile(file(typed.id)));
    await writeFile(file(typed.id), bad);

    const ws = await open();
    // Every case is there; the session's case itself is intact.
    expect(await call(ws, 'cases:list', ALL)).toEqual(list);
    expect((await call(ws, 'cases:get', { id: record.id })).record).toEqual(record);
    const view = await call(ws, 'sessions:get', { caseId: record.id, sessionId: typed.id });
    expect(view.session.revision).toBe(typed.revision - 1);
    expect(view.session.statements).toHaveLength(1); // what the previous autosave held
    expect(view.attachments.map((a) => a.id)).toEqual([attachment.id]);
    expect((await call(ws, 'sessions:get', { caseId: record.id, sessionId: scheduled.id })).session.revision).toBe(0);
    expect((await call(ws, 'attachments:file', { caseId: record.id, attachmentId: attachment.id })).intact).toBe(true);

    const problems = (await call(ws, 'app:info')).storeProblems;
    expect(problems).toEqual([expect.stringContaining(record.caseNumber)]);
    expect(problems[0]).toMatch(/调解记录.*已隔离并恢复为上一版本/);
    const quarantine = await readdir(path.join(dir, 'quarantine'));
    expect(quarantine).toHaveLength(1);
    expect(await storeFiles(ws).read(path.join(dir, 'quarantine', quarantine[0]!))).toEqual(bad);
    // The restored generation is on disk again (a parseable file), and the mediator types on from it.
    expect(((await storeFiles(ws).json(file(typed.id))) as { revision: number }).revision).toBe(typed.revision - 1);
    const saved = await call(ws, 'sessions:save', { caseId: record.id, sessionId: typed.id, revision: view.session.revision, content: typedContent(view.session, 2, 80) });
    expect(saved.revision).toBe(typed.revision);
  });

  it.each([
    ['zero-filled', (b: Buffer) => Buffer.alloc(b.length, 0)],
    ['truncated', (b: Buffer) => b.subarray(0, b.length >> 1)],
  ])('%s, without a previous generation: STORE_CORRUPT every time (never "no such session"), kept in place, quarantined, the case named', async (_label, damageOf) => {
    const { record, list, typed, scheduled, file } = await seedSessions();
    const bad = damageOf(await readFile(file(scheduled.id)));
    await writeFile(file(scheduled.id), bad);

    const ws = await open();
    expect(await call(ws, 'cases:list', ALL)).toEqual(list);
    expect(await callError(ws, 'sessions:get', { caseId: record.id, sessionId: scheduled.id })).toMatchObject({ code: 'STORE_CORRUPT' });
    expect(await callError(ws, 'sessions:get', { caseId: record.id, sessionId: scheduled.id })).toMatchObject({ code: 'STORE_CORRUPT' });
    expect(await callError(ws, 'sessions:open', { caseId: record.id, sessionId: scheduled.id, revision: 0 })).toMatchObject({ code: 'STORE_CORRUPT' });
    // The other session and the case are untouched.
    expect((await call(ws, 'sessions:get', { caseId: record.id, sessionId: typed.id })).session.revision).toBe(typed.revision);
    expect((await call(ws, 'cases:get', { id: record.id })).record).toEqual(record);

    const problems = (await call(ws, 'app:info')).storeProblems;
    expect(problems).toEqual([expect.stringContaining(record.caseNumber)]);
    expect(problems[0]).toMatch(/调解记录.*无可用的上一版本/);
    expect(await readFile(file(scheduled.id))).toEqual(bad); // never replaced by an empty record
    const quarantine = await readdir(path.join(dir, 'quarantine'));
    expect(quarantine).toHaveLength(1);
    expect(await storeFiles(ws).read(path.join(dir, 'quarantine', quarantine[0]!))).toEqual(bad);
  });

  it('current file missing, previous generation present (a crash between the two renames of a save): the previous is read, and said', async () => {
    const { record, typed, file } = await seedSessions();
    await rm(file(typed.id));
    const ws = await open();
    expect((await call(ws, 'sessions:get', { caseId: record.id, sessionId: typed.id })).session.revision).toBe(typed.revision - 1);
    // The trail has the lost save: the files cannot tell a crash from the previous generation put back, so it is said.
    expect((await call(ws, 'app:info')).storeProblems).toEqual([expect.stringMatching(new RegExp(`调解记录的最近一次保存（第${typed.revision}版）未能确认写入，现显示第${typed.revision - 1}版`))]);
  });

  it('stale temp files of a session save are swept at the next start, the record is unchanged', async () => {
    const { record, typed, file } = await seedSessions();
    await writeFile(`${file(typed.id)}.4242-9.tmp`, '{"half":');
    await rm(path.join(dir, 'index', 'closed-cleanly'), { force: true }); // what the crash that left it leaves
    const ws = await open();
    await ws.cases.idle();
    expect((await readdir(path.dirname(file(typed.id)))).filter((n) => n.endsWith('.tmp'))).toEqual([]);
    expect((await call(ws, 'sessions:get', { caseId: record.id, sessionId: typed.id })).session.revision).toBe(typed.revision);
  });
});

describe('a damaged case file written since the last index snapshot (found at start-up)', () => {
  // BUG (reported to the lead; fix belongs in electron/main/storage/file-case-store.ts): at start-up the cases named
  // in the index journal are re-read with the description `案件（文件夹<uuid>）`, although the journal entry and the
  // snapshot carry the case number. A damaged file among them is reported to the user by a folder uuid only, which
  // a clerk cannot match to a case. Suggested fix: in load(), describe the file with the case number the snapshot or
  // journal has for that id (summaries.get(id)?.caseNumber, or the journal entry), falling back to the folder only
  // on a full rebuild. Fails until fixed.
  it('is reported with its case number, not only its folder', async () => {
    const ws1 = await openWorkstation(dir);
    const admin = await setUp(ws1);
    files = storeFiles(ws1);
    const created = await call(ws1, 'cases:create', roadTrafficCaseInput());
    await ws1.close();
    const crashed = await openWorkstation(dir); // its change lives only in the journal
    await signInFirst(crashed);
    await acceptCase(crashed, created.id, admin);
    await crashed.cases.idle();
    await writeFile(caseFile(created.id), Buffer.alloc(1024, 0));

    const ws = await open();
    expect((await call(ws, 'cases:get', { id: created.id })).record.revision).toBe(1); // restored from .1
    expect((await call(ws, 'app:info')).storeProblems).toEqual([expect.stringContaining(created.caseNumber)]);
  });
});
