import { text, z } from './zod-setup';

/**
 * The mediation agreement (人民调解协议书, art. 28–29) or the oral agreement recorded in its register (口头协议登记表,
 * art. 28/30). Drafted by the legal advisor from intake and the sessions, reviewed, signed at the desk (or on paper),
 * sealed, and then tracked while it is performed and, where the parties wish, confirmed by a court (art. 33).
 * The full agreement is a file of its own in the case folder (it is edited with a live preview); the case record
 * keeps an AgreementSummary.
 */
export const AGREEMENT_SCHEMA_VERSION = 1;

export const AGREEMENT_KINDS = { written: '书面协议', oral: '口头协议' } as const;
export const AgreementKindSchema = z.enum(['written', 'oral']);

/**
 * 草拟 → 待审核 → 已审核（待签署）→ 已生效; 退回修改 goes back to drafting. Any change after approval sends it back
 * to review. Oral agreements are registered directly as effective (art. 30: effective the day reached).
 */
export const AGREEMENT_STATUSES = { draft: '草拟中', in_review: '待审核', returned: '退回修改', approved: '待签署', effective: '已生效' } as const;
export const AgreementStatusSchema = z.enum(['draft', 'in_review', 'returned', 'approved', 'effective']);
export type AgreementStatus = z.infer<typeof AgreementStatusSchema>;

const DateSchema = z.union([z.iso.date({ error: '日期格式不正确' }), z.literal('')]);
/** Parties (ids of record.parties) an obligation binds or benefits. */
const PartyIdsSchema = z.array(z.string().min(1).max(60)).max(50);
/** An amount in yuan as typed ("86500", "3000.50"); checked by the legal checks, kept as text (exact). */
const AmountText = z.string().trim().max(20);

export const InstalmentSchema = z.strictObject({ amount: AmountText, dueOn: DateSchema });
export type Instalment = z.infer<typeof InstalmentSchema>;

/** What was agreed, as structured entries that render to clause text (renderClause). */
export const AgreementItemSchema = z.discriminatedUnion('type', [
  z.strictObject({
    id: z.uuid(),
    type: z.literal('payment'),
    payerIds: PartyIdsSchema,
    payeeIds: PartyIdsSchema,
    /** 赔偿 / 补偿 / 偿还借款 / 支付工资 … as printed: "一次性赔偿", "支付" */
    purpose: text(100),
    total: AmountText,
    plan: z.enum(['lump', 'instalments']),
    /** The due date of a lump sum. */
    dueOn: DateSchema,
    instalments: z.array(InstalmentSchema).max(120),
    /** 履行方式: 银行转账 / 现金 / 微信转账 … */
    method: text(100),
    place: text(200),
  }),
  z.strictObject({
    id: z.uuid(),
    type: z.literal('act'),
    obligorIds: PartyIdsSchema,
    beneficiaryIds: PartyIdsSchema,
    /** perform: 于…前拆除围墙 / cease: 停止在共用通道堆放杂物 */
    mode: z.enum(['perform', 'cease']),
    description: text(1000),
    dueOn: DateSchema,
    manner: text(200),
    place: text(200),
  }),
  z.strictObject({
    id: z.uuid(),
    type: z.literal('apology'),
    fromIds: PartyIdsSchema,
    toIds: PartyIdsSchema,
    /** 当面 / 书面 */
    manner: text(100),
    dueOn: DateSchema,
  }),
  z.strictObject({
    id: z.uuid(),
    type: z.literal('return'),
    fromIds: PartyIdsSchema,
    toIds: PartyIdsSchema,
    property: text(500),
    dueOn: DateSchema,
    manner: text(200),
    place: text(200),
  }),
  z.strictObject({
    id: z.uuid(),
    type: z.literal('costs'),
    bearerIds: PartyIdsSchema,
    /** 鉴定费 / 车辆维修费 … */
    description: text(300),
    amount: AmountText,
  }),
  z.strictObject({
    id: z.uuid(),
    type: z.literal('free'),
    text: text(3000),
    /** Whom the clause obliges, if anyone: an obligation needs a manner and a time limit like the others. */
    obligorIds: PartyIdsSchema,
    dueOn: DateSchema,
    manner: text(200),
    place: text(200),
  }),
]);
export type AgreementItem = z.infer<typeof AgreementItemSchema>;
export type AgreementItemType = AgreementItem['type'];
export const AGREEMENT_ITEM_TYPES = { payment: '给付金钱', act: '作为/不作为', apology: '赔礼道歉', return: '返还财物', costs: '费用承担', free: '其他条款' } as const;

