/**
 * Blocks → pdfmake document definition → PDF bytes. The page follows GB/T 9704-2012 as mediation forms commonly do:
 * A4, top margin 37 mm, binding margin 28 mm (left), text block 156 × 225 mm, title 2号 (22 pt) bold, body 3号 (16 pt)
 * or 15 pt for long texts, forms in 小四 (12 pt), page numbers "— 1 —" in 4号 one line below the text block, odd
 * pages right and even pages left. The seal area never stands alone on a page: see `keep` in model.ts.
 */
import type {
  Align,
  Block,
  DocumentData,
  FormCell,
  PartyEntry,
  PartyListField,
  ScalarField,
  TemplateDefinition,
  Text,
} from './model';
import { type EstimateCtx, estimateHeight } from './estimate';
import { partyGridRows, partyLines, roleLabel } from './party-lines';
import { isActive } from './check';
import { FONT_FAMILY, pdfmakeWithFonts } from './fonts';
import { SIGNER_GRID, type SignerGrid, fittedLabel, pageSignersOf } from './page-signers';

/** pdfmake content nodes are plain objects; typed loosely here (pdfmake ships no types). */
type Node = Record<string, unknown>;

const MM = 72 / 25.4;
/** [left, top, right, bottom] in points. */
export const PAGE_MARGINS = [28 * MM, 37 * MM, 26 * MM, 35 * MM] as const;
const PAGE_WIDTH = 210 * MM;
export const CONTENT_WIDTH = PAGE_WIDTH - PAGE_MARGINS[0] - PAGE_MARGINS[2];

export const SIZES = {
  title: 22,
  /** 小初: the 调解卷宗 of a file cover */
  coverTitle: 36,
  body: { normal: 16, compact: 15 },
  table: 12,
  note: 12,
  pageNumber: 14,
} as const;

/** Line pitch factor: at 16 pt Noto Serif SC this gives ≈ 28 pt lines (GB/T 9704: 22 lines in 225 mm). */
const LINE_HEIGHT = 1.2;
const TABLE_LINE_HEIGHT = 1.15;
const CELL_PADDING = 2;
/**
 * Above and below the text of a form-table row: a row is then 24 pt (8.5 mm), the usual pitch of a printed form; the
 * font's own line already holds a leading of almost half its size.
 */
const FORM_ROW_PADDING = 2;
/** Table cells with more characters than this may be split across pages (see formTable). */
const LONG_CELL = 300;
/** The fingerprint box next to a party's signature: about 2 × 2.5 cm (domain.md §6.2). */
const FINGERPRINT = { width: 18 * MM, height: 22 * MM };
/** First-line indent of a Chinese paragraph: two characters. */
const indent = (size: number) => ({ leadingIndent: 2 * size });

interface Ctx {
  data: DocumentData;
  /** What is stamped on this copy: the signatures captured on the workstation and the seal (RenderOptions). */
  marks: Pick<RenderOptions, 'signatures' | 'seal'>;
  body: number;
  /** Counter for keep groups in this document. */
  keeps: number;
  /** Height of the text block: 225 mm, less where the footer holds signatures on every page. */
  pageInnerHeight: number;
}

// ---------------------------------------------------------------------------------------------------------------
// Text helpers
// ---------------------------------------------------------------------------------------------------------------

/** Replaces {field} with the field's text. Unknown names cannot occur (checkDefinition); they would print as is. */
export function fill(text: Text, data: DocumentData, extra: Record<string, string> = {}): string {
  return text.replace(/\{([A-Za-z]+)\}/g, (whole, name: string) => {
    if (name in extra) return extra[name]!;
    const value = data[name as ScalarField];
    return typeof value === 'string' ? value : whole;
  });
}

/** Rough advance width (points) of a string: CJK and full-width forms are 1 em, everything else about 0.55 em. */
export function textWidth(text: string, size: number): number {
  let em = 0;
  for (const ch of text) em += /[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f\u2014\u2026]/.test(ch) ? 1 : 0.55;
  return em * size;
}

function paragraphs(text: string): string[] {
  return text.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
}

// ---------------------------------------------------------------------------------------------------------------
// Building blocks
// ---------------------------------------------------------------------------------------------------------------

const hline = (width: number, lineWidth = 0.6): Node => ({ canvas: [{ type: 'line', x1: 0, y1: 0, x2: width, y2: 0, lineWidth }] });

function fingerprintBox(): Node {
  return {
    width: FINGERPRINT.width,
    table: { widths: [FINGERPRINT.width - 2 * CELL_PADDING - 1], heights: [FINGERPRINT.height - 2 * CELL_PADDING], body: [[{ text: '（指印）', fontSize: 9, color: '#666666', alignment: 'center', margin: [0, FINGERPRINT.height / 2 - 14, 0, 0] }]] },
    layout: { hLineWidth: () => 0.6, vLineWidth: () => 0.6, hLineColor: () => '#555555', vLineColor: () => '#555555', paddingLeft: () => CELL_PADDING, paddingRight: () => CELL_PADDING, paddingTop: () => CELL_PADDING, paddingBottom: () => CELL_PADDING },
  };
}

const DATE_BLANK = '\u3000\u3000年\u3000\u3000月\u3000\u3000日';

