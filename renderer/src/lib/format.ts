import dayjs from 'dayjs';
import { t } from '../i18n';

/** 2026-11-25T06:03:00.000Z → "2026-11-25 14:03" in the workstation's local time. */
export function formatDateTime(iso: string): string {
  const d = dayjs(iso);
  return d.isValid() ? d.format('YYYY-MM-DD HH:mm') : iso;
}

/** ISO date or empty → display text. */
export function formatDate(iso: string | null | undefined, empty: string = t.common.none): string {
  return iso ? iso : empty;
}
