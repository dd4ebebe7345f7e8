import { Badge, type MantineColor } from '@mantine/core';
import { SESSION_OUTCOMES, SESSION_STATUSES, type SessionSummary } from '../../../../../electron/shared/domain/session';

type Outcome = NonNullable<SessionSummary['outcome']>;

/** Open work in blue, a session in progress in orange (someone is typing its record), finished ones quiet. */
const STATUS_COLORS: Record<SessionSummary['status'], MantineColor> = { scheduled: 'blue', open: 'orange', closed: 'gray', cancelled: 'gray' };
const OUTCOME_COLORS: Record<Outcome, MantineColor> = { continue: 'indigo', agreement: 'green', failed: 'red', suspended: 'yellow' };

/** 已安排 / 进行中 / 已结束 / 已取消 */
export function SessionStatusBadge({ status, size = 'sm' }: { status: SessionSummary['status']; /** @default 'sm' */ size?: 'xs' | 'sm' | 'md' }) {
  return (
    <Badge color={STATUS_COLORS[status]} variant={status === 'cancelled' ? 'outline' : 'light'} size={size}>
      {SESSION_STATUSES[status]}
    </Badge>
  );
}

/** 继续调解 / 达成协议 / 调解不成 / 中止调解 */
export function SessionOutcomeBadge({ outcome, size = 'sm' }: { outcome: Outcome; /** @default 'sm' */ size?: 'xs' | 'sm' | 'md' }) {
  return (
    <Badge color={OUTCOME_COLORS[outcome]} variant="filled" size={size}>
      {SESSION_OUTCOMES[outcome]}
    </Badge>
  );
}
