import type pg from 'pg';
import { LOCKS, lockSql } from './locks';

/**
 * The PostgreSQL store's schema, as an ordered list of steps. A step is never edited once released: a change is a
 * new step at the end. `schema_migrations` records each applied step; every desk runs `migrate` when it opens the
 * store, under a session advisory lock, so desks starting at the same moment apply each step exactly once (the
 * others wait for the lock, then find nothing left to do).
 *
 * Roles. The database OWNER (the role the center's administrator set the database up with) runs the steps: it owns
 * the tables. Desks connect as a login role that is a member of the group role DESK_ROLE, which step 2 creates and
 * grants only what the store does: no DELETE anywhere, and on the audit trail, the files and the document registry
 * only INSERT and SELECT (write-once). A desk opening a database whose schema is current needs no more than that;
 * one finding a step pending reports that the owner must open it first (PgSchemaOutdatedError).
 *
 * Only columns that identify nobody are in clear (ids, year and number, revisions, status, dispute type, mediator
 * ids, timestamps, hashes of content): everything else is a sealed unit (sealed-rows.ts) in a bytea column.
 */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** The group role desks log in through (`CREATE ROLE desk1 LOGIN PASSWORD … IN ROLE mw_desk`). */
export const DESK_ROLE = 'mw_desk';

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'cases, their parts, audit trail, files',
    sql: `
      -- Keys the store keeps in the database, sealed with the records key (the related-case lookup key).
      CREATE TABLE store_keys (
        name text PRIMARY KEY,
        sealed bytea NOT NULL
      );

      -- The last case number issued per year: locked FOR UPDATE by the registration that takes the next one, in the
      -- same transaction that inserts the case, so a registration rolled back leaves no gap.
      CREATE TABLE case_numbers (
        year integer PRIMARY KEY CHECK (year BETWEEN 2000 AND 2999),
        last_seq integer NOT NULL CHECK (last_seq >= 0)
      );

      CREATE TABLE cases (
        id uuid PRIMARY KEY,
        year integer NOT NULL,
        seq integer NOT NULL CHECK (seq > 0),
        revision integer NOT NULL CHECK (revision > 0),
        status text NOT NULL,
        dispute_type text NOT NULL,
        mediator_ids text[] NOT NULL,
        registered_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        record bytea NOT NULL,
        UNIQUE (year, seq)
      );

      -- One counter for every change of the list's read model. Each write takes the next number by updating this row
      -- just before it commits and holds the row lock until then, so numbers become visible in commit order: a desk
      -- that has seen change N has seen every change below N (a sequence gives no such guarantee: a transaction that
      -- drew N-1 may commit after the one that drew N, and a desk reading "after N" would never see it).
      CREATE TABLE change_counter (
        only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row),
        last bigint NOT NULL
      );
      INSERT INTO change_counter (last) VALUES (0);

      -- The list's read model: one sealed CaseSummary per case, with the change number of its last write.
      CREATE TABLE summaries (
        case_id uuid PRIMARY KEY REFERENCES cases (id),
        revision integer NOT NULL,
        change_seq bigint NOT NULL UNIQUE,
        summary bytea NOT NULL
      );

      CREATE TABLE sessions (
        case_id uuid NOT NULL REFERENCES cases (id),
        id uuid NOT NULL,
        revision integer NOT NULL CHECK (revision >= 0),
        record bytea NOT NULL,
        PRIMARY KEY (case_id, id)
      );

      CREATE TABLE agreements (
        case_id uuid NOT NULL REFERENCES cases (id),
        id uuid NOT NULL,
        revision integer NOT NULL CHECK (revision >= 0),
        record bytea NOT NULL,
        PRIMARY KEY (case_id, id)
      );

      -- One hash chain per case, the same entries as the file store's audit.jsonl (audit-log.ts): the entry itself is
      -- sealed (it names people); seq, the hashes and the record it proves are in clear, so that reading a case checks
      -- it against its trail without opening the trail. The clear columns are checked against the sealed entry when
      -- the trail is read.
      CREATE TABLE audit_events (
        case_id uuid NOT NULL REFERENCES cases (id),
        seq integer NOT NULL CHECK (seq >= 0),
        prev_hash text NOT NULL,
        hash text NOT NULL,
        record_kind text,
        record_id text,
        record_revision integer,
        record_sha256 text,
        event bytea NOT NULL,
        PRIMARY KEY (case_id, seq)
      );
      CREATE INDEX audit_events_record ON audit_events (case_id, record_kind, record_id, seq) WHERE record_kind IS NOT NULL;

      CREATE TABLE files (
        case_id uuid NOT NULL REFERENCES cases (id),
        area text NOT NULL CHECK (area IN ('documents', 'attachments', 'signatures')),
        name text NOT NULL,
        sha256 text NOT NULL,
        size integer NOT NULL,
        content bytea NOT NULL,
        stored_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (case_id, area, name)
      );

      -- "Verify a document": the SHA-256 of every issued file, to its case and document version.
      CREATE TABLE issued_files (
        sha256 text PRIMARY KEY,
        case_id uuid NOT NULL REFERENCES cases (id),
        document_id text NOT NULL
      );
    `,
  },
  {
    version: 2,
    name: 'desk role, append-only trail and files',
    sql: `
      -- Roles belong to the cluster, not the database: another database of the same cluster may have made it.
      DO $$
      BEGIN
        CREATE ROLE ${DESK_ROLE} NOLOGIN;
      EXCEPTION WHEN duplicate_object OR unique_violation THEN
        NULL;
      END
      $$;

      GRANT SELECT ON schema_migrations TO ${DESK_ROLE};
      GRANT SELECT, INSERT ON store_keys TO ${DESK_ROLE};
      GRANT SELECT, INSERT, UPDATE ON case_numbers, cases, summaries, sessions, agreements TO ${DESK_ROLE};
      GRANT SELECT, UPDATE ON change_counter TO ${DESK_ROLE};
      GRANT SELECT, INSERT ON audit_events, files, issued_files TO ${DESK_ROLE};

      -- The owner keeps every right on its tables; these triggers make it a deliberate act (dropping them) rather
      -- than a slip to change what is append-only. The hash chain and the checkpoints still show any change.
      CREATE FUNCTION mw_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $fn$
      BEGIN
        RAISE EXCEPTION '% on % refused: the table is append-only', TG_OP, TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
      END
      $fn$;
      CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE ON audit_events FOR EACH ROW EXECUTE FUNCTION mw_refuse_change();
      CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events FOR EACH STATEMENT EXECUTE FUNCTION mw_refuse_change();
      CREATE TRIGGER files_write_once BEFORE UPDATE OR DELETE ON files FOR EACH ROW EXECUTE FUNCTION mw_refuse_change();
      CREATE TRIGGER files_no_truncate BEFORE TRUNCATE ON files FOR EACH STATEMENT EXECUTE FUNCTION mw_refuse_change();
      CREATE TRIGGER issued_files_write_once BEFORE UPDATE OR DELETE ON issued_files FOR EACH ROW EXECUTE FUNCTION mw_refuse_change();
      CREATE TRIGGER issued_files_no_truncate BEFORE TRUNCATE ON issued_files FOR EACH STATEMENT EXECUTE FUNCTION mw_refuse_change();
    `,
  },
  {
    version: 3,
    name: 'the center: settings and staff, its trail, its small files',
    sql: `
      -- The center's settings, staff, credentials and keyring (the file store's workstation.json), one row. It must be
      -- readable before anyone signs in (the keyring and the password hashes are how one does), so it is in clear as
      -- the file is; what it decides is authenticated by the HMAC inside it (services/workstation-mac.ts). The revision
      -- orders changes: a desk holds the row lock while it changes it.
      CREATE TABLE center_state (
        only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row),
        revision integer NOT NULL CHECK (revision >= 0),
        doc jsonb NOT NULL
      );

      -- The center's own trail (setup, staff, settings, sign-ins): the file store's audit/workstation.jsonl, the same
      -- entries and hash chain, append-only.
      CREATE TABLE center_audit_events (
        seq integer PRIMARY KEY CHECK (seq >= 0),
        prev_hash text NOT NULL,
        hash text NOT NULL,
        -- The entry exactly as hashed (text, not jsonb: jsonb reorders keys and the hash is over the JSON as written).
        event text NOT NULL
      );

      -- Small files of the center that every desk shares (certificates, integrity checkpoints, each person's draft), by
      -- their path in a data folder; what is personal in them is sealed before it gets here (sealed-fs.ts).
      CREATE TABLE center_files (
        path text PRIMARY KEY CHECK (path <> '' AND path NOT LIKE '/%' AND path NOT LIKE '%..%'),
        content bytea NOT NULL,
        modified_at timestamptz NOT NULL DEFAULT now()
      );

      GRANT SELECT, INSERT, UPDATE ON center_state TO ${DESK_ROLE};
      GRANT SELECT, INSERT ON center_audit_events TO ${DESK_ROLE};
      GRANT SELECT, INSERT, UPDATE, DELETE ON center_files TO ${DESK_ROLE};
      CREATE TRIGGER center_audit_append_only BEFORE UPDATE OR DELETE ON center_audit_events FOR EACH ROW EXECUTE FUNCTION mw_refuse_change();
      CREATE TRIGGER center_audit_no_truncate BEFORE TRUNCATE ON center_audit_events FOR EACH STATEMENT EXECUTE FUNCTION mw_refuse_change();
    `,
  },
  {
    version: 4,
    name: 'idempotent registrations',
    sql: `
      -- The request each registration answered (the desk's id for one press of 登记), in the registration's own
      -- transaction: a request sent again after its answer was lost finds its case instead of making a second one.
      CREATE TABLE registration_requests (
        request_id uuid PRIMARY KEY,
        case_id uuid NOT NULL REFERENCES cases (id)
      );
      GRANT SELECT, INSERT ON registration_requests TO ${DESK_ROLE};
    `,
  },
];