/** Room above the line for a signature captured on the workstation: about 12 mm, as a hand signs on paper. */
const SIGNATURE_HEIGHT = 12 * MM;
/** 人民调解委员会印章: a round seal of 4.2 cm (the common size of a committee's seal). */
const SEAL_SIZE = 42 * MM;
const NOTE_SIZE = 9;

const pngDataUri = (png: Buffer) => `data:image/png;base64,${png.toString('base64')}`;

/**
 * What stands on the line of a signed row: the captured signature scaled to fit above the line (never wider than the
 * line, so it cannot run over the label), or the small note of a signature made on the paper copy.
 */
function markOnLine(mark: SignatureMark, lineWidth: number, lineY: number): Node {
  if (mark.image) {
    const scale = Math.min((lineWidth - 4) / mark.image.width, SIGNATURE_HEIGHT / mark.image.height);
    const width = mark.image.width * scale;
    const height = mark.image.height * scale;
    return { image: pngDataUri(mark.image.png), width, height, margin: [(lineWidth - width) / 2, Math.max(0, lineY - height), 0, 0] };
  }
  const noteHeight = NOTE_SIZE * 1.45 * LINE_HEIGHT;
  return { text: mark.note ?? '', fontSize: NOTE_SIZE, color: '#555555', alignment: 'center', margin: [0, Math.max(0, lineY - noteHeight - 1), 0, 1] };
}

/**
 * A signature row: the label (one line, or several split at \n), a line to sign on (its baseline level with the
 * label's last line), optionally a handwritten-date blank under the line, and a fingerprint box on the right. A single
 * table row that cannot break. With a mark (a signature captured on the workstation, or the note of one made on paper),
 * the mark stands on the line.
 */
function signatureRow(label: string, opts: { fingerprint: boolean; date: boolean; size: number; labelWidth?: number; mark?: SignatureMark }): Node {
  const textHeight = opts.size * 1.45 * LINE_HEIGHT;
  const labelLines = label.split('\n');
  const labelHeight = labelLines.length * textHeight;
  const plainLineY = opts.fingerprint ? Math.max(FINGERPRINT.height * 0.5, labelHeight) : labelHeight;
  const lineY = opts.mark?.image ? Math.max(plainLineY, SIGNATURE_HEIGHT + 2) : plainLineY;
  const gap = 8;
  const boxColumn = opts.fingerprint ? FINGERPRINT.width + gap : 0;
  // the line is never shorter than the handwritten-date blank under it
  const minLine = Math.max(CONTENT_WIDTH * 0.17, opts.date ? textWidth(DATE_BLANK, SIZES.table) + 6 : 0);
  const ownWidth = Math.max(...labelLines.map((l) => textWidth(l, opts.size))) + 2;
  const labelWidth = Math.min(CONTENT_WIDTH - boxColumn - minLine - 2 * gap, opts.labelWidth ?? ownWidth);
  const lineWidth = Math.min(CONTENT_WIDTH * 0.3, CONTENT_WIDTH - labelWidth - boxColumn - 2 * gap);
  const lineStack: Node[] = [opts.mark ? markOnLine(opts.mark, lineWidth, lineY) : { text: ' ', margin: [0, Math.max(0, lineY - textHeight), 0, 0] }, hline(lineWidth)];
  if (opts.date) lineStack.push({ text: DATE_BLANK, preserveLeadingSpaces: true, fontSize: SIZES.table, alignment: 'right', margin: [0, 4, 0, 0] });
  const columns: Node[] = [
    { width: labelWidth, text: label, margin: [0, Math.max(0, lineY - labelHeight), 0, 0] },
    { width: lineWidth, stack: lineStack },
    { width: '*', text: '' },
  ];
  if (opts.fingerprint) columns.push(fingerprintBox());
  return {
    table: { widths: ['*'], dontBreakRows: true, body: [[{ columns, columnGap: gap }]] },
    layout: { ...noBorderLayout, paddingLeft: () => 0, paddingRight: () => 0, paddingTop: () => 4, paddingBottom: () => 4 },
  };
}

/** Height of a signature row, in points (see signatureRow). */
function signatureRowHeight(label: string, opts: { fingerprint: boolean; date: boolean; size: number }): number {
  const textHeight = opts.size * 1.45 * LINE_HEIGHT;
  const labelHeight = label.split('\n').length * textHeight;
  const line = opts.fingerprint ? Math.max(FINGERPRINT.height * 0.5, labelHeight) : labelHeight;
  const dateBlank = opts.date ? 4 + SIZES.table * 1.45 * LINE_HEIGHT : 0;
  return Math.max(opts.fingerprint ? FINGERPRINT.height : 0, line + 1 + dateBlank) + 8;
}

/**
 * The rows of a `signatures` block: each party with its own label and, when the block asks for them, its agents after
 * it. A fingerprint box for natural persons unless the block switches them off; never for an organisation or an agent
 * (an agent listed on its own stands for a party absent in person). Shared with render-docx.ts and estimate.ts.
 */
