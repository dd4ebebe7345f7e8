/**
 * Hostile input at the API boundary (issue 7, item 4): a seeded generator of hostile payloads for every method in
 * API_METHODS, driven through `dispatch` as a signed-in staff member and as a caller who is not signed in.
 *
 * Every call must return a Result (never throw, never hang past the time box); a failed call must have a coded
 * error and must not have written anything in the data directory (file list + sizes + mtimes compared); calls that
 * succeed (a mutated payload that happens to be valid) may write, and are counted separately. Object.prototype must
 * stay clean.
 *
 *   npx tsx scripts/reliability/hostile.ts [--payloads 10000] [--seed 7] [--json]
 *
 * `runHostile` is also called by the CI test (tests/main/hostile/api-fuzz.test.ts) and may be called by the
 * reliability runner.
 */
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { dispatch } from '../../electron/main/api/dispatch';
import { fixedClock } from '../../electron/main/services/clock';
import { Workstation } from '../../electron/main/services/workstation';
import { API_METHODS, type ApiMethod } from '../../electron/shared/ipc/channels';
import { API_SPEC } from '../../electron/shared/ipc/contract';
import { API_ERROR_CODES, type Result } from '../../electron/shared/ipc/result';
import { FIXTURE_NOW, type Rng, roadTrafficCaseInput, seededRng } from '../../tests/fixtures/cases';

export interface HostilePayload {
  method: ApiMethod;
  /** What was done to the payload, for reports. */
  label: string;
  payload: unknown;
}

/** Ids of things that exist in the fuzzed data directory, so that valid-looking payloads reach past the schema. */
export interface FuzzContext {
  caseId: string;
  revision: number;
  staffId: string;
  documentId: string;
  /** A room from the center's settings. */
  room: string;
}

const TEN_MB = 10 * 1024 * 1024;

/** Built lazily (10 MB each) and shared: V8 keeps them as one flat string. */
let bigString: string | undefined;
const big = () => (bigString ??= 'a'.repeat(TEN_MB));

export function deepArray(depth: number): unknown {
  let v: unknown = [];
  for (let i = 0; i < depth; i++) v = [v];
  return v;
}
export function deepObject(depth: number): unknown {
  let v: unknown = {};
  for (let i = 0; i < depth; i++) v = { a: v };
  return v;
}
/** The same as JSON text, built without recursion (JSON.stringify of a 10,000-deep value may itself overflow). */
export const deepArrayJson = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);
export const deepObjectJson = (depth: number) => '{"a":'.repeat(depth) + '{}' + '}'.repeat(depth);

/** Hostile strings: markup, control characters, bidi overrides, lone surrogates, impossible dates, traversal. */
export const HOSTILE_STRINGS: readonly string[] = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\u202Egpj.exe',
  '\u202E\u202D\u200F\u2066',
  '\uD800',
  '\uDC00abc',
  'x\uD83D',
  '0000-00-00',
  '9999-99-99',
  '2026-02-30',
  '-000001-01-01',
  '+275760-09-13',
  '2026-13-01T25:61:61Z',
  '../../workstation',
  '..\\..\\workstation',
  '/etc/passwd',
  'C:\\Windows\\win.ini',
  '\\\\server\\share\\x',
  '<script>alert(1)</script>',
  '<w:t>x</w:t>]]>&amp;',
  '{{constructor.constructor("return process")()}}',
  '+++EXEC require("child_process")+++',
  '__proto__',
  'constructor',
  '%00%2e%2e%2f',
  '\u0001\u0002\u0003\u001F\u007F',
  '\uFEFF\u200B',
  '𠜎𠜱𠝹😀',
  '1'.repeat(10_000),
];

const NUMBERS: readonly unknown[] = [NaN, Infinity, -Infinity, -0, -1, 0, 1.5, 2 ** 53, -(2 ** 63), 1e308, Number.MIN_VALUE];
const SCALARS: readonly unknown[] = [null, undefined, true, false, 0, '', 'text', [], {}, ...NUMBERS];

