import type pg from 'pg';
import type { CaseSummary } from '../../../shared/domain';
import { BundleRefusedError, type CaseBundle, issuedOf, presentOrRefused } from '../case-bundle';
import { sha256Hex } from '../sha256';
import { checkName } from './file-rows';
import { rowName, sealRow } from './sealed-rows';

/** PostgreSQL takes at most 65,535 parameters per statement; a little under it leaves room for nothing else. */
const MAX_PARAMS = 60_000;

/**
 * One multi-row INSERT per ~60k parameters. A case imported one row per round trip spent its time waiting on the
 * network (15-20 statements a case: 100k cases took most of 20 minutes); the same rows in a few statements per batch
 * are bound by the server's own work.
 */
export async function insertRows(client: pg.ClientBase, table: string, columns: readonly string[], rows: readonly unknown[][], suffix = ''): Promise<void> {
  const perStatement = Math.max(1, Math.floor(MAX_PARAMS / columns.length));
  for (let start = 0; start < rows.length; start += perStatement) {
    const chunk = rows.slice(start, start + perStatement);
    const values: unknown[] = [];
    const tuples = chunk.map((row) => `(${row.map((v) => (values.push(v), `$${values.length}`)).join(', ')})`);
    await client.query(`INSERT INTO ${table} (${columns.join(', ')}) VALUES ${tuples.join(', ')}${suffix}`, values);
  }
}

export interface BulkImportOutcome {
  /** Per bundle, in order. */
  results: ('imported' | 'present')[];
  /** The summaries written, of the cases imported. */
  summaries: CaseSummary[];
}

/**
 * Imports checked bundles (checkBundle) in the caller's transaction, which holds the registrations' lock: the same rows
 * importCase writes, statement per table instead of per row. A case already present with the same trail head counts
 * as present; any other clash (the case with another trail, its number taken) refuses the whole batch, and the
 * transaction is rolled back by the caller, so a batch is imported whole or not at all.
 */
