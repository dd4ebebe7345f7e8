/**
 * The data the UI benchmark runs on, made in-process through the real API (Workstation.open + dispatch) before the
 * server starts, so that nothing of it is timed and no UI is driven to make it:
 * - the center set up by the bench administrator (BENCH_SETUP: all posts, a known password), the idle lock at its
 *   longest so that a slow run is not locked mid-way, and eight mediators;
 * - the road-traffic case, registered and accepted by the administrator, assigned to the first mediator, who
 *   schedules, opens and records one mediation session per requested size (50, 500, 2,000 statements);
 * - `cases` generated cases (generate-cases.ts) spread over the same mediators, for the case list.
 * The first mediator is the person the benchmark signs in as: the policy lets only a session's mediator, recorder or
 * 中心负责人 save its record, and a mediator at the record is what the editor is for.
 */
import { performance } from 'node:perf_hooks';
import path from 'node:path';
import { dispatch } from '../../../electron/main/api/dispatch';
import { systemClock } from '../../../electron/main/services/clock';
import { sealerFor } from '../../../electron/main/storage/sealed-fs';
import { subKey } from '../../../electron/main/crypto/keyring';
import { Workstation } from '../../../electron/main/services/workstation';
import type { Attendee } from '../../../electron/shared/domain/session';
import type { ApiContract } from '../../../electron/shared/ipc/contract';
import type { ApiMethod } from '../../../electron/shared/ipc/channels';
import { addDays } from '../../../electron/shared/validation/dates';
import { chineseName, roadTrafficCaseInput, seededRng } from '../../../tests/fixtures/cases';
import { BENCH_SETUP } from '../auth';
import { Generator, flushPageCache } from '../generate-cases';
import { buildStatements } from './statements';

export const MEDIATOR = { loginName: 'mediator1', password: 'Tiaojie-bench-2026' } as const;
const FIRST_PASSWORD = 'Chushi-mima-01';
const ROOM = '交通事故调解室';
/** Case-number fragments typed into the case list's search box, one per pass (each a new query, never cached). */
export const SEARCH_TEXTS = ['081', '123', '042'] as const;

export interface SeededSession {
  size: number;
  /** As the case page names it: 第1次调解. */
  ordinal: string;
  id: string;
}

export interface Seeded {
  caseId: string;
  caseNumber: string;
  mediatorName: string;
  sessions: SeededSession[];
  /** What the case list must show for each search text: its total and the first row's case number. */
  searches: { text: string; total: number; first: string }[];
  /** Cases in the store (generated + the real one). */
  total: number;
  seedMs: number;
}

type Call = <K extends ApiMethod>(method: K, payload?: ApiContract[K]['input']) => Promise<ApiContract[K]['output']>;

function caller(ws: Workstation, connection: string): Call {
  return async (method, payload) => {
    const result = await dispatch(ws, connection, method, payload);
    if (!result.ok) throw new Error(`${method}: ${result.error.code} ${result.error.message} ${JSON.stringify(result.error.issues ?? []).slice(0, 300)}`);
    return result.value as never;
  };
}

// The server that runs on this directory uses the real clock: the seed does too, so that the case is registered
// today, its deadline lies ahead and its sessions are today's.
const open = (dataDir: string) => Workstation.open({ dataDir, host: 'web', version: 'bench-ui', clock: systemClock });