export function signatureEntries(
  block: Extract<Block, { type: 'signatures' }>,
  parties: readonly PartyEntry[],
  label: (p: PartyEntry, text: Text) => string,
): { label: string; fingerprint: boolean; id?: string }[] {
  const own = (p: PartyEntry) => {
    if (p.kind === 'organization') return block.organizationLabel;
    if (p.kind === 'agent') return block.agentLabel ?? block.personLabel;
    return block.personLabel;
  };
  const idOf = (p: PartyEntry) => (p.id ? { id: p.id } : {});
  return parties.flatMap((p) => [
    { label: label(p, own(p)), fingerprint: p.kind === 'person' && block.fingerprint !== false, ...idOf(p) },
    ...(block.agentLabel ? p.agents.map((a) => ({ label: label(a, block.agentLabel!), fingerprint: false, ...idOf(a) })) : []),
  ]);
}

/**
 * The signatures on every page (page-signers.ts): a thin rule across the text block, then the grid, one table per row
 * (each cell: the label at the top, the line to sign on at the bottom, the fingerprint box at the right).
 */
function signerFooter(grid: SignerGrid): Node[] {
  const g = SIGNER_GRID;
  const [left, , right] = PAGE_MARGINS;
  const rule: Node = { canvas: [{ type: 'line', x1: 0, y1: 0, x2: CONTENT_WIDTH, y2: 0, lineWidth: 0.5, lineColor: '#444444' }], margin: [left, g.topGap, right, 0] };
  const rows = grid.rows.map((row, r) => {
    const widths: number[] = [];
    const cells: Node[] = [];
    for (let i = 0; i < grid.columns; i++) {
      if (i > 0) {
        widths.push(g.cellGap);
        cells.push({ text: '', border: [false, false, false, false] });
      }
      const signer = row[i];
      widths.push(grid.cellWidth - g.boxWidth, g.boxWidth);
      if (!signer) {
        cells.push({ text: '', border: [false, false, false, false] }, { text: '', border: [false, false, false, false] });
        continue;
      }
      const labelCell = { text: fittedLabel(signer, grid), fontSize: g.labelSize, lineHeight: g.labelLineHeight, border: [false, false, false, true] };
      if (signer.fingerprint) {
        cells.push(labelCell, {
          text: '（指印）',
          fontSize: 7,
          lineHeight: 1,
          color: '#666666',
          alignment: 'center',
          margin: [0, g.rowHeight / 2 - 6, 0, 0],
          border: [true, true, true, true],
        });
      } else {
        // the covered cell carries the same borders, or pdfmake draws the top rule of its column
        cells.push({ ...labelCell, colSpan: 2 }, { text: '', border: [false, false, false, true] });
      }
    }
    // pdfmake adds the vertical rules to the column widths: take them off the signers' label columns
    const excess = (widths.length + 1) * 0.5;
    const labelColumns = widths.filter((_, i) => i % 3 === 0).length;
    const fitted = widths.map((w, i) => (i % 3 === 0 ? w - excess / labelColumns : w));
    return {
      // (no dontBreakRows: with it pdfmake draws the top rule before it has read the borders of spanned cells)
      table: { widths: fitted, heights: [g.rowHeight], body: [cells] },
      layout: {
        hLineWidth: () => 0.5,
        vLineWidth: () => 0.5,
        hLineColor: () => '#444444',
        vLineColor: () => '#666666',
        // a signer's cell has no padding at its left: labels and lines start at the edge of their column
        paddingLeft: () => 0,
        paddingRight: () => 0,
        paddingTop: () => 0,
        paddingBottom: () => 0,
      },
      margin: [left, r === 0 ? g.ruleGap : g.rowGap, right, 0],
    };
  });
  return [rule, ...rows];
}

function partiesBlock(entries: PartyEntry[], ctx: Ctx, prose = false): Node {
  const rows: PartyEntry[] = [];
  const add = (p: PartyEntry) => {
    rows.push(p);
    p.agents.forEach(add);
  };
  entries.forEach(add);
  if (prose) {
    // 申请人：张建国，男，汉族，…… — one paragraph per party or agent, running to the margin as in legal documents
    return { stack: rows.map((p) => ({ text: `${p.role}：${p.line}。`, margin: [0, 0, 0, 3] })) };
  }
  const labelWidth = Math.max(...rows.map((p) => textWidth(`${p.role}：`, ctx.body)), ctx.body * 4) + 2;
  return {
    table: {
      widths: [labelWidth, '*'],
      dontBreakRows: true,
      body: rows.map((p) => [{ text: `${p.role}：` }, { stack: partyLines(p).map((text) => ({ text })) }]),
    },
    layout: { ...noBorderLayout, paddingLeft: () => 0, paddingRight: () => 0, paddingTop: () => 1, paddingBottom: () => 4 },
  };
}

const noBorderLayout = { hLineWidth: () => 0, vLineWidth: () => 0 };

// ---------------------------------------------------------------------------------------------------------------
// Form tables
// ---------------------------------------------------------------------------------------------------------------

/** Column widths in points for relative widths, after cell padding and rules. */
function tableWidths(relative: number[]): number[] {
  const total = relative.reduce((s, w) => s + w, 0);
  const available = CONTENT_WIDTH - relative.length * 2 * CELL_PADDING - (relative.length + 1) * 0.5;
  return relative.map((w) => (available * w) / total);
}

type Cell = Node;

