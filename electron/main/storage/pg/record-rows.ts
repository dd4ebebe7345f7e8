import type pg from 'pg';
import { z } from 'zod';
import {
  type AgreementRecord,
  AgreementRecordSchema,
  type AuditEvent,
  type CaseRecord,
  CaseRecordSchema,
  type SessionRecord,
  SessionRecordSchema,
} from '../../../shared/domain';
import { type AuditedRecord, checkAgainstTrail } from '../audit-log';
import { AgreementNotFoundError, type CaseAudit, CaseNotFoundError, RevisionConflictError, SessionNotFoundError } from '../case-store';
import { CorruptFileError, type FileProblem } from '../durable-json-file';
import { migrateCase } from '../migrations';
import { type TamperedFileError, isTampered } from '../sealed-fs';
import { contentSha } from '../sha256';
import { TRAIL_SQL, appendAudit, trailFrom } from './audit-rows';
import { openRow, rowLabel, rowName, sealRow } from './sealed-rows';

/*
 * Case records and their parts (sessions, the agreement) as sealed rows: reading one with its trail, locking a case
 * for a write, saving a part with its audit entry. The store's transactions and its read model stay in
 * pg-case-store.ts.
 */

/** What reading and writing sealed rows needs of the store: the key, its problem list, its names for cases, its clock. */
export interface RowContext {
  key: Buffer;
  report(problem: FileProblem): void;
  /** How a case is named to the user (its number when known). */
  describe(caseId: string, year?: number, seq?: number): string;
  /** The time audit entries are stamped with (ISO). */
  at(): string;
}

export function reportTampered(ctx: RowContext, error: TamperedFileError, message: string): void {
  ctx.report({ file: error.file, message, quarantinedTo: null, restoredFromPrevious: false, tampered: true });
}

