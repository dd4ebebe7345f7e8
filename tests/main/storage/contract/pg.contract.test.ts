import { randomBytes } from 'node:crypto';
import { describe } from 'vitest';
import { PgCaseStore } from '../../../../electron/main/storage/pg/pg-case-store';
import { postgresSkipped, usePostgres } from '../../../fixtures/use-postgres';
import { describeCaseStoreContract } from './case-store-contract';

// One cluster for the file, a fresh database per test (the harness): a reopen is a restart or another desk.
const cluster = usePostgres();

describe.skipIf(postgresSkipped)('PostgreSQL', () => {
  describeCaseStoreContract('PostgreSQL (sealed rows)', async () => {
    const database = await cluster().createDatabase();
    const recordsKey = randomBytes(32);
    return {
      open: () => PgCaseStore.open({ connection: cluster().config(database), recordsKey }),
      // The database goes with the cluster at the end of the file.
      dispose: async () => undefined,
    };
  });
});
