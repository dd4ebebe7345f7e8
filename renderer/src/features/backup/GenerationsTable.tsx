import { Alert, Badge, Loader, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { t } from '../../i18n';
import { formatDateTime } from '../../lib/format';
import { backupQueries, formatBytes } from './queries';

const g = t.backup.generations;

/** The generations in the backup folder, newest first: when, how many files, how big, whether usable. */
export function GenerationsTable() {
  const list = useQuery(backupQueries.generations());
  if (list.error) return <Alert color="red" title={g.loadFailed}>{list.error.message}</Alert>;
  if (!list.data) return <Loader size="sm" />;
  if (list.data.length === 0) return <Text fz="sm" c="dimmed">{g.none}</Text>;
  return (
    <Table fz="sm" striped withTableBorder aria-label={g.title} data-testid="backup-generations">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{g.columns.at}</Table.Th>
          <Table.Th>{g.columns.files}</Table.Th>
          <Table.Th>{g.columns.size}</Table.Th>
          <Table.Th>{g.columns.state}</Table.Th>
          <Table.Th>{g.columns.id}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {list.data.map((gen) => (
          <Table.Tr key={gen.id}>
            <Table.Td>{gen.startedAt ? formatDateTime(gen.startedAt) : t.common.none}</Table.Td>
            <Table.Td>{gen.files ?? t.common.none}</Table.Td>
            <Table.Td>{gen.bytes === null ? t.common.none : formatBytes(gen.bytes)}</Table.Td>
            <Table.Td>
              <Badge color={gen.status === 'complete' ? 'teal' : 'red'} variant="light" title={gen.note ?? undefined}>
                {g.states[gen.status]}
              </Badge>
            </Table.Td>
            <Table.Td>
              <Text fz="xs" ff="monospace" c="dimmed">
                {gen.id}
              </Text>
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
