/**
 * The write workload both reliability harnesses run through the REAL store (Workstation + dispatch + FileCaseStore),
 * and the checker that verifies acknowledged writes after a crash or a simulated power cut.
 *
 * The workload registers cases, updates them, stores write-once documents, adds attachments (attachments:add), and
 * runs mediation sessions the way a mediator does: accept with a mediator, schedule, open, then an autosave
 * (sessions:save) every few typed words, the last statement growing and new ones starting, until the session is
 * closed and the next one scheduled. A later run on the same data directory (the crash loop's next child) resumes an
 * open session where the disk says it stopped, as the app would after a crash.
 *
 * An acknowledgement is reported only after the write's promise resolved:
 *   `ACK case <id> <revision>`, `ACK file <caseId>/documents/<name> <sha256>`, `ACK setup <adminId> 1`,
 *   `ACK session <caseId>/<sessionId> <revision>:<statements>:<lastLength>`,
 *   `ACK attachment <caseId>/<attachmentId>/<file> <sha256>`.
 * `WORK <caseId>` (not an acknowledgement) is printed before the first write of a run to an existing case, so that
 * the crash loop knows which case folders a kill may have touched.
 *
 * Session texts are a pure function of (session id, statement index): an acknowledgement of (statements n, last
 * length k) pins the full content the file must hold (statements 0..n-2 complete, statement n-1 at least k
 * characters of its text). A later revision is fine; a shorter or different text is a loss.
 */
import { SETUP as FIXTURE_SETUP } from '../../tests/fixtures/workstation';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { dispatch } from '../../electron/main/api/dispatch';
import { fixedClock } from '../../electron/main/services/clock';
import { Workstation } from '../../electron/main/services/workstation';
import type { DurableFs } from '../../electron/main/storage/durable-fs';
import { isTempName, realFs } from '../../electron/main/storage/durable-fs';
import { checkPassword } from '../../electron/main/auth/password-hash';
import { subKey } from '../../electron/main/crypto/keyring';
import { unwrapFor } from '../../electron/main/services/keys';
import { sealedFs } from '../../electron/main/storage/sealed-fs';
import { type WorkstationData, WorkstationSchema } from '../../electron/main/storage/workstation-file';
import type { Attachment, AttachmentMimeType, CaseRecord, SessionContent, SessionRecord, Statement } from '../../electron/shared/domain';
import type { CaseView, SessionSaved, SessionView, SignedIn } from '../../electron/shared/ipc/contract';
import { FIXTURE_NOW, type Rng, roadTrafficCaseInput, seededRng, syntheticCase } from '../../tests/fixtures/cases';

export const CONNECTION = 'reliability-1';
/** The first administrator of the test fixtures (also head, clerk, mediator and legal advisor). */
export const SETUP = FIXTURE_SETUP;
/** A first password for staff the reliability runs add (passes the shared password rules). */
export const STAFF_PASSWORD = 'Chushi-mima-01';

/** How far a session's record had been typed: its revision, how many statements, the length of the last one. */
export interface Typed {
  revision: number;
  statements: number;
  lastLength: number;
}

export type Ack =
  | { kind: 'case'; id: string; revision: number }
  | { kind: 'file'; id: string; sha256: string }
  | { kind: 'setup'; id: string }
  /** id: `<caseId>/<sessionId>` */
  | { kind: 'session'; id: string; typed: Typed }
  /** id: `<caseId>/<attachmentId>/<file>` */
  | { kind: 'attachment'; id: string; sha256: string };

export function formatAck(ack: Ack): string {
  switch (ack.kind) {
    case 'case':
      return `ACK case ${ack.id} ${ack.revision}`;
    case 'file':
    case 'attachment':
      return `ACK ${ack.kind} ${ack.id} ${ack.sha256}`;
    case 'session':
      return `ACK session ${ack.id} ${ack.typed.revision}:${ack.typed.statements}:${ack.typed.lastLength}`;
    default:
      return `ACK setup ${ack.id} 1`;
  }
}

