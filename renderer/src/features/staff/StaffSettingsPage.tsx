import { Alert, Center, Divider, Loader, Stack } from '@mantine/core';
import { useQuery } from '../../api/query';
import { PageHeader } from '../../components/PageHeader';
import { SectionCard } from '../../components/SectionCard';
import { t } from '../../i18n';
import { AddStaffForm } from './components/AddStaffForm';
import { SettingsForm } from './components/SettingsForm';
import { StaffTable } from './components/StaffTable';
import { settingsQueries, staffQueries } from './queries';

/** 人员与设置: the staff list (mediators to assign come from here) and the center settings. */
export function StaffSettingsPage() {
  const staff = useQuery(staffQueries.list());
  const settings = useQuery(settingsQueries.get());
  return (
    <>
      <PageHeader title={t.staff.title} />
      <Stack gap="md">
        <SectionCard title={t.staff.staffSection}>
          {staff.error ? <Alert color="red">{staff.error.message}</Alert> : null}
          {staff.data ? <StaffTable staff={staff.data} /> : <Loader size="sm" />}
          <Divider label={t.staff.addStaff} labelPosition="left" />
          <AddStaffForm />
        </SectionCard>
        <SectionCard title={t.staff.settingsSection}>
          {settings.error ? <Alert color="red">{settings.error.message}</Alert> : null}
          {settings.data ? (
            <SettingsForm key={settings.data.caseNumberPattern + settings.data.centerName} settings={settings.data} />
          ) : (
            <Center py="md">
              <Loader size="sm" />
            </Center>
          )}
        </SectionCard>
      </Stack>
    </>
  );
}
