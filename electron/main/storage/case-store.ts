import type { AuditEvent, CaseRecord } from '../../shared/domain';
import type { CaseListPage, CaseListQuery } from '../../shared/ipc/contract';
import type { AuditEntryInput } from './audit-log';
import type { RelatedCase } from './case-index';
import type { FileProblem } from './durable-json-file';

export type CaseAudit = Omit<AuditEntryInput, 'caseId'>;

/** Identity handed to `build` when a case is created; `build` formats the case number from year and seq. */
export interface NewCaseNumber {
  id: string;
  year: number;
  seq: number;
}

/**
 * Where cases live. The file store implements it today; a PostgreSQL store for several desks will implement the
 * same interface. Every mutating call carries the audit entry that describes it, written before the change.
 */
export interface CaseStore {
  /** Creates a case: allocates the next case number of the year, then stores what `build` returns. */
  create(year: number, build: (n: NewCaseNumber) => CaseRecord, audit: CaseAudit): Promise<CaseRecord>;
  get(id: string): Promise<CaseRecord>;
  /** Applies `change` to the current record; `expectedRevision` guards against lost updates. */
  update(id: string, expectedRevision: number, change: (current: CaseRecord) => CaseRecord, audit: CaseAudit): Promise<CaseRecord>;
  list(query: CaseListQuery): CaseListPage;
  related(keys: string[], names: string[], excludeId?: string): RelatedCase[];
  openCountByMediator(): Map<string, number>;
  audit(id: string): Promise<AuditEvent[]>;
  /** Files found damaged since the store opened, for the user. */
  problems(): FileProblem[];
  close(): Promise<void>;
}

export class CaseNotFoundError extends Error {
  constructor(readonly id: string) {
    super(`case not found: ${id}`);
    this.name = 'CaseNotFoundError';
  }
}

export class RevisionConflictError extends Error {
  constructor(
    readonly id: string,
    readonly expected: number,
    readonly actual: number,
  ) {
    super(`case ${id} is at revision ${actual}, not ${expected}`);
    this.name = 'RevisionConflictError';
  }
}
