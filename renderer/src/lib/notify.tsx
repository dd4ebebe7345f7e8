import { notifications } from '@mantine/notifications';
import { IconAlertTriangle, IconCheck } from '@tabler/icons-react';
import { isApiCallError } from '../api/errors';
import { t } from '../i18n';

/** Shows a failed call: the host's Chinese message (they are written to be shown), or a generic one. */
export function notifyError(error: unknown, title: string = t.errors.generic): void {
  const message = isApiCallError(error) ? error.message : error instanceof Error && error.message ? error.message : t.errors.generic;
  notifications.show({ color: 'red', title, message, icon: <IconAlertTriangle size={18} />, autoClose: 8000 });
}

export function notifySuccess(message: string, title?: string): void {
  notifications.show({ color: 'teal', title, message, icon: <IconCheck size={18} />, autoClose: 5000 });
}
