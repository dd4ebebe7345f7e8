/**
 * Blocks → Word document (DOCX) for editing. The same definition and the same data as the PDF (render-pdf.ts), with
 * the same content in the same order: A4 with the GB/T 9704 margins, title 2号 (22 pt) bold in 宋体, body 3号 (16 pt,
 * 15 pt for long texts) in 仿宋, forms in 小四 (12 pt), page numbers "— 1 —" in 4号, odd pages right and even pages
 * left. Fonts are named as Windows has them (SimSun, FangSong; Latin text in Times New Roman): Word and WPS on the
 * center's PCs find them; elsewhere the reader substitutes a Song face.
 *
 * Keeping things together is left to the word processor, with the properties Word and LibreOffice both honour:
 * paragraphs of a `keep` group keep with the next (keepNext) and their lines together (keepLines), table rows keep
 * with the next row and cannot split (cantSplit), so the seal area is never alone on a page. A group too long for
 * one page is not kept (as in the PDF), but a date line or a seal area still keeps with what stands before it.
 * LibreOffice carries keep-with-next from a table to the paragraph after it but not through a chain of tables, so
 * consecutive signature rows are rows of one table. Paragraphs have no widow/orphan control, as in the PDF, so that
 * the pages break where the PDF's do (fonts allowing).
 *
 * Party lines, signature-row geometry and the keep-group height estimate follow render-pdf.ts (which does not export
 * them); the tests compare the text of both renderings character for character.
 *
 * All text goes through TextRun (never raw XML), so markup characters in the data are escaped by the library; C0
 * control characters, which XML cannot carry, are removed first (a tab stays a tab, a line break a line break).
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  HeightRule,
  type IBorderOptions,
  type IFontAttributesProperties,
  type IParagraphOptions,
  type ITableCellBorders,
  type ITableOptions,
  type ITableRowOptions,
  type TableVerticalAlign,
  LineRuleType,
  Packer,
  PageBreak,
  PageNumber,
  Paragraph,
  Tab,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlignTable,
  WidthType,
} from 'docx';
import { isActive } from './check';
import { estimateHeight } from './estimate';
import { partyGridRows, partyLines, roleLabel } from './party-lines';
import type { Align, Block, DocumentData, FormCell, PartyEntry, TemplateDefinition } from './model';
import { SIGNER_GRID, type SignerGrid, fittedLabel, pageSignersOf } from './page-signers';
import { CONTENT_WIDTH, PAGE_MARGINS, SIZES, fill, pageInnerHeight, signatureEntries, textWidth } from './render-pdf';

// ---------------------------------------------------------------------------------------------------------------
// Units, fonts, sizes
// ---------------------------------------------------------------------------------------------------------------

/** Twips (1/20 pt) from points. */
const tw = (pt: number) => Math.round(pt * 20);
const MM = 72 / 25.4;

/** Windows font names (宋体, 仿宋) for Chinese, Times New Roman for Latin letters and digits. */
export const DOCX_FONTS = {
  latin: 'Times New Roman',
  title: 'SimSun',
  body: 'FangSong',
} as const;
const font = (eastAsia: string): IFontAttributesProperties => ({ ascii: DOCX_FONTS.latin, hAnsi: DOCX_FONTS.latin, cs: DOCX_FONTS.latin, eastAsia });
const BODY_FONT = font(DOCX_FONTS.body);
const TITLE_FONT = font(DOCX_FONTS.title);

/** Line pitch factors as in render-pdf.ts (line = size × 1.45 × factor ≈ 28 pt at 16 pt). */
const LINE_HEIGHT = 1.2;
const TABLE_LINE_HEIGHT = 1.15;
const TITLE_LINE_HEIGHT = 1.1;
const lineOf = (size: number, factor = LINE_HEIGHT) => size * 1.45 * factor;
/** Exact line spacing (fixed pitch, as GB/T 9704 documents are set). */
const exactLine = (size: number, factor = LINE_HEIGHT) => ({ line: tw(lineOf(size, factor)), lineRule: LineRuleType.EXACT });

const CELL_PADDING = 2;
/** Table cells with more characters than this may be split across pages (as in the PDF). */
const LONG_CELL = 300;
/** The fingerprint box next to a party's signature, as in the PDF: about 2 × 2.5 cm (domain.md §6.2). */
const FINGERPRINT = { width: 18 * MM, height: 22 * MM };
const DATE_BLANK = '\u3000\u3000年\u3000\u3000月\u3000\u3000日';

const OUTER_RULE: IBorderOptions = { style: BorderStyle.SINGLE, size: 10, color: '000000' }; // 1.25 pt
const INNER_RULE: IBorderOptions = { style: BorderStyle.SINGLE, size: 4, color: '000000' }; // 0.5 pt
const NO_RULE: IBorderOptions = { style: BorderStyle.NONE, size: 0, color: 'auto' };
const NO_BORDERS = { top: NO_RULE, bottom: NO_RULE, left: NO_RULE, right: NO_RULE, insideHorizontal: NO_RULE, insideVertical: NO_RULE };
const NO_CELL_BORDERS: ITableCellBorders = { top: NO_RULE, bottom: NO_RULE, left: NO_RULE, right: NO_RULE };
const BOX_RULE: IBorderOptions = { style: BorderStyle.SINGLE, size: 5, color: '555555' };

const ALIGN = { left: AlignmentType.LEFT, center: AlignmentType.CENTER, right: AlignmentType.RIGHT } as const;

// ---------------------------------------------------------------------------------------------------------------
// Text
// ---------------------------------------------------------------------------------------------------------------

/**
 * Text safe for XML: line breaks normalised to \n, every other C0 control character except tab removed, as are the
 * two non-characters XML forbids (U+FFFE, U+FFFF) and unpaired surrogates. Markup characters (<, &, ") stay: TextRun
 * escapes them.
 */
export function cleanText(text: string): string {
  return (
    text
      .replace(/\r\n?/g, '\n')
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
      // half a surrogate pair is no character at all
      .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '')
  );
}

