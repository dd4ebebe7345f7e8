import type { TemplateDefinition } from '../electron/main/documents/model';

/**
 * 卷宗封底 with the 卷内备考表 (domain.md §1.3 o): 本卷共__页, an explanation of the file (卷宗情况说明), 立卷人 and
 * 检查人 with their dates and signatures.
 */
const GRID = [2, 3, 2, 3];

export const fileBackCover: TemplateDefinition = {
  key: 'file-back-cover',
  version: 1,
  title: '卷宗封底',
  requires: ['fileNumber', 'fileTitle', 'filePages', 'fileCompiler', 'fileCompiledDate'],
  optional: ['fileNote', 'fileChecker', 'fileCheckedDate'],
  pageNumbers: false,
  blocks: [
    { type: 'title', text: '卷内备考表' },
    { type: 'numberLine', text: '卷号：{fileNumber}' },
    {
      type: 'formTable',
      widths: GRID,
      rows: [
        { cells: [{ label: '卷名' }, { text: '{fileTitle}', span: 3 }] },
        { cells: [{ label: '本卷页数' }, { text: '本卷共{filePages}页（不含封面、卷内目录和封底）', span: 3 }] },
        { cells: [{ label: '本卷情况说明' }, { text: '{fileNote}', span: 3, indent: true }], minLines: 14 },
        { cells: [{ label: '立卷人' }, { text: '{fileCompiler}', align: 'center' }, { label: '立卷日期' }, { text: '{fileCompiledDate}', align: 'center' }] },
        { cells: [{ label: '立卷人（签名）' }, { text: '' }, { label: '检查人（签名）' }, { text: '' }], minLines: 2 },
        { cells: [{ label: '检查人' }, { text: '{fileChecker}', align: 'center' }, { label: '检查日期' }, { text: '{fileCheckedDate}', align: 'center' }] },
      ],
    },
  ],
};
