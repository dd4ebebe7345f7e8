/**
 * Recovery figures (issue 7, item 3): a data directory built through the real API (cases, a case in mediation with
 * an attachment, a session typed and saved twice, a session only scheduled, a case-number sequence, center settings;
 * then a few more writes left in the index journal as after a crash) is copied once per scenario, one file is
 * damaged (truncated, zero-filled, garbled or emptied), and the real store is opened on it. Per scenario:
 *
 * - the app starts (except with the center settings damaged and no previous generation, which must refuse to start
 *   loudly, every time, instead of offering first-run setup over the staff list);
 * - every other case is still listed and reads back at its revision, with its sessions and attachments;
 * - the damaged file is in quarantine/, byte for byte (never deleted);
 * - where a previous generation exists it is what the app now reads (the case, the session, the settings);
 *   without one, reading it answers STORE_CORRUPT (never "no such case" or an empty record);
 * - the user is told which case is affected: app:info storeProblems names the case (number or folder);
 * - derived files (index snapshot, journal) are rebuilt: the list matches the case files.
 *
 * Also: a second instance on the same data directory is refused (the browser-mode host, spawned twice), and the
 * lock of a killed instance is taken over.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { cp, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { dispatch } from '../../electron/main/api/dispatch';
import type { Workstation } from '../../electron/main/services/workstation';
import type { CaseRecord } from '../../electron/shared/domain';
import type { AppInfo, CaseListPage, CaseView, SessionView } from '../../electron/shared/ipc/contract';
import type { Result } from '../../electron/shared/ipc/result';
import { type Rng, roadTrafficCaseInput, seededRng, syntheticCase } from '../../tests/fixtures/cases';
import { CONNECTION, STAFF_PASSWORD, attachmentBytes, openStore, setUpOrSignIn, typedContent, recordsFsFor } from './workload';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '../..');

export type Damage = 'truncated' | 'zeroed' | 'garbled' | 'empty';
export const DAMAGES: readonly Damage[] = ['truncated', 'zeroed', 'garbled', 'empty'];

/** What the base directory holds, to compare against after each scenario. */
interface Base {
  dir: string;
  cases: Map<string, { caseNumber: string; revision: number }>;
  /** Case in mediation: updated several times (case.json.1 exists), not in the journal. */
  mediating: string;
  /** Registered only (no .1), not in the journal. */
  fresh: string;
  /** Updated after the clean close: in the journal, with a .1. */
  journalUpdated: string;
  /** Created after the clean close: in the journal, no .1. */
  journalCreated: string;
  /** On `mediating`: typed and saved twice (a .1 exists). */
  typedSession: { id: string; revision: number };
  /** On `mediating`: scheduled only (revision 0, no .1). */
  scheduledSession: { id: string; revision: number };
  attachment: { id: string; file: string };
  maxSeq: number;
}

interface Target {
  name: string;
  /** The damaged file, relative to the data dir. */
  file: (b: Base) => string;
  /** Whether a previous generation (`<file>.1`) exists; removed first when the base has one and this is false. */
  previous: boolean | null;
  /** The case the file belongs to. */
  caseOf?: (b: Base) => string;
}

const caseJson = (id: string) => `cases/${id}/case.json`;
const sessionJson = (b: Base, sessionId: string) => `cases/${b.mediating}/sessions/${sessionId}.json`;

export const TARGETS: readonly Target[] = [
  { name: 'case file (previous generation exists)', file: (b) => caseJson(b.mediating), caseOf: (b) => b.mediating, previous: true },
  { name: 'case file (no previous generation)', file: (b) => caseJson(b.fresh), caseOf: (b) => b.fresh, previous: false },
  { name: 'case file in the journal (previous generation exists)', file: (b) => caseJson(b.journalUpdated), caseOf: (b) => b.journalUpdated, previous: true },
  { name: 'case file in the journal (no previous generation)', file: (b) => caseJson(b.journalCreated), caseOf: (b) => b.journalCreated, previous: false },
  { name: 'session file (previous generation exists)', file: (b) => sessionJson(b, b.typedSession.id), caseOf: (b) => b.mediating, previous: true },
  { name: 'session file (no previous generation)', file: (b) => sessionJson(b, b.scheduledSession.id), caseOf: (b) => b.mediating, previous: false },
  { name: 'index snapshot', file: () => 'index/snapshot.bin', previous: null },
  { name: 'index journal', file: () => 'index/journal.jsonl', previous: null },
  { name: 'sequence file (previous generation exists)', file: () => 'sequence.json', previous: true },
  { name: 'sequence file (no previous generation)', file: () => 'sequence.json', previous: false },
  { name: 'center settings (previous generation exists)', file: () => 'workstation.json', previous: true },
  { name: 'center settings (no previous generation)', file: () => 'workstation.json', previous: false },
];