/** The paragraphs of a text, as render-pdf.ts cuts them: one per line, trimmed, empty lines dropped. */
function paragraphs(text: string): string[] {
  return cleanText(text).split('\n').map((l) => l.trim()).filter(Boolean);
}

interface RunStyle {
  size: number;
  bold?: boolean;
  font?: IFontAttributesProperties;
  color?: string;
  /** Extra space after each character, in twips. */
  characterSpacing?: number;
}

/**
 * The runs of a text: one per line, each after the first starting with a line break; tabs become tab elements.
 * Nothing else in the text is interpreted (TextRun escapes markup characters).
 */
function runs(text: string, style: RunStyle): TextRun[] {
  const base = {
    size: style.size * 2,
    ...(style.bold ? { bold: true } : {}),
    font: style.font ?? BODY_FONT,
    ...(style.color ? { color: style.color } : {}),
    ...(style.characterSpacing ? { characterSpacing: style.characterSpacing } : {}),
  };
  return cleanText(text)
    .split('\n')
    .map((line, i) => {
      const children: (string | Tab)[] = [];
      line.split('\t').forEach((piece, j) => {
        if (j > 0) children.push(new Tab());
        if (piece) children.push(piece);
      });
      return new TextRun({ ...base, children, ...(i > 0 ? { break: 1 } : {}) });
    });
}

// ---------------------------------------------------------------------------------------------------------------
// Intermediate items: paragraphs and tables whose keep properties are set once the whole document is laid out
// ---------------------------------------------------------------------------------------------------------------

type Writable<T> = { -readonly [K in keyof T]: T[K] };

/**
 * Every paragraph flows as in the PDF: no widow/orphan control (pdfmake has none, and a paragraph that moves whole to
 * the next page would change the page breaks).
 */
const FLOW = { widowControl: false } as const;
const paragraph = (opts: IParagraphOptions) => new Paragraph({ ...FLOW, ...opts });

interface ParaItem {
  kind: 'p';
  opts: Writable<IParagraphOptions>;
  /** A short node a date line or seal area may be glued to (render-pdf's `_small`). */
  small?: boolean;
  /** A date line or seal area: keeps the node before it with it (render-pdf's `_stick`). */
  stick?: boolean;
}

interface RowSpec {
  opts: Omit<ITableRowOptions, 'keepNext'>;
  keepNext: boolean;
}

interface TableItem {
  kind: 't';
  opts: Omit<ITableOptions, 'rows'>;
  rows: RowSpec[];
  small?: boolean;
  stick?: boolean;
}

/**
 * One borderless row with columns of its own (a signature row, the seal area). Consecutive rows become one table (on
 * the union of their column edges): LibreOffice carries "keep with next" from one table to the next paragraph, but
 * not through a chain of tables, so a signature block and the seal after it must be rows of one table.
 */
interface RowItem {
  kind: 'row';
  /** Column widths in twips (summing to the width of the text block) and each column's cell. */
  widths: number[];
  cells: { children: Paragraph[]; borders?: ITableCellBorders; verticalAlign?: TableVerticalAlign; margins?: { top: number; bottom: number; left: number; right: number } }[];
  height?: ITableRowOptions['height'];
  /** Space above the row when it follows another row of the same table (a spacer row), in points. */
  gapBefore: number;
  keepNext: boolean;
  small?: boolean;
  stick?: boolean;
}

type Item = ParaItem | TableItem | RowItem;

interface Ctx {
  data: DocumentData;
  body: number;
  /** Height of the text block: 225 mm, less where the footer holds signatures on every page (as in the PDF). */
  pageInnerHeight: number;
}

function para(texts: string | TextRun[], style: RunStyle, opts: Writable<IParagraphOptions> = {}): ParaItem {
  const children = typeof texts === 'string' ? runs(texts, style) : texts;
  return { kind: 'p', opts: { ...FLOW, ...opts, children, spacing: { ...exactLine(style.size), ...opts.spacing } } };
}

/** A paragraph inside a table cell (built at once: cells are never re-kept paragraph by paragraph). */
function cellPara(text: string, style: RunStyle, opts: Writable<IParagraphOptions> = {}, factor = TABLE_LINE_HEIGHT): Paragraph {
  return paragraph({ ...opts, children: runs(text, style), spacing: { ...exactLine(style.size, factor), ...opts.spacing } });
}

/** Keeps the whole item with the next item. */
function keepWithNext(item: Item): void {
  if (item.kind === 'p') item.opts.keepNext = true;
  else if (item.kind === 'row') item.keepNext = true;
  else item.rows.forEach((r) => (r.keepNext = true));
}

/** Keeps the item's last line (a paragraph, a table's last row) with the next item. */
function keepEndWithNext(item: Item): void {
  if (item.kind === 'p') item.opts.keepNext = true;
  else if (item.kind === 'row') item.keepNext = true;
  else if (item.rows.length) item.rows[item.rows.length - 1]!.keepNext = true;
}

/** Keeps an item in one piece where it can be: a paragraph's lines, a table's rows (a row never splits anyway). */
function keepInside(item: Item): void {
  if (item.kind === 'p') item.opts.keepLines = true;
  else if (item.kind === 't') item.rows.forEach((r, i) => (r.keepNext = r.keepNext || i < item.rows.length - 1));
}

/** Word merges two tables that touch: a hairline paragraph keeps them apart (and lets them read as one frame). */
function separator(): ParaItem {
  return { kind: 'p', opts: { children: [new TextRun({ text: '', size: 2 })], spacing: { line: 20, lineRule: LineRuleType.EXACT, before: 0, after: 0 } } };
}

// ---------------------------------------------------------------------------------------------------------------
// Parties (the same lines as render-pdf.ts prints)
// ---------------------------------------------------------------------------------------------------------------

