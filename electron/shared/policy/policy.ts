import { CASE_STATUSES, type CaseStatus } from '../domain/case-status';
import { STAFF_ROLES, type StaffRole } from '../domain/codes';
import type { ApiMethod } from '../ipc/channels';

/**
 * Who may do what, in which case status: the one table. `dispatch` in main enforces it before any handler runs; the
 * renderer asks the same table (`allows`) to hide or disable what a person may not do. Nothing else decides it.
 */

/** Everyone who works on cases: they read every case of the center. 中心管理员 alone reads none. */
const CASE_READERS = ['head', 'clerk', 'mediator', 'legal_advisor', 'archivist'] as const satisfies readonly StaffRole[];

/** Who may put the committee's seal on an agreement and sign with the center's certificate (the seal key's holders). */
const SEALERS = ['legal_advisor', 'head'] as const satisfies readonly StaffRole[];

/** Who lists, prints and checks the 数据完整性凭证. */
const INTEGRITY_READERS = ['head', 'legal_advisor', 'archivist', 'admin'] as const satisfies readonly StaffRole[];

/**
 * Rules about the person and the resource rather than the role:
 * - `session-writer`: the session's mediators and recorder, the case's assigned mediators, or 中心负责人;
 * - `self-signer`: a staff member signs an agreement only as themselves (a party's signature is taken by staff);
 * - `case-mediator`: a mediator acts on a case only as one of its assigned mediators (the other roles the row names
 *   act on any case).
 */
export type ResourceRule = 'session-writer' | 'self-signer' | 'case-mediator';

export interface MethodPolicy {
  /** 'public': also before sign-in; 'signed-in': anyone signed in; otherwise the roles that may call it. */
  readonly who: 'public' | 'signed-in' | readonly StaffRole[];
  /** The method works on one case, named by this field of its input. */
  readonly caseField?: 'id' | 'caseId';
  /** Changes the case (or a record beside it): never in an archived case. */
  readonly writes?: boolean;
  /** The case statuses in which the method may be called at all (omitted: any, but see `writes`). */
  readonly statuses?: readonly CaseStatus[];
  readonly resource?: ResourceRule;
  /** Asks the person to enter their own password again just before (for this input and these facts). */
  readonly reauth?: true | ((input: never, facts: PolicyFacts) => boolean);
  /** Allowed while the desk is locked or a new password is still to be set (sign-in housekeeping). */
  readonly housekeeping?: true;
  /** Does not count as the person's activity for the idle lock (background refreshes). */
  readonly background?: true;
}

