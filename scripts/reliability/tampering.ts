/**
 * Tampering run (issue: records no one can quietly rewrite): someone with the data folder but no password changes it
 * while the app is closed, in every way the review tried, and the app must never serve what was changed as if
 * intact. One base folder is made with the real store (cases, decisions, issued documents, attachments, typed
 * sessions); each trial copies it, applies one change, opens the store with the administrator's key and reads
 * everything back through the API, as the screens do. A trial is
 * - detected when the app says so: a store problem, a case's integrity notice (its page shows it in red), a read
 *   refused as failing its check, a broken audit chain, or 文书核验 not saying 本中心出具，未被修改;
 * - served as intact when a read answers content that differs from what was stored, with none of the above.
 * A change the app cannot see and that changes nothing served (e.g. bytes of a file no screen reads) counts as
 * neither; the run reports those too.
 */
import { cp, mkdtemp, readFile, readdir, rm, unlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { dispatch } from '../../electron/main/api/dispatch';
import { createCenterCertificate, loadCenterCertificate, signPdf } from '../../electron/main/signing';
import { createSealKey } from '../../electron/main/services/seal-unlock';
import { withSealKey } from '../../electron/main/signing/seal-scope';
import { sealingCertificate } from '../../electron/main/signing/sealing-certificate';
import { findBrokenLink } from '../../electron/main/storage/audit-log';
import { centerFingerprints } from '../../electron/main/services/checkpoints';
import { verifyCheckpoints } from '../../electron/main/services/checkpoint-verify';
import { UNIT_MAGIC } from '../../electron/main/crypto/sealing';
import type { Workstation } from '../../electron/main/services/workstation';
import type { AuditEvent } from '../../electron/shared/domain';
import type { CaseView } from '../../electron/shared/ipc/contract';
import { type Rng, seededRng } from '../../tests/fixtures/cases';
import { CONNECTION, openStore, runWorkload, setUpOrSignIn, sha256, walk } from './workload';

export const TAMPER_KINDS = ['byte-flip', 'plain-edit', 'swap-between-cases', 'previous-generation', 'older-copy', 'audit-edit', 'audit-delete', 'audit-reorder', 'registry-deleted', 'resigned-pdf', 'staff-edit'] as const;
export type TamperKind = (typeof TAMPER_KINDS)[number];

export interface TamperingFigures {
  trials: number;
  detected: number;
  servedAsIntact: number;
  /** Changes that altered nothing any read serves and were not reported (e.g. a flipped byte in a torn-tolerant tail). */
  harmlessUnreported: number;
  byKind: Record<string, { trials: number; detected: number; servedAsIntact: number; harmlessUnreported: number }>;
  servedExamples: string[];
  harmlessExamples: string[];
  /** Untouched copies opened and read the same way: any report there would make "detected" meaningless. */
  controls: number;
  controlFalseAlarms: number;
  controlExamples: string[];
  ms: number;
}

async function call<T>(ws: Workstation, method: string, input?: unknown): Promise<{ ok: true; value: T } | { ok: false; code: string }> {
  const r = await dispatch(ws, CONNECTION, method, input);
  return r.ok ? { ok: true, value: r.value as T } : { ok: false, code: r.error.code };
}

/** Everything the screens read, keyed by what it is, with what the app said about it. */
interface Observation {
  reads: Map<string, string>;
  reports: string[];
}

async function observe(ws: Workstation, caseIds: readonly string[], probes: readonly Buffer[]): Promise<Observation> {
  const reads = new Map<string, string>();
  const reports: string[] = [];
  // The administrator at this desk (the store is already open with her key: no second scrypt run per trial).
  const admin = ws.state.data.staff.find((s) => s.roles.includes('admin') && s.active);
  if (!admin) throw new Error('no administrator in the folder');
  ws.signIns.start(CONNECTION, admin, false);
  const info = await call<{ storeProblems: string[] }>(ws, 'app:info');
  if (info.ok) reports.push(...info.value.storeProblems);
  for (const id of caseIds) {
    const view = await call<CaseView>(ws, 'cases:get', { id });
    if (!view.ok) {
      reports.push(`cases:get ${id}: ${view.code}`);
      continue;
    }
    reports.push(...(view.value.integrity ?? []));
    reads.set(`case ${id}`, JSON.stringify(view.value.record));
    const audit = await call<AuditEvent[]>(ws, 'cases:audit', { id });
    if (audit.ok) {
      if (findBrokenLink(audit.value) !== null) reports.push(`audit ${id}: broken chain`);
      reads.set(`audit ${id}`, JSON.stringify(audit.value));
    } else reports.push(`cases:audit ${id}: ${audit.code}`);
    for (const s of view.value.record.sessions) {
      const session = await call<{ session: unknown }>(ws, 'sessions:get', { caseId: id, sessionId: s.id });
      if (session.ok) reads.set(`session ${s.id}`, JSON.stringify(session.value.session));
      else reports.push(`sessions:get ${s.id}: ${session.code}`);
    }
    for (const d of view.value.record.documents) {
      const doc = await call<{ pdfBase64: string; intact: boolean }>(ws, 'documents:read', { caseId: id, documentId: d.id });
      if (!doc.ok) reports.push(`documents:read ${d.id}: ${doc.code}`);
      else if (!doc.value.intact) reports.push(`documents:read ${d.id}: not intact`);
      else reads.set(`document ${d.id}`, sha256(Buffer.from(doc.value.pdfBase64, 'base64')));
    }
    for (const a of view.value.record.attachments) {
      const file = await call<{ base64: string; intact: boolean }>(ws, 'attachments:file', { caseId: id, attachmentId: a.id });
      if (!file.ok) reports.push(`attachments:file ${a.id}: ${file.code}`);
      else if (!file.value.intact) reports.push(`attachments:file ${a.id}: not intact`);
      else reads.set(`attachment ${a.id}`, sha256(Buffer.from(file.value.base64, 'base64')));
    }
  }
  // 文书核验 of PDFs someone hands in: only what this center issued, unchanged, may be 本中心出具，未被修改.
  for (const [i, pdf] of probes.entries()) {
    const v = await call<{ verdict: string; sha256: string }>(ws, 'documents:verify', { pdfBase64: pdf.toString('base64') });
    if (v.ok) reads.set(`verify ${i}`, v.value.verdict);
  }
  // The checkpoints, as 数据核验 checks them (present, authentic, the center's signature, chained).
  const { fingerprints } = await centerFingerprints(ws);
  const checkpoints = await verifyCheckpoints(ws.recordsFs, ws.opts.dataDir, fingerprints);
  reports.push(...checkpoints.problems);
  // What the reads above found (a session or the registry failing its check) is listed by then too.
  const after = await call<{ storeProblems: string[] }>(ws, 'app:info');
  if (after.ok) for (const p of after.value.storeProblems) if (!reports.includes(p)) reports.push(p);
  return { reads, reports };
}

/** Byte offsets where the sealed units of a file begin (found without the key: magic and length are in clear). */
function unitStarts(bytes: Buffer): number[] {
  const starts: number[] = [];
  for (let at = 0; at + 8 <= bytes.length && bytes.subarray(at, at + 4).equals(UNIT_MAGIC); at += 20 + bytes.readUInt32BE(at + 4) + 16) starts.push(at);
  return starts;
}

interface Base {
  dir: string;
  caseIds: string[];
  truth: Observation;
  /** A PDF the center issued (registered), as the probe every trial verifies. */
  issuedPdf: Buffer;
  /** case.json of a case as it was two or more saves ago (an older copy someone kept). */
  olderCopies: Map<string, Buffer>;
}

async function buildBase(root: string, seed: number): Promise<Base> {
  const dir = path.join(root, 'base');
  const rng = seededRng(seed);
  let ws = await openStore(dir);
  const actor = await setUpOrSignIn(ws, () => undefined);
  await runWorkload(ws, rng, actor, () => undefined, { ops: 25, maxFileBytes: 4096 });
  // The notices print the center's phone.
  await ws.updateState((data) => void (data.settings!.phone = '0579-85181234'), { actorId: actor, actorName: 'reliability', action: 'settings:update', detail: '设置中心联系电话' });
  // The certificate made as the first sealing makes it: under a new seal key, boxed to sealers and the recovery key.
  const sealKey = await createSealKey(ws, { id: actor, name: 'reliability' });
  await withSealKey({ staffId: actor, key: sealKey }, () => sealingCertificate(ws));
  const older = new Map<string, Buffer>();
  for (const id of await readdir(path.join(dir, 'cases'))) older.set(id, await readFile(path.join(dir, 'cases', id, 'case.json')));
  await runWorkload(ws, rng, actor, () => undefined, { ops: 25, maxFileBytes: 4096 });
  // At least some cases saved twice since their older copy, whatever the workload chose.
  for (const id of [...older.keys()].slice(0, 3)) {
    for (let k = 0; k < 2; k++) await ws.cases.update(id, null, (r) => r, { actorId: actor, actorName: 'reliability', action: 'cases:touch', detail: '再次保存' });
  }
  await ws.close();
  ws = await openStore(dir);
  await setUpOrSignIn(ws, () => undefined);
  const caseIds = (await readdir(path.join(dir, 'cases'))).sort();
  // An issued document (a 权利义务告知书 fits a case in any status), for the registry and 文书核验.
  let issuedPdf: Buffer | null = null;
  for (const id of caseIds) {
    const issued = await call<{ pdfBase64: string }>(ws, 'documents:issue', { caseId: id, template: 'rights-notice' });
    if (issued.ok) {
      issuedPdf = Buffer.from(issued.value.pdfBase64, 'base64');
      break;
    }
  }
  if (!issuedPdf) throw new Error('no case of the base workload could be issued a document');
  const truth = await observe(ws, caseIds, [issuedPdf]);
  await ws.close();
  if (truth.reports.length) throw new Error(`the base folder already has problems: ${truth.reports.join('; ')}`);
  // Only copies that are really older than the current file count as "older copies".
  const olderCopies = new Map<string, Buffer>();
  for (const [id, bytes] of older) if (!bytes.equals(await readFile(path.join(dir, 'cases', id, 'case.json')))) olderCopies.set(id, bytes);
  return { dir, caseIds, truth, issuedPdf, olderCopies };
}

const pick = <T>(rng: Rng, items: readonly T[]): T => items[rng.int(0, items.length - 1)]!;

/** Applies one change of `kind` to the folder; returns what was done (for the examples) and extra PDFs to verify. */
async function tamper(kind: TamperKind, dir: string, base: Base, rng: Rng): Promise<{ what: string; probes: Buffer[] }> {
  // Every file the app keeps for a record (files the workload stored beside the records but no record names are
  // read by nothing, and left out: a change to them changes nothing anyone is shown).
  const named = new Set<string>();
  for (const [key, value] of base.truth.reads) {
    if (!key.startsWith('case ')) continue;
    const record = JSON.parse(value) as { documents: { files: { file: string }[]; data: { file: string } }[]; attachments: { file: string }[] };
    for (const d of record.documents) for (const f of [...d.files.map((x) => x.file), d.data.file]) named.add(f);
    for (const a of record.attachments) named.add(a.file);
  }
  const rel = (await walk(dir)).filter(
    (f) => !f.startsWith('certificates/') && !f.startsWith('quarantine/') && !/^workstation\.json|^audit\/|\.lock|web-|clock\.json/.test(f) && (!/\/(documents|attachments)\//.test(f) || named.has(path.basename(f))),
  );
  const caseFile = (id: string) => path.join(dir, 'cases', id, 'case.json');
  const auditFile = (id: string) => path.join(dir, 'cases', id, 'audit.jsonl');
  switch (kind) {
    case 'byte-flip': {
      const file = pick(rng, rel);
      const bytes = await readFile(path.join(dir, file));
      if (bytes.length === 0) return { what: `byte-flip: ${file} is empty`, probes: [] };
      const at = rng.int(0, bytes.length - 1);
      bytes[at]! ^= 1 << rng.int(0, 7);
      await writeFile(path.join(dir, file), bytes);
      return { what: `byte-flip ${file}@${at}`, probes: [] };
    }
    case 'plain-edit': {
      // The record as the app served it, an amount and a name changed, written back in clear (there is no key).
      const id = pick(rng, base.caseIds);
      const record = JSON.parse(base.truth.reads.get(`case ${id}`)!) as { dispute: { amount: string | null }; parties: { name: string }[] };
      record.dispute.amount = '96500.00';
      record.parties[0]!.name = `${record.parties[0]!.name}改`;
      await writeFile(caseFile(id), JSON.stringify(record));
      return { what: `plain-edit case ${id}`, probes: [] };
    }
    case 'swap-between-cases': {
      const [a, b] = [pick(rng, base.caseIds), pick(rng, base.caseIds)];
      if (a === b) return tamper('swap-between-cases', dir, base, rng);
      const name = pick(rng, ['case.json', 'audit.jsonl']);
      await cp(path.join(dir, 'cases', a, name), path.join(dir, 'cases', b, name));
      return { what: `swap ${name} ${a} → ${b}`, probes: [] };
    }
    case 'previous-generation': {
      const generations = rel.filter((f) => f.endsWith('.json.1') && f.startsWith('cases/'));
      const file = pick(rng, generations);
      await cp(path.join(dir, file), path.join(dir, file.slice(0, -2)));
      return { what: `previous generation ${file}`, probes: [] };
    }
    case 'older-copy': {
      if (base.olderCopies.size === 0) throw new Error('the base folder has no case saved twice since its older copy');
      const [id, bytes] = pick(rng, [...base.olderCopies]);
      await writeFile(caseFile(id), bytes);
      return { what: `older copy of case ${id}`, probes: [] };
    }
    case 'audit-edit':
    case 'audit-delete':
    case 'audit-reorder': {
      const id = pick(rng, base.caseIds);
      const bytes = await readFile(auditFile(id));
      const starts = unitStarts(bytes);
      const units = starts.map((s, i) => bytes.subarray(s, starts[i + 1] ?? bytes.length));
      if (kind === 'audit-edit') {
        const u = rng.int(0, units.length - 1);
        const at = starts[u]! + rng.int(20, units[u]!.length - 1);
        bytes[at]! ^= 0x10;
        await writeFile(auditFile(id), bytes);
        return { what: `audit-edit case ${id} unit ${u}`, probes: [] };
      }
      if (kind === 'audit-delete') {
        const u = rng.int(0, units.length - 1);
        await writeFile(auditFile(id), Buffer.concat(units.filter((_, i) => i !== u)));
        return { what: `audit-delete case ${id} unit ${u}/${units.length}`, probes: [] };
      }
      if (units.length < 2) return tamper('audit-delete', dir, base, rng);
      const u = rng.int(0, units.length - 2);
      const swapped = [...units];
      [swapped[u], swapped[u + 1]] = [swapped[u + 1]!, swapped[u]!];
      await writeFile(auditFile(id), Buffer.concat(swapped));
      return { what: `audit-reorder case ${id} units ${u}/${u + 1}`, probes: [] };
    }
    case 'registry-deleted': {
      // The review's forgery: the registry gone (it rebuilds itself) and a changed copy of an issued PDF handed in.
      await unlink(path.join(dir, 'document-hashes.jsonl')).catch(() => undefined);
      const forged = Buffer.from(base.issuedPdf);
      forged[forged.length - 12]! ^= 0x01;
      return { what: 'registry deleted, changed PDF verified', probes: [forged] };
    }
    case 'staff-edit': {
      // workstation.json edited by hand: someone gives themselves a role, or adds a made-up administrator.
      const file = path.join(dir, 'workstation.json');
      const doc = JSON.parse(await readFile(file, 'utf8')) as { staff: { id: string; name: string; roles: string[]; loginName: string; active: boolean; createdAt: string }[] };
      if (rng.int(0, 1) === 0) {
        const person = pick(rng, doc.staff);
        const role = pick(rng, ['admin', 'legal_advisor', 'head']);
        person.roles = person.roles.includes(role) && person.roles.length > 1 ? person.roles.filter((r) => r !== role) : [...new Set([...person.roles, role, 'archivist'])];
      } else {
        doc.staff.push({ id: '00000000-0000-4000-8000-000000000abc', name: '冒名管理员', loginName: 'fake', roles: ['admin'], active: true, createdAt: '2026-05-01T00:00:00.000Z' });
      }
      await writeFile(file, JSON.stringify(doc));
      return { what: 'workstation.json: staff or roles edited by hand', probes: [] };
    }
    case 'resigned-pdf': {
      // The certificate folder copied: its key is sealed under the seal key no file holds, so the forger makes a
      // certificate with the same names and re-signs an altered PDF with it.
      const info = await loadCenterCertificate(path.join(dir, 'certificates'));
      if (!info) throw new Error('no center certificate in the base folder');
      const lookalike = await createCenterCertificate(path.join(dir, 'forger-certificate'), { centerName: info.subject, committeeName: info.subject, now: new Date('2026-05-01T00:00:00Z'), sealKey: randomBytes(32) });
      const altered = Buffer.from(base.issuedPdf.toString('latin1').replace('/Producer', '/Producer '), 'latin1');
      const resigned = await signPdf(altered, lookalike, { reason: '伪造', name: '伪造', location: '伪造', signedAt: new Date('2026-05-01T00:00:00Z') });
      return { what: 'altered PDF re-signed with the stolen certificate', probes: [resigned] };
    }
  }
}

/** 100% detected, 0 served as intact, and the controls quiet. */
export const tamperingPasses = (f: TamperingFigures): boolean => f.detected === f.trials && f.servedAsIntact === 0 && f.controlFalseAlarms === 0;

export async function runTampering(opts: { trials: number; seed?: number; log?: (line: string) => void }): Promise<TamperingFigures> {
  const started = Date.now();
  const root = await mkdtemp(path.join(os.tmpdir(), 'reliability-tamper-'));
  const rng = seededRng(opts.seed ?? 20261207);
  const figures: TamperingFigures = { trials: 0, detected: 0, servedAsIntact: 0, harmlessUnreported: 0, byKind: {}, servedExamples: [], harmlessExamples: [], controls: 0, controlFalseAlarms: 0, controlExamples: [], ms: 0 };
  try {
    const base = await buildBase(root, opts.seed ?? 20261207);
    // A control every 50 trials: an untouched copy must open with nothing to report and read exactly the same.
    for (let c = 0; c < Math.max(2, Math.ceil(opts.trials / 50)); c++) {
      const dir = path.join(root, `control-${c}`);
      await cp(base.dir, dir, { recursive: true });
      const ws = await openStore(dir);
      const seen = await observe(ws, base.caseIds, [base.issuedPdf]);
      await ws.close();
      await rm(dir, { recursive: true, force: true });
      figures.controls += 1;
      const differs = [...base.truth.reads].some(([key, value]) => seen.reads.get(key) !== value);
      if (seen.reports.length > 0 || differs) {
        figures.controlFalseAlarms += 1;
        if (figures.controlExamples.length < 5) figures.controlExamples.push(seen.reports.join('; ') || 'reads differ');
      }
    }
    for (let i = 0; i < opts.trials; i++) {
      const kind = TAMPER_KINDS[i % TAMPER_KINDS.length]!;
      const dir = path.join(root, `trial-${i}`);
      await cp(base.dir, dir, { recursive: true });
      const k = (figures.byKind[kind] ??= { trials: 0, detected: 0, servedAsIntact: 0, harmlessUnreported: 0 });
      figures.trials += 1;
      k.trials += 1;
      try {
        const { what, probes } = await tamper(kind, dir, base, rng);
        let seen: Observation;
        try {
          const ws = await openStore(dir);
          try {
            seen = await observe(ws, base.caseIds, [base.issuedPdf, ...probes]);
          } finally {
            await ws.close();
          }
        } catch (error) {
          // Refusing to open is loud, never serving.
          seen = { reads: new Map(), reports: [`did not open: ${(error as Error).message}`] };
        }
        // 文书核验 of the genuine PDF no longer saying 本中心出具 is a refusal, not something served as intact.
        const changed = [...base.truth.reads].filter(([key, value]) => seen.reads.has(key) && seen.reads.get(key) !== value && key !== 'verify 0').map(([key]) => key);
        const genuineRefused = seen.reads.get('verify 0') !== undefined && seen.reads.get('verify 0') !== base.truth.reads.get('verify 0');
        const forgedVerdicts = probes.map((_, j) => seen.reads.get(`verify ${j + 1}`)).filter((v) => v === 'issued_intact');
        const detected = seen.reports.length > 0 || genuineRefused || probes.some((_, j) => seen.reads.get(`verify ${j + 1}`) !== undefined && seen.reads.get(`verify ${j + 1}`) !== 'issued_intact');
        if ((changed.length > 0 && seen.reports.length === 0) || forgedVerdicts.length > 0) {
          figures.servedAsIntact += 1;
          k.servedAsIntact += 1;
          if (figures.servedExamples.length < 10) figures.servedExamples.push(`${what}: served ${[...changed, ...forgedVerdicts.map(() => 'forged PDF as issued_intact')].join(', ')}`);
        } else if (detected) {
          figures.detected += 1;
          k.detected += 1;
        } else {
          figures.harmlessUnreported += 1;
          k.harmlessUnreported += 1;
          if (figures.harmlessExamples.length < 10) figures.harmlessExamples.push(what);
        }
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
      if (opts.log && (i + 1) % 100 === 0) opts.log(`tampering: ${i + 1}/${opts.trials} trials, ${figures.detected} detected, ${figures.servedAsIntact} served as intact, ${((Date.now() - started) / 1000).toFixed(0)} s`);
    }
  } finally {
    await rm(root, { recursive: true, force: true });
  }
  figures.ms = Date.now() - started;
  return figures;
}

if (process.argv[1]?.endsWith('tampering.ts')) {
  const i = process.argv.indexOf('--trials');
  const figures = await runTampering({ trials: i >= 0 ? Number(process.argv[i + 1]) : 1000, log: (l) => console.error(l) });
  console.log(JSON.stringify(figures));
  process.exit(tamperingPasses(figures) ? 0 : 1);
}
