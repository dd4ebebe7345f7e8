/**
 * One desk's share of the multi-desk benchmark (scripts/bench/desks/run.ts): for `ms` milliseconds, what a busy
 * center's desk does through the store port: registrations, list pages with filters, text searches, related-case
 * lookups, updates of cases other desks update too (with the revision read just before: a conflict is the expected,
 * reported answer, never a lost update), and session autosaves. The same code runs against the file store (desks as
 * concurrent clients of one process) and PostgreSQL (one process per desk).
 */
import { performance } from 'node:perf_hooks';
import { RevisionConflictError, type CaseStore } from '../../../electron/main/storage/case-store';
import type { CaseStatus } from '../../../electron/shared/domain';
import { seededRng } from '../../../tests/fixtures/cases';
import { auditOf, caseBuild, sessionOf } from '../../../tests/main/storage/pg/records';

export interface DeskReport {
  desk: number;
  created: { id: string; year: number; seq: number }[];
  /** Successful updates per hot case: the final revision must be the start revision plus the sum over desks. */
  updated: Record<string, number>;
  conflicts: number;
  errors: string[];
  ms: { create: number[]; update: number[]; session: number[]; list: number[]; text: number[]; related: number[] };
}

const STATUSES: CaseStatus[] = ['registered', 'accepted', 'mediating', 'agreed', 'closed', 'archived'];
const TYPES = ['01', '02', '03', '04', '05', '06', '07', '08', '09', '10'];

export async function runDesk(store: CaseStore, desk: number, hot: readonly string[], names: readonly string[], ms: number, year: number): Promise<DeskReport> {
  const rng = seededRng(7000 + desk);
  const report: DeskReport = { desk, created: [], updated: {}, conflicts: 0, errors: [], ms: { create: [], update: [], session: [], list: [], text: [], related: [] } };
  const timed = async <T>(into: number[], work: () => Promise<T>): Promise<T> => {
    const t0 = performance.now();
    const result = await work();
    into.push(performance.now() - t0);
    return result;
  };
  // The desk's own case for the session autosaves (a mediator typing the record).
  const own = await store.create(year, caseBuild(desk), auditOf('cases:create'));
  report.created.push({ id: own.id, year: own.year, seq: own.seq });
  let session = await store.saveSession(own.id, null, sessionOf(own.id), auditOf('sessions:create'));
  const until = performance.now() + ms;
  let n = 0;
  while (performance.now() < until) {
    n += 1;
    const roll = rng.next();
    try {
      if (roll < 0.1) {
        const c = await timed(report.ms.create, () => store.create(year, caseBuild(desk * 100_000 + n), auditOf('cases:create')));
        report.created.push({ id: c.id, year: c.year, seq: c.seq });
      } else if (roll < 0.4) {
        await timed(report.ms.list, () => store.query({ filter: { status: [rng.pick(STATUSES)], disputeType: rng.pick(TYPES) }, limit: 20 }));
      } else if (roll < 0.55) {
        await timed(report.ms.text, () => store.query({ filter: { text: rng.pick(names) }, limit: 20 }));
      } else if (roll < 0.7) {
        await timed(report.ms.related, () => store.related([], [rng.pick(names)]));
      } else if (roll < 0.85) {
        const id = rng.pick(hot);
        const current = await store.get(id);
        try {
          await timed(report.ms.update, () => store.update(id, current.revision, (r) => ({ ...r, updatedAt: new Date().toISOString() }), auditOf('cases:update', `desk ${desk}`)));
          report.updated[id] = (report.updated[id] ?? 0) + 1;
        } catch (error) {
          if (!(error instanceof RevisionConflictError)) throw error;
          report.conflicts += 1;
        }
      } else {
        session = await timed(report.ms.session, () => store.saveSession(own.id, session.revision, { ...session, purpose: `第${n}次自动保存` }, auditOf('sessions:save')));
      }
    } catch (error) {
      if (report.errors.length < 20) report.errors.push((error as Error).message.slice(0, 200));
    }
  }
  return report;
}