export function damage(bytes: Buffer, how: Damage, rng: Rng): Buffer {
  switch (how) {
    case 'truncated':
      return bytes.subarray(0, Math.floor(bytes.length / 2));
    case 'zeroed':
      return Buffer.alloc(Math.max(bytes.length, 512), 0);
    case 'empty':
      return Buffer.alloc(0);
    default: {
      // The middle third replaced by random bytes (a torn or misdirected sector write).
      const out = Buffer.from(bytes.length >= 30 ? bytes : Buffer.concat([bytes, Buffer.alloc(30, 0x20)]));
      const from = Math.floor(out.length / 3);
      for (let i = from; i < from + Math.max(1, Math.floor(out.length / 3)); i++) out[i] = rng.int(0, 255);
      return out;
    }
  }
}

async function call<T>(ws: Workstation, method: string, payload?: unknown): Promise<T> {
  const r = (await dispatch(ws, CONNECTION, method, payload)) as Result<T>;
  if (!r.ok) throw Object.assign(new Error(`${method}: ${r.error.code} ${r.error.message}`), { code: r.error.code });
  return r.value;
}
async function callResult<T>(ws: Workstation, method: string, payload?: unknown): Promise<Result<T>> {
  return (await dispatch(ws, CONNECTION, method, payload)) as Result<T>;
}

/** The base data directory (see the header). */
export async function buildBase(root: string): Promise<Base> {
  const dir = path.join(root, 'base');
  let ws = await openStore(dir);
  const adminId = await setUpOrSignIn(ws, () => undefined);
  const room = ws.state.data.settings!.rooms[0]!;
  const create = async (input: unknown) => (await call<CaseRecord>(ws, 'cases:create', input)).id;
  const mediating = await create(roadTrafficCaseInput());
  let view = await call<CaseView>(ws, 'cases:get', { id: mediating });
  await call(ws, 'cases:accept', { id: mediating, revision: view.record.revision, mediatorIds: [adminId], room: room, mediationDue: '2026-05-20', note: '' });
  const plan = { kind: 'session', scheduledAt: '2026-05-01T10:00:00+08:00', place: room, purpose: '', mediatorIds: [adminId], recorderId: adminId, subject: null };
  let typed = (await call<SessionView>(ws, 'sessions:schedule', { caseId: mediating, plan })).session;
  typed = (await call<SessionView>(ws, 'sessions:open', { caseId: mediating, sessionId: typed.id, revision: typed.revision })).session;
  let revision = typed.revision;
  for (const [n, len] of [[1, 60], [2, 40]] as const) {
    revision = (await call<{ revision: number }>(ws, 'sessions:save', { caseId: mediating, sessionId: typed.id, revision, content: typedContent(typed, n, len) })).revision;
  }
  const attachment = await call<{ id: string; file: string }>(ws, 'attachments:add', {
    caseId: mediating, sessionId: typed.id, statementId: null, category: 'evidence', label: '事故现场照片', mimeType: 'image/png', base64: attachmentBytes('image/png', 2000).toString('base64'),
  });
  const scheduled = (await call<SessionView>(ws, 'sessions:schedule', { caseId: mediating, plan })).session;
  // A second settings write, so that workstation.json has a previous generation.
  await call(ws, 'staff:create', { name: '骆晓明', loginName: 'luoxm', roles: ['mediator'], password: STAFF_PASSWORD });
  const fresh = await create(syntheticCase(1, seededRng(11)));
  const journalUpdated = await create(syntheticCase(2, seededRng(12)));
  await create(syntheticCase(3, seededRng(13)));
  await ws.close();
  // Then a few writes that live only in the index journal, as after a crash (the store is not closed).
  ws = await openStore(dir);
  await setUpOrSignIn(ws, () => undefined);
  view = await call<CaseView>(ws, 'cases:get', { id: journalUpdated });
  await call(ws, 'cases:accept', { id: journalUpdated, revision: view.record.revision, mediatorIds: [adminId], room: room, mediationDue: '2026-05-20', note: '' });
  const journalCreated = await create(syntheticCase(4, seededRng(14)));
  await ws.cases.idle();
  const list = await call<CaseListPage>(ws, 'cases:list', { page: 1, pageSize: 200 });
  return {
    dir,
    cases: new Map(list.items.map((i) => [i.id, { caseNumber: i.caseNumber, revision: i.revision }])),
    mediating,
    fresh,
    journalUpdated,
    journalCreated,
    typedSession: { id: typed.id, revision },
    scheduledSession: { id: scheduled.id, revision: scheduled.revision },
    attachment,
    maxSeq: Math.max(...list.items.map((i) => i.seq)),
  };
}

