/**
 * 数据完整性凭证, printed: one A4 page to file in the paper register, so that the root of a checkpoint exists somewhere
 * the computer cannot change. Set like the forms (render-pdf.ts: GB/T 9704 margins, Noto Serif SC embedded), with the
 * root in 16 groups of 4 hex digits laid out in a grid, which a person can read aloud and type back. Smaller top and
 * bottom margins than the forms, so that the register lines stay on the same single page.
 */
import { CHECKPOINT_REASONS } from '../../shared/domain/checkpoint';
import { formatDateTimeCn } from '../../shared/format/dates';
import type { CheckpointSummary } from '../../shared/ipc/contract';
import { FONT_FAMILY, pdfmakeWithFonts } from './fonts';
import { PAGE_MARGINS, SIZES } from './render-pdf';

type Node = Record<string, unknown>;

const MM = 72 / 25.4;
/** The forms' binding and right margins; a register sheet needs less above and below to stay on one page. */
const MARGINS = [PAGE_MARGINS[0], 25 * MM, PAGE_MARGINS[2], 20 * MM] as const;

export interface CheckpointPdfInput {
  centerName: string;
  committeeName: string;
  checkpoint: CheckpointSummary;
}

const groups = (hex: string) => hex.match(/.{1,4}/g) ?? [];
const short = (hex: string) => groups(hex.slice(0, 16)).join(' ');

const ROW_PADDING = 4;
const ruled = {
  hLineWidth: (i: number, node: { table: { body: unknown[] } }) => (i === 0 || i === node.table.body.length ? 1.2 : 0.5),
  vLineWidth: (i: number, node: { table: { widths: unknown[] } }) => (i === 0 || i === node.table.widths.length ? 1.2 : 0.5),
  paddingLeft: () => 6,
  paddingRight: () => 6,
  paddingTop: () => ROW_PADDING,
  paddingBottom: () => ROW_PADDING,
};

/** The root as a 4 × 4 grid of groups: columns line up whatever the digits' widths. */
function rootGrid(root: string): Node {
  const g = groups(root);
  const rows = [0, 1, 2, 3].map((r) => g.slice(r * 4, r * 4 + 4).map((text) => ({ text, alignment: 'center' })));
  return {
    table: { widths: ['*', '*', '*', '*'], body: rows },
    layout: { hLineWidth: () => 0, vLineWidth: () => 0, paddingLeft: () => 0, paddingRight: () => 0, paddingTop: () => 1, paddingBottom: () => 1 },
    fontSize: 15,
    bold: true,
  };
}

export function checkpointDocDefinition({ centerName, committeeName, checkpoint: c }: CheckpointPdfInput): Node {
  const label = (text: string) => ({ text, bold: true, alignment: 'center', verticalAlignment: 'middle' });
  const scope = c.full ? '签署时逐一读回全部办理记录核对' : '签署时核对了自上一份凭证以来有变动的办理记录';
  const body = [
    [label('凭证编号'), { text: `第 ${c.number} 号`, bold: true }],
    [label('签署时间'), `${formatDateTimeCn(c.at)}（北京时间）`],
    [label('签署原因'), CHECKPOINT_REASONS[c.reason]],
    [label('签 署 人'), c.by.name],
    [label('涵盖范围'), `${c.chainCount} 件案件的办理记录（审计链）及工作站日志；${scope}`],
    [label('根    值'), { stack: [rootGrid(c.root), { text: 'SHA-256，共64位，每4位一组', fontSize: 9, color: '#555555', alignment: 'center', margin: [0, 4, 0, 0] }] }],
    [label('上一凭证根值'), c.previousRoot ? `${short(c.previousRoot)}（前16位）` : '无（本中心第一份凭证）'],
    [label('签名证书指纹'), `${short(c.certificateSha256)}（SHA-256前16位）`],
  ];
  const content: Node[] = [
    { text: '数据完整性凭证', fontSize: SIZES.title, bold: true, alignment: 'center', margin: [0, 0, 0, 6] },
    { text: centerName, fontSize: SIZES.body.compact, alignment: 'center', margin: [0, 0, 0, 18] },
    {
      table: { widths: [96, '*'], body, dontBreakRows: true },
      layout: ruled,
      fontSize: SIZES.table,
      lineHeight: 1.2,
    },
    {
      text: [
        { text: '核对方法：', bold: true },
        '在调解工作台“人员与设置”或“文书核验”页的“完整性凭证”中点击“核对纸质凭证”，输入本凭证编号和上方根值（可含空格）。显示“一致”，说明本凭证签署时已有的全部办理记录此后未被删改；显示不一致或查无此号，应立即报告中心负责人。',
      ],
      fontSize: SIZES.table,
      lineHeight: 1.45,
      margin: [0, 16, 0, 0],
    },
    {
      text: `本凭证由${committeeName || centerName}的签名证书签署，与电子凭证一并保存；纸质凭证请按编号登记、归档，不得涂改。`,
      fontSize: SIZES.table,
      lineHeight: 1.45,
      margin: [0, 6, 0, 0],
    },
    {
      columns: [
        { text: '登记人：＿＿＿＿＿＿＿＿＿＿', width: '*' },
        { text: '登记日期：＿＿＿＿年＿＿月＿＿日', width: 'auto' },
      ],
      fontSize: SIZES.table + 1,
      margin: [0, 40, 0, 0],
    },
  ];
  return {
    pageSize: 'A4',
    pageMargins: [...MARGINS],
    language: 'zh-CN',
    info: {
      title: `数据完整性凭证 第${c.number}号`,
      author: committeeName || centerName,
      subject: `数据完整性凭证 第${c.number}号 ${centerName}`,
      creator: '调解工作台',
      producer: '调解工作台（pdfmake）',
      creationDate: new Date(c.at),
    },
    defaultStyle: { font: FONT_FAMILY, fontSize: SIZES.table, lineHeight: 1.2 },
    content,
  };
}

export function renderCheckpointPdf(input: CheckpointPdfInput): Promise<Buffer> {
  return pdfmakeWithFonts().createPdf(checkpointDocDefinition(input)).getBuffer();
}
