/**
 * The write workload both reliability harnesses run through the REAL store (Workstation + dispatch + FileCaseStore),
 * and the checker that verifies acknowledged writes after a crash or a simulated power cut.
 *
 * An acknowledgement is reported only after the write's promise resolved: `ACK case <id> <revision>`,
 * `ACK file <caseId>/<area>/<name> <sha256>`, `ACK setup <adminId> 1`.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { dispatch } from '../../electron/main/api/dispatch';
import { fixedClock } from '../../electron/main/services/clock';
import { Workstation } from '../../electron/main/services/workstation';
import type { DurableFs } from '../../electron/main/storage/durable-fs';
import { isTempName } from '../../electron/main/storage/durable-fs';
import type { CaseRecord } from '../../electron/shared/domain';
import { FIXTURE_NOW, type Rng, roadTrafficCaseInput, syntheticCase } from '../../tests/fixtures/cases';

export const CONNECTION = 'reliability-1';
export const SETUP = { centerName: '义乌市矛盾纠纷调处化解中心', committeeName: '义乌市人民调解委员会', caseNumberAbbr: 'X', adminName: '周海燕' } as const;

export type Ack = { kind: 'case'; id: string; revision: number } | { kind: 'file'; id: string; sha256: string } | { kind: 'setup'; id: string };

export function formatAck(ack: Ack): string {
  if (ack.kind === 'case') return `ACK case ${ack.id} ${ack.revision}`;
  if (ack.kind === 'file') return `ACK file ${ack.id} ${ack.sha256}`;
  return `ACK setup ${ack.id} 1`;
}

export function parseAck(line: string): Ack | null {
  const m = /^ACK (case|file|setup) (\S+) (\S+)$/.exec(line.trim());
  if (!m) return null;
  if (m[1] === 'case') return { kind: 'case', id: m[2]!, revision: Number(m[3]) };
  if (m[1] === 'file') return { kind: 'file', id: m[2]!, sha256: m[3]! };
  return { kind: 'setup', id: m[2]! };
}

/** What must be on disk: the highest acknowledged revision per case, the hash per acknowledged file. */
export class AckBook {
  readonly cases = new Map<string, number>();
  readonly files = new Map<string, string>();
  setup = false;
  count = 0;

  add(ack: Ack): void {
    this.count += 1;
    if (ack.kind === 'case') this.cases.set(ack.id, Math.max(ack.revision, this.cases.get(ack.id) ?? 0));
    else if (ack.kind === 'file') this.files.set(ack.id, ack.sha256);
    else this.setup = true;
  }
}

export function openStore(dataDir: string, fs?: DurableFs): Promise<Workstation> {
  return Workstation.open({ dataDir, host: 'web', version: '0.0.0-reliability', clock: fixedClock(FIXTURE_NOW), ...(fs ? { fs } : {}) });
}

async function callOk(ws: Workstation, method: string, payload?: unknown): Promise<unknown> {
  const result = await dispatch(ws, CONNECTION, method, payload);
  if (!result.ok) throw new Error(`${method} failed: ${result.error.code} ${result.error.message}`);
  return result.value;
}

/** Completes setup on a fresh store (acknowledged), or signs the first staff member in on an existing one. */
export async function setUpOrSignIn(ws: Workstation, onAck: (ack: Ack) => void): Promise<string> {
  if (!ws.state.data.settings) {
    const admin = (await callOk(ws, 'setup:complete', { ...SETUP })) as { id: string };
    onAck({ kind: 'setup', id: admin.id });
    return admin.id;
  }
  const [first] = (await callOk(ws, 'auth:candidates')) as { id: string }[];
  if (!first) throw new Error('no staff');
  await callOk(ws, 'auth:sign-in', { staffId: first.id });
  return first.id;
}

/**
 * Runs `ops` writes (or until `shouldStop`): creates through dispatch('cases:create'), updates through
 * ws.cases.update (a session-record-like action appended to the history), and write-once documents through
 * ws.cases.putFile. Each is acknowledged only after it resolved.
 */
