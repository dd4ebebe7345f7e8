import { Badge, type MantineColor } from '@mantine/core';
import { CASE_STATUSES, type CaseStatus } from '../../../../../electron/shared/domain/case-actions';

/** Colour per status: open work in blues, outcomes in green/teal, dead ends in grey. */
const STATUS_COLORS: Record<CaseStatus, MantineColor> = {
  registered: 'blue',
  accepted: 'cyan',
  mediating: 'indigo',
  suspended: 'yellow',
  agreed: 'green',
  terminated: 'gray',
  refused: 'gray',
  transferred: 'violet',
  closed: 'teal',
  archived: 'dark',
};

/** A case status as a badge. */
export function StatusBadge({ status, size = 'md' }: { /** @default 'md' */ size?: 'sm' | 'md' | 'lg'; status: CaseStatus }) {
  return (
    <Badge color={STATUS_COLORS[status]} variant="light" size={size}>
      {CASE_STATUSES[status]}
    </Badge>
  );
}