function labelCell(text: string, span = 1): Cell {
  return { text, alignment: 'center', verticalAlignment: 'middle', ...(span > 1 ? { colSpan: span } : {}) };
}

function valueCell(text: string, span = 1, align: Align = 'left', indented = false): Cell {
  const content = indented ? { stack: paragraphs(text).map((p) => ({ text: p, ...indent(SIZES.table) })) } : { text };
  return { ...content, alignment: align, verticalAlignment: 'middle', ...(span > 1 ? { colSpan: span } : {}) };
}

/** Appends a row, padding spanned positions with the empty cells pdfmake expects. */
function pushRow(body: Cell[][], cells: Cell[]): void {
  const row: Cell[] = [];
  for (const cell of cells) {
    row.push(cell);
    for (let i = 1; i < ((cell.colSpan as number | undefined) ?? 1); i++) row.push({});
  }
  body.push(row);
}

/**
 * The rows of one party (or agent) on the 8-column party grid. The role label stands in the first column of the
 * middle row, and that column has no rules between the party's rows, so the label reads as one cell for the party
 * (a rowSpan would do the same, but pdfmake draws a vertically centred rowSpan cell twice).
 */
function partyRows(p: PartyEntry): Cell[][] {
  const rows = partyGridRows<Cell>(p, { label: (text) => labelCell(text), value: (text, span, align) => valueCell(text, span, align) });
  // A two-line label (被申\n请人) is shared by the two middle rows, its first line at the foot of the one and its second
  // at the head of the other: in one row it made that row two lines tall.
  const lines = roleLabel(p.role).split('\n');
  const first = lines.length > 1 ? Math.floor((rows.length - 2) / 2) : Math.floor((rows.length - 1) / 2);
  const labelOf = (i: number): Cell => {
    const k = i - first;
    if (k < 0 || k >= lines.length) return { text: '' };
    return { text: lines[k]!, ...(lines.length > 1 ? { verticalAlignment: k === 0 ? 'bottom' : 'top' } : {}) };
  };
  return rows.map((r, i) => [{ ...labelOf(i), alignment: 'center', border: [true, i === 0, true, i === rows.length - 1] }, ...r]);
}

/**
 * Where a party's rows may break across pages: into two pieces of at least two rows each, the first holding the rows
 * with the role label (the middle ones), so that a page never ends on a lone 姓名 row and the label stays with the
 * name. Shorter blocks stay whole. The role column has no rule between the pieces: split over
 * two pages, it reads as one cell continued, as a merged cell does in a word processor.
 */
function partyPieces<T>(rows: T[]): T[][] {
  // a natural person's five rows break after the third (证件号码); an organisation's four and an agent's three stay whole
  if (rows.length < 5) return [rows];
  return [rows.slice(0, 3), rows.slice(3)];
}

function sealStack(issuer: string, date: string, width: number, size: number, endId?: string, seal?: PdfImage): Node {
  // GB/T 9704: the date sits four characters from the right margin and the issuer is centred above it; the seal is
  // stamped over both, so two empty lines are left above the issuer.
  const dateWidth = textWidth(date, size);
  const issuerWidth = textWidth(issuer, size);
  const colWidth = Math.min(width, Math.max(dateWidth, issuerWidth) + size);
  const dateCentre = width - 4 * size - dateWidth / 2;
  const right = Math.max(0, Math.min(width - colWidth, width - dateCentre - colWidth / 2));
  const lines = size * 1.45 * LINE_HEIGHT;
  const stack: Node[] = [];
  let above = size * LINE_HEIGHT * 2;
  if (seal) {
    // 端正、居中下压署名和日期: centred on them, its centre level with the top of the name, so that the name and the
    // date sit in its lower half and its lower edge rides just below the date ("下骑年盖月"); its top stays within
    // about a line of the text above, never over it (上不压正文). Drawn first: the name and the date are printed over it and stay readable, as black toner shows
    // through red ink. Out of the flow (relativePosition), so the lines keep their places.
    const height = (SEAL_SIZE * seal.height) / seal.width;
    const centre = lines * 0.2;
    above = Math.max(above, height / 2 - centre + 2);
    stack.push({ image: pngDataUri(seal.png), width: SEAL_SIZE, height, opacity: 0.92, relativePosition: { x: (colWidth - SEAL_SIZE) / 2, y: centre - height / 2 } });
  }
  stack.push({ text: issuer, alignment: 'center', fontSize: size }, { text: date, alignment: 'center', fontSize: size, ...(endId ? { id: endId } : {}) });
  return {
    columns: [{ width: '*', text: '' }, { width: colWidth, stack }, { width: right, text: '' }],
    columnGap: 0,
    margin: [0, above, 0, 0],
    // laid out on a page of its own first (pdfmake's unbreakable blocks), where the seal, which reaches above the
    // lines, is never taken for content that does not fit
    ...(seal ? { unbreakable: true } : {}),
  };
}

/**
 * A form table, rendered as a stack of tables on the same column grid that read as one: runs of plain rows, and one
 * table per party (and per agent) that cannot break, so a party's rows never straddle two pages. The outer frame is
 * heavier than the inner rules (form convention).
 */
