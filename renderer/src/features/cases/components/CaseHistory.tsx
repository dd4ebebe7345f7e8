import { useState } from 'react';
import { Button, Text, Timeline } from '@mantine/core';
import { IconHistory } from '@tabler/icons-react';
import type { AuditEvent } from '../../../../../electron/shared/domain/audit';
import { t } from '../../../i18n';
import { formatDateTime } from '../../../lib/format';

/** How many of the latest operations show before 显示更早的记录 (a session alone writes a dozen entries). */
const LATEST = 8;

/** The audit trail of the case: every recorded operation with its author, as stored (hash-chained) by main. */
export function AuditTimeline({ events }: { events: AuditEvent[] }) {
  const [all, setAll] = useState(false);
  if (events.length === 0) {
    return (
      <Text c="dimmed" fz="sm">
        {t.caseDetail.noAudit}
      </Text>
    );
  }
  const hidden = all ? 0 : Math.max(0, events.length - LATEST);
  const shown = events.slice(hidden);
  return (
    <>
      {hidden > 0 ? (
        <Button variant="subtle" size="compact-xs" color="gray" onClick={() => setAll(true)} w="fit-content">
          {t.caseDetail.showEarlierAudit(hidden)}
        </Button>
      ) : null}
      <Timeline bulletSize={18} lineWidth={1} color="gray" active={shown.length - 1}>
        {shown.map((event) => (
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
    </>
  );
}
