import { Text, Timeline } from '@mantine/core';
import { IconArrowBackUp, IconCircleCheck, IconFilePencil, IconPencil, IconSend } from '@tabler/icons-react';
import type { AgreementRecord, ReviewEvent } from '../../../../../electron/shared/domain/agreement';
import { SectionCard } from '../../../components/SectionCard';
import { t } from '../../../i18n';
import { formatDateTime } from '../../../lib/format';

const R = t.agreements.review;
const ICONS: Record<ReviewEvent['type'], typeof IconSend> = { submitted: IconSend, approved: IconCircleCheck, returned: IconArrowBackUp, reopened: IconPencil };
const COLORS: Record<ReviewEvent['type'], string> = { submitted: 'blue', approved: 'teal', returned: 'orange', reopened: 'orange' };

/** 审核记录: drafted, submitted, approved, returned (with the comment), reopened by a change — who and when. */
export function ReviewHistory({ agreement, staffName }: { agreement: Pick<AgreementRecord, 'review' | 'createdAt' | 'createdBy'>; staffName: (id: string) => string }) {
  return (
    <SectionCard title={R.title} id="agreement-review">
      <Timeline bulletSize={24} lineWidth={2} active={agreement.review.length} aria-label={R.title}>
        <Timeline.Item bullet={<IconFilePencil size={13} />} title={<Text fz="sm" fw={600}>{R.created}</Text>}>
          <Text fz="xs" c="dimmed">
            {staffName(agreement.createdBy)} · {formatDateTime(agreement.createdAt)}
          </Text>
        </Timeline.Item>
        {agreement.review.map((event, i) => {
          const Icon = ICONS[event.type];
          return (
            <Timeline.Item key={i} bullet={<Icon size={13} />} color={COLORS[event.type]} title={<Text fz="sm" fw={600}>{R.events[event.type]}</Text>} data-event={event.type}>
              <Text fz="xs" c="dimmed">
                {staffName(event.by)} · {formatDateTime(event.at)}
              </Text>
              {event.comment ? (
                <Text fz="sm" mt={2}>
                  {R.comment(event.comment)}
                </Text>
              ) : null}
            </Timeline.Item>
          );
        })}
      </Timeline>
    </SectionCard>
  );
}
