import type { TemplateDefinition } from '../electron/main/documents/model';

/**
 * 终止调解告知书 (domain.md §1.3 m, §2.2 art. 26, §2.3 rule 5): to every party — the dispute, when it was accepted,
 * why mediation ends, and the routes that stay open (仲裁、行政、司法, 人民调解法 arts. 3 and 26), with any specific
 * advice; sealed; then a receipt row per party, so that the notice is on record.
 */
export const terminationNotice: TemplateDefinition = {
  key: 'termination-notice',
  version: 1,
  title: '终止调解告知书',
  requires: ['committeeName', 'caseNumber', 'partyNames', 'allParties', 'disputeType', 'disputeSubType', 'acceptedDate', 'terminationReason', 'terminationDate'],
  optional: ['terminationRoutes'],
  blocks: [
    { type: 'title', issuer: '{committeeName}', text: '终止调解告知书' },
    { type: 'numberLine', text: '{caseNumber}' },
    { type: 'paragraph', text: '{partyNames}：' },
    {
      type: 'paragraph',
      indent: true,
      text: '你（们）之间的{disputeType}（{disputeSubType}），本委员会于{acceptedDate}受理调解。因{terminationReason}，依照《中华人民共和国人民调解法》第二十六条的规定，本委员会决定终止调解。',
    },
    {
      type: 'paragraph',
      indent: true,
      text: '调解终止后，你（们）可以依法通过仲裁、行政、司法等途径维护自己的权利：属于仲裁范围的，可以依法申请仲裁；属于行政机关职责范围的，可以请求有关行政机关处理；也可以依法向人民法院提起诉讼。',
    },
    { type: 'paragraph', indent: true, when: 'hasTerminationRoutes', text: '{terminationRoutes}' },
    {
      type: 'keep',
      blocks: [
        { type: 'paragraph', indent: true, text: '特此告知。' },
        { type: 'sealArea', issuer: '{committeeName}', date: '{terminationDate}' },
      ],
    },
    {
      type: 'keep',
      blocks: [
        { type: 'heading', text: '当事人签收' },
        { type: 'paragraph', indent: true, text: '本人（本单位）已收到本告知书。' },
        {
          type: 'signatures',
          source: 'allParties',
          personLabel: '{role}{name}（签名或按指印）：',
          organizationLabel: '{role}{name}（盖章）\n法定代表人或委托代理人（签名）：',
          date: true,
        },
      ],
    },
  ],
};