/** Every party of a list followed by its agents. */
function withAgents(entries: PartyEntry[]): PartyEntry[] {
  const rows: PartyEntry[] = [];
  const add = (p: PartyEntry) => {
    rows.push(p);
    p.agents.forEach(add);
  };
  entries.forEach(add);
  return rows;
}

/**
 * A borderless two-column table: the role in the first column, the party's lines in the second; rows never split.
 * `prose`: one paragraph per party or agent instead (申请人：张建国，男，汉族，……), as in legal documents.
 */
function partiesBlock(entries: PartyEntry[], ctx: Ctx, prose = false): Item[] {
  const rows = withAgents(entries);
  if (rows.length === 0) return [];
  const style = { size: ctx.body };
  if (prose) return rows.map((p) => para(`${p.role}：${p.line}。`, style, { spacing: { after: tw(3) } }));
  const labelWidth = Math.max(...rows.map((p) => textWidth(`${p.role}：`, ctx.body)), ctx.body * 4) + 2;
  const widths = [tw(labelWidth), tw(CONTENT_WIDTH) - tw(labelWidth)];
  return [
    {
      kind: 't',
      opts: {
        width: { size: tw(CONTENT_WIDTH), type: WidthType.DXA },
        columnWidths: widths,
        layout: TableLayoutType.FIXED,
        borders: NO_BORDERS,
        margins: { top: tw(1), bottom: tw(4), left: 0, right: 0, marginUnitType: WidthType.DXA },
      },
      rows: rows.map((p) => ({
        keepNext: false,
        opts: {
          cantSplit: true,
          children: [
            new TableCell({ width: { size: widths[0]!, type: WidthType.DXA }, borders: NO_CELL_BORDERS, children: [cellPara(`${p.role}：`, style, {}, LINE_HEIGHT)] }),
            new TableCell({ width: { size: widths[1]!, type: WidthType.DXA }, borders: NO_CELL_BORDERS, children: partyLines(p).map((line) => cellPara(line, style, {}, LINE_HEIGHT)) }),
          ],
        },
      })),
    },
  ];
}

// ---------------------------------------------------------------------------------------------------------------
// Form tables
// ---------------------------------------------------------------------------------------------------------------

const TABLE_STYLE: RunStyle = { size: SIZES.table };

interface CellSpec {
  paragraphs: Paragraph[];
  span: number;
  rowSpan?: number;
  borders?: ITableCellBorders;
}

function labelCell(text: string, span = 1): CellSpec {
  return { paragraphs: [cellPara(text, TABLE_STYLE, { alignment: AlignmentType.CENTER })], span };
}

function valueCell(text: string, span = 1, align: Align = 'left', indented = false): CellSpec {
  const lines = indented ? paragraphs(text) : [cleanText(text)];
  const ps = lines.length ? lines : [''];
  return {
    paragraphs: ps.map((line) => cellPara(line, TABLE_STYLE, { alignment: ALIGN[align], ...(indented ? { indent: { firstLine: tw(2 * SIZES.table) } } : {}) })),
    span,
  };
}

/** Twips of columns [from, from + span). */
const spanWidth = (widths: number[], from: number, span: number) => widths.slice(from, from + span).reduce((s, w) => s + w, 0);

function tableCells(cells: CellSpec[], widths: number[]): TableCell[] {
  let col = 0;
  return cells.map((c) => {
    const cell = new TableCell({
      children: c.paragraphs,
      width: { size: spanWidth(widths, col, c.span), type: WidthType.DXA },
      verticalAlign: VerticalAlignTable.CENTER,
      ...(c.span > 1 ? { columnSpan: c.span } : {}),
      ...(c.rowSpan && c.rowSpan > 1 ? { rowSpan: c.rowSpan } : {}),
      ...(c.borders ? { borders: c.borders } : {}),
    });
    col += c.span;
    return cell;
  });
}

/** The rows of one party (or agent) on the 8-column party grid, as in render-pdf.ts; the role spans them all. */
function partyRows(p: PartyEntry): CellSpec[][] {
  const rows = partyGridRows<CellSpec>(p, { label: (text) => labelCell(text), value: (text, span, align) => valueCell(text, span, align) });
  // the role cell merged down the party's rows (docx writes the continuation cells of a rowSpan itself)
  return rows.map((r, i) => (i === 0 ? [{ ...labelCell(roleLabel(p.role)), rowSpan: rows.length }, ...r] : r));
}

/** The issuer and date under the seal: date four characters from the right, issuer centred above it (GB/T 9704). */
function sealParagraphs(issuer: string, date: string, width: number, size: number, factor: number): Writable<IParagraphOptions>[] {
  const dateWidth = textWidth(date, size);
  const issuerWidth = textWidth(issuer, size);
  const colWidth = Math.min(width, Math.max(dateWidth, issuerWidth) + size);
  const dateCentre = width - 4 * size - dateWidth / 2;
  const right = Math.max(0, Math.min(width - colWidth, width - dateCentre - colWidth / 2));
  const left = Math.max(0, width - right - colWidth);
  const indent = { left: tw(left), right: tw(right) };
  const style = { size };
  return [
    { ...FLOW, children: runs(issuer, style), alignment: AlignmentType.CENTER, indent, spacing: { ...exactLine(size, factor), before: tw(size * LINE_HEIGHT * 2) } },
    { ...FLOW, children: runs(date, style), alignment: AlignmentType.CENTER, indent, spacing: exactLine(size, factor) },
  ];
}