export interface ScenarioResult {
  target: string;
  damage: Damage;
  passed: boolean;
  opened: boolean;
  /** Other cases listed and read back at their revision, of those expected. */
  casesKept: number;
  casesExpected: number;
  quarantined: boolean;
  restoredFromPrevious: boolean;
  /** app:info storeProblems named the affected case (or, for non-case files, reported the file). */
  reported: boolean;
  /** The case was named only by its folder (uuid), not by its case number. */
  reportedByFolderOnly: boolean;
  /** What failed, when not passed. */
  failures: string[];
  /** Cases whose list row showed an older revision than their file until they were opened. */
  listStale: number;
  /** Findings that do not fail the scenario (see listStale, reportedByFolderOnly). */
  notes: string[];
}

/** The damaged bytes are kept in quarantine: in clear for the settings file, sealed like every record otherwise. */
async function quarantinedCopy(dir: string, damaged: Buffer): Promise<boolean> {
  const names = await readdir(path.join(dir, 'quarantine')).catch(() => [] as string[]);
  const records = await recordsFsFor(dir);
  for (const n of names) {
    const file = path.join(dir, 'quarantine', n);
    if ((await readFile(file)).equals(damaged)) return true;
    if ((await records.readFile(file).catch(() => null))?.equals(damaged)) return true;
  }
  return false;
}

