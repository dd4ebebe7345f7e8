import dayjs from 'dayjs';
import { Alert, Badge, Box, Button, EmptyState, Group, Loader, SimpleGrid, Stack, Table, Text, UnstyledButton } from '@mantine/core';
import { IconCalendarEvent, IconFileText, IconInbox, IconListDetails, IconRefresh } from '@tabler/icons-react';
import type { CaseListItem, MySession } from '../../../../electron/shared/ipc/contract';
import { useQuery } from '@tanstack/react-query';
import { useRouter } from '../../app/router';
import { useSession } from '../../app/session';
import { PageHeader } from '../../components/PageHeader';
import { SectionCard } from '../../components/SectionCard';
import { t } from '../../i18n';
import { formatDate, formatDateTime, formatTime } from '../../lib/format';
import { StatusBadge } from '../cases/components/StatusBadge';
import { caseQueries } from '../cases/queries';
import tableClasses from '../cases/components/CaseTable.module.css';
import { DESK_REFRESH_MS } from './DeskPage';

const m = t.myDesk;

function CaseLink({ item, onOpen }: { item: CaseListItem; onOpen: (id: string) => void }) {
  return (
    <Stack gap={2}>
      <UnstyledButton className={tableClasses.number} onClick={() => onOpen(item.id)} aria-label={t.caseList.openCase(item.caseNumber)}>
        {item.caseNumber}
      </UnstyledButton>
      <Text fz="sm" lineClamp={1}>
        {item.title}
      </Text>
    </Stack>
  );
}

function Empty({ title }: { title: string }) {
  return (
    <Box py="md">
      <EmptyState icon={<IconInbox size={22} />} withIndicatorBackground title={title} size="sm" />
    </Box>
  );
}

