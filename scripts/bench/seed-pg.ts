import { exportCase } from '../../electron/main/storage/case-bundle';
import type { CaseStore } from '../../electron/main/storage/case-store';

/**
 * Every case of a generated folder into a bench database, in batches of one transaction each (importCases), the next
 * batch exported while one is written. Quicker than copyCases (no read-back): the bench only needs the data there.
 */
export async function seedCases(source: CaseStore, target: CaseStore, log: (line: string) => void, batch = 500): Promise<number> {
  const started = performance.now();
  const { items } = await source.query({ order: 'oldest' });
  const exportBatch = async (at: number) => Promise.all(items.slice(at, at + batch).map((i) => exportCase(source, i.id)));
  let next = items.length > 0 ? exportBatch(0) : null;
  for (let at = 0; at < items.length; at += batch) {
    const bundles = await next!;
    next = at + batch < items.length ? exportBatch(at + batch) : null;
    await target.importCases(bundles);
    if (Math.floor((at + batch) / 10_000) > Math.floor(at / 10_000)) log(`  ${Math.min(at + batch, items.length)} copied`);
  }
  return performance.now() - started;
}