function formTable(block: Extract<Block, { type: 'formTable' }>, ctx: Ctx): Item[] {
  const total = block.widths.reduce((s, w) => s + w, 0);
  const width = tw(CONTENT_WIDTH);
  const widths = block.widths.map((w) => Math.floor((width * w) / total));
  widths[widths.length - 1]! += width - widths.reduce((s, w) => s + w, 0);
  const n = widths.length;
  const lineH = lineOf(SIZES.table, TABLE_LINE_HEIGHT);
  const rows: RowSpec[] = [];
  for (const row of block.rows) {
    if (!isActive(row, ctx.data)) continue;
    if ('cells' in row) {
      const texts = row.cells.map((c: FormCell) => ('label' in c ? fill(c.label, ctx.data) : fill(c.text, ctx.data)));
      const long = row.cells.some((c, i) => 'text' in c && texts[i]!.length > LONG_CELL);
      const cells = row.cells.map((c, i) => ('label' in c ? labelCell(texts[i]!, c.span ?? 1) : valueCell(texts[i]!, c.span ?? 1, c.align ?? 'left', c.indent ?? false)));
      rows.push({
        keepNext: false,
        opts: {
          cantSplit: !long,
          children: tableCells(cells, widths),
          ...(row.minLines && !long ? { height: { value: tw(row.minLines * lineH + 2 * (CELL_PADDING + 1)), rule: HeightRule.ATLEAST } } : {}),
        },
      });
    } else if ('parties' in row) {
      for (const p of withAgents(ctx.data[row.parties])) {
        const partRows = partyRows(p);
        partRows.forEach((cells, i) => rows.push({ keepNext: i < partRows.length - 1, opts: { cantSplit: true, children: tableCells(cells, widths) } }));
      }
    } else {
      const issuer = fill(row.seal.issuer, ctx.data) + (row.seal.sealMark ?? '');
      const date = fill(row.seal.date, ctx.data);
      const size = SIZES.table + 2;
      const seal = sealParagraphs(issuer, date, CONTENT_WIDTH - 2 * CELL_PADDING - 2, size, TABLE_LINE_HEIGHT).map(paragraph);
      rows.push({
        keepNext: false,
        opts: {
          cantSplit: true,
          children: [new TableCell({ children: seal, columnSpan: n, width: { size: width, type: WidthType.DXA }, margins: { top: tw(CELL_PADDING + 1), bottom: tw(10 + CELL_PADDING + 1), left: tw(CELL_PADDING), right: tw(CELL_PADDING) } })],
        },
      });
    }
  }
  if (rows.length === 0) return [];
  return [
    {
      kind: 't',
      opts: {
        width: { size: width, type: WidthType.DXA },
        columnWidths: widths,
        layout: TableLayoutType.FIXED,
        borders: { top: OUTER_RULE, bottom: OUTER_RULE, left: OUTER_RULE, right: OUTER_RULE, insideHorizontal: INNER_RULE, insideVertical: INNER_RULE },
        margins: { top: tw(CELL_PADDING + 1), bottom: tw(CELL_PADDING + 1), left: tw(CELL_PADDING), right: tw(CELL_PADDING), marginUnitType: WidthType.DXA },
      },
      rows,
    },
  ];
}

/**
 * A ruled table with a header row repeated on each page and one row per item; rows never split. Empty ruled rows are
 * added up to `minRows` (as in the PDF).
 */
function listTable(block: Extract<Block, { type: 'listTable' }>, ctx: Ctx): Item[] {
  const width = tw(CONTENT_WIDTH);
  const total = block.columns.reduce((s, c) => s + c.width, 0);
  const widths = block.columns.map((c) => Math.floor((width * c.width) / total));
  widths[widths.length - 1]! += width - widths.reduce((s, w) => s + w, 0);
  const lineH = lineOf(SIZES.table, TABLE_LINE_HEIGHT);
  const cells = (texts: string[], header: boolean) =>
    texts.map(
      (text, i) =>
        new TableCell({
          width: { size: widths[i]!, type: WidthType.DXA },
          verticalAlign: VerticalAlignTable.CENTER,
          children: [cellPara(text, { ...TABLE_STYLE, bold: header }, { alignment: header ? AlignmentType.CENTER : ALIGN[block.columns[i]!.align ?? 'left'] })],
        }),
    );
  const items = ctx.data[block.field].map((item) => block.columns.map((_, i) => item[i] ?? ''));
  while (items.length < (block.minRows ?? 0)) items.push(block.columns.map(() => ''));
  const rows: RowSpec[] = [
    { keepNext: true, opts: { tableHeader: true, cantSplit: true, children: cells(block.columns.map((c) => fill(c.label, ctx.data)), true), height: { value: tw(lineH * 1.8), rule: HeightRule.ATLEAST } } },
    ...items.map((texts) => ({ keepNext: false, opts: { cantSplit: true, children: cells(texts, false), height: { value: tw(lineH * 1.4), rule: HeightRule.ATLEAST } } })),
  ];
  return [
    {
      kind: 't',
      opts: {
        width: { size: width, type: WidthType.DXA },
        columnWidths: widths,
        layout: TableLayoutType.FIXED,
        borders: { top: OUTER_RULE, bottom: OUTER_RULE, left: OUTER_RULE, right: OUTER_RULE, insideHorizontal: INNER_RULE, insideVertical: INNER_RULE },
        margins: { top: tw(CELL_PADDING + 1), bottom: tw(CELL_PADDING + 1), left: tw(CELL_PADDING + 2), right: tw(CELL_PADDING + 2), marginUnitType: WidthType.DXA },
      },
      rows,
    },
  ];
}

