/**
 * The PostgreSQL case store against a real PostgreSQL 15 (tests/fixtures/postgres.ts): one cluster for this file, a
 * fresh database per test, several PgCaseStore instances on one database standing for several desks. No mocks.
 */
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { checkAllData } from '../../../electron/main/services/data-check';
import { findBrokenLink } from '../../../electron/main/storage/audit-log';
import { exportCase } from '../../../electron/main/storage/case-bundle';
import { RevisionConflictError, type StoreChange } from '../../../electron/main/storage/case-store';
import { sha256Hex } from '../../../electron/main/storage/sha256';
import { CorruptFileError } from '../../../electron/main/storage/durable-json-file';
import { DESK_ROLE, MIGRATIONS, PgSchemaOutdatedError, migrate } from '../../../electron/main/storage/pg/migrations';
import { createPool } from '../../../electron/main/storage/pg/connection';
import { PgCaseStore } from '../../../electron/main/storage/pg/pg-case-store';
import { isTampered } from '../../../electron/main/storage/sealed-fs';
import type { PersonParty } from '../../../electron/shared/domain';
import { postgresSkipped, usePostgres } from '../../fixtures/use-postgres';
import { auditOf, caseBuild, newRecordsKey, sessionOf } from './pg/records';

const cluster = usePostgres();
let db: string;
let key: Buffer;
const opened: PgCaseStore[] = [];

async function open(database = db, user?: string): Promise<PgCaseStore> {
  const store = await PgCaseStore.open({ connection: cluster().config(database, user), recordsKey: key, now: () => new Date('2026-05-01T02:00:00.000Z') });
  opened.push(store);
  return store;
}

const sql = <R extends pg.QueryResultRow = pg.QueryResultRow>(text: string, values?: unknown[]) => cluster().sql<R>(db, text, values);

beforeEach(async () => {
  if (postgresSkipped) return;
  db = await cluster().createDatabase();
  key = newRecordsKey();
});
afterEach(async () => {
  for (const store of opened.splice(0)) await store.close().catch(() => undefined);
});

/** A photo attached to a case in one unit of work (the file and the record naming it). */
async function addAttachment(store: PgCaseStore, caseId: string, name: string, data: Buffer): Promise<void> {
  await store.commit(caseId, {
    files: [{ area: 'attachments', name, data }],
    case: {
      expectedRevision: null,
      change: (r) => ({ ...r, attachments: [{ id: randomUUID(), file: name, sha256: sha256Hex(data), size: data.length, mimeType: 'image/png', category: 'evidence', label: '照片', sessionId: null, statementId: null, documentId: null, addedAt: '2026-05-01T02:00:00.000Z', addedBy: 'x' }] }),
      audit: auditOf('attachments:add'),
    },
  });
}

