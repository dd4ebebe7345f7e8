/**
 * The declarative template model. A template (templates/<key>.ts) is plain data: which case data it needs and its
 * layout as a list of blocks. Nothing in a template runs: text is literal with `{field}` placeholders filled from a
 * DocumentData map (no markup, no expressions), conditions name a yes/no field, lists name a list field. The
 * renderer (render-pdf.ts) is the only code that turns blocks into a page; checkRequiredFields (check.ts) reports
 * the fields a case lacks, by their Chinese names, before anything is rendered.
 */
import type { DocumentTemplateKey } from '../../shared/domain';

// ---------------------------------------------------------------------------------------------------------------
// The data a template may use
// ---------------------------------------------------------------------------------------------------------------

/** Text fields (already formatted for print: dates in Chinese, labels instead of codes). Empty string = not known. */
export interface DocumentScalars {
  caseNumber: string;
  committeeName: string;
  centerName: string;
  centerPhone: string;
  centerAddress: string;
  /** 纠纷类型 label, e.g. 道路交通事故纠纷 */
  disputeType: string;
  /** The label without its trailing 纠纷, for the form sentence "……之间的____纠纷" */
  disputeTypeShort: string;
  disputeSubType: string;
  caseSource: string;
  /** 书面申请 / 口头申请 */
  applicationForm: string;
  summary: string;
  occurredOn: string;
  occurredPlace: string;
  /** 人民币捌万陆仟伍佰元整（¥86,500.00）, or 无 */
  amount: string;
  /** 3人 */
  peopleInvolved: string;
  riskLevel: string;
  complexity: string;
  /** Escalation flags joined, or 无 */
  escalation: string;
  registeredDate: string;
  registeredBy: string;
  applicantNames: string;
  respondentNames: string;
  thirdPartyNames: string;
  /** Every party, applicants first: the addressees of a notice to all parties. */
  partyNames: string;
  acceptedDate: string;
  mediators: string;
  room: string;
  mediationDue: string;
  refusalGround: string;
  referTo: string;
  transferBody: string;
  transferReplyDue: string;
  decisionDate: string;
  decisionNote: string;
  issueDate: string;
  issueDateCapital: string;
  /** 卷名 / 纠纷名称: 张建国、李秀兰与义乌市顺达货运有限公司道路交通事故纠纷 */
  caseTitle: string;

  // The fields below come from DocumentExtras (sessions, agreements, … are not in the case record yet): each is
  // empty when its extras are absent, so that a template needing it reports it by name.

  /** 授权委托书 (extras.powerOfAttorney): principal and agent names, the other side, the authority, matters, term. */
  poaPrincipalName: string;
  poaAgentName: string;
  /** The parties on the other side of the principal: 义乌市顺达货运有限公司 */
  poaCounterparties: string;
  /** 一般代理 / 特别授权 */
  poaAuthority: string;
  poaMatters: string;
  poaTerm: string;
  poaDate: string;

  /** 人民调解调查记录 (extras.investigation) */
  invTime: string;
  invPlace: string;
  invSubjectRelation: string;
  invInvestigators: string;
  invRecorder: string;
  /** 参加人, or 无 */
  invParticipants: string;

  /** 人民调解记录 (extras.session) */
  sessionTime: string;
  sessionPlace: string;
  /** 事由 */
  sessionPurpose: string;
  /** The parties present (and who appeared for them): 申请人张建国、李秀兰；被申请人义乌市顺达货运有限公司（法定代表人陈国平） */
  sessionAttendance: string;
  /** 参加人 (invited, not parties, mediators or the recorder), or 无 */
  sessionParticipants: string;
  sessionMediators: string;
  sessionRecorder: string;
  /** 调解结果 */
  sessionOutcome: string;
  sessionDate: string;

  /** 人民调解协议书 (extras.agreement) */
  agreementNumber: string;
  /** The date it took effect (人民调解法 art. 29; extras.agreement.effectiveOn), empty before. */
  agreementEffectiveDate: string;
  /** 纠纷主要事实、争议事项 */
  agreementFacts: string;
  /** 各方责任 (optional) */
  agreementResponsibility: string;
  agreementPerformanceManner: string;
  agreementPerformanceDeadline: string;
  agreementPerformancePlace: string;
  /** 违约责任 (optional) */
  agreementBreach: string;
  /** Copies in Chinese numerals: parties + 1 (四) */
  agreementCopies: string;
  agreementDate: string;
  agreementMediators: string;
  agreementRecorder: string;

