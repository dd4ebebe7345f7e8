import type pg from 'pg';
import type { AgreementRecord, SessionRecord } from '../../../shared/domain';
import { type CaseBundle, checkBundle, namedFiles } from '../case-bundle';
import type { CaseFileArea } from '../case-store';
import { AUDIT_COLUMNS, type AuditRow, openAuditRow } from './audit-rows';
import { inTransaction } from './connection';
import { checkName, openFileRow } from './file-rows';
import { type PartKind, UUID, openRecordRow } from './record-rows';

/*
 * Many cases' bundles in one snapshot, a statement per table for the whole batch: a backup exporting each case through
 * the port spent ~8 round trips a case (the record, each part, each file, the trail, each behind an existence check),
 * and at 100k cases the time went to waiting on them. Every row is opened by the same functions the store's own reads
 * use (openRecordRow, openFileRow, openAuditRow); a case that does not read cleanly is left out, never reported here:
 * the caller reads it alone through the port, which reports it as every read does.
 */

interface RecordRow {
  case_id: string;
  id: string;
  revision: number;
  record: Buffer;
}

interface FileRow {
  case_id: string;
  area: CaseFileArea;
  name: string;
  sha256: string;
  content: Buffer;
}

/** One case's rows from the batch's statements. */
interface CaseRows {
  record: RecordRow | undefined;
  parts: Map<string, RecordRow>;
  files: Map<string, FileRow>;
  audit: AuditRow[];
}

/** The bundles of the cases that read cleanly, as exportCase gives them (see CaseStore.exportCases). */
export async function exportBundles(pool: pg.Pool, key: Buffer, ids: readonly string[]): Promise<Map<string, CaseBundle>> {
  const wanted = [...new Set(ids)].filter((id) => UUID.test(id));
  const bundles = new Map<string, CaseBundle>();
  if (wanted.length === 0) return bundles;
  const byCase = await inTransaction(pool, async (client) => {
    // One snapshot for the batch: no write can land between two statements, so a case reads whole or not at all.
    await client.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const rows = new Map<string, CaseRows>(wanted.map((id) => [id, { record: undefined, parts: new Map(), files: new Map(), audit: [] }]));
    const of = (caseId: string) => rows.get(caseId)!;
    const select = <R extends pg.QueryResultRow>(sql: string) => client.query<R>(sql, [wanted]).then((r) => r.rows);
    for (const r of await select<RecordRow>('SELECT id::text AS case_id, id::text AS id, revision, record FROM cases WHERE id = ANY($1::uuid[])')) of(r.case_id).record = r;
    for (const kind of ['session', 'agreement'] as const) {
      const table = kind === 'session' ? 'sessions' : 'agreements';
      for (const r of await select<RecordRow>(`SELECT case_id::text AS case_id, id::text AS id, revision, record FROM ${table} WHERE case_id = ANY($1::uuid[])`)) of(r.case_id).parts.set(`${kind}/${r.id}`, r);
    }
    for (const r of await select<FileRow>('SELECT case_id::text AS case_id, area, name, sha256, content FROM files WHERE case_id = ANY($1::uuid[])')) of(r.case_id).files.set(`${r.area}/${r.name}`, r);
    for (const r of await select<AuditRow & { case_id: string }>(`SELECT case_id::text AS case_id, ${AUDIT_COLUMNS} FROM audit_events WHERE case_id = ANY($1::uuid[]) ORDER BY case_id, seq`)) of(r.case_id).audit.push(r);
    return rows;
  });
  for (const [id, rows] of byCase) {
    try {
      bundles.set(id, bundleOf(key, id, rows));
    } catch {
      // Left out: the caller's exportCase meets the same damage and reports it.
    }
  }
  return bundles;
}

/**
 * One case's bundle in exportCase's shape and key order (the backup seals its JSON: the same case must give the same
 * bytes either way). Throws where the store's reads would report or refuse.
 */
function bundleOf(key: Buffer, id: string, rows: CaseRows): CaseBundle {
  if (!rows.record) throw new Error(`case ${id} is gone`);
  const record = openRecordRow(key, 'case', id, id, rows.record.record);
  // readRecord reports a record whose revision column says another revision (a row edited in clear).
  if (record.id !== id || record.revision !== rows.record.revision) throw new Error(`case ${id}: its row does not agree with its record`);
  const part = <K extends PartKind>(kind: K, partId: string) => {
    const row = rows.parts.get(`${kind}/${partId}`);
    if (!row) throw new Error(`case ${id}: no ${kind} ${partId}`);
    const read = openRecordRow(key, kind, id, partId, row.record);
    if (read.caseId !== id || read.id !== partId || read.revision !== row.revision) throw new Error(`case ${id}: ${kind} ${partId} does not agree with its row`);
    return read;
  };
  const sessions: SessionRecord[] = record.sessions.map((s) => part('session', s.id));
  const agreement: AgreementRecord | null = record.agreement ? part('agreement', record.agreement.id) : null;
  const files: CaseBundle['files'] = namedFiles(record, agreement).map((f) => {
    checkName(id, f.name);
    const row = rows.files.get(`${f.area}/${f.name}`);
    if (!row) throw new Error(`case ${id}: no file ${f.area}/${f.name}`);
    return { area: f.area, name: f.name, data: new Uint8Array(openFileRow(key, id, f.area, f.name, row)) };
  });
  const events = rows.audit.map((row) => openAuditRow(key, id, row));
  const bundle: CaseBundle = { record, sessions, agreement, files, events };
  checkBundle(bundle);
  return bundle;
}
