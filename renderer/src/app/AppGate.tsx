import { Suspense, useCallback, useEffect, useRef, useState } from 'react';
import { Alert, Button, Center, Loader, Stack } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { IconAlertTriangle } from '@tabler/icons-react';
import type { Staff } from '../../../electron/shared/domain/staff';
import type { AppInfo, SignedIn } from '../../../electron/shared/ipc/contract';
import type { SignOutReason } from '../../../electron/shared/ipc/live-events';
import { call, callsSettled, currentCallSeq, holdCalls, lastActivityCallMs, onSignInProblem } from '../api/client';
import { t } from '../i18n';
import { clock } from '../lib/clock';
import { type LockReason, runBeforeLock, setLockHandler, watchIdle } from '../lib/idle-lock';
import { notifyError } from '../lib/notify';
import { forgetLocalKey, localKey } from '../lib/local-key';
import { AdminPasswordPage, ChangePasswordPage, RecoveryKeySheet, SealingProgress, SetupPage } from './gate-pages';
import { PageErrorBoundary } from './PageErrorBoundary';
import { PageFallback } from './PageFallback';
import { LockScreen } from '../features/auth/LockScreen';
import { ReauthHost } from '../features/auth/ReauthHost';
import type { SignInValues } from '../features/auth/SignInForm';
import { SignInPage } from '../features/auth/SignInPage';
import { AppLayout } from './AppLayout';
import { homeRoute } from './home';
import { preloadLandingScreens, preloadScreen } from './pages';
import { SessionProvider } from './session';
import { useLiveUpdates } from './useLiveUpdates';

type Gate =
  | { state: 'loading' }
  | { state: 'failed'; error: unknown }
  | { state: 'setup'; info: AppInfo }
  /** After an upgrade: the named first administrator sets a login name and password. */
  | { state: 'admin-password'; info: AppInfo; adminName: string }
  | { state: 'sign-in'; info: AppInfo }
  /** Shown once: the recovery key just made for the center's data key (setup, or the start of an encryption upgrade). */
  | { state: 'recovery-key'; info: AppInfo; recoveryKey: string }
  /** An older folder being encrypted by the host after an administrator's sign-in: its progress. */
  | { state: 'sealing'; info: AppInfo }
  /** A first or reset password, to be replaced before anything else. */
  | { state: 'change-password'; info: AppInfo; staff: Staff }
  /**
   * The workstation. `desk` changes only when another person takes the window over (the pages below are theirs no
   * more: everything is mounted afresh); locking and unlocking keep it, and with it every page as it was left.
   */
  | { state: 'ready'; info: AppInfo; staff: Staff; locked: boolean; desk: number };

/** Idle time until the center's setting is read (settings:get). */
const DEFAULT_IDLE_MINUTES = 10;
/**
 * While the person uses the window but nothing calls the host (reading a long record), a light call tells the host
 * they are still here at this interval, so that its own idle lock (a minute after the center's idle time) never
 * comes before this window's. settings:get also brings a changed idle time.
 */
export const KEEPALIVE_MS = 30_000;

/**
 * First run → setup; an upgraded store without passwords → the first administrator sets one; nobody signed in →
 * sign-in; a password to replace → that first; otherwise the workstation, with the desk lock over it.
 */
