/**
 * Sign-in, lock-out, re-authentication and the idle lock, through dispatch on a real data directory with a clock
 * the test moves (electron/main/services/accounts.ts, electron/main/auth/sign-ins.ts).
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { REAUTH_WINDOW_MS, SERVER_IDLE_GRACE_MS } from '../../../electron/main/auth/sign-ins';
import { ACCOUNT_LOCK_MS, MAX_FAILED_ATTEMPTS } from '../../../electron/main/services/accounts';
import type { Workstation } from '../../../electron/main/services/workstation';
import type { Staff } from '../../../electron/shared/domain';
import { chinaDateOf } from '../../../electron/shared/format/dates';
import type { Clock } from '../../../electron/shared/time/clock';
import { FIXTURE_NOW } from '../../fixtures/cases';
import {
  ADMIN_PASSWORD,
  CHANGED_PASSWORD,
  CONNECTION,
  SETUP,
  STAFF_PASSWORD,
  addStaff,
  call,
  callError,
  callRaw,
  makeTempDir,
  openWorkstation,
  removeDir,
  setUp,
  signInAs,
} from '../../fixtures/workstation';

/** A clock the test moves by hand. */
function movableClock(iso: string): Clock & { advance(ms: number): void } {
  let t = Date.parse(iso);
  return {
    now: () => new Date(t),
    today: () => chinaDateOf(new Date(t).toISOString()),
    advance: (ms: number) => void (t += ms),
  };
}

const WRONG = 'Cuowu-mima-99';
const MINUTE = 60_000;

let dir: string;
let ws: Workstation;
let clock: ReturnType<typeof movableClock>;
let admin: Staff;
let counter = 0;

async function auditLines(): Promise<{ action: string; actorName: string; detail: string }[]> {
  const text = await readFile(path.join(dir, 'audit', 'workstation.jsonl'), 'utf8');
  return text.split('\n').filter(Boolean).map((l) => JSON.parse(l) as { action: string; actorName: string; detail: string });
}

/** The error of a call, as is: no automatic re-authentication (the fixtures' callError gives the password again). */
async function rawError(...args: Parameters<typeof callRaw>) {
  const result = await callRaw(...args);
  if (result.ok) throw new Error(`${args[1]} unexpectedly succeeded`);
  return result.error;
}

/** A mediator with a first password, not signed in anywhere yet. */
async function newMediator(): Promise<Staff> {
  return addStaff(ws, { name: `调解员${++counter}`, roles: ['mediator'], loginName: `signin-${counter}` });
}

beforeEach(async () => {
  dir = await makeTempDir('sign-in-');
  clock = movableClock(FIXTURE_NOW);
  ws = await openWorkstation(dir, { clock });
  admin = await setUp(ws);
});

afterEach(async () => {
  await ws.close();
  await removeDir(dir);
});

