import { z } from '../domain/zod-setup';
import {
  type AuditEvent,
  type CaseInput,
  type CaseRecord,
  type CaseStatus,
  type CaseSummary,
  type CaseSessionSlot,
  type Party,
  type CaseActionType,
  type CenterSettings,
  type Staff,
  type StaffAccount,
  CASE_STATUS_KEYS,
  CenterSettingsSchema,
  DISPUTE_TYPE_CODES,
  LoginNameSchema,
  PasswordSchema,
  StaffSchema,
  caseInputShapeSchema,
  requiredText,
  text,
  AcceptInputSchema,
  RefuseInputSchema,
  TransferInputSchema,
  type AcceptInput,
  type RefuseInput,
  type TransferInput,
  type DocumentVersion,
  DOCUMENT_TEMPLATE_KEYS,
  type Attachment,
  AttachmentCategorySchema,
  AttachmentMimeTypeSchema,
  MAX_ATTACHMENT_BYTES,
  type SessionContent,
  SessionContentSchema,
  type SessionChanges,
  SessionChangesSchema,
  type SessionOutcome,
  SessionOutcomeSchema,
  type SessionPlan,
  SessionPlanSchema,
  type SessionRecord,
  type AgreementContent,
  AgreementContentSchema,
  AgreementKindSchema,
  type AgreementIssue,
  type AgreementRecord,
  PerformanceStatusSchema,
  ReviewDecisionSchema,
  type Signature,
  SignInputShape,
  type SignerKind,
  type CaseCorrectionInput,
  CaseCorrectionInputSchema,
} from '../domain';
import type { ApiMethod } from './channels';
import {
  type BackupGenerationView,
  type BackupSettings,
  type BackupStatus,
  type CaseRestoreInput,
  type CaseRestoreResult,
  type FirstRunRestoreInput,
  type FirstRunRestoreStatus,
  BackupFolderSchema,
  BackupSettingsSchema,
  CaseRestoreInputSchema,
  FirstRunRestoreInputSchema,
} from '../domain/backup';
import { CENTER_IMAGE_KINDS, type CenterImage, type CenterImageKind, type CenterImages } from '../domain/images';
import type { PendingCondition } from '../domain/signing';
import type { Result } from './result';
import { type CheckpointReason, CheckpointCompareInputSchema, CheckpointNumberSchema } from '../domain/checkpoint';
import { AdminPasswordInputSchema, CenterDatabaseSchema, ChangePasswordInputSchema, PasswordInputSchema, RecoverInputSchema, SetupInputSchema, SignInInputSchema, withPasswordRules } from './auth-inputs';

// The sign-in and setup screens' inputs live in a module of their own, light enough for the renderer's start-up
// bundle (this one pulls in every schema of the domain); they are part of the contract all the same.
export { AdminPasswordInputSchema, CenterDatabaseSchema, ChangePasswordInputSchema, PasswordInputSchema, RecoverInputSchema, SetupInputSchema, SignInInputSchema, withPasswordRules };
export type { AdminPasswordInput, CenterDatabase, RecoverInput, SetupInput } from './auth-inputs';
import type { AdminPasswordInput, CenterDatabase, RecoverInput, SetupInput } from './auth-inputs';

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
  /**
   * Set after an upgrade from a version without passwords, until the first administrator has one: their name, for
   * the screen that asks them to set it (setup:admin-password).
   */
  adminPasswordFor: string | null;
  /** While a folder from before encryption is being sealed: how far (files), for a progress bar. */
  dataSealing: { done: number; total: number } | null;
  /** The clock reads earlier than the latest time already stamped: registering and signing wait (CLOCK_BEHIND). */
  clockWarning: ClockWarning | null;
  /** Where this desk keeps the center's data: its own folder (单机) or the center database (server and database name). */
  desk: { store: 'file' } | { store: 'postgres'; server: string };
}

/** 系统时间可能被调回: what the clock reads and the latest time a case number or a signature was stamped with. */
export interface ClockWarning {
  /** ISO date-time. */
  now: string;
  /** ISO date-time, later than `now` by more than the tolerance. */
  highWater: string;
}

/** clock:confirm names the warning it answers (its `highWater`), so that a screen left open confirms nothing newer. */
export const ClockConfirmInputSchema = z.strictObject({ highWater: z.iso.datetime({ offset: true }) });

/** Who is working at this window or tab, and in what state the sign-in is. */
export interface SignedIn {
  staff: Staff;
  /** The desk is locked (idle, or locked by hand): only the same person's password or another sign-in opens it. */
  locked: boolean;
  /** A first or reset password must be replaced before anything else. */
  mustChangePassword: boolean;
  /**
   * Shown once, never stored in clear: the recovery key just made for the center's data key (at setup, or when an
   * administrator's sign-in starts encrypting a folder from before encryption), for the printable sheet.
   */
  recoveryKey?: string;
}