/** What the legal advisor edits. */
export const AgreementContentSchema = z.strictObject({
  /** 纠纷主要事实 */
  facts: text(5000),
  /** 争议事项 */
  disputedMatters: text(3000),
  /** 各方责任 (art. 29 (2)); may be empty when not stated. */
  responsibility: text(3000),
  items: z.array(AgreementItemSchema).max(100),
  /** 违约责任, when agreed. */
  breach: text(2000),
  /** 本协议一式N份: the parties + 1 (the committee's copy) at least. */
  copies: z.int().min(1).max(50),
  /** Oral agreements: where and when it was reached (art. 30: effective that day). */
  place: text(200),
  reachedOn: DateSchema,
});
export type AgreementContent = z.infer<typeof AgreementContentSchema>;

export const ReviewEventSchema = z.strictObject({
  type: z.enum(['submitted', 'approved', 'returned', 'reopened']),
  at: z.iso.datetime({ offset: true }),
  by: z.string().min(1),
  comment: text(2000),
});
export type ReviewEvent = z.infer<typeof ReviewEventSchema>;

/** Who signs: every party, every agent present (optional), the mediators (required), the recorder. */
export const SIGNER_KINDS = { party: '当事人', agent: '委托代理人', mediator: '人民调解员', recorder: '记录人' } as const;
export const SignerKindSchema = z.enum(['party', 'agent', 'mediator', 'recorder']);
export type SignerKind = z.infer<typeof SignerKindSchema>;

/** drawn: on screen (image + strokes kept); the paper ones: signed, fingerprinted or sealed on the printed copy. */
export const SIGNING_METHODS = { drawn: '屏幕签名', paper_signed: '纸质签名', paper_fingerprint: '纸质按指印', paper_sealed: '纸质盖章' } as const;
export const SigningMethodSchema = z.enum(['drawn', 'paper_signed', 'paper_fingerprint', 'paper_sealed']);
export type SigningMethod = z.infer<typeof SigningMethodSchema>;

export const SignatureSchema = z.strictObject({
  signerId: z.string().min(1).max(60),
  kind: SignerKindSchema,
  name: text(100),
  method: SigningMethodSchema,
  at: z.iso.datetime({ offset: true }),
  /** The staff member at the desk who took the signature. */
  takenBy: z.string().min(1),
  /** Drawn signatures: the PNG and the stroke data (evidence), write-once files in the case's signatures/ folder. */
  image: z.strictObject({ file: z.string().regex(/^[a-z0-9-]+\.png$/), sha256: z.string().regex(/^[0-9a-f]{64}$/) }).nullable(),
  strokes: z.strictObject({ file: z.string().regex(/^[a-z0-9-]+\.json$/), sha256: z.string().regex(/^[0-9a-f]{64}$/) }).nullable(),
  /**
   * A paper signature registered before any scan of the signed copy was uploaded: why (扫描仪故障). Until a scan comes
   * in, the agreement and the desk say it is awaited. Null when a scan was there (read as null in older files).
   */
  paperReason: text(200).nullable().default(null),
});
export type Signature = z.infer<typeof SignatureSchema>;

export const PERFORMANCE_STATUSES = { pending: '待履行', done: '已履行', partial: '部分履行', not: '未履行' } as const;
export const PerformanceStatusSchema = z.enum(['pending', 'done', 'partial', 'not']);

/** Performance of one obligation (an item, or one instalment of a payment). */
export const PerformanceEntrySchema = z.strictObject({
  itemId: z.uuid(),
  /** Index of the instalment, or null for the whole item. */
  instalment: z.int().nonnegative().nullable(),
  status: PerformanceStatusSchema,
  note: text(500),
  updatedAt: z.iso.datetime({ offset: true }),
  updatedBy: z.string().min(1),
});
export type PerformanceEntry = z.infer<typeof PerformanceEntrySchema>;

