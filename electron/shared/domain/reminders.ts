/**
 * When a deadline needs attention, once for the desk's reminders (main) and the screens' colours (renderer).
 * domain.md §2.4: performance is supervised (art. 31); judicial confirmation must be applied for within 30 days of
 * effect (art. 33), warned from day 20.
 */
import { daysUntil } from '../validation/dates';

/** Obligations due within this many days (today included) are reminded of, and overdue ones until performed. */
export const PERFORMANCE_NOTICE_DAYS = 7;
/** The confirmation window is 30 days from effect; warned for its last 10. */
export const CONFIRMATION_NOTICE_DAYS = 10;
/** A mediation deadline this close is shown as urgent on the case. */
export const MEDIATION_DUE_NOTICE_DAYS = 3;

export type Urgency = 'overdue' | 'today' | 'soon' | null;

/** An obligation's due date against today: overdue, due today, due within the notice window, or nothing yet. */
export function obligationUrgency(performed: boolean, dueOn: string, today: string): { urgency: Urgency; days: number | null } {
  if (!dueOn) return { urgency: null, days: null };
  const days = daysUntil(dueOn, today);
  if (performed) return { urgency: null, days };
  if (days < 0) return { urgency: 'overdue', days };
  if (days === 0) return { urgency: 'today', days };
  return { urgency: days <= PERFORMANCE_NOTICE_DAYS ? 'soon' : null, days };
}

/** The judicial-confirmation deadline: past (a court no longer accepts it), in its last days, or not yet pressing. */
export function confirmationUrgency(due: string, today: string): { days: number; urgency: 'past' | 'soon' | null } {
  const days = daysUntil(due, today);
  return { days, urgency: days < 0 ? 'past' : days <= CONFIRMATION_NOTICE_DAYS ? 'soon' : null };
}

/** A mediation deadline against today: past, close, or not yet pressing. */
export function mediationDueUrgency(due: string, today: string): { days: number; urgency: 'past' | 'soon' | null } {
  const days = daysUntil(due, today);
  return { days, urgency: days < 0 ? 'past' : days <= MEDIATION_DUE_NOTICE_DAYS ? 'soon' : null };
}