export const StaffCreateInputSchema = withPasswordRules(
  z.strictObject({
    name: StaffSchema.shape.name,
    loginName: LoginNameSchema,
    roles: StaffSchema.shape.roles,
    /** A first password the person must replace at their first sign-in. */
    password: PasswordSchema,
  }),
  'password',
  (v) => String(v.loginName ?? ''),
);
export type StaffCreateInput = z.input<typeof StaffCreateInputSchema>;
export const StaffUpdateInputSchema = z.strictObject({ id: z.uuid(), name: StaffSchema.shape.name, loginName: LoginNameSchema });
export const StaffRolesInputSchema = z.strictObject({ id: z.uuid(), roles: StaffSchema.shape.roles });
export const StaffActiveInputSchema = z.strictObject({ id: z.uuid(), active: z.boolean() });
/** The new password is checked against the person's login name in main (the input does not carry it). */
export const StaffResetPasswordInputSchema = z.strictObject({ id: z.uuid(), password: PasswordSchema });

/** 查看完整身份证号/电话: one value of one party or agent, shown on request and audited. */
export const RevealInputSchema = z.strictObject({
  caseId: z.uuid(),
  personId: z.string().min(1).max(60),
  field: z.enum(['idNumber', 'phone']),
});
export type RevealInput = z.infer<typeof RevealInputSchema>;

export const CaseListQuerySchema = z.strictObject({
  page: z.int().min(1).max(1_000_000),
  pageSize: z.int().min(1).max(200),
  status: z.enum(CASE_STATUS_KEYS).optional(),
  disputeType: z.enum(DISPUTE_TYPE_CODES).optional(),
  /**
   * Matches case number, title (the applicants' and respondents' names, a company's name), agents' names, and exactly
   * an ID number, a phone or a credit code of a party (searchIdentityKeys).
   */
  text: text(100).optional(),
  /** 承办人: cases assigned to this mediator. */
  mediatorId: z.uuid().optional(),
  /** 调解室: cases assigned this room. */
  room: text(50).optional(),
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
  /**
   * Files of this case that failed their integrity check since the store opened (altered, swapped, damaged): what
   * was done about each, in Chinese. Set by cases:get; the case page shows them in red above everything.
   */
  integrity?: string[];
}

const IdInputSchema = z.strictObject({ id: z.uuid('编号格式不正确') });

/** How a related case was found: an ID or credit code is strong evidence, a phone medium, a bare name weak. */
export type RelatedMatch = 'id' | 'org' | 'phone' | 'name';
export interface RelatedCase {
  summary: CaseListItem;
  matches: RelatedMatch[];
}

/** What the clerk has typed so far that identifies people; any subset may be given. */
export const RelatedQuerySchema = z.strictObject({
  idNumbers: z.array(text(40)).max(50),
  usccCodes: z.array(text(22)).max(50),
  phones: z.array(text(40)).max(50),
  names: z.array(text(100)).max(50),
  excludeId: z.uuid().optional(),
});
export type RelatedQuery = z.infer<typeof RelatedQuerySchema>;

export const AssignInputSchema = z.strictObject({
  id: z.uuid(),
  revision: z.int().positive(),
  mediatorIds: z.array(z.uuid()).max(5),
  room: text(50),
});
export type AssignInput = z.infer<typeof AssignInputSchema>;

/** A row of today's desk: the case and how long its visitor waited (still waiting: until now). */
export interface DeskItem {
  item: CaseListItem;
  waitedMinutes: number;
  waiting: boolean;
}
export interface DeskQueue {
  today: string;
  /** Registered today, newest first. */
  registeredToday: DeskItem[];
  /** Accepted (any day) with no mediator assigned yet, longest waiting first. */
  awaitingMediator: DeskItem[];
  /** Agreements with an obligation due within a week (or overdue) or the confirmation window closing, soonest first. */
  reminders: DeskReminder[];
}

/** 履约提醒 / 司法确认提醒 / 纸质签署扫描件待上传. */
export interface DeskReminder {
  item: CaseListItem;
  /** paper-scan: `due` is the day the paper signature was taken, `daysLeft` minus the days since. */
  kind: 'performance' | 'confirmation' | 'paper-scan';
  due: string;
  /** Negative when overdue. */
  daysLeft: number;
}

export interface MediatorLoad {
  id: string;
  name: string;
  openCases: number;
}

/** 带入当事人信息: one party of an earlier case, whose details the clerk takes into a new registration. */
export const RelatedPartyInputSchema = z.strictObject({ caseId: z.uuid(), partyId: z.uuid() });
export type RelatedPartyInput = z.infer<typeof RelatedPartyInputSchema>;

/** A session on a desk, with its case. */
export interface MySession {
  item: CaseListItem;
  session: CaseSessionSlot;
}

/** 我的工作台: the signed-in person's own work (see electron/main/services/my-desk.ts). */
export interface MyDesk {
  today: string;
  /** This week, Monday to Sunday (China time). */
  week: { start: string; end: string };
  /** Open cases assigned to the person as mediator, newest first. */
  cases: CaseListItem[];
  /** Sessions the person holds today, and on the other days of this week; earliest first. */
  sessionsToday: MySession[];
  sessionsThisWeek: MySession[];
  /** For legal advisors and 中心负责人 (empty for others): agreements waiting for drafting, review, signing. */
  agreements: { drafting: CaseListItem[]; review: CaseListItem[]; signing: CaseListItem[] };
}

/** A half-filled registration, kept per staff member until registered or discarded. */
export interface Draft {
  savedAt: string;
  data: unknown;
}
/** Drafts are opaque form state: any JSON up to 1 MB. */
/** Nesting depth of a JSON-like value, measured without recursion (a hostile 10,000-deep value must not overflow). */
function depthWithin(value: unknown, max: number): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [v, depth] = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    if (depth >= max) return false;
    for (const child of Object.values(v)) stack.push([child, depth + 1]);
  }
  return true;
}

