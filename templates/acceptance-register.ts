import type { TemplateDefinition } from '../electron/main/documents/model';

/**
 * 人民调解受理登记表 (domain.md §1.3 d): a bordered form on an 8-column grid. Party rows (every party, each followed by
 * its agents) use the grid's fixed layout; the other rows are declared here. Accepted cases also show the 受理意见,
 * mediators, room and deadline. Ends with signatures, the committee seal and the printed note.
 */
const GRID = [38, 61, 48, 48, 26, 49, 49, 87];

export const acceptanceRegister: TemplateDefinition = {
  key: 'acceptance-register',
  version: 2,
  title: '人民调解受理登记表',
  requires: [
    'committeeName', 'caseNumber', 'registeredDate', 'applicantNames', 'respondentNames', 'disputeTypeShort', 'disputeType',
    'disputeSubType', 'caseSource', 'applicationForm', 'allParties', 'amount', 'peopleInvolved', 'riskLevel', 'complexity',
    'escalation', 'summary', 'acceptedDate', 'mediationDue',
  ],
  optional: ['occurredOn', 'occurredPlace', 'mediators', 'room'],
  blocks: [
    { type: 'title', text: '人民调解受理登记表' },
    { type: 'numberLine', text: '编号：{caseNumber}' },
    {
      type: 'formTable',
      widths: GRID,
      rows: [
        { cells: [{ label: '登记日期', span: 2 }, { text: '{registeredDate}', span: 2 }, { label: '案件来源', span: 2 }, { text: '{caseSource}', span: 2 }] },
        {
          cells: [
            { label: '登记事由', span: 2 },
            { text: '{registeredDate}，本人民调解委员会经当事人同意，调解{applicantNames}与{respondentNames}之间的{disputeTypeShort}纠纷。', span: 6, indent: true },
          ],
        },
        { cells: [{ label: '纠纷类型', span: 2 }, { text: '{disputeType}', span: 2 }, { label: '纠纷子类型', span: 2 }, { text: '{disputeSubType}', span: 2 }] },
        { parties: 'allParties', require: ['name'] },
        { cells: [{ label: '发生日期', span: 2 }, { text: '{occurredOn}', span: 2 }, { label: '发生地点', span: 2 }, { text: '{occurredPlace}', span: 2 }] },
        { cells: [{ label: '涉及金额', span: 2 }, { text: '{amount}', span: 6 }] },
        { cells: [{ label: '涉及人数', span: 2 }, { text: '{peopleInvolved}', span: 2 }, { label: '申请方式', span: 2 }, { text: '{applicationForm}', span: 2 }] },
        { cells: [{ label: '风险等级', span: 2 }, { text: '{riskLevel}', span: 2 }, { label: '复杂程度', span: 2 }, { text: '{complexity}', span: 2 }] },
        { cells: [{ label: '预警标记', span: 2 }, { text: '{escalation}', span: 6 }] },
        { cells: [{ label: '纠纷简要情况', span: 2 }, { text: '{summary}', span: 6, indent: true }], minLines: 5 },
        // the decision rows flow with the form (each row whole); only the signatures and the seal are kept together
        { when: 'isAccepted', cells: [{ label: '受理意见', span: 2 }, { text: '经审查，该纠纷属于人民调解范围，当事人同意调解，予以受理。', span: 6 }], minLines: 2 },
        { when: 'isAccepted', cells: [{ label: '受理日期', span: 2 }, { text: '{acceptedDate}', span: 2 }, { label: '调解期限', span: 2 }, { text: '{mediationDue}', span: 2 }] },
        { when: 'isAccepted', cells: [{ label: '调解员', span: 2 }, { text: '{mediators}', span: 2 }, { label: '调解室', span: 2 }, { text: '{room}', span: 2 }] },
      ],
    },
    {
      type: 'keep',
      blocks: [
        {
          type: 'formTable',
          widths: GRID,
          rows: [
            { cells: [{ label: '当事人（签名）', span: 2 }, { text: '', span: 3 }, { label: '登记人（签名）', span: 2 }, { text: '', span: 1 }], minLines: 3 },
            { seal: { issuer: '{committeeName}', sealMark: '（印章）', date: '{registeredDate}' } },
          ],
        },
        { type: 'note', text: '注：此表由人民调解委员会填写。' },
      ],
    },
  ],
};