export function parseAck(line: string): Ack | null {
  const m = /^ACK (case|file|setup|session|attachment) (\S+) (\S+)$/.exec(line.trim());
  if (!m) return null;
  const [, kind, id, value] = m as unknown as [string, Ack['kind'], string, string];
  switch (kind) {
    case 'case':
      return { kind, id, revision: Number(value) };
    case 'file':
    case 'attachment':
      return { kind, id, sha256: value };
    case 'session': {
      const [revision, statements, lastLength] = value.split(':').map(Number) as [number, number, number];
      return { kind, id, typed: { revision, statements, lastLength } };
    }
    default:
      return { kind: 'setup', id };
  }
}

/** `{ case: 3, session: 1 }` from checker messages (`case …`, `session …`): what kind of acknowledged write was lost. */
export function lostByKind(lost: readonly string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const l of lost) {
    const kind = /\b(setup|case|file|session|attachment)\b/.exec(l)?.[1] ?? 'other';
    out[kind] = (out[kind] ?? 0) + 1;
  }
  return out;
}

export const formatWork = (caseId: string) => `WORK ${caseId}`;
export const parseWork = (line: string): string | null => /^WORK (\S+)$/.exec(line.trim())?.[1] ?? null;

/** The case a book key belongs to (`<caseId>`, `<caseId>/...`). */
export const caseOfKey = (key: string): string => key.split('/')[0]!;

/** What must be on disk: the highest acknowledged revision per case and session, the hash per file. */
export class AckBook {
  readonly cases = new Map<string, number>();
  readonly files = new Map<string, string>();
  readonly sessions = new Map<string, Typed>();
  readonly attachments = new Map<string, string>();
  setup = false;
  count = 0;
  /** Acknowledgements per kind (setup, case, file, session, attachment). */
  readonly byKind: Record<Ack['kind'], number> = { setup: 0, case: 0, file: 0, session: 0, attachment: 0 };

  add(ack: Ack): void {
    this.count += 1;
    this.byKind[ack.kind] += 1;
    if (ack.kind === 'case') this.cases.set(ack.id, Math.max(ack.revision, this.cases.get(ack.id) ?? 0));
    else if (ack.kind === 'file') this.files.set(ack.id, ack.sha256);
    else if (ack.kind === 'attachment') this.attachments.set(ack.id, ack.sha256);
    else if (ack.kind === 'session') {
      const known = this.sessions.get(ack.id);
      if (!known || ack.typed.revision >= known.revision) this.sessions.set(ack.id, ack.typed);
    } else this.setup = true;
  }
}

/** Data keys by keyring id: unwrapping costs a scrypt run, and a harness reopens the same folder many times. */
const dataKeys = new Map<string, Buffer>();

/** The center's data key, unwrapped the way the first administrator's sign-in does (null before setup). */
async function dataKeyOf(data: WorkstationData): Promise<Buffer | null> {
  if (!data.keyring) return null;
  const known = dataKeys.get(data.keyring.keyId);
  if (known) return known;
  const admin = data.staff.find((s) => s.loginName === SETUP.loginName);
  const credential = admin ? data.credentials[admin.id] : undefined;
  if (!admin || !credential?.dataKey) throw new Error('no wrapped key for the first administrator');
  const checked = await checkPassword(SETUP.password, credential.password);
  const key = checked.ok ? unwrapFor(data.keyring, admin.id, checked.kek, credential.dataKey) : null;
  if (!key) throw new Error('the first administrator\'s password does not unwrap the data key');
  dataKeys.set(data.keyring.keyId, key);
  return key;
}

/**
 * Opens a data folder and unlocks its records with the first administrator's key (without a sign-in, which would
 * write): what the app does at a sign-in, so the checks see the store as people do.
 */
export async function openStore(dataDir: string, fs?: DurableFs): Promise<Workstation> {
  const ws = await Workstation.open({ dataDir, host: 'web', version: '0.0.0-reliability', clock: fixedClock(FIXTURE_NOW), ...(fs ? { fs } : {}) });
  const key = await dataKeyOf(ws.state.data).catch(async (error: unknown) => {
    await ws.close();
    throw error;
  });
  if (key && ws.state.data.keyring?.sealedAt) await ws.openWithKey(key);
  return ws;
}

/** The folder's files as the store reads them (decrypted and authenticated), before the store opens; raw before setup. */
export async function recordsFsFor(dataDir: string): Promise<DurableFs> {
  let data: WorkstationData;
  try {
    data = WorkstationSchema.parse(JSON.parse((await readFile(path.join(dataDir, 'workstation.json'))).toString('utf8')));
  } catch {
    return realFs;
  }
  const key = await dataKeyOf(data);
  return key ? sealedFs(realFs, dataDir, subKey(key, 'records')) : realFs;
}

