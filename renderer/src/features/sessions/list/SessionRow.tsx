import { useId } from 'react';
import { Badge, Button, Group, Stack, Text, ThemeIcon } from '@mantine/core';
import { IconArrowRight, IconCalendarX, IconFileSearch, IconPencil, IconPrinter, IconUsersGroup } from '@tabler/icons-react';
import type { SessionSummary } from '../../../../../electron/shared/domain/session';
import { t } from '../../../i18n';
import { SessionOutcomeBadge, SessionStatusBadge } from './SessionBadges';
import { chinaParts, formatSessionTime, sessionOrdinal } from './session-labels';
import classes from './SessionsSection.module.css';
import { clock } from '../../../lib/clock';

export interface SessionRowProps {
  session: SessionSummary;
  staffName: (id: string) => string;
  /** The center's date, to mark today's sessions. */
  today: string;
  /** 修改安排 is reading the session @default false */
  loadingEdit?: boolean;
  onEnter: () => void;
  onPrint: () => void;
  onEdit: () => void;
  onCancel: () => void;
}

/** When: the planned time, or for one held the time it ran (9:02–10:30). */
function whenText(s: SessionSummary): string {
  if (!s.startedAt) return formatSessionTime(s.scheduledAt);
  const start = formatSessionTime(s.startedAt);
  if (!s.endedAt) return start;
  const end = chinaParts(s.endedAt);
  return chinaParts(s.startedAt).date === end.date ? `${start}–${Number(end.time.slice(0, 2))}:${end.time.slice(3)}` : `${start} – ${formatSessionTime(s.endedAt)}`;
}

/** One session or investigation: what, when, where, who, how it stands, and what can be done with it now. */
export function SessionRow({ session: s, staffName, today, loadingEdit = false, onEnter, onPrint, onEdit, onCancel }: SessionRowProps) {
  const titleId = useId();
  const isSession = s.kind === 'session';
  const scheduled = s.status === 'scheduled';
  const isToday = scheduled && chinaParts(s.scheduledAt).date === today;
  const overdue = scheduled && Date.parse(s.scheduledAt) < clock.nowMs() && !isToday;
  const people = s.mediatorIds.map(staffName).join('、');
  const where = [whenText(s), s.place].filter(Boolean).join(' · ');
  const who = [people ? `${isSession ? t.sessions.mediators : t.sessions.investigators} ${people}` : '', s.kind === 'investigation' && s.subjectLabel ? `${t.sessions.subject}：${s.subjectLabel}` : ''].filter(Boolean).join(' · ');
  return (
    <li className={classes.row} data-status={s.status} aria-labelledby={titleId}>
      <Group gap="sm" wrap="nowrap" align="flex-start">
        <ThemeIcon variant="light" color={s.status === 'cancelled' ? 'gray' : isSession ? 'navy' : 'teal'} size={34} radius="sm" className={classes.icon} aria-hidden>
          {isSession ? <IconUsersGroup size={18} /> : <IconFileSearch size={18} />}
        </ThemeIcon>
        <Stack gap={2} miw={0} className={classes.main}>
          <Group gap={8} wrap="wrap">
            <Text fw={600} fz="sm" id={titleId} td={s.status === 'cancelled' ? 'line-through' : undefined} c={s.status === 'cancelled' ? 'dimmed' : undefined}>
              {sessionOrdinal(s)}
            </Text>
            <SessionStatusBadge status={s.status} />
            {s.outcome ? <SessionOutcomeBadge outcome={s.outcome} /> : null}
            {isToday ? (
              <Badge color="orange" variant="outline" size="sm">
                {t.sessions.today}
              </Badge>
            ) : null}
          </Group>
          <Text fz="xs" c="dimmed">
            {where}
          </Text>
          {who ? (
            <Text fz="xs" c="dimmed">
              {who}
            </Text>
          ) : null}
          {overdue ? (
            <Text fz="xs" c="orange.8">
              {t.sessions.overdue}
            </Text>
          ) : null}
        </Stack>
        <Group gap={6} wrap="nowrap" className={classes.actions}>
          {scheduled ? (
            <>
              <Button size="compact-sm" variant="subtle" color="gray" leftSection={<IconPencil size={14} />} loading={loadingEdit} onClick={onEdit}>
                {t.sessions.edit}
              </Button>
              <Button size="compact-sm" variant="subtle" color="red" leftSection={<IconCalendarX size={14} />} onClick={onCancel}>
                {t.sessions.cancel}
              </Button>
            </>
          ) : null}
          {s.status === 'open' || s.status === 'closed' ? (
            <Button size="compact-sm" variant="default" leftSection={<IconPrinter size={14} />} onClick={onPrint}>
              {t.sessions.print}
            </Button>
          ) : null}
          {s.status !== 'cancelled' ? (
            <Button size="compact-sm" variant={s.status === 'closed' ? 'light' : 'filled'} rightSection={<IconArrowRight size={14} />} onClick={onEnter}>
              {t.sessions.enter}
            </Button>
          ) : null}
        </Group>
      </Group>
    </li>
  );
}
