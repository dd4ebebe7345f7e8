/**
 * Realistic images for the signed agreement: a committee seal (a red ring, the committee's name along the upper arc,
 * a star, 人民调解专用章 under it) and handwritten-looking signatures (the name, slanted, in blue-black ink, on a
 * transparent canvas as signature_pad gives it). Drawn with pdfkit (pdfmake's own) and rasterised by pdftocairo with a
 * transparent background, so that what the tests stamp on the agreement looks like what a center would upload.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { FONT_FILES, fontPackageDir } from '../../../electron/main/documents/fonts';

const require = createRequire(import.meta.url);

/** The part of pdfkit used here (it ships no types). */
interface Pdf {
  on(event: 'data', listener: (chunk: Buffer) => void): Pdf;
  on(event: 'end', listener: () => void): Pdf;
  registerFont(name: string, file: string): Pdf;
  font(name: string): Pdf;
  fontSize(size: number): Pdf;
  fillColor(color: string): Pdf;
  strokeColor(color: string): Pdf;
  lineWidth(width: number): Pdf;
  circle(x: number, y: number, r: number): Pdf;
  polygon(...points: [number, number][]): Pdf;
  stroke(): Pdf;
  fill(color?: string): Pdf;
  save(): Pdf;
  restore(): Pdf;
  rotate(angle: number, opts?: { origin: [number, number] }): Pdf;
  transform(a: number, b: number, c: number, d: number, e: number, f: number): Pdf;
  text(text: string, x: number, y: number, opts?: object): Pdf;
  widthOfString(text: string): number;
  end(): void;
}
const PDFDocument = require('pdfkit') as new (opts: object) => Pdf;

const BOLD = path.join(fontPackageDir(), FONT_FILES.bold);

async function draw(width: number, height: number, paint: (doc: Pdf) => void): Promise<Buffer> {
  const doc = new PDFDocument({ size: [width, height], margin: 0 });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve) => doc.on('data', (c) => chunks.push(c)).on('end', () => resolve(Buffer.concat(chunks))));
  doc.registerFont('seal', BOLD);
  doc.font('seal');
  paint(doc);
  doc.end();
  return done;
}

/** Rasterises a one-page PDF to a PNG with a transparent background (pdftocairo -transp). */
function toPng(pdf: Buffer, dpi: number): Buffer {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'agreement-image-'));
  try {
    writeFileSync(path.join(dir, 'in.pdf'), pdf);
    execFileSync('pdftocairo', ['-png', '-transp', '-singlefile', '-r', String(dpi), path.join(dir, 'in.pdf'), path.join(dir, 'out')]);
    return readFileSync(path.join(dir, 'out.png'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A round red committee seal, about 500 px across. */
export async function sealPng(committee = '义乌市人民调解委员会'): Promise<Buffer> {
  const size = 120; // points; at 300 dpi ≈ 500 px
  const c = size / 2;
  const red = '#d7141a';
  const pdf = await draw(size, size, (doc) => {
    doc.lineWidth(3.2).strokeColor(red).circle(c, c, c - 2.5).stroke();
    // the name along the upper arc, from about 8 o'clock to 4 o'clock, each character upright towards the centre
    const chars = [...committee];
    const span = 230;
    const fontSize = 15;
    doc.fontSize(fontSize).fillColor(red);
    chars.forEach((ch, i) => {
      const angle = -span / 2 + (span * (i + 0.5)) / chars.length;
      doc.save().rotate(angle, { origin: [c, c] });
      doc.text(ch, c - fontSize / 2, 7.5, { lineBreak: false });
      doc.restore();
    });
    // the star
    const star: [number, number][] = [];
    for (let k = 0; k < 10; k++) {
      const r = k % 2 === 0 ? 17 : 7;
      const a = (Math.PI / 5) * k - Math.PI / 2;
      star.push([c + r * Math.cos(a), c + 3 + r * Math.sin(a)]);
    }
    doc.polygon(...star).fill(red);
    doc.fontSize(9.5).fillColor(red);
    const label = '人民调解专用章';
    doc.text(label, c - doc.widthOfString(label) / 2, c + 27, { lineBreak: false });
  });
  return toPng(pdf, 300);
}

/** A signature as signature_pad gives it: the name written slanted in blue-black ink, on a transparent 3:1 canvas. */
export async function signaturePng(name: string): Promise<Buffer> {
  const width = 180;
  const height = 60;
  const pdf = await draw(width, height, (doc) => {
    const fontSize = name.length > 4 ? 26 : 34;
    doc.fontSize(fontSize).fillColor('#1b2a5c');
    const textWidth = doc.widthOfString(name);
    // slanted and a little rotated, as a hand writes quickly
    doc.save().rotate(-6, { origin: [width / 2, height / 2] }).transform(1, 0, -0.28, 1, 10, 0);
    doc.text(name, (width - textWidth) / 2, (height - fontSize * 1.3) / 2, { lineBreak: false });
    doc.restore();
  });
  return toPng(pdf, 240);
}