export function AppGate() {
  const [gate, setGateState] = useState<Gate>({ state: 'loading' });
  // The lock paths run outside React's render (timers, host events, answers): they read the gate from here.
  const gateRef = useRef(gate);
  const setGate = useCallback((next: Gate) => {
    gateRef.current = next;
    setGateState(next);
  }, []);
  const desks = useRef(0);
  /** Locking: the before-lock saves and auth:lock; unlocking and another sign-in wait for it. */
  const lockWork = useRef<Promise<void>>(Promise.resolve());
  /** The number of the last call sent before the last unlock: a LOCKED answer to an older call is stale. */
  const unlockedAtSeq = useRef(0);
  const focusBeforeLock = useRef<HTMLElement | null>(null);
  /** Calls held while the desk changed hands; released once the old pages are gone (see ReleaseHeldCalls). */
  const heldCalls = useRef<(() => void) | null>(null);
  const queryClient = useQueryClient();

  const enter = useCallback(
    (info: AppInfo, signedIn: SignedIn | null) => {
      // Whoever comes next sees nothing the previous person's pages loaded: every screen loads afresh, under the
      // policy for them. (Unlocking by the same person does not come here: their pages stay as they were.)
      queryClient.clear();
      // The sheet comes first; the gate is worked out afresh after it (the host may be encrypting meanwhile).
      if (signedIn?.recoveryKey) setGate({ state: 'recovery-key', info, recoveryKey: signedIn.recoveryKey });
      else if (!signedIn) setGate(info.adminPasswordFor ? { state: 'admin-password', info, adminName: info.adminPasswordFor } : { state: 'sign-in', info });
      else if (signedIn.mustChangePassword) setGate({ state: 'change-password', info, staff: signedIn.staff });
      else {
        desks.current += 1;
        // The key for this person's local copies, fetched while the host is surely there (lib/local-key.ts).
        forgetLocalKey();
        void localKey().catch(() => undefined);
        setGate({ state: 'ready', info, staff: signedIn.staff, locked: signedIn.locked, desk: desks.current });
      }
    },
    [queryClient, setGate],
  );

  const load = useCallback(async () => {
    try {
      const info = await call('app:info');
      if (info.setupRequired) return setGate({ state: 'setup', info });
      if (info.dataSealing) return setGate({ state: 'sealing', info });
      const signedIn = await call('auth:current');
      // Someone is signed in already (a reload, a restarted window): the workstation opens with its first screen
      // rather than with an empty content area while that screen's code loads.
      if (signedIn && !signedIn.mustChangePassword) await preloadScreen(homeRoute(signedIn.staff.roles));
      enter(info, signedIn);
    } catch (error) {
      setGate({ state: 'failed', error });
    }
  }, [enter, setGate]);

  const lock = useCallback(
    (reason: LockReason) => {
      const current = gateRef.current;
      if (current.state !== 'ready' || current.locked) return;
      focusBeforeLock.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
      setGate({ ...current, locked: true });
      // The host locked it already (its own idle time): nothing can be saved or locked any more.
      if (reason === 'server') return;
      lockWork.current = (async () => {
        // What was typed is saved first, under the person who typed it.
        await runBeforeLock();
        try {
          await call('auth:lock');
        } catch {
          // Signed out meanwhile: the root goes to sign-in (onSignInProblem); the screen is locked in any case.
        }
      })();
    },
    [setGate],
  );

  const unlock = useCallback(
    async (password: string) => {
      await lockWork.current;
      const signedIn = await call('auth:unlock', { password });
      unlockedAtSeq.current = currentCallSeq();
      const current = gateRef.current;
      if (current.state !== 'ready') return;
      if (signedIn.mustChangePassword) return enter(current.info, signedIn);
      setGate({ ...current, staff: signedIn.staff, locked: false });
      const focus = focusBeforeLock.current;
      focusBeforeLock.current = null;
      // Back where the person was (e.g. the statement being typed), once the page is no longer inert.
      setTimeout(() => focus?.isConnected && focus.focus(), 0);
    },
    [enter, setGate],
  );

  const otherSignIn = useCallback(
    async (values: SignInValues) => {
      await lockWork.current;
      // Until the leaving person's pages are gone, nothing they do may reach the host under the new person's name.
      const release = holdCalls();
      let signedIn: SignedIn;
      try {
        await callsSettled();
        signedIn = await call('auth:sign-in', values);
      } catch (error) {
        release();
        throw error;
      }
      const current = gateRef.current;
      if (current.state === 'ready' && signedIn.staff.id === current.staff.id && !signedIn.mustChangePassword && !signedIn.locked) {
        // The same person, by their login name: like an unlock, the page stays.
        release();
        unlockedAtSeq.current = currentCallSeq();
        setGate({ ...current, staff: signedIn.staff, locked: false });
        return;
      }
      heldCalls.current = release;
      notifications.clean();
      if (current.state === 'ready') enter(current.info, signedIn);
      else await load();
    },
    [enter, load, setGate],
  );

  const signOut = useCallback(async () => {
    notifications.clean();
    await runBeforeLock();
    const release = holdCalls();
    try {
      await call('auth:sign-out');
    } catch (error) {
      notifyError(error);
    }
    heldCalls.current = release;
    await load();
  }, [load]);

  const refreshInfo = useCallback(async () => {
    try {
      const info = await call('app:info');
      const current = gateRef.current;
      if (current.state === 'ready') setGate({ ...current, info });
    } catch (error) {
      notifyError(error);
    }
  }, [setGate]);

  useEffect(() => {
    void load();
    return onSignInProblem((code, _error, sentSeq) => {
      if (code === 'LOCKED') {
        if (sentSeq > unlockedAtSeq.current) lock('server');
      } else if (code === 'PASSWORD_CHANGE_REQUIRED') void load();
      else {
        // Once: the pages that unmount next may get the same answer.
        if (gateRef.current.state === 'ready') notifyError(new Error(t.auth.sessionExpired));
        void load();
      }
    });
  }, [load, lock]);

  // An administrator deactivated this person, changed their posts or reset their password: the host ended the
  // sign-in and says so at once (live events), so the window goes to sign-in now instead of at its next call.
  const signedOutByAdmin = useCallback(
    (reason: SignOutReason) => {
      const state = gateRef.current.state;
      if (state !== 'ready' && state !== 'change-password') return;
      notifications.clean();
      notifyError(new Error(t.auth.signedOutBy[reason]), t.auth.signedOutTitle);
      void load();
    },
    [load],
  );
  useLiveUpdates({ paused: gate.state !== 'ready' || gate.locked, onSignedOut: signedOutByAdmin });

  useEffect(() => setLockHandler(lock), [lock]);
  // Electron: the OS locked the screen or goes to sleep. Browser mode has no such event.
  useEffect(() => window.workstationHost?.onLockRequest(() => lock('host')), [lock]);

  // While the person signs in (or sets up, or changes a first password), the screen they land on next loads in the
  // idle time after this screen is up. Browsers without idle callbacks (jsdom) load it when it is opened.
  const signingIn = gate.state === 'sign-in' || gate.state === 'setup' || gate.state === 'admin-password' || gate.state === 'change-password' || gate.state === 'recovery-key';
  useEffect(() => {
    if (!signingIn || typeof window.requestIdleCallback !== 'function') return;
    const id = window.requestIdleCallback(preloadLandingScreens, { timeout: 3000 });
    return () => window.cancelIdleCallback(id);
  }, [signingIn]);

  const ready = gate.state === 'ready' ? gate : null;
  useIdleLock(ready ? ready.desk : null, ready?.locked ?? true, lock);

  let screen;
  switch (gate.state) {
    case 'loading':
      screen = (
        <Center h="100vh">
          <Loader aria-label={t.app.loading} />
        </Center>
      );
      break;
    case 'failed':
      screen = (
        <Center h="100vh">
          <Stack w={440}>
            <Alert color="red" title={t.app.startFailed} icon={<IconAlertTriangle />}>
              {gate.error instanceof Error ? gate.error.message : t.errors.generic}
            </Alert>
            <Button onClick={() => void load()}>{t.app.retry}</Button>
          </Stack>
        </Center>
      );
      break;
    case 'setup':
      // The sheet names the center just set up: the info is read again first.
      screen = <SetupPage info={gate.info} onJoined={() => void load()} onDone={(signedIn) => void (signedIn.recoveryKey ? call('app:info').then((info) => enter(info, signedIn), () => enter(gate.info, signedIn)) : load())} />;
      break;
    case 'admin-password':
      screen = <AdminPasswordPage info={gate.info} adminName={gate.adminName} onDone={(signedIn) => (signedIn.recoveryKey ? enter(gate.info, signedIn) : void load())} />;
      break;
    case 'recovery-key':
      screen = <RecoveryKeySheet centerName={gate.info.centerName} recoveryKey={gate.recoveryKey} onDone={() => void load()} />;
      break;
    case 'sealing':
      screen = <SealingProgress info={gate.info} onProgress={(info) => setGate({ state: 'sealing', info })} onDone={() => void load()} />;
      break;
    case 'sign-in':
      screen = <SignInPage info={gate.info} onSignedIn={(signedIn) => enter(gate.info, signedIn)} />;
      break;
    case 'change-password':
      screen = <ChangePasswordPage info={gate.info} staff={gate.staff} onDone={(signedIn) => enter(gate.info, signedIn)} onSignOut={() => void signOut()} />;
      break;
    case 'ready':
      screen = (
        <>
          <SessionProvider value={{ info: gate.info, staff: gate.staff, signOut: () => void signOut(), refreshInfo: () => void refreshInfo() }}>
            {/* Locked: still mounted (what was typed stays), but inert and hidden behind the lock screen. */}
            <div key={gate.desk} inert={gate.locked} aria-hidden={gate.locked || undefined} data-desk={gate.desk}>
              <AppLayout />
            </div>
          </SessionProvider>
          {gate.locked ? <LockScreen centerName={gate.info.centerName} staff={gate.staff} onUnlock={unlock} onOtherSignIn={otherSignIn} /> : null}
        </>
      );
      break;
    default:
      throw new Error(`unhandled gate: ${String(gate satisfies never)}`);
  }

  return (
    <>
      {/* First, so that its effect runs after the previous screen's unmount effects and before the new screen's. */}
      <ReleaseHeldCalls held={heldCalls} gate={gate} />
      {/* The setup and password screens load when shown (gate-pages.ts). */}
      <PageErrorBoundary resetKey={gate.state}>
        <Suspense fallback={<PageFallback />}>{screen}</Suspense>
      </PageErrorBoundary>
      <ReauthHost />
    </>
  );
}