export async function runScenario(base: Base, target: Target, how: Damage, root: string, rng: Rng): Promise<ScenarioResult> {
  const dir = await mkdtemp(path.join(root, 'scenario-'));
  const result: ScenarioResult = { target: target.name, damage: how, passed: false, opened: false, casesKept: 0, casesExpected: 0, quarantined: false, restoredFromPrevious: false, reported: false, reportedByFolderOnly: false, failures: [], listStale: 0, notes: [] };
  const fail = (what: string) => result.failures.push(what);
  const note = (what: string) => result.notes.push(what);
  let ws: Workstation | null = null;
  try {
    await cp(base.dir, dir, { recursive: true });
    const rel = target.file(base);
    const file = path.join(dir, rel);
    const original = await readFile(file);
    const damaged = damage(original, how, rng);
    await writeFile(file, damaged);
    if (target.previous === false) await rm(`${file}.1`, { force: true });
    const hasPrevious = await stat(`${file}.1`).then(() => true, () => false);
    if (target.previous === true && !hasPrevious) throw new Error(`scenario set-up: ${rel} has no previous generation`);
    const affected = target.caseOf?.(base);
    const isSettings = rel === 'workstation.json';

    try {
      ws = await openStore(dir);
      result.opened = true;
    } catch (error) {
      if (!(isSettings && !hasPrevious)) fail(`did not open: ${(error as Error).message}`);
      else if ((error as Error).name !== 'CorruptFileError') fail(`refused with ${(error as Error).name}, not CorruptFileError`);
      else {
        // Refused loudly, and again on the next start (never an empty store offering first-run setup).
        const again = await openStore(dir).then((w) => w.close().then(() => 'opened'), (e: Error) => e.name);
        if (again !== 'CorruptFileError') fail(`second start: ${again}`);
        result.reported = true; // the start-up error names the file
      }
      result.quarantined = await quarantinedCopy(dir, damaged);
      if (!result.quarantined) fail('no quarantined copy');
      result.passed = result.failures.length === 0;
      return result;
    }
    if (isSettings && !hasPrevious) fail('opened although the center settings were damaged and had no previous generation');
    await setUpOrSignIn(ws, () => undefined).catch((error: Error) => fail(`sign-in: ${error.message}`));

    // Every case, as a user opening each: the others must read back at their revision.
    const list = await call<CaseListPage>(ws, 'cases:list', { page: 1, pageSize: 200 });
    const listed = new Map(list.items.map((i) => [i.id, i]));
    for (const [id, expected] of base.cases) {
      if (id === affected) continue;
      result.casesExpected += 1;
      const r = await callResult<CaseView>(ws, 'cases:get', { id });
      if (!listed.has(id)) fail(`case ${expected.caseNumber} not listed`);
      else if (listed.get(id)!.revision !== expected.revision) {
        // The case is intact and reads back; only its list row is out of date until it is opened (a finding).
        result.listStale += 1;
        note(`case ${expected.caseNumber} listed at revision ${listed.get(id)!.revision} until opened, its file has ${expected.revision}`);
      }
      if (!r.ok) fail(`case ${expected.caseNumber}: ${r.error.code}`);
      else if (r.value.record.revision !== expected.revision) fail(`case ${expected.caseNumber} at revision ${r.value.record.revision}, expected ${expected.revision}`);
      else if (listed.has(id)) result.casesKept += 1;
    }

    // The affected case, session or file.
    const expectedAffected = affected ? base.cases.get(affected)! : null;
    if (rel.includes('/sessions/')) {
      const session = rel.includes(base.typedSession.id) ? base.typedSession : base.scheduledSession;
      const r = await callResult<SessionView>(ws, 'sessions:get', { caseId: affected, sessionId: session.id });
      if (hasPrevious) {
        if (!r.ok) fail(`session not restored: ${r.error.code}`);
        else if (r.value.session.revision !== session.revision - 1) fail(`session at revision ${r.value.session.revision}, expected the previous ${session.revision - 1}`);
        else result.restoredFromPrevious = true;
      } else if (r.ok || r.error.code !== 'STORE_CORRUPT') fail(`session without previous generation answered ${r.ok ? 'ok' : r.error.code}, not STORE_CORRUPT`);
      // The rest of the case is untouched: the record, the other session, the attachment.
      const other = session === base.typedSession ? base.scheduledSession : base.typedSession;
      const c = await callResult<CaseView>(ws, 'cases:get', { id: affected });
      if (!c.ok || c.value.record.revision !== expectedAffected!.revision) fail(`the case of the session did not read back (${c.ok ? c.value.record.revision : c.error.code})`);
      const o = await callResult<SessionView>(ws, 'sessions:get', { caseId: affected, sessionId: other.id });
      if (!o.ok || o.value.session.revision !== other.revision) fail(`the other session did not read back (${o.ok ? o.value.session.revision : o.error.code})`);
      const a = await callResult<{ intact: boolean }>(ws, 'attachments:file', { caseId: affected, attachmentId: base.attachment.id });
      if (!a.ok || !a.value.intact) fail('the attachment did not read back intact');
      if (o.ok && c.ok) result.casesKept += 1;
      result.casesExpected += 1;
    } else if (affected) {
      const r = await callResult<CaseView>(ws, 'cases:get', { id: affected });
      if (hasPrevious) {
        if (!r.ok) fail(`case not restored: ${r.error.code}`);
        else if (r.value.record.revision !== expectedAffected!.revision - 1) fail(`case at revision ${r.value.record.revision}, expected the previous ${expectedAffected!.revision - 1}`);
        else result.restoredFromPrevious = true;
        const row = (await call<CaseListPage>(ws, 'cases:list', { page: 1, pageSize: 200 })).items.find((i) => i.id === affected);
        if (!row || row.revision !== expectedAffected!.revision - 1) fail(`the list does not show the restored revision (${row?.revision ?? 'not listed'})`);
      } else {
        if (r.ok || (r.error.code !== 'STORE_CORRUPT' && r.error.code !== 'NOT_FOUND')) fail(`case without previous generation answered ${r.ok ? 'ok' : r.error.code}`);
        if (!(await stat(path.join(dir, 'cases', affected)).then(() => true, () => false))) fail('the damaged case folder is gone');
      }
    } else if (rel.startsWith('index/')) {
      // Derived data: the list must match the case files (every case, the right revision) — nothing to quarantine.
      result.restoredFromPrevious = true; // rebuilt
    } else if (rel === 'sequence.json') {
      const created = await call<CaseRecord>(ws, 'cases:create', roadTrafficCaseInput()).catch((e: Error) => e);
      if (created instanceof Error) fail(`no registration after the damaged sequence: ${created.message}`);
      else if (created.seq <= base.maxSeq) fail(`case number ${created.seq} reused (highest was ${base.maxSeq})`);
      result.restoredFromPrevious = hasPrevious;
    } else if (isSettings) {
      const info = await call<AppInfo>(ws, 'app:info');
      if (info.setupRequired) fail('first-run setup offered over the damaged settings');
      result.restoredFromPrevious = !info.setupRequired;
    }

    const problems = (await call<AppInfo>(ws, 'app:info')).storeProblems;
    if (affected) {
      const byNumber = problems.some((p) => p.includes(expectedAffected!.caseNumber));
      result.reported = byNumber || problems.some((p) => p.includes(affected));
      result.reportedByFolderOnly = result.reported && !byNumber;
      if (result.reportedByFolderOnly) note(`the case is named only by its folder: ${problems.find((p) => p.includes(affected))}`);
      if (!result.reported) fail(`the user is not told which case: ${JSON.stringify(problems)}`);
    } else if (rel.startsWith('index/')) result.reported = true; // nothing the user must act on
    else {
      result.reported = problems.length > 0;
      if (!result.reported) fail('no problem reported');
    }
    if (!rel.startsWith('index/')) {
      result.quarantined = await quarantinedCopy(dir, damaged);
      if (!result.quarantined) fail('no quarantined copy of the damaged bytes');
    }
    result.passed = result.failures.length === 0;
    return result;
  } finally {
    await ws?.close().catch(() => undefined);
    await rm(dir, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------------------------------------------
// A second instance
// ---------------------------------------------------------------------------------------------------------------

export interface LockFigures {
  /** Scenarios tried: a second browser-mode host on a running one's directory; after the first was killed. */
  scenarios: number;
  secondInstanceRefused: boolean;
  refusalMessage: string;
  takenOverAfterKill: boolean;
  failures: string[];
}

function startHost(dataDir: string): { child: ChildProcess; done: Promise<{ code: number | null; out: string }>; started: Promise<boolean> } {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'electron/web/main.ts'), '--data-dir', dataDir], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, MEDIATION_WEB_PORT: '0', MEDIATION_WEB_TOKEN: 'reliability-lock-check' },
  });
  let out = '';
  let markStarted!: (v: boolean) => void;
  const started = new Promise<boolean>((resolve) => (markStarted = resolve));
  const onData = (d: Buffer) => {
    out += d.toString();
    if (out.includes('已启动')) markStarted(true);
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  const done = new Promise<{ code: number | null; out: string }>((resolve) =>
    child.on('close', (code) => {
      markStarted(false);
      resolve({ code, out });
    }),
  );
  const deadline = setTimeout(() => child.kill('SIGKILL'), 30_000);
  void done.then(() => clearTimeout(deadline));
  return { child, done, started };
}

