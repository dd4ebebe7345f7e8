import type { TemplateDefinition } from '../electron/main/documents/model';

/**
 * 人民调解回访记录 (domain.md §1.3 k): the party visited, the agreement's number (= the 协议书 编号), 回访事由 (the
 * dispute's name), time and manner of the visit, 回访情况 (performance, satisfaction, any suit over performance, risks,
 * measures), the visitor's signature and the committee seal with the date.
 */
const GRID = [2, 3, 2, 3];

export const followUp: TemplateDefinition = {
  key: 'follow-up',
  version: 1,
  title: '人民调解回访记录',
  requires: ['committeeName', 'caseNumber', 'caseTitle', 'followUpParties', 'followUpAgreementNumber', 'followUpTime', 'followUpMethod', 'followUpSituation', 'followUpVisitors', 'followUpDate'],
  optional: [],
  blocks: [
    { type: 'title', issuer: '{committeeName}', text: '人民调解回访记录' },
    { type: 'numberLine', text: '{caseNumber}' },
    {
      type: 'formTable',
      widths: GRID,
      rows: [
        { cells: [{ label: '当事人' }, { text: '{followUpParties}', span: 3 }] },
        { cells: [{ label: '调解协议编号' }, { text: '{followUpAgreementNumber}', span: 3 }] },
        { cells: [{ label: '回访事由' }, { text: '{caseTitle}调解协议履行情况回访', span: 3 }] },
        { cells: [{ label: '回访时间' }, { text: '{followUpTime}', span: 3 }] },
        { cells: [{ label: '回访方式' }, { text: '{followUpMethod}', span: 3 }] },
        { cells: [{ label: '回访情况' }, { text: '{followUpSituation}', span: 3, indent: true }], minLines: 6 },
      ],
    },
    {
      type: 'keep',
      blocks: [
        {
          type: 'formTable',
          widths: GRID,
          rows: [
            { cells: [{ label: '回访人' }, { text: '{followUpVisitors}', align: 'center' }, { label: '回访人（签名）' }, { text: '' }], minLines: 2 },
            { seal: { issuer: '{committeeName}', sealMark: '（印章）', date: '{followUpDate}' } },
          ],
        },
        { type: 'note', text: '注：回访情况应当记明协议履行情况、当事人对调解结果的满意程度、是否因履行协议发生诉讼及其结果、纠纷隐患和采取的措施。' },
      ],
    },
  ],
};
