import { randomUUID } from 'node:crypto';
import { PASSWORD_MESSAGES, STAFF_ROLES, type Staff, type StaffAccount, type StaffRole, normaliseLoginName, passwordProblem } from '../../shared/domain';
import type { SignedIn, StaffCreateInput } from '../../shared/ipc/contract';
import { ApiFailure } from '../../shared/ipc/result';
import { checkPassword, hashPasswordWithKey, needsRehash, spendVerifyTime, verifyPassword } from '../auth/password-hash';
import type { KeyWrap } from '../crypto/keyring';
import { type KeptBox, credentialFor, newKeys, unlockAtSignIn, unwrapWithRecovery, wrapFor } from './keys';
import { parseRecoveryKey } from '../crypto/recovery-key';
import { type SignIn, deskOf } from '../auth/sign-ins';
import type { Credential, WorkstationData } from '../storage/workstation-file';
import type { Workstation } from './workstation';
import { dropStaleSealBoxes, newPersonBox, personScalar, recoveryBoxPublic, rewrapPersonBox } from './seal-key';
import { dailyCheckpointAtSignIn, handOnWithKey, sealKeyAtSignIn, unlockSealKey } from './seal-unlock';
import { workstationMacMatches } from './workstation-mac';
import { openSealKeyWithRecovery } from './seal-key';

/** Ten failures in a row lock an account for fifteen minutes (an administrator may unlock it sooner). */
export const MAX_FAILED_ATTEMPTS = 10;
export const ACCOUNT_LOCK_MS = 15 * 60_000;

const FAILED = '登录名或密码不正确';
const roleNames = (roles: readonly StaffRole[]) => roles.map((r) => STAFF_ROLES[r]).join('、');

export function accountOf(staff: Staff, credential: Credential | undefined): StaffAccount {
  return {
    ...staff,
    mustChangePassword: credential?.mustChange ?? true,
    lockedUntil: credential?.lockedUntil ?? null,
    failedAttempts: credential?.failedAttempts ?? 0,
    lastSignInAt: credential?.lastSignInAt ?? null,
    passwordChangedAt: credential?.changedAt ?? null,
    hasPassword: credential !== undefined,
  };
}

export function signedInView(staff: Staff, signIn: SignIn): SignedIn {
  return { staff, locked: signIn.locked, mustChangePassword: signIn.mustChangePassword };
}

export function findByLogin(data: WorkstationData, loginName: string): Staff | undefined {
  const key = normaliseLoginName(loginName);
  return data.staff.find((s) => normaliseLoginName(s.loginName) === key);
}

function assertLoginFree(data: WorkstationData, loginName: string, exceptId?: string): void {
  const other = findByLogin(data, loginName);
  if (other && other.id !== exceptId) {
    throw new ApiFailure('INVALID_INPUT', '该登录名已被使用', [{ code: 'INVALID_VALUE', path: ['loginName'], message: '该登录名已被使用' }]);
  }
}

function assertPasswordRules(password: string, loginName: string, path = 'password'): void {
  const problem = passwordProblem(password, loginName);
  if (problem) throw new ApiFailure('INVALID_INPUT', PASSWORD_MESSAGES[problem], [{ code: 'INVALID_VALUE', path: [path], message: PASSWORD_MESSAGES[problem] }]);
}

/** A new credential; with the data key wrapped for the person whenever this process holds the key. */
export function newCredential(ws: Workstation, staffId: string, password: string, mustChange: boolean, nowIso: string, keepBox?: KeptBox): Promise<Credential> {
  return credentialFor(ws, staffId, password, mustChange, nowIso, keepBox);
}

const lockedNow = (credential: Credential | undefined, now: number) => credential?.lockedUntil != null && Date.parse(credential.lockedUntil) > now;

/**
 * Sign-in with login name and password. Attempts on one account and at one desk run one at a time and wait longer
 * after each failure; ten failures in a row lock the account for fifteen minutes. Every failure is audited (with
 * the login name typed, never the password); the answer never says whether the login name exists.
 */
