import { useEffect, useState } from 'react';
import dayjs from 'dayjs';
import { Alert, Badge, Box, Button, EmptyState, Group, Loader, Modal, Paper, SimpleGrid, Stack, Table, Text, UnstyledButton } from '@mantine/core';
import { IconBellRinging, IconClockHour4, IconFilePlus, IconInbox, IconRefresh, IconUserCheck, IconUserPlus } from '@tabler/icons-react';
import { disputeTypeLabel } from '../../../../electron/shared/domain/codes';
import type { DeskItem } from '../../../../electron/shared/ipc/contract';
import { useQuery } from '@tanstack/react-query';
import { useRouter } from '../../app/router';
import { PageHeader } from '../../components/PageHeader';
import { SectionCard } from '../../components/SectionCard';
import { t } from '../../i18n';
import { formatMinutes, formatTime } from '../../lib/format';
import { EscalationBadges, escalatedRowProps } from '../cases/components/Escalation';
import { StatusBadge } from '../cases/components/StatusBadge';
import { caseQueries } from '../cases/queries';
import { AssignForm } from '../decision/DecisionForms';
import { settingsQueries, staffQueries } from '../staff/queries';
import { RemindersTable } from './RemindersTable';
import classes from './DeskPage.module.css';
import tableClasses from '../cases/components/CaseTable.module.css';
import { clock } from '../../lib/clock';

export const DESK_REFRESH_MS = 30_000;
const d = t.desk;

/** "已等待 25 分钟" (amber after 30 minutes, red after an hour) or "用时 12 分钟" once decided. */
export function WaitBadge({ item }: { item: DeskItem }) {
  const text = formatMinutes(item.waitedMinutes);
  if (!item.waiting) {
    return (
      <Text fz="sm" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
        {d.took(text)}
      </Text>
    );
  }
  const color = item.waitedMinutes >= 60 ? 'red' : item.waitedMinutes >= 30 ? 'orange' : 'navy';
  return (
    <Badge color={color} variant="light" size="md" leftSection={<IconClockHour4 size={12} />} className={classes.wait}>
      {d.waited(text)}
    </Badge>
  );
}

function CaseCell({ item, onOpen }: { item: DeskItem; onOpen: (id: string) => void }) {
  return (
    <Stack gap={2}>
      <UnstyledButton
        className={tableClasses.number}
        onClick={(event) => {
          event.stopPropagation();
          onOpen(item.item.id);
        }}
        aria-label={t.caseList.openCase(item.item.caseNumber)}
      >
        {item.item.caseNumber}
      </UnstyledButton>
      <Text fz="sm" lineClamp={1}>
        {item.item.title}
      </Text>
      <EscalationBadges escalation={item.item.escalation} />
    </Stack>
  );
}

function Empty({ title, hint }: { title: string; hint: string }) {
  return (
    <Box py="xl">
      <EmptyState icon={<IconInbox size={24} />} withIndicatorBackground title={title} description={hint} size="sm" />
    </Box>
  );
}

