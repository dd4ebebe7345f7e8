import { Suspense, useState } from 'react';
import { Button, Divider, Group, Menu, Text, ThemeIcon, Tooltip, UnstyledButton } from '@mantine/core';
import { IconChevronDown, IconKey, IconLock, IconLogout, IconScale, IconUserCircle } from '@tabler/icons-react';
import { STAFF_ROLES } from '../../../electron/shared/domain/codes';
import { useQuery } from '@tanstack/react-query';
import { ChangePasswordModal } from './gate-pages';
import { settingsQueries } from '../features/staff/queries';
import { t } from '../i18n';
import { requestLock } from '../lib/idle-lock';
import { useSession } from './session';
import { BackupHeaderLine } from '../features/backup/BackupHeaderLine';
import classes from './AppHeader.module.css';

export function AppHeader() {
  const { info, staff, signOut } = useSession();
  const [changingPassword, setChangingPassword] = useState(false);
  // The center's logo, when one is set (人员与设置 → 印章与标志), in place of the generic mark.
  const images = useQuery(settingsQueries.images());
  const logo = images.data?.logo ?? null;
  return (
    <Group h="100%" px="lg" justify="space-between" className={classes.header} wrap="nowrap">
      <Group gap="sm" wrap="nowrap">
        {logo ? (
          <span className={classes.logo}>
            <img src={`data:image/png;base64,${logo.pngBase64}`} alt={t.app.logo} height={28} />
          </span>
        ) : (
          <ThemeIcon size={32} radius="sm" variant="white" color="navy" aria-hidden>
            <IconScale size={20} />
          </ThemeIcon>
        )}
        <Text fw={700} fz="lg" c="white" component="h1" m={0}>
          {t.app.name}
        </Text>
        <Divider orientation="vertical" color="rgba(255,255,255,0.35)" h={22} style={{ alignSelf: 'center' }} />
        <Text c="navy.0" fz="sm" truncate>
          {info.centerName}
        </Text>
      </Group>
      <Group gap="md" wrap="nowrap">
        <BackupHeaderLine />
        <Menu position="bottom-end" withinPortal shadow="md">
          <Menu.Target>
            <UnstyledButton className={classes.user} aria-label={`${t.auth.header.userMenu}：${staff.name}`}>
              <Group gap={6} wrap="nowrap" aria-label={t.app.currentStaff}>
                <IconUserCircle size={20} color="white" aria-hidden />
                <Text c="white" fz="sm" fw={500}>
                  {staff.name}
                </Text>
                <Text c="navy.1" fz="xs">
                  {staff.roles.map((r) => STAFF_ROLES[r]).join('、')}
                </Text>
                <IconChevronDown size={14} color="white" aria-hidden />
              </Group>
            </UnstyledButton>
          </Menu.Target>
          <Menu.Dropdown>
            <Menu.Label>{staff.loginName}</Menu.Label>
            <Menu.Item leftSection={<IconKey size={16} />} onClick={() => setChangingPassword(true)}>
              {t.auth.header.changePassword}
            </Menu.Item>
            <Menu.Divider />
            <Menu.Item leftSection={<IconLogout size={16} />} onClick={signOut}>
              {t.auth.header.signOut}
            </Menu.Item>
          </Menu.Dropdown>
        </Menu>
        <Tooltip label={t.auth.header.lockHint}>
          <Button size="xs" variant="white" color="navy" leftSection={<IconLock size={14} />} onClick={() => requestLock('manual')}>
            {t.auth.header.lock}
          </Button>
        </Tooltip>
        <Button size="xs" variant="white" color="navy" leftSection={<IconLogout size={14} />} onClick={signOut}>
          {t.app.signOut}
        </Button>
      </Group>
      {changingPassword ? (
        <Suspense fallback={null}>
          <ChangePasswordModal opened loginName={staff.loginName} onClose={() => setChangingPassword(false)} />
        </Suspense>
      ) : null}
    </Group>
  );
}