export const AgreementRecordSchema = z.strictObject({
  schemaVersion: z.literal(AGREEMENT_SCHEMA_VERSION),
  id: z.uuid(),
  caseId: z.uuid(),
  kind: AgreementKindSchema,
  /** 协议编号 (the 回访记录 refers to it): the case number. */
  number: z.string().min(1).max(60),
  status: AgreementStatusSchema,
  content: AgreementContentSchema,
  review: z.array(ReviewEventSchema),
  signatures: z.array(SignatureSchema),
  seal: z.strictObject({ at: z.iso.datetime({ offset: true }), by: z.string().min(1) }).nullable(),
  /** ISO date it took effect (art. 29: the last of the signatures and the seal; art. 30: the day an oral one was reached). */
  effectiveOn: z.iso.date().nullable(),
  /** The signed PDF issued when it took effect (a document version of the case). */
  signedDocumentId: z.uuid().nullable(),
  performance: z.array(PerformanceEntrySchema),
  /** Mediators and recorder who sign it (staff ids). */
  mediatorIds: z.array(z.uuid()).min(1).max(10),
  recorderId: z.uuid(),
  revision: z.int().nonnegative(),
  createdAt: z.iso.datetime({ offset: true }),
  createdBy: z.string().min(1),
  /** Staff who changed the text (agreements:save with a change); read as none in files from before it was kept. */
  editors: z.array(z.string().min(1)).max(100).default([]),
  updatedAt: z.iso.datetime({ offset: true }),
});
export type AgreementRecord = z.infer<typeof AgreementRecordSchema>;

/** What the case record keeps of its agreement. */
export const AgreementSummarySchema = z.strictObject({
  id: z.uuid(),
  kind: AgreementKindSchema,
  number: z.string(),
  status: AgreementStatusSchema,
  effectiveOn: z.iso.date().nullable(),
  /** 司法确认申请截止日: effectiveOn + 30 days (art. 33), null until effective. */
  confirmationDue: z.iso.date().nullable(),
  /** The earliest due date of an obligation not yet performed, for reminders. */
  nextDueOn: z.iso.date().nullable(),
  /**
   * When the latest paper signature registered with a reason instead of its scan was taken (null when none): the desk
   * reminds until a scan of the approved text is uploaded after it.
   */
  scanAwaitedSince: z.iso.datetime({ offset: true }).nullable().default(null),
});
export type AgreementSummary = z.infer<typeof AgreementSummarySchema>;

export const ReviewDecisionSchema = z.strictObject({ decision: z.enum(['approved', 'returned']), comment: text(2000) });
export const SignInputShape = {
  signerId: z.string().min(1).max(60),
  method: SigningMethodSchema,
  /** Drawn only: the PNG of the signature (base64, ≤ 1 MB) and signature_pad's stroke data. */
  pngBase64: z.string().max(1_400_000, '签名图片过大').regex(/^[A-Za-z0-9+/]*={0,2}$/, '签名图片格式不正确').nullable(),
  strokes: z
    .array(
      z.strictObject({
        penColor: z.string().max(40).optional(),
        dotSize: z.number().optional(),
        minWidth: z.number().optional(),
        maxWidth: z.number().optional(),
        velocityFilterWeight: z.number().optional(),
        compositeOperation: z.string().max(40).optional(),
        points: z.array(z.strictObject({ x: z.number(), y: z.number(), time: z.number(), pressure: z.number().optional() })).max(20000),
      }),
    )
    .max(500)
    .nullable(),
  /** Paper only, when no scan of the signed copy is uploaded yet: why it comes later (see paperSignatureCheck). */
  paperReason: text(200).optional(),
};

/** Why a person may not approve an agreement under 四眼审核, or null when they may. */
export type ReviewConflict = 'created' | 'edited' | 'submitted';

/**
 * 四眼审核 (CenterSettings.fourEyesReview): the text is approved by someone who did not write it. The drafter is
 * whoever created the agreement, changed its text, or submitted the round under review. Main refuses the approval;
 * the editor disables 审核通过 with the same answer.
 */
export function reviewConflict(
  agreement: Pick<AgreementRecord, 'createdBy' | 'editors' | 'review'>,
  staffId: string,
  fourEyesReview: boolean,
): ReviewConflict | null {
  if (!fourEyesReview) return null;
  if (agreement.createdBy === staffId) return 'created';
  if ((agreement.editors ?? []).includes(staffId)) return 'edited';
  const submitted = [...agreement.review].reverse().find((e) => e.type === 'submitted');
  if (submitted?.by === staffId) return 'submitted';
  return null;
}

export const REVIEW_CONFLICT_MESSAGES: Record<ReviewConflict, string> = {
  created: '本协议由您起草，按中心“四眼审核”设置须由其他法律顾问审核通过',
  edited: '您修改过本协议的内容，按中心“四眼审核”设置须由其他法律顾问审核通过',
  submitted: '本协议由您提交审核，按中心“四眼审核”设置须由其他法律顾问审核通过',
};
