/**
 * Hostile input at the API boundary (issue 7, item 4): a seeded generator of hostile payloads for every method in
 * API_METHODS, driven through `dispatch` as a signed-in staff member (the first administrator, who also does all
 * case work) and as a caller who is not signed in; then the role runs: as many payloads again under each role, each
 * a single-role account on its own connection. For every signed-in call the policy table's answer on the caller's
 * roles (`decide(method, { roles })`) must match: a call it refuses never succeeds and is answered FORBIDDEN (the
 * role check runs before parsing), a call it allows is never refused for the role (`rolesDeniedButAllowed` etc.).
 *
 * Every call must return a Result (never throw, never hang past the time box); a failed call must have a coded
 * error and must not have written anything in the data directory (file list + sizes + mtimes compared); calls that
 * succeed (a mutated payload that happens to be valid) may write, and are counted separately. Object.prototype must
 * stay clean. Payloads marked `mustReject` (an attachment whose bytes are not what its type says, a 20 MB base64
 * string, 15 MB + 1 byte) must fail; an attachment that is accepted must be stored under a generated name
 * (`<uuid>.<ext>`), whatever its label says (../, RTL overrides, device names, NUL).
 *
 * `runHostileNames` tries the hostile file-name corpus (HOSTILE_NAMES) against the store's putFile/getFile (refused,
 * nothing written anywhere) and as attachment labels through attachments:add (stored under a generated name).
 *
 *   npx tsx scripts/reliability/hostile.ts [--payloads 10000] [--role-payloads N (default: --payloads)] [--seed 7] [--json] [--quick]
 *
 * `--quick`: 300 payloads, 300 per role (about a minute).
 *
 * `runHostile` is also called by the CI test (tests/main/hostile/api-fuzz.test.ts) and may be called by the
 * reliability runner.
 */
import { SETUP as FIXTURE_SETUP } from '../../tests/fixtures/workstation';
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { dispatch } from '../../electron/main/api/dispatch';
import { fixedClock } from '../../electron/main/services/clock';
import { Workstation } from '../../electron/main/services/workstation';
import { CASE_FILE_NAME } from '../../electron/main/storage/case-store';
import { ATTACHMENT_TYPES, STAFF_ROLES, type Attachment, type SessionRecord, type Staff, type StaffRole } from '../../electron/shared/domain';
import { POLICY, decide } from '../../electron/shared/policy/policy';
import { API_METHODS, type ApiMethod } from '../../electron/shared/ipc/channels';
import { API_SPEC } from '../../electron/shared/ipc/contract';
import { API_ERROR_CODES, type Result } from '../../electron/shared/ipc/result';
import { FIXTURE_NOW, type Rng, roadTrafficCaseInput, seededRng } from '../../tests/fixtures/cases';
import { typedContent } from './workload';

export interface HostilePayload {
  method: ApiMethod;
  /** What was done to the payload, for reports. */
  label: string;
  payload: unknown;
  /** The call must fail even when signed in (e.g. an attachment whose bytes are not of its declared type). */
  mustReject?: boolean;
}

