import type pg from 'pg';
import { LOCKS, lockSql } from './locks';

/**
 * Takes the next case number inside the registration's own transaction: the year's row of `case_numbers` stays
 * locked (FOR UPDATE) until the case is committed, so numbers are unique across desks, and a registration rolled
 * back takes its number back with it (no gap). The transaction-scoped advisory lock makes registrations of all desks
 * run one at a time, which the year rule needs: numbers never go back a year, so after a （2027） number a desk whose
 * clock still reads 2026 numbers in 2027 too (the file store's rule, sequence-file.ts).
 */
export async function takeCaseNumber(client: pg.PoolClient, clockYear: number): Promise<{ year: number; seq: number }> {
  await client.query(lockSql('pg_advisory_xact_lock', LOCKS.register));
  const latest = (await client.query<{ y: number | null }>('SELECT max(year) AS y FROM case_numbers WHERE last_seq > 0')).rows[0]!.y ?? 0;
  const year = Math.max(clockYear, latest);
  await client.query('INSERT INTO case_numbers (year, last_seq) VALUES ($1, 0) ON CONFLICT (year) DO NOTHING', [year]);
  // Never below a case already stored (a counter row reset by hand would otherwise hit the UNIQUE (year, seq)).
  const { rows } = await client.query<{ last: number }>(
    `SELECT greatest(last_seq, coalesce((SELECT max(seq) FROM cases WHERE year = $1), 0)) AS last FROM case_numbers WHERE year = $1 FOR UPDATE`,
    [year],
  );
  const seq = rows[0]!.last + 1;
  await client.query('UPDATE case_numbers SET last_seq = $2 WHERE year = $1', [year, seq]);
  return { year, seq };
}