/** A form never nests deeper than a few levels; the cap keeps the JSON check below from recursing without bound. */
const MAX_DRAFT_DEPTH = 64;

export const DraftInputSchema = z.strictObject({
  data: z
    .unknown()
    .refine((v) => depthWithin(v, MAX_DRAFT_DEPTH), { message: '草稿结构过深' })
    .pipe(z.json())
    .refine((v) => JSON.stringify(v).length <= 1_000_000, { message: '草稿过大' }),
});

/** `subjectId` names the session or investigation a 人民调解记录 / 调查记录 is made from (required for those two). */
export const IssueDocumentInputSchema = z.strictObject({ caseId: z.uuid(), template: z.enum(DOCUMENT_TEMPLATE_KEYS), subjectId: z.uuid().optional() });
export type IssueDocumentInput = z.infer<typeof IssueDocumentInputSchema>;

// ---------------------------------------------------------------------------------------------------------------
// Sessions and investigations
// ---------------------------------------------------------------------------------------------------------------

/** A session with what its editor needs from the case. */
export interface SessionView {
  session: SessionRecord;
  caseNumber: string;
  caseTitle: string;
  caseStatus: CaseStatus;
  /** Attachments of this session (evidence shown during it), oldest first. */
  attachments: Attachment[];
  /** Whether the record may still be changed (scheduled or open). */
  editable: boolean;
  /** This record's file failed its integrity check (what was done about it, in Chinese): shown in red above it. */
  integrity?: string[];
}

const SessionRefSchema = z.strictObject({ caseId: z.uuid(), sessionId: z.uuid() });
const SessionRevisionSchema = z.int().nonnegative();

export const ScheduleSessionInputSchema = z.strictObject({ caseId: z.uuid(), plan: SessionPlanSchema });
export const UpdateSessionPlanInputSchema = SessionRefSchema.extend({ revision: SessionRevisionSchema, plan: SessionPlanSchema });
export const OpenSessionInputSchema = SessionRefSchema.extend({ revision: SessionRevisionSchema });
export const SaveSessionInputSchema = SessionRefSchema.extend({ revision: SessionRevisionSchema, content: SessionContentSchema });
/** The autosave of a long record: only what changed since `revision` (session-changes.ts). */
export const SaveSessionChangesInputSchema = SessionRefSchema.extend({ revision: SessionRevisionSchema, changes: SessionChangesSchema });
/** Closing also saves the last content, so nothing typed after the last autosave is lost. */
export const CloseSessionInputSchema = SessionRefSchema.extend({ revision: SessionRevisionSchema, content: SessionContentSchema, outcome: SessionOutcomeSchema.nullable() });
export const CancelSessionInputSchema = SessionRefSchema.extend({ revision: SessionRevisionSchema, reason: requiredText(300, '请填写取消原因') });

export interface SessionSaved {
  revision: number;
  updatedAt: string;
}

/** base64 of at most MAX_ATTACHMENT_BYTES bytes. */
const base64Of = (maxBytes: number, tooBig: string) =>
  z
    .string()
    .max(Math.ceil(maxBytes / 3) * 4, tooBig)
    .regex(/^[A-Za-z0-9+/]*={0,2}$/, '文件数据格式不正确');

export const AddAttachmentInputSchema = z.strictObject({
  caseId: z.uuid(),
  sessionId: z.uuid().nullable(),
  statementId: z.uuid().nullable(),
  /** A scan of the signed paper copy of an issued document (category 'signed'). */
  documentId: z.uuid().nullable().default(null),
  category: AttachmentCategorySchema,
  /** A label for people (defaults in the UI to the file's name); never used as a path. */
  label: requiredText(120, '请填写材料名称'),
  mimeType: AttachmentMimeTypeSchema,
  base64: base64Of(MAX_ATTACHMENT_BYTES, '文件不能超过15MB'),
});
/** What a caller sends (documentId may be left out). */
export type AddAttachmentInput = z.input<typeof AddAttachmentInputSchema>;
export const AttachmentRefSchema = z.strictObject({ caseId: z.uuid(), attachmentId: z.uuid() });

