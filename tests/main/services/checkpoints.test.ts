/**
 * 数据完整性凭证: signed checkpoints of the audit chains, made through the API, checked by 数据核验. What a hash chain
 * alone cannot show (a chain rewritten and rehashed from an edited line, a chain cut short) the checkpoint does; a
 * checkpoint forged or taken out of the middle breaks the checkpoints' own chain.
 */
import { randomBytes } from 'node:crypto';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { rm } from 'node:fs/promises';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkpointFile } from '../../../electron/main/services/checkpoint-files';
import { type Checkpoint, checkpointDigest, signCheckpoint } from '../../../electron/main/services/checkpoint-record';
import { checkpointAfterSeal, dailyCheckpointDue, listCheckpoints } from '../../../electron/main/services/checkpoints';
import { acceptCase } from '../../../electron/main/services/decisions';
import type { Workstation } from '../../../electron/main/services/workstation';
import { createCenterCertificate } from '../../../electron/main/signing';
import { unlockedCertificate as sealingCertificate } from '../../fixtures/seal';
import { findBrokenLink, hashEvent } from '../../../electron/main/storage/audit-log';
import type { AuditEvent, Staff } from '../../../electron/shared/domain';
import { groupedRoot } from '../../../electron/shared/domain/checkpoint';
import { chinaDateOf } from '../../../electron/shared/format/dates';
import type { Clock } from '../../../electron/shared/time/clock';
import { FIXTURE_NOW, roadTrafficCaseInput } from '../../fixtures/cases';
import { ADMIN_PASSWORD, SETUP, addStaff, call, callError, makeTempDir, openWorkstation, removeDir, setUp, signInAs, signInFirst, storeFiles } from '../../fixtures/workstation';

const run = promisify(execFile);

let dir = '';
let ws: Workstation;
let admin: Staff;
let now = new Date(FIXTURE_NOW);
/** A clock the test moves (to the next day). */
const clock: Clock = { now: () => new Date(now), today: () => chinaDateOf(now.toISOString()) };

beforeEach(async () => {
  now = new Date(FIXTURE_NOW);
  dir = await makeTempDir('checkpoints-');
  ws = await openWorkstation(dir, { clock });
  admin = await setUp(ws);
});
afterEach(async () => {
  await ws.close().catch(() => undefined);
  await removeDir(dir);
});

async function twoCases() {
  const a = await call(ws, 'cases:create', roadTrafficCaseInput());
  const accepted = await acceptCase(ws, { id: a.id, revision: a.revision, mediatorIds: [admin.id], room: '交通事故调解室', mediationDue: '2026-05-31', note: '' }, admin);
  const b = await call(ws, 'cases:create', roadTrafficCaseInput());
  return { a: accepted, b };
}

/** Signs one (manual) and waits for it when it reads every chain in the background. */
async function checkpoint(connection?: string) {
  let view = await call(ws, 'integrity:checkpoint', undefined, connection);
  while (view.running) {
    await new Promise((r) => setTimeout(r, 10));
    view = await call(ws, 'integrity:checkpoints', undefined, connection);
  }
  expect(view.lastRun?.error ?? null).toBeNull();
  return view;
}

async function dataCheck() {
  await call(ws, 'data:check-start');
  for (;;) {
    const status = await call(ws, 'data:check-status');
    if (!status.running && status.report) return status.report;
    await new Promise((r) => setTimeout(r, 10));
  }
}

const stored = async (number: number) => (await storeFiles(ws).json(checkpointFile(dir, number))) as Checkpoint;
const auditFile = (caseId: string) => path.join(dir, 'cases', caseId, 'audit.jsonl');

async function readTrail(caseId: string): Promise<AuditEvent[]> {
  return (await storeFiles(ws).text(auditFile(caseId)))
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as AuditEvent);
}

/** Someone with the data key writes a trail back (one sealed unit, as a rewrite of the whole file). */
async function writeTrail(caseId: string, events: AuditEvent[]): Promise<void> {
  await storeFiles(ws).write(auditFile(caseId), events.map((e) => `${JSON.stringify(e)}\n`).join(''));
}

/** Recomputes every hash from the first entry on, so that the chain itself verifies. */
function rehash(events: AuditEvent[]): AuditEvent[] {
  let prev = '0'.repeat(64);
  return events.map((e) => {
    const { hash: _old, ...rest } = { ...e, prevHash: prev };
    const next = { ...rest, hash: hashEvent(rest) };
    prev = next.hash;
    return next;
  });
}