/** A valid (or nearly valid) payload per method, the starting point of every mutation. */
export function basePayload(method: ApiMethod, ctx: FuzzContext): unknown {
  switch (method) {
    case 'setup:complete':
      return { centerName: '中心', committeeName: '委员会', caseNumberAbbr: 'X', adminName: '甲', address: '某地', phone: '0579-85123456' };
    case 'auth:sign-in':
      return { staffId: ctx.staffId };
    case 'staff:create':
      return { name: '骆晓明', roles: ['mediator'] };
    case 'settings:update':
      return { centerName: '中心', committeeName: '委员会', caseNumberAbbr: 'X', address: '', phone: '' };
    case 'settings:set-image':
      return { kind: 'seal', pngBase64: null };
    case 'cases:create':
      return roadTrafficCaseInput();
    case 'cases:get':
    case 'cases:audit':
      return { id: ctx.caseId };
    case 'cases:list':
      return { page: 1, pageSize: 20, status: 'registered', disputeType: '13', text: '张' };
    case 'cases:related':
      return { idNumbers: ['330782196803151310'], usccCodes: [], phones: ['13957912345'], names: ['张建国'], excludeId: ctx.caseId };
    case 'cases:accept':
      return { id: ctx.caseId, revision: ctx.revision, mediatorIds: [ctx.staffId], room: ctx.room, mediationDue: '2026-05-20', note: '' };
    case 'cases:assign':
      return { id: ctx.caseId, revision: ctx.revision, mediatorIds: [ctx.staffId], room: ctx.room };
    case 'cases:refuse':
      return { id: ctx.caseId, revision: ctx.revision, ground: 'already_handled', referTo: '人民法院', note: '' };
    case 'cases:transfer':
      return { id: ctx.caseId, revision: ctx.revision, receivingBody: '某镇政府', replyDue: '2026-05-20', note: '' };
    case 'drafts:save':
      return { data: { step: 1 } };
    case 'documents:preview':
    case 'documents:issue':
      return { caseId: ctx.caseId, template: 'acceptance-register' };
    case 'documents:read':
      return { caseId: ctx.caseId, documentId: ctx.documentId };
    case 'documents:file':
      return { caseId: ctx.caseId, documentId: ctx.documentId, format: 'pdf' };
    default:
      return undefined; // methods that take no input
  }
}

type Path = (string | number)[];

function leaves(value: unknown, at: Path = [], out: Path[] = []): Path[] {
  if (value !== null && typeof value === 'object') {
    const entries = Array.isArray(value) ? value.map((v, i) => [i, v] as const) : Object.entries(value);
    if (entries.length === 0) out.push(at);
    for (const [k, v] of entries) leaves(v, [...at, k], out);
    // The container itself is a position too (wrong type for an object or array).
    if (at.length > 0) out.push(at);
  } else out.push(at);
  return out;
}

function setAt(root: unknown, at: Path, value: unknown): unknown {
  if (at.length === 0) return value;
  const copy = structuredClone(root) as Record<string | number, unknown>;
  let node = copy;
  for (const k of at.slice(0, -1)) node = node[k] as Record<string | number, unknown>;
  node[at[at.length - 1]!] = value;
  return copy;
}

function containers(value: unknown, at: Path = [], out: Path[] = []): Path[] {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) out.push(at);
  if (value !== null && typeof value === 'object') for (const [k, v] of Object.entries(value)) containers(v, [...at, Array.isArray(value) ? Number(k) : k], out);
  return out;
}

function getAt(root: unknown, at: Path): unknown {
  let node = root as Record<string | number, unknown>;
  for (const k of at) node = node[k] as Record<string | number, unknown>;
  return node;
}

/** Adds a key to the object at `at`; `viaJson` makes `__proto__` an own property, as JSON.parse does on arrival. */
function withKey(root: unknown, at: Path, key: string, value: unknown): unknown {
  const json = JSON.stringify(root ?? {});
  const copy = JSON.parse(json) as unknown;
  const target = getAt(copy, at) as Record<string, unknown>;
  const inner = JSON.stringify(target);
  const injected = `{${JSON.stringify(key)}:${JSON.stringify(value)}${inner.length > 2 ? ',' + inner.slice(1) : '}'}`;
  const replaced = JSON.parse(injected) as Record<string, unknown>;
  if (at.length === 0) return replaced;
  const parent = getAt(copy, at.slice(0, -1)) as Record<string | number, unknown>;
  parent[at[at.length - 1]!] = replaced;
  return copy;
}

