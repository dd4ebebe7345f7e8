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