export async function signIn(ws: Workstation, connection: string, input: { loginName: string; password: string }): Promise<SignedIn> {
  const accountKey = `account:${normaliseLoginName(input.loginName)}`;
  const deskKey = `desk:${deskOf(connection)}`;
  return ws.authLock.run(deskKey, () =>
    ws.authLock.run(accountKey, async () => {
      await ws.throttle.wait([accountKey, deskKey]);
      const now = ws.clock.now();
      const staff = findByLogin(ws.state.data, input.loginName);
      const credential = staff ? ws.state.data.credentials[staff.id] : undefined;
      const fail = async (why: string, message = FAILED): Promise<never> => {
        ws.throttle.failed([accountKey, deskKey]);
        await ws.audit({ actorId: staff?.id ?? 'unknown', actorName: staff?.name ?? input.loginName.slice(0, 32), action: 'auth:sign-in-failed', detail: `登录失败（${why}）` });
        throw new ApiFailure('SIGN_IN_FAILED', message);
      };
      if (!staff || !credential) {
        await spendVerifyTime(input.password);
        return fail(staff ? '尚未设置密码' : '登录名不存在');
      }
      if (lockedNow(credential, now.getTime())) {
        await spendVerifyTime(input.password);
        const minutes = Math.ceil((Date.parse(credential.lockedUntil!) - now.getTime()) / 60_000);
        return fail('账号已锁定', `连续多次密码错误，账号已锁定，请${minutes}分钟后再试或请中心管理员解锁`);
      }
      const checked = await checkPassword(input.password, credential.password);
      if (!checked.ok) {
        const attempts = credential.failedAttempts + 1;
        const locks = attempts >= MAX_FAILED_ATTEMPTS;
        await ws.updateState(
          (data) => {
            const c = data.credentials[staff.id]!;
            c.failedAttempts = locks ? 0 : attempts;
            if (locks) c.lockedUntil = new Date(now.getTime() + ACCOUNT_LOCK_MS).toISOString();
          },
          { actorId: staff.id, actorName: staff.name, action: locks ? 'auth:account-locked' : 'auth:sign-in-failed', detail: locks ? `连续${MAX_FAILED_ATTEMPTS}次密码错误，账号锁定15分钟` : `登录失败（密码错误，第${attempts}次）` },
        );
        ws.throttle.failed([accountKey, deskKey]);
        if (locks) throw new ApiFailure('SIGN_IN_FAILED', `连续${MAX_FAILED_ATTEMPTS}次密码错误，账号已锁定15分钟，可请中心管理员解锁`);
        throw new ApiFailure('SIGN_IN_FAILED', attempts >= MAX_FAILED_ATTEMPTS - 3 ? `${FAILED}；再错${MAX_FAILED_ATTEMPTS - attempts}次账号将被锁定15分钟` : FAILED);
      }
      if (!staff.active) return fail('账号已停用', '该账号已停用，请联系中心管理员');
      ws.throttle.succeeded([accountKey, deskKey]);
      // The center's data key: unwrapped by this password (first sign-in since start), wrapped for this person if
      // they had no wrap yet, or made now for a folder from before encryption (an administrator only).
      let wrap: KeyWrap | null = null;
      let upgrade: ReturnType<typeof newKeys> | null = null;
      if (!ws.state.data.keyring) {
        if (!staff.roles.includes('admin')) return fail('数据尚未加密', '本工作台的数据须先由中心管理员登录完成加密升级，请稍后再登录');
        upgrade = newKeys(now.toISOString(), null);
        wrap = wrapFor(upgrade.keyring, staff.id, checked.kek, upgrade.dataKey);
      } else {
        wrap = await unlockAtSignIn(ws, staff, credential, checked.kek);
      }
      // A stronger hash has a new salt and so a new key: the wrap moves with it (when the key is at hand).
      const heldKey = upgrade?.dataKey ?? (ws.unlocked ? ws.heldKey() : null);
      const rehash = needsRehash(credential.password) && heldKey ? await hashPasswordWithKey(input.password) : null;
      const keyring = upgrade?.keyring ?? ws.state.data.keyring!;
      if (rehash && heldKey) wrap = wrapFor(keyring, staff.id, rehash.kek, heldKey);
      // The person's box pair: made at the first sign-in that has none, and moved with a stronger hash's new key.
      const scalar = personScalar(staff.id, credential, checked.kek);
      const finalKek = rehash?.kek ?? checked.kek;
      const box = !credential.box || !scalar ? newPersonBox(staff.id, finalKek) : rehash ? rewrapPersonBox(staff.id, credential.box, scalar, finalKek) : null;
      await ws.updateState(
        (data) => {
          const c = data.credentials[staff.id]!;
          if (box) c.box = box;
          c.failedAttempts = 0;
          c.lockedUntil = null;
          c.lastSignInAt = now.toISOString();
          if (rehash) c.password = rehash.hash;
          if (wrap) c.dataKey = wrap;
          if (upgrade) data.keyring = upgrade.keyring;
        },
        { actorId: staff.id, actorName: staff.name, action: 'auth:sign-in', detail: upgrade ? '登录；生成中心数据密钥与恢复密钥，开始加密升级' : '登录' },
      );
      if (upgrade) void ws.beginSealing(upgrade.dataKey, staff);
      else await dailyCheckpointAtSignIn(ws, staff, await sealKeyAtSignIn(ws, staff, finalKek));
      const started = ws.signIns.start(connection, staff, credential.mustChange);
      return upgrade ? { ...signedInView(staff, started), recoveryKey: upgrade.recoveryKey } : signedInView(staff, started);
    }),
  );
}