  /** 人民调解口头协议登记表 (extras.oralAgreement) */
  oralReachedDate: string;
  oralPlace: string;
  oralSummary: string;
  /** The clauses numbered one per line (the form puts them in one table cell). */
  oralClauses: string;
  oralPerformance: string;
  oralMediators: string;
  oralRegistrar: string;
  oralRegisteredDate: string;

  /** 人民调解回访记录 (extras.followUp) */
  followUpParties: string;
  followUpAgreementNumber: string;
  followUpTime: string;
  followUpMethod: string;
  /** 回访情况: 履行情况、满意程度、诉讼、风险、措施, one per line */
  followUpSituation: string;
  followUpVisitors: string;
  followUpDate: string;

  /** 终止调解告知书 (extras.termination) */
  terminationReason: string;
  /** Where the parties may go (optional advice beyond the routes of art. 26) */
  terminationRoutes: string;
  terminationDate: string;

  /** 司法确认申请书 (extras.confirmation with extras.agreement) */
  courtName: string;
  confirmationDate: string;
  /** The last day to apply: 30 days from the agreement's effective date (人民调解法 art. 33), e.g. 2026年5月31日. */
  confirmationDue: string;

  /** 卷宗 (extras.file) */
  fileTitle: string;
  /** 卷号: （2026）X人调字第1号 */
  fileNumber: string;
  fileMediators: string;
  fileMediationFrom: string;
  fileMediationTo: string;
  fileCompiler: string;
  fileCompiledDate: string;
  /** 永久 / 长期 / 短期 */
  fileRetention: string;
  fileNote: string;
  /** Pages of the documents in the file (卷内文件): 23 */
  filePages: string;
  fileChecker: string;
  fileCheckedDate: string;
}

/** Lists of text items (numbered on the form). */
export interface DocumentLists {
  /** 申请事项: every applicant's requests, one per item. */
  requests: string[];
  /** 代理权限: the powers an agent is given (授权委托书). */
  attorneyPowers: string[];
  /** 经调解，自愿达成如下协议: one clause per item, amounts in capitals with figures. */
  agreementClauses: string[];
  /** 附: the attachments of the 司法确认申请书. */
  confirmationAttachments: string[];
}

/** One statement of a record (调查记录, 调解记录): 调解员问 / 申请人张建国答, and what was said. */
export interface StatementEntry {
  /** Printed before the colon: 调解员问, 申请人张建国答 */
  speaker: string;
  text: string;
}

/** Records of what was said, in order. Caucus (背对背) statements never reach these lists. */
export interface DocumentStatements {
  invStatements: StatementEntry[];
  /** The joint statements of the session (人民调解记录). */
  sessionStatements: StatementEntry[];
}

/**
 * Someone who signs every page of a record (人民调解记录, 调查记录): printed in the page footer as a label, a line to
 * sign on and, for a natural-person party or the person interviewed, a fingerprint box （指印）.
 */
export interface SignerEntry {
  /** As printed above the line: 申请人张建国, 委托代理人吴晓东, 被申请人法定代表人陈国平, 调解员王志强 */
  label: string;
  fingerprint: boolean;
}

/** Everyone present who signs each page, in the order they sign: parties, agents, participants, staff. */
export interface DocumentSigners {
  sessionSigners: SignerEntry[];
  invSigners: SignerEntry[];
}

/** Rows of ruled tables (every row has one text per column). */
export interface DocumentTables {
  /** 卷内目录: 序号, 文书名称, 页号, 备注 in binding order (domain.md §1.2). */
  fileContents: string[][];
}

