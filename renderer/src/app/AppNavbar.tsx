import type { ReactNode } from 'react';
import { NavLink, ScrollArea, Stack, Text } from '@mantine/core';
import { IconClipboardList, IconFilePlus, IconLayoutDashboard, IconListDetails, IconSettings, IconShieldCheck } from '@tabler/icons-react';
import { hasMyDesk } from './home';
import { type PolicyMethod, allows } from '../../../electron/shared/policy/policy';
import { t } from '../i18n';
import { type Route, useRouter } from './router';
import { useSession } from './session';

interface Item {
  label: string;
  icon: ReactNode;
  route: Route;
  /** Route names that keep this item highlighted (a case opened from the list). */
  matches: Route['name'][];
}

interface Group {
  label: string;
  items: Item[];
}

/**
 * Navigation follows the workflow: intake first, then case handling, then administration. Only working screens appear,
 * and only those the person's posts may use (the policy table decides, as main does): 中心管理员 alone sees no case.
 */
export function AppNavbar() {
  const { route, navigate } = useRouter();
  const { staff } = useSession();
  const may = (method: PolicyMethod) => allows(method, staff.roles);
  const candidates: Group[] = [
    {
      label: t.nav.groupIntake,
      items: [
        ...(may('desk:today') ? [{ label: t.nav.desk, icon: <IconClipboardList size={18} />, route: { name: 'desk' }, matches: ['desk'] } satisfies Item] : []),
        ...(may('cases:create') ? [{ label: t.nav.register, icon: <IconFilePlus size={18} />, route: { name: 'register' }, matches: ['register'] } satisfies Item] : []),
      ],
    },
    {
      label: t.nav.groupCases,
      items: [
        ...(may('desk:mine') && hasMyDesk(staff.roles) ? [{ label: t.myDesk.nav, icon: <IconLayoutDashboard size={18} />, route: { name: 'mine' }, matches: ['mine'] } satisfies Item] : []),
        ...(may('cases:list')
          ? [{ label: t.nav.cases, icon: <IconListDetails size={18} />, route: { name: 'cases' }, matches: ['cases', 'case', 'case-edit', 'session', 'agreement', 'agreement-signing'] } satisfies Item]
          : []),
        ...(may('documents:verify') ? [{ label: t.nav.verify, icon: <IconShieldCheck size={18} />, route: { name: 'verify' }, matches: ['verify'] } satisfies Item] : []),
      ],
    },
    {
      label: t.nav.groupAdmin,
      items: may('staff:accounts') ? [{ label: t.nav.staff, icon: <IconSettings size={18} />, route: { name: 'staff' }, matches: ['staff'] }] : [],
    },
  ];
  const groups = candidates.filter((g) => g.items.length > 0);
  return (
    <ScrollArea component="nav" aria-label={t.nav.ariaLabel} px="sm" py="md">
      <Stack gap="lg">
        {groups.map((group) => (
          <Stack key={group.label} gap={4}>
            <Text size="xs" fw={600} c="dimmed" px="sm" tt="uppercase">
              {group.label}
            </Text>
            {group.items.map((item) => (
              <NavLink
                key={item.label}
                component="button"
                label={item.label}
                leftSection={item.icon}
                active={item.matches.includes(route.name)}
                onClick={() => navigate(item.route)}
                variant="filled"
                style={{ borderRadius: 'var(--mantine-radius-sm)' }}
                aria-current={item.matches.includes(route.name) ? 'page' : undefined}
              />
            ))}
          </Stack>
        ))}
      </Stack>
    </ScrollArea>
  );
}