describe('making checkpoints', () => {
  it('the first reads every chain (in the background), the next the day only those written to since; both signed and chained', async () => {
    const { a, b } = await twoCases();
    const first = await checkpoint();
    expect(first.checkpoints[0]).toMatchObject({ number: 1, reason: 'manual', full: true, chainCount: 2, by: { id: admin.id, name: admin.name }, previousRoot: null });
    expect((await stored(1)).changed.map((c) => c.caseId).sort()).toEqual([a.id, b.id].sort());

    await ws.cases.note(a.id, { actorId: admin.id, actorName: admin.name, action: 'cases:reveal', detail: '查看完整身份证号' });
    const second = (await call(ws, 'integrity:checkpoint')).checkpoints[0]!;
    expect(second).toMatchObject({ number: 2, full: false, chainCount: 2, previousRoot: first.checkpoints[0]!.root });
    const record = await stored(2);
    expect(record.changed.map((c) => c.caseId)).toContain(a.id);
    expect(record.previous).toBe(checkpointDigest(await stored(1)));
    const trail = await readTrail(a.id);
    expect(record.changed.find((c) => c.caseId === a.id)).toMatchObject({ seq: trail.at(-1)!.seq, hash: trail.at(-1)!.hash, caseNumber: a.caseNumber });

    // Audited in the workstation trail, and 数据核验 finds everything in order.
    const events = await ws.workstationTrail();
    expect(events.filter((e) => e.action === 'integrity:checkpoint').map((e) => e.detail)).toEqual([expect.stringContaining('第1号'), expect.stringContaining('第2号')]);
    const report = await dataCheck();
    expect(report.problems).toEqual([]);
    expect(report.checkpoints).toEqual({ count: 2, latest: { number: 2, at: record.at } });
  });

  it('the first of a China-time day, and the first after a restart, read every chain again', async () => {
    await twoCases();
    expect(await dailyCheckpointDue(ws)).toBe(true);
    await checkpoint();
    expect(await dailyCheckpointDue(ws)).toBe(false);
    expect((await call(ws, 'integrity:checkpoint')).checkpoints[0]).toMatchObject({ number: 2, full: false });

    now = new Date(Date.parse(FIXTURE_NOW) + 24 * 3600_000);
    expect(await dailyCheckpointDue(ws)).toBe(true);
    // a day later the desk has locked itself: signing in again, the seal key's holder signs the day's checkpoint
    await signInFirst(ws);
    let view = await listCheckpoints(ws);
    for (let i = 0; i < 400 && view.running; i++) view = await new Promise((r) => setTimeout(r, 10)).then(() => listCheckpoints(ws));
    expect(view.checkpoints[0]).toMatchObject({ number: 3, full: true, reason: 'daily' });
    expect(await dailyCheckpointDue(ws)).toBe(false);

    await ws.close();
    ws = await openWorkstation(dir, { clock });
    await signInFirst(ws);
    expect(await dailyCheckpointDue(ws)).toBe(false);
    expect((await checkpoint()).checkpoints[0]).toMatchObject({ number: 4, full: true, chainCount: 2 });
    expect((await call(ws, 'integrity:checkpoint')).checkpoints[0]).toMatchObject({ number: 5, full: false });
    expect((await dataCheck()).problems).toEqual([]);
  });

  it('after a seal, with the certificate the seal obtained', async () => {
    await twoCases();
    await checkpointAfterSeal(ws, await sealingCertificate(ws), admin);
    let view = await listCheckpoints(ws);
    while (view.running) {
      await new Promise((r) => setTimeout(r, 10));
      view = await listCheckpoints(ws);
    }
    expect(view.checkpoints[0]).toMatchObject({ number: 1, reason: 'seal' });
  });

  it('only those who may seal sign one (with the password again); the archivist lists, prints and checks them', async () => {
    await twoCases();
    await checkpoint();
    const archivist = await addStaff(ws, { name: '档案员甲', roles: ['archivist'], loginName: 'dangan' });
    await signInAs(ws, archivist.loginName, 'archive-desk');
    expect(await callError(ws, 'integrity:checkpoint', undefined, 'archive-desk')).toMatchObject({ code: 'FORBIDDEN' });
    expect((await call(ws, 'integrity:checkpoints', undefined, 'archive-desk')).total).toBe(1);
    const pdf = await call(ws, 'integrity:checkpoint-pdf', { number: 1 }, 'archive-desk');
    const bytes = Buffer.from(pdf.pdfBase64, 'base64');
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect(bytes.toString('latin1').match(/\/Type \/Page\b/g)).toHaveLength(1); // one sheet for the register
    expect(await callError(ws, 'integrity:checkpoint-pdf', { number: 9 }, 'archive-desk')).toMatchObject({ code: 'NOT_FOUND', message: '没有第9号数据完整性凭证' });
  });
});

