import { type AgreementRecord, AgreementRecordSchema, type AuditEvent, type CaseRecord, CaseRecordSchema, type SessionRecord, SessionRecordSchema } from '../../shared/domain';
import { GENESIS_HASH, checkAgainstTrail, findBrokenLink } from './audit-log';
import { AgreementNotFoundError, type CaseFileArea, CaseNotFoundError, type CaseStore, LinkedFileError, SessionNotFoundError } from './case-store';
import { CorruptFileError } from './durable-json-file';
import { isTampered } from './sealed-fs';
import { contentSha, sha256Hex } from './sha256';

/**
 * Everything of one case as stored: the record, its sessions and agreement, the files its records name, and its audit
 * trail verbatim. A bundle moves a case between stores (a desk's folder into the center's database and back), and is
 * what a backup holds and a restore puts back: the trail travels unchanged, so a checkpoint or a paper 凭证 made
 * before still vouches for the case after the move.
 */
export interface CaseBundle {
  record: CaseRecord;
  sessions: SessionRecord[];
  agreement: AgreementRecord | null;
  files: { area: CaseFileArea; name: string; data: Uint8Array }[];
  events: AuditEvent[];
}

/** The files a case's records name, with the SHA-256 each must have. */
export function namedFiles(record: CaseRecord, agreement: AgreementRecord | null): { area: CaseFileArea; name: string; sha256: string }[] {
  const files: { area: CaseFileArea; name: string; sha256: string }[] = [];
  for (const doc of record.documents) {
    for (const f of doc.files) files.push({ area: 'documents', name: f.file, sha256: f.sha256 });
    if (doc.data) files.push({ area: 'documents', name: doc.data.file, sha256: doc.data.sha256 });
  }
  for (const a of record.attachments) files.push({ area: 'attachments', name: a.file, sha256: a.sha256 });
  for (const s of agreement?.signatures ?? []) {
    if (s.image) files.push({ area: 'signatures', name: s.image.file, sha256: s.image.sha256 });
    if (s.strokes) files.push({ area: 'signatures', name: s.strokes.file, sha256: s.strokes.sha256 });
  }
  return files;
}

/** Reads a whole case through the port (any store). */
export async function exportCase(store: CaseStore, id: string): Promise<CaseBundle> {
  const record = await store.get(id);
  const sessions: SessionRecord[] = [];
  for (const s of record.sessions) sessions.push(await store.getSession(id, s.id));
  const agreement = record.agreement ? await store.getAgreement(id, record.agreement.id) : null;
  const files: CaseBundle['files'] = [];
  for (const f of namedFiles(record, agreement)) files.push({ area: f.area, name: f.name, data: new Uint8Array(await store.getFile(id, f.area, f.name)) });
  return { record, sessions, agreement, files, events: await store.audit(id) };
}

/** A bundle whose contents do not hold together: never imported, with what is wrong (in Chinese, for the report). */
export class BundleRefusedError extends Error {
  constructor(
    readonly caseId: string,
    readonly reason: string,
  ) {
    super(reason);
    this.name = 'BundleRefusedError';
  }
}

/**
 * Checks that a bundle is what a store wrote: an unbroken chain from its first entry, every record the last thing its
 * trail proves, every named file present with its SHA-256. Throws BundleRefusedError naming the first problem.
 */