/** Checks the signed-in person's own password (unlock, re-authentication), with the same delays as a sign-in. */
async function checkOwnPassword(ws: Workstation, connection: string, staff: Staff, password: string, action: string): Promise<Buffer> {
  const accountKey = `account:${normaliseLoginName(staff.loginName)}`;
  const deskKey = `desk:${deskOf(connection)}`;
  return ws.authLock.run(accountKey, async () => {
    await ws.throttle.wait([accountKey, deskKey]);
    const credential = ws.state.data.credentials[staff.id];
    const checked = credential ? await checkPassword(password, credential.password) : null;
    if (checked?.ok) {
      ws.throttle.succeeded([accountKey, deskKey]);
      return checked.kek;
    }
    ws.throttle.failed([accountKey, deskKey]);
    await ws.audit({ actorId: staff.id, actorName: staff.name, action: `${action}-failed`, detail: action === 'auth:unlock' ? '解锁失败（密码错误）' : '再次验证密码失败' });
    throw new ApiFailure('SIGN_IN_FAILED', '密码不正确', [{ code: 'INVALID_VALUE', path: ['password'], message: '密码不正确' }]);
  });
}

export async function unlock(ws: Workstation, connection: string, password: string): Promise<SignedIn> {
  const current = ws.currentSignIn(connection);
  if (!current) throw new ApiFailure('UNAUTHENTICATED', '请先登录');
  await checkOwnPassword(ws, connection, current.staff, password, 'auth:unlock');
  current.signIn.locked = false;
  ws.signIns.touch(current.signIn);
  await ws.audit({ actorId: current.staff.id, actorName: current.staff.name, action: 'auth:unlock', detail: '解除锁屏' });
  return signedInView(current.staff, current.signIn);
}

export async function lock(ws: Workstation, connection: string): Promise<null> {
  const current = ws.currentSignIn(connection);
  if (current && !current.signIn.locked) {
    current.signIn.locked = true;
    await ws.audit({ actorId: current.staff.id, actorName: current.staff.name, action: 'auth:lock', detail: '锁屏' });
  }
  return null;
}

export async function reauth(ws: Workstation, connection: string, password: string): Promise<null> {
  const current = ws.currentSignIn(connection);
  if (!current) throw new ApiFailure('UNAUTHENTICATED', '请先登录');
  const kek = await checkOwnPassword(ws, connection, current.staff, password, 'auth:reauth');
  ws.signIns.grantReauth(current.signIn, await unlockSealKey(ws, current.staff, kek));
  await ws.audit({ actorId: current.staff.id, actorName: current.staff.name, action: 'auth:reauth', detail: '再次验证密码' });
  return null;
}