// ---------------------------------------------------------------------------------------------------------------
// Agreements
// ---------------------------------------------------------------------------------------------------------------

/** A place on the agreement where someone signs, and whether they have. */
export interface SignerSlot {
  signerId: string;
  kind: SignerKind;
  /** As printed: 申请人张建国 / 申请人张建国的委托代理人赵志强 / 人民调解员王志强 / 记录人李娜 */
  label: string;
  name: string;
  /** Parties and mediators must sign for the agreement to take effect (art. 29); agents and the recorder should. */
  required: boolean;
  /** Organisations seal on paper; a person may sign on screen or on paper. */
  organization: boolean;
  signature: Signature | null;
}

/**
 * One condition of effect still to be met, as a stable key: a signer's signature (`signature:<signerId>`), the
 * committee seal, or (oral agreements) the registration.
 */
export type EffectivenessKey = PendingCondition | 'oral-registration';

/** Where an agreement stands on the way to taking effect (art. 29). */
export interface Effectiveness {
  effective: boolean;
  effectiveOn: string | null;
  /** What is still missing, in Chinese: 申请人张建国签名, 人民调解委员会印章 … (for people) */
  missing: string[];
  /** The same conditions, in the same order, as stable keys (for screens to decide on). */
  missingKeys: EffectivenessKey[];
}

export interface AgreementView {
  agreement: AgreementRecord;
  caseNumber: string;
  caseTitle: string;
  caseStatus: CaseStatus;
  /** The legal checks as of now (errors block submitting, approving and signing). */
  issues: AgreementIssue[];
  /** Clause texts as printed (amounts in capitals with figures), in order. */
  clauses: string[];
  signers: SignerSlot[];
  effectiveness: Effectiveness;
  /** Whether the center's seal image is configured (needed to apply the seal). */
  sealConfigured: boolean;
}

const AgreementRefSchema = z.strictObject({ caseId: z.uuid() });
const AgreementRevisionSchema = z.int().nonnegative();
export const CreateAgreementInputSchema = AgreementRefSchema.extend({ kind: AgreementKindSchema });
export const SaveAgreementInputSchema = AgreementRefSchema.extend({ revision: AgreementRevisionSchema, content: AgreementContentSchema });
export const AgreementStepInputSchema = AgreementRefSchema.extend({ revision: AgreementRevisionSchema });
export const ReviewAgreementInputSchema = AgreementStepInputSchema.extend(ReviewDecisionSchema.shape);
export const SignAgreementInputSchema = AgreementStepInputSchema.extend(SignInputShape);
export type SignAgreementInput = z.infer<typeof SignAgreementInputSchema>;
export const PerformanceInputSchema = AgreementStepInputSchema.extend({
  itemId: z.uuid(),
  instalment: z.int().nonnegative().nullable(),
  status: PerformanceStatusSchema,
  note: text(500),
});
export type PerformanceInput = z.infer<typeof PerformanceInputSchema>;
export const SignatureRefSchema = AgreementRefSchema.extend({ signerId: z.string().min(1).max(60) });

export interface SignatureImage {
  signature: Signature;
  pngBase64: string;
  intact: boolean;
}

/** A certificate the center signed with before its current one (the certificate only; its key is not needed). */
export interface EarlierCertificateInfo {
  subject: string;
  fingerprintSha256: string;
  notBefore: string;
  notAfter: string;
  source: 'generated' | 'imported';
  /** When another certificate took its place. */
  replacedAt: string;
}

/**
 * Why a verdict is what it is: one reason about the signature (unsigned, or intact / broken / partial / padding not
 * zero), for an intact one one about its signer, and one about the registry. The screen words each code.
 */
export type VerificationReason =
  | { code: 'unsigned' }
  /** The ByteRange covers everything but /Contents, the signature verifies, its digest is the file's. */
  | { code: 'signature_intact' }
  | { code: 'signature_broken' }
  /** The signature is over part of the file only: something was added or left out after signing. */
  | { code: 'signature_partial' }
  /** After the signature in /Contents comes something other than zeros. */
  | { code: 'padding_not_zero' }
  | { code: 'signer_current_certificate' }
  | { code: 'signer_earlier_certificate'; certificate: EarlierCertificateInfo }
  /** Not any certificate of the center, current or earlier. */
  | { code: 'signer_unknown' }
  /** The registry, the case record and the archived file all have exactly these bytes. */
  | { code: 'registered' }
  | { code: 'not_registered' }
  /** The registry has these bytes, but the case record or its archived file does not confirm them. */
  | { code: 'registered_but_case_disagrees' };