/** A case as stored: older shapes are migrated on read, as in the file store (migrations.ts), then validated. */
export const StoredCaseSchema = z.preprocess((raw) => migrateCase(raw), CaseRecordSchema);
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Records beside the case, each a row of its own with its own revision (as the file store's files of their own). */
export const PARTS = {
  session: { table: 'sessions', schema: SessionRecordSchema, label: '调解记录', notFound: (c: string, id: string) => new SessionNotFoundError(c, id) },
  agreement: { table: 'agreements', schema: AgreementRecordSchema, label: '调解协议', notFound: (c: string, id: string) => new AgreementNotFoundError(c, id) },
} as const;
export type PartKind = keyof typeof PARTS;
export type PartRecord<K extends PartKind> = K extends 'session' ? SessionRecord : AgreementRecord;
export const partSchema = <K extends PartKind>(kind: K) => PARTS[kind].schema as unknown as z.ZodType<PartRecord<K>>;

/**
 * Reads a case or one of its parts with the last two entries of its trail, in one round trip. A writer takes the
 * case row's lock (lockCase) in a statement before this one: a row lock waited for inside the same statement would
 * hand back the newest row but the trail as of the statement's start (READ COMMITTED), and a save that had just
 * committed on another desk would look like a row put back. A row that fails authentication is reported and never
 * served (CorruptFileError, as a damaged file without a previous generation); an authentic record its trail does not
 * end with (an older row put back) is reported on the case, and served, as the file store does.
 */
export function readRecord(ctx: RowContext, db: pg.Pool | pg.PoolClient, kind: 'case', caseId: string, partId: string): Promise<CaseRecord | null>;
export function readRecord<K extends PartKind>(ctx: RowContext, db: pg.Pool | pg.PoolClient, kind: K, caseId: string, partId: string): Promise<PartRecord<K> | null>;
export async function readRecord(ctx: RowContext, db: pg.Pool | pg.PoolClient, kind: AuditedRecord['kind'], caseId: string, partId: string): Promise<CaseRecord | SessionRecord | AgreementRecord | null> {
  const sql =
    kind === 'case'
      ? `SELECT r.record, r.revision, r.year, r.seq, ${TRAIL_SQL('r.id', 'case', 'r.id')} AS trail FROM cases r WHERE r.id = $1`
      : `SELECT r.record, r.revision, ${TRAIL_SQL('r.case_id', kind, 'r.id')} AS trail FROM ${PARTS[kind].table} r WHERE r.case_id = $1 AND r.id = $2`;
  const row = (await db.query<{ record: Buffer; revision: number; year?: number; seq?: number; trail: { revision: number; sha256: string }[] }>(sql, kind === 'case' ? [caseId] : [caseId, partId])).rows[0];
  if (!row) return null;
  const name = kind === 'case' ? rowName.case(caseId) : rowName[kind](caseId, partId);
  const what = kind === 'case' ? ctx.describe(caseId, row.year, row.seq) : `${ctx.describe(caseId)}的${PARTS[kind].label}`;
  let record: CaseRecord | SessionRecord | AgreementRecord;
  try {
    record = openRecordRow(ctx.key, kind, caseId, partId, row.record);
  } catch (error) {
    if (isTampered(error)) reportTampered(ctx, error, `${what}的数据未通过完整性校验（已损坏或在本软件之外被改动），未予采用，请联系管理员从备份恢复`);
    else ctx.report({ file: rowLabel(name), message: `${what}的数据无法读取（格式不符），未予采用，请联系管理员从备份恢复`, quarantinedTo: null, restoredFromPrevious: false });
    throw new CorruptFileError(rowLabel(name), null, (error as Error).message);
  }
  const trail = trailFrom(kind, partId, row.trail);
  const verdict = checkAgainstTrail(trail, record.revision, contentSha(record));
  if (verdict === 'previous' || verdict === 'mismatch' || record.revision !== row.revision) {
    // A rolled-back transaction leaves no half-write here (unlike a crash between a file's rename and its trail),
    // so even the previous revision is a row put back, not a save cut short.
    const last = trail?.last.revision ?? row.revision;
    ctx.report({ file: rowLabel(name), message: `${what}的数据与审计记录不符（数据为第${record.revision}版，审计记录最后为第${last}版），可能被换成旧版本或在本软件之外改动`, quarantinedTo: null, restoredFromPrevious: false, tampered: true });
  }
  return record;
}

/**
 * A sealed case or part row opened and parsed as the store reads it (older case shapes migrated); throws a
 * TamperedFileError when it does not authenticate under its row's name, a parse error when it is not a record. The
 * one rule for every reader of records (readRecord, the bulk export).
 */
export function openRecordRow(key: Buffer, kind: 'case', caseId: string, partId: string, sealed: Buffer): CaseRecord;
export function openRecordRow<K extends PartKind>(key: Buffer, kind: K, caseId: string, partId: string, sealed: Buffer): PartRecord<K>;
export function openRecordRow(key: Buffer, kind: AuditedRecord['kind'], caseId: string, partId: string, sealed: Buffer): CaseRecord | SessionRecord | AgreementRecord;
export function openRecordRow(key: Buffer, kind: AuditedRecord['kind'], caseId: string, partId: string, sealed: Buffer): CaseRecord | SessionRecord | AgreementRecord {
  const name = kind === 'case' ? rowName.case(caseId) : rowName[kind](caseId, partId);
  const json: unknown = JSON.parse(openRow(key, name, sealed).toString('utf8'));
  return kind === 'case' ? StoredCaseSchema.parse(json) : PARTS[kind].schema.parse(json);
}

/**
 * Locks the case row for a write on the case, its parts or its trail: one chain per case, appended in turn, and a
 * part's revision compared and written while no other desk can save it. FOR NO KEY UPDATE, not FOR UPDATE: inserting
 * a file of the case (a foreign key check, KEY SHARE) need not wait for it.
 */
export async function lockCase(client: pg.PoolClient, id: string): Promise<void> {
  if (!UUID.test(id) || (await client.query('SELECT 1 FROM cases WHERE id = $1 FOR NO KEY UPDATE', [id])).rowCount === 0) throw new CaseNotFoundError(id);
}

export async function caseExists(db: pg.Pool | pg.PoolClient, id: string): Promise<boolean> {
  return UUID.test(id) && ((await db.query('SELECT 1 FROM cases WHERE id = $1', [id])).rowCount ?? 0) > 0;
}

/**
 * Writes a part in the caller's transaction, which holds the case row's lock (the trail is one chain per case,
 * shared with case updates; every save of a part takes it first, so the part's row needs no lock of its own): its
 * revision is compared and the new one written with its audit entry. A new part (expectedRevision null) starts at
 * revision 0, as in the file store; one that exists already is a conflict.
 */
export async function writePart<K extends PartKind>(
  ctx: RowContext,
  client: pg.PoolClient,
  kind: K,
  caseId: string,
  expectedRevision: number | null,
  part: PartRecord<K>,
  audit: CaseAudit,
): Promise<{ next: PartRecord<K>; event: AuditEvent }> {
  if (!UUID.test(part.id)) throw PARTS[kind].notFound(caseId, part.id);
  const table = PARTS[kind].table;
  let revision = 0;
  if (expectedRevision === null) {
    if ((await client.query(`SELECT 1 FROM ${table} WHERE case_id = $1 AND id = $2`, [caseId, part.id])).rowCount !== 0) throw new RevisionConflictError(part.id, 0, -1);
  } else {
    const current = await readRecord(ctx, client, kind, caseId, part.id);
    if (!current || current.caseId !== caseId) throw PARTS[kind].notFound(caseId, part.id);
    if (current.revision !== expectedRevision) throw new RevisionConflictError(part.id, expectedRevision, current.revision);
    revision = current.revision + 1;
  }
  const next = partSchema(kind).parse({ ...part, caseId, revision });
  const event = await appendAudit(client, ctx.key, { ...audit, caseId, record: { kind, id: next.id, revision: next.revision, sha256: contentSha(next) } }, ctx.at());
  const sealed = sealRow(ctx.key, rowName[kind](caseId, next.id), JSON.stringify(next));
  if (expectedRevision === null) await client.query(`INSERT INTO ${table} (case_id, id, revision, record) VALUES ($1, $2, $3, $4)`, [caseId, next.id, next.revision, sealed]);
  else await client.query(`UPDATE ${table} SET revision = $3, record = $4 WHERE case_id = $1 AND id = $2`, [caseId, next.id, next.revision, sealed]);
  return { next, event };
}