/** The real browser-mode host, twice on one directory; then the first killed and a new one started. */
export async function runLockCheck(root: string): Promise<LockFigures> {
  const figures: LockFigures = { scenarios: 2, secondInstanceRefused: false, refusalMessage: '', takenOverAfterKill: false, failures: [] };
  const dataDir = await mkdtemp(path.join(root, 'lock-'));
  const first = startHost(dataDir);
  try {
    if (!(await first.started)) {
      figures.failures.push(`the first instance did not start: ${(await first.done).out.slice(-300)}`);
      return figures;
    }
    const second = startHost(dataDir);
    const ended = await second.done;
    figures.secondInstanceRefused = ended.code === 2 && ended.out.includes('不能同时打开');
    figures.refusalMessage = ended.out.trim().split('\n')[0] ?? '';
    if (!figures.secondInstanceRefused) figures.failures.push(`second instance: exit ${ended.code}: ${ended.out.slice(-300)}`);
    first.child.kill('SIGKILL');
    await first.done;
    const third = startHost(dataDir);
    figures.takenOverAfterKill = await third.started;
    if (!figures.takenOverAfterKill) figures.failures.push(`after the kill: ${(await third.done).out.slice(-300)}`);
    third.child.kill('SIGTERM');
    await third.done;
  } finally {
    if (first.child.exitCode === null && first.child.signalCode === null) first.child.kill('SIGKILL');
    await rm(dataDir, { recursive: true, force: true });
  }
  return figures;
}

