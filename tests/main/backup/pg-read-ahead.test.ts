/**
 * A PostgreSQL center's backup reads its cases ahead in batches (read-ahead.ts, CaseStore.exportCases): the batches
 * themselves (order, what is skipped, how much is held), and the source over a real PostgreSQL with damaged cases,
 * which are read alone and fail exactly as they did before the batches.
 */
import { randomBytes } from 'node:crypto';
import type pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { backupKey } from '../../../electron/main/backup/manifest';
import { PgBackupSource, sealBundle } from '../../../electron/main/backup/pg-source';
import { CaseReadAhead } from '../../../electron/main/backup/read-ahead';
import { type ReadFile, type Reuse, type SourceEntry, SourceBusyError } from '../../../electron/main/backup/source';
import { subKey } from '../../../electron/main/crypto/keyring';
import { type CaseBundle, exportCase } from '../../../electron/main/storage/case-bundle';
import type { CaseStore } from '../../../electron/main/storage/case-store';
import { CorruptFileError } from '../../../electron/main/storage/durable-json-file';
import { createPool } from '../../../electron/main/storage/pg/connection';
import { PgCaseStore } from '../../../electron/main/storage/pg/pg-case-store';
import { postgresSkipped, usePostgres } from '../../fixtures/use-postgres';
import { auditOf, caseBuild } from '../storage/pg/records';

/** As the engine reads entries (concurrency.ts): eight workers taking them in list order; every outcome kept. */
async function readAll<T>(items: readonly string[], read: (id: string) => Promise<T>): Promise<Map<string, T | Error>> {
  const out = new Map<string, T | Error>();
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const id = items[next++]!;
      out.set(id, await read(id).catch((error: unknown) => error as Error));
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
  return out;
}

const fakeBundle = (id: string) => ({ record: { id } }) as unknown as CaseBundle;

describe('CaseReadAhead', () => {
  it('fetches the wanted cases in list order, a batch at a time, at most two batches ahead of what was handed out', async () => {
    const ids = Array.from({ length: 350 }, (_, i) => `case-${i}`);
    const unwanted = new Set(ids.filter((_, i) => i % 10 === 3));
    const absent = new Set(['case-17', 'case-204']);
    const batches: string[][] = [];
    let taken = 0;
    let mostHeld = 0;
    const ahead = new CaseReadAhead(
      ids,
      (id) => !unwanted.has(id),
      async (batch) => {
        batches.push(batch);
        mostHeld = Math.max(mostHeld, batches.flat().length - taken);
        await new Promise((resolve) => setTimeout(resolve, 2));
        return new Map(batch.filter((id) => !absent.has(id)).map((id) => [id, fakeBundle(id)]));
      },
    );
    const wanted = ids.filter((id) => !unwanted.has(id));
    const got = await readAll(wanted, async (id) => {
      const bundle = await ahead.take(id);
      taken += 1;
      return bundle;
    });
    for (const id of wanted) expect(got.get(id)).toEqual(absent.has(id) ? null : fakeBundle(id));
    expect(batches.flat()).toEqual(wanted);
    expect(batches.every((b) => b.length <= 100)).toBe(true);
    // Two batches, and the last few of the one before that the engine's eight workers are being handed.
    expect(mostHeld).toBeLessThanOrEqual(2 * 100 + 8);
    // Handed out once: asked again, the case is read alone.
    expect(await ahead.take('case-0')).toBeNull();
  });

  it('a batch that fails leaves each of its cases to be read alone; a case not wanted is never fetched', async () => {
    const fetched: string[][] = [];
    const ahead = new CaseReadAhead(
      ['a', 'b', 'c', 'd'],
      (id) => id !== 'b',
      async (batch) => {
        fetched.push(batch);
        if (batch.includes('a')) throw new Error('connection lost');
        return new Map(batch.map((id) => [id, fakeBundle(id)]));
      },
      2,
    );
    expect(await ahead.take('a')).toBeNull();
    expect(await ahead.take('b')).toBeNull();
    expect(await ahead.take('c')).toBeNull();
    expect(await ahead.take('d')).toEqual(fakeBundle('d'));
    expect(fetched).toEqual([['a', 'c'], ['d']]);
  });
});

const cluster = usePostgres();