function randomValue(rng: Rng): unknown {
  switch (rng.int(0, 7)) {
    case 0:
      return rng.pick(SCALARS);
    case 1:
      return rng.pick(HOSTILE_STRINGS);
    case 2:
      return rng.pick(NUMBERS);
    case 3:
      return rng.int(-5, 100_000);
    case 4:
      return Array.from({ length: rng.int(0, 3) }, () => rng.pick(HOSTILE_STRINGS));
    case 5:
      return { [rng.pick(['a', '__proto__', 'constructor', 'prototype'])]: rng.pick(SCALARS) };
    case 6:
      return rng.uuid();
    default:
      return String.fromCharCode(...Array.from({ length: rng.int(1, 20) }, () => rng.int(0, 0xffff)));
  }
}

/**
 * Yields `count` payloads, round-robin over every method, lazily (some are 10 MB). The first rounds walk the
 * fixed families (whole-payload replacements, every leaf with a wrong type, extra / prototype keys, 10 MB strings,
 * deep nesting, huge arrays); afterwards payloads are random mutations, a third of them of a valid cases:create.
 */
export function* hostilePayloads(count: number, ctx: FuzzContext, seed = 7): Generator<HostilePayload> {
  const rng = seededRng(seed);
  const fixed = API_METHODS.map((method) => fixedFamilies(method, ctx));
  let produced = 0;
  let live = true;
  while (produced < count && live) {
    live = false;
    for (let m = 0; m < API_METHODS.length && produced < count; m++) {
      const next = fixed[m]!.next();
      if (next.done) continue;
      live = true;
      produced++;
      yield next.value;
    }
  }
  while (produced < count) {
    produced++;
    if (rng.chance(1 / 3)) {
      const base = roadTrafficCaseInput();
      const all = leaves(base);
      const at = rng.pick(all);
      yield { method: 'cases:create', label: `mutated valid case at ${at.join('.')}`, payload: setAt(base, at, randomValue(rng)) };
      continue;
    }
    const method = rng.pick(API_METHODS);
    const base = basePayload(method, ctx);
    const roll = rng.int(0, 3);
    if (roll === 0 || base === undefined) {
      yield { method, label: 'random whole payload', payload: randomValue(rng) };
    } else if (roll === 1) {
      const at = rng.pick(leaves(base));
      yield { method, label: `random leaf ${at.join('.')}`, payload: setAt(base, at, randomValue(rng)) };
    } else {
      const at = rng.pick(containers(base));
      const key = rng.pick(['__proto__', 'constructor', 'prototype', 'extra', 'isAdmin', 'revision']);
      yield { method, label: `key ${key} at ${at.join('.') || '(top)'}`, payload: withKey(base, at, key, rng.pick([{ polluted: 'yes' }, { prototype: { polluted: 'yes' } }, 1, 'x'])) };
    }
  }
}

