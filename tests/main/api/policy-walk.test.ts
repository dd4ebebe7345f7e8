/**
 * The whole policy table (electron/shared/policy/policy.ts), walked through `dispatch`: every API method, called by
 * each role (a single-role account on its own connection, and the first administrator with five roles) on cases in
 * the statuses that matter (registered, accepted, mediating, agreed, archived, and a case that does not exist).
 * A call is refused FORBIDDEN exactly when `decide()` says so, with the same reason; a call the table allows may
 * fail later (INVALID_INPUT, NOT_FOUND, CONFLICT, REAUTH_REQUIRED …) but never FORBIDDEN. Also: not signed in →
 * UNAUTHENTICATED, a locked desk → LOCKED, a first password to replace → PASSWORD_CHANGE_REQUIRED.
 *
 * dispatch checks the role before parsing and the case rules after it: methods without a case get a payload that
 * does not parse (nothing runs, nothing is written), methods on a case get payloads that parse (with a stale
 * revision or an unknown id, so that an allowed call changes nothing).
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Workstation } from '../../../electron/main/services/workstation';
import { type CaseStatus, REFUSAL_GROUNDS, type SessionRecord, type Staff, type StaffRole, STAFF_ROLES } from '../../../electron/shared/domain';
import { API_METHODS, type ApiMethod } from '../../../electron/shared/ipc/channels';
import { API_SPEC } from '../../../electron/shared/ipc/contract';
import type { ApiError } from '../../../electron/shared/ipc/result';
import { POLICY, type PolicyFacts, decide } from '../../../electron/shared/policy/policy';
import { ROAD_TRAFFIC_IDS, roadTrafficCaseInput } from '../../fixtures/cases';
import { ADMIN_PASSWORD, CHANGED_PASSWORD, CONNECTION, addAction, addStaff, call, callRaw, makeTempDir, openWorkstation, removeDir, setUp, signInAs } from '../../fixtures/workstation';

const ROLES = Object.keys(STAFF_ROLES) as StaffRole[];
const ROOM = '交通事故调解室';
/** A revision no record has: an allowed write reaches its handler and stops there (CONFLICT / NOT_FOUND). */
const STALE = 999;

interface Caller {
  label: string;
  connection: string;
  staff: Staff;
}

interface Target {
  label: CaseStatus | 'no such case';
  caseId: string;
  status: CaseStatus | null;
  /** A session of this case (scheduled by the first administrator, who is its mediator and recorder), if any. */
  session: SessionRecord | null;
}

let dir: string;
let ws: Workstation;
let admin: Staff;
const callers: Caller[] = [];
const targets: Target[] = [];
let agreementContent: unknown;
let sessionContent: unknown;

/** What does not parse for any method: an unknown key (strict schemas) or an input where none is taken. */
const UNPARSEABLE = { policyWalk: true };

function plan(mediatorId: string) {
  return { kind: 'session' as const, scheduledAt: '2026-05-02T09:00:00+08:00', place: ROOM, purpose: '', mediatorIds: [mediatorId], recorderId: mediatorId, subject: null };
}

