import { Badge, Table, Text, UnstyledButton } from '@mantine/core';
import type { DeskReminder } from '../../../../electron/shared/ipc/contract';
import { t } from '../../i18n';
import { formatDate } from '../../lib/format';
import tableClasses from '../cases/components/CaseTable.module.css';

const d = t.desk;

/** Overdue in red, due within three days in orange, the rest calm. */
const REMINDER_LABELS: Record<DeskReminder['kind'], string> = {
  performance: d.reminderPerformance,
  confirmation: d.reminderConfirmation,
  'paper-scan': d.reminderPaperScan,
};

function DueBadge({ reminder }: { reminder: DeskReminder }) {
  const { daysLeft } = reminder;
  // A scan still awaited is counted from the day the paper was signed: it waits, it is not due.
  if (reminder.kind === 'paper-scan') {
    return (
      <Badge color="orange" variant="light" size="md">
        {daysLeft === 0 ? d.scanAwaitedToday : d.scanAwaitedDays(-daysLeft)}
      </Badge>
    );
  }
  const color = daysLeft < 0 ? 'red' : daysLeft <= 3 ? 'orange' : 'navy';
  return (
    <Badge color={color} variant="light" size="md">
      {daysLeft < 0 ? d.overdue(-daysLeft) : daysLeft === 0 ? d.dueToday : d.daysLeft(daysLeft)}
    </Badge>
  );
}

/** 履约与司法确认提醒: agreements with an obligation due soon (or overdue) or the confirmation window closing. */
export function RemindersTable({ items, onOpen }: { items: DeskReminder[]; onOpen: (id: string) => void }) {
  return (
    <Table.ScrollContainer minWidth={720}>
      <Table highlightOnHover className={tableClasses.table} aria-label={d.remindersSection}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{d.colNumber}</Table.Th>
            <Table.Th w={190}>{d.colReminder}</Table.Th>
            <Table.Th w={150}>{d.colDue}</Table.Th>
            <Table.Th w={150}>{d.colLeft}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((reminder) => (
            <Table.Tr key={`${reminder.item.id}-${reminder.kind}`} onClick={() => onOpen(reminder.item.id)} className={tableClasses.row}>
              <Table.Td>
                <UnstyledButton className={tableClasses.number} onClick={() => onOpen(reminder.item.id)} aria-label={t.caseList.openCase(reminder.item.caseNumber)}>
                  {reminder.item.caseNumber}
                </UnstyledButton>
                <Text fz="sm" lineClamp={1}>
                  {reminder.item.title}
                </Text>
              </Table.Td>
              <Table.Td>
                <Text fz="sm">{REMINDER_LABELS[reminder.kind]}</Text>
              </Table.Td>
              <Table.Td>
                <Text fz="sm">{formatDate(reminder.due)}</Text>
              </Table.Td>
              <Table.Td>
                <DueBadge reminder={reminder} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
