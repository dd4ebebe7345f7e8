import { createHash } from 'node:crypto';
import { CENTER_IMAGE_KINDS, type CenterImage, type CenterImageKind, type Staff } from '../../shared/domain';
import { ApiFailure } from '../../shared/ipc/result';
import type { Workstation } from '../services/workstation';
import type { ValidationCode } from '../../shared/validation/issue';
import { checkSealTransparency, inspectPng } from './png';

function invalid(message: string, code: ValidationCode = 'INVALID_VALUE'): ApiFailure {
  return new ApiFailure('INVALID_INPUT', message, [{ code, path: ['pngBase64'], message }]);
}

/**
 * Sets or clears the seal or the logo. The seal must be transparent (a red stamp over the date must not hide the
 * text under it): its pixels are looked at (checkSealTransparency), not only its header; the logo may be opaque.
 */
export async function setCenterImage(ws: Workstation, input: { kind: CenterImageKind; pngBase64: string | null }, actor: Staff): Promise<CenterImage | null> {
  const label = CENTER_IMAGE_KINDS[input.kind];
  let image: CenterImage | null = null;
  if (input.pngBase64 !== null) {
    const bytes = Buffer.from(input.pngBase64, 'base64');
    const info = input.kind === 'seal' ? checkSealTransparency(bytes) : inspectPng(bytes);
    if (!info.ok) throw invalid(info.message, info.code);
    image = {
      pngBase64: bytes.toString('base64'),
      sha256: createHash('sha256').update(bytes).digest('hex'),
      width: info.value.width,
      height: info.value.height,
      updatedAt: ws.clock.now().toISOString(),
    };
  }
  await ws.updateState(
    (data) => {
      data.images[input.kind] = image;
    },
    { actorId: actor.id, actorName: actor.name, action: 'settings:set-image', detail: image ? `设置${label}（SHA-256 ${image.sha256.slice(0, 12)}）` : `清除${label}` },
  );
  return image;
}
