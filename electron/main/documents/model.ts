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
}

/** Lists of text items (numbered on the form). */
export interface DocumentLists {
  /** 申请事项: every applicant's requests, one per item. */
  requests: string[];
}

/** Parties as printed, with their agents. */
export interface DocumentParties {
  applicants: PartyEntry[];
  respondents: PartyEntry[];
  thirdParties: PartyEntry[];
  /** applicants, respondents, third parties in that order */
  allParties: PartyEntry[];
}

/** Yes/no facts that switch blocks on or off. */
export interface DocumentFlags {
  isOralApplication: boolean;
  isAccepted: boolean;
  isRefused: boolean;
  isTransferred: boolean;
  hasThirdParties: boolean;
  hasCenterAddress: boolean;
}

export type DocumentData = DocumentScalars & DocumentLists & DocumentParties & DocumentFlags;

export type ScalarField = keyof DocumentScalars;
export type ListField = keyof DocumentLists;
export type PartyListField = keyof DocumentParties;
export type FlagField = keyof DocumentFlags;
export type DocField = keyof DocumentData;

/** One party (or agent) formatted for print. Every value is display text; empty when not known. */
export interface PartyEntry {
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
  /** The whole description on one line (partyLine / agentLine). */
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
  requests: '申请事项',
  applicants: '申请人',
  respondents: '被申请人',
  thirdParties: '第三人',
  allParties: '当事人',
  isOralApplication: '申请方式',
  isAccepted: '受理情况',
  isRefused: '不予受理决定',
  isTransferred: '转办决定',
  hasThirdParties: '第三人',
  hasCenterAddress: '中心地址',
};

export const SCALAR_FIELDS = [
  'caseNumber', 'committeeName', 'centerName', 'centerPhone', 'centerAddress', 'disputeType', 'disputeTypeShort',
  'disputeSubType', 'caseSource', 'applicationForm', 'summary', 'occurredOn', 'occurredPlace', 'amount',
  'peopleInvolved', 'riskLevel', 'complexity', 'escalation', 'registeredDate', 'registeredBy', 'applicantNames',
  'respondentNames', 'thirdPartyNames', 'partyNames', 'acceptedDate', 'mediators', 'room', 'mediationDue',
  'refusalGround', 'referTo', 'transferBody', 'transferReplyDue', 'decisionDate', 'decisionNote', 'issueDate',
  'issueDateCapital',
] as const satisfies readonly ScalarField[];
export const LIST_FIELDS = ['requests'] as const satisfies readonly ListField[];
export const PARTY_LIST_FIELDS = ['applicants', 'respondents', 'thirdParties', 'allParties'] as const satisfies readonly PartyListField[];
export const FLAG_FIELDS = ['isOralApplication', 'isAccepted', 'isRefused', 'isTransferred', 'hasThirdParties', 'hasCenterAddress'] as const satisfies readonly FlagField[];

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
        /** Print a handwritten-date blank (    年  月  日) on each row. */
        date?: boolean;
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
  /**
   * Fields that must have a value. A field used only inside a block that is switched off is not needed then.
   * Every field a block uses must be listed here or in `optional`.
   */
  requires: DocField[];
  /** Fields printed when known and left blank (to be filled by hand) or omitted otherwise. */
  optional: DocField[];
  blocks: Block[];
}
