/**
 * 数据核验: every case of the store read back and checked, as `npm run verify` and the administrator's screen do it:
 * each record file authenticates and matches its case's audit trail, each trail's hash chain is unbroken, the previous
 * generations authenticate, and every issued file, attachment and signature image has the SHA-256 its record names.
 * Runs in the background with progress (one case at a time, yielding between cases), so the desk keeps working.
 */
import type { AgreementRecord, AuditEvent, CaseRecord } from '../../shared/domain';
import { findBrokenLink } from '../storage/audit-log';
import type { CaseBundle } from '../storage/case-bundle';
import type { CaseFileArea, CaseStore } from '../storage/case-store';
import { isTampered } from '../storage/sealed-fs';
import { sha256Hex } from '../storage/sha256';
import { type PinnedHead, WORKSTATION_TRAIL, pinnedProblem } from './checkpoint-heads';
import type { CheckpointVerification } from './checkpoint-verify';

const CONCURRENCY = 8;

export interface DataCheckProblem {
  caseId: string;
  caseNumber: string;
  message: string;
}

export interface DataCheckReport {
  cases: number;
  files: number;
  problems: DataCheckProblem[];
  startedAt: string;
  finishedAt: string | null;
  ms: number;
  /** The integrity checkpoints checked with the cases; null when the run was not given them. */
  checkpoints: { count: number; latest: { number: number; at: string } | null } | null;
}

/** The integrity checkpoints (checkpoint-verify.ts) and the workstation trail, for a run that checks them too. */
export interface IntegritySources {
  checkpoints(): Promise<CheckpointVerification>;
  workstationTrail(): Promise<AuditEvent[]>;
}

export interface DataCheckProgress {
  done: number;
  total: number;
}

/**
 * Cases per exportCases call: few enough that eight batches of cases with their files sit in memory without trouble,
 * enough that a database answers a batch in six statements instead of ~200 round trips.
 */
const BATCH = 25;

/**
 * A case whose bundle held together (checkBundle: an unbroken trail from its first entry, every record the last its
 * trail proves, every named file with its SHA-256): what checkCase checks of it is done; the checkpoint's pin and the
 * previous generations are not, and are checked here. Files are counted as checkCase counts them.
 */
async function checkBundled(store: CaseStore, bundle: CaseBundle, pinned: PinnedHead | undefined): Promise<{ files: number; problems: string[] }> {
  const { record, agreement } = bundle;
  const lost = pinned ? pinnedProblem(pinned, bundle.events) : null;
  await store.checkPreviousGenerations(record.id, record);
  const documents = record.documents.reduce((n, doc) => n + doc.files.length + 1, 0);
  const signatures = agreement?.signatures.filter((s) => s.image).length ?? 0;
  const files = 2 + documents + record.attachments.length + record.sessions.length + (agreement ? 1 + signatures : 0);
  return { files, problems: lost ? [lost] : [] };
}

/** Checks one case; problems are described in Chinese for the report (the store's own notices come from `store.problems()`). */
async function checkCase(store: CaseStore, id: string, pinned: PinnedHead | undefined): Promise<{ files: number; problems: string[] }> {
  const problems: string[] = [];
  let files = 0;
  // The trail first: reading it also gives the store what the record must match, so it is read once, not twice.
  const events = await store.audit(id);
  files += 1;
  const broken = findBrokenLink(events);
  if (broken !== null) problems.push(`办理记录（审计链）在第${broken + 1}条处断开`);
  // The signed checkpoint catches what the chain cannot: its tail cut off, or its history rewritten and rehashed.
  const lost = pinned ? pinnedProblem(pinned, events) : null;
  if (lost) problems.push(lost);
  let record: CaseRecord;
  try {
    record = await store.get(id);
    files += 1;
  } catch (error) {
    return { files, problems: [...problems, `案件文件无法读取：${(error as Error).message.slice(0, 120)}`] };
  }
  await store.checkPreviousGenerations(id, record);
  const file = async (area: CaseFileArea, name: string, sha256: string, what: string) => {
    files += 1;
    try {
      if (sha256Hex(await store.getFile(id, area, name)) !== sha256) problems.push(`${what}与登记的SHA-256不符`);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') problems.push(`${what}缺失`);
      else if (isTampered(error)) problems.push(`${what}未通过完整性校验`);
      else throw error;
    }
  };
  for (const doc of record.documents) {
    for (const f of doc.files) await file('documents', f.file, f.sha256, `《${doc.title}》第${doc.version}版的${f.format.toUpperCase()}文件`);
    await file('documents', doc.data.file, doc.data.sha256, `《${doc.title}》第${doc.version}版的数据快照`);
  }
  for (const a of record.attachments) await file('attachments', a.file, a.sha256, `附件“${a.label}”`);
  for (const s of record.sessions) {
    files += 1;
    await store.getSession(id, s.id).catch((error: unknown) => problems.push(`第${s.number}次${s.kind === 'investigation' ? '调查' : '调解'}的记录无法读取：${(error as Error).message.slice(0, 80)}`));
  }
  if (record.agreement) {
    files += 1;
    const agreement: AgreementRecord | null = await store.getAgreement(id, record.agreement.id).catch((error: unknown) => {
      problems.push(`调解协议无法读取：${(error as Error).message.slice(0, 80)}`);
      return null;
    });
    for (const s of agreement?.signatures ?? []) if (s.image) await file('signatures', s.image.file, s.image.sha256, '签名图片');
  }
  return { files, problems };
}