/** Labelled lines: a borderless two-column table, values wrapping under themselves; optionally ruled under each value. */
function fieldsBlock(block: Extract<Block, { type: 'fields' }>, ctx: Ctx): Item[] {
  const items = block.items.filter((item) => isActive(item, ctx.data)).map((item) => ({ label: fill(item.label, ctx.data), text: fill(item.text, ctx.data) }));
  if (items.length === 0) return [];
  const rule = block.underline ?? false;
  const labelWidth = tw(Math.max(0, ...items.map((i) => textWidth(i.label, ctx.body))) + 2);
  const widths = [labelWidth, tw(CONTENT_WIDTH) - labelWidth];
  const style = { size: ctx.body };
  const margins = { top: rule ? tw(ctx.body * 0.6) : 0, bottom: tw(rule ? 1 : 2), left: 0, right: 0 };
  return [
    {
      kind: 't',
      opts: { width: { size: tw(CONTENT_WIDTH), type: WidthType.DXA }, columnWidths: widths, layout: TableLayoutType.FIXED, borders: NO_BORDERS, margins: { ...margins, marginUnitType: WidthType.DXA } },
      rows: items.map((i) => ({
        keepNext: false,
        opts: {
          cantSplit: true,
          children: [
            new TableCell({ width: { size: widths[0]!, type: WidthType.DXA }, borders: NO_CELL_BORDERS, verticalAlign: VerticalAlignTable.TOP, children: [cellPara(i.label, style, {}, LINE_HEIGHT)] }),
            new TableCell({
              width: { size: widths[1]!, type: WidthType.DXA },
              borders: { ...NO_CELL_BORDERS, ...(rule ? { bottom: { style: BorderStyle.SINGLE, size: 5, color: '000000' } } : {}) },
              verticalAlign: VerticalAlignTable.TOP,
              children: [cellPara(i.text, style, {}, LINE_HEIGHT)],
            }),
          ],
        },
      })),
    },
  ];
}

// ---------------------------------------------------------------------------------------------------------------
// Signatures
// ---------------------------------------------------------------------------------------------------------------

/**
 * A signature row as in render-pdf.ts: the label (one line, or several split at \n), a line to sign on (its bottom
 * level with the label's last line, at least half-way down the fingerprint box), optionally a handwritten-date blank
 * under the line, and a fingerprint box （指印） on the right. A borderless row that cannot split; only the box has
 * borders.
 */
function signatureRow(label: string, opts: { fingerprint: boolean; date: boolean; size: number; labelWidth?: number }): RowItem {
  const textHeight = lineOf(opts.size);
  const labelLines = label.split('\n');
  const labelHeight = labelLines.length * textHeight;
  const lineY = opts.fingerprint ? Math.max(FINGERPRINT.height * 0.5, labelHeight) : labelHeight;
  const gap = 8;
  const boxColumn = opts.fingerprint ? FINGERPRINT.width + gap : 0;
  // the line is never shorter than the handwritten-date blank under it
  const minLine = Math.max(CONTENT_WIDTH * 0.17, opts.date ? textWidth(DATE_BLANK, SIZES.table) + 6 : 0);
  const ownWidth = Math.max(...labelLines.map((l) => textWidth(l, opts.size))) + 2;
  const labelWidth = Math.min(CONTENT_WIDTH - boxColumn - minLine - 2 * gap, opts.labelWidth ?? ownWidth);
  const lineWidth = Math.min(CONTENT_WIDTH * 0.3, CONTENT_WIDTH - labelWidth - boxColumn - 2 * gap);
  const style = { size: opts.size };

  const widths = [tw(labelWidth + gap), tw(lineWidth)];
  if (opts.fingerprint) widths.push(tw(CONTENT_WIDTH) - widths[0]! - widths[1]! - tw(FINGERPRINT.width), tw(FINGERPRINT.width));
  else widths.push(tw(CONTENT_WIDTH) - widths[0]! - widths[1]!);

  const lineParas = [
    paragraph({
      children: [new TextRun({ text: '', size: opts.size * 2, font: BODY_FONT })],
      spacing: { ...exactLine(opts.size), before: tw(Math.max(0, lineY - textHeight)) },
      border: { bottom: { style: BorderStyle.SINGLE, size: 5, color: '000000', space: 0 } },
    }),
  ];
  if (opts.date) lineParas.push(cellPara(DATE_BLANK, TABLE_STYLE, { alignment: AlignmentType.RIGHT, spacing: { before: tw(4) } }, LINE_HEIGHT));

  const cells: RowItem['cells'] = [
    { children: [paragraph({ children: runs(label, style), spacing: { ...exactLine(opts.size), before: tw(Math.max(0, lineY - labelHeight)) } })] },
    { children: lineParas },
    { children: [paragraph({ children: [] })] },
  ];
  if (opts.fingerprint) {
    cells.push({
      children: [cellPara('（指印）', { size: 9, color: '666666' }, { alignment: AlignmentType.CENTER }, 1.2)],
      verticalAlign: VerticalAlignTable.CENTER,
      borders: { top: BOX_RULE, bottom: BOX_RULE, left: BOX_RULE, right: BOX_RULE },
      margins: { top: tw(CELL_PADDING), bottom: tw(CELL_PADDING), left: tw(CELL_PADDING), right: tw(CELL_PADDING) },
    });
  }
  return {
    kind: 'row',
    small: true,
    widths,
    cells,
    gapBefore: 8,
    keepNext: false,
    ...(opts.fingerprint ? { height: { value: tw(FINGERPRINT.height), rule: HeightRule.ATLEAST } } : {}),
  };
}

/** Height of a signature row, in points (as render-pdf.ts estimates it). */
function signatureRowHeight(label: string, opts: { fingerprint: boolean; date: boolean; size: number }): number {
  const textHeight = lineOf(opts.size);
  const labelHeight = label.split('\n').length * textHeight;
  const line = opts.fingerprint ? Math.max(FINGERPRINT.height * 0.5, labelHeight) : labelHeight;
  const dateBlank = opts.date ? 4 + lineOf(SIZES.table) : 0;
  return Math.max(opts.fingerprint ? FINGERPRINT.height : 0, line + 1 + dateBlank) + 8;
}

// ---------------------------------------------------------------------------------------------------------------
// Blocks
// ---------------------------------------------------------------------------------------------------------------

function renderBlocks(blocks: Block[], ctx: Ctx): Item[] {
  const items = blocks.filter((b) => isActive(b, ctx.data)).flatMap((b) => renderBlock(b, ctx));
  // a date line or seal area keeps with the short node before it, even where the group around it is not kept
  items.forEach((item, i) => {
    const prev = items[i - 1];
    if (item.stick && prev?.small) keepEndWithNext(prev);
  });
  return items;
}

