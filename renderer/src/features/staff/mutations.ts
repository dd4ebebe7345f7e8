import { useState } from 'react';
import type { CenterImage, CenterImageKind } from '../../../../electron/shared/domain/images';
import type { CenterSettings } from '../../../../electron/shared/domain/settings';
import type { Staff, StaffAccount } from '../../../../electron/shared/domain/staff';
import type { StaffCreateInput } from '../../../../electron/shared/ipc/contract';
import { call } from '../../api/client';
import { isApiCallError } from '../../api/errors';
import { useQueryClient } from '@tanstack/react-query';
import { useSession } from '../../app/session';
import { t } from '../../i18n';
import { notifyError, notifySuccess } from '../../lib/notify';
import { settingsQueries, staffQueries } from './queries';

const A = t.staffAdmin;

/**
 * Runs a write; field-level rejections are rethrown for the form, anything else is notified. A REAUTH_REQUIRED that
 * reaches here means the person closed the password prompt (the client layer asks for it): nothing to say.
 */
async function write<T>(run: () => Promise<T>, setPending: (pending: boolean) => void): Promise<T> {
  setPending(true);
  try {
    return await run();
  } catch (error) {
    const quiet = isApiCallError(error) && (error.issues.length > 0 || error.code === 'REAUTH_REQUIRED');
    if (!quiet) notifyError(error);
    throw error;
  } finally {
    setPending(false);
  }
}

/** 新增人员 (with an initial password the person replaces at first sign-in): refreshes every staff list. */
export function useCreateStaffMutation() {
  const [pending, setPending] = useState(false);
  const queryClient = useQueryClient();
  const create = (input: StaffCreateInput): Promise<StaffAccount> =>
    write(async () => {
      const account = await call('staff:create', input);
      void queryClient.invalidateQueries({ queryKey: staffQueries.all() });
      notifySuccess(A.add.done(account.name));
      return account;
    }, setPending);
  return { create, pending };
}

/**
 * The administrator's changes to one account: name and login name, posts, in use or not, a new initial password, an
 * unlock. Each refreshes every staff list (pickers, names in case histories, the accounts table).
 */
export function useAccountMutations() {
  const [pending, setPending] = useState(false);
  const queryClient = useQueryClient();
  const done = <T extends StaffAccount>(account: T, message: string): T => {
    void queryClient.invalidateQueries({ queryKey: staffQueries.all() });
    notifySuccess(message);
    return account;
  };
  return {
    pending,
    update: (input: { id: string; name: string; loginName: string }) =>
      write(async () => {
        const account = await call('staff:update', input);
        return done(account, A.edit.done(account.name));
      }, setPending),
    setRoles: (id: string, roles: Staff['roles']) =>
      write(async () => {
        const account = await call('staff:set-roles', { id, roles });
        return done(account, A.roles.done(account.name));
      }, setPending),
    setActive: (id: string, active: boolean) =>
      write(async () => {
        const account = await call('staff:set-active', { id, active });
        return done(account, active ? A.active.reactivated(account.name) : A.active.deactivated(account.name));
      }, setPending),
    resetPassword: (id: string, password: string) =>
      write(async () => {
        const account = await call('staff:reset-password', { id, password });
        return done(account, A.reset.done(account.name));
      }, setPending),
    unlock: (id: string) =>
      write(async () => {
        const account = await call('staff:unlock', { id });
        return done(account, A.unlock.done(account.name));
      }, setPending),
  };
}

/** 中心设置: also re-reads app:info so that the header shows a renamed center at once. */
export function useUpdateSettingsMutation() {
  const [pending, setPending] = useState(false);
  const queryClient = useQueryClient();
  const { refreshInfo } = useSession();
  const update = (settings: CenterSettings): Promise<CenterSettings> =>
    write(async () => {
      const saved = await call('settings:update', settings);
      void queryClient.invalidateQueries({ queryKey: settingsQueries.all() });
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
  const queryClient = useQueryClient();
  const setImage = (kind: CenterImageKind, pngBase64: string | null): Promise<CenterImage | null> =>
    write(async () => {
      const image = await call('settings:set-image', { kind, pngBase64 });
      void queryClient.invalidateQueries({ queryKey: settingsQueries.images().queryKey });
      notifySuccess(pngBase64 === null ? t.staff.imageCleared(t.staff.images[kind]) : t.staff.imageSaved(t.staff.images[kind]));
      return image;
    }, setPending);
  return { setImage, pending };
}
