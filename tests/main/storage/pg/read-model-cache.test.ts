/**
 * A desk's copy of the list (read-model-cache.ts): a desk of a center database starts from it and reads only what
 * changed since, on a real server. The copy is sealed, bound to its database, and never trusted when it is not.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { realFs } from '../../../../electron/main/storage/durable-fs';
import { PgCaseStore } from '../../../../electron/main/storage/pg/pg-case-store';
import type { ReadModelCache } from '../../../../electron/main/storage/pg/read-model-cache';
import { sealedFs } from '../../../../electron/main/storage/sealed-fs';
import { postgresSkipped, usePostgres } from '../../../fixtures/use-postgres';
import { makeTempDir, removeDir } from '../../../fixtures/workstation';
import { auditOf, caseBuild, newRecordsKey } from './records';

const cluster = usePostgres();
let db: string;
let key: Buffer;
let dir: string;
const opened: PgCaseStore[] = [];

const cacheIn = (folder: string, recordsKey = key): ReadModelCache => ({ dir: path.join(folder, 'pg-cache'), fs: sealedFs(realFs, folder, recordsKey) });
async function open(opts: { cache?: ReadModelCache; database?: string } = {}): Promise<PgCaseStore> {
  const store = await PgCaseStore.open({ connection: cluster().config(opts.database ?? db), recordsKey: key, ...(opts.cache ? { cache: opts.cache } : {}) });
  opened.push(store);
  return store;
}
async function closeAll(): Promise<void> {
  for (const store of opened.splice(0)) await store.close().catch(() => undefined);
}

beforeEach(async () => {
  if (postgresSkipped) return;
  db = await cluster().createDatabase();
  key = newRecordsKey();
  dir = await makeTempDir('pg-cache-');
});
afterEach(async () => {
  await closeAll();
  await removeDir(dir);
});

describe.skipIf(postgresSkipped)('the desk copy of the case list', () => {
  it('a desk starts from its copy and brings in what other desks did meanwhile (new cases, changed ones)', async () => {
    const desk = await open({ cache: cacheIn(dir) });
    const first = await Promise.all(Array.from({ length: 5 }, (_, i) => desk.create(2026, caseBuild(i), auditOf('cases:create'))));
    await closeAll();
    const written = await readFile(path.join(dir, 'pg-cache', 'read-model.bin'));
    expect(written.includes(Buffer.from(first[0]!.id))).toBe(false); // sealed, not in clear

    const other = await open();
    const later = await other.create(2026, caseBuild(7), auditOf('cases:create'));
    const changed = await other.update(first[2]!.id, 1, (r) => ({ ...r, dispute: { ...r.dispute, summary: '补充情况' } }), auditOf('cases:update'));

    const again = await open({ cache: cacheIn(dir) });
    const page = await again.query({ limit: 50 });
    expect(page.total).toBe(6);
    expect(page.items.map((i) => i.id)).toContain(later.id);
    expect(page.items.find((i) => i.id === changed.id)?.revision).toBe(2);
  });

  it('a copy that fails authentication, or comes from another database, is not used: the database is read whole', async () => {
    const desk = await open({ cache: cacheIn(dir) });
    await desk.create(2026, caseBuild(1), auditOf('cases:create'));
    await closeAll();

    // Another database of the same center (same records key): its list must not be taken for this one's.
    const otherDb = await cluster().createDatabase();
    const foreign = await open({ database: otherDb, cache: cacheIn(dir) });
    expect((await foreign.query({ limit: 0 })).total).toBe(0);
    await foreign.create(2026, caseBuild(2), auditOf('cases:create'));
    await foreign.create(2026, caseBuild(3), auditOf('cases:create'));
    await closeAll(); // the copy is now the other database's (2 cases)

    const back = await open({ cache: cacheIn(dir) });
    expect((await back.query({ limit: 0 })).total).toBe(1);
    await closeAll();

    const file = path.join(dir, 'pg-cache', 'read-model.bin');
    const bytes = await readFile(file);
    bytes[bytes.length - 20]! ^= 0xff;
    await writeFile(file, bytes);
    const afterTamper = await open({ cache: cacheIn(dir) });
    expect((await afterTamper.query({ limit: 0 })).total).toBe(1);
    expect(afterTamper.problems()).toEqual([]);
  });
});