export type VerificationReasonCode = VerificationReason['code'];

/** What the verify screen says about any PDF. */
export interface DocumentVerification {
  sha256: string;
  /** The issued version with exactly these bytes (registry, case record and archived file agree), if there is one. */
  match: { caseId: string; caseNumber: string; documentId: string; title: string; version: number; createdAt: string } | null;
  /** The PDF's digital signature (PAdES), if it has one. */
  signature: {
    /** The signed bytes are unchanged and the signature verifies. */
    intact: boolean;
    coversWholeFile: boolean;
    /** Intact and signed with one of this center's certificates (the current one or an earlier one). */
    byThisCenter: boolean;
    signerSubject: string | null;
    signedAt: string | null;
  } | null;
  /**
   * issued_intact only for a registered version whose signature, if it has one, is intact and the center's (a signed
   * original must have one); a registry match never outweighs a broken, partial or foreign signature.
   */
  verdict: 'issued_intact' | 'signed_but_changed' | 'signed_by_center_unregistered' | 'signed_by_other' | 'unknown';
  /** Why, in order: the signature, its signer, the registry. */
  reasons: VerificationReason[];
}
export const VerifyDocumentInputSchema = z.strictObject({ pdfBase64: base64Of(30 * 1024 * 1024, '文件不能超过30MB') });

export interface CertificateInfo {
  subject: string;
  fingerprintSha256: string;
  notBefore: string;
  notAfter: string;
  source: 'generated' | 'imported';
  /** The center's earlier certificates, oldest first (documents they signed still verify as the center's). */
  earlier?: EarlierCertificateInfo[];
  /**
   * Who holds the seal key that opens the private key (names), and who may seal but does not hold it yet (they
   * receive it when a holder next confirms a seal, or at a recovery sign-in).
   */
  sealKey?: { holders: string[]; waiting: string[]; recovery: boolean };
}
export const ImportCertificateInputSchema = z.strictObject({
  p12Base64: base64Of(1024 * 1024, '证书文件不能超过1MB'),
  password: z.string().max(200),
});

export interface AttachmentFile {
  attachment: Attachment;
  base64: string;
  /** Whether the stored file still matches its recorded SHA-256. */
  intact: boolean;
}
export const ReadDocumentInputSchema = z.strictObject({ caseId: z.uuid(), documentId: z.uuid() });

/** A document rendered for preview only: not stored, no version. */
export interface DocumentPreview {
  title: string;
  pdfBase64: string;
}

/** One stored file of an issued version (the PDF to print, or the DOCX to edit a copy), for saving. */
export interface DocumentFile {
  document: DocumentVersion;
  format: 'pdf' | 'docx';
  file: string;
  /** 人民调解受理登记表-（2026）X调字第0001号-第1版.docx */
  suggestedName: string;
  base64: string;
  intact: boolean;
}

/**
 * A center setting a document (or the seal) needs and the center has not set, as the stable key a refusal carries in
 * `ApiError.missing`: screens send the administrator to that setting by it.
 */
export const CENTER_SETTING_KEYS = ['center.centerName', 'center.committeeName', 'center.address', 'center.phone', 'center.courtName', 'center.seal', 'center.logo'] as const;
export type CenterSettingKey = (typeof CENTER_SETTING_KEYS)[number];

export interface IssuedDocument {
  document: DocumentVersion;
  /** The PDF, base64-encoded, for preview and printing. */
  pdfBase64: string;
  /** Whether the stored file still matches the SHA-256 recorded when it was issued. */
  intact: boolean;
}
const Empty = z.undefined({ error: '此方法不接受参数' });

/** 数据核验: every case read back and checked (services/data-check.ts), run in the background with progress. */
export interface DataCheckStatus {
  running: boolean;
  done: number;
  total: number;
  /** The last finished run, or null. */
  report: {
    cases: number;
    files: number;
    problems: { caseId: string; caseNumber: string; message: string }[];
    startedAt: string;
    finishedAt: string | null;
    ms: number;
    /** The integrity checkpoints checked with it (their problems are among `problems`); null when not checked. */
    checkpoints: { count: number; latest: { number: number; at: string } | null } | null;
  } | null;
}

/** One 数据完整性凭证 as listed and printed (services/checkpoints.ts). */
export interface CheckpointSummary {
  number: number;
  /** ISO 8601. */
  at: string;
  reason: CheckpointReason;
  /** Every chain was read again for it (else only those written to since the previous one). */
  full: boolean;
  by: { id: string; name: string };
  /** How many case chains it covers. */
  chainCount: number;
  /** 64 hex digits. */
  root: string;
  /** The previous checkpoint's root, or null for the first (or when the previous cannot be read). */
  previousRoot: string | null;
  certificateSha256: string;
}