function SessionsTable({ rows, withDate, label, onOpen, onSession }: { rows: MySession[]; withDate: boolean; label: string; onOpen: (id: string) => void; onSession: (row: MySession) => void }) {
  return (
    <Table className={tableClasses.table} aria-label={label} highlightOnHover>
      <Table.Thead>
        <Table.Tr>
          <Table.Th w={withDate ? 150 : 80}>{m.colTime}</Table.Th>
          <Table.Th>{m.colCase}</Table.Th>
          <Table.Th w={110}>{m.colKind}</Table.Th>
          <Table.Th w={160}>{m.colPlace}</Table.Th>
          <Table.Th w={90}>{m.colStatus}</Table.Th>
          <Table.Th w={100} />
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((row) => (
          <Table.Tr key={row.session.id}>
            <Table.Td style={{ whiteSpace: 'nowrap' }}>{withDate ? formatDateTime(row.session.scheduledAt).slice(5) : formatTime(row.session.scheduledAt)}</Table.Td>
            <Table.Td>
              <CaseLink item={row.item} onOpen={onOpen} />
            </Table.Td>
            <Table.Td>{m.nth(m.kind[row.session.kind], row.session.number)}</Table.Td>
            <Table.Td>{row.session.place}</Table.Td>
            <Table.Td>
              <Badge variant="light" color={row.session.status === 'open' ? 'orange' : row.session.status === 'closed' ? 'gray' : 'navy'}>
                {m.sessionStatus[row.session.status]}
              </Badge>
            </Table.Td>
            <Table.Td>
              <Button size="compact-sm" variant="light" onClick={() => onSession(row)}>
                {m.openSession}
              </Button>
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

function CasesTable({ items, onOpen }: { items: CaseListItem[]; onOpen: (id: string) => void }) {
  return (
    <Table className={tableClasses.table} aria-label={m.myCases} highlightOnHover>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{m.colCase}</Table.Th>
          <Table.Th w={110}>{m.colStatus}</Table.Th>
          <Table.Th w={160}>{m.colRoom}</Table.Th>
          <Table.Th w={120}>{m.colDue}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {items.map((item) => (
          <Table.Tr key={item.id}>
            <Table.Td>
              <CaseLink item={item} onOpen={onOpen} />
            </Table.Td>
            <Table.Td>
              <StatusBadge status={item.status} size="sm" />
            </Table.Td>
            <Table.Td>{item.room || t.common.none}</Table.Td>
            <Table.Td>{formatDate(item.mediationDue)}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

function AgreementColumn({ title, items, onOpen }: { title: string; items: CaseListItem[]; onOpen: (id: string) => void }) {
  return (
    <Stack gap="xs" aria-label={title} role="region">
      <Group gap={6}>
        <Text fw={600}>{title}</Text>
        <Badge variant="light" color={items.length > 0 ? 'orange' : 'gray'}>
          {items.length}
        </Badge>
      </Group>
      {items.map((item) => (
        <Stack key={item.id} gap={2} p="xs" style={{ border: '1px solid var(--mantine-color-gray-3)', borderRadius: 'var(--mantine-radius-sm)' }}>
          <CaseLink item={item} onOpen={onOpen} />
          <Text fz="xs" c="dimmed">
            {m.agreementState[item.agreementStatus === null ? 'none' : item.agreementStatus === 'effective' ? 'approved' : item.agreementStatus]}
          </Text>
        </Stack>
      ))}
    </Stack>
  );
}

/**
 * 我的工作台: the signed-in person's own work. A mediator's sessions today and this week and the open cases assigned to
 * them; a legal advisor's (or 中心负责人's) agreements waiting for drafting, review or signing. Refreshes like 今日接待.
 */
export function MyDeskPage() {
  const { navigate } = useRouter();
  const { staff } = useSession();
  const desk = useQuery({ ...caseQueries.mine(), refetchInterval: DESK_REFRESH_MS });
  const reload = () => void desk.refetch();

  const open = (id: string) => navigate({ name: 'case', id, from: 'mine' });
  const openSession = (row: MySession) => navigate({ name: 'session', caseId: row.item.id, sessionId: row.session.id });
  const data = desk.data;
  const mediates = staff.roles.includes('mediator');
  const advises = staff.roles.includes('legal_advisor') || staff.roles.includes('head');
  const day = (iso: string) => dayjs(iso).format('M月D日');

  return (
    <>
      <PageHeader
        title={m.title}
        description={m.subtitle(staff.name)}
        actions={
          <Button variant="default" leftSection={<IconRefresh size={16} />} onClick={reload} loading={desk.isFetching && !!data}>
            {m.refresh}
          </Button>
        }
      />
      {desk.error ? (
        <Alert color="red" title={m.loadFailed} mb="md">
          {desk.error.message}
        </Alert>
      ) : null}
      {!data && !desk.error ? (
        <Box py="xl" ta="center">
          <Loader aria-label={t.app.loading} />
        </Box>
      ) : null}
      {data ? (
        <Stack gap="md">
          {mediates || data.sessionsToday.length > 0 ? (
            <SectionCard id="mine-today" title={<Group gap="xs" component="span"><IconCalendarEvent size={20} />{m.sessionsToday(dayjs(data.today).format('M月D日 dddd'))}</Group>}>
              {data.sessionsToday.length > 0 ? <SessionsTable rows={data.sessionsToday} withDate={false} label={m.sessionsToday(day(data.today))} onOpen={open} onSession={openSession} /> : <Empty title={m.emptyToday} />}
            </SectionCard>
          ) : null}
          {mediates || data.sessionsThisWeek.length > 0 ? (
            <SectionCard id="mine-week" title={m.sessionsWeek(day(data.week.start), day(data.week.end))}>
              {data.sessionsThisWeek.length > 0 ? <SessionsTable rows={data.sessionsThisWeek} withDate label={m.sessionsWeek(day(data.week.start), day(data.week.end))} onOpen={open} onSession={openSession} /> : <Empty title={m.emptyWeek} />}
            </SectionCard>
          ) : null}
          {mediates || data.cases.length > 0 ? (
            <SectionCard id="mine-cases" title={<Group gap="xs" component="span"><IconListDetails size={20} />{m.myCases}</Group>}>
              {data.cases.length > 0 ? <CasesTable items={data.cases} onOpen={open} /> : <Empty title={m.emptyCases} />}
            </SectionCard>
          ) : null}
          {advises ? (
            <SectionCard id="mine-agreements" title={<Group gap="xs" component="span"><IconFileText size={20} />{m.agreementsTitle}</Group>}>
              {data.agreements.drafting.length + data.agreements.review.length + data.agreements.signing.length === 0 ? (
                <Empty title={m.emptyAgreements} />
              ) : (
                <SimpleGrid cols={3} spacing="md">
                  <AgreementColumn title={m.drafting} items={data.agreements.drafting} onOpen={(id) => navigate({ name: 'agreement', caseId: id })} />
                  <AgreementColumn title={m.review} items={data.agreements.review} onOpen={(id) => navigate({ name: 'agreement', caseId: id })} />
                  <AgreementColumn title={m.signing} items={data.agreements.signing} onOpen={(id) => navigate({ name: 'agreement-signing', caseId: id })} />
                </SimpleGrid>
              )}
            </SectionCard>
          ) : null}
        </Stack>
      ) : null}
    </>
  );
}