/** Parties as printed, with their agents. */
export interface DocumentParties {
  applicants: PartyEntry[];
  respondents: PartyEntry[];
  thirdParties: PartyEntry[];
  /** applicants, respondents, third parties in that order */
  allParties: PartyEntry[];
  /** 授权委托书: the principal (without agents) and the agent (受托人). */
  poaPrincipal: PartyEntry[];
  poaAgent: PartyEntry[];
  /** 调查记录: the person interviewed (被调查人). */
  invSubjects: PartyEntry[];
  /** 调解记录: the parties present, each with the agents present for it. */
  sessionParties: PartyEntry[];
  /** 调解记录: the 参加人 present (invited relatives, experts, officials). */
  sessionAttendees: PartyEntry[];
  /** 司法确认申请书: every party, as 申请人 (the application is joint), with its agents. */
  confirmationApplicants: PartyEntry[];
  /** 人民调解协议书: the staff who sign it, each on a line of their own — every mediator, then the recorder. */
  agreementStaff: PartyEntry[];
}

/** Yes/no facts that switch blocks on or off. */
export interface DocumentFlags {
  isOralApplication: boolean;
  isAccepted: boolean;
  isRefused: boolean;
  isTransferred: boolean;
  hasThirdParties: boolean;
  hasCenterAddress: boolean;
  /** 授权委托书: the agent has special authority (特别授权). */
  isSpecialAuthority: boolean;
  hasPoaMatters: boolean;
  hasAgreementResponsibility: boolean;
  hasPerformancePlace: boolean;
  hasAgreementBreach: boolean;
  hasTerminationRoutes: boolean;
  hasFileNote: boolean;
  /** 调解记录: the result is known (the session was closed); an open session leaves ruled lines to write it by hand. */
  hasSessionOutcome: boolean;
}

export type DocumentData = DocumentScalars & DocumentLists & DocumentStatements & DocumentTables & DocumentParties & DocumentSigners & DocumentFlags;

export type ScalarField = keyof DocumentScalars;
export type ListField = keyof DocumentLists;
export type StatementListField = keyof DocumentStatements;
export type TableField = keyof DocumentTables;
export type PartyListField = keyof DocumentParties;
export type SignerListField = keyof DocumentSigners;
export type FlagField = keyof DocumentFlags;
export type DocField = keyof DocumentData;

/** One party (or agent) formatted for print. Every value is display text; empty when not known. */
export interface PartyEntry {
  /**
   * The party, agent or staff member (record.parties / record.agents / staff id): what a signature captured on the
   * workstation is matched by when it is printed in the person's signature row. Absent for people the case does not
   * list (participants, witnesses).
   */
  id?: string;
  kind: 'person' | 'organization' | 'agent';
  /** 申请人 / 被申请人 / 第三人 / 委托代理人 */
  role: string;
  name: string;
  gender: string;
  ethnicity: string;
  /** 1968年3月15日 */
  birthDate: string;
  /** 58岁 (on the registration date) */
  age: string;
  idType: string;
  idNumber: string;
  phone: string;
  address: string;
  occupation: string;
  workUnit: string;
  /** Organisations */
  usccCode: string;
  legalRepresentative: string;
  representativeTitle: string;
  /** Agents: whom they act for, their authority, their firm or relation to the principal */
  principal: string;
  authority: string;
  workUnitOrRelation: string;
  /** The whole description on one line (partyLine / agentLine; participants: name and relation). */
  line: string;
  /** Agents acting for this party (printed right after it). */
  agents: PartyEntry[];
}

/** Details a party block may require of every party it prints; each applies to the kinds named here. */
export const PARTY_DETAILS = {
  name: { label: '姓名或名称', kinds: ['person', 'organization', 'agent'] },
  gender: { label: '性别', kinds: ['person'] },
  ethnicity: { label: '民族', kinds: ['person'] },
  age: { label: '年龄（出生日期）', kinds: ['person'] },
  idNumber: { label: '身份证件号码', kinds: ['person', 'agent'] },
  phone: { label: '联系方式', kinds: ['person', 'organization', 'agent'] },
  address: { label: '住址或住所地', kinds: ['person', 'organization'] },
  occupation: { label: '职业或职务', kinds: ['person'] },
  usccCode: { label: '统一社会信用代码', kinds: ['organization'] },
  legalRepresentative: { label: '法定代表人或负责人', kinds: ['organization'] },
  workUnitOrRelation: { label: '工作单位或与当事人的关系', kinds: ['agent'] },
} as const satisfies Record<string, { label: string; kinds: readonly PartyEntry['kind'][] }>;
export type PartyDetail = keyof typeof PARTY_DETAILS;