/** A payload that parses for a method on a case; `variant` names the signer of agreements:sign. */
function casePayload(method: ApiMethod, t: Target, variant: string | undefined, caller: Caller): unknown {
  const caseId = t.caseId;
  const sessionId = t.session?.id ?? randomUUID();
  switch (method) {
    case 'cases:get':
    case 'cases:audit':
      return { id: caseId };
    case 'intake:related-party':
      return { caseId, partyId: ROAD_TRAFFIC_IDS.applicant1 };
    case 'cases:reveal':
      return { caseId, personId: ROAD_TRAFFIC_IDS.applicant1, field: 'phone' };
    case 'cases:accept':
      return { id: caseId, revision: STALE, mediatorIds: [], room: ROOM, mediationDue: '2026-05-20', note: '' };
    case 'cases:refuse':
      return { id: caseId, revision: STALE, ground: Object.keys(REFUSAL_GROUNDS)[0], referTo: '人民法院', note: '' };
    case 'cases:transfer':
      return { id: caseId, revision: STALE, receivingBody: '某镇人民政府', replyDue: '2026-05-20', note: '' };
    case 'cases:assign':
      return { id: caseId, revision: STALE, mediatorIds: [], room: ROOM };
    case 'cases:update':
      return { id: caseId, revision: STALE, ...roadTrafficCaseInput(), reason: '当事人提供了新的联系电话' };
    case 'agreements:issue-signed':
      return { caseId };
    case 'documents:preview':
    case 'documents:issue':
      // A 人民调解记录 names its session: without one the handler refuses it (nothing rendered, nothing written).
      return { caseId, template: 'session-record' };
    case 'documents:read':
      return { caseId, documentId: randomUUID() };
    case 'documents:file':
      return { caseId, documentId: randomUUID(), format: 'pdf' };
    case 'sessions:schedule':
      // A mediator who does not exist: refused by the handler, after the table.
      return { caseId, plan: plan(randomUUID()) };
    case 'sessions:get':
      return { caseId, sessionId };
    case 'sessions:update-plan':
      return { caseId, sessionId, revision: STALE, plan: plan(admin.id) };
    case 'sessions:open':
      return { caseId, sessionId, revision: STALE };
    case 'sessions:save':
      return { caseId, sessionId, revision: STALE, content: sessionContent };
    case 'sessions:save-changes':
      return { caseId, sessionId, revision: STALE, changes: { put: [], removed: [] } };
    case 'sessions:close':
      return { caseId, sessionId, revision: STALE, content: sessionContent, outcome: null };
    case 'sessions:cancel':
      return { caseId, sessionId, revision: STALE, reason: '当事人未到' };
    case 'attachments:add':
      // Empty bytes: refused by the handler (not a PNG), after the table.
      return { caseId, sessionId: null, statementId: null, category: 'evidence', label: '现场照片', mimeType: 'image/png', base64: '' };
    case 'attachments:file':
      return { caseId, attachmentId: randomUUID() };
    case 'agreements:create':
      return { caseId, kind: 'written' };
    case 'agreements:get':
      return { caseId };
    case 'agreements:save':
      return { caseId, revision: STALE, content: agreementContent };
    case 'agreements:submit':
    case 'agreements:seal':
    case 'agreements:register-oral':
      return { caseId, revision: STALE };
    case 'agreements:review':
      return { caseId, revision: STALE, decision: variant ?? 'returned', comment: '' };
    case 'agreements:sign': {
      const signerId = variant === 'self' ? caller.staff.id : variant === 'other staff' ? otherStaffThan(caller).id : ROAD_TRAFFIC_IDS.applicant1;
      return { caseId, revision: STALE, signerId, method: 'paper_signed', pngBase64: null, strokes: null };
    }
    case 'agreements:performance':
      return { caseId, revision: STALE, itemId: randomUUID(), instalment: null, status: 'done', note: '' };
    case 'agreements:signature':
      return { caseId, signerId: ROAD_TRAFFIC_IDS.applicant1 };
    default:
      throw new Error(`no case payload for ${method}`);
  }
}

/**
 * Methods without a case whose allowed call is safe to run in the walk (it changes nothing here): a payload that
 * parses, so that the handler runs after the table. clock:confirm with no clock warning in force confirms nothing.
 */
const NO_CASE_PAYLOADS: Partial<Record<ApiMethod, unknown>> = {
  'clock:confirm': { highWater: '2026-05-01T01:30:00.000Z' },
};

const VARIANTS: Partial<Record<ApiMethod, readonly string[]>> = {
  'agreements:sign': ['party', 'other staff', 'self'],
  'agreements:review': ['returned', 'approved'],
};

function otherStaffThan(caller: Caller): Staff {
  return callers.find((c) => c.staff.id !== caller.staff.id)!.staff;
}

/** What dispatch should know when it checks the call: worked out from how the fixtures were built, not by dispatch. */
function expectedFacts(method: ApiMethod, caller: Caller, t: Target | null, variant: string | undefined): PolicyFacts {
  const facts: PolicyFacts = { roles: caller.staff.roles };
  if (!t || t.status === null) return facts;
  facts.caseStatus = t.status;
  const rule = POLICY[method] as { resource?: string };
  // Every session here has the first administrator as its mediator and recorder, and the first administrator as the
  // case's mediator: nobody else writes its record.
  if (rule.resource === 'session-writer' && t.session) facts.isSessionWriter = caller.staff.id === admin.id;
  // The first administrator is the mediator of every case accepted with one (all but the 'accepted' one).
  if (rule.resource === 'case-mediator') facts.isCaseMediator = caller.staff.id === admin.id && t.status !== 'registered' && t.status !== 'accepted';
  if (rule.resource === 'self-signer') facts.signsAsSelf = variant === 'self' ? true : variant === 'other staff' ? false : null;
  return facts;
}

