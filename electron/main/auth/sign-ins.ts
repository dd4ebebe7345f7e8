import type { Staff } from '../../shared/domain';
import type { SignOutReason } from '../../shared/ipc/live-events';
import type { Clock } from '../../shared/time/clock';

/**
 * Who is signed in where. A connection is one Electron window or one browser-mode tab; each signs in on its own.
 * Kept in memory only: a restart signs everyone out (the renderer keeps unsaved text on its side).
 */
export interface SignIn {
  staffId: string;
  /** The roles when signing in: a change of roles ends the sign-in at once. */
  rolesKey: string;
  startedAt: number;
  lastActiveAt: number;
  locked: boolean;
  mustChangePassword: boolean;
  /** Until when a password entered again (auth:reauth) covers one sensitive call. */
  reauthUntil: number | null;
  /**
   * The seal key that password unlocked, for that one call (services/seal-key.ts): null when the person may not
   * seal, holds no box or the center has no seal key yet. Dropped with the reauth window.
   */
  reauthSealKey?: Buffer | null;
}

const rolesKey = (staff: Pick<Staff, 'roles'>) => [...staff.roles].sort().join(',');

/** How long an entered-again password stays good for the call it was asked for. */
export const REAUTH_WINDOW_MS = 2 * 60_000;
/**
 * The renderer locks itself at the center's idle time after saving what was typed; main locks a sign-in that has
 * been silent for a minute longer, in case the window could not (crashed, or a tab left open in a browser).
 */
export const SERVER_IDLE_GRACE_MS = 60_000;

/** Told which connections lost their sign-in to someone else's change, and why (the live feed tells their screens). */
export type SignInsEndedListener = (connections: readonly string[], reason: SignOutReason) => void;

export class SignIns {
  private readonly byConnection = new Map<string, SignIn>();
  private readonly endedListeners = new Set<SignInsEndedListener>();

  constructor(private readonly clock: Clock) {}

  start(connection: string, staff: Staff, mustChangePassword: boolean): SignIn {
    const now = this.clock.now().getTime();
    const signIn: SignIn = { staffId: staff.id, rolesKey: rolesKey(staff), startedAt: now, lastActiveAt: now, locked: false, mustChangePassword, reauthUntil: null };
    this.byConnection.set(connection, signIn);
    return signIn;
  }

  /**
   * The sign-in of a connection with its staff member, or null. A sign-in whose person was deactivated or whose roles
   * changed is ended here; one silent past the idle time is locked.
   */
  current(connection: string, staffList: readonly Staff[], idleMs: number): { signIn: SignIn; staff: Staff } | null {
    const signIn = this.byConnection.get(connection);
    if (!signIn) return null;
    const staff = staffList.find((s) => s.id === signIn.staffId);
    if (!staff || !staff.active || rolesKey(staff) !== signIn.rolesKey) {
      this.byConnection.delete(connection);
      return null;
    }
    if (!signIn.locked && this.clock.now().getTime() - signIn.lastActiveAt > idleMs + SERVER_IDLE_GRACE_MS) signIn.locked = true;
    return { signIn, staff };
  }

  touch(signIn: SignIn): void {
    signIn.lastActiveAt = this.clock.now().getTime();
  }

  end(connection: string): void {
    this.byConnection.delete(connection);
  }

  /**
   * Ends every sign-in of a person (deactivated, roles changed, password reset by an administrator) and tells the
   * listeners which connections lost theirs, so that those screens go to sign-in now rather than at their next call.
   */
  endAllOf(staffId: string, reason: SignOutReason): void {
    const ended: string[] = [];
    for (const [connection, signIn] of this.byConnection) {
      if (signIn.staffId !== staffId) continue;
      this.byConnection.delete(connection);
      ended.push(connection);
    }
    if (ended.length === 0) return;
    for (const listener of this.endedListeners) {
      try {
        listener(ended, reason);
      } catch (error) {
        // A listener's failure must not undo or interrupt the account change that ended the sign-ins.
        console.error('a sign-in listener failed', error);
      }
    }
  }

  /**
   * Another desk changed the center's staff (the center database): ends here, and tells, every sign-in that change
   * ended (the person deactivated or removed, their roles changed, their password reset by an administrator after
   * they signed in), as endAllOf does at the desk where the change was made.
   */
  reconcile(staffList: readonly Staff[], credentials: Readonly<Record<string, { mustChange: boolean; changedAt: string }>>): void {
    const byReason = new Map<SignOutReason, Set<string>>();
    for (const signIn of this.byConnection.values()) {
      const staff = staffList.find((s) => s.id === signIn.staffId);
      const credential = credentials[signIn.staffId];
      const reason: SignOutReason | null =
        !staff || !staff.active
          ? 'deactivated'
          : rolesKey(staff) !== signIn.rolesKey
            ? 'roles-changed'
            : credential?.mustChange && Date.parse(credential.changedAt) > signIn.startedAt
              ? 'password-reset'
              : null;
      if (reason) (byReason.get(reason) ?? byReason.set(reason, new Set()).get(reason)!).add(signIn.staffId);
    }
    for (const [reason, staffIds] of byReason) for (const staffId of staffIds) this.endAllOf(staffId, reason);
  }

  onEnded(listener: SignInsEndedListener): () => void {
    this.endedListeners.add(listener);
    return () => void this.endedListeners.delete(listener);
  }

  grantReauth(signIn: SignIn, sealKey: Buffer | null = null): void {
    signIn.reauthUntil = this.clock.now().getTime() + REAUTH_WINDOW_MS;
    signIn.reauthSealKey = sealKey;
  }

  /** Uses up an entered-again password: the seal key it unlocked (or null) when there was a fresh one, else false. */
  consumeReauth(signIn: SignIn): { sealKey: Buffer | null } | false {
    const fresh = signIn.reauthUntil !== null && this.clock.now().getTime() <= signIn.reauthUntil;
    const sealKey = signIn.reauthSealKey ?? null;
    signIn.reauthUntil = null;
    signIn.reauthSealKey = null;
    return fresh ? { sealKey } : false;
  }
}

/**
 * The desk a connection belongs to, for slowing down guessing per desk: a connection is `<desk>#<window or tab>`
 * (Electron: the app; browser mode: the browser that exchanged the launch code).
 */
export function deskOf(connection: string): string {
  const hash = connection.lastIndexOf('#');
  return hash < 0 ? connection : connection.slice(0, hash);
}