function TodayTable({ items, onOpen }: { items: DeskItem[]; onOpen: (id: string) => void }) {
  if (items.length === 0) return <Empty title={d.emptyToday} hint={d.emptyTodayHint} />;
  return (
    <Table.ScrollContainer minWidth={720}>
      <Table highlightOnHover className={tableClasses.table} aria-label={d.todaySection}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={96} style={{ whiteSpace: 'nowrap' }}>{d.colRegistered}</Table.Th>
            <Table.Th>{d.colNumber}</Table.Th>
            <Table.Th w={150}>{d.colType}</Table.Th>
            <Table.Th w={90}>{d.colStatus}</Table.Th>
            <Table.Th w={170}>{d.colWait}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((item) => {
            const row = escalatedRowProps(item.item.escalation);
            return (
              <Table.Tr key={item.item.id} onClick={() => onOpen(item.item.id)} {...row} className={[tableClasses.row, row.className].filter(Boolean).join(' ')}>
                <Table.Td>
                  <Text fz="sm" fw={500}>
                    {formatTime(item.item.registeredAt)}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <CaseCell item={item} onOpen={onOpen} />
                </Table.Td>
                <Table.Td>
                  <Text fz="sm">{disputeTypeLabel(item.item.disputeType)}</Text>
                </Table.Td>
                <Table.Td>
                  <StatusBadge status={item.item.status} size="sm" />
                </Table.Td>
                <Table.Td>
                  <WaitBadge item={item} />
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function AwaitingTable({ items, onOpen, onAssign }: { items: DeskItem[]; onOpen: (id: string) => void; onAssign: (item: DeskItem) => void }) {
  if (items.length === 0) return <Empty title={d.emptyAwaiting} hint={d.emptyAwaitingHint} />;
  return (
    <Table.ScrollContainer minWidth={720}>
      <Table highlightOnHover className={tableClasses.table} aria-label={d.awaitingSection}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{d.colNumber}</Table.Th>
            <Table.Th w={150}>{d.colType}</Table.Th>
            <Table.Th w={150}>{d.colRoom}</Table.Th>
            <Table.Th w={170}>{d.colWait}</Table.Th>
            <Table.Th w={90}>{d.colAction}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((item) => {
            const row = escalatedRowProps(item.item.escalation);
            return (
              <Table.Tr key={item.item.id} onClick={() => onOpen(item.item.id)} {...row} className={[tableClasses.row, row.className].filter(Boolean).join(' ')}>
                <Table.Td>
                  <CaseCell item={item} onOpen={onOpen} />
                </Table.Td>
                <Table.Td>
                  <Text fz="sm">{disputeTypeLabel(item.item.disputeType)}</Text>
                </Table.Td>
                <Table.Td>
                  <Text fz="sm">{item.item.room || t.common.none}</Text>
                </Table.Td>
                <Table.Td>
                  <WaitBadge item={item} />
                </Table.Td>
                <Table.Td>
                  <Button
                    size="compact-sm"
                    leftSection={<IconUserPlus size={14} />}
                    onClick={(event) => {
                      event.stopPropagation();
                      onAssign(item);
                    }}
                    aria-label={`${d.assign} ${item.item.caseNumber}`}
                  >
                    {d.assign}
                  </Button>
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function Stat({ label, value, tone }: { label: string; value: number; tone?: 'attention' }) {
  return (
    <Paper withBorder p="sm" className={classes.stat} data-tone={value > 0 ? tone : undefined}>
      <Text fz="xs" c="dimmed">
        {label}
      </Text>
      <Text fz={26} fw={600} lh={1.2}>
        {value}
      </Text>
    </Paper>
  );
}

/** The inline 指派 of the desk: a small dialog with mediators (and their load) and the room. */
function AssignDialog({ item, onClose }: { item: DeskItem | null; onClose: () => void }) {
  const loads = useQuery(staffQueries.workload());
  const settings = useQuery(settingsQueries.get());
  return (
    <Modal opened={item !== null} onClose={onClose} title={item ? d.assign + ' · ' + item.item.caseNumber : ''} size="lg">
      {item ? (
        <Stack gap="sm">
          <Text fz="sm" c="dimmed">
            {item.item.title}
          </Text>
          {loads.data && settings.data ? (
            <AssignForm
              target={{ id: item.item.id, revision: item.item.revision, caseNumber: item.item.caseNumber }}
              loads={loads.data}
              rooms={settings.data.rooms}
              initial={{ mediatorIds: item.item.mediatorIds, room: item.item.room }}
              onDone={onClose}
            />
          ) : loads.error || settings.error ? (
            <Alert color="red">{t.decision.loadFailed}</Alert>
          ) : (
            <Loader size="sm" />
          )}
        </Stack>
      ) : null}
    </Modal>
  );
}

/**
 * 今日接待: the desk's queue. Today's registrations with how long each visitor has waited for a decision (or how long
 * the decision took), and accepted cases still waiting for a mediator, with 指派 in the row. Refreshes every 30 s and
 * after every action and whenever a case changes anywhere (live events; its query is under 'desk').
 */
export function DeskPage() {
  const { navigate } = useRouter();
  // Live events refresh it as cases change; the timer stays for what they cannot tell (waiting times grow).
  const desk = useQuery({ ...caseQueries.desk(), refetchInterval: DESK_REFRESH_MS });
  const [assigning, setAssigning] = useState<DeskItem | null>(null);
  const [updatedAt, setUpdatedAt] = useState<string | null>(null);
  const reload = () => void desk.refetch();

  useEffect(() => {
    if (desk.dataUpdatedAt > 0) setUpdatedAt(clock.nowIso());
  }, [desk.dataUpdatedAt]);

  const open = (id: string) => navigate({ name: 'case', id, from: 'desk' });
  const today = desk.data?.registeredToday ?? [];
  const awaiting = desk.data?.awaitingMediator ?? [];
  const reminders = desk.data?.reminders ?? [];
  const date = desk.data ? dayjs(desk.data.today).format('YYYY年M月D日 dddd') : '';

  return (
    <>
      <PageHeader
        title={d.title}
        description={date ? d.subtitle(date) : undefined}
        actions={
          <>
            {updatedAt ? (
              <Text fz="xs" c="dimmed">
                {d.updatedAt(formatTime(updatedAt))}
              </Text>
            ) : null}
            <Button variant="default" leftSection={<IconRefresh size={16} />} onClick={reload} loading={desk.isFetching && !!desk.data}>
              {t.common.refresh}
            </Button>
            <Button leftSection={<IconFilePlus size={18} />} onClick={() => navigate({ name: 'register' })}>
              {d.registerButton}
            </Button>
          </>
        }
      />
      {desk.error ? (
        <Alert color="red" title={t.common.loadFailed} mb="md">
          {desk.error.message}
        </Alert>
      ) : null}
      {!desk.data && !desk.error ? (
        <Box py="xl" ta="center">
          <Loader aria-label={t.app.loading} />
        </Box>
      ) : null}
      {desk.data ? (
        <Stack gap="md">
          <SimpleGrid cols={3} spacing="md">
            <Stat label={d.statToday} value={today.length} />
            <Stat label={d.statWaiting} value={today.filter((i) => i.waiting).length} tone="attention" />
            <Stat label={d.statAwaiting} value={awaiting.length} tone="attention" />
          </SimpleGrid>
          <SectionCard id="desk-today" title={d.todaySection} hint={d.todayHint}>
            <TodayTable items={today} onOpen={open} />
          </SectionCard>
          <SectionCard
            id="desk-awaiting"
            title={
              <Group gap="xs" component="span">
                <IconUserCheck size={20} />
                {d.awaitingSection}
              </Group>
            }
            hint={d.awaitingHint}
          >
            <AwaitingTable items={awaiting} onOpen={open} onAssign={setAssigning} />
          </SectionCard>
          {reminders.length > 0 ? (
            <SectionCard
              id="desk-reminders"
              title={
                <Group gap="xs" component="span">
                  <IconBellRinging size={20} />
                  {d.remindersSection}
                </Group>
              }
              hint={d.remindersHint}
            >
              <RemindersTable items={reminders} onOpen={open} />
            </SectionCard>
          ) : null}
        </Stack>
      ) : null}
      <AssignDialog item={assigning} onClose={() => setAssigning(null)} />
    </>
  );
}