describe('核对纸质凭证', () => {
  it('the root typed from the paper, spaces allowed: matches, or says it does not', async () => {
    await twoCases();
    const root = (await checkpoint()).checkpoints[0]!.root;
    const printed = groupedRoot(root).toUpperCase().replace(/ /g, (_m, i: number) => (i % 3 === 0 ? '\u3000' : ' '));
    expect(await call(ws, 'integrity:checkpoint-compare', { number: 1, root: printed })).toMatchObject({ rootMatches: true, signature: 'ok', consistent: true, checkpoint: { number: 1 } });
    const wrong = `${root.slice(0, 63)}${root.endsWith('0') ? '1' : '0'}`;
    expect(await call(ws, 'integrity:checkpoint-compare', { number: 1, root: wrong })).toMatchObject({ rootMatches: false, signature: 'ok' });
    expect(await call(ws, 'integrity:checkpoint-compare', { number: 7, root })).toMatchObject({ checkpoint: null, problem: '系统中没有第7号数据完整性凭证' });
    const bad = await callError(ws, 'integrity:checkpoint-compare', { number: 1, root: '1234 abcd' });
    expect(bad).toMatchObject({ code: 'INVALID_INPUT', issues: [{ path: ['root'], message: expect.stringContaining('64位十六进制') }] });
  });
});

