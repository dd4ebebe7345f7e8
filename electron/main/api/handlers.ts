import path from 'node:path';
import { findBrokenLink } from '../storage/audit-log';
import { listQuery } from '../storage/case-query';
import { randomUUID } from 'node:crypto';
import { type Staff, defaultSettings, normaliseLoginName } from '../../shared/domain';
import type { ApiContract } from '../../shared/ipc/contract';
import type { ApiMethod } from '../../shared/ipc/channels';
import { ApiFailure } from '../../shared/ipc/result';
import { registerCase, toCaseView } from '../services/cases';
import { correctCase } from '../services/corrections';
import { acceptCase, assignCase, refuseCase, transferCase } from '../services/decisions';
import { deskQueue, findRelated, mediatorWorkload } from '../services/desk';
import { discardDraft, getDraft, saveDraft } from '../services/drafts';
import { newPersonBox } from '../services/seal-key';
import { issueDocument, issueSignedOriginal, readDocument, readDocumentFile } from '../documents/issue';
import { previewDocument } from '../documents/preview';
import { setCenterImage } from '../settings/center-images';
import { cancelSession, closeSession, getSession, openSession, saveSession, saveSessionChanges, scheduleSession, updateSessionPlan } from '../services/sessions';
import { addAttachment, readAttachment } from '../services/attachments';
import {
  createAgreement,
  getAgreement,
  readSignature,
  recordPerformance,
  registerOralAgreement,
  reviewAgreement,
  saveAgreement,
  sealAgreement,
  signAgreement,
  submitAgreement,
} from '../services/agreements';
import { getCertificate, importCertificate, verifyDocument } from '../services/verify';
import type { Workstation } from '../services/workstation';
import {
  changePassword,
  createStaff,
  listAccounts,
  lock,
  reauth,
  recoverWithKey,
  resetPassword,
  setActive,
  setRoles,
  signIn,
  signOut,
  signedInView,
  unlock,
  unlockAccount,
  updateStaff,
} from '../services/accounts';
import { revealPersonalData } from '../services/reveal';
import { newKeys, wrapFor } from '../services/keys';
import { localCopyKey } from '../crypto/keyring';
import { hashPasswordWithKey } from '../auth/password-hash';
import { myDesk } from '../services/my-desk';
import { relatedParty } from '../services/related-party';
import { dataFolderProblems } from '../storage/folder-guard';
import { clockProblems, clockWarning, confirmClock } from '../services/clock-guard';
import { checkpointOf, comparePrinted, listCheckpoints, startCheckpoint } from '../services/checkpoints';
import { renderCheckpointPdf } from '../documents/checkpoint-pdf';
import { sealingCertificate } from '../signing/sealing-certificate';
import { pgConfigOf } from '../storage/desk-config';
import { explainPgError } from '../storage/pg/explain-error';
import { probeDatabase } from '../storage/pg/probe';
import { backupsOf } from '../services/backup-scheduler';
import { generationViews, restoreCaseFromBackup, updateBackupSettings } from '../services/backup-admin';
import { backupStatus, startDrill } from '../services/backup-drill';
import { firstRunGenerations, firstRunRestoreStatus, startFirstRunRestore } from '../services/backup-first-run';

/** The choice of 单机 or 中心数据库 is made before anything is set up on this desk. */
function notSetUpYet(ws: Workstation): void {
  if (ws.state.data.settings || ws.deskStore.store !== 'file') throw new ApiFailure('ALREADY_SET_UP', '本工作台已完成初始设置，不能再更改数据存放位置');
}

export interface CallContext {
  ws: Workstation;
  /** The connection the call came on (an Electron webContents, or the browser-mode launch). */
  connection: string;
  /** The signed-in staff member (not locked, no new password pending); null before sign-in. */
  actor: Staff | null;
}

export type Handlers = {
  [K in ApiMethod]: (input: ApiContract[K]['input'], ctx: CallContext) => Promise<ApiContract[K]['output']>;
};

function actorOf(ctx: CallContext): Staff {
  if (!ctx.actor) throw new ApiFailure('UNAUTHENTICATED', '请先登录');
  return ctx.actor;
}

