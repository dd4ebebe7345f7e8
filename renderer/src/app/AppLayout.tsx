import { Suspense } from 'react';
import { AppShell, Box, Container } from '@mantine/core';
import { ClockWarningBanner } from '../components/ClockWarningBanner';
import { HostStatusBanner } from '../components/HostStatusBanner';
import { StoreProblems } from '../components/StoreProblems';
import { homeRoute } from './home';
import { AppHeader } from './AppHeader';
import { AppNavbar } from './AppNavbar';
import { PageErrorBoundary } from './PageErrorBoundary';
import { NavigationProgress, PageFallback } from './PageFallback';
import { AgreementPage, CaseCorrectionPage, CaseDetailPage, CaseListPage, DeskPage, MyDeskPage, RegisterCasePage, SessionEditorPage, SigningPage, StaffSettingsPage, VerifyPage } from './pages';
import { RouterProvider, useRouter } from './router';
import { useSession } from './session';

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
            <ClockWarningBanner />
            <Box>
              <PageArea />
            </Box>
          </Container>
        </AppShell.Main>
      </AppShell>
    </RouterProvider>
  );
}