describe('sign-in', () => {
  it('a wrong password and an unknown login name get the same answer, and both are audited without the password', async () => {
    const wrong = await callError(ws, 'auth:sign-in', { loginName: SETUP.loginName, password: WRONG }, 'desk-a');
    const unknown = await callError(ws, 'auth:sign-in', { loginName: 'nobody-here', password: WRONG }, 'desk-a');
    expect(wrong.code).toBe('SIGN_IN_FAILED');
    expect(unknown).toEqual(wrong);
    expect(await callRaw(ws, 'auth:current', undefined, 'desk-a')).toEqual({ ok: true, value: null });
    const failed = (await auditLines()).filter((e) => e.action === 'auth:sign-in-failed');
    expect(failed).toHaveLength(2);
    expect(failed[0]).toMatchObject({ actorName: admin.name, detail: expect.stringContaining('密码错误，第1次') });
    expect(failed[1]).toMatchObject({ actorName: 'nobody-here', detail: expect.stringContaining('登录名不存在') });
    const accounts = await call(ws, 'staff:accounts');
    expect(accounts.find((a) => a.id === admin.id)).toMatchObject({ failedAttempts: 1, lockedUntil: null });
  });

  it('the right password signs in, audited, and a success resets the count of failures', async () => {
    await callError(ws, 'auth:sign-in', { loginName: SETUP.loginName, password: WRONG }, 'desk-b');
    const signedIn = await call(ws, 'auth:sign-in', { loginName: ` ${SETUP.loginName.toUpperCase()} `, password: ADMIN_PASSWORD }, 'desk-b');
    expect(signedIn).toMatchObject({ staff: { id: admin.id }, locked: false, mustChangePassword: false });
    expect((await call(ws, 'staff:accounts')).find((a) => a.id === admin.id)).toMatchObject({ failedAttempts: 0, lastSignInAt: clock.now().toISOString() });
    expect((await auditLines()).at(-1)).toMatchObject({ action: 'auth:sign-in', actorName: admin.name });
  });

  it(`${MAX_FAILED_ATTEMPTS} failures in a row lock the account for 15 minutes; then the right password works again`, async () => {
    const staff = await newMediator();
    const answers: string[] = [];
    for (let i = 0; i < MAX_FAILED_ATTEMPTS; i++) answers.push((await callError(ws, 'auth:sign-in', { loginName: staff.loginName, password: WRONG }, 'desk-c')).message);
    // The three before the last warn, the tenth says locked.
    expect(answers[MAX_FAILED_ATTEMPTS - 5]).not.toMatch(/再错/);
    expect(answers[MAX_FAILED_ATTEMPTS - 4]).toMatch(/再错3次/);
    expect(answers[MAX_FAILED_ATTEMPTS - 3]).toMatch(/再错2次/);
    expect(answers[MAX_FAILED_ATTEMPTS - 2]).toMatch(/再错1次/);
    expect(answers[MAX_FAILED_ATTEMPTS - 1]).toMatch(/已锁定15分钟/);
    const account = (await call(ws, 'staff:accounts')).find((a) => a.id === staff.id)!;
    expect(account.lockedUntil).toBe(new Date(clock.now().getTime() + ACCOUNT_LOCK_MS).toISOString());
    expect((await auditLines()).filter((e) => e.action === 'auth:account-locked')).toHaveLength(1);
    // Locked: even the right password is refused, and says so.
    clock.advance(ACCOUNT_LOCK_MS - MINUTE);
    const locked = await callError(ws, 'auth:sign-in', { loginName: staff.loginName, password: STAFF_PASSWORD }, 'desk-c');
    expect(locked).toMatchObject({ code: 'SIGN_IN_FAILED', message: expect.stringMatching(/已锁定，请1分钟后再试/) });
    expect((await auditLines()).at(-1)).toMatchObject({ action: 'auth:sign-in-failed', detail: expect.stringContaining('账号已锁定') });
    clock.advance(MINUTE + 1000);
    expect(await call(ws, 'auth:sign-in', { loginName: staff.loginName, password: STAFF_PASSWORD }, 'desk-c')).toMatchObject({ staff: { id: staff.id }, mustChangePassword: true });
    // The administrator's own desk locked itself meanwhile (idle for 15 minutes).
    await call(ws, 'auth:unlock', { password: ADMIN_PASSWORD });
    expect((await call(ws, 'staff:accounts')).find((a) => a.id === staff.id)).toMatchObject({ failedAttempts: 0, lockedUntil: null });
  });

  it('the lock is stored: a restart does not lift it', async () => {
    const staff = await newMediator();
    for (let i = 0; i < MAX_FAILED_ATTEMPTS; i++) await callError(ws, 'auth:sign-in', { loginName: staff.loginName, password: WRONG }, 'desk-d');
    await ws.close();
    ws = await openWorkstation(dir, { clock });
    expect(await callError(ws, 'auth:sign-in', { loginName: staff.loginName, password: STAFF_PASSWORD }, 'desk-d')).toMatchObject({ code: 'SIGN_IN_FAILED', message: expect.stringMatching(/已锁定/) });
  });

  it('中心管理员 unlocks a locked account at once (audited)', async () => {
    const staff = await newMediator();
    for (let i = 0; i < MAX_FAILED_ATTEMPTS; i++) await callError(ws, 'auth:sign-in', { loginName: staff.loginName, password: WRONG }, 'desk-e');
    // Only an administrator may unlock.
    const clerk = await addStaff(ws, { name: '登记员甲', roles: ['clerk'], loginName: 'signin-clerk' });
    await signInAs(ws, clerk.loginName, 'desk-clerk');
    expect(await callError(ws, 'staff:unlock', { id: staff.id }, 'desk-clerk')).toMatchObject({ code: 'FORBIDDEN' });
    expect(await call(ws, 'staff:unlock', { id: staff.id })).toMatchObject({ lockedUntil: null, failedAttempts: 0 });
    expect((await auditLines()).at(-1)).toMatchObject({ action: 'staff:unlock', actorName: admin.name });
    expect(await call(ws, 'auth:sign-in', { loginName: staff.loginName, password: STAFF_PASSWORD }, 'desk-e')).toMatchObject({ staff: { id: staff.id } });
  });

  it('no password and no hash in any audit line, staff:list or staff:accounts', async () => {
    const staff = await newMediator();
    await signInAs(ws, staff.loginName, 'desk-f');
    await callError(ws, 'auth:sign-in', { loginName: staff.loginName, password: WRONG }, 'desk-g');
    await callError(ws, 'auth:sign-in', { loginName: WRONG, password: WRONG }, 'desk-g');
    await callError(ws, 'auth:reauth', { password: WRONG }, 'desk-f');
    await callError(ws, 'auth:unlock', { password: WRONG }, 'desk-f');
    await call(ws, 'staff:reset-password', { id: staff.id, password: 'Chongzhi-mima-7' });
    const secrets = [ADMIN_PASSWORD, STAFF_PASSWORD, CHANGED_PASSWORD, 'Chongzhi-mima-7'];
    for (const credential of Object.values(ws.state.data.credentials)) secrets.push(credential.password.hash, credential.password.salt);
    const audit = await readFile(path.join(dir, 'audit', 'workstation.jsonl'), 'utf8');
    // The wrong password typed as a login name is the login name typed (kept, cut to 32 characters): not a secret.
    const listings = [JSON.stringify(await call(ws, 'staff:list')), JSON.stringify(await call(ws, 'staff:accounts'))];
    for (const text of [audit, ...listings]) for (const secret of secrets) expect(text.includes(secret), secret).toBe(false);
    for (const listing of listings) expect(listing).not.toMatch(/"(password|salt|hash|credentials?)"/);
    // Nor in what sign-in answers.
    expect(JSON.stringify(await call(ws, 'auth:current', undefined, 'desk-f'))).not.toMatch(/password"|salt|hash/);
  });
});

describe('an account changed by the administrator', () => {
  it('deactivation ends the person’s sign-ins at once, and they cannot sign in again', async () => {
    const staff = await newMediator();
    await signInAs(ws, staff.loginName, 'desk-h1');
    await signInAs(ws, staff.loginName, 'desk-h2');
    expect(await callRaw(ws, 'cases:list', { page: 1, pageSize: 20 }, 'desk-h1')).toMatchObject({ ok: true });
    await call(ws, 'staff:set-active', { id: staff.id, active: false });
    for (const desk of ['desk-h1', 'desk-h2']) {
      expect(await callError(ws, 'cases:list', { page: 1, pageSize: 20 }, desk)).toMatchObject({ code: 'UNAUTHENTICATED' });
      expect(await callRaw(ws, 'auth:current', undefined, desk)).toEqual({ ok: true, value: null });
    }
    expect(await callError(ws, 'auth:sign-in', { loginName: staff.loginName, password: CHANGED_PASSWORD }, 'desk-h1')).toMatchObject({ code: 'SIGN_IN_FAILED', message: expect.stringMatching(/停用/) });
  });

  it('a change of roles ends the person’s sign-ins at once; signed in again they have the new roles', async () => {
    const staff = await newMediator();
    await signInAs(ws, staff.loginName, 'desk-i');
    expect(await callError(ws, 'cases:create', {} as never, 'desk-i')).toMatchObject({ code: 'FORBIDDEN' });
    await call(ws, 'staff:set-roles', { id: staff.id, roles: ['clerk'] });
    expect(await callError(ws, 'cases:list', { page: 1, pageSize: 20 }, 'desk-i')).toMatchObject({ code: 'UNAUTHENTICATED' });
    await signInAs(ws, staff.loginName, 'desk-i');
    expect(await callError(ws, 'cases:create', {} as never, 'desk-i')).toMatchObject({ code: 'INVALID_INPUT' });
  });

  it('a password reset ends the person’s sign-ins and asks for a new password at the next one', async () => {
    const staff = await newMediator();
    await signInAs(ws, staff.loginName, 'desk-j');
    await call(ws, 'staff:reset-password', { id: staff.id, password: 'Chongzhi-mima-7' });
    expect(await callError(ws, 'cases:list', { page: 1, pageSize: 20 }, 'desk-j')).toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(await call(ws, 'auth:sign-in', { loginName: staff.loginName, password: 'Chongzhi-mima-7' }, 'desk-j')).toMatchObject({ mustChangePassword: true });
  });
});

describe('re-authentication', () => {
  it('a password entered again covers one sensitive call, and only within its window', async () => {
    const staff = await newMediator();
    // Without it: REAUTH_REQUIRED, and nothing changed.
    expect(await rawError(ws, 'staff:set-roles', { id: staff.id, roles: ['clerk'] })).toMatchObject({ code: 'REAUTH_REQUIRED' });
    expect(ws.state.data.staff.find((s) => s.id === staff.id)!.roles).toEqual(['mediator']);
    // A wrong password grants nothing.
    expect(await rawError(ws, 'auth:reauth', { password: WRONG })).toMatchObject({ code: 'SIGN_IN_FAILED' });
    expect(await rawError(ws, 'staff:set-roles', { id: staff.id, roles: ['clerk'] })).toMatchObject({ code: 'REAUTH_REQUIRED' });
    // The right one: one call goes through, the next asks again.
    await call(ws, 'auth:reauth', { password: ADMIN_PASSWORD });
    expect(await callRaw(ws, 'staff:set-roles', { id: staff.id, roles: ['clerk'] })).toMatchObject({ ok: true, value: { roles: ['clerk'] } });
    expect(await rawError(ws, 'staff:set-roles', { id: staff.id, roles: ['mediator'] })).toMatchObject({ code: 'REAUTH_REQUIRED' });
    // Entered, then the window passes.
    await call(ws, 'auth:reauth', { password: ADMIN_PASSWORD });
    clock.advance(REAUTH_WINDOW_MS + 1000);
    expect(await rawError(ws, 'staff:set-roles', { id: staff.id, roles: ['mediator'] })).toMatchObject({ code: 'REAUTH_REQUIRED' });
    // A password entered again on one window does not cover another window of the same person.
    await call(ws, 'auth:sign-in', { loginName: SETUP.loginName, password: ADMIN_PASSWORD }, 'desk-k');
    await call(ws, 'auth:reauth', { password: ADMIN_PASSWORD });
    expect(await rawError(ws, 'staff:set-roles', { id: staff.id, roles: ['mediator'] }, 'desk-k')).toMatchObject({ code: 'REAUTH_REQUIRED' });
    expect(await callRaw(ws, 'staff:set-roles', { id: staff.id, roles: ['mediator'] })).toMatchObject({ ok: true });
  });

  it('a refused call does not use up the password entered again (the refusal comes first)', async () => {
    const clerk = await addStaff(ws, { name: '登记员乙', roles: ['clerk'], loginName: 'signin-clerk2' });
    await signInAs(ws, clerk.loginName, 'desk-l');
    await call(ws, 'auth:reauth', { password: CHANGED_PASSWORD }, 'desk-l');
    expect(await rawError(ws, 'staff:set-roles', { id: clerk.id, roles: ['admin'] }, 'desk-l')).toMatchObject({ code: 'FORBIDDEN' });
    expect(ws.currentSignIn('desk-l')!.signIn.reauthUntil).not.toBeNull();
  });
});

describe('the idle lock', () => {
  it('a sign-in silent for longer than the idle time + 1 minute is LOCKED; the person’s password opens it', async () => {
    const idle = (await call(ws, 'settings:get')).idleLockMinutes * MINUTE;
    const staff = await newMediator();
    await signInAs(ws, staff.loginName, 'desk-m');
    clock.advance(idle + SERVER_IDLE_GRACE_MS);
    // Exactly at the limit: still open (and this call counts as activity).
    expect(await callRaw(ws, 'cases:list', { page: 1, pageSize: 20 }, 'desk-m')).toMatchObject({ ok: true });
    clock.advance(idle + SERVER_IDLE_GRACE_MS + 1000);
    expect(await callError(ws, 'cases:list', { page: 1, pageSize: 20 }, 'desk-m')).toMatchObject({ code: 'LOCKED' });
    expect(await callRaw(ws, 'auth:current', undefined, 'desk-m')).toMatchObject({ ok: true, value: { locked: true, staff: { id: staff.id } } });
    expect(await callError(ws, 'auth:unlock', { password: WRONG }, 'desk-m')).toMatchObject({ code: 'SIGN_IN_FAILED' });
    expect(await call(ws, 'auth:unlock', { password: CHANGED_PASSWORD }, 'desk-m')).toMatchObject({ locked: false });
    expect(await callRaw(ws, 'cases:list', { page: 1, pageSize: 20 }, 'desk-m')).toMatchObject({ ok: true });
  });

  it('background refreshes do not count as activity; anything the person does does', async () => {
    const idle = (await call(ws, 'settings:get')).idleLockMinutes * MINUTE;
    const staff = await newMediator();
    await signInAs(ws, staff.loginName, 'desk-n');
    await signInAs(ws, staff.loginName, 'desk-o');
    const half = Math.ceil((idle + SERVER_IDLE_GRACE_MS) / 2) + 1000;
    clock.advance(half);
    expect(await callRaw(ws, 'desk:today', undefined, 'desk-n')).toMatchObject({ ok: true }); // background
    expect(await callRaw(ws, 'cases:list', { page: 1, pageSize: 20 }, 'desk-o')).toMatchObject({ ok: true }); // the person
    clock.advance(half);
    expect(await callError(ws, 'cases:list', { page: 1, pageSize: 20 }, 'desk-n')).toMatchObject({ code: 'LOCKED' });
    expect(await callRaw(ws, 'cases:list', { page: 1, pageSize: 20 }, 'desk-o')).toMatchObject({ ok: true });
  });

  it('the idle time follows the center’s setting', async () => {
    const settings = await call(ws, 'settings:get');
    await call(ws, 'settings:update', { ...settings, idleLockMinutes: 1 });
    clock.advance(MINUTE + SERVER_IDLE_GRACE_MS + 1000);
    expect(await callError(ws, 'settings:get', undefined, CONNECTION)).toMatchObject({ code: 'LOCKED' });
  });
});
