import { isActive } from './check';
import type { Block, DocumentData } from './model';
import { CONTENT_WIDTH, SIZES, fill, signatureEntries, textWidth } from './render-pdf';

/** What a renderer tells the estimate about its own geometry (line pitch, signature rows, page height). */
export interface EstimateCtx {
  data: DocumentData;
  body: number;
  pageInnerHeight: number;
  line(size: number): number;
  signatureRowHeight(label: string, opts: { fingerprint: boolean; date: boolean; size: number }): number;
}

function paragraphs(text: string): string[] {
  return text.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
}

/**
 * A generous estimate of the height of blocks, in points, shared by the PDF and DOCX renderers so that both keep the
 * same groups together. A keep group estimated at more than 90% of a page is not kept (it could not fit on one page
 * anyway; moving it would only leave a half-empty page behind).
 */
export function estimateHeight(blocks: Block[], ctx: EstimateCtx): number {
  const { line, signatureRowHeight } = ctx;
  const textLines = (text: string, size: number, width = CONTENT_WIDTH) => paragraphs(text).reduce((n, p) => n + Math.max(1, Math.ceil((textWidth(p, size) + 2 * size) / width)), 0);
  let h = 0;
  for (const block of blocks) {
    if (!isActive(block, ctx.data)) continue;
    switch (block.type) {
      case 'paragraph':
        h += textLines(fill(block.text, ctx.data), ctx.body) * line(ctx.body);
        break;
      case 'heading':
      case 'numberLine':
      case 'note':
        h += line(ctx.body) * 1.3;
        break;
      case 'title':
        h += line(SIZES.title) * (block.issuer ? 2 : 1) + ctx.body + (block.large ? line(SIZES.coverTitle) * 2 : 0);
        break;
      case 'fields':
        h += block.items.reduce((n, item) => n + (isActive(item, ctx.data) ? textLines(fill(item.text, ctx.data), ctx.body, CONTENT_WIDTH * 0.7) * line(ctx.body) + (block.underline ? ctx.body * 0.6 : 0) : 0), 0);
        break;
      case 'spacer':
        h += (block.lines ?? 1) * line(ctx.body) * 0.5;
        break;
      case 'dateLine':
        h += line(ctx.body) * 1.5;
        break;
      case 'sealArea':
        h += line(ctx.body) * 4;
        break;
      case 'signatureLine':
        h += signatureRowHeight(fill(block.label, ctx.data), { fingerprint: block.fingerprint ?? false, date: block.date ?? false, size: ctx.body }) + 2;
        break;
      case 'signatures':
        for (const row of signatureEntries(block, ctx.data[block.source], (p, text) => fill(text, ctx.data, { role: p.role, name: p.name }))) {
          h += signatureRowHeight(row.label, { fingerprint: row.fingerprint, date: block.date ?? false, size: ctx.body }) + 2;
        }
        break;
      case 'statements':
        h += ctx.data[block.field].reduce((n, st) => n + textLines(`${st.speaker}：${st.text}`, ctx.body) * line(ctx.body), 0);
        break;
      case 'listTable':
        h += (Math.max(ctx.data[block.field].length, block.minRows ?? 0) + 1) * line(SIZES.table) * 1.8;
        break;
      case 'parties':
      case 'numberedList':
      case 'formTable':
        // only short tables belong in keep groups; count them as a page-filling unknown unless small
        h += 'rows' in block ? block.rows.length * line(SIZES.table) * 2.2 : ctx.pageInnerHeight;
        break;
      case 'keep':
        h += estimateHeight(block.blocks, ctx);
        break;
      case 'pageBreak':
        h += ctx.pageInnerHeight;
        break;
      default:
        throw new Error(`unknown block ${JSON.stringify(block satisfies never)}`);
    }
  }
  return h;
}
