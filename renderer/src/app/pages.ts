/**
 * The screens of the signed-in workstation, each loaded when first opened from a chunk of its own (with what only it
 * uses: the session editor, the agreement editor, signature_pad for signing, the document viewer and through it
 * pdf.js…). The sign-in and setup screens and the layout come with the app (AppGate, AppLayout).
 */
import { lazyPage } from './lazy-page';
import type { Route } from './router';

export const DeskPage = lazyPage(() => import('../features/desk/DeskPage').then((m) => m.DeskPage));
export const MyDeskPage = lazyPage(() => import('../features/desk/MyDeskPage').then((m) => m.MyDeskPage));
export const CaseListPage = lazyPage(() => import('../features/cases/CaseListPage').then((m) => m.CaseListPage));
export const CaseDetailPage = lazyPage(() => import('../features/cases/CaseDetailPage').then((m) => m.CaseDetailPage));
export const CaseCorrectionPage = lazyPage(() => import('../features/cases/correct/CaseCorrectionPage').then((m) => m.CaseCorrectionPage));
export const RegisterCasePage = lazyPage(() => import('../features/intake/RegisterCasePage').then((m) => m.RegisterCasePage));
export const SessionEditorPage = lazyPage(() => import('../features/sessions/editor/SessionEditorPage').then((m) => m.SessionEditorPage));
export const AgreementPage = lazyPage(() => import('../features/agreements/editor/AgreementPage').then((m) => m.AgreementPage));
export const SigningPage = lazyPage(() => import('../features/agreements/signing/SigningPage').then((m) => m.SigningPage));
export const VerifyPage = lazyPage(() => import('../features/verify/VerifyPage').then((m) => m.VerifyPage));
export const StaffSettingsPage = lazyPage(() => import('../features/staff/StaffSettingsPage').then((m) => m.StaffSettingsPage));

/**
 * The screens people land on after signing in (homeRoute: 今日接待, 我的工作台, 案件列表), with the code every screen
 * shares: loaded while the app waits for the host or the person types their password, so the first screen after
 * sign-in does not wait for its code. A failure is left for the screen to report when it is opened.
 */
export function preloadLandingScreens(): void {
  for (const page of [DeskPage, MyDeskPage, CaseListPage]) page.preload().catch(() => undefined);
}

const SCREENS: Record<Route['name'], { preload: () => Promise<unknown> }> = {
  desk: DeskPage,
  mine: MyDeskPage,
  cases: CaseListPage,
  register: RegisterCasePage,
  case: CaseDetailPage,
  'case-edit': CaseCorrectionPage,
  session: SessionEditorPage,
  agreement: AgreementPage,
  'agreement-signing': SigningPage,
  verify: VerifyPage,
  staff: StaffSettingsPage,
};

/**
 * Loads a screen's code, for a caller that would rather wait a moment than show the workstation without it (the app
 * opening with someone already signed in). Resolves once it is there, once it failed (the screen then says so), or
 * after `timeoutMs` at the latest.
 */
export function preloadScreen(route: Route, timeoutMs = 2000): Promise<void> {
  return new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, timeoutMs);
    const done = () => {
      clearTimeout(timer);
      resolve();
    };
    SCREENS[route.name].preload().then(done, done);
  });
}
