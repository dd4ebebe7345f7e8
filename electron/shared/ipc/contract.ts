import { z } from '../domain/zod-setup';
import {
  type AuditEvent,
  type CaseInput,
  type CaseRecord,
  type CaseStatus,
  type CaseSummary,
  type CaseActionType,
  type CenterSettings,
  type Staff,
  type StaffInput,
  CASE_STATUS_KEYS,
  CenterSettingsSchema,
  DISPUTE_TYPE_CODES,
  StaffInputSchema,
  caseInputShapeSchema,
  requiredText,
  text,
} from '../domain';
import type { ApiMethod } from './channels';
import type { Result } from './result';

/** What the host tells the renderer about itself. */
export interface AppInfo {
  host: 'electron' | 'web';
  version: string;
  setupRequired: boolean;
  centerName: string;
  /** The center's local date (ISO), so that renderer and main agree on "today". */
  today: string;
  /** Problems found when opening the data directory (quarantined files), in Chinese. */
  storeProblems: string[];
}

export const SetupInputSchema = z.strictObject({
  centerName: requiredText(100, '请填写中心名称'),
  committeeName: requiredText(100, '请填写人民调解委员会名称'),
  caseNumberAbbr: requiredText(20, '请填写编号简称'),
  adminName: requiredText(50, '请填写您的姓名'),
});
export type SetupInput = z.infer<typeof SetupInputSchema>;

export interface StaffCandidate {
  id: string;
  name: string;
  roles: Staff['roles'];
}

export const CaseListQuerySchema = z.strictObject({
  page: z.int().min(1).max(1_000_000),
  pageSize: z.int().min(1).max(200),
  status: z.enum(CASE_STATUS_KEYS).optional(),
  disputeType: z.enum(DISPUTE_TYPE_CODES).optional(),
  /** Matches case number, party names or title. */
  text: text(100).optional(),
});
export type CaseListQuery = z.infer<typeof CaseListQuerySchema>;

/** A list row: the summary without identity keys (no full ID numbers or phones leave the store for a list). */
export type CaseListItem = Omit<CaseSummary, 'identityKeys'>;
export interface CaseListPage {
  items: CaseListItem[];
  total: number;
  page: number;
  pageSize: number;
}

export interface CaseView {
  record: CaseRecord;
  status: CaseStatus;
  availableActions: readonly CaseActionType[];
}

const IdInputSchema = z.strictObject({ id: z.uuid('编号格式不正确') });
const Empty = z.undefined({ error: '此方法不接受参数' });

/** Who may call a method: anyone (before sign-in) or a signed-in staff member. */
export type Auth = 'public' | 'staff';

/** Input/output types of every method. Handlers in main implement exactly this map. */
export interface ApiContract {
  'app:info': { input: void; output: AppInfo };
  'setup:complete': { input: SetupInput; output: Staff };
  'auth:candidates': { input: void; output: StaffCandidate[] };
  'auth:sign-in': { input: { staffId: string }; output: Staff };
  'auth:sign-out': { input: void; output: null };
  'auth:current': { input: void; output: Staff | null };
  'staff:list': { input: void; output: Staff[] };
  'staff:create': { input: StaffInput; output: Staff };
  'settings:get': { input: void; output: CenterSettings };
  'settings:update': { input: CenterSettings; output: CenterSettings };
  'cases:create': { input: CaseInput; output: CaseRecord };
  'cases:get': { input: { id: string }; output: CaseView };
  'cases:list': { input: CaseListQuery; output: CaseListPage };
  'cases:audit': { input: { id: string }; output: AuditEvent[] };
}

type Spec<K extends ApiMethod> = { input: z.ZodType<ApiContract[K]['input'] | undefined>; auth: Auth };

/** Runtime side of the contract: the schema every payload is parsed with, and who may call. */
export const API_SPEC = {
  'app:info': { input: Empty, auth: 'public' },
  'setup:complete': { input: SetupInputSchema, auth: 'public' },
  'auth:candidates': { input: Empty, auth: 'public' },
  'auth:sign-in': { input: z.strictObject({ staffId: z.uuid('请选择工作人员') }), auth: 'public' },
  'auth:sign-out': { input: Empty, auth: 'staff' },
  'auth:current': { input: Empty, auth: 'public' },
  'staff:list': { input: Empty, auth: 'staff' },
  'staff:create': { input: StaffInputSchema, auth: 'staff' },
  'settings:get': { input: Empty, auth: 'staff' },
  'settings:update': { input: CenterSettingsSchema, auth: 'staff' },
  'cases:create': { input: caseInputShapeSchema, auth: 'staff' },
  'cases:get': { input: IdInputSchema, auth: 'staff' },
  'cases:list': { input: CaseListQuerySchema, auth: 'staff' },
  'cases:audit': { input: IdInputSchema, auth: 'staff' },
} as const satisfies { [K in ApiMethod]: Spec<K> };

/** The API as the renderer sees it: one function per method, on `window.workstation`, in both hosts. */
export type WorkstationApi = {
  [K in ApiMethod]: (input: ApiContract[K]['input']) => Promise<Result<ApiContract[K]['output']>>;
};