export function checkBundle(bundle: CaseBundle): void {
  const { record, events } = bundle;
  const refuse = (reason: string): never => {
    throw new BundleRefusedError(record.id, `案件${record.caseNumber}：${reason}`);
  };
  if (!CaseRecordSchema.safeParse(record).success) refuse('案件记录格式不正确');
  if (bundle.sessions.some((s) => !SessionRecordSchema.safeParse(s).success)) refuse('调解记录格式不正确');
  if (bundle.agreement && !AgreementRecordSchema.safeParse(bundle.agreement).success) refuse('调解协议格式不正确');
  if (events.length === 0) refuse('没有审计记录');
  if (events[0]!.seq !== 0 || events[0]!.prevHash !== GENESIS_HASH) refuse('审计记录不完整（缺少开头部分）');
  if (events.some((e, i) => e.seq !== i || e.caseId !== record.id)) refuse('审计记录的序号或案件不符');
  const broken = findBrokenLink(events);
  if (broken !== null) refuse(`审计记录第${broken + 1}条的哈希链断裂（可能被改动）`);
  const trail = (kind: 'case' | 'session' | 'agreement', id: string) => {
    const proofs = events.flatMap((e) => (e.record && e.record.kind === kind && e.record.id === id ? [e.record] : []));
    const last = proofs.at(-1);
    return last ? { last, before: proofs.at(-2) ?? null } : null;
  };
  const proven = (kind: 'case' | 'session' | 'agreement', r: { id: string; revision: number }, what: string) => {
    const verdict = checkAgainstTrail(trail(kind, r.id), r.revision, contentSha(r));
    if (verdict !== 'match' && verdict !== 'none') refuse(`${what}与审计记录不符（第${r.revision}版）`);
  };
  proven('case', record, '案件记录');
  for (const s of bundle.sessions) {
    if (s.caseId !== record.id) refuse('调解记录不属于本案件');
    proven('session', s, `第${s.number}次${s.kind === 'session' ? '调解' : '调查'}的记录`);
  }
  if (bundle.agreement) {
    if (bundle.agreement.caseId !== record.id) refuse('调解协议不属于本案件');
    proven('agreement', bundle.agreement, '调解协议');
  }
  const have = new Map(bundle.files.map((f) => [`${f.area}/${f.name}`, f.data]));
  for (const f of namedFiles(record, bundle.agreement)) {
    const data = have.get(`${f.area}/${f.name}`);
    if (!data) refuse(`缺少文件 ${f.area}/${f.name}`);
    if (sha256Hex(data!) !== f.sha256) refuse(`文件 ${f.area}/${f.name} 的 SHA-256 与记录不符（可能被改动）`);
  }
}

/** The fingerprints of a case's issued files, as "verify a document" looks them up. */
export function issuedOf(record: CaseRecord): { sha256: string; caseId: string; documentId: string }[] {
  return record.documents.flatMap((doc) => doc.files.map((f) => ({ sha256: f.sha256, caseId: record.id, documentId: doc.id })));
}

/** Whether a store that already holds the bundle's case holds this very bundle (same trail head) or another. */
export function presentOrRefused(bundle: CaseBundle, head: { seq: number; hash: string } | null): 'present' {
  const last = bundle.events.at(-1)!;
  if (head && head.seq === last.seq && head.hash === last.hash) return 'present';
  throw new BundleRefusedError(bundle.record.id, `案件${bundle.record.caseNumber}已存在，且办理记录与导入的不同（不覆盖）`);
}

/** importCases for a store without transactions across cases: one at a time, each case whole or nothing. */
export async function importOneByOne(store: { importCase(b: CaseBundle): Promise<'imported' | 'present'> }, bundles: readonly CaseBundle[]): Promise<('imported' | 'present')[]> {
  const results: ('imported' | 'present')[] = [];
  for (const b of bundles) results.push(await store.importCase(b));
  return results;
}

/**
 * Whether exportCase (then checkBundle) failed because of the case itself: gone, damaged, a named file missing, a
 * record disagreeing with its trail. Anything else (a disk or connection failing, the store closed) is not the case's.
 */
export function isCaseUnreadable(error: unknown): boolean {
  return (
    error instanceof CaseNotFoundError ||
    error instanceof SessionNotFoundError ||
    error instanceof AgreementNotFoundError ||
    error instanceof BundleRefusedError ||
    error instanceof CorruptFileError ||
    error instanceof LinkedFileError ||
    isTampered(error) ||
    (error as NodeJS.ErrnoException | null)?.code === 'ENOENT'
  );
}

/**
 * exportCases for a store without a cheaper way to read many cases: each through exportCase and checkBundle; a case
 * that does not read cleanly is left out (the caller reads it again alone, and meets its damage there).
 */
export async function exportOneByOne(store: CaseStore, ids: readonly string[]): Promise<Map<string, CaseBundle>> {
  const bundles = new Map<string, CaseBundle>();
  for (const id of ids) {
    try {
      const bundle = await exportCase(store, id);
      checkBundle(bundle);
      bundles.set(id, bundle);
    } catch (error) {
      if (!isCaseUnreadable(error)) throw error;
    }
  }
  return bundles;
}
