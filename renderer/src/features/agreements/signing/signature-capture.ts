/**
 * From what signature_pad holds to what agreements:sign takes: the PNG (cropped to the ink, as base64 without the
 * data: prefix) and the stroke data (its toData(), reduced to the fields the host's schema accepts), which the host
 * keeps beside the image as evidence of how the signature was written.
 */
import type { PointGroup } from 'signature_pad';
import type { SignAgreementInput } from '../../../../../electron/shared/ipc/contract';

export type ApiStrokes = NonNullable<SignAgreementInput['strokes']>;

/** The host's caps (SignInputShape): 500 strokes of 20,000 points. */
const MAX_STROKES = 500;
const MAX_POINTS = 20_000;

/** "data:image/png;base64,AAAA" → "AAAA". */
export function dataUrlToBase64(url: string): string {
  const comma = url.indexOf(',');
  return comma < 0 ? url : url.slice(comma + 1);
}

/** signature_pad's point groups as the API takes them; empty strokes dropped, nothing beyond the caps. */
export function strokesForApi(groups: readonly PointGroup[]): ApiStrokes {
  return groups
    .filter((g) => g.points.length > 0)
    .slice(0, MAX_STROKES)
    .map((g) => ({
      penColor: g.penColor,
      dotSize: g.dotSize,
      minWidth: g.minWidth,
      maxWidth: g.maxWidth,
      velocityFilterWeight: g.velocityFilterWeight,
      compositeOperation: g.compositeOperation,
      points: g.points.slice(0, MAX_POINTS).map((p) => ({ x: p.x, y: p.y, time: p.time, ...(typeof p.pressure === 'number' ? { pressure: p.pressure } : {}) })),
    }));
}

/** The box holding every non-transparent pixel of RGBA data, or null when there is none. */
export function inkBounds(data: Uint8ClampedArray, width: number, height: number): { x: number; y: number; width: number; height: number } | null {
  let minX = width;
  let minY = height;
  let maxX = -1;
  let maxY = -1;
  for (let y = 0; y < height; y += 1) {
    for (let x = 0; x < width; x += 1) {
      if (data[(y * width + x) * 4 + 3]! === 0) continue;
      if (x < minX) minX = x;
      if (x > maxX) maxX = x;
      if (y < minY) minY = y;
      if (y > maxY) maxY = y;
    }
  }
  return maxX < 0 ? null : { x: minX, y: minY, width: maxX - minX + 1, height: maxY - minY + 1 };
}

/**
 * The signature cropped to its ink plus a margin, on a transparent background (it is printed over the signature
 * line). The whole pad would print a small signature lost in a wide empty box. Falls back to the whole canvas.
 */
export function croppedPng(canvas: HTMLCanvasElement, margin = 12): string {
  const ctx = canvas.getContext('2d');
  if (!ctx) return canvas.toDataURL('image/png');
  const box = inkBounds(ctx.getImageData(0, 0, canvas.width, canvas.height).data, canvas.width, canvas.height);
  if (!box) return canvas.toDataURL('image/png');
  const x = Math.max(0, box.x - margin);
  const y = Math.max(0, box.y - margin);
  const w = Math.min(canvas.width - x, box.width + 2 * margin);
  const h = Math.min(canvas.height - y, box.height + 2 * margin);
  const out = document.createElement('canvas');
  out.width = w;
  out.height = h;
  out.getContext('2d')?.drawImage(canvas, x, y, w, h, 0, 0, w, h);
  return out.toDataURL('image/png');
}