describe.skipIf(postgresSkipped)('PgCaseStore', () => {
  it('numbers 20 registrations from 3 desks at once gaplessly, each stored with its audit entry and listed on every desk', async () => {
    const desks = await Promise.all([open(), open(), open()]);
    const created = await Promise.all(Array.from({ length: 20 }, (_, i) => desks[i % 3]!.create(2026, caseBuild(i), auditOf('cases:create'))));
    expect(created.map((c) => c.seq).sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(new Set(created.map((c) => c.caseNumber)).size).toBe(20);
    expect((await sql('SELECT last_seq FROM case_numbers WHERE year = 2026')).rows).toEqual([{ last_seq: 20 }]);
    for (const desk of desks) {
      await desk.refresh();
      const page = await desk.query({ limit: 5 });
      expect(page.total).toBe(20);
      expect(page.items.map((i) => i.seq)).toEqual([20, 19, 18, 17, 16]);
    }
    for (const c of created) {
      const trail = await desks[0]!.audit(c.id);
      expect(trail).toHaveLength(1);
      expect(findBrokenLink(trail)).toBeNull();
      expect(trail[0]).toMatchObject({ seq: 0, action: 'cases:create', record: { kind: 'case', id: c.id, revision: 1 } });
    }
    for (const desk of desks) expect(desk.problems()).toEqual([]);
  });

  it('a registration sent again after its answer was lost, from another connection or desk, finds its case: one case, one number', async () => {
    const [a, b] = await Promise.all([open(), open()]);
    const requestId = '7d3c2a1b-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
    const first = await a.create(2026, caseBuild(0), auditOf('cases:create'), requestId);
    await a.close();
    // As after COMMIT done and its answer lost: the desk (or another one) sends the same request again.
    const again = await Promise.all([b.create(2026, caseBuild(1), auditOf('cases:create'), requestId), b.create(2026, caseBuild(2), auditOf('cases:create'), requestId)]);
    expect(again.map((r) => r.id)).toEqual([first.id, first.id]);
    expect((await sql('SELECT count(*)::int AS n FROM cases')).rows).toEqual([{ n: 1 }]);
    expect((await sql('SELECT last_seq FROM case_numbers WHERE year = 2026')).rows).toEqual([{ last_seq: 1 }]);
    expect((await b.create(2026, caseBuild(3), auditOf('cases:create'))).seq).toBe(2);
  });

  it('never numbers a case in an earlier year than one already issued, whichever desk took it', async () => {
    const [a, b] = await Promise.all([open(), open()]);
    expect((await a.create(2027, caseBuild(0), auditOf('cases:create'))).caseNumber).toBe('（2027）X调字第0001号');
    // b's clock still reads 2026 (inside the clock guard's tolerance): the next number is still a 2027 one.
    const next = await b.create(2026, caseBuild(1), auditOf('cases:create'));
    expect([next.year, next.seq, next.caseNumber]).toEqual([2027, 2, '（2027）X调字第0002号']);
  });

  it('a stale update from another desk is a revision conflict; a server-derived change (null) applies to the latest', async () => {
    const [a, b] = await Promise.all([open(), open()]);
    const c = await a.create(2026, caseBuild(-1), auditOf('cases:create'));
    const edited = await a.update(c.id, 1, (r) => ({ ...r, dispute: { ...r.dispute, summary: `${r.dispute.summary}（甲补充）` } }), auditOf('cases:update'));
    expect(edited.revision).toBe(2);
    const stale = b.update(c.id, 1, (r) => ({ ...r, dispute: { ...r.dispute, summary: '乙的旧版本' } }), auditOf('cases:update'));
    await expect(stale).rejects.toBeInstanceOf(RevisionConflictError);
    await expect(stale).rejects.toMatchObject({ expected: 1, actual: 2 });
    const derived = await b.update(c.id, null, (r) => ({ ...r, dispute: { ...r.dispute, occurredPlace: `${r.dispute.occurredPlace}（核实）` } }), auditOf('sessions:summary'));
    expect(derived.revision).toBe(3);
    expect(derived.dispute.summary).toContain('（甲补充）');

    // Parallel null changes from both desks all land, in turn, each on the latest record.
    await Promise.all(
      Array.from({ length: 10 }, (_, i) => (i % 2 ? a : b).update(c.id, null, (r) => ({ ...r, dispute: { ...r.dispute, summary: `${r.dispute.summary}#${i}` } }), auditOf('derived'))),
    );
    const after = await a.get(c.id);
    expect(after.revision).toBe(13);
    for (let i = 0; i < 10; i++) expect(after.dispute.summary).toContain(`#${i}`);
    const trail = await b.audit(c.id);
    expect(trail.map((e) => e.seq)).toEqual(Array.from({ length: 13 }, (_, i) => i));
    expect(findBrokenLink(trail)).toBeNull();

    // Sessions likewise: created once, then saved against the revision the writer started from.
    const session = sessionOf(c.id);
    const saved = await a.saveSession(c.id, null, session, auditOf('sessions:create'));
    expect(saved.revision).toBe(0);
    await expect(b.saveSession(c.id, null, session, auditOf('sessions:create'))).rejects.toBeInstanceOf(RevisionConflictError);
    expect((await b.saveSession(c.id, 0, { ...saved, place: '第二调解室' }, auditOf('sessions:save'))).revision).toBe(1);
    await expect(a.saveSession(c.id, 0, { ...saved, place: '旧地点' }, auditOf('sessions:save'))).rejects.toMatchObject({ expected: 0, actual: 1 });
    expect((await a.getSession(c.id, session.id)).place).toBe('第二调解室');
    expect(findBrokenLink(await a.audit(c.id))).toBeNull();
    // Waiting for the other desk's lock never made a just-committed save look like a row put back.
    expect([...a.problems(), ...b.problems()]).toEqual([]);
  });

  it('a unit that fails part-way leaves nothing: no case, no number, no audit entry, no change number', async () => {
    const store = await open();
    await expect(
      store.create(
        2026,
        () => {
          throw new Error('build failed');
        },
        auditOf('cases:create'),
      ),
    ).rejects.toThrow('build failed');
    // A failure inside the database after the case row and its audit entry were written.
    await sql(`CREATE FUNCTION fail_summary() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'disk full (test)'; END $$`);
    await sql('CREATE TRIGGER fail_summary BEFORE INSERT OR UPDATE ON summaries FOR EACH ROW EXECUTE FUNCTION fail_summary()');
    await expect(store.create(2026, caseBuild(0), auditOf('cases:create'))).rejects.toThrow('disk full (test)');
    for (const table of ['cases', 'audit_events', 'summaries']) expect((await sql(`SELECT count(*)::int AS n FROM ${table}`)).rows[0]!.n).toBe(0);
    expect((await sql('SELECT coalesce(max(last_seq), 0) AS n FROM case_numbers')).rows[0]!.n).toBe(0);
    expect((await store.query({})).total).toBe(0);
    expect(store.appendedHeads().size).toBe(0);

    await sql('DROP TRIGGER fail_summary ON summaries');
    const first = await store.create(2026, caseBuild(0), auditOf('cases:create'));
    expect(first.seq).toBe(1); // the failed registrations burnt no number

    // The same for an update: its audit entry is rolled back with it, the revision stays.
    await sql('CREATE TRIGGER fail_summary BEFORE UPDATE ON summaries FOR EACH ROW EXECUTE FUNCTION fail_summary()');
    const change = (await sql<{ last: string }>('SELECT last::text FROM change_counter')).rows[0]!.last;
    await expect(store.update(first.id, 1, (r) => ({ ...r, dispute: { ...r.dispute, summary: '不会保存' } }), auditOf('cases:update'))).rejects.toThrow('disk full (test)');
    expect((await store.get(first.id)).revision).toBe(1);
    expect(await store.audit(first.id)).toHaveLength(1);
    expect((await sql<{ last: string }>('SELECT last::text FROM change_counter')).rows[0]!.last).toBe(change);
    expect(store.problems()).toEqual([]);
  });

  it('stores no name, ID number or phone in clear; a sealed row swapped onto another case fails and is reported, never served', async () => {
    const store = await open();
    const a = await store.create(2026, caseBuild(-1), auditOf('cases:create', '登记道路交通事故纠纷'));
    const b = await store.create(2026, caseBuild(1), auditOf('cases:create'));
    const person = a.parties.find((p): p is PersonParty => p.kind === 'person' && !!p.idNumber)!;
    await store.putFile(a.id, 'attachments', 'scan-1.png', Buffer.from(`扫描件 ${person.name} ${person.idNumber}`));
    await store.saveSession(a.id, null, { ...sessionOf(a.id), purpose: `调解${person.name}的纠纷` }, auditOf('sessions:create'));

    // Every column of every table as text (bytea as hex): neither the text nor its UTF-8 bytes appear anywhere.
    const tables = ['cases', 'summaries', 'sessions', 'agreements', 'audit_events', 'files', 'issued_files', 'store_keys', 'case_numbers'];
    const dump = (await Promise.all(tables.map(async (t) => (await sql<{ s: string | null }>(`SELECT string_agg(x::text, '|') AS s FROM ${t} x`)).rows[0]!.s ?? ''))).join('\n');
    for (const secret of [person.name, person.idNumber!, person.phone!, a.dispute.summary.slice(0, 12)].filter(Boolean)) {
      expect(dump).not.toContain(secret);
      expect(dump).not.toContain(Buffer.from(secret, 'utf8').toString('hex'));
    }

    // b's sealed record copied onto a's row: authentic under b's name only.
    await sql('UPDATE cases SET record = (SELECT record FROM cases WHERE id = $2) WHERE id = $1', [a.id, b.id]);
    await expect(store.get(a.id)).rejects.toBeInstanceOf(CorruptFileError);
    await expect(store.update(a.id, null, (r) => r, auditOf('x'))).rejects.toBeInstanceOf(CorruptFileError);
    expect((await store.get(b.id)).id).toBe(b.id);
    expect(store.problems()).toContainEqual(expect.objectContaining({ file: `postgresql:case/${a.id}`, tampered: true, message: expect.stringContaining('案件（2026）X调字第0001号的数据未通过完整性校验') }));

    // A file of a case copied over another file: a TamperedFileError, as from a sealed file.
    await store.putFile(b.id, 'attachments', 'scan-2.png', Buffer.from('另一案件的附件'));
    await sql('ALTER TABLE files DISABLE TRIGGER USER');
    await sql(`UPDATE files SET content = (SELECT content FROM files WHERE name = 'scan-2.png') WHERE name = 'scan-1.png'`);
    const read = await store.getFile(a.id, 'attachments', 'scan-1.png').catch((e: unknown) => e);
    expect(isTampered(read)).toBe(true);
    await expect(store.getFile(a.id, 'attachments', 'nothing.png')).rejects.toMatchObject({ code: 'ENOENT' });

    // An audit entry moved onto another seq of the same chain: the trail is shown up to the damage, and reported.
    await store.note(b.id, auditOf('cases:reveal', '查看完整身份证号'));
    await sql('ALTER TABLE audit_events DISABLE TRIGGER USER');
    await sql('UPDATE audit_events SET event = (SELECT event FROM audit_events WHERE case_id = $1 AND seq = 0) WHERE case_id = $1 AND seq = 1', [b.id]);
    expect(await store.audit(b.id)).toHaveLength(1);
    expect(store.problems()).toContainEqual(expect.objectContaining({ message: expect.stringContaining('的办理记录（审计日志）未通过完整性校验') }));

    // A swapped summary is not served at the next open either: b is listed from its own record. (a's summary is
    // intact, so a stays listed, and opening it says it is damaged, as with the file store.)
    await sql('UPDATE summaries SET summary = (SELECT summary FROM summaries WHERE case_id = $2) WHERE case_id = $1', [b.id, a.id]);
    const reopened = await open();
    const listed = await reopened.query({});
    expect(listed.items.map((i) => [i.id, i.caseNumber])).toEqual([
      [b.id, b.caseNumber],
      [a.id, a.caseNumber],
    ]);
    expect(reopened.problems()).toContainEqual(expect.objectContaining({ file: `postgresql:summary/${b.id}`, tampered: true }));
  });

  it('exportCases leaves out each case that does not read cleanly and reports nothing; the rest of the batch comes whole; exportCase then reports each', async () => {
    const store = await open();
    const made = [];
    for (let i = 0; i < 7; i++) made.push(await store.create(2026, caseBuild(i), auditOf('cases:create')));
    const withAttachment = (caseId: string, name: string, data: Buffer) => addAttachment(store, caseId, name, data);
    const [intact, plain, swapped, putBack, revisionEdited, fileDamaged, trailDamaged] = made.map((c) => c.id) as [string, string, string, string, string, string, string];
    await withAttachment(intact, 'scan-1.png', Buffer.from('完好的附件'));
    await store.saveSession(intact, null, sessionOf(intact), auditOf('sessions:create'));
    await withAttachment(fileDamaged, 'scan-2.png', Buffer.from('会被改动的附件'));
    const old = (await sql<{ record: Buffer }>('SELECT record FROM cases WHERE id = $1', [putBack])).rows[0]!.record;
    await store.update(putBack, 1, (r) => ({ ...r, dispute: { ...r.dispute, summary: '第二版' } }), auditOf('cases:update'));
    await store.note(trailDamaged, auditOf('cases:reveal'));

    await sql('UPDATE cases SET record = (SELECT record FROM cases WHERE id = $2) WHERE id = $1', [swapped, plain]);
    await sql('UPDATE cases SET record = $2, revision = 1 WHERE id = $1', [putBack, old]);
    await sql('UPDATE cases SET revision = revision + 1 WHERE id = $1', [revisionEdited]);
    await sql('ALTER TABLE files DISABLE TRIGGER USER');
    await sql(`UPDATE files SET content = (SELECT content FROM files WHERE name = 'scan-1.png') WHERE name = 'scan-2.png'`);
    await sql('ALTER TABLE audit_events DISABLE TRIGGER USER');
    await sql(`UPDATE audit_events SET hash = repeat('0', 64) WHERE case_id = $1 AND seq = 1`, [trailDamaged]);

    const bundles = await store.exportCases(made.map((c) => c.id));
    expect([...bundles.keys()].sort()).toEqual([intact, plain].sort());
    for (const id of [intact, plain]) expect(JSON.stringify(bundles.get(id))).toBe(JSON.stringify(await exportCase(store, id)));
    expect(bundles.get(intact)!.sessions).toHaveLength(0); // saved alone, not listed on the case: as exportCase
    expect(bundles.get(intact)!.files).toHaveLength(1);
    expect(store.problems()).toEqual([]);

    // Read alone, as the backup then does: each is reported as any read reports it.
    for (const id of [swapped, putBack, revisionEdited, fileDamaged, trailDamaged]) await exportCase(store, id).catch(() => undefined);
    for (const id of [swapped, putBack, revisionEdited, fileDamaged, trailDamaged]) expect(store.problems().some((p) => p.file.includes(id)), id).toBe(true);
  });

  it('数据核验 reads a center database in batches and still names each damaged case, counting what the one-by-one check counts', async () => {
    const store = await open();
    const made = [];
    for (let i = 0; i < 30; i++) made.push(await store.create(2026, caseBuild(i), auditOf('cases:create')));
    const [a, b, swapped, , fileDamaged] = made.map((c) => c.id) as [string, string, string, string, string];
    for (const [caseId, name] of [[a, 'scan-1.png'], [fileDamaged, 'scan-2.png']] as const) await addAttachment(store, caseId, name, Buffer.from(`附件 ${name}`));
    const now = () => new Date('2026-05-01T02:00:00.000Z');
    const oneByOne = new Proxy(store, { get: (t, k) => (k === 'exportsInBulk' ? false : typeof Reflect.get(t, k) === 'function' ? Reflect.get(t, k).bind(t) : Reflect.get(t, k)) });
    const clean = await checkAllData(store, now);
    expect(clean).toMatchObject({ cases: 30, problems: [] });
    expect(clean.files).toBe((await checkAllData(oneByOne, now)).files);

    await sql('UPDATE cases SET record = (SELECT record FROM cases WHERE id = $2) WHERE id = $1', [swapped, b]);
    await sql('ALTER TABLE files DISABLE TRIGGER USER');
    await sql(`UPDATE files SET content = (SELECT content FROM files WHERE name = 'scan-1.png') WHERE name = 'scan-2.png'`);
    const damaged = await checkAllData(store, now);
    expect([...new Set(damaged.problems.map((p) => p.caseId))].sort()).toEqual([swapped, fileDamaged].sort());
  });

  it('an older sealed row of the same case put back authenticates but not against its trail: reported on the case', async () => {
    const store = await open();
    const c = await store.create(2026, caseBuild(2), auditOf('cases:create'));
    const old = (await sql<{ record: Buffer }>('SELECT record FROM cases WHERE id = $1', [c.id])).rows[0]!.record;
    await store.update(c.id, 1, (r) => ({ ...r, dispute: { ...r.dispute, summary: '第二版' } }), auditOf('cases:update'));
    await sql('UPDATE cases SET record = $2, revision = 1 WHERE id = $1', [c.id, old]);
    expect((await store.get(c.id)).revision).toBe(1);
    expect(store.problems()).toContainEqual(expect.objectContaining({ tampered: true, message: expect.stringContaining('数据与审计记录不符（数据为第1版，审计记录最后为第2版）') }));
  });

  it('a desk role may add to the audit trail but not change, delete or truncate it; the owner is stopped by the triggers', async () => {
    await open(); // the owner migrates
    await sql(`CREATE ROLE desk_${db} LOGIN IN ROLE ${DESK_ROLE}`);
    const desk = await open(db, `desk_${db}`);
    const c = await desk.create(2026, caseBuild(3), auditOf('cases:create'));
    await desk.update(c.id, 1, (r) => ({ ...r, dispute: { ...r.dispute, summary: '补充' } }), auditOf('cases:update'));
    await desk.putFile(c.id, 'documents', 'notice-1.pdf', Buffer.from('%PDF-1.7'));

    const client = new pg.Client(cluster().config(db, `desk_${db}`));
    await client.connect();
    try {
      for (const statement of [
        `UPDATE audit_events SET hash = 'x' WHERE case_id = '${c.id}'`,
        `DELETE FROM audit_events WHERE case_id = '${c.id}'`,
        'TRUNCATE audit_events',
        `UPDATE files SET size = 0`,
        `DELETE FROM files`,
        `DELETE FROM cases WHERE id = '${c.id}'`,
        `DROP TABLE audit_events`,
      ]) {
        await expect(client.query(statement), statement).rejects.toMatchObject({ code: expect.stringMatching(/^42501$/) });
      }
    } finally {
      await client.end();
    }
    await expect(sql(`UPDATE audit_events SET hash = 'x'`)).rejects.toThrow(/UPDATE on audit_events refused/);
    await expect(sql('DELETE FROM audit_events')).rejects.toThrow(/refused/);
    await expect(sql('TRUNCATE audit_events CASCADE')).rejects.toThrow(/refused/);
    expect(findBrokenLink(await desk.audit(c.id))).toBeNull();
  });

  it('a desk cannot open a database whose schema is behind: the owner migrates it first', async () => {
    await sql(`CREATE ROLE early_${db} LOGIN IN ROLE ${DESK_ROLE}`).catch(async () => {
      // the group role does not exist before the first migration: make it as the owner would
      await sql(`CREATE ROLE ${DESK_ROLE} NOLOGIN`);
      await sql(`CREATE ROLE early_${db} LOGIN IN ROLE ${DESK_ROLE}`);
    });
    await expect(open(db, `early_${db}`)).rejects.toBeInstanceOf(PgSchemaOutdatedError);
  });

  it('three desks opening a new database at the same moment migrate it once and share one lookup key', async () => {
    const pools = [0, 1, 2].map(() => createPool(cluster().config(db)));
    try {
      const applied = await Promise.all(pools.map((p) => migrate(p)));
      expect(applied.flat().sort()).toEqual(MIGRATIONS.map((m) => m.version));
    } finally {
      await Promise.all(pools.map((p) => p.end()));
    }
    const fresh = await cluster().createDatabase();
    const desks = await Promise.all([open(fresh), open(fresh), open(fresh)]);
    const rows = await cluster().sql<{ version: number; n: number }>(fresh, 'SELECT version, count(*)::int AS n FROM schema_migrations GROUP BY version ORDER BY version');
    expect(rows.rows).toEqual(MIGRATIONS.map((m) => ({ version: m.version, n: 1 })));
    expect((await cluster().sql(fresh, 'SELECT name FROM store_keys')).rows).toEqual([{ name: 'lookup' }]);

    // The same key on every desk: a case registered on one is found by its party's ID number on another.
    const c = await desks[0]!.create(2026, caseBuild(-1), auditOf('cases:create'));
    const person = c.parties.find((p): p is PersonParty => p.kind === 'person' && !!p.idNumber)!;
    await desks[2]!.refresh();
    expect((await desks[2]!.related([`id:${person.idNumber}`], [])).map((r) => r.summary.id)).toEqual([c.id]);
    expect((await desks[2]!.query({ filter: { text: person.idNumber! } })).items.map((i) => i.id)).toEqual([c.id]);
  });

  it('another desk hears each change within a second without asking (LISTEN/NOTIFY), its own never as remote', async () => {
    const [a, b] = await Promise.all([open(), open()]);
    const heardA: StoreChange[] = [];
    const heardB: StoreChange[] = [];
    a.onChange((x) => heardA.push(x));
    b.onChange((x) => heardB.push(x));
    const c = await a.create(2026, caseBuild(4), auditOf('cases:create'));
    // What main forwards to b's screens, and b's list already holding the case: no refresh was asked for.
    await vi.waitFor(() => expect(heardB).toEqual([{ caseId: c.id, kind: 'case', origin: 'remote' }]), { timeout: 1000, interval: 10 });
    expect((await b.query({})).items.map((i) => i.id)).toEqual([c.id]);
    expect(await b.refresh()).toBe(0);

    const mediator = '0f9e8d7c-6b5a-4c3d-8e2f-1a0b9c8d7e6f';
    await a.update(c.id, 1, (r) => ({ ...r, assignment: { mediatorIds: [mediator], room: '第一调解室' } }), auditOf('cases:assign'));
    await vi.waitFor(async () => expect((await b.tallyByMediator({})).get(mediator)).toBe(1), { timeout: 1000, interval: 10 });
    await a.note(c.id, auditOf('cases:reveal'));
    await vi.waitFor(() => expect(heardB.at(-1)).toEqual({ caseId: c.id, kind: 'note', origin: 'remote' }), { timeout: 1000, interval: 10 });
    expect(heardA.every((x) => x.origin === 'local')).toBe(true);
    // The policy table reads the case row, not a possibly stale list.
    expect(await b.summary(c.id)).toEqual({ id: c.id, status: 'registered', mediatorIds: [mediator] });
  });

  it('a desk whose listening connection was cut catches up when it is back, and hears again', async () => {
    const [a, b] = await Promise.all([open(), open()]);
    const heard: StoreChange[] = [];
    b.onChange((x) => heard.push(x));
    const cut = await sql<{ ok: boolean }>(`SELECT pg_terminate_backend(pid) AS ok FROM pg_stat_activity WHERE application_name = 'mediation-workstation-listen' AND datname = current_database()`);
    expect(cut.rows.map((r) => r.ok)).toEqual([true, true]); // both desks' listening connections
    const missed = await a.create(2026, caseBuild(6), auditOf('cases:create'));
    await vi.waitFor(() => expect(heard.map((x) => x.caseId)).toContain(missed.id), { timeout: 5000, interval: 20 });
    const later = await a.create(2026, caseBuild(7), auditOf('cases:create'));
    await vi.waitFor(() => expect(heard.map((x) => x.caseId)).toContain(later.id), { timeout: 1000, interval: 10 });
    expect((await b.query({})).total).toBe(2);
  });

  it('commits synchronously even where the database default says otherwise', async () => {
    await sql(`ALTER DATABASE "${db}" SET synchronous_commit = off`);
    const store = await open();
    await store.create(2026, caseBuild(8), auditOf('cases:create'));
    const sessions = await sql<{ setting: string }>(`SELECT setting FROM pg_settings WHERE name = 'synchronous_commit'`);
    expect(sessions.rows[0]!.setting).toBe('off'); // a plain session here gets the database default…
    expect(store.problems()).toEqual([]); // …the store's sessions do not (open checks it and refuses otherwise)
  });

  it('an acknowledged write survives the server being killed (immediate shutdown, recovery from the WAL)', async () => {
    const store = await open();
    const c = await store.create(2026, caseBuild(5), auditOf('cases:create'));
    const u = await store.update(c.id, 1, (r) => ({ ...r, dispute: { ...r.dispute, summary: '断电前确认' } }), auditOf('cases:update'));
    await store.close();
    await cluster().stop('immediate');
    await cluster().start();
    const after = await open();
    expect(await after.get(c.id)).toEqual(u);
    expect((await after.create(2026, caseBuild(6), auditOf('cases:create'))).seq).toBe(2);
  });

  it('files are write-once and the document registry answers by SHA-256', async () => {
    const store = await open();
    const c = await store.create(2026, caseBuild(7), auditOf('cases:create'));
    await store.putFile(c.id, 'documents', 'notice-1.pdf', Buffer.from('%PDF-1.7 一'));
    await expect(store.putFile(c.id, 'documents', 'notice-1.pdf', Buffer.from('%PDF-1.7 二'))).rejects.toThrow(/refusing to overwrite/);
    expect((await store.getFile(c.id, 'documents', 'notice-1.pdf')).toString()).toBe('%PDF-1.7 一');
    await expect(store.putFile(c.id, 'documents', '../x.pdf', Buffer.from('x'))).rejects.toThrow(/not an app-generated file name/);
    const sha256 = 'a'.repeat(64);
    await store.registerIssuedFiles([{ sha256, caseId: c.id, documentId: 'd1' }, { sha256, caseId: c.id, documentId: 'd2' }]);
    expect(await store.findIssuedFile(sha256)).toEqual({ sha256, caseId: c.id, documentId: 'd1' });
    expect(await store.findIssuedFile('b'.repeat(64))).toBeNull();
  });
});
