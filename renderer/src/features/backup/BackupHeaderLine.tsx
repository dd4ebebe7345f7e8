import { Text, Tooltip } from '@mantine/core';
import { IconDatabaseExport } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { allows } from '../../../../electron/shared/policy/policy';
import { useSession } from '../../app/session';
import { t } from '../../i18n';
import { formatDateTime } from '../../lib/format';
import { backupQueries } from './queries';

const b = t.backup;

/** In the header, for administrators only: 上次备份 and its time, red with the reason as a tooltip when it is not in order. */
export function BackupHeaderLine() {
  const { staff } = useSession();
  const mine = allows('backup:status', staff.roles);
  const status = useQuery({ ...backupQueries.status(), enabled: mine }).data;
  if (!mine || !status || status.store !== 'file') return null;
  const text = status.lastGood ? b.header(formatDateTime(status.lastGood.at)) : b.headerNone;
  return (
    <Tooltip label={status.alert ?? b.last} multiline maw={360}>
      <Text
        fz="xs"
        fw={status.alert ? 700 : 400}
        c={status.alert ? 'white' : 'navy.1'}
        bg={status.alert ? 'red.7' : undefined}
        px={status.alert ? 6 : 0}
        py={2}
        style={{ borderRadius: 4, whiteSpace: 'nowrap', display: 'flex', alignItems: 'center', gap: 4 }}
        data-testid="backup-header-line"
        data-alert={status.alert ? 'true' : 'false'}
      >
        <IconDatabaseExport size={14} aria-hidden />
        {text}
      </Text>
    </Tooltip>
  );
}