function* fixedFamilies(method: ApiMethod, ctx: FuzzContext): Generator<HostilePayload> {
  const base = basePayload(method, ctx);
  const p = (label: string, payload: unknown): HostilePayload => ({ method, label, payload });
  // Whole payload of the wrong kind.
  for (const v of SCALARS) yield p(`whole payload ${String(v)}`, v);
  yield p('10 MB string payload', big());
  yield p('deep array 10,000', deepArray(10_000));
  yield p('deep object 10,000', deepObject(10_000));
  yield p('huge array 1,000,000', new Array(1_000_000).fill(0));
  yield p('top-level __proto__ (JSON.parse)', JSON.parse('{"__proto__":{"polluted":"yes"}}'));
  yield p('top-level constructor.prototype (JSON.parse)', JSON.parse('{"constructor":{"prototype":{"polluted":"yes"}}}'));
  if (base === undefined) return;
  const positions = leaves(base);
  // Every position with every kind of wrong value.
  for (const at of positions) {
    for (const v of [null, 42, NaN, Infinity, true, 'text', [], {}, undefined]) yield p(`${at.join('.')} = ${String(v)}`, setAt(base, at, v));
    yield p(`${at.join('.')} = 10 MB string`, setAt(base, at, big()));
    yield p(`${at.join('.')} = deep array 10,000`, setAt(base, at, deepArray(10_000)));
    yield p(`${at.join('.')} = huge array 100,000`, setAt(base, at, new Array(100_000).fill('x')));
    for (const s of HOSTILE_STRINGS.slice(0, 15)) yield p(`${at.join('.')} = hostile string ${JSON.stringify(s).slice(0, 20)}`, setAt(base, at, s));
  }
  for (const at of containers(base)) {
    for (const key of ['__proto__', 'constructor', 'prototype', 'extra']) {
      yield p(`key ${key} at ${at.join('.') || '(top)'}`, withKey(base, at, key, { polluted: 'yes', prototype: { polluted: 'yes' } }));
    }
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Running them
// ---------------------------------------------------------------------------------------------------------------

export interface HostileFigures {
  payloadsTried: number;
  /** dispatch calls (each payload is sent signed in and not signed in). */
  calls: number;
  methodsCovered: number;
  /** dispatch threw or rejected. */
  crashes: number;
  /** No answer within the time box. */
  hangs: number;
  /** A failure without a code from API_ERROR_CODES. */
  uncoded: number;
  /** Failures with code INTERNAL: a handler threw something unexpected. */
  internalErrors: number;
  /** A failed call that changed the data directory. */
  unexpectedWrites: number;
  /** A not-signed-in call to a staff method that was not answered UNAUTHENTICATED. */
  authBypasses: number;
  prototypePolluted: number;
  /** Calls that succeeded (the mutation happened to be valid, or read-only). */
  accepted: number;
  /** Of those, how many changed the data directory (allowed). */
  acceptedWrites: number;
  /** Schema-valid registrations sent to the scratch workstation (a subset of the calls). */
  routedToScratch: number;
  maxLatencyMs: number;
  p95LatencyMs: number;
  elapsedMs: number;
  /** First few problems, for the report. */
  examples: string[];
}

export interface RunHostileOptions {
  payloads?: number;
  json?: boolean;
  seed?: number;
  /** Time box per call. */
  timeoutMs?: number;
  /** Where to make the temp data directory (default: os.tmpdir()). */
  tmpRoot?: string;
  log?: (line: string) => void;
}

/** File list with sizes and mtimes: any write, create, rename or delete changes it. */
export async function snapshotDir(root: string, opts: { shallowUnder?: string } = {}): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const walk = async (dir: string): Promise<void> => {
    for (const e of await readdir(dir, { withFileTypes: true })) {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) {
        out.set(path.relative(root, full) + '/', 'dir');
        // shallowUnder: list the folders under it (a new case folder shows) without walking into them.
        if (opts.shallowUnder === undefined || path.relative(root, dir) !== opts.shallowUnder) await walk(full);
      } else {
        const s = await stat(full);
        out.set(path.relative(root, full), `${s.size}:${s.mtimeMs}`);
      }
    }
  };
  await walk(root);
  return out;
}

export function sameSnapshot(a: Map<string, string>, b: Map<string, string>): boolean {
  if (a.size !== b.size) return false;
  for (const [k, v] of a) if (b.get(k) !== v) return false;
  return true;
}

export function diffSnapshot(a: Map<string, string>, b: Map<string, string>): string[] {
  const out: string[] = [];
  for (const [k, v] of b) if (a.get(k) !== v) out.push(a.has(k) ? `changed ${k}` : `created ${k}`);
  for (const k of a.keys()) if (!b.has(k)) out.push(`removed ${k}`);
  return out;
}

const CODES = new Set<string>(API_ERROR_CODES);
const TIMEOUT = Symbol('timeout');

function timeBox<T>(promise: Promise<T>, ms: number): Promise<T | typeof TIMEOUT> {
  let timer: NodeJS.Timeout;
  return Promise.race([promise, new Promise<typeof TIMEOUT>((resolve) => (timer = setTimeout(() => resolve(TIMEOUT), ms)))]).finally(() => clearTimeout(timer));
}

function polluted(): boolean {
  const probe = {} as Record<string, unknown>;
  return Object.getOwnPropertyNames(Object.prototype).some((k) => !BASELINE_PROTO.has(k)) || probe.polluted !== undefined || probe.staffId !== undefined;
}
const BASELINE_PROTO = new Set(Object.getOwnPropertyNames(Object.prototype));

