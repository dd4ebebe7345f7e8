import { Anchor, Button, Group, Stack, Text } from '@mantine/core';
import { IconAlertTriangleFilled, IconGavel } from '@tabler/icons-react';
import type { CaseRecord } from '../../../../../electron/shared/domain/case';
import { t } from '../../../i18n';
import { useDocumentViewer } from '../../documents/useDocumentViewer';
import { confirmationState } from './performance-rows';
import classes from './Performance.module.css';

const l = t.signing.confirmation;
const TEXT_COLOR = { gray: undefined, orange: 'orange.9', red: 'red.8' } as const;

/**
 * 司法确认 (人民调解法 art. 33): the last day to apply (effective date + 30 days, from the case's agreement summary),
 * orange from ten days left, red once past, and 出具司法确认申请书 through the documents viewer (preview, then issue).
 */
export function ConfirmationDeadline({ record, agreementId, due, today }: { record: CaseRecord; agreementId: string; due: string; today: string }) {
  const viewer = useDocumentViewer({ caseId: record.id, caseNumber: record.caseNumber, documents: record.documents });
  const { days, color } = confirmationState(due, today);
  const issued = record.documents.filter((d) => d.template === 'judicial-confirmation' && d.subjectId === agreementId).at(-1);
  return (
    <div className={classes.deadline} data-color={color} role="group" aria-label={l.title} data-testid="confirmation-deadline">
      <Group justify="space-between" align="center" wrap="wrap" gap="sm">
        <Stack gap={2}>
          <Group gap={6}>
            <IconGavel size={16} aria-hidden />
            <Text fz="sm" fw={600}>
              {l.title} · {l.deadline}
            </Text>
          </Group>
          <Group gap="sm" align="baseline">
            <Text className={classes.deadlineDate} c={TEXT_COLOR[color]}>
              {l.due(due)}
            </Text>
            <Group gap={4}>
              {color === 'red' ? <IconAlertTriangleFilled size={14} color="var(--mantine-color-red-7)" aria-hidden /> : null}
              <Text fz="sm" fw={color === 'gray' ? 400 : 600} c={TEXT_COLOR[color] ?? 'dimmed'}>
                {days < 0 ? l.past(-days) : l.left(days)}
              </Text>
            </Group>
          </Group>
          <Text fz="xs" c="dimmed" maw={520}>
            {l.hint}
          </Text>
        </Stack>
        <Stack gap={4} align="flex-end">
          <Button variant={color === 'gray' ? 'default' : 'filled'} color={color === 'gray' ? undefined : color} leftSection={<IconGavel size={16} />} onClick={() => void viewer.preview('judicial-confirmation', agreementId)}>
            {l.issue}
          </Button>
          {issued ? (
            <Anchor component="button" type="button" fz="xs" onClick={() => void viewer.open(issued)}>
              {l.issued(issued.version)} · {l.open}
            </Anchor>
          ) : null}
        </Stack>
      </Group>
      {viewer.modal}
    </div>
  );
}
