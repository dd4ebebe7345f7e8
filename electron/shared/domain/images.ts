import { z } from './zod-setup';

/** Images the center configures once: the committee seal (stamped on documents) and its logo. */
export const CENTER_IMAGE_KINDS = { seal: '人民调解委员会印章', logo: '中心标志' } as const;
export type CenterImageKind = keyof typeof CENTER_IMAGE_KINDS;

export const CenterImageSchema = z.strictObject({
  /** PNG bytes, base64. */
  pngBase64: z.string().max(3_000_000),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  width: z.int().positive(),
  height: z.int().positive(),
  updatedAt: z.iso.datetime({ offset: true }),
});
export type CenterImage = z.infer<typeof CenterImageSchema>;

export const CenterImagesSchema = z.strictObject({ seal: CenterImageSchema.nullable(), logo: CenterImageSchema.nullable() });
export type CenterImages = z.infer<typeof CenterImagesSchema>;
