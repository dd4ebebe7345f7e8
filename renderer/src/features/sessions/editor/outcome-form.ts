import { normaliseTime } from '../../../lib/time-of-day';
import dayjs from 'dayjs';
import { type SessionOutcome, SessionOutcomeSchema } from '../../../../../electron/shared/domain/session';
import { t } from '../../../i18n';

/** The 结束调解 dialog's fields (all of them, whichever outcome is chosen: switching back keeps what was typed). */
export interface OutcomeValues {
  type: SessionOutcome['type'];
  /** YYYY-MM-DD and HH:mm, or both empty (the next date is not fixed yet). */
  nextDate: string;
  nextTime: string;
  note: string;
  agreementNote: string;
  failedReason: string;
  routesExplained: boolean;
  routes: string;
  suspendedReason: string;
}

export const blankOutcome = (type: SessionOutcome['type']): OutcomeValues => ({
  type,
  nextDate: '',
  nextTime: '',
  note: '',
  agreementNote: '',
  failedReason: '',
  routesExplained: false,
  routes: '',
  suspendedReason: '',
});

export type OutcomeErrors = Partial<Record<keyof OutcomeValues, string>>;

/** A local date and time → ISO with the workstation's offset (2026-11-28T09:00:00+08:00). */
export function toIsoDateTime(date: string, typedTime: string): string | null {
  const time = normaliseTime(typedTime) ?? typedTime;
  const d = dayjs(`${date}T${time}`);
  return /^\d{4}-\d{2}-\d{2}$/.test(date) && /^\d{2}:\d{2}$/.test(time) && d.isValid() ? d.format('YYYY-MM-DDTHH:mm:ssZ') : null;
}

/**
 * The outcome the host is sent, checked here with the messages of the same schema main applies (plus what only a
 * form can get wrong: half a date-time, a date before today).
 */
export function buildOutcome(v: OutcomeValues, today: string): { ok: true; outcome: SessionOutcome } | { ok: false; errors: OutcomeErrors } {
  const E = t.sessionEditor.end;
  const errors: OutcomeErrors = {};
  let candidate: unknown;
  switch (v.type) {
    case 'continue': {
      let nextAt: string | null = null;
      if (v.nextDate || v.nextTime) {
        nextAt = v.nextDate && v.nextTime ? toIsoDateTime(v.nextDate, v.nextTime) : null;
        if (!nextAt) errors[v.nextDate ? 'nextTime' : 'nextDate'] = E.nextIncomplete;
        else if (v.nextDate < today) errors.nextDate = E.nextInPast;
      }
      candidate = { type: 'continue', nextAt, note: v.note.trim() };
      break;
    }
    case 'agreement':
      candidate = { type: 'agreement', note: v.agreementNote.trim() };
      break;
    case 'failed':
      if (!v.failedReason.trim()) errors.failedReason = E.failedReasonRequired;
      if (!v.routesExplained) errors.routesExplained = E.mustConfirm;
      candidate = { type: 'failed', reason: v.failedReason.trim(), routesExplained: v.routesExplained, routes: v.routes.trim() };
      break;
    case 'suspended':
      if (!v.suspendedReason.trim()) errors.suspendedReason = E.suspendedReasonRequired;
      candidate = { type: 'suspended', reason: v.suspendedReason.trim() };
      break;
    default:
      throw new Error(`unknown outcome ${String(v.type satisfies never)}`);
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const parsed = SessionOutcomeSchema.safeParse(candidate);
  if (!parsed.success) return { ok: false, errors: { type: parsed.error.issues[0]?.message ?? t.errors.generic } };
  return { ok: true, outcome: parsed.data };
}