export interface CheckpointsView {
  /** The most recent, newest first. */
  checkpoints: CheckpointSummary[];
  total: number;
  /** A checkpoint that reads every chain, while it runs in the background. */
  running: { reason: CheckpointReason; done: number; total: number } | null;
  /** What the last checkpoint made since the app started found (or why it failed). */
  lastRun: { number: number | null; at: string; problems: { caseNumber: string; message: string }[]; error: string | null } | null;
}

/** 核对纸质凭证: the root typed from the paper against the stored checkpoint of that number. */
export interface CheckpointComparison {
  number: number;
  /** The stored checkpoint, or null when there is none of that number or it cannot be read (`problem` says why). */
  checkpoint: CheckpointSummary | null;
  problem: string | null;
  rootMatches: boolean;
  /** Its signature: valid and the center's, or not. */
  signature: 'ok' | 'invalid' | 'unknown-certificate' | null;
  /** Its root agrees with the chains it records (replayed from the first checkpoint); null when an earlier one is missing. */
  consistent: boolean | null;
}

/** Input/output types of every method. Handlers in main implement exactly this map. */
export interface ApiContract {
  'app:info': { input: void; output: AppInfo };
  'setup:complete': { input: SetupInput; output: SignedIn };
  'setup:test-database': { input: CenterDatabase; output: { serverVersion: string; centerName: string | null } };
  'setup:use-database': { input: CenterDatabase; output: { centerName: string | null } };
  'setup:admin-password': { input: AdminPasswordInput; output: SignedIn };
  /** 从备份恢复 (first run only): the generations in a backup folder. */
  'setup:restore-generations': { input: { folder: string }; output: BackupGenerationView[] };
  'setup:restore': { input: FirstRunRestoreInput; output: FirstRunRestoreStatus };
  'setup:restore-status': { input: void; output: FirstRunRestoreStatus };
  'auth:sign-in': { input: { loginName: string; password: string }; output: SignedIn };
  'auth:recover': { input: RecoverInput; output: SignedIn };
  'auth:sign-out': { input: void; output: null };
  'auth:current': { input: void; output: SignedIn | null };
  'auth:lock': { input: void; output: null };
  'auth:unlock': { input: { password: string }; output: SignedIn };
  'auth:reauth': { input: { password: string }; output: null };
  'auth:change-password': { input: { currentPassword: string; newPassword: string }; output: SignedIn };
  'staff:list': { input: void; output: Staff[] };
  'staff:accounts': { input: void; output: StaffAccount[] };
  'staff:create': { input: StaffCreateInput; output: StaffAccount };
  'staff:update': { input: { id: string; name: string; loginName: string }; output: StaffAccount };
  'staff:set-roles': { input: { id: string; roles: Staff['roles'] }; output: StaffAccount };
  'staff:set-active': { input: { id: string; active: boolean }; output: StaffAccount };
  'staff:reset-password': { input: { id: string; password: string }; output: StaffAccount };
  'staff:unlock': { input: { id: string }; output: StaffAccount };
  'settings:get': { input: void; output: CenterSettings };
  'settings:update': { input: CenterSettings; output: CenterSettings };
  'settings:images': { input: void; output: CenterImages };
  'settings:set-image': { input: { kind: CenterImageKind; pngBase64: string | null }; output: CenterImage | null };
  'cases:create': { input: RegisterCaseInput; output: CaseRecord };
  'cases:get': { input: { id: string }; output: CaseView };
  'cases:list': { input: CaseListQuery; output: CaseListPage };
  'cases:audit': { input: { id: string }; output: AuditEvent[] };
  'cases:reveal': { input: RevealInput; output: { value: string } };
  'cases:related': { input: RelatedQuery; output: RelatedCase[] };
  'cases:accept': { input: AcceptInput; output: CaseView };
  'cases:assign': { input: AssignInput; output: CaseView };
  'cases:refuse': { input: RefuseInput; output: CaseView };
  'cases:transfer': { input: TransferInput; output: CaseView };
  'cases:update': { input: CaseCorrectionInput; output: CaseView };
  'desk:today': { input: void; output: DeskQueue };
  'desk:mine': { input: void; output: MyDesk };
  'intake:related-party': { input: RelatedPartyInput; output: Party };
  'staff:workload': { input: void; output: MediatorLoad[] };
  'drafts:get': { input: void; output: Draft | null };
  'drafts:save': { input: { data: unknown }; output: { savedAt: string } };
  'drafts:discard': { input: void; output: null };
  'documents:preview': { input: IssueDocumentInput; output: DocumentPreview };
  'documents:issue': { input: IssueDocumentInput; output: IssuedDocument };
  'documents:read': { input: { caseId: string; documentId: string }; output: IssuedDocument };
  'documents:file': { input: { caseId: string; documentId: string; format: 'pdf' | 'docx' }; output: DocumentFile };
  'sessions:schedule': { input: { caseId: string; plan: SessionPlan }; output: SessionView };
  'sessions:get': { input: { caseId: string; sessionId: string }; output: SessionView };
  'sessions:update-plan': { input: { caseId: string; sessionId: string; revision: number; plan: SessionPlan }; output: SessionView };
  'sessions:open': { input: { caseId: string; sessionId: string; revision: number }; output: SessionView };
  'sessions:save': { input: { caseId: string; sessionId: string; revision: number; content: SessionContent }; output: SessionSaved };
  'sessions:save-changes': { input: { caseId: string; sessionId: string; revision: number; changes: SessionChanges }; output: SessionSaved };
  'sessions:close': { input: { caseId: string; sessionId: string; revision: number; content: SessionContent; outcome: SessionOutcome | null }; output: SessionView };
  'sessions:cancel': { input: { caseId: string; sessionId: string; revision: number; reason: string }; output: SessionView };
  'attachments:add': { input: AddAttachmentInput; output: Attachment };
  'attachments:file': { input: { caseId: string; attachmentId: string }; output: AttachmentFile };
  'agreements:create': { input: { caseId: string; kind: AgreementRecord['kind'] }; output: AgreementView };
  'agreements:get': { input: { caseId: string }; output: AgreementView };
  'agreements:save': { input: { caseId: string; revision: number; content: AgreementContent }; output: AgreementView };
  'agreements:submit': { input: { caseId: string; revision: number }; output: AgreementView };
  'agreements:review': { input: { caseId: string; revision: number; decision: 'approved' | 'returned'; comment: string }; output: AgreementView };
  'agreements:sign': { input: SignAgreementInput; output: AgreementView };
  'agreements:seal': { input: { caseId: string; revision: number }; output: AgreementView };
  'agreements:register-oral': { input: { caseId: string; revision: number }; output: AgreementView };
  'agreements:issue-signed': { input: { caseId: string }; output: AgreementView };
  'agreements:performance': { input: PerformanceInput; output: AgreementView };
  'agreements:signature': { input: { caseId: string; signerId: string }; output: SignatureImage };
  'documents:verify': { input: { pdfBase64: string }; output: DocumentVerification };
  'settings:certificate': { input: void; output: CertificateInfo | null };
  'settings:import-certificate': { input: { p12Base64: string; password: string }; output: CertificateInfo };
  'clock:confirm': { input: { highWater: string }; output: ClockWarning | null };
  'auth:local-key': { input: void; output: { key: string } };
  'data:check-start': { input: void; output: DataCheckStatus };
  'data:check-status': { input: void; output: DataCheckStatus };
  'integrity:checkpoint': { input: void; output: CheckpointsView };
  'integrity:checkpoints': { input: void; output: CheckpointsView };
  'integrity:checkpoint-pdf': { input: { number: number }; output: { number: number; pdfBase64: string } };
  'integrity:checkpoint-compare': { input: { number: number; root: string }; output: CheckpointComparison };
  'backup:status': { input: void; output: BackupStatus };
  'backup:update-settings': { input: BackupSettings; output: BackupSettings };
  'backup:run-now': { input: void; output: BackupStatus };
  'backup:generations': { input: void; output: BackupGenerationView[] };
  'backup:restore-case': { input: CaseRestoreInput; output: CaseRestoreResult };
  'backup:drill': { input: void; output: BackupStatus };
}

