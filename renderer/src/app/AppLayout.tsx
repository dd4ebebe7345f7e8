import { Suspense } from 'react';
import { AppShell, Box, Container } from '@mantine/core';
import { HostStatusBanner } from '../components/HostStatusBanner';
import { StoreProblems } from '../components/StoreProblems';
import { homeRoute } from './home';
import { AppHeader } from './AppHeader';
import { AppNavbar } from './AppNavbar';
import { lazyPage } from './lazy-page';
import { PageErrorBoundary } from './PageErrorBoundary';
import { NavigationProgress, PageFallback } from './PageFallback';
import { RouterProvider, useRouter } from './router';
import { useSession } from './session';

// Each screen is loaded when first opened, from a chunk of its own (with what only it uses: the session editor, the
// agreement editor and signature_pad, pdf.js through the document viewer, the date pickers…); the sign-in and setup
// screens and this layout come with the app.
const DeskPage = lazyPage(() => import('../features/desk/DeskPage').then((m) => m.DeskPage));
const MyDeskPage = lazyPage(() => import('../features/desk/MyDeskPage').then((m) => m.MyDeskPage));
const CaseListPage = lazyPage(() => import('../features/cases/CaseListPage').then((m) => m.CaseListPage));
const CaseDetailPage = lazyPage(() => import('../features/cases/CaseDetailPage').then((m) => m.CaseDetailPage));
const CaseCorrectionPage = lazyPage(() => import('../features/cases/correct/CaseCorrectionPage').then((m) => m.CaseCorrectionPage));
const RegisterCasePage = lazyPage(() => import('../features/intake/RegisterCasePage').then((m) => m.RegisterCasePage));
const SessionEditorPage = lazyPage(() => import('../features/sessions/editor/SessionEditorPage').then((m) => m.SessionEditorPage));
const AgreementPage = lazyPage(() => import('../features/agreements/editor/AgreementPage').then((m) => m.AgreementPage));
const SigningPage = lazyPage(() => import('../features/agreements/signing/SigningPage').then((m) => m.SigningPage));
const VerifyPage = lazyPage(() => import('../features/verify/VerifyPage').then((m) => m.VerifyPage));
const StaffSettingsPage = lazyPage(() => import('../features/staff/StaffSettingsPage').then((m) => m.StaffSettingsPage));

function CurrentPage() {
  const { route } = useRouter();
  switch (route.name) {
    case 'desk':
      return <DeskPage />;
    case 'mine':
      return <MyDeskPage />;
    case 'cases':
      return <CaseListPage />;
    case 'case':
      return <CaseDetailPage key={route.id} id={route.id} from={route.from} />;
    case 'case-edit':
      return <CaseCorrectionPage key={route.id} id={route.id} focus={route.focus} back={route.back} />;
    case 'session':
      return <SessionEditorPage key={route.sessionId} caseId={route.caseId} sessionId={route.sessionId} />;
    case 'agreement':
      return <AgreementPage key={route.caseId} caseId={route.caseId} />;
    case 'agreement-signing':
      return <SigningPage key={route.caseId} caseId={route.caseId} />;
    case 'verify':
      return <VerifyPage />;
    case 'register':
      return <RegisterCasePage />;
    case 'staff':
      return <StaffSettingsPage focus={route.focus} />;
    default:
      throw new Error(`unhandled route: ${String(route satisfies never)}`);
  }
}

/**
 * The current screen inside the layout: while its code loads the previous screen stays (navigation is a transition,
 * router.tsx), and on a first opening a quiet spinner; a screen that cannot load says so, with 重新加载.
 */
function PageArea() {
  const { route, navigating } = useRouter();
  return (
    <PageErrorBoundary resetKey={JSON.stringify(route)}>
      {navigating ? <NavigationProgress /> : null}
      <Suspense fallback={<PageFallback />}>
        <CurrentPage />
      </Suspense>
    </PageErrorBoundary>
  );
}

/** The signed-in workstation: header, navigation by workflow, and the current screen. */
export function AppLayout() {
  const { info, staff } = useSession();
  // Each person starts at their own work (see homeRoute); 中心管理员 alone at 人员与设置.
  return (
    <RouterProvider initial={homeRoute(staff.roles)}>
      <AppShell header={{ height: 56 }} navbar={{ width: 216, breakpoint: 0 }} padding={0}>
        <AppShell.Header>
          <AppHeader />
        </AppShell.Header>
        <AppShell.Navbar>
          <AppNavbar />
        </AppShell.Navbar>
        <AppShell.Main>
          <Container size={1280} px="xl" py="lg">
            <HostStatusBanner />
            <StoreProblems problems={info.storeProblems} />
            <Box>
              <PageArea />
            </Box>
          </Container>
        </AppShell.Main>
      </AppShell>
    </RouterProvider>
  );
}
