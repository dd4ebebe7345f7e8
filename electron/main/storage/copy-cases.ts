import { BundleRefusedError, type CaseBundle, exportCase } from './case-bundle';
import type { CaseListItem } from '../../shared/ipc/contract';
import type { CaseStore } from './case-store';

export interface CopyProblem {
  caseId: string;
  caseNumber: string;
  /** In Chinese, for the report. */
  message: string;
}

export interface CopyReport {
  /** Cases in the source. */
  total: number;
  /** Copied by this run. */
  imported: number;
  /** Already in the target, the same (an earlier run, interrupted or not). */
  present: number;
  /** Not copied: unreadable in the source, refused by the target, or read back differently. */
  problems: CopyProblem[];
  ms: number;
}

/** A bundle as comparable text (files as base64): what was read from the source must be what the target gives back. */
const fingerprint = (b: CaseBundle): string => JSON.stringify({ ...b, files: b.files.map((f) => ({ ...f, data: Buffer.from(f.data).toString('base64') })) });

/** Cases read, written (one transaction on PostgreSQL) and read back together. */
const BATCH = 200;

/**
 * Copies every case of one store into another (a desk's folder into the center's database, or back), oldest first
 * so the numbers arrive in order. Each case goes as one bundle (its trail verbatim, its files, its number), in batches
 * (importCases), and is read back from the target and compared before it counts as copied. A batch the target refuses
 * is taken again case by case, so the report names the case at fault and the others still get copied. Idempotent and
 * resumable: a case already in the target with the same trail counts as present, so a run interrupted anywhere is
 * finished by running it again.
 */
export async function copyCases(from: CaseStore, to: CaseStore, onProgress: (done: number, total: number) => void = () => undefined): Promise<CopyReport> {
  const started = performance.now();
  const { items } = await from.query({ order: 'oldest' });
  const report: CopyReport = { total: items.length, imported: 0, present: 0, problems: [], ms: 0 };
  let done = 0;
  for (let at = 0; at < items.length; at += BATCH) {
    const batch = items.slice(at, at + BATCH);
    const problem = (item: CaseListItem, message: string) => report.problems.push({ caseId: item.id, caseNumber: item.caseNumber, message });
    const read: { item: CaseListItem; bundle: CaseBundle }[] = [];
    for (const item of batch) {
      try {
        read.push({ item, bundle: await exportCase(from, item.id) });
      } catch (error) {
        problem(item, `源数据无法读取：${(error as Error).message}`);
      }
    }
    const outcomes = await importBatch(to, read.map((r) => r.bundle));
    for (const [i, { item, bundle }] of read.entries()) {
      const outcome = outcomes[i]!;
      if (outcome instanceof Error) {
        problem(item, outcome instanceof BundleRefusedError ? outcome.reason : `写入失败：${outcome.message}`);
        continue;
      }
      try {
        const back = await exportCase(to, item.id);
        if (fingerprint(back) !== fingerprint(bundle)) problem(item, '复制后读回的内容与源数据不一致');
        else if (outcome === 'imported') report.imported += 1;
        else report.present += 1;
      } catch (error) {
        problem(item, `写入后无法读回：${(error as Error).message}`);
      }
    }
    done += batch.length;
    onProgress(done, items.length);
  }
  report.ms = Math.round(performance.now() - started);
  return report;
}

/** The batch at once; when the target refuses it, each case on its own, so that only the faulty ones are left out. */
async function importBatch(to: CaseStore, bundles: readonly CaseBundle[]): Promise<('imported' | 'present' | Error)[]> {
  try {
    return await to.importCases(bundles);
  } catch {
    const outcomes: ('imported' | 'present' | Error)[] = [];
    for (const b of bundles) outcomes.push(await to.importCase(b).catch((error: unknown) => (error instanceof Error ? error : new Error(String(error)))));
    return outcomes;
  }
}
