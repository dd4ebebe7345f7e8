import { useState } from 'react';
import { ActionIcon, Badge, Button, Group, Menu, Table, Text } from '@mantine/core';
import { IconDots, IconKey, IconLockOpen, IconPencil, IconUserCheck, IconUserOff, IconUsersGroup } from '@tabler/icons-react';
import { STAFF_ROLES, type StaffRole } from '../../../../../electron/shared/domain/codes';
import type { StaffAccount } from '../../../../../electron/shared/domain/staff';
import { useSession } from '../../../app/session';
import { t } from '../../../i18n';
import { clock } from '../../../lib/clock';
import { formatDateTime, formatTime } from '../../../lib/format';
import { useAccountMutations } from '../mutations';
import { type AccountDialog, ActiveDialog, EditAccountDialog, ResetPasswordDialog, RolesDialog } from './AccountModals';

const A = t.staffAdmin;
const ROLE_COLORS: Partial<Record<StaffRole, string>> = { admin: 'navy', head: 'red', mediator: 'teal', legal_advisor: 'grape', clerk: 'blue' };
const DAY_MS = 24 * 60 * 60_000;

/** Whether the account is locked now (after too many failed sign-ins), and until when. */
function lockedUntil(account: StaffAccount, nowMs: number): string | null {
  if (!account.lockedUntil) return null;
  const until = Date.parse(account.lockedUntil);
  if (!(until > nowMs)) return null;
  return until - nowMs < DAY_MS ? formatTime(account.lockedUntil) : formatDateTime(account.lockedUntil);
}

/** 在用 / 已停用, and what stands in the way of signing in: locked until hh:mm, a password still to be changed or set. */
function StatusBadges({ account, nowMs }: { account: StaffAccount; nowMs: number }) {
  if (!account.active) {
    return (
      <Badge color="gray" variant="light">
        {A.accounts.statusInactive}
      </Badge>
    );
  }
  const locked = lockedUntil(account, nowMs);
  const badges = [
    locked ? (
      <Badge key="locked" color="red" variant="light">
        {A.accounts.statusLocked(locked)}
      </Badge>
    ) : null,
    !account.hasPassword ? (
      <Badge key="none" color="orange" variant="light">
        {A.accounts.statusNoPassword}
      </Badge>
    ) : account.mustChangePassword ? (
      <Badge key="change" color="yellow" variant="light">
        {A.accounts.statusMustChange}
      </Badge>
    ) : null,
  ].filter(Boolean);
  return (
    <Group gap={4}>
      {badges.length > 0 ? (
        badges
      ) : (
        <Badge color="teal" variant="light">
          {A.accounts.statusActive}
        </Badge>
      )}
    </Group>
  );
}

/**
 * 工作人员账号: name, login name, posts, state and last sign-in, with the administrator's actions per row (编辑, 调整岗位,
 * 重置密码, 停用 / 重新启用, and 解锁 while locked). One's own account is neither reset nor switched off here.
 */