export async function seed(dataDir: string, opts: { sizes: readonly number[]; cases: number }, log: (msg: string) => void): Promise<Seeded> {
  const t0 = performance.now();
  let ws = await open(dataDir);
  const admin = caller(ws, 'bench-admin');
  const desk = caller(ws, 'bench-mediator');
  let real: { id: string; caseNumber: string };
  let mediators: { id: string; name: string }[];
  let head: { id: string; name: string };
  const sessions: SeededSession[] = [];
  let seal: ((file: string, data: Uint8Array) => Buffer) | undefined;
  try {
    ({ staff: head } = await admin('setup:complete', { ...BENCH_SETUP, otherRoles: [...BENCH_SETUP.otherRoles] }));
    const settings = await admin('settings:get');
    await admin('settings:update', { ...settings!, idleLockMinutes: 120 });
    const rng = seededRng(99);
    mediators = [];
    for (let k = 0; k < 8; k++) {
      const s = await admin('staff:create', { name: chineseName(rng, rng.chance(0.5) ? 'male' : 'female'), loginName: `mediator${k + 1}`, roles: ['mediator'], password: FIRST_PASSWORD });
      mediators.push({ id: s.id, name: s.name });
    }
    const mediator = mediators[0]!;
    // A first password must be changed at the first sign-in: done here, so that the bench signs straight in.
    await desk('auth:sign-in', { loginName: MEDIATOR.loginName, password: FIRST_PASSWORD });
    await desk('auth:change-password', { currentPassword: FIRST_PASSWORD, newPassword: MEDIATOR.password });

    const created = await admin('cases:create', roadTrafficCaseInput());
    await admin('cases:accept', { id: created.id, revision: created.revision, mediatorIds: [mediator.id], room: ROOM, mediationDue: addDays(ws.clock.today(), 30), note: '' });
    real = { id: created.id, caseNumber: created.caseNumber };
    log(`case ${created.caseNumber} (${head.name} registered it, ${mediator.name} mediates)`);

    for (const [k, size] of opts.sizes.entries()) {
      const plan = { kind: 'session' as const, scheduledAt: ws.clock.now().toISOString(), place: ROOM, purpose: '', mediatorIds: [mediator.id], recorderId: mediator.id, subject: null };
      const scheduled = await desk('sessions:schedule', { caseId: real.id, plan });
      const opened = await desk('sessions:open', { caseId: real.id, sessionId: scheduled.session.id, revision: scheduled.session.revision });
      // Everyone came, and the traffic officer who handled the accident was invited (参加人): six speakers.
      const officer: Attendee = { id: seededRng(7 + k).uuid(), kind: 'participant', name: '郑立军', relation: '交警', presence: 'present', note: '' };
      const attendees = [...opened.session.attendees.map((a) => ({ ...a, presence: 'present' as const })), officer];
      const statements = buildStatements(size, attendees, new Date(opened.session.startedAt!), size);
      await desk('sessions:save', { caseId: real.id, sessionId: opened.session.id, revision: opened.session.revision, content: { attendees, statements, composer: null } });
      sessions.push({ size, ordinal: `第${opened.session.number}次调解`, id: opened.session.id });
      log(`${sessions.at(-1)!.ordinal}: ${size} statements, ${statements.filter((s) => s.caucus).length} in caucus`);
    }
  } finally {
    // Generated folders are sealed with the center's key, as the store writes them.
    if (ws.unlocked) seal = sealerFor(dataDir, subKey(ws.heldKey(), 'records'));
    await ws.close();
  }

  log(`writing ${opts.cases} case folders …`);
  const gen = new Generator(path.join(dataDir, 'cases'), { adminId: head!.id, adminName: head!.name, mediators: mediators! }, BENCH_SETUP.caseNumberAbbr, seal!);
  gen.topUp(opts.cases);
  flushPageCache();

  // The first open indexes the new folders (not part of any measurement: the server then starts on an index).
  log('indexing them …');
  ws = await open(dataDir);
  // The first sign-in unwraps the data key and opens the store (indexing the new folders).
  await caller(ws, 'bench-admin-2')('auth:sign-in', { loginName: BENCH_SETUP.loginName, password: BENCH_SETUP.password });
  // Folders written outside the store have no document registry: the store would rebuild it from every case at the
  // first 出具 (a one-time upgrade step of data from before the registry). A center's own data has it from its first
  // issued form, so it is built here, unmeasured, as the store builds it.
  await ws.cases.findIssuedFile('0'.repeat(64));
  const searches: Seeded['searches'] = [];
  let total = 0;
  try {
    const admin2 = caller(ws, 'bench-admin-2');
    await admin2('auth:sign-in', { loginName: BENCH_SETUP.loginName, password: BENCH_SETUP.password });
    total = (await admin2('cases:list', { page: 1, pageSize: 1 })).total;
    for (const text of SEARCH_TEXTS) {
      const page = await admin2('cases:list', { page: 1, pageSize: 20, text });
      if (page.total === 0) throw new Error(`no case matches ${text}`);
      searches.push({ text, total: page.total, first: page.items[0]!.caseNumber });
    }
  } finally {
    await ws.close();
  }
  flushPageCache();
  return { caseId: real.id, caseNumber: real.caseNumber, mediatorName: mediators[0]!.name, sessions, searches, total, seedMs: performance.now() - t0 };
}
