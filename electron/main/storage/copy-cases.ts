import { BundleRefusedError, type CaseBundle, exportCase } from './case-bundle';
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

/**
 * Copies every case of one store into another (a desk's folder into the center's database, or back), oldest first
 * so the numbers arrive in order. Each case goes as one bundle (its trail verbatim, its files, its number) and is read
 * back from the target and compared before it counts as copied. Idempotent and resumable: a case already in the
 * target with the same trail counts as present, so a run interrupted anywhere is finished by running it again.
 */
export async function copyCases(from: CaseStore, to: CaseStore, onProgress: (done: number, total: number) => void = () => undefined): Promise<CopyReport> {
  const started = performance.now();
  const { items } = await from.query({ order: 'oldest' });
  const report: CopyReport = { total: items.length, imported: 0, present: 0, problems: [], ms: 0 };
  let done = 0;
  for (const item of items) {
    const problem = (message: string) => report.problems.push({ caseId: item.id, caseNumber: item.caseNumber, message });
    let bundle: CaseBundle;
    try {
      bundle = await exportCase(from, item.id);
    } catch (error) {
      problem(`源数据无法读取：${(error as Error).message}`);
      onProgress(++done, items.length);
      continue;
    }
    try {
      const outcome = await to.importCase(bundle);
      const back = await exportCase(to, item.id);
      if (fingerprint(back) !== fingerprint(bundle)) problem('复制后读回的内容与源数据不一致');
      else if (outcome === 'imported') report.imported += 1;
      else report.present += 1;
    } catch (error) {
      problem(error instanceof BundleRefusedError ? error.reason : `写入失败：${(error as Error).message}`);
    }
    onProgress(++done, items.length);
  }
  report.ms = Math.round(performance.now() - started);
  return report;
}
