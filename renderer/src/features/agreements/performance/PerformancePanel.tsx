import { useState } from 'react';
import { Alert, Badge, Button, Center, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { IconAlarm, IconPencil } from '@tabler/icons-react';
import type { AgreementView } from '../../../../../electron/shared/ipc/contract';
import { useQuery } from '@tanstack/react-query';
import { useSession } from '../../../app/session';
import { t } from '../../../i18n';
import { formatDateTime } from '../../../lib/format';
import { caseQueries } from '../../cases/queries';
import { staffQueries } from '../../staff/queries';
import { agreementQueries } from '../signing/queries';
import { ConfirmationDeadline } from './ConfirmationDeadline';
import { PerformanceModal } from './PerformanceModal';
import { type PerformanceLine, type PerformanceStatus, performanceGroups, reminderCounts } from './performance-rows';
import classes from './Performance.module.css';

const l = t.signing.performance;
const STATUS_COLORS: Record<PerformanceStatus, string> = { pending: 'gray', done: 'teal', partial: 'orange', not: 'red' };

const lineName = (line: Pick<PerformanceLine, 'itemNumber' | 'instalment'>) => `${l.item(line.itemNumber)}${line.instalment !== null ? l.instalment(line.instalment + 1) : ''}`;

function UrgencyBadge({ line }: { line: PerformanceLine }) {
  if (line.urgency === 'overdue') return <Badge color="red" variant="filled" size="sm">{l.overdue(-(line.days ?? 0))}</Badge>;
  if (line.urgency === 'today') return <Badge color="orange" variant="filled" size="sm">{l.dueToday}</Badge>;
  if (line.urgency === 'soon') return <Badge color="orange" variant="light" size="sm">{l.dueSoon(line.days ?? 0)}</Badge>;
  return null;
}

/**
 * 履行情况 of an effective agreement, for the case page's agreement card: every obligation (its clause) and every
 * instalment with its due date and status, overdue and soon-due lines highlighted as reminders, a note per line, and
 * the judicial-confirmation deadline with 出具司法确认申请书.
 */
export function PerformancePanel({ caseId }: { caseId: string }) {
  const view = useQuery(agreementQueries.view(caseId));
  if (view.error) return <Alert color="red" title={l.loadFailed}>{view.error.message}</Alert>;
  if (!view.data) {
    return (
      <Center py="md">
        <Loader size="sm" aria-label={t.app.loading} />
      </Center>
    );
  }
  if (view.data.agreement.status !== 'effective') {
    return (
      <Text fz="sm" c="dimmed">
        {l.notEffective}
      </Text>
    );
  }
  return <Performance view={view.data} />;
}

function Performance({ view }: { view: AgreementView }) {
  const { info } = useSession();
  const record = useQuery(caseQueries.detail(view.agreement.caseId));
  const staff = useQuery(staffQueries.list());
  const [editing, setEditing] = useState<PerformanceLine | null>(null);
  const groups = performanceGroups(view, info.today);
  const { overdue, soon } = reminderCounts(groups);
  const staffName = (id: string) => staff.data?.find((s) => s.id === id)?.name ?? t.caseDetail.unknownStaff;
  const due = record.data?.record.agreement?.confirmationDue ?? null;

  return (
    <Stack gap="md" aria-label={l.title} role="region" data-testid="performance-panel">
      {record.data && due ? <ConfirmationDeadline record={record.data.record} agreementId={view.agreement.id} due={due} today={info.today} /> : null}
      <Group justify="space-between">
        <Title order={4} fz="md">
          {l.title}
        </Title>
        {overdue + soon > 0 ? (
          <Group gap={4}>
            <IconAlarm size={16} color={overdue ? 'var(--mantine-color-red-7)' : 'var(--mantine-color-orange-7)'} aria-hidden />
            <Text fz="sm" fw={600} c={overdue ? 'red.8' : 'orange.9'} role="status">
              {l.reminders(overdue, soon)}
            </Text>
          </Group>
        ) : null}
      </Group>
      {groups.length === 0 ? (
        <Text fz="sm" c="dimmed">
          {l.noObligations}
        </Text>
      ) : (
        groups.map((group) => (
          <Stack key={group.itemId} gap={6} className={classes.group}>
            <Text fz="sm" className={classes.clause}>
              <Text span fw={600}>
                {l.item(group.itemNumber)}
              </Text>{' '}
              {group.clause}
            </Text>
            <ul className={classes.lines} aria-label={l.item(group.itemNumber)}>
              {group.lines.map((line) => (
                <li key={`${line.itemId}/${line.instalment}`} className={classes.line} data-urgency={line.urgency ?? undefined} aria-label={lineName(line)}>
                  <Stack gap={0}>
                    <Text fz="sm" fw={500}>
                      {line.instalment !== null ? [l.instalment(line.instalment + 1), line.amount].filter(Boolean).join(' ') : l.whole}
                    </Text>
                    <Text fz="xs" c="dimmed">
                      {line.dueOn ? l.due(line.dueOn) : l.noDue}
                    </Text>
                  </Stack>
                  <Stack gap={2} miw={0}>
                    <Group gap={6}>
                      <Badge color={STATUS_COLORS[line.status]} variant={line.status === 'pending' ? 'outline' : 'light'} size="sm">
                        {l.statuses[line.status]}
                      </Badge>
                      <UrgencyBadge line={line} />
                    </Group>
                    {line.entry ? (
                      <Text fz="xs" c="dimmed" truncate>
                        {line.entry.note ? `${line.entry.note} · ` : ''}
                        {l.updated(formatDateTime(line.entry.updatedAt), staffName(line.entry.updatedBy))}
                      </Text>
                    ) : null}
                  </Stack>
                  <Button size="compact-sm" variant="subtle" leftSection={<IconPencil size={14} />} onClick={() => setEditing(line)} aria-label={`${l.record} ${lineName(line)}`}>
                    {l.record}
                  </Button>
                </li>
              ))}
            </ul>
          </Stack>
        ))
      )}
      <PerformanceModal caseId={view.agreement.caseId} revision={view.agreement.revision} line={editing} what={editing ? lineName(editing) : ''} onClose={() => setEditing(null)} />
    </Stack>
  );
}