/**
 * Checks every case. `onProgress` is told after each case; the store's notices raised while reading (files that failed
 * authentication or their trail) are added to the report under their case. With `integrity`, the checkpoints are
 * checked first and every chain (the workstation's too) is held against the latest one.
 */
export async function checkAllData(store: CaseStore, now: () => Date, onProgress: (p: DataCheckProgress) => void = () => undefined, integrity?: IntegritySources): Promise<DataCheckReport> {
  const started = performance.now();
  const startedAt = now().toISOString();
  const { items } = await store.query({});
  const problems: DataCheckProblem[] = [];
  const checkpoints = integrity ? await integrity.checkpoints() : null;
  for (const message of checkpoints?.problems ?? []) problems.push({ caseId: '', caseNumber: '', message });
  let files = 0;
  // Eight batches at a time: reading is mostly waiting for the disk or the database, and the cases are independent
  // (51 s at 100k cases on the folder, against 171 s one at a time). Where the store reads in bulk (PostgreSQL: a
  // statement per table for the batch instead of ~8 round trips a case), a batch is read with exportCases, which
  // checks each case whole (checkBundle); a case it leaves out, and every case elsewhere, is read alone (checkCase),
  // which says what is wrong.
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < items.length) {
      const batch = items.slice(next, next + BATCH);
      next += batch.length;
      const bundles = store.exportsInBulk ? await store.exportCases(batch.map((i) => i.id)) : new Map<string, CaseBundle>();
      for (const item of batch) {
        const bundle = bundles.get(item.id);
        const pinned = checkpoints?.list.get(item.id);
        const checked = bundle ? await checkBundled(store, bundle, pinned) : await checkCase(store, item.id, pinned);
        files += checked.files;
        for (const message of checked.problems) problems.push({ caseId: item.id, caseNumber: item.caseNumber, message });
        done += 1;
        if (done % 50 === 0 || done === items.length) onProgress({ done, total: items.length });
      }
      await new Promise((resolve) => setImmediate(resolve));
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  if (checkpoints) {
    const listed = new Set(items.map((i) => i.id));
    for (const [id, pinned] of checkpoints.list) {
      if (!listed.has(id)) problems.push({ caseId: id, caseNumber: pinned.caseNumber, message: `案件文件夹缺失：数据完整性凭证第${pinned.number}号记录了该案件的办理记录` });
    }
    const trail = checkpoints.workstation ? pinnedProblem(checkpoints.workstation, await integrity!.workstationTrail(), WORKSTATION_TRAIL) : null;
    if (trail) problems.push({ caseId: '', caseNumber: '', message: trail });
  }
  problems.sort((a, b) => a.caseNumber.localeCompare(b.caseNumber));
  // What the store noticed while reading (and what it had noticed before), under the case its file belongs to.
  const byFolder = new Map(items.map((i) => [i.id, i]));
  for (const p of store.problems()) {
    // A folder's file (…/cases/<id>/…) or a center database's row (postgresql:case/<id>, …:file/<id>/…).
    const id = /(?:[\\/]cases[\\/]|^postgresql:[a-z]+\/)([0-9a-f-]{36})(?:[\\/]|$)/.exec(p.file)?.[1];
    const item = id ? byFolder.get(id) : undefined;
    const message = p.message;
    if (!problems.some((x) => x.message === message)) problems.push({ caseId: item?.id ?? '', caseNumber: item?.caseNumber ?? '', message });
  }
  if (items.length === 0) onProgress({ done: 0, total: 0 });
  const summary = checkpoints ? { count: checkpoints.count, latest: checkpoints.latest } : null;
  return { cases: items.length, files, problems, startedAt, finishedAt: now().toISOString(), ms: Math.round(performance.now() - started), checkpoints: summary };
}
