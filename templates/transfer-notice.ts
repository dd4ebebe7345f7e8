import type { TemplateDefinition } from '../electron/main/documents/model';

/**
 * 矛盾纠纷转办告知书 (domain.md §4.3 "分流转办 → 跟踪督办 → 办结反馈"): to all parties — the dispute was handed to
 * <body>, which must report back by the reply date; the center tracks it (跟踪督办); contact phone. Issued only for
 * transferred cases.
 */
export const transferNotice: TemplateDefinition = {
  key: 'transfer-notice',
  version: 1,
  title: '矛盾纠纷转办告知书',
  requires: [
    'centerName', 'centerPhone', 'caseNumber', 'partyNames', 'disputeType', 'disputeSubType', 'registeredDate', 'transferBody',
    'decisionDate', 'transferReplyDue', 'issueDate',
  ],
  optional: [],
  blocks: [
    { type: 'title', issuer: '{centerName}', text: '矛盾纠纷转办告知书' },
    { type: 'numberLine', text: '{caseNumber}' },
    { type: 'paragraph', text: '{partyNames}：' },
    {
      type: 'paragraph',
      indent: true,
      text: '你（们）之间的{disputeType}（{disputeSubType}），本中心于{registeredDate}登记。经研判，该纠纷宜由{transferBody}依法处理。本中心已于{decisionDate}将该纠纷转交{transferBody}办理，并要求其于{transferReplyDue}前将办理情况反馈本中心。',
    },
    {
      type: 'paragraph',
      indent: true,
      text: '本中心将对该纠纷的办理情况进行跟踪督办。你（们）可以直接向{transferBody}了解办理进展；如有疑问或者对办理情况有意见，请与本中心联系，联系电话：{centerPhone}。',
    },
    { type: 'paragraph', indent: true, text: '转办不影响你（们）依法通过仲裁、行政、司法等途径维护自己的权利。' },
    {
      type: 'keep',
      blocks: [
        { type: 'paragraph', indent: true, text: '特此告知。' },
        { type: 'sealArea', issuer: '{centerName}', date: '{issueDate}' },
      ],
    },
  ],
};
