import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Workstation } from '../../../electron/main/services/workstation';
import { AuditLog, GENESIS_HASH, findBrokenLink, hashEvent } from '../../../electron/main/storage/audit-log';
import { realFs } from '../../../electron/main/storage/durable-fs';
import type { AuditEvent, PersonParty } from '../../../electron/shared/domain';
import { roadTrafficCaseInput } from '../../fixtures/cases';
import { acceptCase, addAction, call, makeTempDir, openWorkstation, removeDir, setUp, signInFirst, storeFiles } from '../../fixtures/workstation';

let dir: string;
let ws: Workstation;

beforeEach(async () => {
  dir = await makeTempDir('audit-');
  ws = await openWorkstation(dir);
});
afterEach(async () => {
  await ws.close().catch(() => undefined);
  await removeDir(dir);
});

const auditFile = (id: string) => path.join(dir, 'cases', id, 'audit.jsonl');
const lines = async (file: string) => (await storeFiles(ws).text(file)).split('\n').filter(Boolean);

describe('case audit trail through the API', () => {
  it('cases:audit returns the create event with the actor name, chained from the genesis hash', async () => {
    const admin = await setUp(ws);
    const created = await call(ws, 'cases:create', roadTrafficCaseInput());
    const events = await call(ws, 'cases:audit', { id: created.id });
    expect(events).toEqual([
      expect.objectContaining({ seq: 0, actorId: admin.id, actorName: '周海燕', caseId: created.id, action: 'cases:create', prevHash: GENESIS_HASH }),
    ]);
    expect(events[0]!.detail).toContain('道路交通事故纠纷');
    expect(events[0]!.detail).toContain('张建国');
    // Never full ID numbers or phones in an audit detail.
    const person = created.parties[0] as PersonParty;
    expect(events[0]!.detail).not.toContain(person.idNumber);
    expect(events[0]!.detail).not.toContain(person.phone);
    expect(findBrokenLink(events)).toBeNull();
  });

  it('every later change extends the chain, across a restart', async () => {
    const admin = await setUp(ws);
    const created = await call(ws, 'cases:create', roadTrafficCaseInput());
    await acceptCase(ws, created.id, admin);
    await ws.close();
    ws = await openWorkstation(dir);
    await signInFirst(ws);
    await addAction(ws, created.id, admin, 'DETAILS_UPDATED', '更正被申请人地址');
    const events = await call(ws, 'cases:audit', { id: created.id });
    expect(events.map((e) => [e.seq, e.action])).toEqual([[0, 'cases:create'], [1, 'cases:accepted'], [2, 'cases:details_updated']]);
    expect(findBrokenLink(events)).toBeNull();
  });

  it('a change the workflow does not allow is rejected before anything is written (no phantom audit entry)', async () => {
    const admin = await setUp(ws);
    const created = await call(ws, 'cases:create', roadTrafficCaseInput());
    const before = await readFile(auditFile(created.id));
    await expect(addAction(ws, created.id, admin, 'CLOSED', '登记后直接结案')).rejects.toThrow(/not allowed/);
    expect((await readFile(auditFile(created.id))).equals(before)).toBe(true);
    expect((await call(ws, 'cases:get', { id: created.id })).record.revision).toBe(1);
  });

  // Written with the store's own key (someone holding it): the chain itself still shows the edit.
  it('findBrokenLink returns the seq of an edited line, and of the line after a removed one', async () => {
    const admin = await setUp(ws);
    const created = await call(ws, 'cases:create', roadTrafficCaseInput());
    await acceptCase(ws, created.id, admin);
    await addAction(ws, created.id, admin, 'DETAILS_UPDATED', '补充材料');
    const original = await lines(auditFile(created.id));
    expect(original).toHaveLength(3);

    // Edit the detail of seq 1, keeping its stored hash.
    const edited = JSON.parse(original[1]!) as AuditEvent;
    edited.detail = '受理（已被篡改）';
    await storeFiles(ws).write(auditFile(created.id), [original[0], JSON.stringify(edited), original[2]].join('\n') + '\n');
    expect(findBrokenLink(await call(ws, 'cases:audit', { id: created.id }))).toBe(1);

    // Re-hash the edited entry too: the next entry's prevHash no longer matches.
    const { hash: _drop, ...rest } = edited;
    const rehashed = { ...rest, hash: hashEvent(rest) };
    await storeFiles(ws).write(auditFile(created.id), [original[0], JSON.stringify(rehashed), original[2]].join('\n') + '\n');
    expect(findBrokenLink(await call(ws, 'cases:audit', { id: created.id }))).toBe(2);

    // Remove seq 1.
    await storeFiles(ws).write(auditFile(created.id), [original[0], original[2]].join('\n') + '\n');
    expect(findBrokenLink(await call(ws, 'cases:audit', { id: created.id }))).toBe(2);

    // Remove the first entry.
    await storeFiles(ws).write(auditFile(created.id), [original[1], original[2]].join('\n') + '\n');
    expect(findBrokenLink(await call(ws, 'cases:audit', { id: created.id }))).toBe(1);
  });

  it('a decision carries what was decided, typed, and the record it produced (revision and SHA-256), with the injected time', async () => {
    const admin = await setUp(ws);
    const created = await call(ws, 'cases:create', roadTrafficCaseInput());
    await call(ws, 'cases:accept', { id: created.id, revision: created.revision, mediatorIds: [admin.id], room: '交通事故调解室', mediationDue: '2026-05-31', note: '' });
    const events = await call(ws, 'cases:audit', { id: created.id });
    expect(events.at(-1)).toMatchObject({
      action: 'cases:accept',
      at: '2026-05-01T01:30:00.000Z',
      data: { mediatorIds: [admin.id], room: '交通事故调解室', mediationDue: '2026-05-31' },
      record: { kind: 'case', id: created.id, revision: 2, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) },
    });
    expect(findBrokenLink(events)).toBeNull();
  });

  it('the workstation trail records setup and sign-ins, intact', async () => {
    await setUp(ws);
    await ws.close();
    ws = await openWorkstation(dir);
    await signInFirst(ws);
    const events = await new AuditLog(path.join(dir, 'audit', 'workstation.jsonl')).readAll();
    expect(events.map((e) => e.action)).toEqual(['setup:complete', 'auth:sign-in']);
    expect(events.every((e) => e.caseId === null && e.actorName === '周海燕')).toBe(true);
    expect(findBrokenLink(events)).toBeNull();
  });
});

