import { Badge, Group, Table, Text } from '@mantine/core';
import { STAFF_ROLES } from '../../../../../electron/shared/domain/codes';
import type { Staff } from '../../../../../electron/shared/domain/staff';
import { t } from '../../../i18n';
import { formatDateTime } from '../../../lib/format';

/** The center's staff with their posts. */
export function StaffTable({ staff }: { staff: Staff[] }) {
  return (
    <Table withTableBorder highlightOnHover>
      <Table.Thead>
        <Table.Tr>
          <Table.Th w={120}>{t.staff.name}</Table.Th>
          <Table.Th>{t.staff.roles}</Table.Th>
          <Table.Th w={80}>{t.staff.status}</Table.Th>
          <Table.Th w={150}>{t.staff.createdAt}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {staff.map((s) => (
          <Table.Tr key={s.id}>
            <Table.Td fw={500}>{s.name}</Table.Td>
            <Table.Td>
              <Group gap={4}>
                {s.roles.map((role) => (
                  <Badge key={role} variant="light" color={role === 'admin' ? 'navy' : role === 'mediator' ? 'teal' : 'gray'} size="sm">
                    {STAFF_ROLES[role]}
                  </Badge>
                ))}
              </Group>
            </Table.Td>
            <Table.Td>
              <Text fz="sm" c={s.active ? 'teal.7' : 'dimmed'}>
                {s.active ? t.staff.active : t.staff.inactive}
              </Text>
            </Table.Td>
            <Table.Td>
              <Text fz="sm">{formatDateTime(s.createdAt)}</Text>
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
