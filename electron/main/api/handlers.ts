import { randomUUID } from 'node:crypto';
import { type Staff, defaultSettings } from '../../shared/domain';
import type { ApiContract } from '../../shared/ipc/contract';
import type { ApiMethod } from '../../shared/ipc/channels';
import { ApiFailure } from '../../shared/ipc/result';
import { registerCase, toCaseView } from '../services/cases';
import { acceptCase, assignCase, refuseCase, transferCase } from '../services/decisions';
import { deskQueue, findRelated, mediatorWorkload } from '../services/desk';
import { discardDraft, getDraft, saveDraft } from '../services/drafts';
import { issueDocument, readDocument, readDocumentFile } from '../documents/issue';
import { previewDocument } from '../documents/preview';
import { setCenterImage } from '../settings/center-images';
import { cancelSession, closeSession, getSession, openSession, saveSession, scheduleSession, updateSessionPlan } from '../services/sessions';
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

export interface CallContext {
  ws: Workstation;
  /** The connection the call came on (an Electron webContents, or the browser-mode launch). */
  connection: string;
  /** The signed-in staff member; non-null for every method whose spec says auth: 'staff'. */
  actor: Staff | null;
}

export type Handlers = {
  [K in ApiMethod]: (input: ApiContract[K]['input'], ctx: CallContext) => Promise<ApiContract[K]['output']>;
};

function actorOf(ctx: CallContext): Staff {
  if (!ctx.actor) throw new ApiFailure('UNAUTHENTICATED', '请先选择工作人员登录');
  return ctx.actor;
}

/** One handler per API method; payloads arrive already parsed against the contract's schema. */
export const handlers: Handlers = {
  'app:info': async (_input, { ws }) => ({
    host: ws.opts.host,
    version: ws.opts.version,
    setupRequired: ws.state.data.settings === null,
    centerName: ws.state.data.settings?.centerName ?? '',
    today: ws.clock.today(),
    storeProblems: ws.problems().map((p) => p.message),
  }),

  'setup:complete': async (input, { ws, connection }) => {
    if (ws.state.data.settings) throw new ApiFailure('ALREADY_SET_UP', '本工作台已完成初始设置');
    const admin: Staff = { id: randomUUID(), name: input.adminName, roles: ['admin', 'clerk', 'mediator', 'legal_advisor'], active: true, createdAt: ws.clock.now().toISOString() };
    await ws.updateState(
      (data) => {
        // Checked again inside the serialised update: two windows may race through the check above.
        if (data.settings) throw new ApiFailure('ALREADY_SET_UP', '本工作台已完成初始设置');
        data.settings = { ...defaultSettings(input.centerName, input.committeeName, input.caseNumberAbbr), address: input.address ?? '', phone: input.phone ?? '' };
        data.staff.push(admin);
      },
      { actorId: admin.id, actorName: admin.name, action: 'setup:complete', detail: `初始设置：${input.centerName}` },
    );
    ws.signIn(connection, admin.id);
    return admin;
  },

  'auth:candidates': async (_input, { ws }) =>
    ws.state.data.staff.filter((s) => s.active).map((s) => ({ id: s.id, name: s.name, roles: s.roles })),

  'auth:sign-in': async ({ staffId }, { ws, connection }) => {
    const staff = ws.state.data.staff.find((s) => s.id === staffId && s.active);
    if (!staff) throw new ApiFailure('NOT_FOUND', '该工作人员不存在或已停用');
    await ws.audit({ actorId: staff.id, actorName: staff.name, action: 'auth:sign-in', detail: '登录' });
    ws.signIn(connection, staff.id);
    return staff;
  },

  'auth:sign-out': async (_input, ctx) => {
    const actor = actorOf(ctx);
    await ctx.ws.audit({ actorId: actor.id, actorName: actor.name, action: 'auth:sign-out', detail: '退出' });
    ctx.ws.signOut(ctx.connection);
    return null;
  },

  'auth:current': async (_input, ctx) => ctx.actor,

  'staff:list': async (_input, { ws }) => ws.state.data.staff,

  'staff:create': async (input, ctx) => {
    const actor = actorOf(ctx);
    const staff: Staff = { id: randomUUID(), name: input.name, roles: [...new Set(input.roles)], active: true, createdAt: ctx.ws.clock.now().toISOString() };
    await ctx.ws.updateState((data) => void data.staff.push(staff), { actorId: actor.id, actorName: actor.name, action: 'staff:create', detail: `新增工作人员${staff.name}` });
    return staff;
  },

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

  'cases:get': async ({ id }, { ws }) => toCaseView(await ws.cases.get(id)),

  'cases:list': async (query, { ws }) => ws.cases.list(query),

  'cases:audit': async ({ id }, { ws }) => ws.cases.audit(id),

  'cases:related': async (query, { ws }) => findRelated(ws, query),

  'cases:accept': async (input, ctx) => toCaseView(await acceptCase(ctx.ws, input, actorOf(ctx))),

  'cases:assign': async (input, ctx) => toCaseView(await assignCase(ctx.ws, input, actorOf(ctx))),

  'cases:refuse': async (input, ctx) => toCaseView(await refuseCase(ctx.ws, input, actorOf(ctx))),

  'cases:transfer': async (input, ctx) => toCaseView(await transferCase(ctx.ws, input, actorOf(ctx))),

  'desk:today': async (_input, { ws }) => deskQueue(ws),

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
  'sessions:get': async (input, ctx) => getSession(ctx.ws, input, actorOf(ctx)),
  'sessions:update-plan': async (input, ctx) => updateSessionPlan(ctx.ws, input, actorOf(ctx)),
  'sessions:open': async (input, ctx) => openSession(ctx.ws, input, actorOf(ctx)),
  'sessions:save': async (input, ctx) => saveSession(ctx.ws, input, actorOf(ctx)),
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
  'agreements:performance': async (input, ctx) => recordPerformance(ctx.ws, input, actorOf(ctx)),
  'agreements:signature': async (input, { ws }) => readSignature(ws, input),
  'documents:verify': async (input, { ws }) => verifyDocument(ws, input),
  'settings:certificate': async (_input, { ws }) => getCertificate(ws),
  'settings:import-certificate': async (input, ctx) => importCertificate(ctx.ws, input, actorOf(ctx)),
};