describe('AuditLog', () => {
  it('skips a torn last line and continues the chain after it on the next append', async () => {
    const file = path.join(dir, 'audit.jsonl');
    const log = new AuditLog(file);
    const entry = { actorId: 'a', actorName: '甲', caseId: null, action: 'x', detail: '' };
    await log.append(entry, '2026-05-01T00:00:00.000Z');
    await log.append(entry, '2026-05-01T00:00:01.000Z');
    await writeFile(file, `${await readFile(file, 'utf8')}{"seq":2,"at":"2026`);
    const reopened = new AuditLog(file);
    expect((await reopened.readAll()).map((e) => e.seq)).toEqual([0, 1]);
    await reopened.append(entry, '2026-05-01T00:00:02.000Z');
    const events = await reopened.readAll();
    expect(events.map((e) => e.seq)).toEqual([0, 1, 2]);
    expect(findBrokenLink(events)).toBeNull();
  });

  it('appends made at once are chained one after the other (two sign-ins at two desks never fork the chain)', async () => {
    const file = path.join(dir, 'audit.jsonl');
    const heard: number[] = [];
    const log = new AuditLog(file, undefined, (e) => heard.push(e.seq));
    const entry = { actorId: 'a', actorName: '甲', caseId: null, action: 'x', detail: '' };
    const [head] = await Promise.all([log.currentHead(), ...Array.from({ length: 12 }, (_, i) => log.append(entry, `2026-05-01T00:00:${String(i).padStart(2, '0')}.000Z`))]);
    expect(head).toEqual({ seq: -1, hash: GENESIS_HASH });
    const events = await new AuditLog(file).readAll();
    expect(events.map((e) => e.seq)).toEqual([...Array(12).keys()]);
    expect(findBrokenLink(events)).toBeNull();
    expect(heard).toEqual([...Array(12).keys()]);
    expect(await log.currentHead()).toEqual({ seq: 11, hash: events.at(-1)!.hash });
  });

  it('an append after readAll chains on from what was read, without reading the log again', async () => {
    const file = path.join(dir, 'audit.jsonl');
    const entry = { actorId: 'a', actorName: '甲', caseId: null, action: 'x', detail: '' };
    await new AuditLog(file).append(entry, '2026-05-01T00:00:00.000Z');
    let reads = 0;
    const log = new AuditLog(file, { ...realFs, readFile: (f) => (reads++, realFs.readFile(f)) });
    expect(await log.readAll()).toHaveLength(1);
    await log.append(entry, '2026-05-01T00:00:01.000Z');
    expect(reads).toBe(1);
    const events = await new AuditLog(file).readAll();
    expect(events.map((e) => e.seq)).toEqual([0, 1]);
    expect(findBrokenLink(events)).toBeNull();
  });
});