/** A desk (not the owner) found a step still to apply. */
export class PgSchemaOutdatedError extends Error {
  constructor(
    readonly pending: number[],
    cause: unknown,
  ) {
    super(`the database schema needs steps ${pending.join(', ')}, which only its owner can apply: ${(cause as Error).message}`, { cause });
    this.name = 'PgSchemaOutdatedError';
  }
}

/** A database at a step this version of the app does not know (a newer app migrated it): refuse rather than guess. */
export class PgSchemaTooNewError extends Error {
  constructor(readonly version: number) {
    super(`the database schema is at step ${version}, newer than this version of the app knows (${MIGRATIONS.at(-1)!.version})`);
    this.name = 'PgSchemaTooNewError';
  }
}

/**
 * Brings the schema up to date; returns the steps this call applied (none when another desk did them first). Each
 * step and its row in schema_migrations commit together: a step that fails leaves the schema as it was.
 */
export async function migrate(pool: pg.Pool, steps: readonly Migration[] = MIGRATIONS): Promise<number[]> {
  const client = await pool.connect();
  let broken = false;
  const lost = () => (broken = true); // see inTransaction: a checked-out client's errors are ours to handle
  client.on('error', lost);
  try {
    await client.query(lockSql('pg_advisory_lock', LOCKS.migrate));
    try {
      const exists = (await client.query<{ t: string | null }>(`SELECT to_regclass('schema_migrations')::text AS t`)).rows[0]!.t !== null;
      if (!exists) {
        try {
          await client.query(`CREATE TABLE schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
        } catch (error) {
          throw new PgSchemaOutdatedError(steps.map((s) => s.version), error);
        }
      }
      const done = new Set((await client.query<{ version: number }>('SELECT version FROM schema_migrations')).rows.map((r) => r.version));
      const newest = Math.max(0, ...done);
      if (newest > steps.at(-1)!.version) throw new PgSchemaTooNewError(newest);
      const pending = steps.filter((s) => !done.has(s.version));
      const applied: number[] = [];
      for (const step of pending) {
        try {
          await client.query('BEGIN');
          await client.query(step.sql);
          await client.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [step.version, step.name]);
          await client.query('COMMIT');
        } catch (error) {
          await client.query('ROLLBACK').catch(() => undefined);
          if ((error as { code?: string }).code === '42501') throw new PgSchemaOutdatedError(pending.map((s) => s.version).filter((v) => !applied.includes(v)), error);
          throw error;
        }
        applied.push(step.version);
      }
      return applied;
    } finally {
      await client.query(lockSql('pg_advisory_unlock', LOCKS.migrate)).catch(() => {
        broken = true; // the session (and its lock) must not go back to the pool
      });
    }
  } catch (error) {
    broken = true;
    throw error;
  } finally {
    client.off('error', lost);
    client.release(broken);
  }
}
