import { type ReactNode, useLayoutEffect, useMemo, useRef, useState, useTransition } from 'react';
import { createSafeContext } from '../lib/safe-context';

/** The screens of the app. State-based on purpose: one window, no URLs to share, nothing to deep-link. */
export type Route =
  | { name: 'desk' }
  /** 我的工作台: a mediator's cases and sessions, a legal advisor's agreements. */
  | { name: 'mine' }
  | { name: 'cases' }
  | { name: 'register' }
  /** `from` names the screen the case was opened from, so that "back" returns there. */
  | { name: 'case'; id: string; from?: 'cases' | 'desk' | 'register' | 'mine' }
  /**
   * 修改登记信息 of a case. `focus` names a party and the fields to complete (from the agreement's checks); `back` is
   * where saving or cancelling returns to.
   */
  | { name: 'case-edit'; id: string; focus?: CorrectionFocus; back?: 'case' | 'agreement' }
  /** The record of one session or investigation (调解记录 / 调查记录), typed live. */
  | { name: 'session'; caseId: string; sessionId: string }
  /** The agreement of a case: drafting, legal checks, live preview, review. */
  | { name: 'agreement'; caseId: string }
  /** Signing the approved agreement at the desk, the seal, the signed original. */
  | { name: 'agreement-signing'; caseId: string }
  /** 文书核验: is this PDF one the center issued, unchanged? */
  | { name: 'verify' }
  /** `focus` names a setting to go to (e.g. from a document that cannot be made without it). */
  | { name: 'staff'; focus?: SettingFocus };

/** Where the correction form opens: a party (by id) and the keys of its fields to complete, the first focused. */
export interface CorrectionFocus {
  partyId: string;
  fields: readonly string[];
}

/** Settings a screen can point the user to: fields of the center settings form, or the seal / logo. */
export type SettingFocus = 'centerName' | 'committeeName' | 'address' | 'phone' | 'courtName' | 'seal' | 'logo';

interface RouterValue {
  route: Route;
  navigate: (route: Route) => void;
  /** A screen's code is still loading after navigate (the previous screen is shown meanwhile). */
  navigating: boolean;
}

const [Provider, useRouterContext] = createSafeContext<RouterValue>('Router component was not found in tree');
export const useRouter = useRouterContext;

/**
 * Screens are loaded when first opened (AppLayout): a navigation is a transition, so the screen on display stays until
 * the next one can render, instead of the content area blanking while its code loads.
 */
export function RouterProvider({ initial = { name: 'cases' }, children }: { initial?: Route; children: ReactNode }) {
  const [route, setRoute] = useState<Route>(initial);
  const [navigating, startTransition] = useTransition();
  // A new screen starts at the top, scrolled before its own effects run (which may scroll to a field they focus).
  const first = useRef(true);
  useLayoutEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    window.scrollTo({ top: 0 });
  }, [route]);
  const value = useMemo<RouterValue>(
    () => ({
      route,
      navigating,
      navigate: (next) => startTransition(() => setRoute(next)),
    }),
    [route, navigating],
  );
  return <Provider value={value}>{children}</Provider>;
}