function formTable(block: Extract<Block, { type: 'formTable' }>, ctx: Ctx): Node {
  const widths = tableWidths(block.widths);
  const n = widths.length;
  const lineH = SIZES.table * 1.45 * TABLE_LINE_HEIGHT;
  type Segment = { body: Cell[][]; minHeights: number[]; party: boolean; breakable: boolean };
  const segments: Segment[] = [];
  const plain = (breakable = false): Segment => {
    const last = segments.at(-1);
    if (last && !last.party && !last.breakable && !breakable) return last;
    const seg: Segment = { body: [], minHeights: [], party: false, breakable };
    segments.push(seg);
    return seg;
  };
  for (const row of block.rows) {
    if (!isActive(row, ctx.data)) continue;
    if ('cells' in row) {
      // A row with long free text (the summary may run to pages) gets a table of its own whose row may break across
      // pages: pdfmake cannot place a row that must not break but is taller than a page, and would cut it off.
      const long = row.cells.some((c) => 'text' in c && fill(c.text, ctx.data).length > LONG_CELL);
      const seg = plain(long);
      pushRow(seg.body, row.cells.map((c) => formCell(c, ctx)));
      // (no minimum height on a row that may break: pdfmake would add it again on the row's last page)
      seg.minHeights.push(row.minLines && !long ? row.minLines * lineH + 2 * FORM_ROW_PADDING : 0);
    } else if ('parties' in row) {
      // A party may break between its pieces (partyPieces): whole parties kept together left a page a third empty on
      // a register with four parties. A row itself never breaks.
      const visit = (p: PartyEntry) => {
        for (const piece of partyPieces(partyRows(p))) {
          const body: Cell[][] = [];
          piece.forEach((r) => pushRow(body, r));
          segments.push({ body, minHeights: body.map(() => 0), party: true, breakable: false });
        }
        p.agents.forEach(visit);
      };
      ctx.data[row.parties].forEach(visit);
    } else {
      const seal = row.seal;
      const issuer = fill(seal.issuer, ctx.data) + (seal.sealMark ?? '');
      const date = fill(seal.date, ctx.data);
      const seg = plain();
      pushRow(seg.body, [{ stack: [sealStack(issuer, date, CONTENT_WIDTH - 2 * CELL_PADDING - 2, SIZES.table + 2)], colSpan: n, margin: [0, 0, 0, 10] }]);
      seg.minHeights.push(0);
    }
  }
  const nodes = segments.map((seg, k) => {
    const first = k === 0;
    const last = k === segments.length - 1;
    const table: Node = {
      table: { widths, body: seg.body, dontBreakRows: !seg.breakable, heights: (i: number) => seg.minHeights[i] || undefined },
      layout: {
        hLineWidth: (i: number, node: { table: { body: unknown[] } }) => ((i === 0 && first) || (i === node.table.body.length && last) ? 1.2 : 0.5),
        vLineWidth: (i: number) => (i === 0 || i === n ? 1.2 : 0.5),
        paddingLeft: () => CELL_PADDING,
        paddingRight: () => CELL_PADDING,
        paddingTop: () => FORM_ROW_PADDING,
        paddingBottom: () => FORM_ROW_PADDING,
      },
    };
    return seg.party ? { stack: [table], unbreakable: true } : table;
  });
  return { stack: nodes, fontSize: SIZES.table, lineHeight: TABLE_LINE_HEIGHT };
}

/**
 * A ruled table: the header row (repeated on each page) and one row per item; rows never break, so a row is never
 * cut between pages. Empty ruled rows are added up to `minRows`.
 */
function listTable(block: Extract<Block, { type: 'listTable' }>, ctx: Ctx): Node {
  const widths = tableWidths(block.columns.map((c) => c.width));
  const n = widths.length;
  const lineH = SIZES.table * 1.45 * TABLE_LINE_HEIGHT;
  const header = block.columns.map((c) => ({ text: fill(c.label, ctx.data), bold: true, alignment: 'center', verticalAlignment: 'middle' }));
  const rows = ctx.data[block.field].map((item) =>
    block.columns.map((c, i) => ({ text: item[i] ?? '', alignment: c.align ?? 'left', verticalAlignment: 'middle' })),
  );
  while (rows.length < (block.minRows ?? 0)) rows.push(block.columns.map(() => ({ text: '' })) as never);
  const rowHeight = lineH * 1.4;
  return {
    table: { widths, headerRows: 1, dontBreakRows: true, body: [header, ...rows], heights: (i: number) => (i === 0 ? lineH * 1.8 : rowHeight) },
    layout: {
      hLineWidth: (i: number, node: { table: { body: unknown[] } }) => (i === 0 || i === node.table.body.length ? 1.2 : 0.5),
      vLineWidth: (i: number) => (i === 0 || i === n ? 1.2 : 0.5),
      paddingLeft: () => CELL_PADDING + 2,
      paddingRight: () => CELL_PADDING + 2,
      paddingTop: () => CELL_PADDING + 1,
      paddingBottom: () => CELL_PADDING + 1,
    },
    fontSize: SIZES.table,
    lineHeight: TABLE_LINE_HEIGHT,
  };
}

