import pg from 'pg';

/** Where the desk connects: a connection string or node-postgres settings (host, port, user, password, database, ssl…). */
export type PgConnection = string | pg.PoolConfig;

/**
 * The desk's pool. Every session runs with synchronous_commit on whatever the server's default: a COMMIT returns
 * only once its WAL is flushed, so a write the store acknowledges survives a crash or a power cut of the server
 * (the "no write acknowledged before commit"). The statement and lock timeouts keep a desk from hanging
 * behind another desk's stuck transaction forever; they are far above any normal write (a few milliseconds).
 */
export function createPool(connection: PgConnection, max = 8): pg.Pool {
  const config: pg.PoolConfig = typeof connection === 'string' ? { connectionString: connection } : { ...connection };
  const options = ['-c synchronous_commit=on', '-c lock_timeout=30s', '-c idle_in_transaction_session_timeout=60s'];
  config.options = [config.options, ...options].filter(Boolean).join(' ');
  config.max ??= max;
  config.application_name ??= 'mediation-workstation';
  const pool = new pg.Pool(config);
  // An idle connection dropped by the server (restart, network) must not take the process down: the pool replaces it.
  pool.on('error', (error) => console.error(`a PostgreSQL connection was lost; the pool opens a new one when needed: ${error.message}`));
  return pool;
}

/**
 * Runs `work` in one transaction. Its result is returned only after COMMIT returned: when COMMIT itself fails (the
 * connection dropped), the outcome is unknown and the caller gets the error, never a success. A client whose
 * connection broke is destroyed rather than handed back to the pool.
 */
export async function inTransaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let broken: Error | undefined;
  const lost = (error: Error) => (broken = error);
  // The pool listens for errors only on idle clients: a connection dropped while this one is checked out and between
  // two queries (the server stopped) would otherwise be an unhandled 'error' event and end the desk's process.
  client.on('error', lost);
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch((rollbackError: unknown) => {
      broken = rollbackError as Error;
    });
    throw error;
  } finally {
    client.off('error', lost);
    client.release(broken);
  }
}

const UNREACHABLE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', '57P01', '57P02', '57P03', '08000', '08001', '08003', '08004', '08006']);

/**
 * The database could not be reached or dropped the connection (the server stopped, restarted, the network went):
 * as opposed to an answer it gave (a conflict, a constraint, a refusal).
 */
export function isDatabaseUnreachable(error: unknown): boolean {
  const e = error as { code?: unknown; message?: unknown; syscall?: unknown } | null;
  if (typeof e?.code === 'string' && UNREACHABLE_CODES.has(e.code)) return true;
  // A server on this machine's Unix socket: the socket file is gone while it is stopped.
  if (e?.code === 'ENOENT' && e.syscall === 'connect') return true;
  return typeof e?.message === 'string' && /Connection terminated|connection timeout|timeout exceeded when trying to connect|Client has encountered a connection error|Connection closed/i.test(e.message);
}

/** PostgreSQL's SQLSTATE of a failed query, if it is one. */
export const sqlState = (error: unknown): string | undefined => (error as { code?: unknown } | null)?.code as string | undefined;