export async function runWorkload(ws: Workstation, rng: Rng, actorId: string, onAck: (ack: Ack) => void, opts: { ops: number; shouldStop?: () => boolean; maxFileBytes?: number }): Promise<void> {
  const mine: { id: string; revision: number }[] = [];
  for (let i = 0; i < opts.ops && !opts.shouldStop?.(); i++) {
    const r = rng.next();
    if (mine.length === 0 || r < 0.3) {
      const input = rng.chance(0.5) ? roadTrafficCaseInput() : syntheticCase(rng.int(1, 1_000_000), rng);
      const created = (await callOk(ws, 'cases:create', input)) as CaseRecord;
      mine.push({ id: created.id, revision: created.revision });
      onAck({ kind: 'case', id: created.id, revision: created.revision });
    } else if (r < 0.75) {
      const target = rng.pick(mine);
      const at = ws.clock.now().toISOString();
      const note = `调解记录 第${target.revision}次：双方到场，陈述意见。${'记'.repeat(rng.int(0, 400))}`;
      const next = await ws.cases.update(
        target.id,
        target.revision,
        (c) => ({ ...c, updatedAt: at, actions: [...c.actions, { id: randomUUID(), type: 'DETAILS_UPDATED', at, by: actorId, note }] }),
        { actorId, actorName: SETUP.adminName, action: 'cases:update-details', detail: note.slice(0, 40) },
      );
      target.revision = next.revision;
      onAck({ kind: 'case', id: target.id, revision: next.revision });
    } else {
      const target = rng.pick(mine);
      const name = `${randomUUID()}.pdf`;
      const data = randomBytes(rng.int(100, opts.maxFileBytes ?? 64 * 1024));
      await ws.cases.putFile(target.id, 'documents', name, data);
      onAck({ kind: 'file', id: `${target.id}/documents/${name}`, sha256: sha256(data) });
    }
  }
}

export const sha256 = (data: Uint8Array): string => createHash('sha256').update(data).digest('hex');

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
  /** `*.json` and `*.json.1` (case, index snapshot, sequence, workstation) that do not parse, relative paths. */
  unparseable: string[];
}

/** Scans the data directory as the crash left it, before the store opens (and may repair) anything. */
export async function rawScan(dataDir: string): Promise<RawScan> {
  const files = await walk(dataDir);
  const unparseable: string[] = [];
  let tempFiles = 0;
  for (const rel of files) {
    const name = path.basename(rel);
    if (isTempName(name)) tempFiles += 1;
    else if (/\.json(\.1)?$/.test(name) && !rel.startsWith('quarantine/')) {
      try {
        JSON.parse((await readFile(path.join(dataDir, rel))).toString('utf8'));
      } catch {
        unparseable.push(rel);
      }
    }
  }
  return { tempFiles, unparseable };
}

export interface Verification {
  checked: number;
  lost: string[];
  /**
   * Cases found at a revision above the acknowledged one, or present without any acknowledgement (each counted once:
   * the book then expects what was found). Files persisted without an ACK are not counted.
   */
  unacknowledged: number;
  problems: number;
}

/**
 * Reopens nothing itself: checks the acknowledged writes against an opened store. `sample` limits how many
 * earlier cases/files are checked (those in `mustCheck` always are).
 */
export async function verifyAcks(ws: Workstation, book: AckBook, opts: { mustCheck?: Set<string>; sample?: number; rng?: Rng } = {}): Promise<Verification> {
  const lost: string[] = [];
  let checked = 0;
  let unacknowledged = 0;
  const choose = <T>(keys: T[], key: (t: T) => string): T[] => {
    if (opts.sample === undefined || keys.length <= opts.sample) return keys;
    const must = keys.filter((k) => opts.mustCheck?.has(key(k)));
    const rest = keys.filter((k) => !opts.mustCheck?.has(key(k)));
    const picked: T[] = [];
    for (let i = 0; i < opts.sample && rest.length > 0; i++) picked.push(rest.splice(Math.floor((opts.rng?.next() ?? Math.random()) * rest.length), 1)[0]!);
    return [...must, ...picked];
  };
  if (book.setup && !ws.state.data.settings) lost.push('setup');
  for (const [id, revision] of choose([...book.cases], ([k]) => k)) {
    checked += 1;
    try {
      const record = await ws.cases.get(id);
      if (record.revision < revision) lost.push(`case ${id} revision ${record.revision} < acked ${revision}`);
      else if (record.revision > revision) {
        // Persisted, but the process died before printing the ACK: count it once, then expect at least that.
        unacknowledged += 1;
        book.cases.set(id, record.revision);
      }
    } catch (error) {
      lost.push(`case ${id} (acked revision ${revision}): ${(error as Error).message}`);
    }
  }
  for (const [key, hash] of choose([...book.files], ([k]) => k)) {
    checked += 1;
    const [caseId, area, name] = key.split('/') as [string, 'documents', string];
    try {
      const data = await ws.cases.getFile(caseId, area, name);
      if (sha256(data) !== hash) lost.push(`file ${key}: content differs from the acknowledged bytes`);
    } catch (error) {
      lost.push(`file ${key}: ${(error as Error).message}`);
    }
  }
  // Persisted without an acknowledgement (the write finished, the kill came before the ACK line): idempotent retries
  // must cope with these.
  const listed = ws.cases.list({ page: 1, pageSize: 1_000_000 });
  for (const item of listed.items) {
    if (book.cases.has(item.id)) continue;
    unacknowledged += 1;
    book.cases.set(item.id, item.revision);
  }
  return { checked, lost, unacknowledged, problems: ws.problems().length };
}