/** Ids of things that exist in the fuzzed data directory, so that valid-looking payloads reach past the schema. */
export interface FuzzContext {
  caseId: string;
  revision: number;
  staffId: string;
  documentId: string;
  /** A room from the center's settings. */
  room: string;
  /** A second case, in mediation, with an open session (revision sessionRevision) and an attachment. */
  sessionCaseId: string;
  sessionId: string;
  sessionRevision: number;
  /** What the session's editor would autosave (its attendees, one statement). */
  sessionContent: unknown;
  attachmentId: string;
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
      return { centerName: '中心', committeeName: '委员会', caseNumberAbbr: 'X', adminName: '甲', loginName: 'jia', password: FUZZ_PASSWORD, otherRoles: ['clerk'], address: '某地', phone: '0579-85123456' };
    case 'setup:admin-password':
      return { loginName: 'jia', password: FUZZ_PASSWORD };
    case 'setup:test-database':
    case 'setup:use-database':
      return { host: '127.0.0.1', port: 1, database: 'mw', user: 'desk', password: 'x', tls: 'off' };
    // The password methods start from a wrong password: a failure is audited (and counted), never a bypass.
    case 'auth:sign-in':
      return { loginName: FUZZ_SETUP.loginName, password: WRONG_PASSWORD };
    case 'auth:unlock':
    case 'auth:reauth':
      return { password: WRONG_PASSWORD };
    case 'auth:change-password':
      return { currentPassword: WRONG_PASSWORD, newPassword: 'Xin-mima-2026' };
    case 'staff:create':
      return { name: '骆晓明', loginName: 'luoxm', roles: ['mediator'], password: FUZZ_PASSWORD };
    case 'staff:update':
      return { id: ctx.staffId, name: '周海燕', loginName: FUZZ_SETUP.loginName };
    case 'staff:set-roles':
      return { id: ctx.staffId, roles: ['admin', 'clerk'] };
    case 'staff:set-active':
      return { id: ctx.staffId, active: false };
    case 'staff:reset-password':
      return { id: ctx.staffId, password: FUZZ_PASSWORD };
    case 'staff:unlock':
      return { id: ctx.staffId };
    case 'cases:reveal':
      return { caseId: ctx.caseId, personId: 'p1', field: 'idNumber' };
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
    case 'sessions:schedule':
      return { caseId: ctx.sessionCaseId, plan: sessionPlan(ctx) };
    case 'sessions:get':
      return { caseId: ctx.sessionCaseId, sessionId: ctx.sessionId };
    case 'sessions:update-plan':
      return { caseId: ctx.sessionCaseId, sessionId: ctx.sessionId, revision: ctx.sessionRevision, plan: sessionPlan(ctx) };
    case 'sessions:open':
      return { caseId: ctx.sessionCaseId, sessionId: ctx.sessionId, revision: ctx.sessionRevision };
    case 'sessions:save':
      return { caseId: ctx.sessionCaseId, sessionId: ctx.sessionId, revision: ctx.sessionRevision, content: ctx.sessionContent };
    case 'sessions:close':
      return { caseId: ctx.sessionCaseId, sessionId: ctx.sessionId, revision: ctx.sessionRevision, content: ctx.sessionContent, outcome: { type: 'continue', nextAt: null, note: '' } };
    case 'sessions:cancel':
      return { caseId: ctx.sessionCaseId, sessionId: ctx.sessionId, revision: ctx.sessionRevision, reason: '当事人未到' };
    case 'attachments:add':
      return { caseId: ctx.sessionCaseId, sessionId: ctx.sessionId, statementId: null, category: 'evidence', label: '现场照片', mimeType: 'image/png', base64: SMALL_PNG_BASE64 };
    case 'attachments:file':
      return { caseId: ctx.sessionCaseId, attachmentId: ctx.attachmentId };
    // Backups: a folder under the system's temp folder (never one the run did not make), a generation that is not there.
    case 'setup:restore-generations':
      return { folder: HOSTILE_BACKUP_FOLDER };
    case 'setup:restore':
      return { folder: HOSTILE_BACKUP_FOLDER, generation: '20260501T100000Z-abcdef', unlock: { loginName: FUZZ_SETUP.loginName, password: WRONG_PASSWORD } };
    case 'backup:update-settings':
      return { folder: HOSTILE_BACKUP_FOLDER, dailyAt: '18:30', retention: { daily: 7, weekly: 4, monthly: 12 } };
    case 'backup:restore-case':
      return { generation: '20260501T100000Z-abcdef', caseNumber: '（2026）X调字第0001号', reason: '误改登记信息' };
    default:
      return undefined; // methods that take no input
  }
}

/** Where the fuzzer's backup settings point: under the temp folder, whatever a mutation does to the rest. */
const HOSTILE_BACKUP_FOLDER = path.join(os.tmpdir(), 'mws-hostile-backup');

/** The first administrator of the test fixtures (also head, clerk, mediator and legal advisor). */
export const FUZZ_SETUP = FIXTURE_SETUP;
/** A password that passes the rules (for staff the fuzzer creates) and one that is nobody's. */
const FUZZ_PASSWORD = 'Chushi-mima-01';
const WRONG_PASSWORD = 'Cuowu-mima-99';

const sessionPlan = (ctx: FuzzContext) => ({ kind: 'session', scheduledAt: '2026-05-02T09:00:00+08:00', place: ctx.room, purpose: '', mediatorIds: [ctx.staffId], recorderId: ctx.staffId, subject: null });

/** A file that passes the attachment type check: the PNG signature and a few bytes. */
const SMALL_PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('hostile-fuzz-png-body')]);
const SMALL_PNG_BASE64 = SMALL_PNG.toString('base64');

/** Bytes that are not what an attachment's declared type says: other formats, executables, markup, nothing. */
const WRONG_CONTENT: readonly (readonly [string, Buffer])[] = [
  ['a Windows executable (MZ)', Buffer.from('MZ\u0090\u0000\u0003\u0000\u0000\u0000PE\u0000\u0000', 'latin1')],
  ['an ELF binary', Buffer.from('\u007fELF\u0002\u0001\u0001\u0000', 'latin1')],
  ['a ZIP / DOCX', Buffer.from('PK\u0003\u0004\u0014\u0000\u0006\u0000', 'latin1')],
  ['HTML with a script', Buffer.from('<html><script>alert(1)</script></html>')],
  ['SVG with a script', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>')],
  ['a GIF', Buffer.from('GIF89a\u0001\u0000\u0001\u0000', 'latin1')],
  ['the PNG signature only (nothing after it)', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])],
  ['the PDF signature with a space (% PDF-)', Buffer.from('% PDF-1.7')],
  ['a PNG signature one byte off', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0b, 0x00, 0x00])],
  ['a PNG with a UTF-8 BOM in front', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), SMALL_PNG])],
];
const SIGNED: Record<'image/png' | 'image/jpeg' | 'application/pdf', Buffer> = {
  'image/png': SMALL_PNG,
  'image/jpeg': Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46]),
  'application/pdf': Buffer.from('%PDF-1.7\n%hostile'),
};