describe.skipIf(postgresSkipped)('the PostgreSQL backup source reading ahead', () => {
  const dataKey = randomBytes(32);
  const recordsKey = subKey(dataKey, 'records');
  let store: PgCaseStore;
  let pool: pg.Pool;
  let db: string;
  beforeEach(async () => {
    db = await cluster().createDatabase();
    store = await PgCaseStore.open({ connection: cluster().config(db), recordsKey, now: () => new Date('2026-05-01T02:00:00.000Z') });
    pool = createPool(cluster().config(db));
  });
  afterEach(async () => {
    await store?.close();
    await pool?.end();
  });

  /** The store as the source sees it, counting the cases it reads alone (exportCase begins with get) and the batches. */
  function counted() {
    const alone: string[] = [];
    const batches: string[][] = [];
    const cases = new Proxy(store, {
      get(target, name) {
        if (name === 'get') return (id: string) => (alone.push(id), target.get(id));
        if (name === 'exportCases') return (ids: string[]) => (batches.push([...ids]), target.exportCases(ids));
        const value = Reflect.get(target, name, target) as unknown;
        return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
      },
    }) as CaseStore;
    return { cases, alone, batches };
  }

  it('gives every case in batches, sealed to the same bytes as one read alone; damaged cases are read alone and fail as before', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 230; i++) ids.push((await store.create(2026, caseBuild(i), auditOf('cases:create'))).id);
    const [swapped, putBack] = [ids[40]!, ids[150]!];
    const old = (await cluster().sql<{ record: Buffer }>(db, 'SELECT record FROM cases WHERE id = $1', [putBack])).rows[0]!.record;
    await store.update(putBack, 1, (r) => ({ ...r, dispute: { ...r.dispute, summary: '第二版' } }), auditOf('cases:update'));
    await cluster().sql(db, 'UPDATE cases SET record = (SELECT record FROM cases WHERE id = $2) WHERE id = $1', [swapped, ids[0]]);
    await cluster().sql(db, 'UPDATE cases SET record = $2, revision = 1 WHERE id = $1', [putBack, old]);

    const { cases, alone, batches } = counted();
    const source = new PgBackupSource({ cases, pool, dataKey, label: 'read-ahead', attempts: 2 });
    const entries = (await source.listEntries()).filter((e) => e.id.startsWith('case:'));
    const byId = new Map<string, SourceEntry>(entries.map((e) => [e.id.slice('case:'.length), e]));
    const read = await readAll([...byId.keys()], (id) => source.readEntry(byId.get(id)!));

    expect(batches).toHaveLength(3);
    expect([...new Set(alone)].sort()).toEqual([swapped, putBack].sort());
    // As before the batches: a record that does not authenticate stops the run; one its trail does not end with is
    // read again until given up.
    expect(read.get(swapped)).toBeInstanceOf(CorruptFileError);
    expect(read.get(putBack)).toBeInstanceOf(SourceBusyError);
    expect(store.problems().map((p) => p.file).filter((f) => f !== 'postgresql:server').sort()).toEqual([`postgresql:case/${putBack}`, `postgresql:case/${swapped}`].sort());
    const nonceKey = backupKey(dataKey);
    for (const id of ids.filter((id) => id !== swapped && id !== putBack)) {
      const files = read.get(id) as ReadFile[];
      expect(files).toHaveLength(1);
      expect(files[0]!.data.equals(sealBundle(recordsKey, nonceKey, await exportCase(store, id)))).toBe(true);
      expect(files[0]!.stamp).toMatch(/^b1:1:0:0$/);
    }
  });

  it('an incremental run batches only the cases it cannot reuse', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 30; i++) ids.push((await store.create(2026, caseBuild(i), auditOf('cases:create'))).id);
    const changed = new Set(ids.filter((_, i) => i % 7 === 2));
    const reuse: Reuse = { lookup: (path) => ([...changed].some((id) => path.includes(id)) ? null : { sha256: '0'.repeat(64), size: 1 }), listing: () => null };
    const { cases, alone, batches } = counted();
    const source = new PgBackupSource({ cases, pool, dataKey, label: 'read-ahead' });
    const entries = (await source.listEntries()).filter((e) => e.id.startsWith('case:'));
    const results = await Promise.all(entries.map((e) => source.readEntry(e, reuse)));
    expect(batches.flat().sort()).toEqual([...changed].sort());
    expect(alone).toEqual([]);
    expect(results.filter((r) => r && 'data' in r[0]!)).toHaveLength(changed.size);
  });
});
