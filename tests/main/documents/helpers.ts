/** Shared helpers for the document engine tests: a complete case record, and poppler/qpdf wrappers. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { inflateRawSync } from 'node:zlib';
import path from 'node:path';
import {
  CASE_SCHEMA_VERSION,
  type CaseRecord,
  type CenterSettings,
  type Staff,
  defaultSettings,
  normaliseCaseInput,
} from '../../../electron/shared/domain';
import { FIXTURE_TODAY, roadTrafficCaseInput } from '../../fixtures/cases';

export const CLERK: Staff = { id: '0b7a3f5e-2c1d-4e8f-9a6b-5c4d3e2f1a01', name: '周海燕', loginName: 'zhouhy', roles: ['admin', 'clerk', 'mediator'], active: true, createdAt: '2026-01-05T08:00:00.000Z' };
export const MEDIATOR: Staff = { id: '0b7a3f5e-2c1d-4e8f-9a6b-5c4d3e2f1a02', name: '王志强', loginName: 'wangzq', roles: ['mediator'], active: true, createdAt: '2026-01-05T08:00:00.000Z' };

export function fixtureSettings(overrides: Partial<CenterSettings> = {}): CenterSettings {
  return { ...defaultSettings('义乌市矛盾纠纷调处化解中心', '义乌市人民调解委员会', 'X'), phone: '0579-85181234', address: '浙江省义乌市稠城街道县前街1号', ...overrides };
}

/** The road-traffic fixture as a stored record (registered 2026-05-01 09:30 China time by 周海燕). */
export function fixtureRecord(change: (r: CaseRecord) => CaseRecord = (r) => r): CaseRecord {
  const input = normaliseCaseInput(roadTrafficCaseInput(), FIXTURE_TODAY);
  const record: CaseRecord = {
    schemaVersion: CASE_SCHEMA_VERSION,
    id: '9d5c1e2a-7b3f-4a60-8c2d-1f0e9a8b7c6d',
    caseNumber: '（2026）X调字第0001号',
    year: 2026,
    seq: 1,
    revision: 1,
    createdAt: '2026-05-01T01:30:00.000Z',
    updatedAt: '2026-05-01T01:30:00.000Z',
    dispute: input.dispute,
    parties: input.parties,
    agents: input.agents,
    assignment: null,
    deadlines: { mediationDue: null, transferReplyDue: null },
    decision: null,
    sessions: [],
    attachments: [],
    termination: null,
    agreement: null,
    documents: [],
    actions: [{ id: '3e4f5a6b-7c8d-4e9f-8a0b-1c2d3e4f5a6b', type: 'REGISTERED', at: '2026-05-01T01:30:00.000Z', by: CLERK.id, note: '' }],
  };
  return change(record);
}

function withTempFile<T>(bytes: Uint8Array, run: (file: string) => T): T {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'doc-test-'));
  const file = path.join(dir, 'doc.pdf');
  try {
    writeFileSync(file, bytes);
    return run(file);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** `pdftotext -layout` (or `-raw`: content-stream order) of the whole document, or of one page. */
export function pdfText(bytes: Uint8Array, page?: number, mode: 'layout' | 'raw' = 'layout'): string {
  return withTempFile(bytes, (file) => {
    const range = page ? ['-f', String(page), '-l', String(page)] : [];
    return execFileSync('pdftotext', [`-${mode}`, ...range, file, '-'], { encoding: 'utf8' });
  });
}

/** Text without any whitespace, so that values wrapped over two lines still match. */
export const squash = (s: string) => s.replace(/\s+/g, '');

export function pdfPages(bytes: Uint8Array): number {
  return withTempFile(bytes, (file) => Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))![1]));
}

export function pdfInfo(bytes: Uint8Array): string {
  return withTempFile(bytes, (file) => execFileSync('pdfinfo', [file], { encoding: 'utf8' }));
}

/** Rows of `pdffonts`: name, type, embedded, subset. */
export function pdfFonts(bytes: Uint8Array): { name: string; type: string; embedded: boolean; subset: boolean }[] {
  const out = withTempFile(bytes, (file) => execFileSync('pdffonts', [file], { encoding: 'utf8' }));
  return out
    .split('\n')
    .slice(2)
    .filter((l) => l.trim())
    .map((line) => {
      const cols = line.trim().split(/\s+/);
      // name, type (may be two words), encoding, emb, sub, uni, object, id
      const [emb, sub] = cols.slice(-5, -3);
      return { name: cols[0]!, type: cols.slice(1, -6).join(' '), embedded: emb === 'yes', subset: sub === 'yes' };
    });
}

/** qpdf --check; returns its exit status and output. */
export function qpdfCheck(bytes: Uint8Array): { ok: boolean; output: string } {
  return withTempFile(bytes, (file) => {
    try {
      return { ok: true, output: execFileSync('qpdf', ['--check', file], { encoding: 'utf8' }) };
    } catch (error) {
      const e = error as { stdout?: string; stderr?: string };
      return { ok: false, output: `${e.stdout ?? ''}${e.stderr ?? ''}` };
    }
  });
}

/** A4 height in points, as pdftotext measures (72 dpi). */
const A4_HEIGHT = 841.89;

/**
 * The text of the text block of every page, the footer cut off (pdftotext -y/-H crop): a record's footer holds the
 * signatures of every page (page-signers.ts), which would otherwise interleave with the text running across pages.
 * `bottomMargin` is the document's (bottomMarginOf); a few points of slack keep the last line of the block.
 */
