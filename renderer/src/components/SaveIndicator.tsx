import { Button, Group, Loader, Text, Tooltip } from '@mantine/core';
import { IconAlertTriangleFilled, IconCloudCheck, IconCloudExclamation, IconPencil } from '@tabler/icons-react';
import dayjs from 'dayjs';
import { t } from '../i18n';
import type { SaveStatus } from '../lib/autosave';

const S = t.saveState;

/**
 * The autosave state of an editor (session record, agreement), always in the same place: 已保存 14:32:05 / 正在保存… /
 * 未保存的修改 / 保存失败 (重试) / 保存冲突. A fixed minimum width keeps the header's buttons from moving as it changes.
 */
export function SaveIndicator({ status, onRetry }: { status: SaveStatus; onRetry: () => void }) {
  let content;
  switch (status.state) {
    case 'saved':
      content = (
        <Group gap={4} c="teal.8" wrap="nowrap">
          <IconCloudCheck size={16} />
          <Text fz="sm">{status.at ? S.saved(dayjs(status.at).format('HH:mm:ss')) : S.savedNever}</Text>
        </Group>
      );
      break;
    case 'pending':
      content = (
        <Group gap={4} c="gray.7" wrap="nowrap">
          <IconPencil size={16} />
          <Text fz="sm">{S.pending}</Text>
        </Group>
      );
      break;
    case 'saving':
      content = (
        <Group gap={6} c="gray.7" wrap="nowrap">
          <Loader size={12} color="gray" />
          <Text fz="sm">{S.saving}</Text>
        </Group>
      );
      break;
    case 'failed':
      content = (
        <Group gap={6} c="red.7" wrap="nowrap">
          <Tooltip label={S.failedHint(status.message)} withinPortal multiline w={280}>
            <Group gap={4} wrap="nowrap">
              <IconCloudExclamation size={16} />
              <Text fz="sm" fw={600}>
                {S.failed}
              </Text>
            </Group>
          </Tooltip>
          <Button size="compact-xs" color="red" variant="light" onClick={onRetry}>
            {S.retry}
          </Button>
        </Group>
      );
      break;
    case 'conflict':
      content = (
        <Group gap={4} c="red.7" wrap="nowrap">
          <IconAlertTriangleFilled size={16} />
          <Text fz="sm" fw={600}>
            {S.conflict}
          </Text>
        </Group>
      );
      break;
    default:
      throw new Error(`unknown save state ${JSON.stringify(status satisfies never)}`);
  }
  return (
    <Group miw={150} justify="flex-end" role="status" aria-label={S.status} aria-live="polite" data-state={status.state} wrap="nowrap">
      {content}
    </Group>
  );
}
