import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { IconAlertTriangleFilled, IconArrowBackUp, IconCircleCheckFilled, IconGavel, IconInfoCircle, IconLock, IconRefresh } from '@tabler/icons-react';
import type { AgreementRecord } from '../../../../../electron/shared/domain/agreement';
import { addDays } from '../../../../../electron/shared/validation/dates';
import { t } from '../../../i18n';
import { daysUntil, formatDateTime } from '../../../lib/format';
import { whoMay } from '../who-may';

const N = t.agreements.notices;

export interface NoticesProps {
  agreement: AgreementRecord;
  conflict: boolean;
  canReview: boolean;
  today: string;
  staffName: (id: string) => string;
  onReload: () => void;
}

/** The one notice that matters now: a conflict, the reviewer's comment, a change that reopened review, signing, effect. */
export function Notices({ agreement, conflict, canReview, today, staffName, onReload }: NoticesProps) {
  if (conflict) {
    return (
      <Alert color="red" variant="light" icon={<IconAlertTriangleFilled size={18} />} title={t.agreements.save.conflictTitle} role="alert">
        <Stack gap="xs" align="flex-start">
          <Text fz="sm">{t.agreements.save.conflictBody}</Text>
          <Button size="xs" color="red" leftSection={<IconRefresh size={14} />} onClick={onReload}>
            {t.agreements.save.reload}
          </Button>
        </Stack>
      </Alert>
    );
  }
  const last = agreement.review.at(-1);
  const oral = agreement.kind === 'oral';
  switch (agreement.status) {
    case 'effective': {
      const effectiveOn = agreement.effectiveOn ?? '';
      const due = !oral && effectiveOn ? addDays(effectiveOn, 30) : null;
      return (
        <Alert color="green" variant="light" icon={<IconCircleCheckFilled size={18} />} title={N.effectiveTitle(effectiveOn)} data-testid="agreement-effective">
          <Stack gap={6}>
            <Text fz="sm">{oral ? N.effectiveOral : N.effectiveWritten}</Text>
            {due ? (
              <Group gap={6} wrap="nowrap">
                <IconGavel size={16} />
                <Text fz="sm" fw={600}>
                  {N.confirmationDue(due, daysUntil(due, today))}
                </Text>
              </Group>
            ) : null}
          </Stack>
        </Alert>
      );
    }
    case 'approved':
      return agreement.signatures.length > 0 || agreement.seal ? (
        <Alert color="gray" variant="light" icon={<IconLock size={18} />} title={N.signingTitle}>
          {N.signing}
        </Alert>
      ) : (
        <Alert color="teal" variant="light" icon={<IconCircleCheckFilled size={18} />} title={N.approvedTitle}>
          {N.approved}
        </Alert>
      );
    case 'in_review':
      return (
        <Alert color="blue" variant="light" icon={<IconInfoCircle size={18} />}>
          {canReview ? N.inReviewReviewer : N.inReview(whoMay('agreements:review'))}
        </Alert>
      );
    case 'returned':
      return (
        <Alert color="orange" variant="light" icon={<IconArrowBackUp size={18} />} title={N.returnedTitle} role="alert">
          {last?.type === 'returned' ? N.returned(staffName(last.by), last.comment) : null}
        </Alert>
      );
    case 'draft':
      if (last?.type === 'reopened') {
        return (
          <Alert color="orange" variant="light" icon={<IconArrowBackUp size={18} />} title={N.reopenedTitle} role="alert" data-testid="agreement-reopened">
            {N.reopened(staffName(last.by), formatDateTime(last.at))}
          </Alert>
        );
      }
      return oral ? (
        <Alert color="blue" variant="light" icon={<IconInfoCircle size={18} />}>
          {N.oral}
        </Alert>
      ) : null;
    default:
      throw new Error(`unknown agreement status ${String(agreement.status satisfies never)}`);
  }
}