/** Chinese names of the fields, used in "missing field" messages. */
export const FIELD_LABELS: Record<DocField, string> = {
  caseNumber: '案号',
  committeeName: '人民调解委员会名称',
  centerName: '中心名称',
  centerPhone: '中心联系电话',
  centerAddress: '中心地址',
  disputeType: '纠纷类型',
  disputeTypeShort: '纠纷类型',
  disputeSubType: '纠纷子类型',
  caseSource: '案件来源',
  applicationForm: '申请方式',
  summary: '纠纷简要情况',
  occurredOn: '纠纷发生日期',
  occurredPlace: '纠纷发生地点',
  amount: '涉及金额',
  peopleInvolved: '涉及人数',
  riskLevel: '风险等级',
  complexity: '复杂程度',
  escalation: '预警标记',
  registeredDate: '登记日期',
  registeredBy: '登记人',
  applicantNames: '申请人姓名',
  respondentNames: '被申请人姓名或名称',
  thirdPartyNames: '第三人姓名或名称',
  partyNames: '当事人姓名或名称',
  acceptedDate: '受理日期',
  mediators: '调解员',
  room: '调解室',
  mediationDue: '调解期限',
  refusalGround: '不予受理的理由',
  referTo: '告知当事人前往的机关或途径',
  transferBody: '转办接收单位',
  transferReplyDue: '转办回复期限',
  decisionDate: '决定日期',
  decisionNote: '补充说明',
  issueDate: '出具日期',
  issueDateCapital: '出具日期',
  caseTitle: '纠纷名称',
  poaPrincipalName: '委托人',
  poaAgentName: '受托人',
  poaCounterparties: '对方当事人',
  poaAuthority: '代理权限',
  poaMatters: '委托事项',
  poaTerm: '委托期限',
  poaDate: '委托日期',
  invTime: '调查时间',
  invPlace: '调查地点',
  invSubjectRelation: '被调查人与本纠纷的关系',
  invInvestigators: '调查人',
  invRecorder: '调查记录人',
  invParticipants: '调查参加人',
  sessionTime: '调解时间',
  sessionPlace: '调解地点',
  sessionPurpose: '调解事由',
  sessionAttendance: '到场当事人',
  sessionParticipants: '调解参加人',
  sessionMediators: '主持调解的人民调解员',
  sessionRecorder: '调解记录人',
  sessionOutcome: '调解结果',
  sessionDate: '调解时间',
  agreementNumber: '调解协议编号',
  agreementEffectiveDate: '调解协议生效日期',
  agreementFacts: '纠纷主要事实、争议事项',
  agreementResponsibility: '各方责任',
  agreementPerformanceManner: '履行方式',
  agreementPerformanceDeadline: '履行期限',
  agreementPerformancePlace: '履行地点',
  agreementBreach: '违约责任',
  agreementCopies: '协议份数',
  agreementDate: '调解协议达成日期',
  agreementMediators: '协议书的人民调解员',
  agreementRecorder: '协议书的记录人',
  oralReachedDate: '口头协议达成日期',
  oralPlace: '口头协议调解地点',
  oralSummary: '纠纷简要情况',
  oralClauses: '口头协议内容',
  oralPerformance: '口头协议履行方式、时限',
  oralMediators: '口头协议的人民调解员',
  oralRegistrar: '口头协议登记人',
  oralRegisteredDate: '口头协议登记日期',
  followUpParties: '被回访当事人',
  followUpAgreementNumber: '回访的调解协议编号',
  followUpTime: '回访时间',
  followUpMethod: '回访方式',
  followUpSituation: '回访情况',
  followUpVisitors: '回访人',
  followUpDate: '回访记录日期',
  terminationReason: '终止调解的原因',
  terminationRoutes: '其他解决途径',
  terminationDate: '终止调解日期',
  courtName: '受理司法确认的人民法院',
  confirmationDate: '司法确认申请日期',
  confirmationDue: '申请司法确认的期限',
  fileTitle: '卷名',
  fileNumber: '卷号',
  fileMediators: '卷宗的人民调解员',
  fileMediationFrom: '调解开始日期',
  fileMediationTo: '调解结束日期',
  fileCompiler: '立卷人',
  fileCompiledDate: '立卷日期',
  fileRetention: '保管期限',
  fileNote: '备注',
  filePages: '卷内文件页数',
  fileChecker: '检查人',
  fileCheckedDate: '检查日期',
  requests: '申请事项',
  attorneyPowers: '代理权限',
  agreementClauses: '调解协议内容',
  confirmationAttachments: '申请书附件',
  invStatements: '调查记录内容',
  sessionStatements: '调解过程记录（共同调解的陈述）',
  fileContents: '卷内文书及页数',
  applicants: '申请人',
  respondents: '被申请人',
  thirdParties: '第三人',
  allParties: '当事人',
  poaPrincipal: '委托人',
  poaAgent: '受托人',
  invSubjects: '被调查人',
  sessionParties: '到场当事人',
  sessionAttendees: '调解参加人',
  confirmationApplicants: '司法确认申请人',
  agreementStaff: '在协议书上签名的人民调解员和记录人',
  isOralApplication: '申请方式',
  isAccepted: '受理情况',
  isRefused: '不予受理决定',
  isTransferred: '转办决定',
  hasThirdParties: '第三人',
  hasCenterAddress: '中心地址',
  isSpecialAuthority: '代理权限',
  hasPoaMatters: '其他委托事项',
  hasAgreementResponsibility: '各方责任',
  hasPerformancePlace: '履行地点',
  hasAgreementBreach: '违约责任',
  hasTerminationRoutes: '其他解决途径',
  hasFileNote: '备注',
  hasSessionOutcome: '调解结果',
  sessionSigners: '在场人员（逐页签名）',
  invSigners: '被调查人、调查人和记录人（逐页签名）',
};