function renderBlock(block: Block, ctx: Ctx): Item[] {
  const { data, body } = ctx;
  switch (block.type) {
    case 'title': {
      const style = { size: SIZES.title, bold: true, font: TITLE_FONT };
      const items: Item[] = [];
      if (block.issuer) items.push(para(fill(block.issuer, data), style, { alignment: AlignmentType.CENTER, keepNext: true, spacing: exactLine(SIZES.title, TITLE_LINE_HEIGHT) }));
      if (block.large) {
        // 小初, spaced out by half a character (the space after the last character is balanced by an indent)
        const size = SIZES.coverTitle;
        items.push({
          kind: 'p',
          opts: {
            children: runs(fill(block.text, data), { ...style, size, characterSpacing: tw(size * 0.5) }),
            alignment: AlignmentType.CENTER,
            keepNext: true,
            indent: { left: tw(size * 0.5) },
            spacing: { ...exactLine(size, TITLE_LINE_HEIGHT), before: block.issuer ? tw(size) : 0, after: tw(body * 2) },
          },
        });
      } else {
        items.push(para(fill(block.text, data), style, { alignment: AlignmentType.CENTER, keepNext: true, spacing: { ...exactLine(SIZES.title, TITLE_LINE_HEIGHT), before: block.issuer ? tw(2) : 0, after: tw(body * 0.8) } }));
      }
      return items;
    }
    case 'numberLine':
      return [para(fill(block.text, data), { size: body }, { alignment: AlignmentType.RIGHT, spacing: { after: tw(body * 0.5) } })];
    case 'heading':
      return [para(fill(block.text, data), { size: body, bold: true }, { keepNext: true, spacing: { before: tw(body * 0.3) } })];
    case 'paragraph':
      return paragraphs(fill(block.text, data)).map((p) => ({
        ...para(p, { size: body, bold: block.bold ?? false }, { alignment: ALIGN[block.align ?? 'left'], ...(block.indent ? { indent: { firstLine: tw(2 * body) } } : {}) }),
        small: p.length <= 60,
      }));
    case 'parties':
      return partiesBlock(data[block.source], ctx, block.prose ?? false);
    case 'numberedList': {
      // the number right-aligned in a column 1.6 characters wide, the item after it (as the PDF's number column);
      // an item's further lines keep the item's indent
      const hang = tw(body * 1.6 + 4);
      const number = (i: number) => new TextRun({ children: [new Tab(), `${i + 1}.`, new Tab()], size: body * 2, font: BODY_FONT });
      return data[block.field].flatMap((item, i) =>
        paragraphs(item).map((line, j) =>
          para(j === 0 ? [number(i), ...runs(line, { size: body })] : line, { size: body }, {
            indent: j === 0 ? { left: hang, hanging: hang } : { left: hang },
            tabStops: [
              { type: 'right', position: hang - tw(4) },
              { type: 'left', position: hang },
            ],
          }),
        ),
      );
    }
    case 'formTable':
      return formTable(block, ctx);
    case 'signatures': {
      const label = (p: PartyEntry, text: string) => fill(text, data, { role: p.role, name: p.name });
      // each party, then (when the block asks for them) its agents; a box for natural persons unless switched off
      const rows = signatureEntries(block, data[block.source], label);
      // one label width for the rows with a fingerprint box, so that their lines and boxes stand in a column
      const labelWidth = Math.max(0, ...rows.filter((r) => r.fingerprint).map((r) => textWidth(r.label, body))) + 2;
      return rows.map(({ label: text, fingerprint }) => signatureRow(text, { fingerprint, date: block.date ?? false, size: body, ...(fingerprint ? { labelWidth } : {}) }));
    }
    case 'statements':
      // 调解员问：…… — the speaker in bold; further paragraphs of a statement indented
      return data[block.field].flatMap((st) => {
        const [first = '', ...rest] = paragraphs(st.text);
        return [
          para([...runs(`${st.speaker}：`, { size: body, bold: true }), ...runs(first, { size: body })], { size: body }, { spacing: { before: tw(body * 0.15) } }),
          ...rest.map((p) => para(p, { size: body }, { indent: { firstLine: tw(2 * body) } })),
        ];
      });
    case 'listTable':
      return listTable(block, ctx);
    case 'fields':
      return fieldsBlock(block, ctx);
    case 'signatureLine':
      return [signatureRow(fill(block.label, data), { fingerprint: block.fingerprint ?? false, date: block.date ?? false, size: body })];
    case 'dateLine':
      return [{ ...para(fill(block.text, data), { size: body }, { alignment: AlignmentType.RIGHT, indent: { right: tw(body * 4) }, spacing: { before: tw(body * 0.4) } }), stick: true }];
    case 'sealArea': {
      // two paragraphs (not a table row: a document ending with a table ends with an empty paragraph, which a full
      // page pushes onto a page of its own); the issuer keeps with the date, and with what stands before it
      const [issuer, date] = sealParagraphs(fill(block.issuer, data) + (block.sealMark ?? ''), fill(block.date, data), CONTENT_WIDTH, body, LINE_HEIGHT);
      return [
        { kind: 'p', stick: true, opts: { ...issuer!, keepNext: true, keepLines: true } },
        { kind: 'p', opts: date! },
      ];
    }
    case 'keep':
      return keepGroup(block.blocks, ctx);
    case 'note':
      return [para(fill(block.text, data), { size: SIZES.note }, { spacing: { before: tw(6) } })];
    case 'spacer':
      return [para('', { size: body }, { spacing: { after: tw((block.lines ?? 1) * body * LINE_HEIGHT * 0.45) } })];
    case 'pageBreak':
      return [{ kind: 'p', opts: { children: [new PageBreak()], spacing: { line: 20, lineRule: LineRuleType.EXACT, before: 0, after: 0 } } }];
    default:
      throw new Error(`unknown block ${JSON.stringify(block satisfies never)}`);
  }
}