export const POLICY = {
  'app:info': { who: 'public', housekeeping: true, background: true },
  'setup:complete': { who: 'public' },
  /** Before setup only (the handler refuses after): a desk of a center choosing its 中心数据库. */
  'setup:test-database': { who: 'public' },
  'setup:use-database': { who: 'public' },
  'setup:admin-password': { who: 'public' },
  /** 从备份恢复 on the first-run screen: before setup only (the handlers refuse after), unlocked by the backup's own keys. */
  'setup:restore-generations': { who: 'public' },
  'setup:restore': { who: 'public' },
  'setup:restore-status': { who: 'public', background: true },
  'auth:sign-in': { who: 'public', housekeeping: true },
  'auth:recover': { who: 'public', housekeeping: true },
  'auth:sign-out': { who: 'public', housekeeping: true },
  'auth:current': { who: 'public', housekeeping: true, background: true },
  'auth:lock': { who: 'signed-in', housekeeping: true },
  'auth:unlock': { who: 'public', housekeeping: true },
  'auth:reauth': { who: 'signed-in' },
  'auth:change-password': { who: 'signed-in', housekeeping: true },

  'staff:list': { who: 'signed-in' },
  'staff:accounts': { who: ['admin'] },
  'staff:create': { who: ['admin'] },
  'staff:update': { who: ['admin'] },
  'staff:set-roles': { who: ['admin'], reauth: true },
  'staff:set-active': { who: ['admin'] },
  'staff:reset-password': { who: ['admin'], reauth: true },
  'staff:unlock': { who: ['admin'] },
  'staff:workload': { who: ['clerk', 'head'] },

  'settings:get': { who: 'signed-in' },
  'settings:update': { who: ['admin'] },
  'settings:images': { who: 'signed-in' },
  'settings:set-image': { who: ['admin'], reauth: (input: { kind: string }) => input.kind === 'seal' },
  'settings:certificate': { who: 'signed-in' },
  'settings:import-certificate': { who: ['admin'], reauth: true },
  /** 确认系统时间: lets registering and signing go on after the clock was set back (audited). */
  'clock:confirm': { who: ['admin'], reauth: true },
  /** The key the person's tab encrypts its local copies of unsaved words with (renderer lib/local-key.ts). */
  'auth:local-key': { who: 'signed-in', background: true },
  'data:check-start': { who: ['admin'] },
  'data:check-status': { who: ['admin'], background: true },
  /**
   * 数据完整性凭证: signed with the center's key, so only those who may seal sign one (with the password again); the
   * list, the printed page and the paper check are for those who keep the records (负责人, 法律顾问, 档案员) and the
   * administrator who runs 数据核验. None shows a party's data.
   */
  'integrity:checkpoint': { who: SEALERS, reauth: true },
  'integrity:checkpoints': { who: INTEGRITY_READERS, background: true },
  'integrity:checkpoint-pdf': { who: INTEGRITY_READERS },
  'integrity:checkpoint-compare': { who: INTEGRITY_READERS },

  'cases:create': { who: ['clerk'] },
  'cases:get': { who: CASE_READERS, caseField: 'id' },
  'cases:list': { who: CASE_READERS },
  'cases:audit': { who: CASE_READERS, caseField: 'id' },
  'cases:reveal': { who: CASE_READERS, caseField: 'caseId' },
  'cases:related': { who: ['clerk', 'head', 'mediator', 'legal_advisor'] },
  'cases:accept': { who: ['clerk'], caseField: 'id', writes: true, statuses: ['registered'] },
  'cases:refuse': { who: ['clerk'], caseField: 'id', writes: true, statuses: ['registered'] },
  'cases:transfer': { who: ['clerk'], caseField: 'id', writes: true, statuses: ['registered'] },
  'cases:assign': { who: ['clerk', 'head'], caseField: 'id', writes: true, statuses: ['accepted', 'mediating'] },
  /** 修改登记信息: until the file is archived (`writes`); a mediator only on their own cases. */
  'cases:update': { who: ['clerk', 'mediator', 'legal_advisor', 'head'], caseField: 'id', writes: true, resource: 'case-mediator' },
  'desk:today': { who: CASE_READERS, background: true },
  'desk:mine': { who: CASE_READERS, background: true },
  // The clerk takes a returning visitor's details from an earlier case into a new registration (audited there).
  'intake:related-party': { who: ['clerk'], caseField: 'caseId' },
  'drafts:get': { who: ['clerk'] },
  'drafts:save': { who: ['clerk'], background: true },
  'drafts:discard': { who: ['clerk'] },

  'documents:preview': { who: ['clerk', 'mediator', 'legal_advisor', 'head', 'archivist'], caseField: 'caseId' },
  'documents:issue': { who: ['clerk', 'mediator', 'legal_advisor', 'head', 'archivist'], caseField: 'caseId', writes: true },
  'documents:read': { who: CASE_READERS, caseField: 'caseId' },
  'documents:file': { who: CASE_READERS, caseField: 'caseId' },
  'documents:verify': { who: 'signed-in' },

  'sessions:schedule': { who: ['clerk', 'mediator', 'head'], caseField: 'caseId', writes: true, statuses: ['accepted', 'mediating', 'suspended'] },
  'sessions:update-plan': { who: ['clerk', 'mediator', 'head'], caseField: 'caseId', writes: true },
  'sessions:cancel': { who: ['clerk', 'mediator', 'head'], caseField: 'caseId', writes: true },
  'sessions:get': { who: CASE_READERS, caseField: 'caseId' },
  'sessions:open': { who: ['mediator', 'head'], caseField: 'caseId', writes: true, resource: 'session-writer' },
  'sessions:save': { who: ['mediator', 'head'], caseField: 'caseId', writes: true, resource: 'session-writer' },
  'sessions:save-changes': { who: ['mediator', 'head'], caseField: 'caseId', writes: true, resource: 'session-writer' },
  'sessions:close': { who: ['mediator', 'head'], caseField: 'caseId', writes: true, resource: 'session-writer' },

  'attachments:add': { who: ['clerk', 'mediator', 'legal_advisor', 'head'], caseField: 'caseId', writes: true },
  'attachments:file': { who: CASE_READERS, caseField: 'caseId' },

  'agreements:create': { who: ['mediator', 'legal_advisor'], caseField: 'caseId', writes: true, statuses: ['agreed'] },
  'agreements:get': { who: CASE_READERS, caseField: 'caseId' },
  'agreements:save': { who: ['mediator', 'legal_advisor'], caseField: 'caseId', writes: true, statuses: ['agreed'] },
  'agreements:submit': { who: ['mediator', 'legal_advisor'], caseField: 'caseId', writes: true, statuses: ['agreed'] },
  'agreements:review': {
    who: ['legal_advisor', 'head'],
    caseField: 'caseId',
    writes: true,
    statuses: ['agreed'],
    reauth: (input: { decision?: string }) => input.decision === 'approved',
  },
  'agreements:sign': {
    // Staff take the parties' signatures at the desk; the recorder (often a clerk) signs their own line.
    who: ['mediator', 'legal_advisor', 'clerk', 'head'],
    caseField: 'caseId',
    writes: true,
    statuses: ['agreed'],
    resource: 'self-signer',
    // A mediator's own signature is one of the conditions of effect (art. 29): they confirm it is them.
    reauth: (_input: unknown, facts: PolicyFacts) => facts.signsAsSelf === true,
  },
  'agreements:seal': { who: SEALERS, caseField: 'caseId', writes: true, statuses: ['agreed'], reauth: true },
  /**
   * The signed original of an agreement that took effect without a sealer at hand (the last party signed after the
   * seal, or an oral agreement was registered): signing needs the seal key, which only a sealer's password opens.
   */
  'agreements:issue-signed': { who: SEALERS, caseField: 'caseId', writes: true, reauth: true },
  'agreements:register-oral': { who: ['mediator', 'legal_advisor'], caseField: 'caseId', writes: true, statuses: ['agreed'] },
  'agreements:performance': { who: ['mediator', 'legal_advisor'], caseField: 'caseId', writes: true },
  'agreements:signature': { who: CASE_READERS, caseField: 'caseId' },

  /**
   * Backups (issue 15), the administrator's: the folder and schedule, a run now, the generations, the restore drill.
   * None shows a party's data. Putting one case back from a backup changes that case (a correction on top, audited):
   * the password again.
   */
  'backup:status': { who: ['admin'], background: true },
  'backup:update-settings': { who: ['admin'] },
  'backup:run-now': { who: ['admin'] },
  'backup:generations': { who: ['admin'] },
  'backup:restore-case': { who: ['admin'], reauth: true },
  'backup:drill': { who: ['admin'] },
} as const satisfies Record<ApiMethod, MethodPolicy>;