/**
 * Releases calls held while the desk changed hands, once the previous person's pages have unmounted: React runs
 * every unmount effect of a commit (an editor's last save) before any mount effect, and this component's effect
 * before those of the screen rendered after it (the new person's first loads).
 */
function ReleaseHeldCalls({ held, gate }: { held: { current: (() => void) | null }; gate: Gate }) {
  useEffect(() => {
    const release = held.current;
    held.current = null;
    release?.();
  }, [held, gate]);
  return null;
}

/**
 * Locks the desk after the center's idle time without input (settings:get idleLockMinutes), and keeps the host's
 * own idle lock from coming first while the person works without calls (KEEPALIVE_MS).
 */
function useIdleLock(desk: number | null, locked: boolean, lock: (reason: LockReason) => void) {
  const [idleMinutes, setIdleMinutes] = useState(DEFAULT_IDLE_MINUTES);

  useEffect(() => {
    if (desk === null || locked) return;
    let current = true;
    call('settings:get').then(
      (settings) => current && setIdleMinutes(settings.idleLockMinutes),
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [desk, locked]);

  useEffect(() => {
    if (desk === null || locked) return;
    const watch = watchIdle({
      idleMs: idleMinutes * 60_000,
      onIdle: () => lock('idle'),
      onTick: (w) => {
        const lastCall = lastActivityCallMs();
        if (w.lastInputMs() > lastCall && clock.nowMs() - lastCall >= KEEPALIVE_MS) {
          call('settings:get').then(
            (settings) => setIdleMinutes(settings.idleLockMinutes),
            () => undefined,
          );
        }
      },
    });
    return () => watch.stop();
  }, [desk, locked, idleMinutes, lock]);
}
