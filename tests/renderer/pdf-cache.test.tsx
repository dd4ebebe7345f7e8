// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';

// pdf.js itself cannot run in jsdom: getDocument hands out fake documents that record being destroyed.
const destroyed: string[] = [];
vi.mock('pdfjs-dist', () => ({
  GlobalWorkerOptions: {},
  PDFWorker: class {},
  getDocument: ({ data }: { data: Uint8Array }) => {
    const name = new TextDecoder().decode(data);
    return { promise: Promise.resolve({ name, numPages: 1, destroy: async () => void destroyed.push(name) }) };
  },
}));
vi.mock('pdfjs-dist/build/pdf.worker.min.mjs?worker&url', () => ({ default: 'pdf.worker.js' }));
// A worker that says it is ready at once.
globalThis.Worker = class {
  addEventListener(type: string, listener: () => void) {
    if (type === 'message') setTimeout(listener, 0);
  }
  removeEventListener() {}
  terminate() {}
} as unknown as typeof Worker;

const { acquirePdf } = await import('../../renderer/src/lib/pdfjs');
const { keepDrawnPage, takeDrawnPage, forgetDrawnPages } = await import('../../renderer/src/lib/pdf-page-cache');

const bytes = (text: string) => () => new TextEncoder().encode(text);
const canvas = (width: number, height: number) => Object.assign(document.createElement('canvas'), { width, height });
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

afterEach(() => {
  destroyed.length = 0;
});

describe('shared pdf.js documents', () => {
  it('parses the same bytes once for everyone who shows or prints them, and keeps a closed one for the next time', async () => {
    const decode = vi.fn(bytes('A'));
    const viewer = acquirePdf('QQ==', decode);
    const printing = acquirePdf('QQ==', decode);
    expect(printing.id).toBe(viewer.id);
    expect(await printing.doc).toBe(await viewer.doc);
    expect(decode).toHaveBeenCalledTimes(1);
    viewer.release();
    printing.release();
    printing.release(); // a second release changes nothing
    await settle();
    expect(destroyed).toEqual([]);
    const again = acquirePdf('QQ==', decode);
    expect(again.id).toBe(viewer.id);
    expect(decode).toHaveBeenCalledTimes(1);
    again.release();
  });

  it('destroys the oldest closed documents beyond four, with the pages drawn of them; documents still shown stay', async () => {
    const shown = acquirePdf('shown', bytes('shown'));
    const closed = ['one', 'two', 'three', 'four', 'five', 'six'].map((name) => {
      const handle = acquirePdf(name, bytes(name));
      keepDrawnPage(handle.id, 1, 1, canvas(10, 10));
      return handle;
    });
    for (const handle of closed) {
      await handle.doc;
      handle.release();
    }
    await settle();
    // 'A' from the test before, then 'one' and 'two': seven closed, four kept.
    expect(destroyed.sort()).toEqual(['A', 'one', 'two'].sort());
    expect(takeDrawnPage(closed[0]!.id, 1, 1)).toBeNull();
    expect(takeDrawnPage(closed[5]!.id, 1, 1)).not.toBeNull();
    expect(destroyed).not.toContain('shown');
    shown.release();
  });

  it('a file that cannot be opened is not kept: the next attempt parses it again', async () => {
    const decode = vi.fn(() => {
      throw new Error('not base64');
    });
    await expect(acquirePdf('broken', decode).doc).rejects.toThrow('not base64');
    await settle();
    await expect(acquirePdf('broken', decode).doc).rejects.toThrow('not base64');
    expect(decode).toHaveBeenCalledTimes(2);
  });
});

describe('drawn pages kept for later', () => {
  it('hands a kept drawing over once, at the scale it was drawn at', () => {
    const drawing = canvas(100, 140);
    keepDrawnPage(901, 2, 1.5, drawing);
    expect(takeDrawnPage(901, 2, 1)).toBeNull();
    expect(takeDrawnPage(901, 2, 1.5)).toBe(drawing);
    expect(takeDrawnPage(901, 2, 1.5)).toBeNull();
  });

  it('drops the oldest drawings beyond its pixel budget and frees their memory', () => {
    const old = canvas(2000, 3000);
    const middle = canvas(2000, 3000);
    const latest = canvas(2000, 3000);
    keepDrawnPage(902, 1, 2, old);
    keepDrawnPage(902, 2, 2, middle);
    keepDrawnPage(902, 3, 2, latest);
    expect(takeDrawnPage(902, 1, 2)).toBeNull();
    expect(old.width).toBe(0);
    expect(takeDrawnPage(902, 3, 2)).toBe(latest);
    forgetDrawnPages(902);
    expect(takeDrawnPage(902, 2, 2)).toBeNull();
    expect(middle.width).toBe(0);
  });
});
