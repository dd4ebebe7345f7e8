import { Alert, Center, Divider, Loader, Stack } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { SettingFocus } from '../../app/router';
import { PageHeader } from '../../components/PageHeader';
import { SectionCard } from '../../components/SectionCard';
import { t } from '../../i18n';
import { AccountsTable } from './components/AccountsTable';
import { AddStaffForm } from './components/AddStaffForm';
import { CertificateCard } from './components/CertificateCard';
import { DataCheckCard } from './components/DataCheckCard';
import { CheckpointsCard } from '../integrity/CheckpointsCard';
import { CenterImages } from './components/CenterImages';
import { SettingsForm } from './components/SettingsForm';
import { settingsQueries, staffQueries } from './queries';
import { BackupCard } from '../backup/BackupCard';
import { BackupReminders } from '../backup/BackupReminders';
import { allows } from '../../../../electron/shared/policy/policy';
import { useSession } from '../../app/session';

/**
 * 人员与设置 (中心管理员): the staff accounts (who signs in, with which posts; mediators to assign come from here), the
 * center settings and the seal and logo. `focus` (from a link such as "a document needs the center's phone") goes
 * straight to that setting.
 */
export function StaffSettingsPage({ focus }: { focus?: SettingFocus | undefined }) {
  const { staff } = useSession();
  const backups = allows('backup:status', staff.roles);
  const accounts = useQuery(staffQueries.accounts());
  const settings = useQuery(settingsQueries.get());
  const imageFocus = focus === 'seal' || focus === 'logo' ? focus : undefined;
  const fieldFocus = focus && !imageFocus ? (focus as Exclude<SettingFocus, 'seal' | 'logo'>) : undefined;
  return (
    <>
      <PageHeader title={t.staff.title} />
      {backups ? <BackupReminders /> : null}
      <Stack gap="md">
        <SectionCard title={t.staffAdmin.accounts.section}>
          {accounts.error ? (
            <Alert color="red" title={t.staffAdmin.accounts.loadFailed}>
              {accounts.error.message}
            </Alert>
          ) : null}
          {accounts.data ? <AccountsTable accounts={accounts.data} /> : accounts.error ? null : <Loader size="sm" />}
          <Divider label={t.staffAdmin.add.title} labelPosition="left" my="md" />
          <AddStaffForm />
        </SectionCard>
        <SectionCard title={t.staff.settingsSection} id="center-settings">
          {settings.error ? <Alert color="red">{settings.error.message}</Alert> : null}
          {settings.data ? (
            <SettingsForm key={settings.data.caseNumberPattern + settings.data.centerName} settings={settings.data} focus={fieldFocus} />
          ) : (
            <Center py="md">
              <Loader size="sm" />
            </Center>
          )}
        </SectionCard>
        <SectionCard title={t.staff.imagesSection} hint={t.staff.imagesHint} id="center-images">
          <CenterImages focus={imageFocus} />
        </SectionCard>
        {backups ? <BackupCard /> : null}
        <CertificateCard />
        <DataCheckCard />
        <CheckpointsCard />
      </Stack>
    </>
  );
}