/** A keep group: every item keeps with the next and in one piece, so the group moves to a new page as a whole. */
function keepGroup(blocks: Block[], ctx: Ctx): Item[] {
  const items = renderBlocks(blocks, ctx);
  if (items.length === 0 || estimateHeight(blocks, { data: ctx.data, body: ctx.body, pageInnerHeight: ctx.pageInnerHeight, line: (size) => lineOf(size), signatureRowHeight }) > ctx.pageInnerHeight * 0.9) return items;
  items.forEach((item, i) => {
    keepInside(item);
    if (i < items.length - 1) keepWithNext(item);
  });
  return items;
}

// ---------------------------------------------------------------------------------------------------------------
// Document
// ---------------------------------------------------------------------------------------------------------------

export interface RenderDocxOptions {
  /** The issue time, recorded as a custom document property (the library stamps its own creation time). */
  createdAt?: Date;
}

/**
 * Consecutive rows as one borderless table on the union of their column edges (each cell spanning the grid columns
 * between its own edges), with a spacer row where a row asks for space above it.
 */
function rowsTable(rows: RowItem[]): Table {
  const edges = (r: RowItem) => r.widths.reduce<number[]>((acc, w) => [...acc, acc.at(-1)! + w], [0]);
  const grid = [...new Set(rows.flatMap(edges))].sort((a, b) => a - b);
  const columnWidths = grid.slice(1).map((x, i) => x - grid[i]!);
  const tableRows: TableRow[] = [];
  rows.forEach((row, k) => {
    if (k > 0 && row.gapBefore > 0) {
      tableRows.push(
        new TableRow({
          cantSplit: true,
          ...(rows[k - 1]!.keepNext ? { keepNext: true } : {}),
          height: { value: tw(row.gapBefore), rule: HeightRule.EXACT },
          children: [new TableCell({ columnSpan: columnWidths.length, borders: NO_CELL_BORDERS, children: [paragraph({ children: [new TextRun({ text: '', size: 2 })], spacing: { line: 20, lineRule: LineRuleType.EXACT } })] })],
        }),
      );
    }
    const e = edges(row);
    tableRows.push(
      new TableRow({
        cantSplit: true,
        ...(row.keepNext ? { keepNext: true } : {}),
        ...(row.height ? { height: row.height } : {}),
        children: row.cells.map((cell, i) => {
          const span = grid.indexOf(e[i + 1]!) - grid.indexOf(e[i]!);
          return new TableCell({
            children: cell.children,
            width: { size: row.widths[i]!, type: WidthType.DXA },
            borders: cell.borders ?? NO_CELL_BORDERS,
            verticalAlign: cell.verticalAlign ?? VerticalAlignTable.TOP,
            ...(cell.margins ? { margins: cell.margins } : {}),
            ...(span > 1 ? { columnSpan: span } : {}),
          });
        }),
      }),
    );
  });
  return new Table({
    width: { size: tw(CONTENT_WIDTH), type: WidthType.DXA },
    columnWidths,
    layout: TableLayoutType.FIXED,
    borders: NO_BORDERS,
    margins: { top: 0, bottom: 0, left: 0, right: 0, marginUnitType: WidthType.DXA },
    rows: tableRows,
  });
}

/** The items as docx paragraphs and tables. */
function toDocx(items: Item[]): (Paragraph | Table)[] {
  const out: (Paragraph | Table)[] = [];
  /** Whether the last thing written is a table, and whether its last row keeps with what follows. */
  let lastTable: { keepNext: boolean } | null = null;
  const table = (t: Table, keepNext: boolean) => {
    // two tables in a row would be merged into one by Word: a hairline paragraph between them (kept with both when
    // the table before it is kept with what follows)
    if (lastTable) {
      const sep = separator();
      if (lastTable.keepNext) sep.opts.keepNext = true;
      out.push(paragraph(sep.opts));
    }
    out.push(t);
    lastTable = { keepNext };
  };
  for (let i = 0; i < items.length; i++) {
    const item = items[i]!;
    if (item.kind === 'p') {
      out.push(paragraph(item.opts));
      lastTable = null;
    } else if (item.kind === 't') {
      table(new Table({ ...item.opts, rows: item.rows.map((r) => new TableRow({ ...r.opts, ...(r.keepNext ? { keepNext: true } : {}) })) }), item.rows.at(-1)?.keepNext ?? false);
    } else {
      const rows: RowItem[] = [item];
      while (items[i + 1]?.kind === 'row') rows.push(items[++i] as RowItem);
      table(rowsTable(rows), rows.at(-1)!.keepNext);
    }
  }
  // a document cannot end with a table: Word adds a full-height empty paragraph, which can spill onto a page of its
  // own; end with a hairline paragraph instead
  if (lastTable) out.push(paragraph(separator().opts));
  return out;
}

/**
 * The signatures on every page (page-signers.ts), as in the PDF: a thin rule, then one borderless table whose cells
 * are the signers' labels (their bottom border is the line to sign on) and fingerprint boxes, rows of exact height
 * with spacer rows between them.
 */