export async function importBundles(client: pg.ClientBase, key: Buffer, bundles: readonly CaseBundle[], summarise: (b: CaseBundle) => CaseSummary): Promise<BulkImportOutcome> {
  const ids = bundles.map((b) => b.record.id);
  if (new Set(ids).size !== ids.length) throw new BundleRefusedError(ids.find((id, i) => ids.indexOf(id) !== i)!, '同一批导入中有重复的案件');
  const heads = new Map(
    (
      await client.query<{ case_id: string; seq: number; hash: string }>(
        'SELECT DISTINCT ON (case_id) case_id, seq, hash FROM audit_events WHERE case_id = ANY($1::uuid[]) ORDER BY case_id, seq DESC',
        [ids],
      )
    ).rows.map((r) => [r.case_id, { seq: r.seq, hash: r.hash }]),
  );
  const existing = new Set((await client.query<{ id: string }>('SELECT id FROM cases WHERE id = ANY($1::uuid[])', [ids])).rows.map((r) => r.id));
  const results = bundles.map((b) => (existing.has(b.record.id) ? presentOrRefused(b, heads.get(b.record.id) ?? null) : ('imported' as const)));
  const fresh = bundles.filter((b) => !existing.has(b.record.id));
  if (fresh.length === 0) return { results, summaries: [] };

  const numbers = new Set(fresh.map((b) => `${b.record.year}/${b.record.seq}`));
  if (numbers.size !== fresh.length) {
    const twice = fresh.find((b, i) => fresh.findIndex((c) => c.record.year === b.record.year && c.record.seq === b.record.seq) !== i)!;
    throw new BundleRefusedError(twice.record.id, `案号${twice.record.caseNumber}已被另一案件使用`);
  }
  const taken = (
    await client.query<{ year: number; seq: number }>('SELECT c.year, c.seq FROM cases c JOIN unnest($1::int[], $2::int[]) AS n(year, seq) ON c.year = n.year AND c.seq = n.seq', [
      fresh.map((b) => b.record.year),
      fresh.map((b) => b.record.seq),
    ])
  ).rows[0];
  if (taken) {
    const clash = fresh.find((b) => b.record.year === taken.year && b.record.seq === taken.seq)!;
    throw new BundleRefusedError(clash.record.id, `案号${clash.record.caseNumber}已被另一案件使用`);
  }

  const summaries = fresh.map(summarise);
  await insertRows(
    client,
    'cases',
    ['id', 'revision', 'status', 'dispute_type', 'mediator_ids', 'registered_at', 'updated_at', 'record', 'year', 'seq'],
    fresh.map(({ record }, i) => {
      const s = summaries[i]!;
      return [record.id, record.revision, s.status, s.disputeType, s.mediatorIds, record.createdAt, record.updatedAt, sealRow(key, rowName.case(record.id), JSON.stringify(record)), record.year, record.seq];
    }),
  );
  await insertRows(
    client,
    'sessions',
    ['case_id', 'id', 'revision', 'record'],
    fresh.flatMap(({ record, sessions }) => sessions.map((s) => [record.id, s.id, s.revision, sealRow(key, rowName.session(record.id, s.id), JSON.stringify(s))])),
  );
  await insertRows(
    client,
    'agreements',
    ['case_id', 'id', 'revision', 'record'],
    fresh.flatMap(({ record, agreement: a }) => (a ? [[record.id, a.id, a.revision, sealRow(key, rowName.agreement(record.id, a.id), JSON.stringify(a))]] : [])),
  );
  await insertRows(
    client,
    'audit_events',
    ['case_id', 'seq', 'prev_hash', 'hash', 'record_kind', 'record_id', 'record_revision', 'record_sha256', 'event'],
    fresh.flatMap(({ record, events }) =>
      events.map((e) => [record.id, e.seq, e.prevHash, e.hash, e.record?.kind ?? null, e.record?.id ?? null, e.record?.revision ?? null, e.record?.sha256 ?? null, sealRow(key, rowName.audit(record.id, e.seq), JSON.stringify(e))]),
    ),
  );
  // Files are the big rows (scans, signed PDFs): a statement holds at most a few MB of them rather than 60k parameters.
  const fileRows = fresh.flatMap(({ record, files }) =>
    files.map((f) => {
      checkName(record.id, f.name);
      return [record.id, f.area, f.name, sha256Hex(f.data), f.data.length, sealRow(key, rowName.file(record.id, f.area, f.name), f.data)];
    }),
  );
  for (const chunk of byBytes(fileRows, (r) => (r[5] as Buffer).length, 8 * 2 ** 20)) await insertRows(client, 'files', ['case_id', 'area', 'name', 'sha256', 'size', 'content'], chunk);
  const issued = fresh.flatMap(({ record }) => issuedOf(record));
  if (issued.length > 0) {
    await client.query(
      `INSERT INTO issued_files (sha256, case_id, document_id)
       SELECT * FROM unnest($1::text[], $2::uuid[], $3::text[]) ON CONFLICT (sha256) DO NOTHING`,
      [issued.map((e) => e.sha256), issued.map((e) => e.caseId), issued.map((e) => e.documentId)],
    );
  }
  const maxByYear = new Map<number, number>();
  for (const { record } of fresh) maxByYear.set(record.year, Math.max(maxByYear.get(record.year) ?? 0, record.seq));
  await client.query(
    `INSERT INTO case_numbers (year, last_seq) SELECT * FROM unnest($1::int[], $2::int[])
     ON CONFLICT (year) DO UPDATE SET last_seq = greatest(case_numbers.last_seq, excluded.last_seq)`,
    [[...maxByYear.keys()], [...maxByYear.values()]],
  );
  // The change numbers of the batch, in its order: the counter moves once by the batch's size.
  const last = BigInt((await client.query<{ last: string }>('UPDATE change_counter SET last = last + $1 RETURNING last::text AS last', [fresh.length])).rows[0]!.last);
  const first = last - BigInt(fresh.length) + 1n;
  await insertRows(
    client,
    'summaries',
    ['case_id', 'revision', 'change_seq', 'summary'],
    fresh.map(({ record }, i) => [record.id, record.revision, (first + BigInt(i)).toString(), sealRow(key, rowName.summary(record.id), JSON.stringify(summaries[i]))]),
  );
  return { results, summaries };
}

function* byBytes<T>(rows: readonly T[], size: (row: T) => number, limit: number): Iterable<T[]> {
  let chunk: T[] = [];
  let bytes = 0;
  for (const row of rows) {
    if (chunk.length > 0 && bytes + size(row) > limit) {
      yield chunk;
      chunk = [];
      bytes = 0;
    }
    chunk.push(row);
    bytes += size(row);
  }
  if (chunk.length > 0) yield chunk;
}