export function AccountsTable({ accounts }: { accounts: StaffAccount[] }) {
  const { staff: me } = useSession();
  const [dialog, setDialog] = useState<AccountDialog | null>(null);
  const actions = useAccountMutations();
  const nowMs = clock.nowMs();
  const close = () => setDialog(null);

  return (
    <>
      <Table.ScrollContainer minWidth={760}>
        <Table withTableBorder highlightOnHover verticalSpacing="xs" aria-label={A.accounts.section}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={170}>{A.accounts.name}</Table.Th>
              <Table.Th w={130}>{A.accounts.loginName}</Table.Th>
              <Table.Th>{A.accounts.roles}</Table.Th>
              <Table.Th w={170}>{A.accounts.status}</Table.Th>
              <Table.Th w={140}>{A.accounts.lastSignIn}</Table.Th>
              <Table.Th w={130}>{A.accounts.actions}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {accounts.map((account) => {
              const self = account.id === me.id;
              const locked = account.active && lockedUntil(account, nowMs) !== null;
              return (
                <Table.Tr key={account.id} data-testid={`account-${account.loginName}`}>
                  <Table.Td fw={500}>
                    <Group gap={6} wrap="nowrap">
                      <Text fz="sm" fw={500} c={account.active ? undefined : 'dimmed'} style={{ whiteSpace: 'nowrap' }}>
                        {account.name}
                      </Text>
                      {self ? (
                        <Badge size="xs" variant="outline" color="gray" style={{ flexShrink: 0 }}>
                          {A.accounts.you}
                        </Badge>
                      ) : null}
                    </Group>
                  </Table.Td>
                  <Table.Td>
                    <Text fz="sm" ff="monospace">
                      {account.loginName}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Group gap={4}>
                      {account.roles.map((role) => (
                        <Badge key={role} variant="light" color={ROLE_COLORS[role] ?? 'gray'} size="sm">
                          {STAFF_ROLES[role]}
                        </Badge>
                      ))}
                    </Group>
                  </Table.Td>
                  <Table.Td>
                    <StatusBadges account={account} nowMs={nowMs} />
                  </Table.Td>
                  <Table.Td>
                    <Text fz="sm" c={account.lastSignInAt ? undefined : 'dimmed'}>
                      {account.lastSignInAt ? formatDateTime(account.lastSignInAt) : A.accounts.never}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Group gap={6} wrap="nowrap">
                      {locked ? (
                        <Button size="compact-xs" variant="light" color="red" leftSection={<IconLockOpen size={14} />} aria-label={A.unlock.actionFor(account.name)} disabled={actions.pending} onClick={() => void actions.unlock(account.id).catch(() => undefined)}>
                          {A.unlock.action}
                        </Button>
                      ) : null}
                      <Menu position="bottom-end" withinPortal>
                        <Menu.Target>
                          <ActionIcon variant="subtle" color="gray" aria-label={A.accounts.actionsFor(account.name)}>
                            <IconDots size={18} />
                          </ActionIcon>
                        </Menu.Target>
                        <Menu.Dropdown>
                          <Menu.Item leftSection={<IconPencil size={14} />} onClick={() => setDialog({ kind: 'edit', account })}>
                            {A.edit.action}
                          </Menu.Item>
                          <Menu.Item leftSection={<IconUsersGroup size={14} />} onClick={() => setDialog({ kind: 'roles', account })}>
                            {A.roles.action}
                          </Menu.Item>
                          {/* One's own password is changed from the header (修改密码), not reset here. */}
                          {self ? null : (
                            <Menu.Item leftSection={<IconKey size={14} />} onClick={() => setDialog({ kind: 'reset', account })}>
                              {A.reset.action}
                            </Menu.Item>
                          )}
                          {self ? null : account.active ? (
                            <Menu.Item color="red" leftSection={<IconUserOff size={14} />} onClick={() => setDialog({ kind: 'active', account })}>
                              {A.active.deactivate}
                            </Menu.Item>
                          ) : (
                            <Menu.Item leftSection={<IconUserCheck size={14} />} onClick={() => setDialog({ kind: 'active', account })}>
                              {A.active.reactivate}
                            </Menu.Item>
                          )}
                        </Menu.Dropdown>
                      </Menu>
                    </Group>
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {dialog?.kind === 'edit' ? <EditAccountDialog key={dialog.account.id} account={dialog.account} pending={actions.pending} onClose={close} onSave={actions.update} /> : null}
      {dialog?.kind === 'roles' ? (
        <RolesDialog key={dialog.account.id} account={dialog.account} self={dialog.account.id === me.id} pending={actions.pending} onClose={close} onSave={actions.setRoles} />
      ) : null}
      {dialog?.kind === 'reset' ? <ResetPasswordDialog key={dialog.account.id} account={dialog.account} pending={actions.pending} onClose={close} onSave={actions.resetPassword} /> : null}
      {dialog?.kind === 'active' ? <ActiveDialog key={dialog.account.id} account={dialog.account} pending={actions.pending} onClose={close} onConfirm={actions.setActive} /> : null}
    </>
  );
}