// ---------------------------------------------------------------------------------------------------------------

export interface RecoveryFigures {
  scenarios: number;
  passed: number;
  opened: number;
  /** Refused to start, by design (center settings damaged without a previous generation). */
  refusedLoudly: number;
  casesKept: number;
  casesExpected: number;
  restoredFromPrevious: number;
  quarantined: number;
  reported: number;
  /** Of those, the case named only by its folder (uuid), not its case number. */
  reportedByFolderOnly: number;
  /** Scenarios after which some list row was older than its case file until the case was opened. */
  listStaleScenarios: number;
  byTarget: Record<string, string>;
  failures: string[];
  /** Findings that did not fail a scenario, one example per kind and target. */
  notes: string[];
  lock: LockFigures | null;
  ms: number;
}

export async function runRecovery(opts: { seed?: number; lock?: boolean; damages?: readonly Damage[]; log?: (line: string) => void } = {}): Promise<RecoveryFigures> {
  const started = Date.now();
  const rng = seededRng(opts.seed ?? 20260503);
  const root = await mkdtemp(path.join(os.tmpdir(), 'reliability-recovery-'));
  const figures: RecoveryFigures = { scenarios: 0, passed: 0, opened: 0, refusedLoudly: 0, casesKept: 0, casesExpected: 0, restoredFromPrevious: 0, quarantined: 0, reported: 0, reportedByFolderOnly: 0, listStaleScenarios: 0, byTarget: {}, failures: [], notes: [], lock: null, ms: 0 };
  // Unexpected-error logging (none expected) stays visible; the store's own reports go to storeProblems.
  try {
    const base = await buildBase(root);
    for (const target of TARGETS) {
      let ok = 0;
      const damages = opts.damages ?? DAMAGES;
      for (const how of damages) {
        const r = await runScenario(base, target, how, root, rng);
        figures.scenarios += 1;
        if (r.passed) figures.passed += 1;
        if (r.opened) figures.opened += 1;
        else if (r.passed) figures.refusedLoudly += 1;
        figures.casesKept += r.casesKept;
        figures.casesExpected += r.casesExpected;
        if (r.restoredFromPrevious) figures.restoredFromPrevious += 1;
        if (r.quarantined) figures.quarantined += 1;
        if (r.reported) figures.reported += 1;
        if (r.reportedByFolderOnly) figures.reportedByFolderOnly += 1;
        if (r.passed) ok += 1;
        if (r.listStale > 0) figures.listStaleScenarios += 1;
        for (const f of r.failures) if (figures.failures.length < 20) figures.failures.push(`${target.name}, ${how}: ${f}`);
        for (const n of r.notes) {
          const kind = `${target.name}: ${n.replace(/（2026）X调字第\d+号|[0-9a-f-]{36}/g, '…').replace(/revision \d+/g, 'revision N')}`;
          if (!figures.notes.some((x) => x.startsWith(`${target.name}: `) && x.endsWith(kind.slice(target.name.length + 2)))) figures.notes.push(kind);
        }
      }
      figures.byTarget[target.name] = `${ok}/${damages.length}`;
    }
    opts.log?.(`recovery: ${figures.passed}/${figures.scenarios} scenarios passed, ${figures.casesKept}/${figures.casesExpected} other cases kept`);
    if (opts.lock ?? true) {
      figures.lock = await runLockCheck(root);
      opts.log?.(`second instance refused: ${figures.lock.secondInstanceRefused}; taken over after a kill: ${figures.lock.takenOverAfterKill}`);
    }
  } finally {
    await rm(root, { recursive: true, force: true });
  }
  figures.ms = Date.now() - started;
  return figures;
}
