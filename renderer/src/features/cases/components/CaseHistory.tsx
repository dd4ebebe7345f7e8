import { Text, Timeline } from '@mantine/core';
import { IconCircleCheck, IconHistory } from '@tabler/icons-react';
import type { AuditEvent } from '../../../../../electron/shared/domain/audit';
import type { CaseAction } from '../../../../../electron/shared/domain/case-actions';
import { t } from '../../../i18n';
import { formatDateTime } from '../../../lib/format';

/** The procedural record: each step of the case, who took it and when (newest last, as in a case file). */
export function CaseHistory({ actions, staffName }: { actions: CaseAction[]; staffName: (id: string) => string }) {
  return (
    <Timeline active={actions.length - 1} bulletSize={22} lineWidth={2}>
      {actions.map((action) => (
        <Timeline.Item key={action.id} bullet={<IconCircleCheck size={14} />} title={t.caseActions[action.type]}>
          <Text fz="xs" c="dimmed">
            {formatDateTime(action.at)} · {t.caseDetail.by(staffName(action.by))}
          </Text>
          {action.note ? (
            <Text fz="sm" mt={4}>
              {action.note}
            </Text>
          ) : null}
        </Timeline.Item>
      ))}
    </Timeline>
  );
}

/** The audit trail of the case: every recorded operation with its author, as stored (hash-chained) by main. */
export function AuditTimeline({ events }: { events: AuditEvent[] }) {
  if (events.length === 0) {
    return (
      <Text c="dimmed" fz="sm">
        {t.caseDetail.noAudit}
      </Text>
    );
  }
  return (
    <Timeline bulletSize={18} lineWidth={1} color="gray" active={events.length - 1}>
      {events.map((event) => (
        <Timeline.Item key={event.seq} bullet={<IconHistory size={11} />} title={<Text fz="sm" fw={500}>{t.auditActions[event.action] ?? event.action}</Text>}>
          <Text fz="xs" c="dimmed">
            {formatDateTime(event.at)} · {event.actorName}
          </Text>
          {event.detail ? (
            <Text fz="xs" mt={2}>
              {event.detail}
            </Text>
          ) : null}
        </Timeline.Item>
      ))}
    </Timeline>
  );
}