async function makeCase(status: CaseStatus): Promise<Target> {
  const created = await call(ws, 'cases:create', roadTrafficCaseInput());
  let session: SessionRecord | null = null;
  if (status !== 'registered') {
    const mediators = status === 'accepted' ? [] : [admin.id];
    await call(ws, 'cases:accept', { id: created.id, revision: created.revision, mediatorIds: mediators, room: ROOM, mediationDue: '2026-05-20', note: '' });
  }
  if (status === 'mediating' || status === 'agreed' || status === 'archived') {
    session = (await call(ws, 'sessions:schedule', { caseId: created.id, plan: plan(admin.id) })).session;
  }
  if (status === 'agreed') await addAction(ws, created.id, admin, 'AGREEMENT_REACHED', '双方达成协议');
  if (status === 'archived') {
    await addAction(ws, created.id, admin, 'MEDIATION_TERMINATED', '一方拒绝继续调解');
    await addAction(ws, created.id, admin, 'CLOSED', '结案');
    await addAction(ws, created.id, admin, 'ARCHIVED', '归档');
  }
  const view = await call(ws, 'cases:get', { id: created.id });
  expect(view.status).toBe(status);
  return { label: status, caseId: created.id, status, session };
}

beforeAll(async () => {
  dir = await makeTempDir('policy-walk-');
  ws = await openWorkstation(dir);
  admin = await setUp(ws);
  callers.push({ label: `first administrator (${admin.roles.join('+')})`, connection: CONNECTION, staff: admin });
  for (const role of ROLES) {
    const staff = await addStaff(ws, { name: `${STAFF_ROLES[role]}甲`, roles: [role], loginName: `walk-${role.replace('_', '-')}` });
    const connection = `walk-${role}`;
    await signInAs(ws, staff.loginName, connection);
    callers.push({ label: role, connection, staff });
  }
  for (const status of ['registered', 'accepted', 'mediating', 'agreed', 'archived'] as const) targets.push(await makeCase(status));
  targets.push({ label: 'no such case', caseId: randomUUID(), status: null, session: null });
  const mediating = targets.find((t) => t.status === 'mediating')!;
  sessionContent = { attendees: mediating.session!.attendees, statements: [] };
  // The agreed case has its agreement (drafted by the first administrator, who is also a mediator).
  const agreed = targets.find((t) => t.status === 'agreed')!;
  agreementContent = (await call(ws, 'agreements:create', { caseId: agreed.caseId, kind: 'written' })).agreement.content;
}, 60_000);

afterAll(async () => {
  await ws?.close();
  await removeDir(dir);
});

