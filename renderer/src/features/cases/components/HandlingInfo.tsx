import { Badge, Group, SimpleGrid, Stack, Text } from '@mantine/core';
import type { CaseRecord } from '../../../../../electron/shared/domain/case';
import type { CaseStatus } from '../../../../../electron/shared/domain/case-actions';
import { REFUSAL_GROUNDS } from '../../../../../electron/shared/domain/decisions';
import { InfoField } from '../../../components/InfoField';
import { t } from '../../../i18n';
import { mediationDueUrgency } from '../../../../../electron/shared/domain/reminders';
import { formatDateTime } from '../../../lib/format';
import { StatusBadge } from './StatusBadge';

const c = t.caseDetail;

/** A deadline with what it means today: 剩余 12 天 / 今日到期 / 已超期 3 天 (red). */
export function DeadlineText({ due, today }: { due: string | null; today: string }) {
  if (!due) return <>{c.notSet}</>;
  const { days: left, urgency } = mediationDueUrgency(due, today);
  return (
    <Group gap={6} component="span">
      <span>{due}</span>
      <Badge size="sm" variant="light" color={urgency === 'past' ? 'red' : urgency === 'soon' ? 'orange' : 'gray'}>
        {c.daysLeft(left)}
      </Badge>
    </Group>
  );
}

/** 承办信息: where the case stands after the desk: status, deadline, mediators and room, or the refusal / transfer. */
export function HandlingInfo({ record, status, today, staffName }: { record: CaseRecord; status: CaseStatus; today: string; staffName: (id: string) => string }) {
  const mediators = record.assignment?.mediatorIds ?? [];
  const decision = record.decision;
  return (
    <Stack gap="md">
      <SimpleGrid cols={2} spacing="md" verticalSpacing="sm">
        <InfoField label={c.status}>
          <StatusBadge status={status} />
        </InfoField>
        <InfoField label={c.registeredAt}>{formatDateTime(record.createdAt)}</InfoField>
        {decision === null ? (
          <>
            <InfoField label={c.dueDate}>
              <DeadlineText due={record.deadlines.mediationDue} today={today} />
            </InfoField>
            <InfoField label={c.room}>{record.assignment?.room}</InfoField>
            <InfoField label={c.mediators}>
              {mediators.length > 0 ? (
                mediators.map(staffName).join('、')
              ) : (
                <Text span fz="sm" c={status === 'accepted' ? 'orange.8' : 'dimmed'}>
                  {c.noMediator}
                </Text>
              )}
            </InfoField>
          </>
        ) : null}
        {decision?.kind === 'refused' ? (
          <>
            <InfoField label={c.referTo}>{decision.body}</InfoField>
          </>
        ) : null}
        {decision?.kind === 'transferred' ? (
          <>
            <InfoField label={c.receivingBody}>{decision.body}</InfoField>
            <InfoField label={c.transferReplyDue}>
              <DeadlineText due={record.deadlines.transferReplyDue} today={today} />
            </InfoField>
          </>
        ) : null}
      </SimpleGrid>
      {decision?.kind === 'refused' && decision.ground ? <InfoField label={c.refusalGround}>{REFUSAL_GROUNDS[decision.ground]}</InfoField> : null}
      {decision?.note ? <InfoField label={c.decisionNote}>{decision.note}</InfoField> : null}
    </Stack>
  );
}
