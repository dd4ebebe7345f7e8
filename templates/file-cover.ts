import type { TemplateDefinition } from '../electron/main/documents/model';

/**
 * 卷宗封面 (domain.md §1.3 a): the committee, 调解卷宗, then 卷名, 卷号 （YYYY）X人调字第N号, 人民调解员, 调解日期 起止,
 * 立卷人, 立卷日期, 保管期限 (永久/长期/短期) and 备注 on ruled lines.
 */
export const fileCover: TemplateDefinition = {
  key: 'file-cover',
  version: 1,
  title: '卷宗封面',
  requires: ['committeeName', 'fileTitle', 'fileNumber', 'fileMediators', 'fileMediationFrom', 'fileMediationTo', 'fileCompiler', 'fileCompiledDate', 'fileRetention'],
  optional: ['fileNote'],
  pageNumbers: false,
  blocks: [
    { type: 'spacer', lines: 2 },
    { type: 'title', issuer: '{committeeName}', text: '调解卷宗', large: true },
    { type: 'spacer', lines: 2 },
    {
      type: 'fields',
      underline: true,
      items: [
        { label: '卷　　名　', text: '{fileTitle}' },
        { label: '卷　　号　', text: '{fileNumber}' },
        { label: '人民调解员　', text: '{fileMediators}' },
        { label: '调解日期　', text: '{fileMediationFrom} 至 {fileMediationTo}' },
        { label: '立 卷 人　', text: '{fileCompiler}' },
        { label: '立卷日期　', text: '{fileCompiledDate}' },
        { label: '保管期限　', text: '{fileRetention}' },
        { label: '备　　注　', text: '{fileNote}', when: 'hasFileNote' },
      ],
    },
  ],
};