/** After an upgrade from a version without passwords: the first active administrator, while no administrator has one. */
function adminWithoutPassword(ws: Workstation, data = ws.state.data): Staff | null {
  const admins = data.staff.filter((s) => s.active && s.roles.includes('admin'));
  if (admins.some((s) => data.credentials[s.id])) return null;
  return admins[0] ?? null;
}

/** One handler per API method; payloads arrive already parsed against the contract's schema. */
export const handlers: Handlers = {
  'app:info': async (_input, { ws }) => {
    // First: reading the clock mark is also what reports a damaged one (clockProblems).
    // Before the data is unlocked nothing is numbered or signed, and a folder without a mark seeds it from its cases.
    const clock = ws.unlocked ? await clockWarning(ws) : null;
    // While the center database is away this is how the screens learn it is back (their banner asks every few s).
    await ws.checkDatabase();
    const desk = ws.deskStore;
    return {
      desk: desk.store === 'file' ? { store: 'file' } : { store: 'postgres', server: `${desk.database.host}:${desk.database.port}/${desk.database.database}` },
      host: ws.opts.host,
      version: ws.opts.version,
      setupRequired: ws.state.data.settings === null,
      centerName: ws.state.data.settings?.centerName ?? '',
      today: ws.clock.today(),
      storeProblems: [...dataFolderProblems(ws.opts.fs), ...ws.problems().map((p) => p.message), ...clockProblems(ws)],
      adminPasswordFor: ws.state.data.settings ? (adminWithoutPassword(ws)?.name ?? null) : null,
      clockWarning: clock,
      dataSealing: ws.sealing ? { ...ws.sealing } : null,
    };
  },

  'setup:complete': async (input, { ws, connection }) => {
    if (ws.state.data.settings) throw new ApiFailure('ALREADY_SET_UP', '本工作台已完成初始设置');
    const now = ws.clock.now().toISOString();
    const roles: Staff['roles'] = ['admin', ...new Set(input.otherRoles ?? [])];
    const admin: Staff = { id: randomUUID(), name: input.adminName, loginName: input.loginName.trim(), roles, active: true, createdAt: now };
    // The center's data key is made here and wrapped for the administrator and for the recovery key, which the
    // answer carries once for the printable sheet; the empty folder is sealed from the start.
    const keys = newKeys(now, now);
    const { hash, kek } = await hashPasswordWithKey(input.password);
    ws.useKeyForState(keys.dataKey);
    await ws.updateState(
      (data) => {
        // Checked again inside the serialised update: two windows may race through the check above.
        if (data.settings) throw new ApiFailure('ALREADY_SET_UP', '本工作台已完成初始设置');
        data.settings = { ...defaultSettings(input.centerName, input.committeeName, input.caseNumberAbbr), address: input.address ?? '', phone: input.phone ?? '' };
        data.staff.push(admin);
        data.keyring = keys.keyring;
        data.credentials[admin.id] = { password: hash, mustChange: false, changedAt: now, failedAttempts: 0, lockedUntil: null, lastSignInAt: now, dataKey: wrapFor(keys.keyring, admin.id, kek, keys.dataKey), box: newPersonBox(admin.id, kek) };
      },
      { actorId: admin.id, actorName: admin.name, action: 'setup:complete', detail: `初始设置：${input.centerName}；创建中心管理员${admin.name}；生成中心数据密钥与恢复密钥` },
    );
    await ws.openWithKey(keys.dataKey);
    return { ...signedInView(admin, ws.signIns.start(connection, admin, false)), recoveryKey: keys.recoveryKey };
  },

  'setup:test-database': async (input, { ws }) => {
    notSetUpYet(ws);
    try {
      return await probeDatabase(pgConfigOf(input));
    } catch (error) {
      throw new ApiFailure('DATABASE_UNAVAILABLE', explainPgError(error, input));
    }
  },

  'setup:use-database': async (input, { ws }) => {
    notSetUpYet(ws);
    try {
      return await ws.useCenterDatabase(input);
    } catch (error) {
      if (error instanceof ApiFailure) throw error;
      throw new ApiFailure('DATABASE_UNAVAILABLE', explainPgError(error, input));
    }
  },

  'setup:admin-password': async (input, { ws, connection }) => {
    const admin = adminWithoutPassword(ws);
    if (!admin) throw new ApiFailure('NOT_ALLOWED', '中心管理员已设置密码，请登录');
    // A folder from before accounts is also from before encryption: this administrator's password is the first to
    // wrap the new data key, and the folder is sealed in the background (keys.ts).
    const now = ws.clock.now().toISOString();
    const keys = ws.state.data.keyring ? null : newKeys(now, null);
    const { hash, kek } = await hashPasswordWithKey(input.password);
    if (keys) ws.useKeyForState(keys.dataKey);
    await ws.updateState(
      (data) => {
        if (adminWithoutPassword(ws, data)?.id !== admin.id) throw new ApiFailure('NOT_ALLOWED', '中心管理员已设置密码，请登录');
        const clash = data.staff.find((x) => x.id !== admin.id && normaliseLoginName(x.loginName) === normaliseLoginName(input.loginName));
        if (clash) throw new ApiFailure('INVALID_INPUT', '该登录名已被使用', [{ code: 'INVALID_VALUE', path: ['loginName'], message: '该登录名已被使用' }]);
        const s = data.staff.find((x) => x.id === admin.id)!;
        s.loginName = input.loginName.trim();
        const keyring = keys?.keyring ?? data.keyring!;
        const dataKey = keys ? wrapFor(keyring, admin.id, kek, keys.dataKey) : ws.unlocked ? wrapFor(keyring, admin.id, kek, ws.heldKey()) : null;
        data.credentials[admin.id] = { password: hash, mustChange: false, changedAt: now, failedAttempts: 0, lockedUntil: null, lastSignInAt: null, dataKey, box: newPersonBox(admin.id, kek) };
        if (keys) data.keyring = keys.keyring;
      },
      { actorId: admin.id, actorName: admin.name, action: 'setup:admin-password', detail: keys ? '升级后首次设置中心管理员密码；生成中心数据密钥与恢复密钥，开始加密升级' : '升级后首次设置中心管理员密码' },
    );
    const staff = ws.state.data.staff.find((x) => x.id === admin.id)!;
    if (keys) void ws.beginSealing(keys.dataKey, staff);
    const view = signedInView(staff, ws.signIns.start(connection, staff, false));
    return keys ? { ...view, recoveryKey: keys.recoveryKey } : view;
  },

  'setup:restore-generations': async ({ folder }, { ws }) => firstRunGenerations(ws, folder),
  'setup:restore': async (input, { ws, connection }) => startFirstRunRestore(ws, input, connection),
  'setup:restore-status': async (_input, { ws }) => firstRunRestoreStatus(ws),

  'auth:sign-in': async (input, { ws, connection }) => signIn(ws, connection, input),
  'auth:local-key': async (_input, ctx) => ({ key: localCopyKey(ctx.ws.heldKey(), actorOf(ctx).id).toString('base64') }),
  'data:check-start': async (_input, ctx) => {
    const actor = actorOf(ctx);
    const status = ctx.ws.startDataCheck();
    await ctx.ws.audit({ actorId: actor.id, actorName: actor.name, action: 'data:check-start', detail: '开始数据核验' });
    return status;
  },
  'data:check-status': async (_input, { ws }) => ws.dataCheck,
  'integrity:checkpoint': async (_input, ctx) => startCheckpoint(ctx.ws, await sealingCertificate(ctx.ws), actorOf(ctx), 'manual'),
  'integrity:checkpoints': async (_input, { ws }) => listCheckpoints(ws),
  'integrity:checkpoint-pdf': async ({ number }, { ws }) => {
    const { summary } = await checkpointOf(ws, number);
    const settings = ws.state.data.settings;
    const pdf = await renderCheckpointPdf({ centerName: settings?.centerName ?? '', committeeName: settings?.committeeName ?? '', checkpoint: summary });
    return { number, pdfBase64: pdf.toString('base64') };
  },
  'integrity:checkpoint-compare': async ({ number, root }, { ws }) => comparePrinted(ws, number, root),
  'auth:recover': async (input, { ws, connection }) => recoverWithKey(ws, connection, input),
  'auth:sign-out': async (_input, { ws, connection }) => signOut(ws, connection),
  'auth:current': async (_input, { ws, connection }) => {
    const current = ws.currentSignIn(connection);
    return current ? signedInView(current.staff, current.signIn) : null;
  },
  'auth:lock': async (_input, { ws, connection }) => lock(ws, connection),
  'auth:unlock': async ({ password }, { ws, connection }) => unlock(ws, connection, password),
  'auth:reauth': async ({ password }, { ws, connection }) => reauth(ws, connection, password),
  'auth:change-password': async (input, { ws, connection }) => changePassword(ws, connection, input),

  'staff:list': async (_input, { ws }) => ws.state.data.staff,
  'staff:accounts': async (_input, { ws }) => listAccounts(ws),
  'staff:create': async (input, ctx) => createStaff(ctx.ws, input, actorOf(ctx)),
  'staff:update': async (input, ctx) => updateStaff(ctx.ws, input, actorOf(ctx)),
  'staff:set-roles': async (input, ctx) => setRoles(ctx.ws, input, actorOf(ctx)),
  'staff:set-active': async (input, ctx) => setActive(ctx.ws, input, actorOf(ctx)),
  'staff:reset-password': async (input, ctx) => resetPassword(ctx.ws, input, actorOf(ctx)),
  'staff:unlock': async (input, ctx) => unlockAccount(ctx.ws, input, actorOf(ctx)),

  'settings:get': async (_input, { ws }) => {
    if (!ws.state.data.settings) throw new ApiFailure('SETUP_REQUIRED', '请先完成中心初始设置');
    return ws.state.data.settings;
  },

  'settings:update': async (input, ctx) => {
    const actor = actorOf(ctx);
    await ctx.ws.updateState((data) => void (data.settings = input), { actorId: actor.id, actorName: actor.name, action: 'settings:update', detail: '修改中心设置' });
    return input;
  },

  'settings:images': async (_input, { ws }) => ws.state.data.images,

  'settings:set-image': async (input, ctx) => setCenterImage(ctx.ws, input, actorOf(ctx)),

  'cases:create': async (input, ctx) => registerCase(ctx.ws, input, actorOf(ctx)),

  'cases:get': async ({ id }, { ws }) => {
    const view = toCaseView(await ws.cases.get(id));
    await ws.cases.checkPreviousGenerations(id, view.record);
    // The case's trail is verified whenever the case is opened: a broken link is shown on the case.
    const broken = findBrokenLink(await ws.cases.audit(id));
    const folder = `${path.sep}cases${path.sep}${id}${path.sep}`;
    const integrity = ws.problems().filter((p) => p.file.includes(folder)).map((p) => p.message);
    if (broken !== null) integrity.push(`案件${view.record.caseNumber}的办理记录（审计链）在第${broken + 1}条处断开：其后的记录可能被删改、重排或插入`);
    return integrity.length ? { ...view, integrity } : view;
  },

  'cases:list': async (query, { ws }) => ({ ...(await ws.cases.query(listQuery(query))), page: query.page, pageSize: query.pageSize }),

  'cases:audit': async ({ id }, { ws }) => ws.cases.audit(id),

  'cases:reveal': async (input, ctx) => revealPersonalData(ctx.ws, input, actorOf(ctx)),

  'cases:related': async (query, { ws }) => findRelated(ws, query),

  'cases:accept': async (input, ctx) => toCaseView(await acceptCase(ctx.ws, input, actorOf(ctx))),

  'cases:assign': async (input, ctx) => toCaseView(await assignCase(ctx.ws, input, actorOf(ctx))),

  'cases:refuse': async (input, ctx) => toCaseView(await refuseCase(ctx.ws, input, actorOf(ctx))),

  'cases:transfer': async (input, ctx) => toCaseView(await transferCase(ctx.ws, input, actorOf(ctx))),

  'cases:update': async (input, ctx) => toCaseView(await correctCase(ctx.ws, input, actorOf(ctx))),

  'desk:today': async (_input, { ws }) => deskQueue(ws),
  'desk:mine': async (_input, ctx) => myDesk(ctx.ws, actorOf(ctx)),
  'intake:related-party': async (input, ctx) => relatedParty(ctx.ws, input, actorOf(ctx)),

  'staff:workload': async (_input, { ws }) => mediatorWorkload(ws),

  'drafts:get': async (_input, ctx) => getDraft(ctx.ws, actorOf(ctx).id),

  'drafts:save': async ({ data }, ctx) => saveDraft(ctx.ws, actorOf(ctx).id, data),

  'drafts:discard': async (_input, ctx) => {
    await discardDraft(ctx.ws, actorOf(ctx).id);
    return null;
  },

  'documents:preview': async (input, { ws }) => previewDocument(ws, input),

  'documents:issue': async (input, ctx) => issueDocument(ctx.ws, input, actorOf(ctx)),

  'documents:read': async (input, { ws }) => readDocument(ws, input),

  'documents:file': async (input, { ws }) => readDocumentFile(ws, input),

  'sessions:schedule': async (input, ctx) => scheduleSession(ctx.ws, input, actorOf(ctx)),
  'sessions:get': async (input, ctx) => {
    const view = await getSession(ctx.ws, input, actorOf(ctx));
    const file = `${path.sep}cases${path.sep}${input.caseId}${path.sep}sessions${path.sep}${input.sessionId}.json`;
    const integrity = ctx.ws.problems().filter((p) => p.file.endsWith(file)).map((p) => p.message);
    return integrity.length ? { ...view, integrity } : view;
  },
  'sessions:update-plan': async (input, ctx) => updateSessionPlan(ctx.ws, input, actorOf(ctx)),
  'sessions:open': async (input, ctx) => openSession(ctx.ws, input, actorOf(ctx)),
  'sessions:save': async (input, ctx) => saveSession(ctx.ws, input, actorOf(ctx)),
  'sessions:save-changes': async (input, ctx) => saveSessionChanges(ctx.ws, input, actorOf(ctx)),
  'sessions:close': async (input, ctx) => closeSession(ctx.ws, input, actorOf(ctx)),
  'sessions:cancel': async (input, ctx) => cancelSession(ctx.ws, input, actorOf(ctx)),
  'attachments:add': async (input, ctx) => addAttachment(ctx.ws, input, actorOf(ctx)),
  'attachments:file': async (input, { ws }) => readAttachment(ws, input),

  'agreements:create': async (input, ctx) => createAgreement(ctx.ws, input, actorOf(ctx)),
  'agreements:get': async (input, { ws }) => getAgreement(ws, input),
  'agreements:save': async (input, ctx) => saveAgreement(ctx.ws, input, actorOf(ctx)),
  'agreements:submit': async (input, ctx) => submitAgreement(ctx.ws, input, actorOf(ctx)),
  'agreements:review': async (input, ctx) => reviewAgreement(ctx.ws, input, actorOf(ctx)),
  'agreements:sign': async (input, ctx) => signAgreement(ctx.ws, input, actorOf(ctx)),
  'agreements:seal': async (input, ctx) => sealAgreement(ctx.ws, input, actorOf(ctx)),
  'agreements:register-oral': async (input, ctx) => registerOralAgreement(ctx.ws, input, actorOf(ctx)),
  'agreements:issue-signed': async (input, ctx) => issueSignedOriginal(ctx.ws, input, actorOf(ctx)),
  'agreements:performance': async (input, ctx) => recordPerformance(ctx.ws, input, actorOf(ctx)),
  'agreements:signature': async (input, { ws }) => readSignature(ws, input),
  'documents:verify': async (input, { ws }) => verifyDocument(ws, input),
  'settings:certificate': async (_input, { ws }) => getCertificate(ws),
  'settings:import-certificate': async (input, ctx) => importCertificate(ctx.ws, input, actorOf(ctx)),
  'clock:confirm': async (input, ctx) => confirmClock(ctx.ws, input, actorOf(ctx)),

  'backup:status': async (_input, { ws }) => backupStatus(ws),
  'backup:update-settings': async (input, ctx) => updateBackupSettings(ctx.ws, input, actorOf(ctx)),
  'backup:run-now': async (_input, ctx) => {
    // Started here, finished in the background: the status shows its progress and then its result.
    void backupsOf(ctx.ws).runNow(actorOf(ctx)).catch(() => undefined);
    return backupStatus(ctx.ws);
  },
  'backup:generations': async (_input, { ws }) => generationViews(ws),
  'backup:restore-case': async (input, ctx) => restoreCaseFromBackup(ctx.ws, input, actorOf(ctx)),
  'backup:drill': async (_input, ctx) => startDrill(ctx.ws, actorOf(ctx)),
};