/** Labelled lines: a borderless two-column table, values wrapping under themselves; optionally ruled under each value. */
function fieldsBlock(block: Extract<Block, { type: 'fields' }>, ctx: Ctx): Node {
  const items = block.items.filter((item) => isActive(item, ctx.data)).map((item) => ({ label: fill(item.label, ctx.data), text: fill(item.text, ctx.data) }));
  const labelWidth = Math.max(0, ...items.map((i) => textWidth(i.label, ctx.body))) + 2;
  const rule = block.underline ?? false;
  return {
    table: {
      widths: [labelWidth, '*'],
      dontBreakRows: true,
      body: items.map((i) => [
        { text: i.label, border: [false, false, false, false] },
        { text: i.text, border: [false, false, false, rule] },
      ]),
    },
    layout: {
      hLineWidth: () => (rule ? 0.6 : 0),
      vLineWidth: () => 0,
      paddingLeft: () => 0,
      paddingRight: () => 0,
      paddingTop: () => (rule ? ctx.body * 0.6 : 0),
      paddingBottom: () => (rule ? 1 : 2),
    },
  };
}

function formCell(cell: FormCell, ctx: Ctx): Cell {
  if ('label' in cell) return labelCell(fill(cell.label, ctx.data), cell.span ?? 1);
  return valueCell(fill(cell.text, ctx.data), cell.span ?? 1, cell.align ?? 'left', cell.indent ?? false);
}

// ---------------------------------------------------------------------------------------------------------------
// Blocks
// ---------------------------------------------------------------------------------------------------------------

function renderBlocks(blocks: Block[], ctx: Ctx): Node[] {
  return keepHeadingsWithNext(stickToPrevious(blocks.filter((b) => isActive(b, ctx.data)).flatMap((b) => renderBlock(b, ctx))), ctx);
}

/**
 * A date line or a seal area is glued to the small node before it (a signature row, "特此告知。") in one piece that
 * cannot break, so that even in a keep group longer than a page the date and the seal never open a page alone.
 * Only small nodes are glued: pdfmake cannot split a piece taller than a page.
 */
function stickToPrevious(nodes: Node[]): Node[] {
  const out: Node[] = [];
  for (const node of nodes) {
    const prev = out.at(-1);
    if (node._stick === true && prev && prev._small === true) {
      delete prev._small;
      out[out.length - 1] = { stack: [prev, node], unbreakable: true };
    } else {
      out.push(node);
    }
  }
  for (const node of out) {
    delete node._stick;
    delete node._small;
  }
  return out;
}

function renderBlock(block: Block, ctx: Ctx): Node[] {
  const { data, body } = ctx;
  switch (block.type) {
    case 'title': {
      const nodes: Node[] = [];
      if (block.issuer) nodes.push({ text: fill(block.issuer, data), fontSize: SIZES.title, bold: true, alignment: 'center', lineHeight: 1.1 });
      if (block.large) {
        nodes.push({ text: fill(block.text, data), fontSize: SIZES.coverTitle, characterSpacing: SIZES.coverTitle * 0.5, bold: true, alignment: 'center', lineHeight: 1.1, margin: [SIZES.coverTitle * 0.5, block.issuer ? SIZES.coverTitle : 0, 0, body * 2] });
      } else {
        nodes.push({ text: fill(block.text, data), fontSize: SIZES.title, bold: true, alignment: 'center', lineHeight: 1.1, margin: [0, block.issuer ? 2 : 0, 0, body * 0.8] });
      }
      return nodes;
    }
    case 'numberLine':
      return [{ text: fill(block.text, data), alignment: 'right', margin: [0, 0, 0, body * 0.5] }];
    case 'heading':
      return [{ text: fill(block.text, data), bold: true, margin: [0, body * 0.3, 0, 0], _heading: true }];
    case 'paragraph': {
      const text = fill(block.text, data);
      return paragraphs(text).map((p) => ({ text: p, ...(block.indent ? indent(body) : {}), alignment: block.align ?? 'left', bold: block.bold ?? false, _small: p.length <= 60 }));
    }
    case 'parties':
      return [partiesBlock(data[block.source], ctx, block.prose ?? false)];
    case 'numberedList': {
      const items = data[block.field];
      return [
        {
          table: {
            widths: [body * 1.6, '*'],
            // an item may be long (requests run to 2,000 characters): rows may break, or pdfmake would cut them off
            body: items.map((item, i) => [{ text: `${i + 1}.`, alignment: 'right' }, { text: item }]),
          },
          layout: { ...noBorderLayout, paddingLeft: () => 0, paddingRight: () => 4, paddingTop: () => 0, paddingBottom: () => 0 },
        },
      ];
    }
    case 'formTable':
      return [formTable(block, ctx)];
    case 'signatures': {
      const parties: PartyEntry[] = data[block.source as PartyListField];
      const label = (p: PartyEntry, text: Text) => fill(text, data, { role: p.role, name: p.name });
      // each party, then (when the block asks for them) its agents; a box for natural persons unless switched off
      const rows = signatureEntries(block, parties, label);
      // one label width for the rows with a fingerprint box, so that their lines and boxes stand in a column;
      // the other rows take the width their label needs
      const labelWidth = Math.max(0, ...rows.filter((r) => r.fingerprint).map((r) => textWidth(r.label, body))) + 2;
      return rows.map(({ label: text, fingerprint, id }) => {
        const mark = id ? ctx.marks.signatures?.[id] : undefined;
        return { ...signatureRow(text, { fingerprint, date: block.date ?? false, size: body, ...(fingerprint ? { labelWidth } : {}), ...(mark ? { mark } : {}) }), _small: true };
      });
    }
    case 'statements':
      return data[block.field].flatMap((st) => {
        const [first = '', ...rest] = paragraphs(st.text);
        return [
          { text: [{ text: `${st.speaker}：`, bold: true }, { text: first }], margin: [0, body * 0.15, 0, 0] },
          ...rest.map((p) => ({ text: p, ...indent(body) })),
        ];
      });
    case 'listTable':
      return [listTable(block, ctx)];
    case 'fields':
      return [fieldsBlock(block, ctx)];
    case 'signatureLine':
      return [{ ...signatureRow(fill(block.label, data), { fingerprint: block.fingerprint ?? false, date: block.date ?? false, size: body }), _small: true }];
    case 'dateLine':
      return [{ text: fill(block.text, data), alignment: 'right', margin: [0, body * 0.4, body * 4, 0], _stick: true }];
    case 'sealArea':
      return [{ ...sealStack(fill(block.issuer, data) + (block.sealMark ?? ''), fill(block.date, data), CONTENT_WIDTH, body, undefined, ctx.marks.seal), _stick: true }];
    case 'keep':
      return keepGroup(block.blocks, ctx);
    case 'note':
      return [{ text: fill(block.text, data), fontSize: SIZES.note, margin: [0, 6, 0, 0] }];
    case 'spacer':
      return [{ text: ' ', margin: [0, 0, 0, (block.lines ?? 1) * body * LINE_HEIGHT * 0.45] }];
    case 'pageBreak':
      return [{ text: '', pageBreak: 'after' }];
    default:
      throw new Error(`unknown block ${JSON.stringify(block satisfies never)}`);
  }
}

