import { inflateSync } from 'node:zlib';
import { type Check, fail, ok } from '../../shared/validation/issue';

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
/** Larger than any seal scan needs; keeps settings small and documents light. */
export const MAX_IMAGE_BYTES = 2 * 1024 * 1024;

export interface PngInfo {
  width: number;
  height: number;
  hasAlpha: boolean;
}

/**
 * Reads what we need from a PNG without decoding it: the IHDR size and whether it can be transparent (an alpha
 * colour type, or a tRNS chunk before the image data). Anything that is not a well-formed PNG is refused.
 */
export function inspectPng(bytes: Buffer): Check<PngInfo> {
  if (bytes.length > MAX_IMAGE_BYTES) return fail('INVALID_VALUE', '图片不能超过2MB');
  if (bytes.length < 33 || !bytes.subarray(0, 8).equals(SIGNATURE)) return fail('INVALID_VALUE', '请选择PNG格式的图片');
  if (bytes.toString('latin1', 12, 16) !== 'IHDR') return fail('INVALID_VALUE', 'PNG文件已损坏（缺少IHDR）');
  const width = bytes.readUInt32BE(16);
  const height = bytes.readUInt32BE(20);
  const colorType = bytes[25]!;
  if (width < 16 || height < 16 || width > 4000 || height > 4000) return fail('INVALID_VALUE', '图片尺寸应在16至4000像素之间');
  let hasAlpha = colorType === 4 || colorType === 6;
  let at = 8;
  while (at + 8 <= bytes.length) {
    const length = bytes.readUInt32BE(at);
    const type = bytes.toString('latin1', at + 4, at + 8);
    if (type === 'tRNS') hasAlpha = true;
    if (type === 'IDAT' || type === 'IEND') break;
    at += 12 + length;
  }
  return ok({ width, height, hasAlpha });
}

/** An image decoded to 8-bit RGBA, row after row. */
export interface DecodedPng {
  width: number;
  height: number;
  rgba: Uint8Array;
}

const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

/**
 * Decodes a non-interlaced PNG to RGBA: every colour type, bit depth 8 (and 16, keeping the high byte; palette
 * and grey also at 1, 2 and 4 bits), tRNS applied. Enough to look at a seal's pixels; an Adam7-interlaced file is
 * refused with a message (image editors save without interlacing by default).
 */
export function decodePng(bytes: Buffer): Check<DecodedPng> {
  const head = inspectPng(bytes);
  if (!head.ok) return head;
  const { width, height } = head.value;
  const depth = bytes[24]!;
  const colorType = bytes[25]!;
  const interlace = bytes[28]!;
  const channels = CHANNELS[colorType];
  if (channels === undefined || ![1, 2, 4, 8, 16].includes(depth)) return fail('INVALID_VALUE', 'PNG文件已损坏（颜色类型无效）');
  if (depth < 8 && colorType !== 0 && colorType !== 3) return fail('INVALID_VALUE', 'PNG文件已损坏（色深无效）');
  if (interlace !== 0) return fail('INVALID_VALUE', '请将图片另存为非隔行扫描（non-interlaced）的PNG后再上传');

  let palette: Buffer | null = null;
  let trns: Buffer | null = null;
  const idat: Buffer[] = [];
  let at = 8;
  while (at + 12 <= bytes.length) {
    const length = bytes.readUInt32BE(at);
    const type = bytes.toString('latin1', at + 4, at + 8);
    const data = bytes.subarray(at + 8, at + 8 + length);
    if (data.length !== length) return fail('INVALID_VALUE', 'PNG文件已损坏（数据不完整）');
    if (type === 'PLTE') palette = data;
    else if (type === 'tRNS') trns = data;
    else if (type === 'IDAT') idat.push(data);
    else if (type === 'IEND') break;
    at += 12 + length;
  }
  if (colorType === 3 && !palette) return fail('INVALID_VALUE', 'PNG文件已损坏（缺少调色板）');
  const bitsPerPixel = channels * depth;
  const stride = Math.ceil((width * bitsPerPixel) / 8);
  const bpp = Math.max(1, bitsPerPixel >> 3);
  let raw: Buffer;
  try {
    // Never inflate more than the header promises: a small file must not unpack into gigabytes.
    raw = inflateSync(Buffer.concat(idat), { maxOutputLength: height * (stride + 1) });
  } catch {
    return fail('INVALID_VALUE', 'PNG文件已损坏（图像数据无法解压）');
  }
  if (raw.length < height * (stride + 1)) return fail('INVALID_VALUE', 'PNG文件已损坏（图像数据不完整）');

  // Undo the per-row filters in place into `lines`.
  const lines = Buffer.alloc(height * stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)]!;
    const src = y * (stride + 1) + 1;
    const row = y * stride;
    const prev = row - stride;
    for (let i = 0; i < stride; i++) {
      const x = raw[src + i]!;
      const a = i >= bpp ? lines[row + i - bpp]! : 0;
      const b = y > 0 ? lines[prev + i]! : 0;
      const c = y > 0 && i >= bpp ? lines[prev + i - bpp]! : 0;
      let value: number;
      if (filter === 0) value = x;
      else if (filter === 1) value = x + a;
      else if (filter === 2) value = x + b;
      else if (filter === 3) value = x + ((a + b) >> 1);
      else if (filter === 4) value = x + paeth(a, b, c);
      else return fail('INVALID_VALUE', 'PNG文件已损坏（未知的行过滤方式）');
      lines[row + i] = value & 0xff;
    }
  }

  // Sample n of a row as an 8-bit value (or a raw index for palette images).
  const sample = (row: number, n: number): number => {
    if (depth === 8) return lines[row + n]!;
    if (depth === 16) return lines[row + n * 2]!;
    const bit = n * depth;
    const v = (lines[row + (bit >> 3)]! >> (8 - depth - (bit & 7))) & ((1 << depth) - 1);
    return colorType === 3 ? v : Math.round((v * 255) / ((1 << depth) - 1));
  };
  // tRNS for grey / RGB names one transparent colour (in the image's bit depth); compare at that depth.
  const rawSample = (row: number, n: number): number => {
    if (depth === 16) return lines.readUInt16BE(row + n * 2);
    if (depth === 8) return lines[row + n]!;
    const bit = n * depth;
    return (lines[row + (bit >> 3)]! >> (8 - depth - (bit & 7))) & ((1 << depth) - 1);
  };

  const rgba = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) {
    const row = y * stride;
    for (let x = 0; x < width; x++) {
      const o = (y * width + x) * 4;
      const n = x * channels;
      if (colorType === 3) {
        const index = sample(row, n);
        rgba[o] = palette![index * 3] ?? 0;
        rgba[o + 1] = palette![index * 3 + 1] ?? 0;
        rgba[o + 2] = palette![index * 3 + 2] ?? 0;
        rgba[o + 3] = trns && index < trns.length ? trns[index]! : 255;
      } else if (colorType === 0 || colorType === 4) {
        const grey = sample(row, n);
        rgba[o] = rgba[o + 1] = rgba[o + 2] = grey;
        if (colorType === 4) rgba[o + 3] = sample(row, n + 1);
        else rgba[o + 3] = trns && trns.length >= 2 && rawSample(row, n) === trns.readUInt16BE(0) ? 0 : 255;
      } else {
        rgba[o] = sample(row, n);
        rgba[o + 1] = sample(row, n + 1);
        rgba[o + 2] = sample(row, n + 2);
        if (colorType === 6) rgba[o + 3] = sample(row, n + 3);
        else {
          const clear = trns && trns.length >= 6 && rawSample(row, n) === trns.readUInt16BE(0) && rawSample(row, n + 1) === trns.readUInt16BE(2) && rawSample(row, n + 2) === trns.readUInt16BE(4);
          rgba[o + 3] = clear ? 0 : 255;
        }
      }
    }
  }
  return ok({ width, height, rgba });
}

