import { readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Workstation } from '../../../electron/main/services/workstation';
import { findBrokenLink } from '../../../electron/main/storage/audit-log';
import { isTempName } from '../../../electron/main/storage/durable-fs';
import type { PersonParty } from '../../../electron/shared/domain';
import { FIXTURE_TODAY, roadTrafficCaseInput, seededRng, syntheticCase } from '../../fixtures/cases';
import { recordingFs } from '../../fixtures/fake-fs';
import { acceptCase, call, caseFolders, makeTempDir, openWorkstation, removeDir, setUp, signInFirst, storeFiles } from '../../fixtures/workstation';

let dir: string;
const opened: Workstation[] = [];

async function open(extra: Parameters<typeof openWorkstation>[1] = {}): Promise<Workstation> {
  const ws = await openWorkstation(dir, extra);
  opened.push(ws);
  return ws;
}

beforeEach(async () => {
  dir = await makeTempDir('file-store-');
});
afterEach(async () => {
  for (const ws of opened.splice(0)) await ws.close().catch(() => undefined);
  await removeDir(dir);
});

describe('file store end to end: setup, sign-in, register', () => {
  it('numbers cases （2026）X调字第0001号, 0002 … from the center settings and stores one folder per case', async () => {
    const ws = await open();
    expect(await call(ws, 'app:info')).toMatchObject({ setupRequired: true, today: FIXTURE_TODAY, storeProblems: [] });
    const admin = await setUp(ws);
    expect((await call(ws, 'auth:current'))?.staff).toEqual(admin);

    const first = await call(ws, 'cases:create', roadTrafficCaseInput());
    expect(first).toMatchObject({ caseNumber: '（2026）X调字第0001号', year: 2026, seq: 1, revision: 1 });
    expect(first.actions).toEqual([expect.objectContaining({ type: 'REGISTERED', by: admin.id })]);
    const second = await call(ws, 'cases:create', syntheticCase(0, seededRng(1)));
    expect(second.caseNumber).toBe('（2026）X调字第0002号');

    const page = await call(ws, 'cases:list', { page: 1, pageSize: 20 });
    expect(page.total).toBe(2);
    expect(page.items.map((i) => i.caseNumber)).toEqual(['（2026）X调字第0002号', '（2026）X调字第0001号']);
    expect(page.items[1]).toMatchObject({ title: '张建国、李秀兰与义乌市顺达货运有限公司道路交通事故纠纷', status: 'registered', disputeType: '13' });
    expect(page.items[1]).not.toHaveProperty('identityKeys'); // no full ID numbers or phones in a list

    const view = await call(ws, 'cases:get', { id: first.id });
    expect(view.status).toBe('registered');
    expect(view.availableActions).toContain('ACCEPTED');
    expect(view.record).toEqual(first);
    // Normalised on the way in: birth date and gender derived from the ID, amount with two decimals.
    expect((view.record.parties[0] as PersonParty).idNumber).toMatch(/^330782196803151\d{2}[\dX]$/);
    expect(view.record.dispute.amount).toBe('86500.00');

    expect(await caseFolders(dir)).toEqual([first.id, second.id].sort());
    const folder = path.join(dir, 'cases', first.id);
    const files = storeFiles(ws);
    expect(await files.json(path.join(folder, 'case.json'))).toEqual(first);
    expect((await stat(path.join(folder, 'documents'))).isDirectory()).toBe(true);
    expect((await stat(path.join(folder, 'attachments'))).isDirectory()).toBe(true);
    expect((await files.text(path.join(folder, 'audit.jsonl'))).trim().split('\n')).toHaveLength(1);
    expect(await files.json(path.join(dir, 'sequence.json'))).toEqual({ years: { '2026': 2 } });
    expect((await files.text(path.join(dir, 'index', 'journal.jsonl'))).trim().split('\n')).toHaveLength(2);
  });

  it('uses a changed case-number pattern for the next case and keeps counting', async () => {
    const ws = await open();
    await setUp(ws);
    await call(ws, 'cases:create', roadTrafficCaseInput());
    const settings = await call(ws, 'settings:get');
    await call(ws, 'settings:update', { ...settings, caseNumberAbbr: '稠', caseNumberPattern: '{abbr}调〔{year}〕{seq:5}号' });
    expect((await call(ws, 'cases:create', roadTrafficCaseInput())).caseNumber).toBe('稠调〔2026〕00002号');
  });
});