/** Attachment labels (display only, never a path): traversal, device names, bidi overrides, control characters. */
export const HOSTILE_LABELS: readonly string[] = [
  '../../../../etc/passwd',
  '..\\..\\..\\Windows\\System32\\drivers\\etc\\hosts',
  '\u202Egnp.exe',
  '现场照片\u202Efdp.exe',
  '\u2066\u2067\u2068\u2069\u200E\u200F',
  'CON',
  'nul.png',
  'x\u0000.png',
  '/tmp/x.png',
  'C:\\x.png',
  '\\\\server\\share\\x.png',
  '<img src=x onerror=alert(1)>',
  '%2e%2e%2f%2e%2e%2fx',
  'a'.repeat(120),
  'a'.repeat(121),
  ' ',
];

/** attachments:add families: wrong bytes for the type, oversize payloads, malformed base64, hostile labels. */
function* attachmentFamilies(ctx: FuzzContext): Generator<HostilePayload> {
  const base = basePayload('attachments:add', ctx) as Record<string, unknown>;
  const p = (label: string, payload: unknown, mustReject = false): HostilePayload => ({ method: 'attachments:add', label, payload, mustReject });
  // Sizes first (the CI run reaches only the first ~30 payloads of each method).
  yield p('20 MB of base64', { ...base, base64: twentyMbBase64() }, true);
  yield p('15 MB + 1 byte PNG', { ...base, base64: pngOfSize(15 * 1024 * 1024 + 1) }, true);
  yield p('empty base64', { ...base, base64: '' }, true);
  for (const mimeType of Object.keys(SIGNED) as (keyof typeof SIGNED)[]) {
    for (const [what, bytes] of WRONG_CONTENT) yield p(`${mimeType} carrying ${what}`, { ...base, mimeType, base64: bytes.toString('base64') }, true);
    for (const [other, bytes] of Object.entries(SIGNED)) if (other !== mimeType) yield p(`${mimeType} carrying a ${other}`, { ...base, mimeType, base64: bytes.toString('base64') }, true);
  }
  yield p('a data: URL instead of base64', { ...base, base64: `data:image/png;base64,${SMALL_PNG_BASE64}` }, true);
  yield p('base64 with a newline and spaces', { ...base, base64: `${SMALL_PNG_BASE64.slice(0, 8)}\n ${SMALL_PNG_BASE64.slice(8)}` }, true);
  yield p('base64url alphabet', { ...base, base64: SMALL_PNG.toString('base64url').replace(/^iV/, 'iV-_') }, true);
  yield p('base64 with padding in the middle', { ...base, base64: `${SMALL_PNG_BASE64.slice(0, 4)}==${SMALL_PNG_BASE64.slice(4)}` }, true);
  yield p('statementId without sessionId', { ...base, sessionId: null, statementId: '00000000-0000-4000-8000-000000000000' }, true);
  yield p('a session of another case', { ...base, sessionId: '00000000-0000-4000-8000-000000000000' }, true);
  yield p('a statement that does not exist', { ...base, statementId: '00000000-0000-4000-8000-000000000000' }, true);
  yield p('a file name as mimeType', { ...base, mimeType: '../../x.png' }, true);
  yield p('image/svg+xml', { ...base, mimeType: 'image/svg+xml' }, true);
  yield p('a file field (unknown key)', { ...base, file: '../../../workstation.json' }, true);
  for (const label of HOSTILE_LABELS) yield p(`label ${JSON.stringify(label).slice(0, 40)}`, { ...base, label });
}