export const SCALAR_FIELDS = [
  'caseNumber', 'committeeName', 'centerName', 'centerPhone', 'centerAddress', 'disputeType', 'disputeTypeShort',
  'disputeSubType', 'caseSource', 'applicationForm', 'summary', 'occurredOn', 'occurredPlace', 'amount',
  'peopleInvolved', 'riskLevel', 'complexity', 'escalation', 'registeredDate', 'registeredBy', 'applicantNames',
  'respondentNames', 'thirdPartyNames', 'partyNames', 'acceptedDate', 'mediators', 'room', 'mediationDue',
  'refusalGround', 'referTo', 'transferBody', 'transferReplyDue', 'decisionDate', 'decisionNote', 'issueDate',
  'issueDateCapital', 'caseTitle',
  'poaPrincipalName', 'poaAgentName', 'poaCounterparties', 'poaAuthority', 'poaMatters', 'poaTerm', 'poaDate',
  'invTime', 'invPlace', 'invSubjectRelation', 'invInvestigators', 'invRecorder', 'invParticipants',
  'sessionTime', 'sessionPlace', 'sessionPurpose', 'sessionAttendance', 'sessionParticipants', 'sessionMediators',
  'sessionRecorder', 'sessionOutcome', 'sessionDate',
  'agreementNumber', 'agreementEffectiveDate', 'agreementFacts', 'agreementResponsibility', 'agreementPerformanceManner',
  'agreementPerformanceDeadline', 'agreementPerformancePlace', 'agreementBreach', 'agreementCopies', 'agreementDate',
  'agreementMediators', 'agreementRecorder',
  'oralReachedDate', 'oralPlace', 'oralSummary', 'oralClauses', 'oralPerformance', 'oralMediators', 'oralRegistrar',
  'oralRegisteredDate',
  'followUpParties', 'followUpAgreementNumber', 'followUpTime', 'followUpMethod', 'followUpSituation', 'followUpVisitors',
  'followUpDate',
  'terminationReason', 'terminationRoutes', 'terminationDate',
  'courtName', 'confirmationDate', 'confirmationDue',
  'fileTitle', 'fileNumber', 'fileMediators', 'fileMediationFrom', 'fileMediationTo', 'fileCompiler', 'fileCompiledDate',
  'fileRetention', 'fileNote', 'filePages', 'fileChecker', 'fileCheckedDate',
] as const satisfies readonly ScalarField[];
export const LIST_FIELDS = ['requests', 'attorneyPowers', 'agreementClauses', 'confirmationAttachments'] as const satisfies readonly ListField[];
export const STATEMENT_LIST_FIELDS = ['invStatements', 'sessionStatements'] as const satisfies readonly StatementListField[];
export const TABLE_FIELDS = ['fileContents'] as const satisfies readonly TableField[];
export const PARTY_LIST_FIELDS = [
  'applicants', 'respondents', 'thirdParties', 'allParties', 'poaPrincipal', 'poaAgent', 'invSubjects', 'sessionParties',
  'sessionAttendees', 'confirmationApplicants', 'agreementStaff',
] as const satisfies readonly PartyListField[];
export const FLAG_FIELDS = [
  'isOralApplication', 'isAccepted', 'isRefused', 'isTransferred', 'hasThirdParties', 'hasCenterAddress', 'isSpecialAuthority',
  'hasPoaMatters', 'hasAgreementResponsibility', 'hasPerformancePlace', 'hasAgreementBreach', 'hasTerminationRoutes', 'hasFileNote',
  'hasSessionOutcome',
] as const satisfies readonly FlagField[];
export const SIGNER_LIST_FIELDS = ['sessionSigners', 'invSigners'] as const satisfies readonly SignerListField[];

