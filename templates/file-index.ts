import type { TemplateDefinition } from '../electron/main/documents/model';

/**
 * 卷内目录 (domain.md §1.2, §1.3 b): 序号 | 文书名称 | 页号 | 备注, one row per document in binding order, with ruled
 * rows to spare for material added by hand.
 */
export const fileIndex: TemplateDefinition = {
  key: 'file-index',
  version: 1,
  title: '卷内目录',
  requires: ['fileNumber', 'fileContents'],
  optional: [],
  blocks: [
    { type: 'title', text: '卷内目录' },
    { type: 'numberLine', text: '卷号：{fileNumber}' },
    {
      type: 'listTable',
      field: 'fileContents',
      columns: [
        { label: '序号', width: 1, align: 'center' },
        { label: '文书名称', width: 6 },
        { label: '页号', width: 1.6, align: 'center' },
        { label: '备注', width: 2.4 },
      ],
      minRows: 14,
    },
  ],
};