export type PolicyMethod = keyof typeof POLICY;

/** What is known about the caller and the case when a call is checked. */
export interface PolicyFacts {
  /** The caller's roles; null when nobody is signed in. */
  roles: readonly StaffRole[] | null;
  /** The case's status, when the method works on one case. */
  caseStatus?: CaseStatus;
  /** For `session-writer`: whether the caller is one of the session's mediators or recorder or the case's mediators. */
  isSessionWriter?: boolean;
  /** For `self-signer`: whether the signature being taken is a staff member's own (null: a party's or agent's). */
  signsAsSelf?: boolean | null;
  /** For `case-mediator`: whether the caller is one of the case's assigned mediators. */
  isCaseMediator?: boolean;
}

/** Why a call is refused: stable codes for screens, a Chinese sentence for people. */
export type Refusal =
  | { reason: 'UNAUTHENTICATED'; message: string }
  | { reason: 'ROLE'; needed: readonly StaffRole[]; message: string }
  | { reason: 'STATUS'; status: CaseStatus; message: string }
  | { reason: 'RESOURCE'; rule: ResourceRule; message: string };

const roleList = (roles: readonly StaffRole[]) => roles.map((r) => STAFF_ROLES[r]).join('、');

/**
 * The decision for one call. Pure and cheap (a few array lookups): dispatch runs it on every call, the renderer on
 * every control it draws. `facts` may leave out what the method does not need.
 */
