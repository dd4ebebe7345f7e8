import { AppShell, Box, Container } from '@mantine/core';
import { allows } from '../../../electron/shared/policy/policy';
import { HostStatusBanner } from '../components/HostStatusBanner';
import { StoreProblems } from '../components/StoreProblems';
import { CaseListPage } from '../features/cases/CaseListPage';
import { CaseDetailPage } from '../features/cases/CaseDetailPage';
import { DeskPage } from '../features/desk/DeskPage';
import { RegisterCasePage } from '../features/intake/RegisterCasePage';
import { SessionEditorPage } from '../features/sessions/editor/SessionEditorPage';
import { AgreementPage } from '../features/agreements/editor/AgreementPage';
import { SigningPage } from '../features/agreements/signing/SigningPage';
import { VerifyPage } from '../features/verify/VerifyPage';
import { StaffSettingsPage } from '../features/staff/StaffSettingsPage';
import { AppHeader } from './AppHeader';
import { AppNavbar } from './AppNavbar';
import { RouterProvider, useRouter } from './router';
import { useSession } from './session';

function CurrentPage() {
  const { route } = useRouter();
  switch (route.name) {
    case 'desk':
      return <DeskPage />;
    case 'cases':
      return <CaseListPage />;
    case 'case':
      return <CaseDetailPage key={route.id} id={route.id} from={route.from} />;
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

/** The signed-in workstation: header, navigation by workflow, and the current screen. */
export function AppLayout() {
  const { info, staff } = useSession();
  // 中心管理员 alone reads no case: they start at 人员与设置 instead of the case list.
  const home = allows('cases:list', staff.roles) ? undefined : ({ name: 'staff' } as const);
  return (
    <RouterProvider initial={home}>
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
              <CurrentPage />
            </Box>
          </Container>
        </AppShell.Main>
      </AppShell>
    </RouterProvider>
  );
}