/** A seal's background must be see-through: at least this share of all pixels fully transparent (alpha 0)… */
export const SEAL_MIN_TRANSPARENT_SHARE = 0.2;
/** …and at least this share of the outermost ring of pixels, all four corners included. */
export const SEAL_MIN_TRANSPARENT_EDGE = 0.9;

export interface Transparency {
  /** Share of all pixels with alpha 0. */
  share: number;
  /** Share of the edge pixels (first and last row and column) with alpha 0. */
  edge: number;
  corners: boolean;
}

export function measureTransparency(image: DecodedPng): Transparency {
  const { width, height, rgba } = image;
  const clear = (x: number, y: number) => rgba[(y * width + x) * 4 + 3] === 0;
  let transparent = 0;
  for (let i = 3; i < rgba.length; i += 4) if (rgba[i] === 0) transparent++;
  let edgeClear = 0;
  let edgeAll = 0;
  for (let x = 0; x < width; x++) {
    for (const y of [0, height - 1]) {
      edgeAll++;
      if (clear(x, y)) edgeClear++;
    }
  }
  for (let y = 1; y < height - 1; y++) {
    for (const x of [0, width - 1]) {
      edgeAll++;
      if (clear(x, y)) edgeClear++;
    }
  }
  const corners = clear(0, 0) && clear(width - 1, 0) && clear(0, height - 1) && clear(width - 1, height - 1);
  return { share: transparent / (width * height), edge: edgeClear / edgeAll, corners };
}

/**
 * The seal rule, on the pixels (an alpha channel alone proves nothing: a white-background scan saved as RGBA has
 * one, fully opaque): the four corners transparent, nine in ten edge pixels transparent and a fifth of the image
 * transparent. A round seal cropped to its square leaves about 21% outside the disc, and a real stamp is mostly
 * empty inside its ring, so a genuine transparent seal passes with room to spare.
 */
export function checkSealTransparency(bytes: Buffer): Check<PngInfo> {
  const info = inspectPng(bytes);
  if (!info.ok) return info;
  const notTransparent = (detail: string) =>
    fail('IMAGE_NOT_TRANSPARENT', `印章图片须为透明背景的PNG，以免遮挡文字：${detail}。请用图片软件去除白色背景后另存为PNG再上传`);
  if (!info.value.hasAlpha) return notTransparent('此图片没有透明通道');
  const decoded = decodePng(bytes);
  if (!decoded.ok) return decoded;
  const t = measureTransparency(decoded.value);
  if (!t.corners || t.edge < SEAL_MIN_TRANSPARENT_EDGE) return notTransparent('图片四角和边缘不透明（像是带底色的扫描件）');
  if (t.share < SEAL_MIN_TRANSPARENT_SHARE) {
    return notTransparent(`透明部分仅占${Math.round(t.share * 100)}%，应至少占${Math.round(SEAL_MIN_TRANSPARENT_SHARE * 100)}%`);
  }
  return info;
}