// ---------------------------------------------------------------------------------------------------------------
// Blocks
// ---------------------------------------------------------------------------------------------------------------

/**
 * Literal text; `{field}` is replaced by the value of a text field (ScalarField). The result is printed as is:
 * PDF text is not markup, so nothing needs escaping and nothing in the data can change the layout.
 */
export type Text = string;

/** A block is printed only when `when` is true and `unless` is false. */
export interface Condition {
  when?: FlagField;
  unless?: FlagField;
}

export type Align = 'left' | 'center' | 'right';

export type Block = Condition &
  (
    | {
        /** Centered 2号 bold title; `issuer` (e.g. the committee name) goes on the line above. */
        type: 'title';
        text: Text;
        issuer?: Text;
        /** The text in 小初 (36 pt) instead of 2号, spaced out: the 调解卷宗 of a file cover. */
        large?: boolean;
      }
    | {
        /** Document number, right-aligned under the title. */
        type: 'numberLine';
        text: Text;
      }
    | {
        /** Section heading (bold, flush left). */
        type: 'heading';
        text: Text;
      }
    | {
        /** Body text. `indent`: first line indented two characters (the Chinese paragraph). */
        type: 'paragraph';
        text: Text;
        indent?: boolean;
        align?: Align;
        bold?: boolean;
      }
    | {
        /** One block per party of `source` (and its agents), label in a column: 申请人：张建国 性别：男 … */
        type: 'parties';
        source: PartyListField;
        /** Details every printed party must have; missing ones are reported as 申请人李秀兰的联系方式. */
        require?: PartyDetail[];
        /**
         * Each party as one running description after its label (申请人：张建国，男，汉族，1968年3月15日出生，…) — the
         * `line` of the entry — instead of labelled lines: the compact form of filled-in agreements and applications.
         */
        prose?: boolean;
      }
    | {
        /** A numbered list (1. 2. 3.) of the items of a list field. */
        type: 'numberedList';
        field: ListField;
      }
    | {
        /** A bordered form table. `widths` are relative column widths; every row spans them all. */
        type: 'formTable';
        widths: number[];
        rows: FormRow[];
      }
    | {
        /**
         * A signature row for every party of `source`: label, a line to sign on and, for natural persons, a
         * fingerprint box （指印）; organisations get a seal note instead. `label` may use {role} and {name}.
         */
        type: 'signatures';
        source: PartyListField;
        personLabel: Text;
        organizationLabel: Text;
        /**
         * When set, each party's agents sign right after it, with this label ({role} 委托代理人, {name}); agents get no
         * fingerprint box. When not set, agents do not sign here.
         */
        agentLabel?: Text;
        /** false: no fingerprint box for natural persons either (参加人, 受托人). Default true. */
        fingerprint?: boolean;
        /** Print a handwritten-date blank (    年  月  日) on each row. */
        date?: boolean;
      }
    | {
        /**
         * The statements of a record, in order, one paragraph each: the speaker in bold, a colon, what was said
         * (调解员问：…… / 申请人张建国答：……). Further paragraphs of a statement are indented.
         */
        type: 'statements';
        field: StatementListField;
      }
    | {
        /**
         * A ruled table with a header row (repeated on every page) and one row per item of a table field, e.g. the
         * 卷内目录. `minRows`: empty ruled rows are added up to this count (room to add entries by hand).
         */
        type: 'listTable';
        field: TableField;
        columns: { label: Text; width: number; align?: Align }[];
        minRows?: number;
      }
    | {
        /**
         * Labelled lines (时　　间：…, 卷　　名：…): the labels in a column, each value wrapping under itself.
         * `underline`: a rule under each value, as on a file cover.
         */
        type: 'fields';
        items: FieldItem[];
        underline?: boolean;
      }
    | {
        /** A single signature line, e.g. 登记人（签名）. */
        type: 'signatureLine';
        label: Text;
        fingerprint?: boolean;
        date?: boolean;
      }
    | {
        /** A date right-aligned with four characters of space to the right (GB/T 9704). */
        type: 'dateLine';
        text: Text;
      }
    | {
        /**
         * Issuer name and date, with room above for the seal, which is stamped over them. Must sit at the end of a
         * `keep` group that starts with text, so the seal never stands alone on a page.
         */
        type: 'sealArea';
        issuer: Text;
        date: Text;
        /** The mark printed after the issuer, e.g. （印章）. */
        sealMark?: string;
      }
    | {
        /**
         * Keeps its blocks on one page when they fit: if the last line would fall on a later page than the first, the
         * group starts on a new page instead. Longer groups flow on (nothing is ever cut).
         */
        type: 'keep';
        blocks: Block[];
      }
    | {
        /** Small print, e.g. 注：此表由人民调解委员会填写。 */
        type: 'note';
        text: Text;
      }
    | { type: 'spacer'; lines?: number }
    | { type: 'pageBreak' }
  );