export function decide(method: PolicyMethod, facts: PolicyFacts): Refusal | null {
  const rule: MethodPolicy = POLICY[method];
  if (rule.who === 'public') return null;
  if (!facts.roles) return { reason: 'UNAUTHENTICATED', message: '请先登录' };
  if (rule.who !== 'signed-in') {
    const needed = rule.who;
    if (!facts.roles.some((r) => needed.includes(r))) {
      return { reason: 'ROLE', needed, message: `此操作需要${roleList(needed)}岗位，您当前的岗位是${roleList(facts.roles)}` };
    }
  }
  if (rule.caseField && facts.caseStatus) {
    const status = facts.caseStatus;
    if (rule.writes && status === 'archived') return { reason: 'STATUS', status, message: '案件已归档，只能查阅，不能再修改' };
    if (rule.statuses && !rule.statuses.includes(status)) {
      return { reason: 'STATUS', status, message: `案件当前为“${CASE_STATUSES[status]}”，不能进行此操作` };
    }
  }
  if (rule.resource === 'session-writer' && facts.isSessionWriter === false && !facts.roles.includes('head')) {
    return { reason: 'RESOURCE', rule: 'session-writer', message: '只有本次调解的调解员、记录人或本案调解员可以记录' };
  }
  if (rule.resource === 'case-mediator' && facts.isCaseMediator === false && rule.who !== 'signed-in') {
    // Only a caller who qualifies by the mediator role alone is held to the case's own mediators.
    const who = rule.who;
    if (!facts.roles.some((r) => r !== 'mediator' && who.includes(r))) {
      return { reason: 'RESOURCE', rule: 'case-mediator', message: '只有本案的调解员可以进行此操作' };
    }
  }
  if (rule.resource === 'self-signer' && facts.signsAsSelf === false) {
    return { reason: 'RESOURCE', rule: 'self-signer', message: '工作人员须本人登录后签名' };
  }
  return null;
}

/** Who writes a session's record: its mediators and recorder, and the case's assigned mediators. */
export function isSessionWriter(staffId: string, session: { mediatorIds: readonly string[]; recorderId: string }, caseMediatorIds: readonly string[]): boolean {
  return session.mediatorIds.includes(staffId) || session.recorderId === staffId || caseMediatorIds.includes(staffId);
}

/**
 * Caucus statements (背对背) are read only by those who write the record and by 中心负责人: they never reach the
 * joint record, other staff or a document.
 */
export function mayReadCaucus(roles: readonly StaffRole[], sessionWriter: boolean): boolean {
  return sessionWriter || roles.includes('head');
}

/** For screens: may a person with these roles do this (to this case)? Same answer as main gives. */
export function allows(method: PolicyMethod, roles: readonly StaffRole[] | null, caseStatus?: CaseStatus, more: Omit<PolicyFacts, 'roles' | 'caseStatus'> = {}): boolean {
  return decide(method, { roles, ...(caseStatus ? { caseStatus } : {}), ...more }) === null;
}

/** Whether this call asks for the person's password again first. */
export function needsReauth(method: PolicyMethod, input: unknown, facts: PolicyFacts): boolean {
  const rule: MethodPolicy = POLICY[method];
  if (!rule.reauth) return false;
  return rule.reauth === true || (rule.reauth as (i: unknown, f: PolicyFacts) => boolean)(input ?? {}, facts);
}
