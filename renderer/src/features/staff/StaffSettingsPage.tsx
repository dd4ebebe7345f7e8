import { Alert, Center, Divider, Loader, Stack } from '@mantine/core';
import { useQuery } from '../../api/query';
import type { SettingFocus } from '../../app/router';
import { PageHeader } from '../../components/PageHeader';
import { SectionCard } from '../../components/SectionCard';
import { t } from '../../i18n';
import { AddStaffForm } from './components/AddStaffForm';
import { CertificateCard } from './components/CertificateCard';
import { CenterImages } from './components/CenterImages';
import { SettingsForm } from './components/SettingsForm';
import { StaffTable } from './components/StaffTable';
import { settingsQueries, staffQueries } from './queries';

/**
 * 人员与设置: the staff list (mediators to assign come from here), the center settings and the seal and logo.
 * `focus` (from a link such as "a document needs the center's phone") goes straight to that setting.
 */
export function StaffSettingsPage({ focus }: { focus?: SettingFocus | undefined }) {
  const staff = useQuery(staffQueries.list());
  const settings = useQuery(settingsQueries.get());
  const imageFocus = focus === 'seal' || focus === 'logo' ? focus : undefined;
  const fieldFocus = focus && !imageFocus ? (focus as Exclude<SettingFocus, 'seal' | 'logo'>) : undefined;
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
        <CertificateCard />
      </Stack>
    </>
  );
}
