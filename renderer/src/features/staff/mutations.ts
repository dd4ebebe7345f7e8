import { useState } from 'react';
import type { CenterImage, CenterImageKind } from '../../../../electron/shared/domain/images';
import type { CenterSettings } from '../../../../electron/shared/domain/settings';
import type { Staff, StaffInput } from '../../../../electron/shared/domain/staff';
import { call } from '../../api/client';
import { isApiCallError } from '../../api/errors';
import { invalidate } from '../../api/query';
import { useSession } from '../../app/session';
import { t } from '../../i18n';
import { notifyError, notifySuccess } from '../../lib/notify';
import { settingsQueries, staffQueries } from './queries';

/** Runs a write; field-level rejections are rethrown for the form, anything else is notified. */
async function write<T>(run: () => Promise<T>, setPending: (pending: boolean) => void): Promise<T> {
  setPending(true);
  try {
    return await run();
  } catch (error) {
    if (!(isApiCallError(error) && error.issues.length > 0)) notifyError(error);
    throw error;
  } finally {
    setPending(false);
  }
}

/** 添加工作人员: refreshes every staff list (sign-in candidates, names in case histories). */
export function useCreateStaffMutation() {
  const [pending, setPending] = useState(false);
  const create = (input: StaffInput): Promise<Staff> =>
    write(async () => {
      const staff = await call('staff:create', input);
      invalidate(staffQueries.all());
      notifySuccess(t.staff.added(staff.name));
      return staff;
    }, setPending);
  return { create, pending };
}

/** 中心设置: also re-reads app:info so that the header shows a renamed center at once. */
export function useUpdateSettingsMutation() {
  const [pending, setPending] = useState(false);
  const { refreshInfo } = useSession();
  const update = (settings: CenterSettings): Promise<CenterSettings> =>
    write(async () => {
      const saved = await call('settings:update', settings);
      invalidate(settingsQueries.all());
      refreshInfo();
      notifySuccess(t.staff.saved);
      return saved;
    }, setPending);
  return { update, pending };
}

/**
 * 印章与标志: sets (PNG, base64) or clears (null) the seal or the logo; refreshes every view of them (the header
 * shows the logo). A refused image (e.g. an opaque seal) is rethrown with its field issue for the card to show.
 */
export function useSetImageMutation() {
  const [pending, setPending] = useState(false);
  const setImage = (kind: CenterImageKind, pngBase64: string | null): Promise<CenterImage | null> =>
    write(async () => {
      const image = await call('settings:set-image', { kind, pngBase64 });
      invalidate(settingsQueries.images().key);
      notifySuccess(pngBase64 === null ? t.staff.imageCleared(t.staff.images[kind]) : t.staff.imageSaved(t.staff.images[kind]));
      return image;
    }, setPending);
  return { setImage, pending };
}