/*
 * Keeping things together. pdfmake calls pageBreakBefore(node) for every laid-out node and, when it returns true,
 * inserts a page break before that node and lays the document out again. Two kinds of keeps use it:
 * - a keep group (`keep` block): if the group's last line lands on a later page than its start, the group starts on a
 *   new page (unless it already starts a page, i.e. it is longer than a page: then it flows);
 * - a heading is kept with the first line of what follows it.
 * The break goes before the group's first top-level node (a break inside a table cell would split the cell). Page
 * numbers are read from text leaves that carry an id: pdfmake corrects the page of those even inside blocks that
 * cannot break, where the position of other nodes still names the page they were measured on.
 */
const KEEP = 'keep:';
const KEEP_END = 'keep-end:';
const KEEP_ANCHOR = 'keep-anchor:';
const NEXT = 'keepnext:';
const NEXT_END = 'keepnext-end:';

/** Depth-first leaves (text nodes) of rendered content. */
function leaves(nodes: Node[]): Node[] {
  const out: Node[] = [];
  const walk = (node: unknown) => {
    if (!node || typeof node !== 'object') return;
    const n = node as Node;
    // (an ideographic space counts: it holds the line of a ruled blank, 调解结果 of an open session)
    if ((typeof n.text === 'string' && n.text.replace(/[ \t\r\n]/g, '') !== '') || Array.isArray(n.text)) out.push(n);
    for (const key of ['stack', 'columns']) if (Array.isArray(n[key])) (n[key] as unknown[]).forEach(walk);
    const table = n.table as { body?: unknown[][] } | undefined;
    if (table?.body) table.body.forEach((row) => row.forEach(walk));
  };
  nodes.forEach(walk);
  return out;
}

/** Height of the text block for a bottom margin (225 mm with the usual one). */
export const pageInnerHeight = (bottomMargin: number = PAGE_MARGINS[3]) => 297 * MM - PAGE_MARGINS[1] - bottomMargin;

function estimateCtx(ctx: Ctx): EstimateCtx {
  return { data: ctx.data, body: ctx.body, pageInnerHeight: ctx.pageInnerHeight, line: (size) => size * 1.45 * LINE_HEIGHT, signatureRowHeight };
}

function keepGroup(blocks: Block[], ctx: Ctx): Node[] {
  const nodes = renderBlocks(blocks, ctx);
  const texts = leaves(nodes);
  if (nodes.length === 0 || texts.length < 2) return nodes;
  if (estimateHeight(blocks, estimateCtx(ctx)) > ctx.pageInnerHeight * 0.9) return nodes;
  const k = ctx.keeps++;
  // the first top-level node carries the break; its first text leaf anchors its page number
  if (texts[0] !== nodes[0]) texts[0]!.id = `${KEEP_ANCHOR}${k}`;
  nodes[0]!.id = `${KEEP}${k}`;
  texts[texts.length - 1]!.id = `${KEEP_END}${k}`;
  return nodes;
}

/** Gives each heading the id that keeps it with the first text line of the next node. */
function keepHeadingsWithNext(nodes: Node[], ctx: Ctx): Node[] {
  nodes.forEach((node, i) => {
    if (node._heading !== true || node.id) return;
    delete node._heading;
    const next = leaves(nodes.slice(i + 1, i + 2))[0];
    if (!next || next.id) return;
    const k = ctx.keeps++;
    node.id = `${NEXT}${k}`;
    next.id = `${NEXT_END}${k}`;
  });
  for (const node of nodes) delete node._heading;
  return nodes;
}