export function pdfBodyText(bytes: Uint8Array, bottomMargin: number, mode: 'layout' | 'raw' = 'layout', page?: number): string {
  return withTempFile(bytes, (file) => {
    const range = page ? ['-f', String(page), '-l', String(page)] : [];
    const crop = ['-x', '0', '-y', '0', '-W', '595', '-H', String(Math.floor(A4_HEIGHT - bottomMargin + 4))];
    return execFileSync('pdftotext', [`-${mode}`, ...range, ...crop, file, '-'], { encoding: 'utf8' });
  });
}

/** The text of a page's footer alone (the signatures of the page and its number); `raw`: in drawing order, cell by cell. */
export function pdfFooterText(bytes: Uint8Array, bottomMargin: number, page: number, mode: 'layout' | 'raw' = 'raw'): string {
  return withTempFile(bytes, (file) => {
    const top = Math.floor(A4_HEIGHT - bottomMargin + 4);
    const crop = ['-x', '0', '-y', String(top), '-W', '595', '-H', String(Math.ceil(A4_HEIGHT) - top)];
    return execFileSync('pdftotext', [`-${mode}`, '-f', String(page), '-l', String(page), ...crop, file, '-'], { encoding: 'utf8' });
  });
}

/** Squashed text without the page-number lines (a paragraph that runs onto the next page is read as one). */
export function withoutPageNumbers(text: string): string {
  return squash(text.replace(/^\s*—\s*\d+\s*—\s*$/gm, ''));
}

/**
 * The values a PDF does not print. Text is compared without whitespace; -layout keeps table rows on their lines, but
 * a long value wrapped inside a cell is interleaved there with the label beside it, so values are also looked up in
 * content-stream order (-raw).
 */
export function missingValues(bytes: Uint8Array, values: readonly string[]): string[] {
  const layout = withoutPageNumbers(pdfText(bytes));
  const raw = withoutPageNumbers(pdfText(bytes, undefined, 'raw'));
  return values.filter((v) => !layout.includes(squash(v)) && !raw.includes(squash(v)));
}

/** The parts of a DOCX (a zip): name → text. Enough of the zip format for what the docx library writes. */
export function docxParts(bytes: Buffer): Map<string, string> {
  const eocd = bytes.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = bytes.readUInt16LE(eocd + 10);
  let at = bytes.readUInt32LE(eocd + 16);
  const parts = new Map<string, string>();
  for (let i = 0; i < count; i++) {
    const method = bytes.readUInt16LE(at + 10);
    const size = bytes.readUInt32LE(at + 20);
    const nameLength = bytes.readUInt16LE(at + 28);
    const extraLength = bytes.readUInt16LE(at + 30);
    const commentLength = bytes.readUInt16LE(at + 32);
    const local = bytes.readUInt32LE(at + 42);
    const name = bytes.toString('utf8', at + 46, at + 46 + nameLength);
    const start = local + 30 + bytes.readUInt16LE(local + 26) + bytes.readUInt16LE(local + 28);
    const raw = bytes.subarray(start, start + size);
    parts.set(name, (method === 8 ? inflateRawSync(raw) : Buffer.from(raw)).toString('utf8'));
    at += 46 + nameLength + extraLength + commentLength;
  }
  return parts;
}

/** The text runs of a DOCX part (<w:t>), concatenated: what Word shows, without layout. */
export function docxText(xml: string): string {
  return (xml.match(/<w:t(?: [^>]*)?>[^<]*<\/w:t>/g) ?? []).map((t) => t.replace(/<[^>]+>/g, '')).join('');
}

/** The LibreOffice binary, or null where it is not installed. */
export function findSoffice(): string | null {
  for (const name of ['soffice', 'libreoffice']) {
    try {
      const found = execFileSync('which', [name], { encoding: 'utf8' }).trim();
      if (found) return found;
    } catch {
      // not on PATH
    }
  }
  return null;
}

/** Converts DOCX files to PDF with LibreOffice in one run (own profile); name → PDF bytes of those converted. */
export function convertWithSoffice(soffice: string, files: Record<string, Buffer>): Map<string, Buffer> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'soffice-'));
  try {
    const paths = Object.entries(files).map(([name, bytes]) => {
      const file = path.join(dir, `${name}.docx`);
      writeFileSync(file, bytes);
      return file;
    });
    execFileSync(soffice, [`-env:UserInstallation=file://${path.join(dir, 'profile')}`, '--headless', '--convert-to', 'pdf', '--outdir', path.join(dir, 'out'), ...paths], { stdio: ['ignore', 'pipe', 'pipe'], timeout: 90_000 });
    const out = new Map<string, Buffer>();
    for (const name of Object.keys(files)) {
      try {
        out.set(name, readFileSync(path.join(dir, 'out', `${name}.pdf`)));
      } catch {
        // not converted: the caller reports it
      }
    }
    return out;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export interface WordBox {
  text: string;
  yMin: number;
  yMax: number;
}

/** Every word of every page with its vertical extent in points from the top (pdftotext -bbox). */
export function pdfWordBoxes(bytes: Uint8Array): WordBox[][] {
  const html = withTempFile(bytes, (file) => execFileSync('pdftotext', ['-bbox', file, '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }));
  return html
    .split(/<page [^>]*>/)
    .slice(1)
    .map((page) =>
      [...page.matchAll(/<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)<\/word>/g)].map((m) => ({ text: m[3]!, yMin: Number(m[1]), yMax: Number(m[2]) })),
    );
}