function signerFooterItems(grid: SignerGrid): (Paragraph | Table)[] {
  const g = SIGNER_GRID;
  const LINE: IBorderOptions = { style: BorderStyle.SINGLE, size: 4, color: '444444' };
  const labelWidth = tw(grid.cellWidth - g.boxWidth);
  const boxWidth = tw(g.boxWidth);
  const gapWidth = tw(g.cellGap);
  const columnWidths: number[] = [];
  for (let i = 0; i < grid.columns; i++) columnWidths.push(...(i > 0 ? [gapWidth] : []), labelWidth, boxWidth);
  const empty = (width: number, span = 1) =>
    new TableCell({ width: { size: width, type: WidthType.DXA }, borders: NO_CELL_BORDERS, ...(span > 1 ? { columnSpan: span } : {}), children: [paragraph({ children: [], spacing: { line: 20, lineRule: LineRuleType.EXACT } })] });
  const label = (text: string, width: number, span: number) =>
    new TableCell({
      width: { size: width, type: WidthType.DXA },
      borders: { ...NO_CELL_BORDERS, bottom: LINE },
      verticalAlign: VerticalAlignTable.TOP,
      ...(span > 1 ? { columnSpan: span } : {}),
      children: [cellPara(text, { size: g.labelSize }, {}, g.labelLineHeight)],
    });
  const box = () =>
    new TableCell({
      width: { size: boxWidth, type: WidthType.DXA },
      borders: { top: LINE, bottom: LINE, left: LINE, right: LINE },
      verticalAlign: VerticalAlignTable.CENTER,
      children: [cellPara('（指印）', { size: 7, color: '666666' }, { alignment: AlignmentType.CENTER }, 1)],
    });
  const rows: TableRow[] = [];
  grid.rows.forEach((signers, r) => {
    if (r > 0) rows.push(new TableRow({ cantSplit: true, height: { value: tw(g.rowGap), rule: HeightRule.EXACT }, children: [empty(tw(CONTENT_WIDTH), columnWidths.length)] }));
    const cells: TableCell[] = [];
    for (let i = 0; i < grid.columns; i++) {
      if (i > 0) cells.push(empty(gapWidth));
      const signer = signers[i];
      if (!signer) cells.push(empty(labelWidth + boxWidth, 2));
      else if (signer.fingerprint) cells.push(label(fittedLabel(signer, grid), labelWidth, 1), box());
      else cells.push(label(fittedLabel(signer, grid), labelWidth + boxWidth, 2));
    }
    rows.push(new TableRow({ cantSplit: true, height: { value: tw(g.rowHeight), rule: HeightRule.EXACT }, children: cells }));
  });
  // the rule over the grid: a hairline paragraph with a top border, the space of the rule's gap under it
  const rule = paragraph({
    children: [new TextRun({ text: '', size: 2 })],
    border: { top: { style: BorderStyle.SINGLE, size: 4, color: '444444', space: 0 } },
    spacing: { line: 20, lineRule: LineRuleType.EXACT, before: 0, after: tw(g.ruleGap) },
  });
  const table = new Table({
    width: { size: columnWidths.reduce((a, b) => a + b, 0), type: WidthType.DXA },
    columnWidths,
    layout: TableLayoutType.FIXED,
    borders: NO_BORDERS,
    margins: { top: 0, bottom: 0, left: 0, right: 0, marginUnitType: WidthType.DXA },
    rows,
  });
  return [rule, table];
}

function pageFooter(side: 'odd' | 'even', signers: SignerGrid | null): Footer {
  const size = SIZES.pageNumber;
  const style = { size: size * 2, font: font(DOCX_FONTS.title) };
  return new Footer({
    children: [
      ...(signers ? signerFooterItems(signers) : []),
      paragraph({
        // one character in from the edge of the text block; odd pages right, even pages left
        alignment: side === 'odd' ? AlignmentType.RIGHT : AlignmentType.LEFT,
        indent: side === 'odd' ? { right: tw(size) } : { left: tw(size) },
        spacing: { before: signers ? tw(SIGNER_GRID.numberGap) : 0, after: 0 },
        children: [new TextRun({ ...style, text: '— ' }), new TextRun({ ...style, children: [PageNumber.CURRENT] }), new TextRun({ ...style, text: ' —' })],
      }),
    ],
  });
}

/** Builds the docx Document (exposed for tests); renderDocx packs it. */
export function buildDocx(def: TemplateDefinition, data: DocumentData, opts: RenderDocxOptions = {}): Document {
  const body = SIZES.body[def.density ?? 'normal'];
  const signers = pageSignersOf(def, data);
  const bottom = signers?.bottomMargin ?? PAGE_MARGINS[3];
  const ctx: Ctx = { data, body, pageInnerHeight: pageInnerHeight(bottom) };
  const children = toDocx(renderBlocks(def.blocks, ctx));
  const title = cleanText(`${def.title} ${data.caseNumber}`);
  return new Document({
    title,
    subject: cleanText(`${data.caseNumber} ${def.title}`),
    creator: '调解工作台',
    lastModifiedBy: '调解工作台',
    description: cleanText(`${data.committeeName}《${def.title}》（模板第${def.version}版）`),
    keywords: def.title,
    customProperties: [
      { name: 'template', value: def.key },
      { name: 'templateVersion', value: String(def.version) },
      ...(opts.createdAt ? [{ name: 'issuedAt', value: opts.createdAt.toISOString() }] : []),
    ],
    evenAndOddHeaderAndFooters: def.pageNumbers !== false,
    styles: {
      default: {
        document: {
          run: { font: BODY_FONT, size: body * 2, language: { value: 'en-US', eastAsia: 'zh-CN' } },
          paragraph: { spacing: { before: 0, after: 0, ...exactLine(body) } },
        },
      },
    },
    sections: [
      {
        properties: {
          page: {
            size: { width: tw(210 * MM), height: tw(297 * MM) },
            margin: {
              left: tw(PAGE_MARGINS[0]),
              top: tw(PAGE_MARGINS[1]),
              right: tw(PAGE_MARGINS[2]),
              bottom: tw(bottom),
              // the page number one line (7 mm) below the text block (its line ends ≈ 13 mm under the block), or under
              // the signatures, whose footer grows up to the text block
              footer: tw(signers ? SIGNER_GRID.bottomSpace : PAGE_MARGINS[3] - 7 * MM - lineOf(SIZES.pageNumber, 1)),
              header: tw(15 * MM),
              gutter: 0,
            },
          },
        },
        // page numbers unless the form has none (a file's covers)
        ...(def.pageNumbers === false ? {} : { footers: { default: pageFooter('odd', signers), even: pageFooter('even', signers) } }),
        children,
      },
    ],
  });
}

/** Renders a template with its data to DOCX bytes. The caller checks required fields first (checkRequiredFields). */
export async function renderDocx(def: TemplateDefinition, data: DocumentData, opts: RenderDocxOptions = {}): Promise<Buffer> {
  return Packer.toBuffer(buildDocx(def, data, opts));
}