export async function signOut(ws: Workstation, connection: string): Promise<null> {
  const current = ws.currentSignIn(connection);
  ws.signIns.end(connection);
  if (current) await ws.audit({ actorId: current.staff.id, actorName: current.staff.name, action: 'auth:sign-out', detail: '退出' });
  return null;
}

export async function changePassword(ws: Workstation, connection: string, input: { currentPassword: string; newPassword: string }): Promise<SignedIn> {
  const current = ws.currentSignIn(connection);
  if (!current) throw new ApiFailure('UNAUTHENTICATED', '请先登录');
  const { staff, signIn } = current;
  let oldKek: Buffer;
  try {
    oldKek = await checkOwnPassword(ws, connection, staff, input.currentPassword, 'auth:change-password');
  } catch (error) {
    if (error instanceof ApiFailure) throw new ApiFailure('INVALID_INPUT', '当前密码不正确', [{ code: 'INVALID_VALUE', path: ['currentPassword'], message: '当前密码不正确' }]);
    throw error;
  }
  assertPasswordRules(input.newPassword, staff.loginName, 'newPassword');
  if (input.newPassword === input.currentPassword) {
    throw new ApiFailure('INVALID_INPUT', '新密码不能与当前密码相同', [{ code: 'INVALID_VALUE', path: ['newPassword'], message: '新密码不能与当前密码相同' }]);
  }
  // The person keeps their box pair (and so the seal key boxed to it) under the new password.
  const old = ws.state.data.credentials[staff.id];
  const scalar = personScalar(staff.id, old, oldKek);
  const credential = await newCredential(ws, staff.id, input.newPassword, false, ws.clock.now().toISOString(), scalar && old?.box ? { box: old.box, scalar } : undefined);
  await ws.updateState(
    (data) => {
      const previous = data.credentials[staff.id];
      data.credentials[staff.id] = { ...credential, lastSignInAt: previous?.lastSignInAt ?? null };
    },
    { actorId: staff.id, actorName: staff.name, action: 'auth:change-password', detail: '修改本人密码' },
  );
  signIn.mustChangePassword = false;
  return signedInView(staff, signIn);
}

// ---------------------------------------------------------------------------------------------------------------
// Administration (中心管理员)
// ---------------------------------------------------------------------------------------------------------------

function staffById(ws: Workstation, id: string): Staff {
  const staff = ws.state.data.staff.find((s) => s.id === id);
  if (!staff) throw new ApiFailure('NOT_FOUND', '未找到该工作人员');
  return staff;
}

const accountView = (ws: Workstation, id: string) => accountOf(staffById(ws, id), ws.state.data.credentials[id]);

export function listAccounts(ws: Workstation): StaffAccount[] {
  return ws.state.data.staff.map((s) => accountOf(s, ws.state.data.credentials[s.id]));
}

/** An administrator must remain: the last active one can lose neither the role nor the account. */
function assertAdminRemains(data: WorkstationData, changedId: string, next: Pick<Staff, 'roles' | 'active'>): void {
  const others = data.staff.some((s) => s.id !== changedId && s.active && s.roles.includes('admin'));
  if (!others && !(next.active && next.roles.includes('admin'))) {
    throw new ApiFailure('NOT_ALLOWED', '至少须保留一名在用的中心管理员');
  }
}

export async function createStaff(ws: Workstation, input: StaffCreateInput, actor: Staff): Promise<StaffAccount> {
  assertLoginFree(ws.state.data, input.loginName);
  assertPasswordRules(input.password, input.loginName);
  const now = ws.clock.now().toISOString();
  const staff: Staff = { id: randomUUID(), name: input.name, loginName: input.loginName.trim(), roles: [...new Set(input.roles)], active: true, createdAt: now };
  const credential = await newCredential(ws, staff.id, input.password, true, now);
  await ws.updateState(
    (data) => {
      assertLoginFree(data, staff.loginName);
      data.staff.push(staff);
      data.credentials[staff.id] = credential;
    },
    { actorId: actor.id, actorName: actor.name, action: 'staff:create', detail: `新增工作人员${staff.name}（${roleNames(staff.roles)}），设置初始密码` },
  );
  return accountView(ws, staff.id);
}