interface NodeInfo {
  id?: string;
  pageNumbers: number[];
}
interface PageBreakContext {
  getFollowingNodesOnPage(): NodeInfo[];
  getPreviousNodesOnPage(): NodeInfo[];
}

/** pdfmake's pageBreakBefore hook for keep groups and headings (see above). */
export function keepTogether(node: NodeInfo, page: PageBreakContext): boolean {
  const id = node.id ?? '';
  const group = id.startsWith(KEEP);
  if (!group && !id.startsWith(NEXT)) return false;
  const k = id.slice(group ? KEEP.length : NEXT.length);
  const following = page.getFollowingNodesOnPage();
  const startPage = group ? (following.find((n) => n.id === `${KEEP_ANCHOR}${k}`)?.pageNumbers[0] ?? node.pageNumbers[0]) : node.pageNumbers[0];
  const end = following.find((n) => n.id === `${group ? KEEP_END : NEXT_END}${k}`);
  // a group must end on its first page; a heading needs only the first line of what follows on its page
  if (end && end.pageNumbers[0] === startPage && (!group || end.pageNumbers.every((p) => p === startPage))) return false;
  // already at the top of a page: the group is longer than a page, let it flow
  return page.getPreviousNodesOnPage().length > 0;
}

// ---------------------------------------------------------------------------------------------------------------
// Document
// ---------------------------------------------------------------------------------------------------------------

/** A PNG with its size in pixels (the size sets the aspect ratio it is printed with). */
export interface PdfImage {
  png: Buffer;
  width: number;
  height: number;
}

/** What stands on a signer's line: the signature captured on the workstation, or a note of one made on paper. */
export interface SignatureMark {
  image?: PdfImage;
  /** e.g. （纸质文本签名） */
  note?: string;
}

export interface RenderOptions {
  /** PDF creation date (the issue time), so that the file records when it was made by the workstation's clock. */
  createdAt?: Date;
  /** A draft: the word printed faintly across every page and a note at the top of each (never on a final copy). */
  draft?: { watermark: string; note: string };
  /** Signatures by signer (PartyEntry.id), printed on their lines in `signatures` blocks. */
  signatures?: Readonly<Record<string, SignatureMark>>;
  /** The committee seal, stamped over the issuer name and date of the seal area. */
  seal?: PdfImage;
}

export function buildDocDefinition(def: TemplateDefinition, data: DocumentData, opts: RenderOptions = {}): Node {
  const body = SIZES.body[def.density ?? 'normal'];
  const signers = pageSignersOf(def, data);
  const bottom = signers?.bottomMargin ?? PAGE_MARGINS[3];
  const ctx: Ctx = { data, marks: { ...(opts.signatures ? { signatures: opts.signatures } : {}), ...(opts.seal ? { seal: opts.seal } : {}) }, body, keeps: 0, pageInnerHeight: pageInnerHeight(bottom) };
  const content = renderBlocks(def.blocks, ctx);
  return {
    pageSize: 'A4',
    pageMargins: [PAGE_MARGINS[0], PAGE_MARGINS[1], PAGE_MARGINS[2], bottom],
    language: 'zh-CN',
    info: {
      title: `${def.title} ${data.caseNumber}`,
      author: data.committeeName,
      subject: `${data.caseNumber} ${def.title}`,
      creator: '调解工作台',
      producer: '调解工作台（pdfmake）',
      ...(opts.createdAt ? { creationDate: opts.createdAt } : {}),
    },
    defaultStyle: { font: FONT_FAMILY, fontSize: body, lineHeight: LINE_HEIGHT },
    content,
    ...(opts.draft
      ? {
          watermark: { text: opts.draft.watermark, color: '#9a9a9a', opacity: 0.16, bold: true, fontSize: 150 },
          header: () => ({ text: opts.draft!.note, fontSize: SIZES.note, color: '#777777', alignment: 'right', margin: [PAGE_MARGINS[0], 14 * MM, PAGE_MARGINS[2], 0] }),
        }
      : {}),
    ...(def.pageNumbers === false
      ? {}
      : {
          footer: (currentPage: number) => {
            const number = {
              text: `— ${currentPage} —`,
              fontSize: SIZES.pageNumber,
              lineHeight: 1,
              alignment: currentPage % 2 === 1 ? 'right' : 'left',
              // one line (7 mm) below the text block (under the signatures when there are), one character in from
              // the edge of the text block
              margin: [PAGE_MARGINS[0] + SIZES.pageNumber, signers ? SIGNER_GRID.numberGap : 7 * MM, PAGE_MARGINS[2] + SIZES.pageNumber, 0],
            };
            return signers ? { stack: [...signerFooter(signers), number] } : number;
          },
        }),
    pageBreakBefore: keepTogether,
  };
}

/** Renders a template with its data to PDF bytes. The caller checks required fields first (checkRequiredFields). */
export async function renderPdf(def: TemplateDefinition, data: DocumentData, opts: RenderOptions = {}): Promise<Buffer> {
  const pdfmake = pdfmakeWithFonts();
  return pdfmake.createPdf(buildDocDefinition(def, data, opts)).getBuffer();
}
