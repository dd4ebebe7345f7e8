import { normaliseTime } from '../../../lib/time-of-day';
import { CHINA_UTC_OFFSET_MINUTES } from '../../../../../electron/shared/format/dates';
import type { DocumentTemplateKey } from '../../../../../electron/shared/domain/document';
import { SESSION_KINDS, type SessionKind, type SessionSummary } from '../../../../../electron/shared/domain/session';
import { t } from '../../../i18n';

/**
 * Session times are entered and shown in China Standard Time, the time the printed records use
 * (electron/shared/format/dates.ts), whatever time zone the workstation's clock is set to: a session typed in as
 * 9:00 prints as 9时00分 and lists as 9:00 even on a machine left on UTC.
 */
const OFFSET_MS = CHINA_UTC_OFFSET_MINUTES * 60_000;
const pad = (n: number) => String(n).padStart(2, '0');

/** 第1次调解 / 第2次调查 */
export function sessionOrdinal(s: Pick<SessionSummary, 'kind' | 'number'>): string {
  return t.sessions.ordinal(s.number, SESSION_KINDS[s.kind]);
}

/** 第1次调解记录 / 第1次调查记录: an issued record named by its session. */
export function sessionRecordName(s: Pick<SessionSummary, 'kind' | 'number'>): string {
  return t.sessions.recordOf(s.number, SESSION_KINDS[s.kind]);
}

/** The form a session is recorded on: 人民调解记录 or 人民调解调查记录. */
export function recordTemplate(kind: SessionKind): Extract<DocumentTemplateKey, 'session-record' | 'investigation-record'> {
  return kind === 'session' ? 'session-record' : 'investigation-record';
}

/** China-time calendar date and clock time of an ISO date-time: { date: '2026-05-08', time: '09:00' }. */
export function chinaParts(iso: string): { date: string; time: string } {
  const d = new Date(Date.parse(iso) + OFFSET_MS);
  return { date: d.toISOString().slice(0, 10), time: `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}` };
}

/** A date and a time typed in China time → ISO date-time with offset, as the API wants: 2026-05-08T09:00:00+08:00. */
export function toScheduledAt(date: string, typedTime: string): string {
  // A time submitted without leaving its field (Enter) may still read 9:00 or 0900.
  const time = normaliseTime(typedTime) ?? typedTime;
  const sign = CHINA_UTC_OFFSET_MINUTES >= 0 ? '+' : '-';
  const offset = Math.abs(CHINA_UTC_OFFSET_MINUTES);
  return `${date}T${time}:00${sign}${pad(Math.floor(offset / 60))}:${pad(offset % 60)}`;
}

/** 2026-05-08T01:00:00Z → 2026年5月8日 9:00 (China time). */
export function formatSessionTime(iso: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  const d = new Date(ms + OFFSET_MS);
  return `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日 ${d.getUTCHours()}:${pad(d.getUTCMinutes())}`;
}
