import type { TemplateDefinition } from '../electron/main/documents/model';

/**
 * 人民调解口头协议登记表 (domain.md §1.3 j; filled like the written agreement): the parties, 纠纷简要情况, what was
 * agreed orally, how and when it is performed (often 当场履行完毕), and that an oral agreement takes effect on the day
 * the parties reach it (人民调解法 art. 30). Signed by the parties, the mediator and the registrar; committee seal.
 */
const GRID = [38, 61, 48, 48, 26, 49, 49, 87];

export const oralAgreement: TemplateDefinition = {
  key: 'oral-agreement',
  version: 1,
  title: '人民调解口头协议登记表',
  requires: [
    'committeeName', 'caseNumber', 'allParties', 'oralRegisteredDate', 'oralReachedDate', 'oralPlace', 'oralSummary', 'oralClauses', 'oralPerformance',
    'oralMediators', 'oralRegistrar',
  ],
  optional: [],
  blocks: [
    { type: 'title', text: '人民调解口头协议登记表' },
    { type: 'numberLine', text: '编号：{caseNumber}' },
    {
      type: 'formTable',
      widths: GRID,
      rows: [
        { cells: [{ label: '达成日期', span: 2 }, { text: '{oralReachedDate}', span: 2 }, { label: '登记日期', span: 2 }, { text: '{oralRegisteredDate}', span: 2 }] },
        { cells: [{ label: '调解地点', span: 2 }, { text: '{oralPlace}', span: 6 }] },
        { parties: 'allParties', require: ['name', 'gender', 'age', 'idNumber', 'phone', 'address', 'usccCode', 'legalRepresentative'] },
        { cells: [{ label: '纠纷简要情况', span: 2 }, { text: '{oralSummary}', span: 6, indent: true }], minLines: 4 },
        { cells: [{ label: '口头协议内容', span: 2 }, { text: '{oralClauses}', span: 6 }], minLines: 4 },
        { cells: [{ label: '履行方式、时限', span: 2 }, { text: '{oralPerformance}', span: 6 }], minLines: 2 },
        {
          cells: [
            { label: '协议效力', span: 2 },
            { text: '本口头协议自各方当事人达成之日（{oralReachedDate}）起生效，具有法律约束力，当事人应当按照约定履行（《中华人民共和国人民调解法》第三十条、第三十一条）。', span: 6 },
          ],
        },
      ],
    },
    {
      type: 'keep',
      blocks: [
        {
          type: 'formTable',
          widths: GRID,
          rows: [
            { cells: [{ label: '当事人（签名或按指印）', span: 2 }, { text: '', span: 6 }], minLines: 4 },
            { cells: [{ label: '人民调解员', span: 2 }, { text: '{oralMediators}', span: 3, align: 'center' }, { label: '登记人', span: 2 }, { text: '{oralRegistrar}', align: 'center' }] },
            { cells: [{ label: '人民调解员（签名）', span: 2 }, { text: '', span: 3 }, { label: '登记人（签名）', span: 2 }, { text: '' }], minLines: 2 },
            { seal: { issuer: '{committeeName}', sealMark: '（印章）', date: '{oralRegisteredDate}' } },
          ],
        },
        { type: 'note', text: '注：此表由人民调解员根据当事人达成的口头协议填写，经当事人确认后签名或者按指印。' },
      ],
    },
  ],
};
