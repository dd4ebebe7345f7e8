import type { TemplateDefinition } from '../electron/main/documents/model';

/**
 * 不予受理告知书 (domain.md §2.5): to the applicants — the dispute, the legal ground, where to go instead, and that
 * arbitration, administrative and judicial routes stay open (人民调解法 art. 3). Issued only for refused cases.
 */
export const refusalNotice: TemplateDefinition = {
  key: 'refusal-notice',
  version: 1,
  title: '不予受理告知书',
  requires: [
    'committeeName', 'caseNumber', 'applicantNames', 'respondentNames', 'disputeType', 'disputeSubType', 'registeredDate',
    'refusalGround', 'referTo', 'issueDate',
  ],
  optional: [],
  blocks: [
    { type: 'title', issuer: '{committeeName}', text: '不予受理告知书' },
    { type: 'numberLine', text: '{caseNumber}' },
    { type: 'paragraph', text: '{applicantNames}：' },
    {
      type: 'paragraph',
      indent: true,
      text: '你（们）与{respondentNames}之间的{disputeType}（{disputeSubType}），本委员会于{registeredDate}登记。经审查，该纠纷属于“{refusalGround}”的情形，依照《中华人民共和国人民调解法》和《人民调解工作若干规定》的有关规定，本委员会决定不予受理。',
    },
    { type: 'paragraph', indent: true, text: '你（们）可以向{referTo}反映或者申请处理，也可以依法通过仲裁、行政、司法等途径维护自己的权利。' },
    {
      type: 'keep',
      blocks: [
        { type: 'paragraph', indent: true, text: '特此告知。' },
        { type: 'sealArea', issuer: '{committeeName}', date: '{issueDate}' },
      ],
    },
  ],
};