export async function updateStaff(ws: Workstation, input: { id: string; name: string; loginName: string }, actor: Staff): Promise<StaffAccount> {
  const before = staffById(ws, input.id);
  assertLoginFree(ws.state.data, input.loginName, input.id);
  const changes = [before.name !== input.name ? `姓名${before.name}→${input.name}` : '', before.loginName !== input.loginName ? `登录名${before.loginName}→${input.loginName}` : ''].filter(Boolean);
  if (changes.length === 0) return accountView(ws, input.id);
  await ws.updateState(
    (data) => {
      assertLoginFree(data, input.loginName, input.id);
      const s = data.staff.find((x) => x.id === input.id)!;
      s.name = input.name;
      s.loginName = input.loginName.trim();
    },
    { actorId: actor.id, actorName: actor.name, action: 'staff:update', detail: `修改工作人员信息：${changes.join('，')}` },
  );
  return accountView(ws, input.id);
}

export async function setRoles(ws: Workstation, input: { id: string; roles: StaffRole[] }, actor: Staff): Promise<StaffAccount> {
  const before = staffById(ws, input.id);
  const roles = [...new Set(input.roles)];
  await ws.updateState(
    (data) => {
      assertAdminRemains(data, input.id, { roles, active: before.active });
      data.staff.find((x) => x.id === input.id)!.roles = roles;
      dropStaleSealBoxes(data);
    },
    { actorId: actor.id, actorName: actor.name, action: 'staff:set-roles', detail: `调整${before.name}的岗位：${roleNames(before.roles)}→${roleNames(roles)}` },
  );
  // The person's open sign-ins end at once: what they may do has changed.
  ws.signIns.endAllOf(input.id, 'roles-changed');
  return accountView(ws, input.id);
}

export async function setActive(ws: Workstation, input: { id: string; active: boolean }, actor: Staff): Promise<StaffAccount> {
  const before = staffById(ws, input.id);
  if (before.active === input.active) return accountView(ws, input.id);
  await ws.updateState(
    (data) => {
      assertAdminRemains(data, input.id, { roles: before.roles, active: input.active });
      data.staff.find((x) => x.id === input.id)!.active = input.active;
      dropStaleSealBoxes(data);
    },
    { actorId: actor.id, actorName: actor.name, action: input.active ? 'staff:reactivate' : 'staff:deactivate', detail: `${input.active ? '重新启用' : '停用'}工作人员${before.name}` },
  );
  if (!input.active) ws.signIns.endAllOf(input.id, 'deactivated');
  return accountView(ws, input.id);
}

export async function resetPassword(ws: Workstation, input: { id: string; password: string }, actor: Staff): Promise<StaffAccount> {
  const staff = staffById(ws, input.id);
  assertPasswordRules(input.password, staff.loginName);
  const credential = await newCredential(ws, input.id, input.password, true, ws.clock.now().toISOString());
  await ws.updateState(
    (data) => {
      data.credentials[input.id] = { ...credential, lastSignInAt: data.credentials[input.id]?.lastSignInAt ?? null };
      // a new password is a new box pair: the seal key boxed to the old one goes (handed on again by a sealer)
      dropStaleSealBoxes(data);
    },
    { actorId: actor.id, actorName: actor.name, action: 'staff:reset-password', detail: `重置${staff.name}的密码（须在下次登录时修改）` },
  );
  ws.signIns.endAllOf(input.id, 'password-reset');
  return accountView(ws, input.id);
}

export async function unlockAccount(ws: Workstation, input: { id: string }, actor: Staff): Promise<StaffAccount> {
  const staff = staffById(ws, input.id);
  await ws.updateState(
    (data) => {
      const c = data.credentials[input.id];
      if (c) {
        c.lockedUntil = null;
        c.failedAttempts = 0;
      }
    },
    { actorId: actor.id, actorName: actor.name, action: 'staff:unlock', detail: `解锁${staff.name}的账号` },
  );
  return accountView(ws, input.id);
}

export const RECOVERY_KEY_PROBLEMS = { length: '恢复密钥应为36位（9组，每组4位）', characters: '恢复密钥含有无效字符', checksum: '恢复密钥有误（校验未通过），请逐组核对' } as const;