/** A set-up workstation in a temp dir with one case and one issued document; the admin signed in on STAFF. */
export async function fuzzWorkstation(tmpRoot = os.tmpdir()) {
  const dataDir = await mkdtemp(path.join(tmpRoot, 'hostile-'));
  const ws = await Workstation.open({ dataDir, host: 'web', version: '0.0.0-hostile', clock: fixedClock(FIXTURE_NOW) });
  const must = async (method: ApiMethod, payload?: unknown) => {
    const r = await dispatch(ws, STAFF, method, payload);
    if (!r.ok) throw new Error(`${method}: ${r.error.code} ${r.error.message}`);
    return r.value as Record<string, unknown>;
  };
  const admin = await must('setup:complete', { centerName: '义乌市矛盾纠纷调处化解中心', committeeName: '义乌市人民调解委员会', caseNumberAbbr: 'X', adminName: '周海燕' });
  const record = await must('cases:create', roadTrafficCaseInput());
  const issued = await must('documents:issue', { caseId: record.id, template: 'acceptance-register' });
  const ctx: FuzzContext = {
    caseId: record.id as string,
    revision: ((await must('cases:get', { id: record.id })).record as { revision: number }).revision,
    staffId: admin.id as string,
    documentId: (issued.document as { id: string }).id,
    room: ((await must('settings:get')).rooms as string[])[0]!,
  };
  return { dataDir, ws, ctx, adminId: admin.id as string };
}

export const STAFF = 'hostile-staff';
export const ANON = 'hostile-anon';