async function callOk<T>(ws: Workstation, method: string, payload?: unknown): Promise<T> {
  const result = await dispatch(ws, CONNECTION, method, payload);
  if (!result.ok) throw new Error(`${method} failed: ${result.error.code} ${result.error.message}`);
  return result.value as T;
}

/** Completes setup on a fresh store (acknowledged), or signs the first administrator in (login name + password) on an existing one. */
export async function setUpOrSignIn(ws: Workstation, onAck: (ack: Ack) => void): Promise<string> {
  if (!ws.state.data.settings) {
    const signedIn = await callOk<SignedIn>(ws, 'setup:complete', { ...SETUP, otherRoles: [...SETUP.otherRoles] });
    // Remembered for the checks that reopen this folder in this process (saves a scrypt run per reopen).
    dataKeys.set(ws.state.data.keyring!.keyId, ws.heldKey());
    onAck({ kind: 'setup', id: signedIn.staff.id });
    return signedIn.staff.id;
  }
  const signedIn = await callOk<SignedIn>(ws, 'auth:sign-in', { loginName: SETUP.loginName, password: SETUP.password });
  return signedIn.staff.id;
}

// ---------------------------------------------------------------------------------------------------------------
// The typing model: what a session's record holds after n statements, the last k characters long
// ---------------------------------------------------------------------------------------------------------------

const PHRASES = [
  '申请人称', '事故发生后', '双方就赔偿金额', '存在较大分歧', '医疗费', '误工费', '护理费', '已垫付', '调解员询问',
  '被申请人表示', '同意分期支付', '愿意承担', '百分之七十', '车辆维修费', '有票据为证', '交警认定书', '现场照片',
  '经核实', '双方协商', '下月底前', '一次性付清', '不再追究', '保险公司', '理赔款',
] as const;
const PUNCTUATION = ['，', '。', '；', '：'] as const;

const digest = (s: string) => createHash('sha256').update(s).digest();

/** The full text of statement `index` of a session (30–400 characters, no whitespace, so trimming never changes it). */
export function statementText(sessionId: string, index: number): string {
  const rng = seededRng(digest(`${sessionId}:text:${index}`).readUInt32LE(0));
  const length = rng.int(30, 400);
  let s = '';
  while (s.length < length) s += rng.pick(PHRASES) + (rng.chance(0.35) ? rng.pick(PUNCTUATION) : '');
  return s.slice(0, length);
}

