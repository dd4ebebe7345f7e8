/**
 * Several desks of one center on one PostgreSQL database (issue #14), through the API as the screens call it: the
 * center's settings, staff, credentials and trail in the database (pg-center-state.ts), its small files shared
 * (pg-folder-fs.ts), the cases in PgCaseStore. Each desk has its own data folder (only desk.json in it) and its own
 * Workstation, as two processes on two machines would. A real server (tests/fixtures/postgres.ts), no mock.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findBrokenLink } from '../../../../electron/main/storage/audit-log';
import type { Workstation } from '../../../../electron/main/services/workstation';
import type { CenterDatabase } from '../../../../electron/shared/ipc/auth-inputs';
import type { SignOutReason } from '../../../../electron/shared/ipc/live-events';
import { roadTrafficCaseInput } from '../../../fixtures/cases';
import { PG_SUPERUSER, postgresSkipped, usePostgres } from '../../../fixtures/use-postgres';
import { SETUP, addStaff, call, callError, makeTempDir, openWorkstation, removeDir, setUp, signInAs } from '../../../fixtures/workstation';

const cluster = usePostgres();
let database: CenterDatabase;
const dirs: string[] = [];
const desks: Workstation[] = [];

async function openDesk(opts: { viaFolder?: boolean } = {}): Promise<Workstation> {
  const dir = await makeTempDir('center-desk-');
  dirs.push(dir);
  const ws = await openWorkstation(dir, opts.viaFolder ? {} : { desk: { schemaVersion: 1, store: 'postgres', database } });
  desks.push(ws);
  return ws;
}

/** Polls until `check` passes (another desk's change arrives by LISTEN/NOTIFY, within the 1 s). */
async function within<T>(ms: number, check: () => T | Promise<T>): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > until) throw error;
      await new Promise((r) => setTimeout(r, 20));
    }
  }
}

beforeEach(async () => {
  if (postgresSkipped) return;
  const name = await cluster().createDatabase();
  database = { host: cluster().dir, port: 5432, database: name, user: PG_SUPERUSER, password: '', tls: 'off' };
});
afterEach(async () => {
  for (const ws of desks.splice(0)) await ws.close().catch(() => undefined);
  for (const dir of dirs.splice(0)) await removeDir(dir);
});

