import pg from 'pg';

export interface DatabaseProbe {
  /** The server's version, as it says it (e.g. "15.8"). */
  serverVersion: string;
  /** The center already set up in this database (its name), or null for a database no desk has set up yet. */
  centerName: string | null;
}

/**
 * Connects once, as the desk would, and reads what the setup screen shows: the server's version and whether a center
 * is set up there already. Changes nothing (no migration: that runs when the desk starts using the database).
 */
export async function probeDatabase(config: pg.ClientConfig): Promise<DatabaseProbe> {
  const client = new pg.Client({ ...config, application_name: 'mediation-workstation-setup' });
  client.on('error', () => undefined);
  await client.connect();
  try {
    const version = (await client.query<{ server_version: string }>('SHOW server_version')).rows[0]!.server_version;
    const exists = (await client.query<{ t: string | null }>(`SELECT to_regclass('center_state')::text AS t`)).rows[0]!.t !== null;
    const centerName = exists ? ((await client.query<{ name: string | null }>(`SELECT doc->'settings'->>'centerName' AS name FROM center_state`)).rows[0]?.name ?? null) : null;
    return { serverVersion: version.split(' ')[0]!, centerName };
  } finally {
    await client.end().catch(() => undefined);
  }
}