/** Each method's input schema. Who may call it lives in the policy table (electron/shared/policy/policy.ts). */
type Spec<K extends ApiMethod> = { input: z.ZodType<ApiContract[K]['input'] | undefined> };

/**
 * 登记: the case, and the desk's id for this press of 登记 (one per form, kept until it succeeds). Sent again after an
 * answer that never came (the connection lost at COMMIT), it finds the case it made instead of registering it twice.
 */
export const RegisterCaseInputSchema = caseInputShapeSchema.extend({ requestId: z.string().uuid('请求编号格式不正确').optional() });
export type RegisterCaseInput = CaseInput & { requestId?: string };

/** Runtime side of the contract: the schema every payload is parsed with. */
export const API_SPEC = {
  'app:info': { input: Empty },
  'setup:complete': { input: SetupInputSchema },
  'setup:test-database': { input: CenterDatabaseSchema },
  'setup:use-database': { input: CenterDatabaseSchema },
  'setup:admin-password': { input: AdminPasswordInputSchema },
  'setup:restore-generations': { input: z.strictObject({ folder: BackupFolderSchema }) },
  'setup:restore': { input: FirstRunRestoreInputSchema },
  'setup:restore-status': { input: Empty },
  'auth:sign-in': { input: SignInInputSchema },
  'auth:recover': { input: RecoverInputSchema },
  'auth:sign-out': { input: Empty },
  'auth:current': { input: Empty },
  'auth:lock': { input: Empty },
  'auth:unlock': { input: PasswordInputSchema },
  'auth:reauth': { input: PasswordInputSchema },
  'auth:change-password': { input: ChangePasswordInputSchema },
  'staff:list': { input: Empty },
  'staff:accounts': { input: Empty },
  'staff:create': { input: StaffCreateInputSchema },
  'staff:update': { input: StaffUpdateInputSchema },
  'staff:set-roles': { input: StaffRolesInputSchema },
  'staff:set-active': { input: StaffActiveInputSchema },
  'staff:reset-password': { input: StaffResetPasswordInputSchema },
  'staff:unlock': { input: IdInputSchema },
  'settings:get': { input: Empty },
  'settings:update': { input: CenterSettingsSchema },
  'settings:images': { input: Empty },
  'settings:set-image': {
    input: z.strictObject({
      kind: z.enum(Object.keys(CENTER_IMAGE_KINDS) as [CenterImageKind, ...CenterImageKind[]]),
      pngBase64: z.string().max(3_000_000, '图片不能超过2MB').regex(/^[A-Za-z0-9+/]*={0,2}$/, '图片数据格式不正确').nullable(),
    }),
  },
  'cases:create': { input: RegisterCaseInputSchema },
  'cases:get': { input: IdInputSchema },
  'cases:list': { input: CaseListQuerySchema },
  'cases:audit': { input: IdInputSchema },
  'cases:reveal': { input: RevealInputSchema },
  'cases:related': { input: RelatedQuerySchema },
  'cases:accept': { input: AcceptInputSchema },
  'cases:assign': { input: AssignInputSchema },
  'cases:refuse': { input: RefuseInputSchema },
  'cases:transfer': { input: TransferInputSchema },
  'cases:update': { input: CaseCorrectionInputSchema },
  'desk:today': { input: Empty },
  'desk:mine': { input: Empty },
  'intake:related-party': { input: RelatedPartyInputSchema },
  'staff:workload': { input: Empty },
  'drafts:get': { input: Empty },
  'drafts:save': { input: DraftInputSchema },
  'drafts:discard': { input: Empty },
  'documents:preview': { input: IssueDocumentInputSchema },
  'documents:issue': { input: IssueDocumentInputSchema },
  'documents:read': { input: ReadDocumentInputSchema },
  'documents:file': { input: ReadDocumentInputSchema.extend({ format: z.enum(['pdf', 'docx']) }) },
  'sessions:schedule': { input: ScheduleSessionInputSchema },
  'sessions:get': { input: SessionRefSchema },
  'sessions:update-plan': { input: UpdateSessionPlanInputSchema },
  'sessions:open': { input: OpenSessionInputSchema },
  'sessions:save': { input: SaveSessionInputSchema },
  'sessions:save-changes': { input: SaveSessionChangesInputSchema },
  'sessions:close': { input: CloseSessionInputSchema },
  'sessions:cancel': { input: CancelSessionInputSchema },
  'attachments:add': { input: AddAttachmentInputSchema },
  'attachments:file': { input: AttachmentRefSchema },
  'agreements:create': { input: CreateAgreementInputSchema },
  'agreements:get': { input: AgreementRefSchema },
  'agreements:save': { input: SaveAgreementInputSchema },
  'agreements:submit': { input: AgreementStepInputSchema },
  'agreements:review': { input: ReviewAgreementInputSchema },
  'agreements:sign': { input: SignAgreementInputSchema },
  'agreements:seal': { input: AgreementStepInputSchema },
  'agreements:register-oral': { input: AgreementStepInputSchema },
  'agreements:issue-signed': { input: AgreementRefSchema },
  'agreements:performance': { input: PerformanceInputSchema },
  'agreements:signature': { input: SignatureRefSchema },
  'documents:verify': { input: VerifyDocumentInputSchema },
  'settings:certificate': { input: Empty },
  'settings:import-certificate': { input: ImportCertificateInputSchema },
  'clock:confirm': { input: ClockConfirmInputSchema },
  'auth:local-key': { input: Empty },
  'data:check-start': { input: Empty },
  'data:check-status': { input: Empty },
  'integrity:checkpoint': { input: Empty },
  'integrity:checkpoints': { input: Empty },
  'integrity:checkpoint-pdf': { input: z.strictObject({ number: CheckpointNumberSchema }) },
  'integrity:checkpoint-compare': { input: CheckpointCompareInputSchema },
  'backup:status': { input: Empty },
  'backup:update-settings': { input: BackupSettingsSchema },
  'backup:run-now': { input: Empty },
  'backup:generations': { input: Empty },
  'backup:restore-case': { input: CaseRestoreInputSchema },
  'backup:drill': { input: Empty },
} as const satisfies { [K in ApiMethod]: Spec<K> };

/** The API as the renderer sees it: one function per method, on `window.workstation`, in both hosts. */
export type WorkstationApi = {
  [K in ApiMethod]: (input: ApiContract[K]['input']) => Promise<Result<ApiContract[K]['output']>>;
};