describe('the policy table, walked through dispatch', () => {
  it('every method with a case has a payload that parses, in every variant', () => {
    for (const method of API_METHODS) {
      if (!(POLICY[method] as { caseField?: string }).caseField) continue;
      for (const t of targets) {
        for (const variant of VARIANTS[method] ?? [undefined]) {
          const parsed = API_SPEC[method].input.safeParse(casePayload(method, t, variant, callers[1]!));
          expect(parsed.success ? null : `${method} ${variant ?? ''}: ${parsed.error.message}`).toBeNull();
        }
      }
    }
    // ... and the payload for the others parses for none.
    for (const method of API_METHODS) expect(API_SPEC[method].input.safeParse(UNPARSEABLE).success, method).toBe(false);
    for (const [method, payload] of Object.entries(NO_CASE_PAYLOADS)) expect(API_SPEC[method as ApiMethod].input.safeParse(payload).success, method).toBe(true);
  });

  it('methods without a case, with a payload that parses: FORBIDDEN exactly when decide() refuses, else the handler answers', async () => {
    const mismatches: string[] = [];
    for (const caller of callers) {
      for (const [name, payload] of Object.entries(NO_CASE_PAYLOADS)) {
        const method = name as ApiMethod;
        const expected = decide(method, { roles: caller.staff.roles });
        let result = await callRaw(ws, method, payload as never, caller.connection);
        if (!expected && !result.ok && result.error.code === 'REAUTH_REQUIRED') {
          const password = caller.staff.id === admin.id ? ADMIN_PASSWORD : CHANGED_PASSWORD;
          expect(await callRaw(ws, 'auth:reauth', { password }, caller.connection)).toMatchObject({ ok: true });
          result = await callRaw(ws, method, payload as never, caller.connection);
        }
        const where = `${caller.label} ${method}`;
        if (expected && (result.ok || result.error.code !== 'FORBIDDEN' || result.error.refusal?.reason !== expected.reason)) mismatches.push(`${where}: the table refuses (${expected.reason}), dispatch answered ${result.ok ? 'ok' : result.error.code}`);
        if (!expected && !result.ok) mismatches.push(`${where}: the table allows it, dispatch answered ${result.error.code}`);
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('every method × every role × every status: FORBIDDEN exactly when decide() refuses, for the same reason', async () => {
    const mismatches: string[] = [];
    const reasons = new Map<string, number>();
    let calls = 0;
    let allowedReachedHandler = 0;
    let reauthenticated = 0;
    for (const caller of callers) {
      for (const method of API_METHODS) {
        const onCase = (POLICY[method] as { caseField?: string }).caseField !== undefined;
        for (const t of onCase ? targets : [null]) {
          for (const variant of onCase ? (VARIANTS[method] ?? [undefined]) : [undefined]) {
            const payload = t ? casePayload(method, t, variant, caller) : UNPARSEABLE;
            const expected = decide(method, expectedFacts(method, caller, t, variant));
            let result = await callRaw(ws, method, payload as never, caller.connection);
            calls++;
            // A call that asks for the password again gets it, as from the renderer, so that the handler runs too
            // (a role check left in a handler shows only there).
            if (!expected && !result.ok && result.error.code === 'REAUTH_REQUIRED') {
              const password = caller.staff.id === admin.id ? ADMIN_PASSWORD : CHANGED_PASSWORD;
              expect(await callRaw(ws, 'auth:reauth', { password }, caller.connection)).toMatchObject({ ok: true });
              result = await callRaw(ws, method, payload as never, caller.connection);
              reauthenticated++;
            }
            const where = `${caller.label} ${method}${t ? ` on a ${t.label} case` : ''}${variant ? ` (${variant})` : ''}`;
            const error: (ApiError & { refusal?: { reason: string; roles?: string[]; status?: string; rule?: string } }) | null = result.ok ? null : result.error;
            if (expected) {
              reasons.set(expected.reason, (reasons.get(expected.reason) ?? 0) + 1);
              if (error?.code !== 'FORBIDDEN') mismatches.push(`${where}: the table refuses (${expected.reason}) but dispatch answered ${error?.code ?? 'ok'}`);
              else if (error.refusal?.reason !== expected.reason) mismatches.push(`${where}: refused for ${error.refusal?.reason}, the table says ${expected.reason}`);
              else if (expected.reason === 'ROLE' && JSON.stringify(error.refusal.roles) !== JSON.stringify(expected.needed)) mismatches.push(`${where}: roles ${JSON.stringify(error.refusal.roles)}`);
              else if (expected.reason === 'STATUS' && error.refusal.status !== expected.status) mismatches.push(`${where}: status ${error.refusal.status}`);
              else if (expected.reason === 'RESOURCE' && error.refusal.rule !== expected.rule) mismatches.push(`${where}: rule ${error.refusal.rule}`);
            } else {
              if (error?.code === 'FORBIDDEN') mismatches.push(`${where}: the table allows it but dispatch refused: ${error.message} ${JSON.stringify(error.refusal)}`);
              else if (error && ['UNAUTHENTICATED', 'LOCKED', 'PASSWORD_CHANGE_REQUIRED'].includes(error.code)) mismatches.push(`${where}: ${error.code}`);
              // Without a case the payload does not parse: an allowed call reaches parsing and stops there.
              else if (!t && error?.code !== 'INVALID_INPUT') mismatches.push(`${where}: expected INVALID_INPUT after the table, got ${error?.code ?? 'ok'}`);
              else if (t && error?.code !== 'INVALID_INPUT') allowedReachedHandler++;
            }
            // Nothing here may end or lock the caller's sign-in.
            const current = ws.currentSignIn(caller.connection);
            if (!current || current.signIn.locked || current.staff.id !== caller.staff.id) throw new Error(`${where} ended or locked the sign-in`);
          }
        }
      }
    }
    expect(mismatches).toEqual([]);
    // The walk reached every kind of refusal, and allowed calls on a case got past the table to their handlers.
    expect([...reasons.keys()].sort()).toEqual(['RESOURCE', 'ROLE', 'STATUS']);
    expect(allowedReachedHandler).toBeGreaterThan(100);
    expect(reauthenticated).toBeGreaterThan(0);
    expect(calls).toBeGreaterThan(API_METHODS.length * callers.length);
  }, 120_000);

  it('the resource rules: a mediator who is not the session’s is refused, 中心负责人 is not; a staff member signs only as themselves', async () => {
    const mediating = targets.find((t) => t.status === 'mediating')!;
    const agreed = targets.find((t) => t.status === 'agreed')!;
    const mediator = callers.find((c) => c.label === 'mediator')!;
    const head = callers.find((c) => c.label === 'head')!;
    const legal = callers.find((c) => c.label === 'legal_advisor')!;
    const open = (c: Caller) => callRaw(ws, 'sessions:open', casePayload('sessions:open', mediating, undefined, c) as never, c.connection);
    const mediatorOpen = await open(mediator);
    expect(mediatorOpen).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', refusal: { reason: 'RESOURCE', rule: 'session-writer' } } });
    expect(await open(head)).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(await open(callers[0]!)).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    const sign = (variant: string) => callRaw(ws, 'agreements:sign', casePayload('agreements:sign', agreed, variant, legal) as never, legal.connection);
    expect(await sign('other staff')).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', refusal: { reason: 'RESOURCE', rule: 'self-signer' } } });
    expect(await sign('self')).toMatchObject({ ok: false, error: { code: 'REAUTH_REQUIRED' } });
    const party = await sign('party');
    expect(party.ok ? 'ok' : party.error.code).not.toBe('FORBIDDEN');
  });

  it('not signed in: UNAUTHENTICATED for every method that is not public, before anything else', async () => {
    const wrong: string[] = [];
    for (const method of API_METHODS) {
      const r = await callRaw(ws, method, UNPARSEABLE as never, 'walk-nobody');
      const code = r.ok ? 'ok' : r.error.code;
      const expected = POLICY[method].who === 'public' ? 'INVALID_INPUT' : 'UNAUTHENTICATED';
      if (code !== expected) wrong.push(`${method}: ${code}, expected ${expected}`);
      expect(decide(method, { roles: null })?.reason ?? null).toBe(POLICY[method].who === 'public' ? null : 'UNAUTHENTICATED');
    }
    expect(wrong).toEqual([]);
  });

  it('a locked desk: LOCKED for every method but the public and the sign-in housekeeping ones', async () => {
    const staff = await addStaff(ws, { name: '锁屏甲', roles: ['clerk'], loginName: 'walk-locked' });
    const connection = 'walk-locked';
    await signInAs(ws, staff.loginName, connection);
    expect(await callRaw(ws, 'auth:lock', undefined, connection)).toMatchObject({ ok: true });
    const wrong: string[] = [];
    for (const method of API_METHODS) {
      const rule = POLICY[method] as { who: unknown; housekeeping?: true };
      const r = await callRaw(ws, method, UNPARSEABLE as never, connection);
      const code = r.ok ? 'ok' : r.error.code;
      // Housekeeping methods are not refused for the lock; their role rule still holds (auth:* are all signed-in).
      const expected = rule.who === 'public' || rule.housekeeping ? 'INVALID_INPUT' : 'LOCKED';
      if (code !== expected) wrong.push(`${method}: ${code}, expected ${expected}`);
    }
    expect(wrong).toEqual([]);
    expect(ws.currentSignIn(connection)?.signIn.locked).toBe(true);
  });

  it('a first password still to replace: PASSWORD_CHANGE_REQUIRED for every method but the public and housekeeping ones', async () => {
    const staff = await addStaff(ws, { name: '新人甲', roles: ['mediator'], loginName: 'walk-newcomer' });
    const connection = 'walk-newcomer';
    const signedIn = await callRaw(ws, 'auth:sign-in', { loginName: staff.loginName, password: 'Chushi-mima-01' }, connection);
    expect(signedIn).toMatchObject({ ok: true, value: { mustChangePassword: true } });
    const wrong: string[] = [];
    for (const method of API_METHODS) {
      const rule = POLICY[method] as { who: unknown; housekeeping?: true };
      const r = await callRaw(ws, method, UNPARSEABLE as never, connection);
      const code = r.ok ? 'ok' : r.error.code;
      const expected = rule.who === 'public' || rule.housekeeping ? 'INVALID_INPUT' : 'PASSWORD_CHANGE_REQUIRED';
      if (code !== expected) wrong.push(`${method}: ${code}, expected ${expected}`);
    }
    expect(wrong).toEqual([]);
    // With a valid payload a case method is refused the same way (not FORBIDDEN, not handled).
    const mediating = targets.find((t) => t.status === 'mediating')!;
    expect(await callRaw(ws, 'cases:get', { id: mediating.caseId }, connection)).toMatchObject({ ok: false, error: { code: 'PASSWORD_CHANGE_REQUIRED' } });
  });
});