describe('file store end to end: restart', () => {
  it('after close and reopen, both cases are listed and readable and numbering continues at 0003', async () => {
    let ws = await open();
    await setUp(ws);
    const a = await call(ws, 'cases:create', roadTrafficCaseInput());
    const b = await call(ws, 'cases:create', syntheticCase(5, seededRng(5)));
    const before = await call(ws, 'cases:list', { page: 1, pageSize: 20 });
    await ws.close();

    ws = await open();
    expect(await call(ws, 'app:info')).toMatchObject({ setupRequired: false, storeProblems: [] });
    await signInFirst(ws);
    expect(await call(ws, 'cases:list', { page: 1, pageSize: 20 })).toEqual(before);
    expect((await call(ws, 'cases:get', { id: a.id })).record).toEqual(a);
    expect((await call(ws, 'cases:get', { id: b.id })).record).toEqual(b);
    expect((await call(ws, 'cases:create', roadTrafficCaseInput())).caseNumber).toBe('（2026）X调字第0003号');
  });

  it('after a crash (no close: the journal is never compacted), the same list comes back from snapshot + journal', async () => {
    const crashed = await openWorkstation(dir); // deliberately never closed
    await setUp(crashed);
    const a = await call(crashed, 'cases:create', roadTrafficCaseInput());
    await acceptCase(crashed, a.id, (await call(crashed, 'auth:current'))!.staff);
    await call(crashed, 'cases:create', syntheticCase(1, seededRng(1)));
    const before = await call(crashed, 'cases:list', { page: 1, pageSize: 20 });

    const ws = await open();
    await signInFirst(ws);
    expect(await call(ws, 'cases:list', { page: 1, pageSize: 20 })).toEqual(before);
    expect((await call(ws, 'cases:get', { id: a.id })).status).toBe('accepted');
    expect((await call(ws, 'cases:create', roadTrafficCaseInput())).caseNumber).toBe('（2026）X调字第0003号');
  });

  it('removes temp files left by a crash mid-write when it opens', async () => {
    let ws = await open();
    await setUp(ws);
    const a = await call(ws, 'cases:create', roadTrafficCaseInput());
    await ws.close();
    await writeFile(path.join(dir, 'sequence.json.999999-1.tmp'), '{"years":');
    await writeFile(path.join(dir, 'index', 'snapshot.bin.999999-2.tmp'), '');
    // A case folder is swept when the store re-checks it: here the snapshot is gone, so every folder is.
    await writeFile(path.join(dir, 'cases', a.id, 'case.json.999999-3.tmp'), '{');
    await rm(path.join(dir, 'index', 'snapshot.bin'));
    ws = await open();
    await signInFirst(ws); // the store opens with the key the sign-in unwraps
    const all = [...(await readdir(dir)), ...(await readdir(path.join(dir, 'index'))), ...(await readdir(path.join(dir, 'cases', a.id)))];
    expect(all.filter(isTempName)).toEqual([]);
  });
});

describe('file store: write order', () => {
  it('fsyncs the audit entry, the index journal and the new case file before it is renamed into place', async () => {
    const fs = recordingFs();
    const ws = await open({ fs });
    await setUp(ws);
    fs.ops.length = 0;
    const created = await call(ws, 'cases:create', roadTrafficCaseInput());
    const caseFile = path.join(dir, 'cases', created.id, 'case.json');
    const idx = (pred: (o: (typeof fs.ops)[number]) => boolean) => fs.ops.findIndex(pred);
    const auditSync = idx((o) => o.op === 'sync' && o.file.endsWith(path.join(created.id, 'audit.jsonl')));
    const journalSync = idx((o) => o.op === 'sync' && o.file.endsWith(path.join('index', 'journal.jsonl')));
    const seqRename = idx((o) => o.op === 'rename' && o.to === path.join(dir, 'sequence.json'));
    const caseRename = idx((o) => o.op === 'rename' && o.to === caseFile);
    expect(auditSync).toBeGreaterThanOrEqual(0);
    // The number is recorded once the case is stored (a failed registration burns none); until then the case's
    // journal entry, durable first, is what keeps it from being given again after a crash.
    expect(seqRename).toBeGreaterThan(caseRename);
    expect(journalSync).toBeLessThan(caseRename);
    expect(journalSync).toBeGreaterThanOrEqual(0);
    // Audit and journal fsync in parallel with the new case file; the rename waits for both.
    expect(auditSync).toBeLessThan(caseRename);
    expect(journalSync).toBeLessThan(caseRename);
    const caseTmpSync = idx((o) => o.op === 'sync' && isTempName(path.basename(o.file)) && o.file.startsWith(caseFile));
    expect(caseTmpSync).toBeLessThan(caseRename);
  });
});

describe('file store: a save that fails part-way', () => {
  it.each([
    ['the audit append', (f: string) => f.endsWith('audit.jsonl')],
    ['the index journal append', (f: string) => f.endsWith('journal.jsonl')],
    ['the new case file', (f: string) => /case\.json\.\d+-\d+\.tmp$/.test(f)],
  ])('when %s fails, the case is unchanged on disk and in the list, no temp file is left, and a retry works', async (_label, match) => {
    const fs = recordingFs();
    const ws = await open({ fs });
    const admin = await setUp(ws);
    const created = await call(ws, 'cases:create', roadTrafficCaseInput());
    const before = await readFile(path.join(dir, 'cases', created.id, 'case.json'), 'utf8');
    let failing = true;
    fs.beforeOpen = (file) => {
      if (failing && match(file)) throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
    };
    await expect(acceptCase(ws, created.id, admin)).rejects.toMatchObject({ code: 'ENOSPC' });
    expect(await readFile(path.join(dir, 'cases', created.id, 'case.json'), 'utf8')).toBe(before);
    expect((await readdir(path.join(dir, 'cases', created.id))).filter(isTempName)).toEqual([]);
    expect((await call(ws, 'cases:list', { page: 1, pageSize: 20 })).items[0]).toMatchObject({ status: 'registered', revision: 1 });
    failing = false;
    expect((await acceptCase(ws, created.id, admin)).revision).toBe(2);
    expect((await call(ws, 'cases:get', { id: created.id })).status).toBe('accepted');
    // After a restart the store agrees with itself.
    await ws.close();
    const reopened = await open();
    await signInFirst(reopened);
    expect((await call(reopened, 'cases:list', { page: 1, pageSize: 20 })).items[0]).toMatchObject({ status: 'accepted', revision: 2 });
    expect(findBrokenLink(await call(reopened, 'cases:audit', { id: created.id }))).toBeNull();
  });
});