/**
 * Every password forgotten (or the only administrator gone): the recovery key from the center's safe unwraps the
 * data key; the named active administrator gets the new password, their wrap, an unlocked account, and is signed
 * in. Attempts are throttled and audited like sign-ins; the answer does not say whether the login name exists.
 */
export async function recoverWithKey(ws: Workstation, connection: string, input: { recoveryKey: string; loginName: string; newPassword: string }): Promise<SignedIn> {
  const deskKey = `desk:${deskOf(connection)}`;
  return ws.authLock.run(deskKey, async () => {
    await ws.throttle.wait(['recovery', deskKey]);
    const keyring = ws.state.data.keyring;
    if (!keyring?.recovery) throw new ApiFailure('NOT_ALLOWED', '本工作台没有恢复密钥（数据尚未加密），请用密码登录');
    const parsed = parseRecoveryKey(input.recoveryKey);
    const staff = findByLogin(ws.state.data, input.loginName);
    const fail = async (why: string, message: string, path: string): Promise<never> => {
      ws.throttle.failed(['recovery', deskKey]);
      await ws.audit({ actorId: staff?.id ?? 'unknown', actorName: staff?.name ?? input.loginName.slice(0, 32), action: 'auth:recover-failed', detail: `使用恢复密钥失败（${why}）` });
      throw new ApiFailure('SIGN_IN_FAILED', message, [{ code: 'INVALID_VALUE', path: [path], message }]);
    };
    if (!parsed.ok) return fail('格式不符', RECOVERY_KEY_PROBLEMS[parsed.problem], 'recoveryKey');
    const dataKey = unwrapWithRecovery(keyring, parsed.secret);
    if (!dataKey) return fail('密钥不符', '恢复密钥不正确：它不是本工作台的恢复密钥', 'recoveryKey');
    if (!staff || !staff.active || !staff.roles.includes('admin')) return fail('非启用的中心管理员', '请填写一位已启用的中心管理员的登录名', 'loginName');
    assertPasswordRules(input.newPassword, staff.loginName, 'newPassword');
    ws.throttle.succeeded(['recovery', deskKey]);
    const now = ws.clock.now().toISOString();
    const { hash, kek } = await hashPasswordWithKey(input.newPassword);
    // The safe's key vouches for the file as it is now (one edited outside the app is accepted only this way).
    const accepted = !workstationMacMatches(ws.state.data, dataKey);
    ws.useKeyForState(dataKey);
    await ws.updateState(
      (data) => {
        data.credentials[staff.id] = { password: hash, mustChange: false, changedAt: now, failedAttempts: 0, lockedUntil: null, lastSignInAt: now, dataKey: wrapFor(keyring, staff.id, kek, dataKey), box: newPersonBox(staff.id, kek) };
        // the seal key can be boxed to the recovery key from now on (folders whose keyring predates that)
        data.keyring!.recoveryBox ??= recoveryBoxPublic(parsed.secret);
        dropStaleSealBoxes(data);
      },
      {
        actorId: staff.id,
        actorName: staff.name,
        action: 'auth:recover',
        detail: `使用恢复密钥重设中心管理员密码并登录${accepted ? '；人员与设置文件未通过完整性校验，经恢复密钥确认后重新认证（请核对人员与岗位）' : ''}`,
      },
    );
    if (!ws.unlocked) {
      if (keyring.sealedAt) await ws.openWithKey(dataKey);
      else void ws.beginSealing(dataKey, staff);
    }
    // Sealers who lost their boxes (every password forgotten) receive the seal key again from the recovery key's box.
    await handOnWithKey(ws, openSealKeyWithRecovery(ws.state.data, parsed.secret), staff).catch((error: unknown) => console.error('[seal key] at recovery:', error));
    // Their other windows were opened with the old password; this one is signed in again just below (the live feed
    // checks a connection is still signed out before telling its screen).
    ws.signIns.endAllOf(staff.id, 'password-reset');
    return signedInView(staff, ws.signIns.start(connection, staff, false));
  });
}