describe.skipIf(postgresSkipped)('desks sharing a center database', () => {
  it('a center set up at one desk is the center of every desk: its people sign in anywhere and see the same cases', async () => {
    const front = await openDesk();
    const room = await openDesk();
    expect((await call(room, 'app:info')).setupRequired).toBe(true);
    const admin = await setUp(front);
    const info = await within(1000, async () => {
      const i = await call(room, 'app:info');
      expect(i.setupRequired).toBe(false);
      return i;
    });
    expect(info).toMatchObject({ centerName: SETUP.centerName, desk: { store: 'postgres' } });

    const mediator = await addStaff(front, { name: '调解员甲', roles: ['mediator', 'clerk'], loginName: 'tiaojie-jia' });
    await within(1000, () => expect(room.state.data.staff.map((s) => s.id)).toContain(mediator.id));
    await signInAs(room, 'tiaojie-jia', 'room-1');

    const created = await call(front, 'cases:create', roadTrafficCaseInput());
    const listed = await within(1000, async () => {
      const page = await call(room, 'cases:list', { page: 1, pageSize: 20 }, 'room-1');
      expect(page.items.map((i) => i.id)).toContain(created.id);
      return page;
    });
    expect(listed.total).toBe(1);
    // The second registration, at the other desk, takes the next number: one sequence for the center.
    const second = await call(room, 'cases:create', roadTrafficCaseInput(), 'room-1');
    expect(second.caseNumber).not.toBe(created.caseNumber);
    expect([created.seq, second.seq].sort()).toEqual([1, 2]);

    // One trail for the center, chained across both desks' entries.
    const trail = await front.workstationTrail();
    expect(findBrokenLink(trail)).toBeNull();
    expect(trail.map((e) => e.action)).toEqual(expect.arrayContaining(['setup:complete', 'staff:create', 'auth:sign-in']));
    expect(trail.some((e) => e.actorId === admin.id)).toBe(true);
    expect(trail.some((e) => e.actorId === mediator.id)).toBe(true);
  });

  it('an account deactivated at one desk is signed out at every desk within a second', async () => {
    const front = await openDesk();
    const room = await openDesk();
    await setUp(front);
    const clerk = await addStaff(front, { name: '接待员乙', roles: ['clerk'], loginName: 'jiedai-yi' });
    await within(1000, () => expect(room.state.data.staff.map((s) => s.id)).toContain(clerk.id));
    await signInAs(room, 'jiedai-yi', 'room-1');
    const ended: { connections: readonly string[]; reason: SignOutReason }[] = [];
    room.signIns.onEnded((connections, reason) => ended.push({ connections, reason }));

    await call(front, 'staff:set-active', { id: clerk.id, active: false });
    await within(1000, () => expect(ended).toEqual([{ connections: ['room-1'], reason: 'deactivated' }]));
    expect((await callError(room, 'cases:list', { page: 1, pageSize: 20 }, 'room-1')).code).toBe('UNAUTHENTICATED');
    expect((await callError(room, 'auth:sign-in', { loginName: 'jiedai-yi', password: 'Xin-mima-2026' }, 'room-2')).code).toBe('SIGN_IN_FAILED');
  });

  it('a person\'s draft follows them to another desk (the center\'s small files are shared, sealed)', async () => {
    const front = await openDesk();
    const room = await openDesk();
    await setUp(front);
    await call(front, 'drafts:save', { data: { applicant: '张三', note: '邻里漏水纠纷' } });
    await within(1000, () => expect(room.state.data.settings).not.toBeNull());
    await signInAs(room, SETUP.loginName, 'room-1');
    expect((await call(room, 'drafts:get', undefined, 'room-1'))?.data).toEqual({ applicant: '张三', note: '邻里漏水纠纷' });
    const stored = await cluster().sql<{ content: Buffer }>(database.database, `SELECT content FROM center_files WHERE path LIKE 'drafts/%'`);
    expect(stored.rows).toHaveLength(1);
    expect(stored.rows[0]!.content.includes(Buffer.from('张三'))).toBe(false);
  });

  it('first run: 测试连接 says what is there or what is wrong in Chinese; 连接并使用 records the choice in desk.json', async () => {
    const desk = await openDesk({ viaFolder: true });
    expect(await call(desk, 'setup:test-database', database)).toMatchObject({ centerName: null, serverVersion: expect.stringMatching(/^15\./) });
    const missing = await callError(desk, 'setup:test-database', { ...database, database: 'no_such_db' });
    expect(missing).toMatchObject({ code: 'DATABASE_UNAVAILABLE', message: expect.stringContaining('没有名为“no_such_db”的数据库') });
    const refused = await callError(desk, 'setup:test-database', { ...database, host: '127.0.0.1', port: 1 });
    expect(refused).toMatchObject({ code: 'DATABASE_UNAVAILABLE', message: expect.stringContaining('连接被拒绝') });
    const badHost = await callError(desk, 'setup:test-database', { ...database, host: 'db server' });
    expect(badHost.code).toBe('INVALID_INPUT');

    expect(await call(desk, 'setup:use-database', database)).toEqual({ centerName: null });
    const dir = dirs.at(-1)!;
    expect(JSON.parse(await readFile(path.join(dir, 'desk.json'), 'utf8'))).toMatchObject({ store: 'postgres', database: { database: database.database } });
    await setUp(desk);
    expect((await cluster().sql(database.database, 'SELECT revision FROM center_state')).rows[0]).toMatchObject({ revision: expect.any(Number) });
    // Once set up, the choice is made.
    expect((await callError(desk, 'setup:use-database', database)).code).toBe('ALREADY_SET_UP');

    // Another desk joining: the test names the center, the choice answers with it.
    const other = await openDesk({ viaFolder: true });
    expect(await call(other, 'setup:test-database', database)).toMatchObject({ centerName: SETUP.centerName });
    expect(await call(other, 'setup:use-database', database)).toEqual({ centerName: SETUP.centerName });
    expect((await call(other, 'app:info')).setupRequired).toBe(false);
    await signInAs(other, SETUP.loginName, 'other-1');

    // A restart of the first desk reads desk.json and opens the center database again.
    await desk.close();
    desks.splice(desks.indexOf(desk), 1);
    const again = await openWorkstation(dir);
    desks.push(again);
    expect(again.deskStore.store).toBe('postgres');
    expect((await call(again, 'app:info')).centerName).toBe(SETUP.centerName);
  });

  it('a center row changed outside the app (a role added to oneself) is not taken by a desk holding the key', async () => {
    const front = await openDesk();
    const room = await openDesk();
    const admin = await setUp(front);
    const clerk = await addStaff(front, { name: '接待员丙', roles: ['clerk'], loginName: 'jiedai-bing' });
    await within(1000, () => expect(room.state.data.staff.map((s) => s.id)).toContain(clerk.id));
    await signInAs(room, SETUP.loginName, 'room-1');
    await cluster().sql(
      database.database,
      `UPDATE center_state SET revision = revision + 1,
         doc = jsonb_set(doc, '{staff}', (SELECT jsonb_agg(CASE WHEN s->>'id' = $1 THEN jsonb_set(s, '{roles}', '["clerk","admin"]') ELSE s END) FROM jsonb_array_elements(doc->'staff') s))`,
      [clerk.id],
    );
    await cluster().sql(database.database, `SELECT pg_notify('mw_center', 'x')`);
    await within(1000, () => expect(room.problems().some((p) => p.tampered)).toBe(true));
    expect(room.state.data.staff.find((s) => s.id === clerk.id)?.roles).toEqual(['clerk']);
    expect(admin.roles).toContain('admin');
    // Nor does a change made at that desk build on it (it would authenticate the forged row anew).
    const refused = await callError(room, 'settings:update', { ...room.state.data.settings!, phone: '0579-85000000' }, 'room-1');
    expect(refused.code).toBe('STORE_CORRUPT');
    expect((await cluster().sql<{ roles: string[] }>(database.database, `SELECT s->'roles' AS roles FROM center_state, jsonb_array_elements(doc->'staff') s WHERE s->>'id' = $1`, [clerk.id])).rows[0]!.roles).toEqual(['clerk', 'admin']);
  });

  it('the server stopped mid-work (pg_ctl stop -m immediate): calls say so in Chinese, the desk notices, and once it is back nothing acknowledged is lost', async () => {
    const front = await openDesk();
    await setUp(front);
    const connection: boolean[] = [];
    front.onDatabaseConnection((connected) => connection.push(connected));
    const acknowledged = [];
    for (let i = 0; i < 5; i++) acknowledged.push(await call(front, 'cases:create', roadTrafficCaseInput()));

    await cluster().stop('immediate');
    const away = await callError(front, 'cases:create', roadTrafficCaseInput());
    expect(away).toMatchObject({ code: 'DATABASE_UNAVAILABLE', message: expect.stringContaining('数据库连接中断') });
    await within(3000, () => expect(connection).toEqual([false]));
    expect((await callError(front, 'app:info')).code).toBe('DATABASE_UNAVAILABLE');

    await cluster().start();
    // The screens' banner asks app:info every few seconds: the first answer after the restart brings the desk back.
    await within(10_000, async () => expect((await call(front, 'app:info')).setupRequired).toBe(false));
    expect(connection).toEqual([false, true]);
    const after = await call(front, 'cases:create', roadTrafficCaseInput());
    const page = await call(front, 'cases:list', { page: 1, pageSize: 50 });
    expect(page.items.map((i) => i.id)).toEqual(expect.arrayContaining([...acknowledged.map((c) => c.id), after.id]));
    // Numbers stay gapless: the registration refused while the server was away took none.
    expect(page.items.map((i) => i.seq).sort((a, b) => a - b)).toEqual(Array.from({ length: page.items.length }, (_, i) => i + 1));
  });
});
