import type pg from 'pg';
import { CASE_FILE_NAME, type CaseFileArea, CaseNotFoundError } from '../case-store';
import { TamperedFileError, isTampered } from '../sealed-fs';
import { sha256Hex } from '../sha256';
import { sqlState } from './connection';
import { type RowContext, UUID, caseExists, reportTampered } from './record-rows';
import { openRow, rowLabel, rowName, sealRow } from './sealed-rows';

/*
 * A case's write-once files (issued documents, attachments, signatures) in `files`, sealed under the name of their
 * row, with the SHA-256 of the plaintext beside them; and the registry of issued files' fingerprints.
 */
export function checkName(caseId: string, name: string): void {
  if (!UUID.test(caseId)) throw new CaseNotFoundError(caseId);
  if (!CASE_FILE_NAME.test(name)) throw new Error(`not an app-generated file name: ${JSON.stringify(name)}`);
}

/** Write-once: the primary key refuses a second file of the same name (and the table's trigger any change). */
export async function insertFile(key: Buffer, db: pg.Pool | pg.PoolClient, caseId: string, area: CaseFileArea, name: string, data: Uint8Array): Promise<void> {
  checkName(caseId, name);
  try {
    await db.query('INSERT INTO files (case_id, area, name, sha256, size, content) VALUES ($1, $2, $3, $4, $5, $6)', [
      caseId,
      area,
      name,
      sha256Hex(data),
      data.length,
      sealRow(key, rowName.file(caseId, area, name), data),
    ]);
  } catch (error) {
    if (sqlState(error) === '23503') throw new CaseNotFoundError(caseId);
    if (sqlState(error) === '23505') throw new Error(`refusing to overwrite ${area}/${name} of case ${caseId}`);
    throw error;
  }
}

/** A missing file is ENOENT and a damaged one a TamperedFileError, as from the file store (callers tell them apart). */
export async function readFileRow(ctx: RowContext, db: pg.Pool | pg.PoolClient, caseId: string, area: CaseFileArea, name: string): Promise<Buffer> {
  checkName(caseId, name);
  const row = (await db.query<{ content: Buffer; sha256: string }>('SELECT content, sha256 FROM files WHERE case_id = $1 AND area = $2 AND name = $3', [caseId, area, name])).rows[0];
  if (!row) {
    if (!(await caseExists(db, caseId))) throw new CaseNotFoundError(caseId);
    throw Object.assign(new Error(`ENOENT: no file ${area}/${name} in case ${caseId}`), { code: 'ENOENT' });
  }
  try {
    return openFileRow(ctx.key, caseId, area, name, row);
  } catch (error) {
    if (isTampered(error)) reportTampered(ctx, error, `${ctx.describe(caseId)}的文件 ${area}/${name} 未通过完整性校验（已损坏或在本软件之外被改动），未予采用`);
    throw error;
  }
}

/**
 * A file row's plaintext, or a TamperedFileError. The AAD binds the content to its row, not the clear hash beside it:
 * a hash edited in clear is damage too. The one rule for every reader of files (readFileRow, the bulk export).
 */
export function openFileRow(key: Buffer, caseId: string, area: CaseFileArea, name: string, row: { content: Buffer; sha256: string }): Buffer {
  const label = rowName.file(caseId, area, name);
  const data = openRow(key, label, row.content);
  if (sha256Hex(data) !== row.sha256) throw new TamperedFileError(rowLabel(label), 'the content does not match its sha256 column', row.content, Buffer.alloc(0));
  return data;
}

/** The first registration of a fingerprint stands (a later one is the same bytes issued again). */
export async function insertIssued(db: pg.Pool | pg.PoolClient, entries: readonly { sha256: string; caseId: string; documentId: string }[]): Promise<void> {
  if (entries.length === 0) return;
  await db.query(
    `INSERT INTO issued_files (sha256, case_id, document_id)
     SELECT * FROM unnest($1::text[], $2::uuid[], $3::text[]) ON CONFLICT (sha256) DO NOTHING`,
    [entries.map((e) => e.sha256), entries.map((e) => e.caseId), entries.map((e) => e.documentId)],
  );
}

export async function findIssued(db: pg.Pool | pg.PoolClient, sha256: string): Promise<{ sha256: string; caseId: string; documentId: string } | null> {
  const row = (await db.query<{ case_id: string; document_id: string }>('SELECT case_id, document_id FROM issued_files WHERE sha256 = $1', [sha256])).rows[0];
  return row ? { sha256, caseId: row.case_id, documentId: row.document_id } : null;
}