/** One labelled line of a `fields` block; left out when its condition is false. */
export type FieldItem = Condition & { label: Text; text: Text };

export type FormCell =
  | { label: Text; span?: number }
  | {
      text: Text;
      span?: number;
      align?: Align;
      /** Indent the first line of each paragraph (long free text such as the summary). */
      indent?: boolean;
    };

export type FormRow = Condition &
  (
    | { cells: FormCell[]; /** Minimum height in lines (room to write by hand). */ minLines?: number }
    | {
        /** Rows describing every party of `source` and, after each, its agents. Spans the whole table. */
        parties: PartyListField;
        require?: PartyDetail[];
      }
    | {
        /** A full-width row with the seal area at its bottom right (issuer + date), e.g. 人民调解委员会（印章）. */
        seal: { issuer: Text; date: Text; sealMark?: string };
      }
  );

/** One form. `version` increases whenever the layout or wording changes; issued documents record it. */
export interface TemplateDefinition {
  key: DocumentTemplateKey;
  version: number;
  title: string;
  /** 'normal': 3号 (16pt) body; 'compact': 15pt body for long texts. Tables are always 小四 (12pt). */
  density?: 'normal' | 'compact';
  /** false: no page numbers (a file's cover and back cover). Default true. */
  pageNumbers?: boolean;
  /**
   * Everyone of `source` signs every page (a record runs to several pages, and each page must be shown to be the one
   * they read): a grid of signature lines, with fingerprint boxes where the entry asks for one, in the footer of every
   * page above the page number. The bottom margin grows with the number of signers; the signatures at the end stay.
   */
  pageSigners?: { source: SignerListField };
  /**
   * Fields that must have a value. A field used only inside a block that is switched off is not needed then.
   * Every field a block uses must be listed here or in `optional`.
   */
  requires: DocField[];
  /** Fields printed when known and left blank (to be filled by hand) or omitted otherwise. */
  optional: DocField[];
  blocks: Block[];
}
