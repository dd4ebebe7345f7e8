/**
 * The fonts every document is set in: Noto Serif SC (思源宋体) Regular and Bold, from the
 * @expo-google-fonts/noto-serif-sc package. They are read from disk once per process into pdfmake's virtual file
 * system and referred to by name from then on; pdfmake is told it may fetch no URL and read no local file, so a
 * document can never pull in anything else. pdfkit subsets the fonts into each PDF (only the glyphs used).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

/** The part of pdfmake 0.3's server API used here (it ships no type declarations). */
export interface PdfMake {
  virtualfs: { existsSync(name: string): boolean; writeFileSync(name: string, content: Buffer): void };
  setFonts(fonts: Record<string, { normal: string; bold: string; italics?: string; bolditalics?: string }>): void;
  setUrlAccessPolicy(policy: (url: string) => boolean): void;
  setLocalAccessPolicy(policy: (path: string) => boolean): void;
  createPdf(docDefinition: object, options?: object): { getBuffer(): Promise<Buffer> };
}

export const FONT_FAMILY = 'NotoSerifSC';
const REGULAR = 'NotoSerifSC-Regular.ttf';
const BOLD = 'NotoSerifSC-Bold.ttf';

const require = createRequire(import.meta.url);

/** The font package's folder, found through Node's resolution (works from source, from out/, and inside app.asar). */
export function fontPackageDir(): string {
  return path.dirname(require.resolve('@expo-google-fonts/noto-serif-sc/package.json'));
}

export const FONT_FILES = {
  normal: path.join('400Regular', 'NotoSerifSC_400Regular.ttf'),
  bold: path.join('700Bold', 'NotoSerifSC_700Bold.ttf'),
} as const;

let ready: PdfMake | null = null;

/** pdfmake with the fonts loaded and the access policies set; the first call reads the fonts (≈30 MB), later calls are free. */
export function pdfmakeWithFonts(): PdfMake {
  if (ready) return ready;
  const pdfmake = require('pdfmake') as PdfMake;
  const dir = fontPackageDir();
  if (!pdfmake.virtualfs.existsSync(REGULAR)) pdfmake.virtualfs.writeFileSync(REGULAR, readFileSync(path.join(dir, FONT_FILES.normal)));
  if (!pdfmake.virtualfs.existsSync(BOLD)) pdfmake.virtualfs.writeFileSync(BOLD, readFileSync(path.join(dir, FONT_FILES.bold)));
  pdfmake.setFonts({ [FONT_FAMILY]: { normal: REGULAR, bold: BOLD, italics: REGULAR, bolditalics: BOLD } });
  // Documents are made from case data only: no remote resources, and no local file outside the virtual file system.
  pdfmake.setUrlAccessPolicy(() => false);
  pdfmake.setLocalAccessPolicy(() => false);
  ready = pdfmake;
  return pdfmake;
}
