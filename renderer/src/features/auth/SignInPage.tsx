import { Fragment, useState } from 'react';
import { Alert, Button, Center, Group, Loader, Paper, SimpleGrid, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconScale, IconUser } from '@tabler/icons-react';
import { STAFF_ROLES } from '../../../../electron/shared/domain/codes';
import type { Staff } from '../../../../electron/shared/domain/staff';
import type { AppInfo } from '../../../../electron/shared/ipc/contract';
import { call } from '../../api/client';
import { useQuery } from '../../api/query';
import { StoreProblems } from '../../components/StoreProblems';
import { t } from '../../i18n';
import { notifyError } from '../../lib/notify';
import classes from './SignInPage.module.css';

/** Choose who is working. Passwords arrive with the accounts issue; every action is already attributed. */
export function SignInPage({ info, onSignedIn }: { info: AppInfo; onSignedIn: (staff: Staff) => void }) {
  const candidates = useQuery({ key: ['auth', 'candidates'], fn: () => call('auth:candidates') });
  const [pending, setPending] = useState<string | null>(null);

  const signIn = async (staffId: string) => {
    setPending(staffId);
    try {
      onSignedIn(await call('auth:sign-in', { staffId }));
    } catch (error) {
      notifyError(error, t.signIn.failed);
    } finally {
      setPending(null);
    }
  };

  return (
    <Center mih="100vh" className={classes.page} p="md">
      <Stack w={560} gap={0}>
        <StoreProblems problems={info.storeProblems} />
        <Paper p={40} shadow="md" withBorder>
          <Stack gap="lg">
            <Group gap="sm">
              <ThemeIcon size={40} radius="sm" aria-hidden>
                <IconScale size={24} />
              </ThemeIcon>
              <div>
                <Text c="dimmed" fz="sm">
                  {info.centerName}
                </Text>
                <Title order={2}>{t.app.name}</Title>
              </div>
            </Group>
            <div>
              <Title order={4}>{t.signIn.title}</Title>
              <Text c="dimmed" fz="sm">
                {t.signIn.intro}
              </Text>
            </div>
            {candidates.loading && !candidates.data ? <Loader size="sm" /> : null}
            {candidates.error ? <Alert color="red">{candidates.error.message}</Alert> : null}
            {candidates.data?.length === 0 ? <Alert color="yellow">{t.signIn.empty}</Alert> : null}
            <SimpleGrid cols={2} spacing="sm">
              {candidates.data?.map((c) => (
                <Button
                  key={c.id}
                  variant="default"
                  size="lg"
                  h="auto"
                  py="sm"
                  justify="flex-start"
                  styles={{ label: { whiteSpace: 'normal', textAlign: 'left' } }}
                  leftSection={<IconUser size={20} />}
                  loading={pending === c.id}
                  disabled={pending !== null && pending !== c.id}
                  onClick={() => void signIn(c.id)}
                  aria-label={c.name}
                >
                  <Stack gap={0} align="flex-start">
                    <Text fw={600}>{c.name}</Text>
                    <Text fz="xs" c="dimmed">
                      {c.roles.map((r, i) => (
                      // Break only after a 、, never inside a post (调解员 must not wrap as 调解/员).
                      <Fragment key={r}>
                        {i > 0 ? '、' : null}
                        <span style={{ whiteSpace: 'nowrap' }}>{STAFF_ROLES[r]}</span>
                      </Fragment>
                    ))}
                    </Text>
                  </Stack>
                </Button>
              ))}
            </SimpleGrid>
          </Stack>
        </Paper>
      </Stack>
    </Center>
  );
}
