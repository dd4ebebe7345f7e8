/**
 * Advisory locks the store takes, as (namespace, key) pairs: the namespace marks them as this app's, so another
 * program sharing the database cannot collide with them by accident.
 */
const NAMESPACE = 0x4d57; // "MW"

export const LOCKS = {
  /** Held (per session) while the schema is checked and migrated at open. */
  migrate: 1,
  /** Held (per transaction) while the store's own keys are read or created at open. */
  keys: 2,
  /**
   * Held (per transaction) by every registration: registrations of all desks run one at a time, so a number is never
   * issued in an earlier year than one already committed (a desk whose clock is a year behind another's).
   */
  register: 3,
  /** Held (per transaction) by every append to the center's own trail: appends from all desks run one at a time. */
  centerTrail: 4,
  /** Held (per session, tried) by a desk's backup of the center: one desk's run at a time (backup-scheduler.ts). */
  backup: 5,
} as const;

export const lockSql = (fn: 'pg_advisory_lock' | 'pg_advisory_unlock' | 'pg_advisory_xact_lock' | 'pg_try_advisory_lock', key: number): string => `SELECT ${fn}(${NAMESPACE}, ${key})`;
