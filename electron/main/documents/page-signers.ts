/**
 * The signatures on every page of a record (TemplateDefinition.pageSigners): the geometry both renderers draw in the
 * page footer, so that the PDF and the DOCX put the same grid in the same place and their text blocks end at the
 * same height.
 *
 * A record runs to several pages and everyone present signs each page (a party also puts a fingerprint on it), so
 * that no page can be swapped after signing. The signers stand in a compact grid under a thin rule: up to four to a
 * row, as few rows as possible, the rows filled evenly (5 → 3 + 2, 8 → 4 + 4, 10 → 4 + 4 + 2). Each cell is the
 * signer's label at the top left, room to sign, the line to sign on at the bottom and, for those who put a
 * fingerprint, a box （指印） at its right. The bottom margin of the page grows by the height of the grid; the page
 * number "— n —" stays under it.
 */
import type { DocumentData, SignerEntry, TemplateDefinition } from './model';
import { CONTENT_WIDTH, PAGE_MARGINS, textWidth } from './render-pdf';

const MM = 72 / 25.4;

export const SIGNER_GRID = {
  /** Label size: 五号 (10.5 pt) would leave too little of a 36 mm cell for names; 10 pt still reads as 五号. */
  labelSize: 10,
  /** Line pitch factor as in render-pdf.ts (size × 1.45 × factor): 12.3 pt, so a label may take two lines. */
  labelLineHeight: 0.85,
  /** From the end of the text block to the rule. */
  topGap: 3 * MM,
  /** From the rule to the first row. */
  ruleGap: 1.5 * MM,
  /** A row: a label (one or two lines), about 7 mm to sign in, the line. */
  rowHeight: 15 * MM,
  rowGap: 1.5 * MM,
  /** Between two signers of a row. */
  cellGap: 4 * MM,
  /** The fingerprint box: as tall as the row, a finger's width and a little more. */
  boxWidth: 12 * MM,
  /** From the last row to the page number, the page number's line, and the space under it. */
  numberGap: 3 * MM,
  numberSize: 14,
  bottomSpace: 8 * MM,
  maxPerRow: 4,
} as const;

export interface SignerGrid {
  /** The signers, row by row. */
  rows: SignerEntry[][];
  columns: number;
  /** Width of one signer's cell, box included (pt). */
  cellWidth: number;
  /** The bottom margin of every page (pt): the footer holds the grid and the page number. */
  bottomMargin: number;
}

/** The grid for a list of signers: as few rows of at most four as possible, filled evenly. */
export function signerGrid(signers: readonly SignerEntry[]): SignerGrid {
  const g = SIGNER_GRID;
  const rowCount = Math.max(1, Math.ceil(signers.length / g.maxPerRow));
  const columns = Math.max(1, Math.ceil(signers.length / rowCount));
  const rows: SignerEntry[][] = [];
  for (let i = 0; i < signers.length; i += columns) rows.push(signers.slice(i, i + columns));
  // never wider than a third of the text block: two signers do not stretch across the page
  const cellWidth = (CONTENT_WIDTH - (Math.max(columns, 3) - 1) * g.cellGap) / Math.max(columns, 3);
  const gridHeight = rowCount * g.rowHeight + (rowCount - 1) * g.rowGap;
  const bottomMargin = g.topGap + g.ruleGap + gridHeight + g.numberGap + g.numberSize + g.bottomSpace;
  return { rows, columns, cellWidth, bottomMargin: Math.max(PAGE_MARGINS[3], bottomMargin) };
}

/** The signers a template prints on every page for this data, or null when it prints none. */
export function pageSignersOf(def: TemplateDefinition, data: DocumentData): SignerGrid | null {
  if (!def.pageSigners || def.pageNumbers === false) return null;
  const signers = data[def.pageSigners.source];
  return signers.length > 0 ? signerGrid(signers) : null;
}

/** The bottom margin of the pages of a document (pt). */
export function bottomMarginOf(def: TemplateDefinition, data: DocumentData): number {
  return pageSignersOf(def, data)?.bottomMargin ?? PAGE_MARGINS[3];
}

/** Role words a label may break after: 被申请人 / 法定代表人陈国平 rather than 被申请人法定代表人陈 / 国平. */
const LABEL_BREAK = /^(被申请人|申请人|第三人|委托代理人|调解员兼记录人|调查人兼记录人|被调查人|参加人)(.+)$/;

/** A signer's label as printed in its cell: broken after its role word when it does not fit on one line. */
export function fittedLabel(signer: SignerEntry, grid: SignerGrid): string {
  const width = grid.cellWidth - (signer.fingerprint ? SIGNER_GRID.boxWidth : 0) - 2;
  if (textWidth(signer.label, SIGNER_GRID.labelSize) <= width) return signer.label;
  const m = LABEL_BREAK.exec(signer.label);
  return m ? `${m[1]}\n${m[2]}` : signer.label;
}