describe('what a checkpoint catches', () => {
  it('a line edited in the middle of a chain, every hash after it recomputed: the chain verifies, the checkpoint does not', async () => {
    const { a } = await twoCases();
    await checkpoint();
    const events = await readTrail(a.id);
    const forged = rehash(events.map((e, i) => (i === 0 ? { ...e, detail: `${e.detail}（已改）` } : e)));
    expect(findBrokenLink(forged)).toBeNull();
    await writeTrail(a.id, forged);

    const report = await dataCheck();
    expect(report.problems).toEqual([
      { caseId: a.id, caseNumber: a.caseNumber, message: expect.stringContaining(`第${events.length}条及以前的内容与数据完整性凭证第1号记录的不符`) },
    ]);
    // The next checkpoint does not sign the rewritten history, written to again since: it keeps the head it had, and
    // says why.
    await ws.cases.note(a.id, { actorId: admin.id, actorName: admin.name, action: 'cases:reveal', detail: '查看完整身份证号' });
    const next = await call(ws, 'integrity:checkpoint');
    expect(next.lastRun?.problems).toEqual([{ caseNumber: a.caseNumber, message: expect.stringContaining('历史记录被改写') }]);
    expect((await stored(2)).changed.map((c) => c.caseId)).not.toContain(a.id);
    const after = (await dataCheck()).problems.filter((p) => p.message.includes('数据完整性凭证'));
    expect(after).toEqual([{ caseId: a.id, caseNumber: a.caseNumber, message: expect.stringContaining('与数据完整性凭证第1号记录的不符') }]);
  });

  it('a chain cut short: its last entries removed', async () => {
    const { a } = await twoCases();
    await checkpoint();
    const events = await readTrail(a.id);
    await writeTrail(a.id, events.slice(0, -1));
    const report = await dataCheck();
    expect(report.problems).toEqual(
      expect.arrayContaining([{ caseId: a.id, caseNumber: a.caseNumber, message: `办理记录（审计链）被截短：数据完整性凭证第1号记录其已有${events.length}条，现仅有${events.length - 1}条` }]),
    );
  });

  it('a case folder removed whole', async () => {
    const { b } = await twoCases();
    await checkpoint();
    await ws.close();
    await rm(path.join(dir, 'cases', b.id), { recursive: true });
    ws = await openWorkstation(dir, { clock });
    await signInFirst(ws);
    expect((await dataCheck()).problems).toEqual([{ caseId: b.id, caseNumber: b.caseNumber, message: '案件文件夹缺失：数据完整性凭证第1号记录了该案件的办理记录' }]);
  });

  it('a checkpoint edited by someone with the data key but not the certificate key: its signature fails', async () => {
    const { a } = await twoCases();
    await checkpoint();
    const record = await stored(1);
    const edited = { ...record, changed: record.changed.map((c) => (c.caseId === a.id ? { ...c, seq: c.seq - 1 } : c)) };
    await storeFiles(ws).write(checkpointFile(dir, 1), JSON.stringify(edited));
    expect((await dataCheck()).problems).toEqual([expect.objectContaining({ caseNumber: '', message: '数据完整性凭证第1号的签名无效（凭证内容被改动或伪造）' })]);
  });

  it('a checkpoint re-signed with a certificate that is not the center’s', async () => {
    const { a } = await twoCases();
    await checkpoint();
    const record = await stored(1);
    const other = await createCenterCertificate(await makeTempDir('other-cert-'), { centerName: '别的中心', committeeName: '别的调委会', now: new Date(FIXTURE_NOW), sealKey: randomBytes(32) });
    // A rewrite of case a's history, "covered" by a checkpoint the forger signed himself.
    const forged = rehash((await readTrail(a.id)).map((e, i) => (i === 0 ? { ...e, detail: '改' } : e)));
    await writeTrail(a.id, forged);
    const { signature: _s, root: _r, certificate: _c, certificateSha256: _f, ...body } = record;
    const changed = body.changed.map((c) => (c.caseId === a.id ? { ...c, hash: forged.at(-1)!.hash } : c));
    const list = new Map(changed.map((c) => [c.caseId, c]));
    await storeFiles(ws).write(checkpointFile(dir, 1), JSON.stringify(signCheckpoint({ ...body, changed }, list, other)));
    const problems = (await dataCheck()).problems.map((p) => p.message);
    expect(problems).toEqual(['数据完整性凭证第1号不是由本中心的签名证书签署的']);
  });

  it('a checkpoint deleted from the middle breaks the chain of checkpoints', async () => {
    const { a } = await twoCases();
    await checkpoint();
    await ws.cases.note(a.id, { actorId: admin.id, actorName: admin.name, action: 'cases:reveal', detail: '查看' });
    await call(ws, 'integrity:checkpoint');
    await ws.cases.note(a.id, { actorId: admin.id, actorName: admin.name, action: 'cases:reveal', detail: '查看' });
    await call(ws, 'integrity:checkpoint');
    await rm(checkpointFile(dir, 2));
    const problems = (await dataCheck()).problems.map((p) => p.message);
    expect(problems).toEqual(['数据完整性凭证第2号缺失（文件被删除），凭证链在此断开']);

    // Put back in another place (number 2 ← 3's file): the chain says so too.
    await storeFiles(ws).write(checkpointFile(dir, 2), JSON.stringify({ ...(await stored(3)) }));
    const swapped = (await dataCheck()).problems.map((p) => p.message);
    expect(swapped).toContain('数据完整性凭证第2号的文件内容是第3号（文件被调换）');
  });
});

describe('npm run verify', () => {
  it('holds every chain against the latest checkpoint: a rehashed edit is named by case, exit 1', async () => {
    const { a } = await twoCases();
    await checkpoint();
    await writeTrail(a.id, rehash((await readTrail(a.id)).map((e, i) => (i === 0 ? { ...e, detail: '改' } : e))));
    await ws.close();
    const verify = () =>
      run(process.execPath, [path.resolve('node_modules/tsx/dist/cli.mjs'), 'scripts/verify.ts', '--data-dir', dir, '--login', SETUP.loginName, '--json'], {
        env: { ...process.env, MEDIATION_VERIFY_PASSWORD: ADMIN_PASSWORD },
      }).then(
        (r) => ({ code: 0, stdout: r.stdout }),
        (e: { code: number; stdout: string }) => ({ code: e.code, stdout: e.stdout }),
      );
    const result = await verify();
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout) as { problems: { caseNumber: string; message: string }[]; checkpoints: unknown };
    expect(report.checkpoints).toMatchObject({ count: 1, latest: { number: 1 } });
    expect(report.problems).toEqual([{ caseId: a.id, caseNumber: a.caseNumber, message: expect.stringContaining('与数据完整性凭证第1号记录的不符') }]);
    ws = await openWorkstation(dir, { clock });
  }, 60_000);
});