let twentyMb: string | undefined;
const twentyMbBase64 = () => (twentyMb ??= 'A'.repeat(20 * 1024 * 1024));
const pngOfSize = (bytes: number) => Buffer.concat([SMALL_PNG.subarray(0, 8), Buffer.alloc(bytes - 8, 0x41)]).toString('base64');

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
export function* hostilePayloads(count: number, ctx: FuzzContext, seed = 7, methods: readonly ApiMethod[] = API_METHODS): Generator<HostilePayload> {
  const rng = seededRng(seed);
  const fixed = methods.map((method) => fixedFamilies(method, ctx));
  const mutateCreate = methods.includes('cases:create');
  let produced = 0;
  let live = true;
  while (produced < count && live) {
    live = false;
    for (let m = 0; m < methods.length && produced < count; m++) {
      const next = fixed[m]!.next();
      if (next.done) continue;
      live = true;
      produced++;
      yield next.value;
    }
  }
  while (produced < count) {
    produced++;
    if (mutateCreate && rng.chance(1 / 3)) {
      const base = roadTrafficCaseInput();
      const all = leaves(base);
      const at = rng.pick(all);
      yield { method: 'cases:create', label: `mutated valid case at ${at.join('.')}`, payload: setAt(base, at, randomValue(rng)) };
      continue;
    }
    const method = rng.pick(methods);
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
  if (method === 'attachments:add') yield* attachmentFamilies(ctx);
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
  /** dispatch calls (each payload is sent signed in and not signed in; then the role runs). */
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
  /** A failed call that changed the data directory (other than the audit of a failed password check). */
  unexpectedWrites: number;
  /** Failed password checks that wrote only their audit line and the account's failure count (expected). */
  auditedFailures: number;
  /** A not-signed-in call to a staff method that was not answered UNAUTHENTICATED. */
  authBypasses: number;
  /** Payloads marked mustReject that were accepted (e.g. an .exe declared as a PNG). */
  mustRejectAccepted: number;
  /** attachments:add calls accepted, and of those stored under a name that is not `<its id>.<ext>` (must be 0). */
  attachmentsAccepted: number;
  generatedNameViolations: number;
  prototypePolluted: number;
  /** Calls that succeeded (the mutation happened to be valid, or read-only). */
  accepted: number;
  /** Of those, how many changed the data directory (allowed). */
  acceptedWrites: number;
  /** Schema-valid registrations sent to the scratch workstation (a subset of the calls). */
  routedToScratch: number;
  /** Payloads per role in the role runs, and the calls made there (a subset of `calls`). */
  rolePayloads: number;
  roleCalls: number;
  /** Calls (any signed-in caller) that succeeded although `decide(method, { roles })` refuses them: must be 0. */
  rolesDeniedButAllowed: number;
  /** Calls the table refuses for the caller's roles that were answered with another code than FORBIDDEN: must be 0. */
  rolesDeniedOtherCode: number;
  /** Calls the table allows for the caller's roles that were refused FORBIDDEN for the role: must be 0. */
  rolesAllowedButRefused: number;
  roles: Partial<Record<StaffRole, RoleFigures>>;
  maxLatencyMs: number;
  p95LatencyMs: number;
  elapsedMs: number;
  /** First few problems, for the report. */
  examples: string[];
}

export interface RunHostileOptions {
  payloads?: number;
  /** Payloads under each single-role account (default: `payloads`). */
  rolePayloads?: number;
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

/**
 * A set-up workstation in a temp dir with one case and one issued document; the first administrator (also head,
 * clerk, mediator and legal advisor) signed in on STAFF, and one single-role account per role signed in on
 * ROLE_CONNECTIONS[role]. Failed sign-ins do not wait (the throttle's delays would only slow the run down).
 */
export async function fuzzWorkstation(tmpRoot = os.tmpdir()) {
  const dataDir = await mkdtemp(path.join(tmpRoot, 'hostile-'));
  const ws = await Workstation.open({ dataDir, host: 'web', version: '0.0.0-hostile', clock: fixedClock(FIXTURE_NOW), sleep: async () => undefined });
  const must = async (method: ApiMethod, payload?: unknown) => {
    const r = await dispatch(ws, STAFF, method, payload);
    if (!r.ok) throw new Error(`${method}: ${r.error.code} ${r.error.message}`);
    return r.value as Record<string, unknown>;
  };
  const admin = (await must('setup:complete', { ...FUZZ_SETUP, otherRoles: [...FUZZ_SETUP.otherRoles] })).staff as Staff;
  // One account per role, created through the API; signed in directly (their first password need not be replaced
  // for the fuzzer, and a real sign-in costs a scrypt each).
  const accounts = new Map<string, string>([[STAFF, admin.id]]);
  for (const role of FUZZ_ROLES) {
    const account = await must('staff:create', { name: `${STAFF_ROLES[role]}甲`, loginName: `fuzz-${role}`, roles: [role], password: FUZZ_PASSWORD });
    ws.signIns.start(ROLE_CONNECTIONS[role], ws.state.data.staff.find((x) => x.id === account.id)!, false);
    accounts.set(ROLE_CONNECTIONS[role], account.id as string);
  }
  const record = await must('cases:create', roadTrafficCaseInput());
  const issued = await must('documents:issue', { caseId: record.id, template: 'acceptance-register' });
  const room = ((await must('settings:get')).rooms as string[])[0]!;
  // A second case in mediation, with an open session and an attachment, for sessions:* and attachments:*.
  const mediated = await must('cases:create', roadTrafficCaseInput());
  await must('cases:accept', { id: mediated.id, revision: mediated.revision, mediatorIds: [admin.id], room, mediationDue: '2026-05-20', note: '' });
  const plan = { kind: 'session', scheduledAt: '2026-05-01T10:00:00+08:00', place: room, purpose: '', mediatorIds: [admin.id], recorderId: admin.id, subject: null };
  let session = (await must('sessions:schedule', { caseId: mediated.id, plan })).session as SessionRecord;
  session = (await must('sessions:open', { caseId: mediated.id, sessionId: session.id, revision: session.revision })).session as SessionRecord;
  const attachment = await must('attachments:add', { caseId: mediated.id, sessionId: session.id, statementId: null, category: 'evidence', label: '现场照片', mimeType: 'image/png', base64: SMALL_PNG_BASE64 });
  const ctx: FuzzContext = {
    caseId: record.id as string,
    revision: ((await must('cases:get', { id: record.id })).record as { revision: number }).revision,
    staffId: admin.id as string,
    documentId: (issued.document as { id: string }).id,
    room,
    sessionCaseId: mediated.id as string,
    sessionId: session.id,
    sessionRevision: session.revision,
    sessionContent: typedContent(session, 1, 20),
    attachmentId: attachment.id as string,
  };
  return { dataDir, ws, ctx, adminId: admin.id, accounts };
}

/** The roles the fuzzer signs in as, each a single-role account on its own connection. */
export const FUZZ_ROLES = Object.keys(STAFF_ROLES) as StaffRole[];
export const ROLE_CONNECTIONS = Object.fromEntries(FUZZ_ROLES.map((r) => [r, `hostile-role-${r}`])) as Record<StaffRole, string>;

/**
 * After each call: every fuzzer account is signed in again where a payload signed it out, locked the desk, changed
 * roles or asked for a new password; nobody stays signed in on ANON.
 */
export function restoreSignIns(ws: Workstation, accounts: ReadonlyMap<string, string>): void {
  for (const [connection, id] of accounts) {
    const current = ws.currentSignIn(connection);
    if (current && current.staff.id === id && !current.signIn.locked && !current.signIn.mustChangePassword) continue;
    const staff = ws.state.data.staff.find((s) => s.id === id);
    if (staff?.active) ws.signIns.start(connection, staff, false);
  }
  if (ws.currentSignIn(ANON)) ws.signIns.end(ANON);
}

/** Why an accepted attachment's stored name is not the generated `<id>.<ext>` in attachments/, or null. */
async function generatedNameViolation(dataDir: string, attachment: Attachment): Promise<string | null> {
  const ext = ATTACHMENT_TYPES[attachment.mimeType];
  if (attachment.file !== `${attachment.id}.${ext}` || !/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}\.(png|jpg|pdf)$/.test(attachment.file)) return `file ${JSON.stringify(attachment.file)}`;
  const files = await readdir(path.join(dataDir, 'cases'), { withFileTypes: true }).then(async (cases) => {
    const out: string[] = [];
    for (const c of cases) if (c.isDirectory()) out.push(...(await readdir(path.join(dataDir, 'cases', c.name, 'attachments')).catch(() => [] as string[])));
    return out;
  });
  if (!files.includes(attachment.file)) return `${attachment.file} not in attachments/`;
  const odd = files.find((f) => !CASE_FILE_NAME.test(f));
  return odd ? `attachments/ holds ${JSON.stringify(odd)}` : null;
}

export const STAFF = 'hostile-staff';
export const ANON = 'hostile-anon';

/**
 * The methods that check a password (scrypt, ~160 ms a call): role-independent, sent on STAFF and ANON only, not
 * in the role runs. A failure of one of them is audited (audit/workstation.jsonl, and the account's failure count in
 * workstation.json): those writes are expected on rejection and counted as `auditedFailures`.
 */
const PASSWORD_METHODS = new Set<ApiMethod>(['auth:sign-in', 'auth:unlock', 'auth:reauth', 'auth:change-password']);
const AUDITED_FAILURE_FILES = new Set([path.join('audit', 'workstation.jsonl'), 'workstation.json', 'workstation.json.1']);
const ROLE_METHODS = API_METHODS.filter((m) => !PASSWORD_METHODS.has(m));

/** Whether a rejected call's writes are only the audit of a failed password check (for other drivers, e.g. HTTP). */
export function onlyAuditedFailure(method: string, before: Map<string, string>, after: Map<string, string>): boolean {
  const diff = diffSnapshot(before, after);
  return PASSWORD_METHODS.has(method as ApiMethod) && diff.length > 0 && diff.every((d) => AUDITED_FAILURE_FILES.has(d.replace(/^(changed|created) /, '')));
}

/** Per role (a single-role account), what the role run saw. */
export interface RoleFigures {
  calls: number;
  /** Calls that succeeded. */
  accepted: number;
  /** Calls the policy table refuses for this role (`decide(method, { roles })`). */
  denied: number;
  /** Of those, calls that succeeded anyway (must be 0). */
  deniedButAllowed: number;
  /** Of those, calls answered with another code than FORBIDDEN (the role check runs before parsing: must be 0). */
  deniedOtherCode: number;
  /** Calls the table allows for the role that were refused FORBIDDEN for the role (must be 0). */
  allowedButRoleRefused: number;
}

export async function runHostile(opts: RunHostileOptions = {}): Promise<HostileFigures> {
  const { payloads = 2_000, seed = 7, timeoutMs = 10_000, json = false } = opts;
  const rolePayloads = opts.rolePayloads ?? payloads;
  const log = opts.log ?? ((line: string) => console.log(line));
  const started = performance.now();
  const fx = await fuzzWorkstation(opts.tmpRoot);
  const { dataDir, ws, ctx } = fx;
  // Registrations that pass the schema are valid and write a case folder each: they go (signed in) to a scratch
  // workstation, so that the snapshotted one stays small and every write there is a finding.
  const scratch = await fuzzWorkstation(opts.tmpRoot);
  const createSchema = API_SPEC['cases:create'].input;
  const figures: HostileFigures = {
    payloadsTried: 0, calls: 0, methodsCovered: 0, crashes: 0, hangs: 0, uncoded: 0, internalErrors: 0, unexpectedWrites: 0, auditedFailures: 0,
    authBypasses: 0, mustRejectAccepted: 0, attachmentsAccepted: 0, generatedNameViolations: 0, prototypePolluted: 0, accepted: 0, acceptedWrites: 0, routedToScratch: 0,
    rolePayloads, roleCalls: 0, rolesDeniedButAllowed: 0, rolesDeniedOtherCode: 0, rolesAllowedButRefused: 0, roles: {},
    maxLatencyMs: 0, p95LatencyMs: 0, elapsedMs: 0, examples: [],
  };
  const note = (s: string) => void (figures.examples.length < 20 && figures.examples.push(s));
  const latencies: number[] = [];
  const methods = new Set<string>();
  // Unexpected errors are logged by toApiError with the whole error; keep them out of the run's output.
  const consoleError = console.error;
  console.error = () => undefined;
  let before = await snapshotDir(dataDir);

  /** One call: every check that holds for any caller, plus the policy table's answer for a signed-in one. */
  const fire = async (item: HostilePayload, connection: string, role: StaffRole | null): Promise<void> => {
    figures.calls++;
    const caller = ws.currentSignIn(connection)?.staff ?? null;
    const mayCreate = caller !== null && decide('cases:create', { roles: caller.roles }) === null;
    const toScratch = mayCreate && item.method === 'cases:create' && createSchema.safeParse(item.payload).success;
    if (toScratch) figures.routedToScratch++;
    const scratchBefore = toScratch ? await snapshotDir(scratch.dataDir, { shallowUnder: 'cases' }) : null;
    const t0 = performance.now();
    let result: Result<unknown> | typeof TIMEOUT;
    try {
      result = await timeBox(dispatch(toScratch ? scratch.ws : ws, connection, item.method, item.payload), timeoutMs);
    } catch (error) {
      figures.crashes++;
      note(`crash ${item.method} [${connection}] ${item.label}: ${String(error).slice(0, 200)}`);
      return;
    }
    const ms = performance.now() - t0;
    latencies.push(ms);
    figures.maxLatencyMs = Math.max(figures.maxLatencyMs, ms);
    if (result === TIMEOUT) {
      figures.hangs++;
      note(`hang ${item.method} [${connection}] ${item.label}`);
      return;
    }
    if (polluted()) {
      figures.prototypePolluted++;
      note(`Object.prototype polluted by ${item.method} ${item.label}`);
      for (const k of Object.getOwnPropertyNames(Object.prototype)) if (!BASELINE_PROTO.has(k)) delete (Object.prototype as Record<string, unknown>)[k];
    }
    const after = toScratch ? before : await snapshotDir(dataDir);
    const changed = scratchBefore ? !sameSnapshot(scratchBefore, await snapshotDir(scratch.dataDir, { shallowUnder: 'cases' })) : !sameSnapshot(before, after);
    // The policy table's answer on the caller's roles alone (dispatch checks it before parsing the payload).
    const denial = caller ? decide(item.method, { roles: caller.roles }) : null;
    const perRole = role ? (figures.roles[role] ??= { calls: 0, accepted: 0, denied: 0, deniedButAllowed: 0, deniedOtherCode: 0, allowedButRoleRefused: 0 }) : null;
    if (perRole) perRole.calls++;
    if (perRole && denial) perRole.denied++;
    if (result.ok) {
      figures.accepted++;
      if (perRole) perRole.accepted++;
      if (changed) figures.acceptedWrites++;
      if (item.mustReject && connection !== ANON) {
        figures.mustRejectAccepted++;
        note(`accepted although it must be refused: ${item.method} [${connection}] ${item.label}`);
      }
      if (item.method === 'attachments:add') {
        figures.attachmentsAccepted++;
        const violation = await generatedNameViolation(toScratch ? scratch.dataDir : dataDir, result.value as Attachment);
        if (violation) {
          figures.generatedNameViolations++;
          note(`attachment stored under a name that is not generated (${item.label}): ${violation}`);
        }
      }
      if (connection === ANON && POLICY[item.method].who !== 'public') {
        figures.authBypasses++;
        note(`auth bypass ${item.method} ${item.label}`);
      }
      if (denial) {
        figures.rolesDeniedButAllowed++;
        if (perRole) perRole.deniedButAllowed++;
        note(`succeeded although the table refuses ${caller!.roles.join('+')}: ${item.method} ${item.label}`);
      }
    } else {
      const { code } = result.error;
      if (!CODES.has(code)) {
        figures.uncoded++;
        note(`uncoded ${item.method} ${item.label}: ${JSON.stringify(result.error).slice(0, 200)}`);
      }
      if (code === 'INTERNAL') {
        figures.internalErrors++;
        note(`INTERNAL ${item.method} [${connection}] ${item.label}`);
      }
      if (connection === ANON && POLICY[item.method].who !== 'public' && code !== 'UNAUTHENTICATED') {
        figures.authBypasses++;
        note(`not-signed-in ${item.method} answered ${code}: ${item.label}`);
      }
      if (denial && code !== 'FORBIDDEN') {
        figures.rolesDeniedOtherCode++;
        if (perRole) perRole.deniedOtherCode++;
        note(`the table refuses ${caller!.roles.join('+')} ${item.method} but it answered ${code}: ${item.label}`);
      }
      const refusal = (result.error as { refusal?: { reason?: string } }).refusal;
      if (!denial && caller && code === 'FORBIDDEN' && refusal?.reason === 'ROLE') {
        figures.rolesAllowedButRefused++;
        if (perRole) perRole.allowedButRoleRefused++;
        note(`the table allows ${caller.roles.join('+')} ${item.method} but it was refused for the role: ${item.label}`);
      }
      if (changed) {
        if (!toScratch && onlyAuditedFailure(item.method, before, after)) figures.auditedFailures++;
        else {
          figures.unexpectedWrites++;
          note(`write on rejected ${item.method} [${connection}]${toScratch ? ' (scratch store)' : ''} ${item.label}: ${diffSnapshot(before, after).slice(0, 3).join(', ')}`);
        }
      }
    }
    before = after;
    // A valid sign-in / sign-out / lock may have changed who is signed in: restore every account.
    restoreSignIns(ws, fx.accounts);
    restoreSignIns(scratch.ws, scratch.accounts);
  };

  try {
    for (const item of hostilePayloads(payloads, ctx, seed)) {
      figures.payloadsTried++;
      methods.add(item.method);
      for (const connection of [STAFF, ANON]) await fire(item, connection, null);
    }
    // The role dimension: the same kind of payloads under each single-role account (another seed each).
    for (const [k, role] of FUZZ_ROLES.entries()) {
      for (const item of hostilePayloads(rolePayloads, ctx, seed + 1 + k, ROLE_METHODS)) {
        figures.roleCalls++;
        methods.add(item.method);
        await fire(item, ROLE_CONNECTIONS[role], role);
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
    log(`hostile payloads: ${figures.payloadsTried} over ${figures.methodsCovered}/${API_METHODS.length} methods, ${figures.calls} calls (${figures.roleCalls} of them in the role runs, ${rolePayloads} per role)`);
    log(`crashes ${figures.crashes}, hangs ${figures.hangs}, uncoded ${figures.uncoded}, INTERNAL ${figures.internalErrors}, unexpected writes ${figures.unexpectedWrites}, auth bypasses ${figures.authBypasses}, prototype polluted ${figures.prototypePolluted}, must-reject accepted ${figures.mustRejectAccepted}`);
    log(`roles: denied but allowed ${figures.rolesDeniedButAllowed}, denied with another code ${figures.rolesDeniedOtherCode}, allowed but refused for the role ${figures.rolesAllowedButRefused}`);
    for (const [role, r] of Object.entries(figures.roles)) log(`  ${role.padEnd(14)} calls ${r.calls}, accepted ${r.accepted}, denied by the table ${r.denied}, of which succeeded ${r.deniedButAllowed}, other code ${r.deniedOtherCode}; allowed but role-refused ${r.allowedButRoleRefused}`);
    log(`attachments accepted ${figures.attachmentsAccepted}, stored under a non-generated name ${figures.generatedNameViolations}; failed password checks audited ${figures.auditedFailures}`);
    log(`accepted ${figures.accepted} (of which wrote: ${figures.acceptedWrites}; valid registrations sent to the scratch store: ${figures.routedToScratch}); latency p95 ${figures.p95LatencyMs} ms, max ${figures.maxLatencyMs} ms; ${figures.elapsedMs} ms in all`);
    for (const e of figures.examples) log(`  ${e}`);
  }
  return figures;
}

const round = (ms: number) => Math.round(ms * 10) / 10;

/** Everything that must be 0. */
export const hostileFailures = (f: HostileFigures) =>
  f.crashes + f.hangs + f.uncoded + f.unexpectedWrites + f.authBypasses + f.prototypePolluted + f.mustRejectAccepted + f.generatedNameViolations +
  f.rolesDeniedButAllowed + f.rolesDeniedOtherCode + f.rolesAllowedButRefused;

// ---------------------------------------------------------------------------------------------------------------
// Hostile file names
// ---------------------------------------------------------------------------------------------------------------

/** File names an attacker (or a careless scanner) could produce; none may become a path. */
export const HOSTILE_NAMES: readonly string[] = [
  '../x.pdf',
  '../../x.pdf',
  '../../../../../../tmp/x.pdf',
  '..\\x.pdf',
  '..\\..\\x.pdf',
  '/etc/passwd',
  '/tmp/x.pdf',
  'C:\\x.pdf',
  'C:x.pdf',
  'c:/x.pdf',
  '\\\\server\\share\\x.pdf',
  '//server/share/x.pdf',
  '\\\\?\\C:\\x.pdf',
  '\\\\.\\pipe\\x.pdf',
  'a\u0000.pdf',
  'a.pdf\u0000.exe',
  'CON.pdf',
  'Con.pdf',
  'NUL.docx',
  'x.PDF',
  'a'.repeat(296) + '.pdf', // 300 bytes
  '一'.repeat(100) + '.pdf', // 304 bytes
  '\u202Egpj.pdf',
  'abc\u202Efdp.exe',
  'my file.pdf',
  ' x.pdf',
  'x.pdf ',
  'x.pdf.',
  '调解协议书.pdf',
  '人民调解受理登记表-（2026）X调字第0001号-第1版.docx',
  '%2e%2e%2fx.pdf',
  '..%2fx.pdf',
  '.pdf',
  '.',
  '..',
  '',
  'x.pdf/',
  'x.pdf\n',
  'x.pdf\r',
  'x.exe',
  'x.pdf.exe',
  'x.html',
  './x.pdf',
  'a/b.pdf',
  'a\\b.pdf',
  'x:stream.pdf',
  'x.pdf:$DATA',
  '-x.pdf',
  '\uFEFFx.pdf',
  'x\uD800.pdf',
  'ｘ.pdf', // full-width x
  'con.pdf',
  'nul.docx',
  'com1.png',
  'lpt1.json',
];

export interface HostileNameFigures {
  /** Names × ways tried: putFile and getFile in documents/ and attachments/, and attachments:add with the name as label. */
  namesTried: number;
  /** putFile/getFile calls that did not refuse the name. */
  notRefused: number;
  /** attachments:add with the name as label: accepted (stored under a generated name) or refused by the schema. */
  labelsAccepted: number;
  labelsRefused: number;
  generatedNameViolations: number;
  /** Files that appeared outside the case folders (must be 0). */
  writesOutsideCase: number;
  examples: string[];
}

/**
 * The corpus through the store (putFile/getFile must refuse each: names are generated by the app) and through the
 * API as attachment labels (accepted labels are display text; the file is still `<uuid>.<ext>`). Nothing may appear
 * outside the case's folder.
 */
export async function runHostileNames(opts: { tmpRoot?: string } = {}): Promise<HostileNameFigures> {
  const f: HostileNameFigures = { namesTried: 0, notRefused: 0, labelsAccepted: 0, labelsRefused: 0, generatedNameViolations: 0, writesOutsideCase: 0, examples: [] };
  const root = await mkdtemp(path.join(opts.tmpRoot ?? os.tmpdir(), 'hostile-names-'));
  const consoleError = console.error;
  console.error = () => undefined;
  const fx = await fuzzWorkstation(root);
  try {
    const outside = async () => {
      const all = await snapshotDir(root);
      return [...all.keys()].filter((k) => !k.startsWith(path.relative(root, fx.dataDir)));
    };
    const outsideBefore = new Set(await outside());
    const tmpBefore = new Set(await readdir(os.tmpdir()));
    const caseId = fx.ctx.sessionCaseId;
    const before = await snapshotDir(path.join(fx.dataDir, 'cases', caseId), {});
    for (const name of HOSTILE_NAMES) {
      for (const area of ['documents', 'attachments'] as const) {
        f.namesTried += 2;
        const put = await fx.ws.cases.putFile(caseId, area, name, SMALL_PNG).then(() => 'written', (e: Error) => e.message);
        const get = await fx.ws.cases.getFile(caseId, area, name).then(() => 'read', (e: Error) => e.message);
        for (const [what, r] of [['putFile', put], ['getFile', get]] as const) {
          if (!/not an app-generated file name/.test(r)) {
            f.notRefused++;
            if (f.examples.length < 10) f.examples.push(`${what} ${area} ${JSON.stringify(name)}: ${r}`);
          }
        }
      }
    }
    const after = await snapshotDir(path.join(fx.dataDir, 'cases', caseId), {});
    if (!sameSnapshot(before, after)) {
      f.notRefused++;
      f.examples.push(`the case folder changed: ${diffSnapshot(before, after).slice(0, 3).join(', ')}`);
    }
    for (const name of [...HOSTILE_NAMES, ...HOSTILE_LABELS]) {
      f.namesTried++;
      const r = await dispatch(fx.ws, STAFF, 'attachments:add', { ...(basePayload('attachments:add', fx.ctx) as object), label: name });
      if (!r.ok) {
        f.labelsRefused++;
        if (r.error.code !== 'INVALID_INPUT' && f.examples.length < 10) f.examples.push(`label ${JSON.stringify(name)}: ${r.error.code}`);
        continue;
      }
      f.labelsAccepted++;
      const violation = await generatedNameViolation(fx.dataDir, r.value as Attachment);
      if (violation) {
        f.generatedNameViolations++;
        if (f.examples.length < 10) f.examples.push(`label ${JSON.stringify(name)}: ${violation}`);
      }
    }
    const tmpNow = (await readdir(os.tmpdir())).filter((n) => !tmpBefore.has(n) && /^x\.|passwd|^x$/.test(n));
    if (tmpNow.length) f.examples.push(`in the temp folder: ${tmpNow.join(', ')}`);
    f.writesOutsideCase += tmpNow.length;
    const outsideAfter = (await outside()).filter((k) => !outsideBefore.has(k));
    f.writesOutsideCase += outsideAfter.length;
    if (outsideAfter.length && f.examples.length < 10) f.examples.push(`outside the data dir: ${outsideAfter.slice(0, 3).join(', ')}`);
  } finally {
    console.error = consoleError;
    await fx.ws.close().catch(() => undefined);
    await rm(root, { recursive: true, force: true });
  }
  return f;
}

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const json = process.argv.includes('--json');
  const quick = process.argv.includes('--quick');
  const payloads = Number(arg('--payloads') ?? (quick ? 300 : 10_000));
  runHostile({ payloads, rolePayloads: Number(arg('--role-payloads') ?? payloads), seed: Number(arg('--seed') ?? 7), json })
    .then((figures) => {
      const { examples, ...rest } = figures;
      if (json) console.log(JSON.stringify({ hostile: { ...rest, examples } }));
      const failed = hostileFailures(figures) > 0;
      process.exitCode = failed ? 1 : 0;
    })
    .catch((error: unknown) => {
      console.error(error);
      process.exitCode = 2;
    });
}