export async function runHostile(opts: RunHostileOptions = {}): Promise<HostileFigures> {
  const { payloads = 2_000, seed = 7, timeoutMs = 10_000, json = false } = opts;
  const log = opts.log ?? ((line: string) => console.log(line));
  const started = performance.now();
  const { dataDir, ws, ctx, adminId } = await fuzzWorkstation(opts.tmpRoot);
  // Registrations that pass the schema are valid and write a case folder each: they go (signed in) to a scratch
  // workstation, so that the snapshotted one stays small and every write there is a finding.
  const scratch = await fuzzWorkstation(opts.tmpRoot);
  const createSchema = API_SPEC['cases:create'].input;
  const figures: HostileFigures = {
    payloadsTried: 0, calls: 0, methodsCovered: 0, crashes: 0, hangs: 0, uncoded: 0, internalErrors: 0, unexpectedWrites: 0,
    authBypasses: 0, prototypePolluted: 0, accepted: 0, acceptedWrites: 0, routedToScratch: 0, maxLatencyMs: 0, p95LatencyMs: 0, elapsedMs: 0, examples: [],
  };
  const note = (s: string) => void (figures.examples.length < 20 && figures.examples.push(s));
  const latencies: number[] = [];
  const methods = new Set<string>();
  // Unexpected errors are logged by toApiError with the whole error; keep them out of the run's output.
  const consoleError = console.error;
  console.error = () => undefined;
  try {
    let before = await snapshotDir(dataDir);
    for (const item of hostilePayloads(payloads, ctx, seed)) {
      figures.payloadsTried++;
      methods.add(item.method);
      for (const connection of [STAFF, ANON]) {
        figures.calls++;
        const t0 = performance.now();
        let result: Result<unknown> | typeof TIMEOUT;
        const toScratch = connection === STAFF && item.method === 'cases:create' && createSchema.safeParse(item.payload).success;
        if (toScratch) figures.routedToScratch++;
        const scratchBefore = toScratch ? await snapshotDir(scratch.dataDir, { shallowUnder: 'cases' }) : null;
        try {
          result = await timeBox(dispatch(toScratch ? scratch.ws : ws, connection, item.method, item.payload), timeoutMs);
        } catch (error) {
          figures.crashes++;
          note(`crash ${item.method} [${connection}] ${item.label}: ${String(error).slice(0, 200)}`);
          continue;
        }
        const ms = performance.now() - t0;
        latencies.push(ms);
        figures.maxLatencyMs = Math.max(figures.maxLatencyMs, ms);
        if (result === TIMEOUT) {
          figures.hangs++;
          note(`hang ${item.method} [${connection}] ${item.label}`);
          continue;
        }
        if (polluted()) {
          figures.prototypePolluted++;
          note(`Object.prototype polluted by ${item.method} ${item.label}`);
          for (const k of Object.getOwnPropertyNames(Object.prototype)) if (!BASELINE_PROTO.has(k)) delete (Object.prototype as Record<string, unknown>)[k];
        }
        const after = toScratch ? before : await snapshotDir(dataDir);
        const changed = scratchBefore ? !sameSnapshot(scratchBefore, await snapshotDir(scratch.dataDir, { shallowUnder: 'cases' })) : !sameSnapshot(before, after);
        if (result.ok) {
          figures.accepted++;
          if (changed) figures.acceptedWrites++;
          if (connection === ANON && API_SPECS_STAFF.has(item.method)) {
            figures.authBypasses++;
            note(`auth bypass ${item.method} ${item.label}`);
          }
        } else {
          if (!CODES.has(result.error.code)) {
            figures.uncoded++;
            note(`uncoded ${item.method} ${item.label}: ${JSON.stringify(result.error).slice(0, 200)}`);
          }
          if (result.error.code === 'INTERNAL') {
            figures.internalErrors++;
            note(`INTERNAL ${item.method} [${connection}] ${item.label}`);
          }
          if (connection === ANON && API_SPECS_STAFF.has(item.method) && result.error.code !== 'UNAUTHENTICATED') {
            figures.authBypasses++;
            note(`not-signed-in ${item.method} answered ${result.error.code}: ${item.label}`);
          }
          if (changed) {
            figures.unexpectedWrites++;
            note(`write on rejected ${item.method} [${connection}]${toScratch ? ' (scratch store)' : ''} ${item.label}: ${diffSnapshot(before, after).slice(0, 3).join(', ')}`);
          }
        }
        before = after;
        // A valid sign-in / sign-out may have changed who is signed in: restore the two roles.
        if (ws.actorFor(ANON)) ws.signOut(ANON);
        if (!ws.actorFor(STAFF)) ws.signIn(STAFF, adminId);
        if (!scratch.ws.actorFor(STAFF)) scratch.ws.signIn(STAFF, scratch.adminId);
      }
    }
  } finally {
    console.error = consoleError;
    await ws.close().catch(() => undefined);
    await scratch.ws.close().catch(() => undefined);
    await rm(dataDir, { recursive: true, force: true });
    await rm(scratch.dataDir, { recursive: true, force: true });
  }
  latencies.sort((a, b) => a - b);
  figures.p95LatencyMs = round(latencies[Math.floor(latencies.length * 0.95)] ?? 0);
  figures.maxLatencyMs = round(figures.maxLatencyMs);
  figures.methodsCovered = methods.size;
  figures.elapsedMs = round(performance.now() - started);
  if (!json) {
    log(`hostile payloads: ${figures.payloadsTried} over ${figures.methodsCovered}/${API_METHODS.length} methods, ${figures.calls} calls`);
    log(`crashes ${figures.crashes}, hangs ${figures.hangs}, uncoded ${figures.uncoded}, INTERNAL ${figures.internalErrors}, unexpected writes ${figures.unexpectedWrites}, auth bypasses ${figures.authBypasses}, prototype polluted ${figures.prototypePolluted}`);
    log(`accepted ${figures.accepted} (of which wrote: ${figures.acceptedWrites}; valid registrations sent to the scratch store: ${figures.routedToScratch}); latency p95 ${figures.p95LatencyMs} ms, max ${figures.maxLatencyMs} ms; ${figures.elapsedMs} ms in all`);
    for (const e of figures.examples) log(`  ${e}`);
  }
  return figures;
}

const round = (ms: number) => Math.round(ms * 10) / 10;

const API_SPECS_STAFF = new Set<string>(API_METHODS.filter((m) => API_SPEC[m].auth === 'staff'));

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const json = process.argv.includes('--json');
  runHostile({ payloads: Number(arg('--payloads') ?? 10_000), seed: Number(arg('--seed') ?? 7), json })
    .then((figures) => {
      const { examples, ...rest } = figures;
      if (json) console.log(JSON.stringify({ hostile: { ...rest, examples } }));
      const failed = figures.crashes + figures.hangs + figures.uncoded + figures.unexpectedWrites + figures.authBypasses + figures.prototypePolluted > 0;
      process.exitCode = failed ? 1 : 0;
    })
    .catch((error: unknown) => {
      console.error(error);
      process.exitCode = 2;
    });
}
