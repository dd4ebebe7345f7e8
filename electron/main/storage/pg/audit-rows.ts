import type pg from 'pg';
import type { AuditEvent } from '../../../shared/domain';
import { type AuditEntryInput, type AuditedRecord, GENESIS_HASH, type RecordTrail, hashEvent } from '../audit-log';
import { openRow, rowName, sealRow } from './sealed-rows';

/**
 * A case's audit trail in `audit_events`: the same entries, the same hash chain as the file store's audit.jsonl
 * (audit-log.ts builds and hashes them the same way), so findBrokenLink, checkAgainstTrail and the integrity
 * checkpoints work on either store unchanged. The caller holds the case row's lock, which makes appends to one chain
 * run one at a time (two at once would fork it), and the entry commits in the same transaction as the change it
 * describes: there is no change without its entry, and no entry for a change that was rolled back.
 */
export async function appendAudit(client: pg.PoolClient, key: Buffer, entry: AuditEntryInput & { caseId: string }, at: string): Promise<AuditEvent> {
  const head = (await client.query<{ seq: number; hash: string }>('SELECT seq, hash FROM audit_events WHERE case_id = $1 ORDER BY seq DESC LIMIT 1', [entry.caseId])).rows[0];
  const base = { seq: head ? head.seq + 1 : 0, at, ...entry, prevHash: head?.hash ?? GENESIS_HASH };
  const event: AuditEvent = { ...base, hash: hashEvent(base) };
  const r = event.record;
  await client.query(
    `INSERT INTO audit_events (case_id, seq, prev_hash, hash, record_kind, record_id, record_revision, record_sha256, event)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [entry.caseId, event.seq, event.prevHash, event.hash, r?.kind ?? null, r?.id ?? null, r?.revision ?? null, r?.sha256 ?? null, sealRow(key, rowName.audit(entry.caseId, event.seq), JSON.stringify(event))],
  );
  return event;
}

/** An `audit_events` row as AUDIT_COLUMNS selects it. */
export interface AuditRow {
  seq: number;
  prev_hash: string;
  hash: string;
  record_kind: string | null;
  record_id: string | null;
  record_revision: number | null;
  record_sha256: string | null;
  event: Buffer;
}

export const AUDIT_COLUMNS = 'seq, prev_hash, hash, record_kind, record_id, record_revision, record_sha256, event';

/**
 * One entry of a case's trail, opened and held against its clear columns; throws an Error naming the entry and what is
 * wrong. A sealed entry whose clear columns say something else (its hash, or the record it proves, edited in clear)
 * is damage too: the clear columns are what reading a record is checked against. The one rule for every reader of
 * the trail (readAudit, the bulk export).
 */
export function openAuditRow(key: Buffer, caseId: string, row: AuditRow): AuditEvent {
  let event: AuditEvent;
  try {
    event = JSON.parse(openRow(key, rowName.audit(caseId, row.seq), row.event).toString('utf8')) as AuditEvent;
  } catch (error) {
    throw new Error(`entry ${row.seq}: ${(error as Error).message}`);
  }
  const r = event.record;
  const clearAgrees =
    event.seq === row.seq &&
    event.caseId === caseId &&
    event.hash === row.hash &&
    event.prevHash === row.prev_hash &&
    (r?.kind ?? null) === row.record_kind &&
    (r?.id ?? null) === row.record_id &&
    (r?.revision ?? null) === row.record_revision &&
    (r?.sha256 ?? null) === row.record_sha256;
  if (!clearAgrees) throw new Error(`entry ${row.seq}: its clear columns do not match the sealed entry`);
  return event;
}

/** The entries that authenticate (openAuditRow), in order, and why the rest do not (null when all do). */
export async function readAudit(client: pg.Pool | pg.PoolClient, key: Buffer, caseId: string): Promise<{ events: AuditEvent[]; damage: string | null }> {
  const { rows } = await client.query<AuditRow>(`SELECT ${AUDIT_COLUMNS} FROM audit_events WHERE case_id = $1 ORDER BY seq`, [caseId]);
  const events: AuditEvent[] = [];
  for (const row of rows) {
    try {
      events.push(openAuditRow(key, caseId, row));
    } catch (error) {
      return { events, damage: (error as Error).message };
    }
  }
  return { events, damage: null };
}

/** The SQL (a correlated subquery) giving a record's trail, its last two entries, beside the record's own row. */
export const TRAIL_SQL = (caseIdColumn: string, kind: AuditedRecord['kind'], recordIdColumn: string) => `(
  SELECT coalesce(json_agg(json_build_object('revision', t.record_revision, 'sha256', t.record_sha256) ORDER BY t.seq DESC), '[]'::json)
  FROM (SELECT seq, record_revision, record_sha256 FROM audit_events a
        WHERE a.case_id = ${caseIdColumn} AND a.record_kind = '${kind}' AND a.record_id = ${recordIdColumn}::text
        ORDER BY seq DESC LIMIT 2) t)`;

/** The trail as checkAgainstTrail takes it, from TRAIL_SQL's column. */
export function trailFrom(kind: AuditedRecord['kind'], id: string, rows: { revision: number; sha256: string }[]): RecordTrail | null {
  const [last, before] = rows;
  if (!last) return null;
  return { last: { kind, id, ...last }, before: before ? { kind, id, ...before } : null };
}