/** A version-4 UUID for statement `index` of a session (deterministic). */
export function statementId(sessionId: string, index: number): string {
  const h = digest(`${sessionId}:id:${index}`).toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${'89ab'[parseInt(h[16]!, 16) & 3]}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** The content a mediator has typed so far: every attendee present, statements alternating mediator / party. */
export function typedContent(session: SessionRecord, statements: number, lastLength: number): SessionContent {
  const attendees = session.attendees.map((a) => ({ ...a, presence: 'present' as const }));
  const mediator = attendees.find((a) => a.kind === 'mediator') ?? attendees[0]!;
  const other = attendees.find((a) => a.kind === 'party') ?? mediator;
  const list: Statement[] = Array.from({ length: statements }, (_, i) => {
    const full = statementText(session.id, i);
    const asks = i % 2 === 0;
    return {
      id: statementId(session.id, i),
      speakerId: asks ? mediator.id : other.id,
      kind: asks ? 'question' : 'answer',
      text: i < statements - 1 ? full : full.slice(0, lastLength),
      startedAt: session.startedAt ?? session.createdAt,
      marks: [],
      caucus: null,
    };
  });
  return { attendees, statements: list };
}

/** Where a stored session's record stands in the model, or why it does not fit it. */
export function typedOf(session: SessionRecord): Typed | string {
  const n = session.statements.length;
  for (let i = 0; i < n; i++) {
    const s = session.statements[i]!;
    const full = statementText(session.id, i);
    if (s.id !== statementId(session.id, i)) return `statement ${i} has id ${s.id}`;
    if (i < n - 1 ? s.text !== full : !full.startsWith(s.text)) return `statement ${i} text differs from what was typed (${s.text.length} characters)`;
  }
  return { revision: session.revision, statements: n, lastLength: n > 0 ? session.statements[n - 1]!.text.length : 0 };
}

/** Whether the stored state holds at least what was acknowledged (a later one is fine). */
export function covers(stored: Typed, acked: Typed): boolean {
  if (stored.revision < acked.revision) return false;
  if (stored.statements !== acked.statements) return stored.statements > acked.statements;
  return stored.lastLength >= acked.lastLength;
}

// ---------------------------------------------------------------------------------------------------------------
// The workload
// ---------------------------------------------------------------------------------------------------------------

const SIGNATURES: Record<AttachmentMimeType, Buffer> = {
  'image/png': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  'image/jpeg': Buffer.from([0xff, 0xd8, 0xff, 0xe0]),
  'application/pdf': Buffer.from('%PDF-1.7\n'),
};

/** Bytes that pass the attachment type check (signature + random body): a scan or a photo as far as the store cares. */
export function attachmentBytes(mimeType: AttachmentMimeType, size: number): Buffer {
  return Buffer.concat([SIGNATURES[mimeType], randomBytes(Math.max(1, size))]);
}

interface MyCase {
  id: string;
  status: 'registered' | 'mediating';
}

interface ActiveSession {
  caseId: string;
  session: SessionRecord;
  statements: number;
  lastLength: number;
}

export interface WorkloadOptions {
  ops: number;
  shouldStop?: () => boolean;
  maxFileBytes?: number;
  /** Statements typed per session before it is closed (default 6). */
  statementsPerSession?: number;
  /** Resume one scheduled or open session found on disk (a run after a crash). */
  resume?: boolean;
  /** Called before the first write of this run to a case that existed before it (see WORK above). */
  onWork?: (caseId: string) => void;
  /** With this, a write that fails (an error result, an exception) is reported and the workload goes on. */
  onError?: (error: Error) => void;
}

export interface WorkloadCounts {
  creates: number;
  updates: number;
  documents: number;
  attachments: number;
  sessionWrites: number;
  resumed: number;
  failed: number;
}

/**
 * Runs `ops` writes (or until `shouldStop`), each acknowledged only after it resolved: registrations through
 * dispatch('cases:create'), updates through ws.cases.update (an action appended to the history), write-once
 * documents through ws.cases.putFile, attachments through dispatch('attachments:add'), and sessions through
 * dispatch (cases:accept with a mediator, sessions:schedule, sessions:open, sessions:save as typed, sessions:close).
 */
export async function runWorkload(ws: Workstation, rng: Rng, actorId: string, onAck: (ack: Ack) => void, opts: WorkloadOptions): Promise<WorkloadCounts> {
  const counts: WorkloadCounts = { creates: 0, updates: 0, documents: 0, attachments: 0, sessionWrites: 0, resumed: 0, failed: 0 };
  const mine: MyCase[] = [];
  const worked = new Set<string>();
  const work = (caseId: string) => {
    if (worked.has(caseId)) return;
    worked.add(caseId);
    opts.onWork?.(caseId);
  };
  const perSession = opts.statementsPerSession ?? 6;
  const failed = (error: unknown): null => {
    if (!opts.onError) throw error;
    counts.failed += 1;
    opts.onError(error as Error);
    return null;
  };
  let active: ActiveSession | null = opts.resume ? await resumeSession(ws, rng, work).catch(failed) : null;
  if (active) {
    counts.resumed += 1;
    mine.push({ id: active.caseId, status: 'mediating' });
  }
  const ackSession = (a: ActiveSession) =>
    onAck({ kind: 'session', id: `${a.caseId}/${a.session.id}`, typed: { revision: a.session.revision, statements: a.statements, lastLength: a.lastLength } });

  const create = async () => {
    const input = rng.chance(0.5) ? roadTrafficCaseInput() : syntheticCase(rng.int(1, 1_000_000), rng);
    const created = await callOk<CaseRecord>(ws, 'cases:create', input);
    worked.add(created.id);
    mine.push({ id: created.id, status: 'registered' });
    counts.creates += 1;
    onAck({ kind: 'case', id: created.id, revision: created.revision });
  };

  // After a failed session write the editor reloads the session (sessions:get) before typing on.
  let reload = false;
  const sessionStep = async () => {
    if (active && reload) {
      const view = await callOk<SessionView>(ws, 'sessions:get', { caseId: active.caseId, sessionId: active.session.id });
      reload = false;
      const typed = typedOf(view.session);
      if (typeof typed === 'string') throw new Error(`session ${view.session.id} does not follow the typing model: ${typed}`);
      const editable = view.session.status === 'scheduled' || view.session.status === 'open';
      active = editable ? { caseId: active.caseId, session: view.session, statements: typed.statements, lastLength: typed.lastLength } : null;
      return;
    }
    if (!active) {
      const mediating = mine.filter((c) => c.status === 'mediating');
      if (mediating.length > 0) {
        const target = rng.pick(mediating);
        const plan = { kind: 'session', scheduledAt: FIXTURE_NOW, place: ws.state.data.settings!.rooms[0]!, purpose: '', mediatorIds: [actorId], recorderId: actorId, subject: null };
        const view = await callOk<SessionView>(ws, 'sessions:schedule', { caseId: target.id, plan });
        active = { caseId: target.id, session: view.session, statements: 0, lastLength: 0 };
      } else {
        const registered = mine.filter((c) => c.status === 'registered');
        if (registered.length === 0) return create();
        const target = rng.pick(registered);
        const current = await ws.cases.get(target.id);
        const room = ws.state.data.settings!.rooms[0]!;
        const view = await callOk<CaseView>(ws, 'cases:accept', { id: target.id, revision: current.revision, mediatorIds: [actorId], room, mediationDue: '2026-05-20', note: '材料齐全，予以受理' });
        target.status = 'mediating';
        onAck({ kind: 'case', id: target.id, revision: view.record.revision });
        return;
      }
    } else if (active.session.status === 'scheduled') {
      const view = await callOk<SessionView>(ws, 'sessions:open', { caseId: active.caseId, sessionId: active.session.id, revision: active.session.revision });
      active.session = view.session;
    } else {
      const a: ActiveSession = active;
      const full = a.statements > 0 ? statementText(a.session.id, a.statements - 1).length : 0;
      if (a.statements >= perSession && a.lastLength >= full) {
        const content = typedContent(a.session, a.statements, a.lastLength);
        const view = await callOk<SessionView>(ws, 'sessions:close', { caseId: a.caseId, sessionId: a.session.id, revision: a.session.revision, content, outcome: { type: 'continue', nextAt: null, note: '双方同意下次继续协商' } });
        a.session = view.session;
        ackSession(a);
        counts.sessionWrites += 1;
        active = null;
        return;
      }
      // The mediator types 10–120 more characters before the next autosave; a finished statement starts the next.
      const chunk = rng.int(10, 120);
      let { statements, lastLength } = a;
      if (statements === 0 || lastLength >= full) {
        statements += 1;
        lastLength = Math.min(chunk, statementText(a.session.id, statements - 1).length);
      } else lastLength = Math.min(full, lastLength + chunk);
      const content = typedContent(a.session, statements, lastLength);
      const saved = await callOk<SessionSaved>(ws, 'sessions:save', { caseId: a.caseId, sessionId: a.session.id, revision: a.session.revision, content });
      a.session = { ...a.session, ...content, revision: saved.revision, updatedAt: saved.updatedAt };
      a.statements = statements;
      a.lastLength = lastLength;
    }
    counts.sessionWrites += 1;
    ackSession(active!);
  };

  for (let i = 0; i < opts.ops && !opts.shouldStop?.(); i++) {
    const r = rng.next();
    try {
      if (mine.length === 0 || r < 0.15) {
        await create();
      } else if (r < 0.25) {
        const target = rng.pick(mine);
        work(target.id);
        const current = await ws.cases.get(target.id);
        const at = ws.clock.now().toISOString();
        const note = `调解记录 第${current.revision}次：双方到场，陈述意见。${'记'.repeat(rng.int(0, 400))}`;
        const next = await ws.cases.update(
          target.id,
          current.revision,
          (c) => ({ ...c, updatedAt: at, actions: [...c.actions, { id: randomUUID(), type: 'DETAILS_UPDATED', at, by: actorId, note }] }),
          { actorId, actorName: SETUP.adminName, action: 'cases:update-details', detail: note.slice(0, 40) },
        );
        counts.updates += 1;
        onAck({ kind: 'case', id: target.id, revision: next.revision });
      } else if (r < 0.33) {
        const target = rng.pick(mine);
        work(target.id);
        const name = `${randomUUID()}.pdf`;
        const data = randomBytes(rng.int(100, opts.maxFileBytes ?? 64 * 1024));
        await ws.cases.putFile(target.id, 'documents', name, data);
        counts.documents += 1;
        onAck({ kind: 'file', id: `${target.id}/documents/${name}`, sha256: sha256(data) });
      } else if (r < 0.45) {
        const target = rng.pick(mine);
        work(target.id);
        const mimeType = rng.pick(['image/png', 'image/jpeg', 'application/pdf'] as const);
        const bytes = attachmentBytes(mimeType, rng.int(100, opts.maxFileBytes ?? 64 * 1024));
        const sessionId = active && active.caseId === target.id && rng.chance(0.5) ? active.session.id : null;
        const added = await callOk<Attachment>(ws, 'attachments:add', { caseId: target.id, sessionId, statementId: null, category: 'evidence', label: '现场照片', mimeType, base64: bytes.toString('base64') });
        counts.attachments += 1;
        onAck({ kind: 'attachment', id: `${target.id}/${added.id}/${added.file}`, sha256: sha256(bytes) });
      } else {
        if (active) work(active.caseId);
        await sessionStep().catch((error: unknown) => {
          reload = true;
          throw error;
        });
      }
    } catch (error) {
      // A write that failed is not acknowledged; the app shows the error and the user retries. Reported, not fatal.
      failed(error);
    }
  }
  return counts;
}

/** After a crash: a session left scheduled or open on disk is picked up where its file says it stopped. */
async function resumeSession(ws: Workstation, rng: Rng, work: (caseId: string) => void): Promise<ActiveSession | null> {
  const candidates = (await ws.cases.query({ filter: { status: ['mediating'] }, order: 'oldest' })).items;
  for (let tries = 0; tries < 5 && candidates.length > 0; tries++) {
    const item = candidates.splice(rng.int(0, candidates.length - 1), 1)[0]!;
    const record = await ws.cases.get(item.id);
    const summary = record.sessions.find((s) => s.status === 'scheduled' || s.status === 'open');
    if (!summary) continue;
    work(record.id); // sessions:get may bring the case's summary up to date
    const view = await callOk<SessionView>(ws, 'sessions:get', { caseId: record.id, sessionId: summary.id });
    if (view.session.status !== 'scheduled' && view.session.status !== 'open') continue;
    const typed = typedOf(view.session);
    if (typeof typed === 'string') throw new Error(`session ${summary.id} does not follow the typing model: ${typed}`);
    return { caseId: record.id, session: view.session, statements: typed.statements, lastLength: typed.lastLength };
  }
  return null;
}

export const sha256 = (data: Uint8Array): string => createHash('sha256').update(data).digest('hex');

// ---------------------------------------------------------------------------------------------------------------
// Checking
// ---------------------------------------------------------------------------------------------------------------

/** Every file under `dir`, relative paths. */
export async function walk(dir: string, rel = ''): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(path.join(dir, rel), { withFileTypes: true }).catch(() => [])) {
    const p = rel ? `${rel}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...(await walk(dir, p)));
    else out.push(p);
  }
  return out;
}

export interface RawScan {
  tempFiles: number;
  /** `*.json` and `*.json.1` (case, session, index snapshot, sequence, workstation) that do not parse, relative paths. */
  unparseable: string[];
  filesScanned: number;
}

/**
 * Scans the data directory as the crash left it, before the store opens (and may repair) anything. With
 * `onlyCases`, only those case folders are walked (plus everything outside cases/): the crash loop passes the
 * folders the killed child can have written to.
 */
export async function rawScan(dataDir: string, onlyCases?: Iterable<string>): Promise<RawScan> {
  const records = await recordsFsFor(dataDir);
  let files: string[];
  if (onlyCases) {
    files = [];
    for (const entry of await readdir(dataDir, { withFileTypes: true })) {
      if (!entry.isDirectory()) files.push(entry.name);
      else if (entry.name !== 'cases' && entry.name !== 'quarantine') files.push(...(await walk(dataDir, entry.name)));
    }
    for (const id of onlyCases) files.push(...(await walk(dataDir, `cases/${id}`)));
  } else files = await walk(dataDir);
  const unparseable: string[] = [];
  let tempFiles = 0;
  for (const rel of files) {
    const name = path.basename(rel);
    if (isTempName(name)) tempFiles += 1;
    else if (/\.json(\.1)?$/.test(name) && !rel.startsWith('quarantine/')) {
      try {
        // Sealed files must authenticate and then parse; a torn or altered one fails either way.
        JSON.parse((await records.readFile(path.join(dataDir, rel))).toString('utf8'));
      } catch {
        unparseable.push(rel);
      }
    }
  }
  return { tempFiles, unparseable, filesScanned: files.length };
}

export interface Verification {
  checked: number;
  lost: string[];
  /**
   * Cases and sessions found beyond the acknowledged state, or cases present without any acknowledgement (each
   * counted once: the book then expects what was found). Files persisted without an ACK are not counted.
   */
  unacknowledged: number;
  problems: number;
}

/**
 * Checks the acknowledged writes against an opened store (reopens nothing itself). `sample` limits how many earlier
 * cases are checked (all writes of the cases in `mustCheck` always are).
 */
export async function verifyAcks(ws: Workstation, book: AckBook, opts: { mustCheck?: Set<string>; sample?: number; rng?: Rng } = {}): Promise<Verification> {
  const lost: string[] = [];
  let checked = 0;
  let unacknowledged = 0;
  if (!ws.unlocked) {
    // Setup itself was never durable (a cut before the settings file): no keyring, nothing could be acknowledged.
    if (book.setup) lost.push('setup: the settings file has no keyring after an acknowledged setup');
    for (const id of book.cases.keys()) lost.push(`case ${id}: the store cannot be opened`);
    for (const key of book.files.keys()) lost.push(`file ${key}: the store cannot be opened`);
    for (const key of book.sessions.keys()) lost.push(`session ${key}: the store cannot be opened`);
    for (const key of book.attachments.keys()) lost.push(`attachment ${key}: the store cannot be opened`);
    return { checked: 0, lost, unacknowledged: 0, problems: ws.problems().length };
  }
  // The sample is drawn over cases; every acknowledged write of a chosen case is checked.
  let chosen: Set<string> | null = null;
  if (opts.sample !== undefined) {
    const all = new Set([...book.cases.keys(), ...[...book.files.keys(), ...book.sessions.keys(), ...book.attachments.keys()].map(caseOfKey)]);
    if (all.size > opts.sample) {
      const rest = [...all].filter((k) => !opts.mustCheck?.has(k));
      chosen = new Set([...all].filter((k) => opts.mustCheck?.has(k)));
      for (let i = 0; i < opts.sample && rest.length > 0; i++) chosen.add(rest.splice(Math.floor((opts.rng?.next() ?? Math.random()) * rest.length), 1)[0]!);
    }
  }
  const pick = <V>(map: Map<string, V>) => [...map].filter(([k]) => chosen === null || chosen.has(caseOfKey(k)));
  const records = new Map<string, CaseRecord | Error>();
  const recordOf = async (id: string): Promise<CaseRecord | Error> => {
    if (!records.has(id)) records.set(id, await ws.cases.get(id).catch((error: unknown) => error as Error));
    return records.get(id)!;
  };

  if (book.setup && !ws.state.data.settings) lost.push('setup');
  for (const [id, revision] of pick(book.cases)) {
    checked += 1;
    const record = await recordOf(id);
    if (record instanceof Error) lost.push(`case ${id} (acked revision ${revision}): ${record.message}`);
    else if (record.revision < revision) lost.push(`case ${id} revision ${record.revision} < acked ${revision}`);
    else if (record.revision > revision) {
      // Persisted, but the process died before printing the ACK: count it once, then expect at least that.
      unacknowledged += 1;
      book.cases.set(id, record.revision);
    }
  }
  for (const [key, hash] of pick(book.files)) {
    checked += 1;
    const [caseId, area, name] = key.split('/') as [string, 'documents', string];
    try {
      const data = await ws.cases.getFile(caseId, area, name);
      if (sha256(data) !== hash) lost.push(`file ${key}: content differs from the acknowledged bytes`);
    } catch (error) {
      lost.push(`file ${key}: ${(error as Error).message}`);
    }
  }
  for (const [key, hash] of pick(book.attachments)) {
    checked += 1;
    const [caseId, attachmentId, file] = key.split('/') as [string, string, string];
    const record = await recordOf(caseId);
    if (record instanceof Error) {
      lost.push(`attachment ${key}: ${record.message}`);
      continue;
    }
    const listed = record.attachments.find((a) => a.id === attachmentId);
    if (!listed) lost.push(`attachment ${key}: not listed on the case`);
    else if (listed.sha256 !== hash || listed.file !== file) lost.push(`attachment ${key}: listed with another file or hash`);
    try {
      const data = await ws.cases.getFile(caseId, 'attachments', file);
      if (sha256(data) !== hash) lost.push(`attachment ${key}: content differs from the acknowledged bytes`);
    } catch (error) {
      lost.push(`attachment ${key}: ${(error as Error).message}`);
    }
  }
  for (const [key, acked] of pick(book.sessions)) {
    checked += 1;
    const [caseId, sessionId] = key.split('/') as [string, string];
    const record = await recordOf(caseId);
    if (record instanceof Error) {
      lost.push(`session ${key}: ${record.message}`);
      continue;
    }
    // Every acknowledged session write came after the case listed it (sessions:schedule writes both first).
    if (!record.sessions.some((s) => s.id === sessionId)) lost.push(`session ${key}: not listed on the case`);
    let session: SessionRecord;
    try {
      session = await ws.cases.getSession(caseId, sessionId);
    } catch (error) {
      lost.push(`session ${key} (acked ${acked.revision}:${acked.statements}:${acked.lastLength}): ${(error as Error).message}`);
      continue;
    }
    const stored = typedOf(session);
    if (typeof stored === 'string') lost.push(`session ${key}: ${stored}`);
    else if (!covers(stored, acked)) lost.push(`session ${key}: stored ${stored.revision}:${stored.statements}:${stored.lastLength} < acked ${acked.revision}:${acked.statements}:${acked.lastLength}`);
    else if (stored.revision > acked.revision) {
      unacknowledged += 1;
      book.sessions.set(key, stored);
    }
  }
  // Persisted without an acknowledgement (the write finished, the kill came before the ACK line): idempotent retries
  // must cope with these.
  const listed = await ws.cases.query({});
  for (const item of listed.items) {
    if (book.cases.has(item.id)) continue;
    unacknowledged += 1;
    book.cases.set(item.id, item.revision);
  }
  return { checked, lost, unacknowledged, problems: ws.problems().length };
}

/**
 * Units of work found half applied after a crash (and the store's start): a session or agreement file its case does
 * not list, an attachment file no record names, a unit still pending in units/. Documents are left out: the workload
 * also writes loose document files through putFile on purpose (its "file" writes), which no record names.
 */
export async function halfApplied(ws: Workstation, dataDir: string): Promise<string[]> {
  const found: string[] = [];
  const names = (dir: string) => readdir(dir).then((n) => n.filter((f) => !isTempName(f) && !f.endsWith('.1')), () => [] as string[]);
  for (const pending of await names(path.join(dataDir, 'units'))) found.push(`units/${pending}: still pending after the store opened`);
  for (const item of (await ws.cases.query({})).items) {
    const record = await ws.cases.get(item.id).catch(() => null);
    if (!record) continue;
    const dir = path.join(dataDir, 'cases', item.id);
    for (const f of await names(path.join(dir, 'sessions'))) {
      if (!record.sessions.some((s) => `${s.id}.json` === f)) found.push(`case ${item.caseNumber}: sessions/${f} is not listed on the case`);
    }
    for (const f of await names(path.join(dir, 'agreements'))) {
      if (record.agreement?.id && `${record.agreement.id}.json` !== f) found.push(`case ${item.caseNumber}: agreements/${f} is not the case's agreement`);
      if (!record.agreement) found.push(`case ${item.caseNumber}: agreements/${f} but the case has no agreement`);
    }
    for (const f of await names(path.join(dir, 'attachments'))) {
      if (!record.attachments.some((a) => a.file === f)) found.push(`case ${item.caseNumber}: attachments/${f} is named by no record`);
    }
  }
  return found;
}
